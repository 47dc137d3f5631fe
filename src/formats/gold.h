/* gold.h: reads gold-annotated sentences (tests/gold/dev/README.md format: id, date,
 * text and expected event lines) and scores coded events against them.
 * rl_gold_load fills a caller-owned rl_goldset; rl_goldset_release frees it. */
#ifndef RL_GOLD_H
#define RL_GOLD_H

#include "coder/code.h"

typedef struct rl_gold_event {
    char source[24], target[24], code[8];
    int modality;          /* -1 if not given */
    rl_day date;           /* RL_NODATE if not given */
} rl_gold_event;

typedef struct rl_gold {
    char *id;
    char *text;
    rl_day date;
    rl_gold_event *ev;
    size_t nev;
    int none;              /* "event: none" */
    const char *file;
    int line;
} rl_gold;

typedef struct rl_goldset {
    rl_gold *v;
    size_t n, cap;
    char **files;
    size_t nfiles;
} rl_goldset;

void rl_goldset_init(rl_goldset *g);
void rl_goldset_release(rl_goldset *g);
/* Appends the blocks of one file. Malformed blocks are reported and skipped.
 * Returns RL_OK, RL_EIO or RL_ENOMEM. */
int rl_gold_load(rl_goldset *g, const char *path, rl_diag *dg);

/* Country part of an actor code: first 3 letters, or 6 for IGO/NGO/MNC codes. */
void rl_gold_country(const char *code, char out[8]);

typedef struct rl_score {
    unsigned long tp, fp, fn;
} rl_score;

double rl_score_p(const rl_score *s);
double rl_score_r(const rl_score *s);
double rl_score_f1(const rl_score *s);

/* Scores coded events against one gold record: root-level (source country,
 * target country, root) and full (source, target, code); modality and date
 * agreement on root-level matches. */
typedef struct rl_eval {
    rl_score root, full;
    unsigned long matched, modality_ok, date_ok, date_given, modality_given;
} rl_eval;
void rl_eval_record(rl_eval *ev, const rl_gold *g, const rl_event *e, size_t ne,
                    int *root_hit_gold, int *root_hit_coded);

#endif
