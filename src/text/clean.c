/* clean.c: character repair and scraped-page debris removal for story text.
 *
 * Stage 1 (rl_clean_chars) walks the bytes once: invalid UTF-8 becomes U+FFFD,
 * typographic quotes/dashes/spaces become ASCII, zero-width and control
 * characters vanish, and non-ASCII runs are NFC-composed by utf8proc.
 * Stage 2 (rl_clean_text) cuts the result into paragraphs and drops the debris
 * that scraped news pages carry: boilerplate lines, bylines, photo captions
 * with their credits, e-mail protection strings, and paragraphs that occur more
 * than once in the story (duplicated captions). */
#include "text/clean.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* ASCII replacement for a code point, or NULL to keep it as is. */
static const char *fold_cp(int32_t c)
{
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
        return "'";
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x00AB: case 0x00BB:
    case 0x2033:
        return "\"";
    case 0x2010: case 0x2011: case 0x2012: case 0x2043:
        return "-";
    case 0x2013: case 0x2014: case 0x2015: case 0x2212:
        return " - ";
    case 0x00A0: case 0x2002: case 0x2003: case 0x2004: case 0x2005: case 0x2006:
    case 0x2007: case 0x2008: case 0x2009: case 0x200A: case 0x202F: case 0x205F:
    case 0x3000: case 0x0009: case 0x000B: case 0x000C:
        return " ";
    case 0x200B: case 0x200C: case 0x200D: case 0x2060: case 0xFEFF: case 0x00AD:
        return "";
    case 0x2026:
        return "...";
    case 0x2028: case 0x2029: case 0x0085:
        return "\n";
    default:
        return NULL;
    }
}

/* Appends the pending non-ASCII run, NFC-composed, and empties it. */
static int flush_run(rl_buf *run, rl_buf *out)
{
    if (!run->len)
        return RL_OK;
    utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)run->data);
    int rc = rl_buf_adds(out, nfc ? (const char *)nfc : run->data);
    free(nfc);
    rl_buf_clear(run);
    return rc;
}

int rl_clean_chars(const char *in, size_t n, rl_buf *out, rl_clean_stats *st)
{
    const uint8_t *p = (const uint8_t *)in;
    size_t i = 0;
    unsigned line = 1;
    rl_buf run; /* pending non-ASCII run to NFC-compose */
    rl_buf_init(&run);
    int rc = RL_OK;
    if (rl_buf_reserve(out, n) != RL_OK)
        return RL_ENOMEM;
    while (i < n) {
        uint8_t c = p[i];
        if (c < 0x80) {
            if ((rc = flush_run(&run, out)))
                break;
            if (c == '\n')
                line++;
            if (c == '\r') {
                if (i + 1 < n && p[i + 1] == '\n') { i++; continue; }
                c = '\n';
            }
            if (c == 0) {
                st->binary++;
                c = ' ';
            } else if (c == '\t' || c == '\v' || c == '\f') {
                c = ' ';
            } else if (c < 0x20 && c != '\n') {
                i++;
                continue;
            }
            /* fast path: copy a run of plain ASCII */
            size_t j = i + 1;
            while (j < n && p[j] >= 0x20 && p[j] < 0x80)
                j++;
            if ((rc = rl_buf_addc(out, (char)c)))
                break;
            if (j > i + 1 && (rc = rl_buf_add(out, in + i + 1, j - i - 1)))
                break;
            i = j;
            continue;
        }
        int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            st->invalid_utf8++;
            if (!st->first_invalid_line)
                st->first_invalid_line = line;
            if ((rc = rl_buf_add(&run, "\xEF\xBF\xBD", 3)))
                break;
            i++;
            continue;
        }
        const char *rep = fold_cp(cp);
        if (rep) {
            if ((rc = flush_run(&run, out)))
                break;
            if (*rep == '\n')
                line++;
            if ((rc = rl_buf_adds(out, rep)))
                break;
        } else if (utf8proc_category(cp) == UTF8PROC_CATEGORY_CC) {
            /* C1 control characters: drop */
        } else {
            /* a combining mark composes with the ASCII letter before it */
            if (!run.len && out->len && ((unsigned char)out->data[out->len - 1]) < 0x80 &&
                isalpha((unsigned char)out->data[out->len - 1]) &&
                utf8proc_category(cp) == UTF8PROC_CATEGORY_MN) {
                char prev = out->data[--out->len];
                out->data[out->len] = '\0';
                if ((rc = rl_buf_addc(&run, prev)))
                    break;
            }
            if ((rc = rl_buf_add(&run, in + i, (size_t)k)))
                break;
        }
        i += (size_t)k;
    }
    if (!rc)
        rc = flush_run(&run, out);
    rl_buf_release(&run);
    return rc;
}

