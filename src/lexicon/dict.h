/* dict.h: redline's dictionaries in memory: actors (with dated roles), agents,
 * verb patterns, modal constructions, the modal code table and the CAMEO table,
 * loaded from the plain-text files of dict/ (format: docs/dictionaries.md) and
 * from Debian's iso-codes. After rl_dict_finish the dictionary is read-only.
 * rl_dict_new/rl_dict_free own everything; pointers returned are borrowed. */
#ifndef RL_DICT_H
#define RL_DICT_H

#include "base/day.h"
#include "lexicon/lex.h"
#include "lexicon/morph.h"
#include "lexicon/places.h"

/* RL_I_SKIP: an actor that is neither source nor target (PETRARCH's '^') */
enum rl_item_type { RL_I_WORD, RL_I_GAP, RL_I_TARGET, RL_I_SOURCE, RL_I_SKIP };

/* Items with more than RL_ALT_SORTED alternatives keep them sorted after the
 * first (the lemma stays first), so the matcher can search them. */
#define RL_ALT_SORTED 8

typedef struct rl_item {
    uint8_t type;
    uint8_t exact;     /* 1: all capitals in the text (US, UN); 2: capitalised (=West) */
    uint16_t nalt;
    uint32_t *alt;     /* word ids (any one matches) */
} rl_item;

enum rl_pat_kind { RL_P_ACTOR, RL_P_AGENT, RL_P_VERB, RL_P_MODAL };
enum {
    RL_PF_SYM = 1, RL_PF_NOUN = 2,
    RL_PF_PREFIX = 4,       /* agent: its code goes before the actor's (PETRARCH "NGO~") */
    RL_PF_STACK = 8,        /* agent: its code is added to those already there (PETRARCH) */
    RL_PF_SUBJ_TARGET = 16, /* verb written "+ ...": the actor just before it is the target */
    RL_PF_PETRARCH = 32,    /* verb read as PETRARCH reads: modal constructions set the
                             * modality, never the code or the actors, and the target
                             * is the first actor after it, whatever the preposition */
    RL_PF_SUBJ_SOURCE = 64, /* "$ ...": an actor must stand just before it (the source) */
    RL_PF_SUBJ_GROUP = 128, /* "% ...": a compound just before it, its members coded pairwise */
    RL_PF_SUBJ = RL_PF_SUBJ_TARGET | RL_PF_SUBJ_SOURCE | RL_PF_SUBJ_GROUP,
};
enum rl_modal {
    RL_M_NONE, RL_M_DEMAND, RL_M_APPEAL, RL_M_THREAT, RL_M_INTENT, RL_M_FUTURE,
    RL_M_NEGATE, RL_M_HYPO, RL_M_REPORT, RL_M_DISCARD, RL_M_PLAN, RL_M_COUNT
};

typedef struct rl_pattern {
    uint8_t kind;
    uint8_t modal;     /* enum rl_modal, for RL_P_MODAL */
    uint16_t flags;
    uint16_t nitems;
    char code[16];     /* CAMEO event code (verbs), suffix (agents), actor code (actors);
                        * verbs may carry "A:B" (A source->target, B back) or "---" (none) */
    uint8_t head;      /* 1 + index among word items of the '@' head; 0: the first word */
    char by[4];        /* verbs, "[by COP]": the agent an agentless passive implies, "" none */
    uint32_t actor;    /* index into actors, for RL_P_ACTOR */
    rl_item *items;
    char *text;        /* as written, for explain */
    const char *file;
    int line;
} rl_pattern;

typedef struct rl_role {
    char code[16];
    char bare[8];      /* the code's country (or IGO/NGO/MNC) part: "USAGOV" -> "USA" */
    rl_day from, to;   /* inclusive; RL_NODATE = open */
    char *desc;
} rl_role;

typedef struct rl_actor {
    char code[16];     /* simple entries; persons and dated groups use roles */
    int person;
    int dated;         /* a group whose code changed with time ("= Taliban"): roles, no person */
    rl_role *roles;
    uint32_t nroles;
    char *name;
} rl_actor;

typedef struct rl_cameo {
    char code[8];
    float goldstein;
    char plover[16];          /* PLOVER event type ("" for codes PLOVER drops) */
    char plover_mode[24];     /* PLOVER mode the code determines ("" when none) */
    char plover_context[48];  /* PLOVER contexts, ';'-separated ("" when none) */
    char *name;
} rl_cameo;

typedef struct rl_modal_row { char code[8]; char to[4][8]; } rl_modal_row;
enum { RL_MC_APPEAL, RL_MC_INTENT, RL_MC_DEMAND, RL_MC_THREAT };

typedef struct rl_dict rl_dict;

rl_dict *rl_dict_new(void);
void rl_dict_free(rl_dict *d);
/* The dictionaries' version: 16 hex digits of a hash (FNV-1a) over every
 * pattern (kind, code, text), actor code, name and dated role in load order, so that two runs
 * give the same digits exactly when they coded with the same entries. */
#define RL_DICT_VERSION_LEN 17
void rl_dict_version(const rl_dict *d, char out[RL_DICT_VERSION_LEN]);

/* Loads every dictionary of a dict/ folder (actors/ *.txt, agents.txt, verbs.txt,
 * modals.txt, modal-codes.txt, cameo.tsv), the gazetteer (places/ *.txt, when
 * present) and the ISO 3166 names. Bad lines are
 * reported to dg and skipped. Returns RL_OK, RL_ENOMEM, or RL_EIO when a
 * required file is missing. Calls rl_dict_finish. */
