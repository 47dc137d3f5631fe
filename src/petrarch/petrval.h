/* petrval.h: PETRARCH validation records (PETR.UnitTest.records.xml): the
 * <Environment> block naming the dictionaries, <Config> options, and each
 * <Sentence> with its category, date, text and expected <EventCoding>
 * (source/target/code triples, noevents, or an error the coder should
 * report). Read with libxml2; the <Parse> trees are not read. Comparing
 * coded events with the expectations is the caller's job (cmd_validate.c).
 * rl_petr_valset_init/_release manage a caller-owned set. */
#ifndef RL_PETRVAL_H
#define RL_PETRVAL_H

#include "base/rl.h"

typedef struct rl_petr_expect {
    char source[64], target[64], code[16];
} rl_petr_expect;

typedef struct rl_petr_record {
    char *id, *category, *text;   /* text: whitespace runs folded to one blank */
    rl_day date;
    rl_petr_expect *ev;
    size_t nev;
    int noevents;                 /* noevents="True", or no EventCoding at all */
    char *error;                  /* error="dateline" etc., else NULL */
    int require_dyad;             /* the Config option in force (default 1) */
    long line;
} rl_petr_record;

typedef struct rl_petr_valset {
    rl_petr_record *v;
    size_t n, cap;
    char *files[8];               /* Environment dictionaries, resolved against the XML's folder */
    int kinds[8];                 /* their rl_petr_kind (petrdict.h) */
    int nfiles;
    char *include;                /* the <Include> category list, if any */
} rl_petr_valset;

void rl_petr_valset_init(rl_petr_valset *s);
void rl_petr_valset_release(rl_petr_valset *s);

/* Reads a validation file. Malformed records are reported (file:line) and
 * skipped. Returns RL_OK, RL_EIO (unreadable, not XML) or RL_ENOMEM. */
int rl_petr_val_load(rl_petr_valset *s, const char *path, rl_diag *dg);

#endif
