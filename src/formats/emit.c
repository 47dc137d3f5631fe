/* emit.c: event output as JSON lines and TSV.
 *
 * Input JSON is parsed by jansson (input.c). Output lines are written here with
 * a small string escaper into one reusable buffer and a single fwrite per
 * event: jansson's dumper escaped character by character through callbacks and
 * took 36% of all instructions of `redline code` (callgrind, docs/design.md).
 * tests/run.sh parses every output line back with a JSON parser. */
#include "formats/emit.h"
#include "base/buf.h"
#include "base/csv.h"
#include "base/day.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct rl_emitter {
    FILE *out;
    int format;
    rl_buf buf;
    unsigned long seq;     /* Phoenix EventID */
    const rl_names *names; /* borrowed, may be NULL */
    unsigned long left_out; /* Phoenix: negated and hypothetical events */
};

/* the columns of TSV and CSV, in order (docs/output.md) */
static const char *const columns[] = {
    "story_id", "sentence", "date", "story_date", "source", "target", "cameo", "root",
    "quad_class", "goldstein", "plover", "modality", "date_expr", "quantity", "evidence", "text",
    "date_precision", "form", "claimed_by", "source_name", "target_name", "plover_mode",
    "plover_context", "location", "location_country", "location_region", "lat", "lon",
    "location_precision",
};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

rl_emitter *rl_emitter_new(FILE *out, int format, const char *comment)
{
    rl_emitter *em = calloc(1, sizeof *em);
    if (!em)
        return NULL;
    em->out = out;
    em->format = format;
    rl_buf_init(&em->buf);
    if (format == RL_OUT_TSV && comment)
        fprintf(out, "# %s\n", comment);
    if (format == RL_OUT_TSV || format == RL_OUT_CSV) {
        for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++) {
            fputs(columns[i], out);
            fputs(i + 1 < sizeof columns / sizeof columns[0] ? (format == RL_OUT_CSV ? "," : "\t")
                                                             : (format == RL_OUT_CSV ? "\r\n" : "\n"),
                  out);
        }
    }
    return em;
}

void rl_emitter_set_names(rl_emitter *em, const rl_names *names)
{
    em->names = names;
}

unsigned long rl_emitter_left_out(const rl_emitter *em)
{
    return em->left_out;
}

void rl_emitter_free(rl_emitter *em)
{
    if (!em)
        return;
    rl_buf_release(&em->buf);
    free(em);
}
/* A coordinate as the gazetteer writes it (at most four decimals, no
 * trailing zeros: 49.99, -0.13, 6), without printf. */
