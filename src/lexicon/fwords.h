/* fwords.h: function-word classes (determiners, prepositions, clause openers,
 * auxiliaries ...) used by match.c and code.c. The dictionary interns these
 * words at load time and keeps a class mask per word id, so the matcher tests
 * a token's class with one AND instead of string comparisons. */
#ifndef RL_FWORDS_H
#define RL_FWORDS_H

#include <stdint.h>

enum {
    RL_W_DET = 1u << 0,      /* the, a, its, several ... (skippable before an actor) */
    RL_W_PREP = 1u << 1,     /* in, at, to, with, by ... */
    RL_W_LOC = 1u << 2,      /* prepositions of place or relation: an actor after them is no participant */
    RL_W_BOUND = 1u << 3,    /* clause openers: when, if, which, but ... */
    RL_W_STOP = 1u << 4,     /* words that never modify an agent noun */
    RL_W_ADV = 1u << 5,      /* adverbs and auxiliaries between subject and verb */
    RL_W_BE = 1u << 6,       /* forms of be/get (passive) */
    RL_W_UNIT = 1u << 7,     /* troops, people, dead ... (stated quantities) */
    RL_W_HEADS = 1u << 8,    /* leaders, sides, countries (anaphors "the two leaders") */
    RL_W_AND = 1u << 9,
    RL_W_OF = 1u << 10,
    RL_W_BY = 1u << 11,
    RL_W_POSS = 1u << 12,    /* 's */
    RL_W_THEY = 1u << 13,
    RL_W_HESHE = 1u << 14,
    RL_W_THE = 1u << 15,
    RL_W_TWO = 1u << 16,
    RL_W_BOTH = 1u << 17,
    RL_W_MEMBERS = 1u << 18, /* members, member */
    RL_W_LISTFILL = 1u << 19,/* as, well, other, of, the: filler inside "A, B and other members of C" */
    RL_W_OTHER = 1u << 20,   /* other, of: allowed only with "members" */
    RL_W_WHO = 1u << 21,     /* who, which */
    RL_W_IF = 1u << 22,      /* if, unless */
    RL_W_WOULD = 1u << 23,
    RL_W_SCALE = 1u << 24,   /* million, thousand */
    RL_W_MILLION = 1u << 25,
    RL_W_NOUNSEP = 1u << 26, /* and, or, of, in, to, with, on: not a modifier before a noun pattern */
    RL_W_ART = 1u << 28,     /* articles and possessive determiners: a verb after them is a noun */
    RL_W_THAT = 1u << 27,
    RL_W_IT = 1u << 29,      /* it */
    RL_W_FOR = 1u << 30,     /* for */
    RL_W_ONLY = 1u << 31,    /* only: "not only" is no negation */    /* that: a determiner, but also a complementizer before a verb */
};

typedef struct rl_fword { const char *word; uint32_t mask; } rl_fword;

/* The table, terminated by {NULL, 0}. */
const rl_fword *rl_fwords(void);

#endif
