/* internal.h: private to the coder's stages (code.c, roles.c, modality.c,
 * attach.c, trace.c): the coder's per-story state, the predicate record the
 * stages pass along, and the functions that fill in its parts (place.c too). Not part of the
 * library's interface; nothing outside src/coder/ includes it. */
#ifndef RL_CODER_INTERNAL_H
#define RL_CODER_INTERNAL_H

#include "coder/code.h"

#define MAXCODES 8
#define RL_MAX_CHARGES 8

struct rl_coder {
    const rl_dict *d;
    rl_reading r;
    rl_day story;
    rl_day prev;                   /* latest resolved date in the story */
    char group[MAXCODES][24];      /* last compound group seen (for "they") */
    int ngroup;
    char person[24];               /* last person seen (for "he", "she") */
    char org[24];                  /* last non-state group seen (for "the group") */
    char igo[24];                  /* last international organization seen (for "the bloc") */
    struct { char code[4]; unsigned n; } seen[32]; /* countries named in the story, weighted */
    int nseen;
    char home[4];                  /* the story's main country: police, protesters ... */
    rl_surnames names;             /* persons named in full so far, by surname */
    struct { char src[24], tgt[24]; unsigned sentence; } charge[RL_MAX_CHARGES];
    int ncharge;                   /* recent accusations and charges, oldest first (for denials) */
    unsigned nsent;                /* sentences coded in this story */
    char qspeaker[24];             /* code of the last quote's speaker */
    int qrecent;                   /* ... named in the previous sentence */
    int qcarry;                    /* sentences so far inside a quote left open (0: none open) */
    int discarded;                 /* the last sentence had a discard phrase */
    int32_t *vsource;              /* resolved source chunk per verb match */
    int32_t *vfrom;                /* verb whose subject this one shares, -1 */
    rl_day *vdate;                 /* each verb's resolved date ... */
    char (*vexpr)[48];             /* ... and the expression behind it */
    int32_t last_inherit;          /* set by find_subject */
    size_t vcap;
    uint8_t *mused;                /* modal match consumed by a verb event */
    size_t mcap;
    uint8_t *placew;               /* per word id: RL_PW_* classes of place.c, NULL if none */
    uint32_t nplacew;
};

/* One predicate (a verb or noun pattern match) on its way to events. code.c
 * runs the stages in order and each fills in its part: roles (src, tgt and
 * their codes), code and modality (modality.c), date and quantity (attach.c),
 * evidence; then one event per actor pair is emitted. */
typedef struct rl_pred {
    size_t v;                      /* index of the match in r->verb */
    const rl_pmatch *m;
    const rl_pattern *p;
    int32_t modal[RL_M_COUNT];     /* modal match governing it, per class; -1 none */
    int fin;                       /* [petrarch] pattern: keeps its own code and actors */
    int noun;                      /* a noun pattern ("US sanctions on Russia") */
    int passive;
    int at_place;                  /* the target is the place the act is in ("a hotel in Mogadishu") */
    int own_voice;                 /* the act's source side is the one saying it (quote or report) */
    int third_voice;               /* someone else says it ("analysts say Tehran would ...") */
    int implied;                   /* agentless passive whose pattern implies its agent ([by COP]) */
    int sym;                       /* symmetric act ("met", "talks between") */
    int pledge;                    /* a plain "will/would" with no date: one side's pledge */
    int speech;                    /* RL_M_DEMAND/RL_M_APPEAL when that speech act is coded, else -1 */
    int32_t src, tgt;              /* chunks, -1 none */
    char srcs[MAXCODES][24], tgts[MAXCODES][24];
    int ns, nt;                    /* codes found for each side */
    char code1[16], back[16];      /* PETRARCH "032:033": forward and backward codes */
    int root;                      /* root of the pattern's own code */
    rl_event e;                    /* the event being built */
} rl_pred;

/* modality.c: what the sentence asserts of a predicate */
/* The modal constructions that govern verb match v (nearest before it, same
 * clause, no verb in between), one per class, into idx. */
void rl_modal_collect(const rl_reading *r, size_t v, int32_t idx[RL_M_COUNT]);
/* Whether token head lies in the antecedent of an "if". */
int rl_modal_in_if(const rl_reading *r, uint32_t head);
int rl_modal_sentence_has_if(const rl_reading *r);
/* Sets pr->e's code and modality from the pattern's code and the modals. */
void rl_modal_decide(const rl_reading *r, rl_pred *pr, int has_if);
/* "X told Y that the West would impose sanctions": a threat or demand passed on
 * to an addressee is the reporting speaker's: replaces pr->srcs. */