static size_t coord(double v, char *out)
{
    size_t k = 0;
    long long q = (long long)(v * 10000.0 + (v < 0 ? -0.5 : 0.5));
    if (q < 0) {
        out[k++] = '-';
        q = -q;
    }
    char d[24];
    int n = 0;
    long long ip = q / 10000, fp = q % 10000;
    do {
        d[n++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip && n < 20);
    while (n)
        out[k++] = d[--n];
    if (fp) {
        out[k++] = '.';
        for (int div = 1000; div && fp; div /= 10) {
            out[k++] = (char)('0' + fp / div);
            fp %= div;
        }
    }
    out[k] = '\0';
    return k;
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
    char sname[256], tname[256];
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
    fprintf(out, "\t%s\t%s\t%s\t", rl_precision_name(e->precision),
            e->form == RL_FORM_NOMINAL ? "nominal" : "verbal", e->claimed_by);
    rl_names_format(em->names, e->source, sname, sizeof sname);
    rl_names_format(em->names, e->target, tname, sizeof tname);
    tsv_field(out, sname, strlen(sname));
    fputc('\t', out);
    tsv_field(out, tname, strlen(tname));
    fprintf(out, "\t%s\t%s", e->plover_mode ? e->plover_mode : "",
            e->plover_context ? e->plover_context : "");
    fputc('\t', out);
    const rl_place *p = e->place;
    if (p) {
        tsv_field(out, p->name, strlen(p->name));
        fprintf(out, "\t%s\t", e->loc_country);
        tsv_field(out, p->region, strlen(p->region));
        char la[32], lo[32];
        coord(p->lat, la);
        coord(p->lon, lo);
        fprintf(out, "\t%s\t%s", la, lo);
    } else {
        fprintf(out, "\t%s\t\t\t", e->loc_country);
    }
    fprintf(out, "\t%s\n", rl_loc_precision_name(e->loc_precision));
    return ferror(out) ? -1 : 0;
}

/* the TSV columns as one CSV row */
static int emit_csv(rl_emitter *em, const rl_story *s, const rl_event *e, const char *sent,
                    size_t sent_len, const char *date, const char *sdate)
{
    char sentence[16], quad[8], gold[16], qty[64], sname[256], tname[256], la[32] = "", lo[32] = "";
    const rl_place *p = e->place;
    if (p) {
        coord(p->lat, la);
        coord(p->lon, lo);
    }
    snprintf(sentence, sizeof sentence, "%u", e->sentence);
    snprintf(quad, sizeof quad, "%d", e->quad);
    snprintf(gold, sizeof gold, "%.1f", (double)e->goldstein);
    qty[0] = '\0';
    if (e->quantity > 0)
        snprintf(qty, sizeof qty, "%.0f %s", e->quantity, e->quantity_unit);
    rl_buf *b = &em->buf;
    rl_buf_clear(b);
    const char *cells[NCOLUMNS] = {
        s->id ? s->id : "", sentence, date, sdate, e->source, e->target, e->code, e->root, quad,
        gold, e->plover ? e->plover : "", rl_modality_name(e->modality), e->date_expr, qty,
        e->evidence, NULL, rl_precision_name(e->precision),
        e->form == RL_FORM_NOMINAL ? "nominal" : "verbal", e->claimed_by,
        rl_names_format(em->names, e->source, sname, sizeof sname),
        rl_names_format(em->names, e->target, tname, sizeof tname),
        e->plover_mode ? e->plover_mode : "", e->plover_context ? e->plover_context : "",
        p ? p->name : "", e->loc_country, p ? p->region : "", la, lo,
        rl_loc_precision_name(e->loc_precision),
    };
    size_t lens[NCOLUMNS];
    for (size_t i = 0; i < NCOLUMNS; i++)
        lens[i] = SIZE_MAX;
    cells[15] = sent; /* the sentence is a slice, not NUL-terminated */
    lens[15] = sent_len;
    if (rl_csv_row(b, cells, lens, NCOLUMNS))
        return -1;
    return fwrite(b->data, 1, b->len, em->out) == b->len ? 0 : -1;
}

/* Phoenix splits an actor code into its entity (country or IGO/NGO/IMG/MNC:
 * here any three letters), role (one of its primary agents) and the other
 * three-letter codes, ';'-separated. */
static void phoenix_actor(FILE *out, const char *code)
{
    static const char *const roles[] = {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "JUD", "SPY",
                                        "MED", "EDU", "BUS", "CRM", "CVL", NULL};
    size_t n = strlen(code), i = 0;
    int entity = n >= 3 && isupper((unsigned char)code[0]) && isupper((unsigned char)code[1]) &&
                 isupper((unsigned char)code[2]);
    tsv_field(out, code, n);
    fputc('\t', out);
    if (entity) {
        tsv_field(out, code, 3);
        i = 3;
    }
    fputc('\t', out);
    for (int k = 0; i + 3 <= n && roles[k]; k++)
        if (!strncmp(code + i, roles[k], 3)) {
            fputs(roles[k], out);
            i += 3;
            break;
        }
    fputc('\t', out);
    for (int first = 1; i + 3 <= n; i += 3, first = 0) {
        if (!first)
            fputc(';', out);
        tsv_field(out, code + i, 3);
    }
    fputc('\t', out);
}

/* Phoenix's QuadClass is a five-way class: 0 verbal cooperation (01-02),
 * 1 material cooperation (03-05), 2 (06-08), 3 verbal conflict (09-13, 16),
 * 4 material conflict (14, 15, 17-20). */
static int phoenix_class(const char *root)
{
    int r = atoi(root);
    return r <= 2 ? 0 : r <= 5 ? 1 : r <= 8 ? 2 : (r <= 13 || r == 16) ? 3 : 4;
}

static int emit_phoenix(rl_emitter *em, const rl_story *s, const rl_event *e, const char *date)
{
    FILE *out = em->out;
    char ymd[9] = "";
    if (date[0] && strlen(date) == 10)
        snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", date, date + 5, date + 8);
    fprintf(out, "%lu\t%s\t%.4s\t%.2s\t%.2s\t", ++em->seq, ymd, ymd, ymd[0] ? ymd + 4 : "", ymd[0] ? ymd + 6 : "");
    phoenix_actor(out, e->source);
    phoenix_actor(out, e->target);
    fprintf(out, "%s\t%s\t%d\t%.1f\t", e->code, e->root, phoenix_class(e->root), (double)e->goldstein);
    fputs("\t\t\t\t\t\t", out); /* Issues; Lat, Lon, LocationName, StateName, CountryCode */
    tsv_field(out, s->id ? s->id : "", s->id ? strlen(s->id) : 0);
    fprintf(out, "_%u\t", e->sentence);
    if (s->url)
        tsv_field(out, s->url, strlen(s->url));
    fputc('\t', out);
    if (s->publisher)
        tsv_field(out, s->publisher, strlen(s->publisher));
    fputc('\n', out);
    return ferror(out) ? -1 : 0;
}

/* Appends s[0..n) as a JSON string literal. Control characters are escaped,
 * invalid UTF-8 becomes U+FFFD, everything else is copied as is. */
static int json_str(rl_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (rl_buf_reserve(b, n + 2))
        return -1;
    b->data[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n) {
            unsigned char c = (unsigned char)s[j];
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80)
                break;
            j++;
        }
        if (j > i && rl_buf_add(b, s + i, j - i))
            return -1;
        i = j;
        if (i >= n)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80) {
            int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0) {
                if (rl_buf_add(b, "\xEF\xBF\xBD", 3))
                    return -1;
                i++;
            } else {
                if (rl_buf_add(b, s + i, (size_t)k))
                    return -1;
                i += (size_t)k;
            }
            continue;
        }
        char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
        size_t el = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            el = 6;
        }
        if (rl_buf_add(b, esc, el))
            return -1;
        i++;
    }
    return rl_buf_addc(b, '"');
}

