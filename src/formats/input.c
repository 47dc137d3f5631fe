/* input.c: JSONL and plain-text story readers (PETRARCH XML lives in petrxml.c). */
#include "formats/input.h"
#include "coder/date.h"
#include "text/clean.h"
#include "text/tok.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int rl_input_format_for(const char *name)
{
    const char *dot = name ? strrchr(name, '.') : NULL;
    if (!dot)
        return RL_FMT_TEXT;
    if (!strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".json") || !strcasecmp(dot, ".ndjson"))
        return RL_FMT_JSONL;
    if (!strcasecmp(dot, ".xml"))
        return RL_FMT_XML;
    if (!strcasecmp(dot, ".html") || !strcasecmp(dot, ".htm"))
        return RL_FMT_HTML;
    return RL_FMT_TEXT;
}

rl_day rl_input_dateline(const char *text, size_t n)
{
    size_t lim = n < 600 ? n : 600;
    rl_toks t;
    rl_toks_init(&t);
    rl_day day = RL_NODATE;
    if (rl_tok_paragraph(text, lim, &t, 1000, NULL) == RL_OK) {
        rl_datex x[4];
        size_t k = rl_date_find(text, t.v, t.n < 80 ? t.n : 80, x, 4);
        for (size_t i = 0; i < k && day == RL_NODATE; i++)
            if (x[i].kind == RL_DX_ABSOLUTE && x[i].mday)
                day = rl_date_resolve(&x[i], RL_NODATE, RL_NODATE, 0);
    }
    rl_toks_release(&t);
    return day;
}

/* JSONL records are parsed with cJSON: on the bench corpus it parses the
 * records in a tenth of jansson's time (docs/design.md, Dependencies). What
 * jansson checked for us is checked here: valid UTF-8 (repaired, with a
 * warning), no NUL in a string, no duplicate key. */
