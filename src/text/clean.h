/* clean.h: turns raw story text (possibly scraped, possibly invalid UTF-8) into
 * clean NFC UTF-8 paragraphs: typographic quotes, dashes and spaces folded,
 * boilerplate, bylines, photo captions and repeated paragraphs removed.
 * It does not split sentences (tok.h does). */
#ifndef RL_CLEAN_H
#define RL_CLEAN_H

#include "base/buf.h"

typedef struct rl_clean_stats {
    unsigned invalid_utf8;  /* invalid byte sequences replaced by U+FFFD */
    unsigned first_invalid_line; /* 1-based line of the first one, 0 if none */
    unsigned boilerplate;   /* paragraphs dropped as site boilerplate */
    unsigned captions;      /* paragraphs dropped as photo captions/credits */
    unsigned duplicates;    /* paragraphs dropped because they were repeated */
    unsigned binary;        /* NUL bytes seen (input is probably not text) */
} rl_clean_stats;

/* Cleans in[0..n) into out (cleared first): one paragraph per line, '\n'
 * separated. Returns RL_OK or RL_ENOMEM. Never fails on bad input. */
int rl_clean_text(const char *in, size_t n, rl_buf *out, rl_clean_stats *st);

/* Only the character-level part: UTF-8 repair, NFC, typographic folding.
 * Appends to out. Newlines are kept. */
int rl_clean_chars(const char *in, size_t n, rl_buf *out, rl_clean_stats *st);

/* Copies in[0..n) to out (cleared first) with every invalid UTF-8 sequence
 * replaced by U+FFFD and nothing else changed; returns how many were replaced,
 * or -1 when out of memory. */
long rl_utf8_repair(const char *in, size_t n, rl_buf *out);

#endif