/* ,"key": (or {"key": for the first field of the object), with one reserve */
static int key(rl_buf *b, const char *k)
{
    size_t n = strlen(k);
    if (rl_buf_reserve(b, n + 4))
        return -1;
    char *o = b->data + b->len;
    *o++ = b->len > 1 ? ',' : '{';
    *o++ = '"';
    memcpy(o, k, n);
    o += n;
    *o++ = '"';
    *o++ = ':';
    b->len = (size_t)(o - b->data);
    b->data[b->len] = '\0';
    return 0;
}

/* ,"key": then a string value, or null when nullable and empty */
static int field(rl_buf *b, const char *k, const char *s, size_t n, int nullable)
{
    if (key(b, k))
        return -1;
    if (nullable && (!s || !n))
        return rl_buf_add(b, "null", 4);
    return json_str(b, s ? s : "", s ? n : 0);
}

static int fields(rl_buf *b, const char *k, const char *s, int nullable)
{
    return field(b, k, s, s ? strlen(s) : 0, nullable);
}

static int raw(rl_buf *b, const char *k, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int raw(rl_buf *b, const char *k, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof tmp)
        return -1;
    return key(b, k) || rl_buf_add(b, tmp, (size_t)n);
}

/* small non-negative integers without printf */
static int uint_field(rl_buf *b, const char *k, unsigned v)
{
    char tmp[16];
    int i = 15;
    tmp[i] = '\0';
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v && i > 0);
    return key(b, k) || rl_buf_add(b, tmp + i, (size_t)(15 - i));
}

/* A score with one decimal (Goldstein, -10.0 to 10.0), as "%.1f" prints it,
 * without printf: every event has one. */
static int tenths_field(rl_buf *b, const char *k, double v)
{
    if (!(v > -1000.0 && v < 1000.0))
        return raw(b, k, "%.1f", v);
    long t = (long)(v * 10.0 + (v < 0 ? -0.5 : 0.5));
    char tmp[16];
    int i = 15;
    tmp[i] = '\0';
    unsigned long a = (unsigned long)(t < 0 ? -t : t);
    tmp[--i] = (char)('0' + a % 10);
    tmp[--i] = '.';
    a /= 10;
    do {
        tmp[--i] = (char)('0' + a % 10);
        a /= 10;
    } while (a);
    if (t < 0)
        tmp[--i] = '-';
    return key(b, k) || rl_buf_add(b, tmp + i, (size_t)(15 - i));
}

/* "location": {name, country, region, lat, lon} (null when unknown; name,
 * region and coordinates null at country precision) and "location_precision". */
