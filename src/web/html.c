/* html.c: HTML escaping, URL encoding and marked sentences for the dashboard
 * (html.h). Everything that reaches a page from the store goes through
 * rl_html_escn, which writes only well-formed UTF-8 without markup
 * characters, so news text can never become markup. */
#include "web/html.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* ======================== escaping ======================== */

/* Length of the valid UTF-8 sequence at s[0..n) (s[0] >= 0x80), 0 if invalid;
 * *ctl set for a C1 control character (U+0080..U+009F). */
static size_t utf8_seq(const char *s, size_t n, int *ctl)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
    *ctl = k > 0 && cp >= 0x80 && cp < 0xA0;
    return k > 0 ? (size_t)k : 0;
}

/* Length of a valid, non-control sequence, 0 otherwise. */
static size_t utf8_len(const char *s, size_t n)
{
    int ctl;
    size_t k = utf8_seq(s, n, &ctl);
    return ctl ? 0 : k;
}

/* Escapes s[0..n), at most max code points (SIZE_MAX: all); *cut set when cut. */
static int esc(rl_buf *b, const char *s, size_t n, size_t max, int *cut)
{
    size_t i = 0, run = 0, cps = 0;
    *cut = 0;
    while (i < n) {
        if (cps == max) {
            *cut = 1;
            break;
        }
        unsigned char c = (unsigned char)s[i];
        const char *rep = NULL;
        size_t k = 1;
        if (c < 0x80) {
            switch (c) {
            case '&': rep = "&amp;"; break;
            case '<': rep = "&lt;"; break;
            case '>': rep = "&gt;"; break;
            case '"': rep = "&quot;"; break;
            case '\'': rep = "&#39;"; break;
            case '\t': case '\n': break;
            default:
                if (c < 0x20 || c == 0x7f)
                    rep = " ";
            }
        } else {
            int ctl;
            if ((k = utf8_seq(s + i, n - i, &ctl)) == 0) {
                rep = "\xEF\xBF\xBD"; /* U+FFFD for each invalid byte */
                k = 1;
            } else if (ctl) {
                rep = " ";
            }
        }
        if (rep) {
            if ((i > run && rl_buf_add(b, s + run, i - run)) || rl_buf_adds(b, rep))
                return RL_ENOMEM;
            run = i + k;
        }
        i += k;
        cps++;
    }
    if (i > run && rl_buf_add(b, s + run, i - run))
        return RL_ENOMEM;
    return RL_OK;
}

int rl_html_escn(rl_buf *b, const char *s, size_t n)
{
    int cut;
    return s ? esc(b, s, n, SIZE_MAX, &cut) : RL_OK;
}

int rl_html_esc(rl_buf *b, const char *s) { return s ? rl_html_escn(b, s, strlen(s)) : RL_OK; }

int rl_html_esc_clip(rl_buf *b, const char *s, size_t max)
{
    int cut;
    if (!s)
        return RL_OK;
    if (esc(b, s, strlen(s), max, &cut))
        return RL_ENOMEM;
    return cut ? rl_buf_adds(b, "...") : RL_OK;
}

int rl_html_url(rl_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~';
        char e[3] = {'%', hex[c >> 4], hex[c & 15]};
        if (plain ? rl_buf_addc(b, (char)c) : rl_buf_add(b, e, 3))
            return RL_ENOMEM;
    }
    return RL_OK;
}

int rl_html_utf8_ok(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
                return 0;
            i++;
            continue;
        }
        size_t k = utf8_len(s + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

char *rl_html_clean_copy(char *out, size_t cap, const char *s)
{
    size_t o = 0, n = s ? strlen(s) : 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = 1;
        const char *put = s + i;
        size_t plen = 1;
        int ctl = 0;
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
                put = " ";
        } else if ((k = utf8_seq(s + i, n - i, &ctl)) == 0) {
            put = "\xEF\xBF\xBD";
            plen = 3;
            k = 1;
        } else if (ctl) {
            put = " ";
        } else {
            plen = k;
        }
        if (o + plen + 1 > cap)
            break;
        memcpy(out + o, put, plen);
        o += plen;
        i += k;
    }
    if (cap)
        out[o] = '\0';
    return out;
}

/* ======================== marked sentences ======================== */

enum { K_NONE, K_EVIDENCE, K_WHEN, K_ACTOR, K_HIT, K_COUNT };
static const char *const open_tag[K_COUNT] = {
    "", "<mark>", "<span class=\"when\">", "<span class=\"actor\">", "<b class=\"hit\">",
};
static const char *const close_tag[K_COUNT] = {"", "</mark>", "</span>", "</span>", "</b>"};