void rl_modal_reported_speaker(rl_coder *c, rl_pred *pr);
/* Sets e's code, root, quad class, Goldstein score, PLOVER type and name. */
void rl_event_set_code(const rl_dict *d, rl_event *e, const char *code);
int rl_code_root(const char *code);

/* claim.c: a realized act of force or protest reported by one side of its
 * dyad carries that side in e.claimed_by. */
void rl_claim_decide(rl_coder *c, rl_pred *pr);
/* place.c: where it happened */
/* Sets pr->e's place, country and location precision from the place named in
 * the predicate's clause, else the country its actors give (docs/gazetteer.md). */
void rl_place_locate(const rl_coder *c, rl_pred *pr, rl_buf *trace);
/* The word classes place.c tests (place prepositions, direction words,
 * nouns before a place's "of"), one byte per word id of the dictionary's
 * lexicon, into c->placew. Returns RL_OK or RL_ENOMEM. */
int rl_place_words(rl_coder *c);

/* trace.c: what explain shows of the reading */
void rl_trace_reading(const rl_coder *c, rl_buf *tr);

/* roles.c: who did it to whom */
void rl_span_text(const rl_reading *r, uint32_t a, uint32_t b, char *out, size_t cap);
/* Subject of verb match v: the nearest free actor left of token from in its
 * clause; -1 none, -2 "shares the subject of an earlier verb that had none". */
int32_t rl_role_subject(rl_coder *c, size_t v, uint32_t from);
/* Object of verb match v: the first non-locative actor to its right, -1 none. */
int32_t rl_role_object(const rl_reading *r, size_t v);
/* A place the act happens in ("in Russia"), -1 none. */
int32_t rl_role_place(const rl_reading *r, size_t v);
/* "struck its nuclear sites": for an object "its/their + noun" right after
 * match m, the country actor "its" stands for (the nearest one before it
 * that is not the source chunk src), -1 none. */
int32_t rl_role_possessed_object(const rl_reading *r, const rl_pmatch *m, int32_t src);
/* Codes of the chunk's group (anaphors resolved); prefer: the other party's
 * code, for agents without a country. Returns how many (at most MAXCODES). */
int rl_role_codes(rl_coder *c, int32_t ch, char out[MAXCODES][24], const char *prefer);
/* A country or one of its state bodies ("RUS", "RUSGOV", "RUSMIL", the
 * police, courts, parliament, intelligence), not IGOs, NGOs, companies or
 * non-state groups. */
int rl_code_is_state(const char *code);
/* Is code a non-state group "the group" can stand for (rebels, insurgents,
 * gunmen, gangs, opposition, rights groups, NGOs, IMG... armed groups)? */
int rl_role_is_org(const char *code);
/* Does the actor code end in one of the n role suffixes ("PAKREB": "REB")
 * after a country or organization part? */
int rl_code_suffix_in(const char *code, const char *const *suffixes, size_t n);
/* Does every one of the n codes end in one of the suffixes (n > 0)? */
int rl_codes_all_suffix_in(const char (*codes)[24], int n, const char *const *suffixes, size_t ns);
/* "Macron, who urged him to": a pronoun is not the subject of its own verb;
 * the nearest other person before it (or in earlier sentences) that is not
 * code `not`, into out; 0 none or ch is no he/him pronoun. */
int rl_role_pronoun_other(rl_coder *c, int32_t ch, const char *not, char out[24]);
int rl_role_passive(const rl_reading *r, const rl_pmatch *m);
int32_t rl_role_by_agent(const rl_reading *r, const rl_pmatch *m);
int32_t rl_role_addressee(const rl_reading *r, const rl_pmatch *x);

/* attach.c: when, and how many */
void rl_attach_date(rl_coder *c, const rl_pmatch *m, rl_event *e, int tense, rl_buf *trace);
void rl_attach_quantity(const rl_reading *r, const rl_pmatch *m, rl_event *e);
/* The event date of a predicate whose code and modality are decided, with what
 * a date changes: an undated announced use of force is a threat, a realized
 * act dated after the story a plan; coordinated verbs share a date. */
void rl_attach_event_date(rl_coder *c, rl_pred *pr, rl_buf *trace);

#endif
