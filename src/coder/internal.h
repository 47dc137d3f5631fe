/* internal.h: private to the coder (code.c, roles.c, attach.c): the coder's
 * per-story state and the functions that fill in an event's parts. Not part of
 * the library's interface; nothing outside those three files includes it. */
#ifndef RL_CODER_INTERNAL_H
#define RL_CODER_INTERNAL_H

#include "coder/code.h"

#define MAXCODES 8

struct rl_coder {
    const rl_dict *d;
    rl_reading r;
    rl_day story;
    rl_day prev;                   /* latest resolved date in the story */
    char group[MAXCODES][24];      /* last compound group seen (for "they") */
    int ngroup;
    char person[24];               /* last person seen (for "he", "she") */
    int32_t *vsource;              /* resolved source chunk per verb match */
    int32_t *vfrom;                /* verb whose subject this one shares, -1 */
    rl_day *vdate;                 /* each verb's resolved date ... */
    char (*vexpr)[48];             /* ... and the expression behind it */
    int32_t last_inherit;          /* set by find_subject */
    size_t vcap;
    uint8_t *mused;                /* modal match consumed by a verb event */
    size_t mcap;
};


/* roles.c: who did it to whom */
void rl_span_text(const rl_reading *r, uint32_t a, uint32_t b, char *out, size_t cap);
/* Subject of verb match v: the nearest free actor left of token from in its
 * clause; -1 none, -2 "shares the subject of an earlier verb that had none". */
int32_t rl_role_subject(rl_coder *c, size_t v, uint32_t from);
/* Object of verb match v: the first non-locative actor to its right, -1 none. */
int32_t rl_role_object(const rl_reading *r, size_t v);
/* A place the act happens in ("in Russia"), -1 none. */
int32_t rl_role_place(const rl_reading *r, size_t v);
/* Codes of the chunk's group (anaphors resolved); prefer: the other party's
 * code, for agents without a country. Returns how many (at most MAXCODES). */
int rl_role_codes(rl_coder *c, int32_t ch, char out[MAXCODES][24], const char *prefer);
int rl_role_passive(const rl_reading *r, const rl_pmatch *m);
int32_t rl_role_by_agent(const rl_reading *r, const rl_pmatch *m);
int32_t rl_role_addressee(const rl_reading *r, const rl_pmatch *x);

/* attach.c: when, and how many */
void rl_attach_date(rl_coder *c, const rl_pmatch *m, rl_event *e, int tense, rl_buf *trace);
void rl_attach_quantity(const rl_reading *r, const rl_pmatch *m, rl_event *e);

#endif