int rl_dict_load_dir(rl_dict *d, const char *dir, rl_diag *dg);
/* The same for some parts only, without rl_dict_finish (PETRARCH dictionaries
 * replace or extend ours in between). The CAMEO table is always loaded;
 * RL_DL_MODALS without RL_DL_DISCARDS leaves out the discard class. */
enum { RL_DL_ACTORS = 1, RL_DL_AGENTS = 2, RL_DL_VERBS = 4, RL_DL_MODALS = 8, RL_DL_DISCARDS = 16,
       RL_DL_ALL = 31 };
int rl_dict_load_parts(rl_dict *d, const char *dir, unsigned parts, rl_diag *dg);
/* Loaders for single files; kind is chosen by the caller. */
int rl_dict_load_actors(rl_dict *d, const char *path, rl_diag *dg);
int rl_dict_load_agents(rl_dict *d, const char *path, rl_diag *dg);
int rl_dict_load_verbs(rl_dict *d, const char *path, rl_diag *dg);
int rl_dict_load_modals(rl_dict *d, const char *path, rl_diag *dg);
int rl_dict_load_modal_codes(rl_dict *d, const char *path, rl_diag *dg);
int rl_dict_load_cameo(rl_dict *d, const char *path, rl_diag *dg);
int rl_dict_load_iso(rl_dict *d, const char *path, rl_diag *dg);
/* dict/plover.tsv (CODE TYPE MODE CONTEXT) over a loaded CAMEO table: each
 * code gets the row of its longest listed prefix. RL_OK, RL_EIO, RL_ENOMEM. */
int rl_dict_load_plover(rl_dict *d, const char *path, rl_diag *dg);
/* Builds the lookup indexes; needed after loading and before matching. */
int rl_dict_finish(rl_dict *d);

/* Adds one pattern (used by loaders and by the PETRARCH reader). text is the
 * pattern in the syntax of docs/dictionaries.md. Returns RL_OK or RL_EPARSE. */
int rl_dict_add_pattern(rl_dict *d, int kind, const char *code, int modal, uint32_t actor,
                        const char *text, const char *file, int line, rl_diag *dg);
/* Adds an actor and returns its index via *idx. */
int rl_dict_add_actor(rl_dict *d, const char *code, int person, const char *name, uint32_t *idx);
int rl_dict_add_role(rl_dict *d, uint32_t idx, const char *code, rl_day from, rl_day to,
                     const char *desc);

/* queries */
const rl_lex *rl_dict_lex(const rl_dict *d);
/* Function-word class mask (fwords.h) of word id w. */
uint32_t rl_dict_wclass(const rl_dict *d, uint32_t w);
const rl_pattern *rl_dict_pattern(const rl_dict *d, uint32_t i);
uint32_t rl_dict_npatterns(const rl_dict *d);
/* One entry of the first-word index: a pattern and, copied beside it, what
 * rejects most candidates without reading the pattern (the index is read for
 * every word of every sentence; the patterns lie scattered on the heap). */
typedef struct rl_cand {
    uint32_t pat;      /* index into the patterns */
    uint32_t next;     /* the word its second item must be (one word, any case); 0: any */
    uint64_t need;     /* rl_word_bit of every later one-word item: all must be present */
    uint32_t lemma;    /* the first item's first word (its lemma, for a verb) */
    uint16_t nitems;
    uint16_t flags;    /* the pattern's RL_PF_* */
    uint8_t kind;      /* enum rl_pat_kind */
    uint8_t head;      /* the pattern's head */
    uint8_t inflected; /* the first item has several forms */
} rl_cand;

/* The bit a word id sets in a sentence's word signature (rl_cand.need). */
static inline uint64_t rl_word_bit(uint32_t w)
{
    return 1ULL << (((uint64_t)w * 0x9E3779B97F4A7C15ULL) >> 58);
}

/* Patterns of a kind class whose first item can be word id w: phrases
 * (actors, agents) when verbs == 0, verbs and modals otherwise. */
const rl_cand *rl_dict_starting(const rl_dict *d, int verbs, uint32_t w, uint32_t *n);
const rl_actor *rl_dict_actor(const rl_dict *d, uint32_t i);
/* Code of an actor on a date. Persons: the role in force; when none is (every
 * role ended, or none began yet), the bare country of the latest earlier role
 * (else of the first), as CAMEO codes a former office-holder: "USA", not
 * "USAGOV". *role gets the role's description (NULL for simple entries). */
const char *rl_dict_actor_code(const rl_dict *d, uint32_t i, rl_day when, const char **role);
const rl_cameo *rl_dict_cameo(const rl_dict *d, const char *code);
/* Code for an appeal/intent/demand/threat (RL_MC_*) about an action code;
 * NULL when the table has none. */
const char *rl_dict_modal_code(const rl_dict *d, const char *action, int which);
const char *rl_modal_name(int m);
/* The gazetteer read from the folder's places/ (docs/gazetteer.md); NULL when
 * it has none. */
const rl_places *rl_dict_places(const rl_dict *d);
/* Counts for reporting. */
void rl_dict_counts(const rl_dict *d, uint32_t *actors, uint32_t *persons, uint32_t *agents,
                    uint32_t *verbs, uint32_t *modals);


#endif
