/* rl_lexicon.h: words and what they mean to redline: the folded lexicon,
 * English inflections, function-word classes and our dictionaries (actors with
 * dated roles, agents, verb patterns, modals). Depends on text, base, jansson
 * and utf8proc. This is the subsystem's interface: code outside src/lexicon/
 * includes this header only. */
#ifndef RL_LEXICON_SUBSYSTEM_H
#define RL_LEXICON_SUBSYSTEM_H

#include "lexicon/lex.h"
#include "lexicon/morph.h"
#include "lexicon/fwords.h"
#include "lexicon/dict.h"
#include "lexicon/names.h"
#include "lexicon/places.h"

#endif
