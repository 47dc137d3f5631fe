/* emit.c: event output as JSON lines and TSV.
 *
 * JSON goes through jansson, but one object is built once and its values are
 * updated in place for every event, then dumped into a reusable buffer and
 * written with one fwrite: building and freeing a fresh object per event cost
 * more than all of the coding (callgrind). */
#include "emit.h"
#include "buf.h"
#include "date.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum {
    F_STORY, F_SENT, F_SOURCE, F_TARGET, F_CAMEO, F_ROOT, F_QUAD, F_GOLD, F_PLOVER, F_NAME,
    F_DATE, F_SDATE, F_DEXPR, F_MOD, F_EVID, F_STEXT, F_TTEXT, F_TEXT, F_COUNT
};
static const char *const KEYS[F_COUNT] = {
    "story_id", "sentence", "source", "target", "cameo", "root", "quad_class", "goldstein",
    "plover", "event_name", "date", "story_date", "date_expr", "modality", "evidence",
    "source_text", "target_text", "text",
};

struct rl_emitter {
    FILE *out;
    int format;
    json_t *obj;
    json_t *str[F_COUNT];   /* reusable string values (NULL for numbers) */
    json_t *sent, *quad;
    json_t *gold;
    json_t *null;
    rl_buf buf;
};

rl_emitter *rl_emitter_new(FILE *out, int format)
{
    rl_emitter *em = calloc(1, sizeof *em);
    if (!em)
        return NULL;
    em->out = out;
    em->format = format;
    rl_buf_init(&em->buf);
    if (format == RL_OUT_TSV) {
        fputs("story_id\tsentence\tdate\tstory_date\tsource\ttarget\tcameo\troot\tquad_class\t"
              "goldstein\tplover\tmodality\tdate_expr\tquantity\tevidence\ttext\n", out);
        return em;
    }
    em->obj = json_object();
    em->null = json_null();
    if (!em->obj)
        goto fail;
    for (int i = 0; i < F_COUNT; i++) {
        json_t *v;
        if (i == F_SENT)
            v = em->sent = json_integer(0);
        else if (i == F_QUAD)
            v = em->quad = json_integer(0);
        else if (i == F_GOLD)
            v = em->gold = json_real(0);
        else
            v = em->str[i] = json_string("");
        if (!v || json_object_set(em->obj, KEYS[i], v))
            goto fail;
    }
    return em;
fail:
    rl_emitter_free(em);
    return NULL;
}

void rl_emitter_free(rl_emitter *em)
{
    if (!em)
        return;
    for (int i = 0; i < F_COUNT; i++)
        json_decref(em->str[i]);
    json_decref(em->sent);
    json_decref(em->quad);
    json_decref(em->gold);
    json_decref(em->null);
    json_decref(em->obj);
    rl_buf_release(&em->buf);
    free(em);
}

/* TSV fields cannot hold tabs or newlines */
static void tsv_field(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], out);
}

static int emit_tsv(rl_emitter *em, const rl_story *s, const rl_event *e, const char *sent,
                    size_t sent_len, const char *date, const char *sdate)
{
    FILE *out = em->out;
    fprintf(out, "%s\t%u\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%.1f\t%s\t%s\t", s->id, e->sentence, date,
            sdate, e->source, e->target, e->code, e->root, e->quad, (double)e->goldstein,
            e->plover ? e->plover : "", rl_modality_name(e->modality));
    tsv_field(out, e->date_expr, strlen(e->date_expr));
    fputc('\t', out);
    if (e->quantity > 0)
        fprintf(out, "%.0f %s", e->quantity, e->quantity_unit);
    fputc('\t', out);
    tsv_field(out, e->evidence, strlen(e->evidence));
    fputc('\t', out);
    tsv_field(out, sent, sent_len);
    fputc('\n', out);
    return ferror(out) ? -1 : 0;
}

/* Sets a reusable string value, or null when s is NULL or empty and nullable. */
static int set_str(rl_emitter *em, int f, const char *s, size_t n, int nullable)
{
    if (nullable && (!s || !n))
        return json_object_set(em->obj, KEYS[f], em->null);
    if (json_object_get(em->obj, KEYS[f]) != em->str[f] &&
        json_object_set(em->obj, KEYS[f], em->str[f]))
        return -1;
    if (json_string_setn(em->str[f], s ? s : "", s ? n : 0) == 0)
        return 0;
    /* not valid UTF-8 (cannot happen after cleanup): write it empty */
    return json_string_set(em->str[f], "");
}

static int set_s(rl_emitter *em, int f, const char *s, int nullable)
{
    return set_str(em, f, s, s ? strlen(s) : 0, nullable);
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
    return rl_buf_add(data, buffer, size) ? -1 : 0;
}

int rl_emit(rl_emitter *em, const rl_story *s, const rl_event *e, const char *sent,
            size_t sent_len)
{
    char date[11], sdate[11];
    rl_day_format(e->date, date);
    rl_day_format(s->date, sdate);
    if (em->format == RL_OUT_TSV)
        return emit_tsv(em, s, e, sent, sent_len, date, sdate);
    int rc = set_s(em, F_STORY, s->id ? s->id : "", 0);
    json_integer_set(em->sent, e->sentence);
    rc |= set_s(em, F_SOURCE, e->source, 0);
    rc |= set_s(em, F_TARGET, e->target, 0);
    rc |= set_s(em, F_CAMEO, e->code, 0);
    rc |= set_s(em, F_ROOT, e->root, 0);
    json_integer_set(em->quad, e->quad);
    json_real_set(em->gold, e->goldstein);
    rc |= set_s(em, F_PLOVER, e->plover ? e->plover : "", 0);
    rc |= set_s(em, F_NAME, e->name ? e->name : "", 0);
    rc |= set_s(em, F_DATE, date, 1);
    rc |= set_s(em, F_SDATE, sdate, 1);
    rc |= set_s(em, F_DEXPR, e->date_expr, 1);
    rc |= set_s(em, F_MOD, rl_modality_name(e->modality), 0);
    rc |= set_s(em, F_EVID, e->evidence, 0);
    rc |= set_s(em, F_STEXT, e->source_text, 0);
    rc |= set_s(em, F_TTEXT, e->target_text, 0);
    rc |= set_str(em, F_TEXT, sent, sent_len, 0);
    /* optional fields */
    json_object_del(em->obj, "quantity");
    json_object_del(em->obj, "url");
    json_object_del(em->obj, "publisher");
    if (e->quantity > 0)
        rc |= json_object_set_new(em->obj, "quantity",
                                  json_pack("{s:f,s:s}", "value", e->quantity, "unit", e->quantity_unit));
    if (s->url)
        rc |= json_object_set_new(em->obj, "url", json_string(s->url));
    if (s->source)
        rc |= json_object_set_new(em->obj, "publisher", json_string(s->source));
    if (rc)
        return -1;
    rl_buf_clear(&em->buf);
    if (json_dump_callback(em->obj, dump_cb, &em->buf,
                           JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4)) ||
        rl_buf_addc(&em->buf, '\n'))
        return -1;
    return fwrite(em->buf.data, 1, em->buf.len, em->out) == em->buf.len ? 0 : -1;
}
