/* input.c: JSONL and plain-text story readers (PETRARCH XML lives in petrxml.c). */
#include "formats/input.h"
#include "coder/date.h"
#include "text/tok.h"

#include <jansson.h>
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

static const char *jstr(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
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
        json_error_t err;
        json_t *j = json_loadb(line, (size_t)len, JSON_REJECT_DUPLICATES, &err);
        long repaired = 0;
        if (!j && strstr(err.text, "decode")) {
            /* invalid UTF-8 inside the record: repair it and say so */
            repaired = rl_utf8_repair(line, (size_t)len, &fixed);
            if (repaired > 0)
                j = json_loadb(fixed.data, fixed.len, JSON_REJECT_DUPLICATES, &err);
        }
        if (!j) {
            rl_error(dg, name, lineno, "invalid JSON record skipped (%s, column %d)%s", err.text,
                     err.column, err.position >= (int)len - 1 ? "; truncated record?" : "");
            st->bad_records++;
            continue;
        }
        if (!json_is_object(j)) {
            rl_error(dg, name, lineno, "record is not a JSON object; skipped");
            st->bad_records++;
            json_decref(j);
            continue;
        }
        json_t *jt = json_object_get(j, "text");
        if (!json_is_string(jt)) {
            rl_error(dg, name, lineno, "record has no \"text\" string; skipped");
            st->bad_records++;
            json_decref(j);
            continue;
        }
        rl_story s;
        memset(&s, 0, sizeof s);
        s.text = json_string_value(jt);
        if (repaired > 0)
            rl_warn(dg, name, lineno, "story '%s': %ld invalid UTF-8 sequence%s replaced by U+FFFD",
                    jstr(j, "id") ? jstr(j, "id") : "?", repaired, repaired == 1 ? "" : "s");
        s.len = json_string_length(jt);
        s.id = jstr(j, "id");
        if (!s.id) {
            json_t *jid = json_object_get(j, "id");
            if (json_is_integer(jid)) {
                snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(jid));
            } else {
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
        json_decref(j);
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
