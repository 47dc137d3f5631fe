/* morph.h: English inflections of a lemma for `~word` dictionary items.
 * Irregular forms come from WordNet's exception lists (verb.exc, noun.exc from
 * Debian's wordnet-base); regular ones from spelling rules. rl_morph_new loads
 * the lists (missing files are not an error: regular rules still apply). */
#ifndef RL_MORPH_H
#define RL_MORPH_H

#include "base/rl.h"

typedef struct rl_morph rl_morph;

/* dir: folder holding verb.exc and noun.exc (NULL = the WordNet default). */
rl_morph *rl_morph_new(const char *dir, rl_diag *d);
void rl_morph_free(rl_morph *m);
/* 1 if the WordNet lists were found. */
int rl_morph_has_wordnet(const rl_morph *m);

/* Calls fn(form, len, ctx) for the lemma itself and each inflected form
 * (lower-case ASCII lemma expected). Returns the first non-zero fn result. */
int rl_morph_forms(const rl_morph *m, const char *lemma,
                   int (*fn)(const char *form, size_t len, void *ctx), void *ctx);

#endif
