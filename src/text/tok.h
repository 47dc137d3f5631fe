/* tok.h: splits one cleaned paragraph (clean.h) into tokens and sentences.
 * Tokens point into the paragraph text (borrowed); the token vector is owned by
 * the caller (rl_toks_init/rl_toks_release). Case folding and word ids are the
 * lexicon's job (lex.h), not this module's. */
#ifndef RL_TOK_H
#define RL_TOK_H

#include "base/rl.h"

enum {
    RL_T_WORD = 1 << 0,   /* letters (may contain digits, inner dots, apostrophes) */
    RL_T_NUM = 1 << 1,    /* a number: 10,000  3.5  1990s */
    RL_T_PUNCT = 1 << 2,  /* one punctuation character */
    RL_T_CAP = 1 << 3,    /* starts with an upper-case letter */
    RL_T_ALLCAP = 1 << 4, /* every letter upper-case (and at least one) */
    RL_T_ABBR = 1 << 5,   /* ends with a dot that belongs to it: U.S.  Gen.  p.m. */
    RL_T_HYPH = 1 << 6,   /* joined to the previous token by a hyphen: West-backed */
    RL_T_NONASCII = 1 << 7,
};

typedef struct rl_token {
    uint32_t off;   /* byte offset in the paragraph */
    uint32_t len;
    uint32_t word;  /* lexicon id of the folded form, 0 = unknown (set by lex) */
    uint16_t flags;
    uint16_t sent_end; /* 1 if a sentence ends after this token */
} rl_token;

typedef struct rl_toks {
    rl_token *v;
    size_t n, cap;
} rl_toks;

void rl_toks_init(rl_toks *t);
void rl_toks_release(rl_toks *t);

/* Tokenizes text[0..n) into t (cleared first) and marks sentence ends.
 * Sentences longer than max_sent tokens are cut (counted in *cut).
 * Returns RL_OK or RL_ENOMEM. */
int rl_tok_paragraph(const char *text, size_t n, rl_toks *t, size_t max_sent, unsigned *cut);

/* True if token k equals the ASCII string s exactly (case-sensitive). */
int rl_tok_is(const char *text, const rl_token *k, const char *s);

#endif