/* ---- paragraph-level debris ---- */

static int starts_with_ci(const char *s, size_t n, const char *pre)
{
    size_t m = strlen(pre);
    return n >= m && strncasecmp(s, pre, m) == 0;
}

static int contains_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    char c0 = needle[0];
    for (size_t i = 0; i + m <= n; i++)
        if ((s[i] | 0x20) == c0 && strncasecmp(s + i, needle, m) == 0)
            return 1;
    return 0;
}

static size_t count_words(const char *s, size_t n)
{
    size_t w = 0;
    int in = 0;
    for (size_t i = 0; i < n; i++) {
        int sp = s[i] == ' ';
        if (!sp && !in)
            w++;
        in = !sp;
    }
    return w;
}

/* Lines that news sites add around every article. */
static int is_boilerplate(const char *s, size_t n)
{
    static const char *const prefixes[] = {
        "comments are closed", "share this", "share on", "subscribe", "sign up",
        "follow us", "click here", "read more", "related:", "related articles",
        "advertisement", "all rights reserved", "copyright", "(c) ", "editor's note",
        "editor’s note", "this article reflects", "the article reflects", "watch:",
        "listen to this article", "you may also like", "recommended:",
        "reporting by", "additional reporting by", "editing by", "writing by",
        "(reporting by", "(additional reporting", "(editing by", "(writing by",
        "please contact us", "(if you would like to contribute", "we use cookies",
        "leave a comment", "log in to", "print this", "email this", "tags:",
        NULL,
    };
    for (int i = 0; prefixes[i]; i++)
        if (starts_with_ci(s, n, prefixes[i]))
            return 1;
    if (contains_ci(s, n, "all rights reserved") || contains_ci(s, n, "comments are closed"))
        return 1;
    /* "By Jane Doe" / "By Jane Doe and John Roe, Reuters" byline */
    if (starts_with_ci(s, n, "by ") && count_words(s, n) <= 8 && !memchr(s, '.', n))
        return 1;
    return 0;
}

/* Photo captions: end with an agency credit ("/ AP", "/CFP", "(Reuters)")
 * or carry a photo marker. */
static int is_caption(const char *s, size_t n)
{
    if (contains_ci(s, n, "(ap photo") || contains_ci(s, n, "photo:") ||
        contains_ci(s, n, "getty images") || contains_ci(s, n, "photo credit") ||
        contains_ci(s, n, "(photo by") || contains_ci(s, n, "/ file photo") ||
        contains_ci(s, n, "(file photo"))
        return 1;
    /* trailing "/ AP", "./CFP", "/Xinhua": a slash then 1-3 short capitalised words */
    size_t e = n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '.'))
        e--;
    size_t b = e;
    int words = 0;
    while (b > 0 && s[b - 1] != '/') {
        if (s[b - 1] == ' ')
            words++;
        if (e - b > 30 || words > 3 || s[b - 1] == ',' || s[b - 1] == ';')
            return 0;
        b--;
    }
    if (b == 0 || e == b)
        return 0;
    size_t w = b;
    while (w < e && s[w] == ' ')
        w++;
    return w < e && isupper((unsigned char)s[w]);
}

/* Removes "[email protected]" and its variants in place; returns new length. */
static size_t strip_email_protection(char *s, size_t n)
{
    static const char *const pats[] = {"[email protected]", "[email&#160;protected]", NULL};
    if (!memchr(s, '[', n))
        return n;
    for (int k = 0; pats[k]; k++) {
        size_t m = strlen(pats[k]);
        for (size_t i = 0; i + m <= n;) {
            if (s[i] == '[' && strncasecmp(s + i, pats[k], m) == 0) {
                /* take one neighbouring space with it */
                size_t cut = m + (i + m < n && s[i + m] == ' ' ? 1 : 0);
                memmove(s + i, s + i + cut, n - i - cut);
                n -= cut;
            } else {
                i++;
            }
        }
    }
    return n;
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 1099511628211ULL;
    return h ? h : 1;
}