#define MARK_MAX 65536 /* longer sentences are written without marks */

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Position of w[0..wn) in t[from..n) as a whole word (a prefix when prefix
 * is set), case-insensitively; -1 if absent. */
static long find_word(const char *t, size_t n, size_t from, const char *w, size_t wn, int prefix)
{
    if (wn == 0 || wn > n)
        return -1;
    for (size_t i = from; i + wn <= n; i++) {
        size_t k = 0;
        while (k < wn && lower((unsigned char)t[i + k]) == lower((unsigned char)w[k]))
            k++;
        if (k < wn)
            continue;
        if (i > 0 && word_byte((unsigned char)w[0]) && word_byte((unsigned char)t[i - 1]))
            continue;
        if (!prefix && i + wn < n && word_byte((unsigned char)w[wn - 1]) &&
            word_byte((unsigned char)t[i + wn]))
            continue;
        return (long)i;
    }
    return -1;
}

/* Sets cls over [at, at + len) where nothing is marked yet. */
static void paint(unsigned char *cls, size_t at, size_t len, int k)
{
    for (size_t i = at; i < at + len; i++)
        if (!cls[i])
            cls[i] = (unsigned char)k;
}

/* the end of a match that starts at at: a prefix runs to the end of its word */
static size_t match_end(const char *t, size_t n, size_t at, size_t wn, int prefix)
{
    size_t e = at + wn;
    while (prefix && e < n && word_byte((unsigned char)t[e]))
        e++;
    return e;
}

/* Marks each space-separated word of words in order (each search starting
 * where the last match ended, then from the start), once; all occurrences
 * when every is set. */
static void mark_words(const char *t, size_t n, unsigned char *cls, const char *words, int k,
                       int every)
{
    size_t pos = 0;
    const char *p = words;
    while (p && *p) {
        while (*p && !word_byte((unsigned char)*p) && *p != '\'')
            p++;
        const char *w = p;
        while (*p && (word_byte((unsigned char)*p) || *p == '\''))
            p++;
        size_t wn = (size_t)(p - w);
        int prefix = *p == '*';
        if (wn == 0)
            continue;
        if (every) {
            for (long at = find_word(t, n, 0, w, wn, prefix); at >= 0;) {
                size_t e = match_end(t, n, (size_t)at, wn, prefix);
                paint(cls, (size_t)at, e - (size_t)at, k);
                at = find_word(t, n, e, w, wn, prefix);
            }
            continue;
        }
        long at = find_word(t, n, pos, w, wn, prefix);
        if (at < 0)
            at = find_word(t, n, 0, w, wn, prefix);
        if (at >= 0) {
            size_t e = match_end(t, n, (size_t)at, wn, prefix);
            paint(cls, (size_t)at, e - (size_t)at, k);
            pos = e;
        }
    }
}

/* Marks the first whole occurrence of a phrase. */
static void mark_phrase(const char *t, size_t n, unsigned char *cls, const char *phrase, int k)
{
    size_t pn = phrase ? strlen(phrase) : 0;
    long at = pn ? find_word(t, n, 0, phrase, pn, 0) : -1;
    if (at >= 0)
        paint(cls, (size_t)at, pn, k);
}

int rl_html_sentence(rl_buf *b, const char *text, const rl_html_marks *m)
{
    size_t n = text ? strlen(text) : 0;
    if (!m || n > MARK_MAX)
        return rl_html_escn(b, text, n);
    unsigned char *cls = calloc(n ? n : 1, 1);
    if (!cls)
        return RL_ENOMEM;
    /* earlier marks win where they overlap */
    mark_words(text, n, cls, m->evidence, K_EVIDENCE, 0);
    mark_phrase(text, n, cls, m->date_expr, K_WHEN);
    mark_phrase(text, n, cls, m->source_text, K_ACTOR);
    mark_phrase(text, n, cls, m->target_text, K_ACTOR);
    mark_words(text, n, cls, m->query, K_HIT, 1);
    int rc = RL_OK;
    for (size_t i = 0, j; i < n && rc == RL_OK; i = j) {
        for (j = i + 1; j < n && cls[j] == cls[i]; j++)
            ;
        if ((rc = rl_buf_adds(b, open_tag[cls[i]])) == RL_OK &&
            (rc = rl_html_escn(b, text + i, j - i)) == RL_OK)
            rc = rl_buf_adds(b, close_tag[cls[i]]);
    }
    free(cls);
    return rc;
}
