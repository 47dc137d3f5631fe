/* code.h: turns a sentence reading (match.h) into CAMEO events: picks source and
 * target for each verb pattern (subject search, passive voice, compound and
 * symmetric actors, pronouns resolved from earlier sentences), applies modal
 * constructions (demand, threat, intent, future, negation, condition) to the
 * code and the modality, attaches the event date and any stated quantity.
 * An rl_coder holds per-story context and scratch; one per thread.
 * rl_coder_new/rl_coder_free own it; it borrows the dictionary. */
#ifndef RL_CODE_H
#define RL_CODE_H

#include "base/buf.h"
#include "coder/match.h"

enum rl_modality {
    RL_MOD_REALIZED, RL_MOD_SCHEDULED, RL_MOD_THREATENED, RL_MOD_DEMANDED,
    RL_MOD_HYPOTHETICAL, RL_MOD_NEGATED, RL_MOD_COUNT
};
const char *rl_modality_name(int m);
int rl_modality_parse(const char *s); /* -1 if unknown */

enum { RL_FORM_VERBAL, RL_FORM_NOMINAL };

/* How precisely an event's location is known (place.c). */
enum { RL_LOC_UNKNOWN, RL_LOC_COUNTRY, RL_LOC_REGION, RL_LOC_PLACE, RL_LOC_COUNT };
const char *rl_loc_precision_name(int p);

typedef struct rl_event {
    char source[24], target[24];
    char code[8];
    char root[3];
    int quad;
    float goldstein;
    const char *plover;    /* borrowed from the dictionary */
    const char *plover_mode, *plover_context; /* borrowed; "" when the code gives none */
    const char *name;      /* CAMEO name, borrowed */
    int modality;
    rl_day date;
    int precision;         /* RL_PREC_*: how much of the date is known */
    int form;              /* RL_FORM_VERBAL, or RL_FORM_NOMINAL for "the attack on X by Y" */
    char claimed_by[24];   /* "" or the actor whose claim the sentence reports */
    const rl_place *place; /* where it happened (borrowed from the gazetteer), NULL if no place */
    char loc_country[4];   /* its country, "" if unknown */
    uint8_t loc_precision; /* RL_LOC_* */
    char date_expr[48];    /* "" when the story date was used */
    char evidence[160];    /* matched words */
    char source_text[96], target_text[96];
    double quantity;       /* 0 = none */
    char quantity_unit[24];
    uint32_t pattern;      /* dictionary pattern, for explain */
    uint32_t sentence;     /* set by the caller */
} rl_event;

typedef struct rl_events {
    rl_event *v;
    size_t n, cap;
} rl_events;

void rl_events_init(rl_events *e);
void rl_events_release(rl_events *e);

typedef struct rl_coder rl_coder;

rl_coder *rl_coder_new(const rl_dict *d);
void rl_coder_free(rl_coder *c);
/* Starts a story: resets pronoun and date context. */
void rl_coder_begin_story(rl_coder *c, rl_day story_date);
/* Counts the countries named in a text that is not coded (the title, the
 * dateline) toward the story's main country, with the given weight. The
 * main country gives domestic actors without one theirs ("Police fired tear
 * gas at protesters" in a Kenyan story: KENCOP, KENOPP). */
int rl_coder_note_text(rl_coder *c, const char *text, rl_token *t, size_t n, unsigned weight);
/* The story's main country so far, "" if none. */
const char *rl_coder_home(const rl_coder *c);
/* Codes one sentence (tokens t[0..n) over text) and appends its events to out.
 * When trace is not NULL, a human-readable account of the reading is appended
 * (used by `redline explain`). Returns RL_OK or RL_ENOMEM. */
int rl_coder_sentence(rl_coder *c, const char *text, rl_token *t, size_t n, rl_events *out,
                      rl_buf *trace);

/* Why the last sentence gave no event (RL_MISS_NONE when it gave some). */
enum rl_miss {
    RL_MISS_NONE,
    RL_MISS_DISCARDED,   /* a discard phrase (dict/modals.txt) marks it */
    RL_MISS_NO_ACTOR,    /* no actor of the dictionaries is named */
    RL_MISS_NO_VERB,     /* actors, but no verb pattern or modal construction matched */
    RL_MISS_NO_ROLES,    /* a pattern matched, but no source and target could be given it */
    RL_MISS_COUNT
};
int rl_coder_miss(const rl_coder *c, size_t events_added);
const char *rl_miss_name(int miss);   /* "no verb pattern" ...; "" for RL_MISS_NONE */
int rl_miss_parse(const char *name);  /* -1 when unknown */

#endif