typedef struct para { size_t off, len; uint64_t h; int drop; } para;

int rl_clean_text(const char *in, size_t n, rl_buf *out, rl_clean_stats *st)
{
    rl_buf chars;
    rl_buf_init(&chars);
    rl_buf_clear(out);
    int rc = rl_clean_chars(in, n, &chars, st);
    if (rc) {
        rl_buf_release(&chars);
        return rc;
    }
    /* cut into lines, collapse spaces, record paragraphs */
    para *ps = NULL;
    size_t np = 0, cap = 0;
    char *s = chars.data ? chars.data : (char *)"";
    size_t len = chars.len;
    size_t w = 0; /* compaction write index into s */
    for (size_t i = 0; i <= len;) {
        size_t e = i;
        while (e < len && s[e] != '\n')
            e++;
        size_t start = w;
        int sp = 1;
        for (size_t k = i; k < e; k++) {
            char c = s[k];
            /* machine-translation debris: "with Russia. , the United States" */
            if ((c == ',' || c == ';') && w >= start + 2 && s[w - 1] == ' ' && s[w - 2] == '.') {
                w -= 2;
                sp = 0;
            }
            if (c == ' ') {
                if (!sp)
                    s[w++] = ' ';
                sp = 1;
            } else {
                s[w++] = c;
                sp = 0;
            }
        }
        while (w > start && s[w - 1] == ' ')
            w--;
        size_t plen = strip_email_protection(s + start, w - start);
        w = start + plen;
        if (plen) {
            if (np == cap) {
                size_t nc = cap ? cap * 2 : 32;
                para *q = realloc(ps, nc * sizeof *q);
                if (!q) { rc = RL_ENOMEM; break; }
                ps = q;
                cap = nc;
            }
            ps[np++] = (para){start, plen, hash_bytes(s + start, plen), 0};
        }
        i = e + 1;
    }
    if (!rc) {
        for (size_t i = 0; i < np; i++) {
            const char *p = s + ps[i].off;
            /* boilerplate and captions are short lines; long paragraphs are text */
            if (ps[i].len > 600)
                continue;
            if (is_boilerplate(p, ps[i].len)) {
                ps[i].drop = 1;
                st->boilerplate++;
            } else if (is_caption(p, ps[i].len)) {
                ps[i].drop = 1;
                st->captions++;
            }
        }
        /* a paragraph that occurs twice is page debris (a caption shown twice,
         * a pull quote): drop every copy. Quadratic only within a hash bucket. */
        for (size_t i = 0; i < np && np <= 4096; i++) { /* skip on pathological input */
            for (size_t j = i + 1; j < np; j++) {
                if (ps[j].h == ps[i].h && ps[j].len == ps[i].len &&
                    memcmp(s + ps[i].off, s + ps[j].off, ps[i].len) == 0) {
                    if (!ps[i].drop) { ps[i].drop = 1; st->duplicates++; }
                    if (!ps[j].drop) { ps[j].drop = 1; st->duplicates++; }
                }
            }
        }
        for (size_t i = 0; i < np && !rc; i++) {
            if (ps[i].drop)
                continue;
            if (out->len)
                rc = rl_buf_addc(out, '\n');
            if (!rc)
                rc = rl_buf_add(out, s + ps[i].off, ps[i].len);
        }
    }
    if (!rc && !out->data)
        rc = rl_buf_add(out, "", 0);
    free(ps);
    rl_buf_release(&chars);
    return rc;
}

long rl_utf8_repair(const char *in, size_t n, rl_buf *out)
{
    rl_buf_clear(out);
    long bad = 0;
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && (unsigned char)in[j] < 0x80)
            j++;
        if (j > i && rl_buf_add(out, in + i, j - i))
            return -1;
        i = j;
        if (i >= n)
            break;
        int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const uint8_t *)in + i, (utf8proc_ssize_t)(n - i), &cp);
        if (k <= 0) {
            bad++;
            if (rl_buf_add(out, "\xEF\xBF\xBD", 3))
                return -1;
            i++;
        } else {
            if (rl_buf_add(out, in + i, (size_t)k))
                return -1;
            i += (size_t)k;
        }
    }
    return bad;
}