static int location(rl_buf *b, const rl_event *e)
{
    const rl_place *p = e->place;
    int rc = 0;
    if (!e->loc_country[0]) {
        rc |= rl_buf_adds(b, ",\"location\":null");
    } else {
        rc |= rl_buf_adds(b, ",\"location\":{\"name\":");
        rc |= p ? json_str(b, p->name, strlen(p->name)) : rl_buf_adds(b, "null");
        rc |= rl_buf_adds(b, ",\"country\":");
        rc |= json_str(b, e->loc_country, strlen(e->loc_country));
        rc |= rl_buf_adds(b, ",\"region\":");
        rc |= p && p->region[0] ? json_str(b, p->region, strlen(p->region)) : rl_buf_adds(b, "null");
        if (p) {
            char c[32];
            rc |= rl_buf_adds(b, ",\"lat\":") | rl_buf_add(b, c, coord(p->lat, c));
            rc |= rl_buf_adds(b, ",\"lon\":") | rl_buf_add(b, c, coord(p->lon, c));
        } else
            rc |= rl_buf_adds(b, ",\"lat\":null,\"lon\":null");
        rc |= rl_buf_addc(b, '}');
    }
    return rc | fields(b, "location_precision", rl_loc_precision_name(e->loc_precision), 0);
}

int rl_emit(rl_emitter *em, const rl_story *s, const rl_event *e, const char *sent,
            size_t sent_len)
{
    char date[11], sdate[11];
    rl_day_format(e->date, date);
    rl_day_format(s->date, sdate);
    if (em->format == RL_OUT_TSV)
        return emit_tsv(em, s, e, sent, sent_len, date, sdate);
    if (em->format == RL_OUT_PHOENIX) {
        if (e->modality == RL_MOD_NEGATED || e->modality == RL_MOD_HYPOTHETICAL) {
            em->left_out++;
            return 0;
        }
        return emit_phoenix(em, s, e, date);
    }
    if (em->format == RL_OUT_CSV)
        return emit_csv(em, s, e, sent, sent_len, date, sdate);
    rl_buf *b = &em->buf;
    rl_buf_clear(b); /* the first field opens the object */
    int rc = fields(b, "story_id", s->id ? s->id : "", 0);
    rc |= uint_field(b, "sentence", e->sentence);
    rc |= fields(b, "source", e->source, 0);
    rc |= fields(b, "target", e->target, 0);
    char name[256];
    rc |= fields(b, "source_name", rl_names_format(em->names, e->source, name, sizeof name), 0);
    rc |= fields(b, "target_name", rl_names_format(em->names, e->target, name, sizeof name), 0);
    rc |= fields(b, "cameo", e->code, 0);
    rc |= fields(b, "root", e->root, 0);
    rc |= uint_field(b, "quad_class", (unsigned)e->quad);
    rc |= tenths_field(b, "goldstein", (double)e->goldstein);
    rc |= fields(b, "plover", e->plover ? e->plover : "", 0);
    rc |= fields(b, "plover_mode", e->plover_mode ? e->plover_mode : "", 0);
    rc |= fields(b, "plover_context", e->plover_context ? e->plover_context : "", 0);
    rc |= fields(b, "event_name", e->name ? e->name : "", 0);
    rc |= fields(b, "date", date, 1);
    rc |= fields(b, "date_precision", rl_precision_name(e->precision), 0);
    rc |= fields(b, "story_date", sdate, 1);
    rc |= fields(b, "date_expr", e->date_expr, 1);
    rc |= fields(b, "modality", rl_modality_name(e->modality), 0);
    rc |= fields(b, "form", e->form == RL_FORM_NOMINAL ? "nominal" : "verbal", 0);
    if (e->claimed_by[0])
        rc |= fields(b, "claimed_by", e->claimed_by, 0);
    rc |= location(b, e);
    rc |= fields(b, "evidence", e->evidence, 0);
    rc |= fields(b, "source_text", e->source_text, 0);
    rc |= fields(b, "target_text", e->target_text, 0);
    if (e->quantity > 0) {
        rc |= raw(b, "quantity", "{\"value\":%.15g,\"unit\":", e->quantity);
        rc |= json_str(b, e->quantity_unit, strlen(e->quantity_unit));
        rc |= rl_buf_addc(b, '}');
    }
    rc |= field(b, "text", sent, sent_len, 0);
    if (s->url)
        rc |= fields(b, "url", s->url, 0);
    if (s->publisher)
        rc |= fields(b, "publisher", s->publisher, 0);
    rc |= rl_buf_add(b, "}\n", 2);
    if (rc)
        return -1;
    return fwrite(b->data, 1, b->len, em->out) == b->len ? 0 : -1;
}
