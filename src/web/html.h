/* html.h: writes text into HTML safely for the dashboard (serve.c): escapes
 * text and attribute values (also repairing invalid UTF-8 and dropping
 * control characters, so any byte string comes out as inert, well-formed
 * text), percent-encodes URL parts, and writes a sentence with its matched
 * words, actor names and search words marked. It knows nothing of pages,
 * requests or the store. Every function appends to a caller's rl_buf and
 * returns RL_OK or RL_ENOMEM (the buffer then holds a partial append);
 * strings are borrowed, and a NULL string writes nothing. */
#ifndef RL_HTML_H
#define RL_HTML_H

#include "base/buf.h"

/* Escapes s for an HTML text node or a double-quoted attribute value:
 * & < > " ' become entities, an invalid UTF-8 sequence becomes U+FFFD, a
 * control character other than tab and newline becomes a space. */
int rl_html_esc(rl_buf *b, const char *s);
int rl_html_escn(rl_buf *b, const char *s, size_t n);
/* Same, cutting after max code points with "..." */
int rl_html_esc_clip(rl_buf *b, const char *s, size_t max);

/* Percent-encodes s as a URL path segment or query value: every byte but
 * A-Z a-z 0-9 - . _ ~ becomes %XX. The result is also safe in an attribute. */
int rl_html_url(rl_buf *b, const char *s);

/* Copies s into out[0..cap) with invalid UTF-8 replaced by U+FFFD and
 * control characters by spaces, cut at a character boundary; for strings
 * handed to JSON writers, which refuse invalid UTF-8. Returns out. */
char *rl_html_clean_copy(char *out, size_t cap, const char *s);
/* 1 if s[0..n) is valid UTF-8 without control characters */
int rl_html_utf8_ok(const char *s, size_t n);

/* Marks in a sentence: the coder's matched words (evidence, space separated,
 * in sentence order) as <mark>, the words naming source and target as
 * <span class="actor">, the date expression as <span class="when"> and
 * search words (space separated; a trailing '*' matches a prefix) as
 * <b class="hit">. Words match whole and case-insensitively (ASCII); a word
 * not found is simply not marked. Any argument but text may be NULL. */
typedef struct rl_html_marks {
    const char *evidence;
    const char *source_text, *target_text;
    const char *date_expr;
    const char *query;
} rl_html_marks;
int rl_html_sentence(rl_buf *b, const char *text, const rl_html_marks *m);

#endif
