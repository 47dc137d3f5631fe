/* emit.c: event output as JSON lines and TSV. */
#include "emit.h"
#include "date.h"

#include <jansson.h>
#include <string.h>

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

void rl_emit_tsv_header(FILE *out)
{
    fputs("story_id\tsentence\tdate\tstory_date\tsource\ttarget\tcameo\troot\tquad_class\t"
          "goldstein\tplover\tmodality\tdate_expr\tquantity\tevidence\ttext\n", out);
}

/* TSV fields cannot hold tabs or newlines */
static void tsv_field(FILE *out, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc(s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ? ' ' : s[i], out);
}

int rl_emit_event(FILE *out, int format, const rl_story *s, const rl_event *e,
                  const char *sent, size_t sent_len)
{
    char date[11], sdate[11];
    rl_day_format(e->date, date);
    rl_day_format(s->date, sdate);
    if (format == RL_OUT_TSV) {
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
    json_t *o = json_object();
    if (!o)
        return -1;
    json_object_set_new(o, "story_id", json_string(s->id ? s->id : ""));
    json_object_set_new(o, "sentence", json_integer(e->sentence));
    json_object_set_new(o, "source", json_string(e->source));
    json_object_set_new(o, "target", json_string(e->target));
    json_object_set_new(o, "cameo", json_string(e->code));
    json_object_set_new(o, "root", json_string(e->root));
    json_object_set_new(o, "quad_class", json_integer(e->quad));
    json_object_set_new(o, "goldstein", json_real(e->goldstein));
    json_object_set_new(o, "plover", json_string(e->plover ? e->plover : ""));
    json_object_set_new(o, "event_name", json_string(e->name ? e->name : ""));
    json_object_set_new(o, "date", date[0] ? json_string(date) : json_null());
    json_object_set_new(o, "story_date", sdate[0] ? json_string(sdate) : json_null());
    json_object_set_new(o, "date_expr", e->date_expr[0] ? json_string(e->date_expr) : json_null());
    json_object_set_new(o, "modality", json_string(rl_modality_name(e->modality)));
    json_object_set_new(o, "evidence", json_string(e->evidence));
    json_object_set_new(o, "source_text", json_string(e->source_text));
    json_object_set_new(o, "target_text", json_string(e->target_text));
    if (e->quantity > 0) {
        json_t *q = json_object();
        json_object_set_new(q, "value", json_real(e->quantity));
        json_object_set_new(q, "unit", json_string(e->quantity_unit));
        json_object_set_new(o, "quantity", q);
    }
    json_t *t = json_stringn(sent, sent_len);
    json_object_set_new(o, "text", t ? t : json_string(""));
    if (s->url)
        json_object_set_new(o, "url", str_or_null(s->url));
    if (s->source)
        json_object_set_new(o, "publisher", str_or_null(s->source));
    int rc = json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(o);
    fputc('\n', out);
    return rc || ferror(out) ? -1 : 0;
}
