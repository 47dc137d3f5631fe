/* lex.h: the lexicon: folded word forms interned to dense ids (1..n), and the
 * case/accent folding used for every comparison of words. A lexicon is filled
 * while dictionaries load and read-only afterwards, so coding threads can share it.
 * rl_lex_new/rl_lex_free own the table; strings returned are borrowed. */
#ifndef RL_LEX_H
#define RL_LEX_H

#include "base/rl.h"

typedef struct rl_lex rl_lex;

rl_lex *rl_lex_new(void);
void rl_lex_free(rl_lex *lx);

/* Folds s[0..n) (lower case, accents stripped, NFKC) into out[0..cap).
 * Returns the folded length, or 0 if it does not fit or s is empty. */
size_t rl_fold(const char *s, size_t n, char *out, size_t cap);

/* Interns an already folded word; returns its id, 0 on allocation failure. */
uint32_t rl_lex_intern(rl_lex *lx, const char *w, size_t n);
/* Id of an already folded word, 0 if unknown. */
uint32_t rl_lex_find(const rl_lex *lx, const char *w, size_t n);
/* Folds then finds. */
uint32_t rl_lex_lookup(const rl_lex *lx, const char *s, size_t n);
const char *rl_lex_str(const rl_lex *lx, uint32_t id);
uint32_t rl_lex_count(const rl_lex *lx);

#endif
