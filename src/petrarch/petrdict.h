/* petrdict.h: PETRARCH/TABARI dictionaries (verbs with synonym sets and
 * patterns, actors with synonyms and dated codes, agents, discards, issues)
 * read into an rl_dict, each entry translated into redline's pattern language
 * (docs/dictionaries.md; the translation is described in docs/petrarch.md).
 * Constructs the shallow matcher cannot express are reported once per file
 * with the line of their first occurrence, then counted; malformed lines are
 * errors. The dictionary is borrowed; call rl_dict_finish after loading. */
#ifndef RL_PETRDICT_H
#define RL_PETRDICT_H

#include "lexicon/dict.h"

enum rl_petr_kind {
    RL_PETR_AUTO, RL_PETR_VERBS, RL_PETR_ACTORS, RL_PETR_AGENTS, RL_PETR_DISCARDS,
    RL_PETR_ISSUES, RL_PETR_NKINDS
};

enum {
    RL_PETR_LINT = 1,       /* also warn about codes missing from the CAMEO table */
    RL_PETR_EVERY_NOTE = 2, /* report every occurrence of an unsupported construct */
};

typedef struct rl_petr_stats {
    int kind;               /* the kind read (detected when RL_PETR_AUTO) */
    unsigned entries;       /* verbs, actors, agents, discards or issues read */
    unsigned patterns;      /* redline patterns added */
    unsigned synsets;       /* synonym sets defined (verbs) */
    unsigned patterns_read; /* '-' pattern lines read (verbs) */
    unsigned unsupported;   /* occurrences of unsupported or approximated constructs */
    unsigned bad;           /* malformed lines skipped (errors) */
} rl_petr_stats;

/* Kind of a dictionary file from its name (*verbs*, CAMEO*, *actors*,
 * *agents*, *discards*, *issue*), else from its content; RL_PETR_AUTO when
 * neither tells. */
int rl_petr_kind_of(const char *path);
const char *rl_petr_kind_name(int kind);

/* Reads one PETRARCH dictionary file of the given kind (RL_PETR_AUTO: detect)
 * into d. st may be NULL. Returns RL_OK (bad lines are reported and skipped),
 * RL_EIO when the file cannot be read or its kind cannot be told, RL_ENOMEM. */
int rl_petr_load(rl_dict *d, const char *path, int kind, unsigned flags, rl_petr_stats *st,
                 rl_diag *dg);

#endif