static const char *jstr(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Does the record hold a NUL byte or a "\u0000" escape (a string would end
 * there)? Returns its column (1-based), 0 if none. */
static size_t nul_column(const char *s, size_t n)
{
    const char *z = memchr(s, '\0', n);
    if (z)
        return (size_t)(z - s) + 1;
    for (const char *p = s; (p = memchr(p, '\\', n - (size_t)(p - s))) != NULL;) {
        if (p + 6 <= s + n && p[1] == 'u' && !memcmp(p + 2, "0000", 4))
            return (size_t)(p - s) + 1;
        p += 2; /* an escape is two characters at least: "\\" stays one */
        if (p >= s + n)
            break;
    }
    return 0;
}

static int cmp_key(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The first key that occurs twice in object o, NULL if none; "" when memory
 * runs out. A record has a handful of keys: compared pairwise, sorted beyond 32. */
static const char *duplicate_key(const cJSON *o)
{
    size_t n = 0;
    for (const cJSON *a = o->child; a; a = a->next)
        n++;
    if (n <= 32) {
        for (const cJSON *a = o->child; a; a = a->next)
            for (const cJSON *b = a->next; b; b = b->next)
                if (!strcmp(a->string, b->string))
                    return a->string;
        return NULL;
    }
    const char **keys = malloc(n * sizeof *keys);
    if (!keys)
        return "";
    size_t k = 0;
    for (const cJSON *a = o->child; a; a = a->next)
        keys[k++] = a->string;
    qsort(keys, n, sizeof *keys, cmp_key);
    const char *dup = NULL;
    for (k = 1; k < n && !dup; k++)
        if (!strcmp(keys[k - 1], keys[k]))
            dup = keys[k];
    free(keys);
    return dup;
}

/* Parses line[0..len) (NUL-terminated at len) into a JSON object; NULL after
 * reporting why. *repaired counts invalid UTF-8 sequences replaced. */
static cJSON *parse_record(char *line, size_t len, rl_buf *fixed, long *repaired, const char *name,
                           long lineno, rl_diag *dg)
{
    *repaired = 0;
    const char *text = line;
    size_t n = len;
    size_t i = 0;
    while (i < n && (unsigned char)line[i] < 0x80)
        i++;
    if (i < n) {
        /* non-ASCII: invalid UTF-8 inside the record is repaired and said */
        long bad = rl_utf8_repair(line, len, fixed);
        if (bad < 0) {
            rl_error(dg, name, lineno, "out of memory; record skipped");
            return NULL;
        }
        if (bad > 0) {
            *repaired = bad;
            text = fixed->data;
            n = fixed->len;
        }
    }
    size_t nulc = nul_column(text, n);
    if (nulc) {
        rl_error(dg, name, lineno, "invalid JSON record skipped (NUL character in a string, column %zu)",
                 nulc);
        return NULL;
    }
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(text, n + 1, &end, 1);
    if (!j) {
        /* cJSON points at the string an unterminated string began */
        size_t pos = end && end >= text ? (size_t)(end - text) : 0;
        int cut = pos + 1 >= n || text[n - 1] != '}';
        rl_error(dg, name, lineno, "invalid JSON record skipped (syntax error, column %zu)%s", pos + 1,
                 cut ? "; truncated record?" : "");
        return NULL;
    }
    if (!cJSON_IsObject(j)) {
        rl_error(dg, name, lineno, "record is not a JSON object; skipped");
        cJSON_Delete(j);
        return NULL;
    }
    const char *dup = duplicate_key(j);
    if (dup) {
        rl_error(dg, name, lineno, "invalid JSON record skipped (duplicate key \"%.40s\")", dup);
        cJSON_Delete(j);
        return NULL;
    }
    return j;
}

/* An integer id ("id": 17) as text; 0 if v is none. */
static int integer_id(const cJSON *v, char *out, size_t cap)
{
    if (!cJSON_IsNumber(v))
        return 0;
    double d = v->valuedouble;
    if (!(d >= -9007199254740992.0 && d <= 9007199254740992.0) || d != (double)(long long)d)
        return 0;
    snprintf(out, cap, "%lld", (long long)d);
    return 1;
}

static int read_jsonl(FILE *f, const char *name, const rl_input_opts *o, rl_story_fn fn,
                      void *ctx, rl_diag *dg, rl_input_stats *st, long lineno)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int rc = RL_OK;
    char idbuf[64];
    rl_buf fixed;
    rl_buf_init(&fixed);
    while ((len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' '))
            len--;
        if (len == 0)
            continue;
        line[len] = '\0';
        long repaired = 0;
        cJSON *j = parse_record(line, (size_t)len, &fixed, &repaired, name, lineno, dg);
        if (!j) {
            st->bad_records++;
            continue;
        }
        const cJSON *jt = cJSON_GetObjectItemCaseSensitive(j, "text");
        if (!cJSON_IsString(jt)) {
            rl_error(dg, name, lineno, "record has no \"text\" string; skipped");
            st->bad_records++;
            cJSON_Delete(j);
            continue;
        }
        rl_story s;
        memset(&s, 0, sizeof s);
        s.text = jt->valuestring;
        if (repaired > 0)
            rl_warn(dg, name, lineno, "story '%s': %ld invalid UTF-8 sequence%s replaced by U+FFFD",
                    jstr(j, "id") ? jstr(j, "id") : "?", repaired, repaired == 1 ? "" : "s");
        s.len = strlen(s.text);
        s.id = jstr(j, "id");
        if (!s.id) {
            if (!integer_id(cJSON_GetObjectItemCaseSensitive(j, "id"), idbuf, sizeof idbuf)) {
                snprintf(idbuf, sizeof idbuf, "%s:%ld", name, lineno);
                rl_warn(dg, name, lineno, "record has no \"id\"; using '%s'", idbuf);
            }
            s.id = idbuf;
        }
        /* the story date: "date", else the names feeds use for it */
        const char *ds = jstr(j, "date");
        static const char *const DATE_KEYS[] = {"published", "publish_date", "pubdate", "datetime"};
        for (size_t k = 0; !ds && k < sizeof DATE_KEYS / sizeof *DATE_KEYS; k++)
            ds = jstr(j, DATE_KEYS[k]);
        s.date = RL_NODATE;
        if (ds) {
            s.date = rl_day_parse_story(ds);
            if (s.date == RL_NODATE)
                rl_warn(dg, name, lineno, "story '%s': bad date '%.40s' (want YYYY-MM-DD, an ISO "
                        "timestamp, 'Jan 12, 2024' or '12 January 2024'); relative dates left "
                        "unresolved", s.id, ds);
        } else {
            s.date = o->date;
            if (s.date == RL_NODATE)
                rl_warn(dg, name, lineno, "story '%s' has no \"date\"; relative dates left unresolved",
                        s.id);
        }
        s.publisher = jstr(j, "publisher");
        if (!s.publisher) /* the field's name before "publisher" */
            s.publisher = jstr(j, "source");
        s.url = jstr(j, "url");
        s.title = jstr(j, "title");
        s.file = name;
        s.line = lineno;
        st->stories++;
        rc = fn(&s, ctx);
        cJSON_Delete(j);
        if (rc)
            break;
    }
    if (ferror(f)) {
        rl_error(dg, name, lineno, "read error");
        rc = rc ? rc : RL_EIO;
    }
    free(line);
    rl_buf_release(&fixed);
    return rc;
}

static int read_all(FILE *f, char **out, size_t *n)
{
    size_t cap = 1 << 16, len = 0;
    char *b = malloc(cap);
    if (!b)
        return RL_ENOMEM;
    for (;;) {
        if (len == cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                return RL_ENOMEM;
            }
            b = nb;
            cap *= 2;
        }
        size_t r = fread(b + len, 1, cap - len, f);
        len += r;
        if (r == 0)
            break;
    }
    if (ferror(f)) {
        free(b);
        return RL_EIO;
    }
    *out = b;
    *n = len;
    return RL_OK;
}

static int read_text(FILE *f, const char *name, const char *prefix, size_t plen,
                     const rl_input_opts *o, rl_story_fn fn, void *ctx, rl_diag *dg,
                     rl_input_stats *st)
{
    char *body = NULL;
    size_t n = 0;
    int rc = read_all(f, &body, &n);
    if (rc == RL_EIO)
        rl_error(dg, name, 0, "read error");
    if (rc)
        return rc;
    if (plen) {
        char *nb = malloc(plen + n + 1);
        if (!nb) {
            free(body);
            return RL_ENOMEM;
        }
        memcpy(nb, prefix, plen);
        memcpy(nb + plen, body, n);
        free(body);
        body = nb;
        n += plen;
    }
    size_t probe = n < 8192 ? n : 8192, nul = 0;
    for (size_t i = 0; i < probe; i++)
        nul += body[i] == '\0';
    if (nul) {
        rl_error(dg, name, 0, "binary data (NUL bytes), not a text story; skipped");
        free(body);
        return RL_EIO;
    }
    size_t ws = 0;
    while (ws < n && (body[ws] == ' ' || body[ws] == '\n' || body[ws] == '\r' || body[ws] == '\t'))
        ws++;
    if (ws == n) {
        rl_warn(dg, name, 0, "empty story; nothing to code");
        free(body);
        return RL_OK;
    }
    rl_story s;
    memset(&s, 0, sizeof s);
    s.text = body;
    s.len = n;
    const char *base = strrchr(name, '/');
    s.id = base ? base + 1 : name;
    s.file = name;
    s.date = o->date;
    if (s.date == RL_NODATE) {
        s.date = rl_input_dateline(body, n);
        if (s.date == RL_NODATE)
            rl_warn(dg, name, 0, "no story date (give --date YYYY-MM-DD); relative dates "
                    "left unresolved");
    }
    st->stories++;
    rc = fn(&s, ctx);
    free(body);
    return rc;
}

int rl_input_read(FILE *f, const char *name, const rl_input_opts *o, rl_story_fn fn, void *ctx,
                  rl_diag *dg, rl_input_stats *st)
{
    int fmt = o->format;
    char peek[256];
    size_t np = 0;
    if (fmt == RL_FMT_AUTO) {
        /* sniff: '{' -> JSONL, '<' -> XML, else text */
        int c;
        while (np < sizeof peek && (c = fgetc(f)) != EOF) {
            peek[np++] = (char)c;
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                break;
        }
        char first = np ? peek[np - 1] : 0;
        fmt = first == '{' ? RL_FMT_JSONL : first == '<' ? RL_FMT_XML : RL_FMT_TEXT;
        if (fmt == RL_FMT_XML) { /* <!DOCTYPE html>, <html>: a web page */
            size_t at = np - 1;
            while (np < sizeof peek - 1 && np - at < 15 && (c = fgetc(f)) != EOF)
                peek[np++] = (char)c;
            peek[np] = '\0';
            if (!strncasecmp(peek + at, "<!doctype html", 14) || !strncasecmp(peek + at, "<html", 5) ||
                !strncasecmp(peek + at, "<head", 5) || !strncasecmp(peek + at, "<meta", 5))
                fmt = RL_FMT_HTML;
        }
        if (fmt == RL_FMT_JSONL) {
            /* leading blank space is not part of any record: give back the '{'
             * only, and count the lines skipped */
            long skipped = 0;
            for (size_t i = 0; i + 1 < np; i++)
                skipped += peek[i] == '\n';
            ungetc('{', f);
            return read_jsonl(f, name, o, fn, ctx, dg, st, skipped);
        }
    }
    switch (fmt) {
    case RL_FMT_JSONL:
        return read_jsonl(f, name, o, fn, ctx, dg, st, 0);
    case RL_FMT_XML:
        if (!o->xml) {
            rl_error(dg, name, 0, "XML input needs the PETRARCH reader, which this program does not link");
            return RL_EIO;
        }
        return o->xml(f, name, peek, np, fn, ctx, dg, st);
    case RL_FMT_HTML:
        if (!o->html) {
            rl_error(dg, name, 0, "HTML input needs the web-page reader, which this program does not link");
            return RL_EIO;
        }
        return o->html(f, name, peek, np, o, fn, ctx, dg, st);
    default:
        return read_text(f, name, peek, np, o, fn, ctx, dg, st);
    }
}
