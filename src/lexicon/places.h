/* places.h: the gazetteer: named places (capitals, cities, first-level
 * regions, sites) with their country, region and coordinates, loaded from the
 * plain-text files of dict/places/ (format: docs/gazetteer.md), looked up by
 * name through a hash over normalized keys (folded words joined by one space:
 * "Kryvyi Rih", "kryvyi-rih" and "KRYVYI RIH" are the key "kryvyi rih").
 * rl_places_new/rl_places_free own everything; places returned are borrowed
 * and stay valid until rl_places_free. Read-only after rl_places_finish, so
 * coding threads can share it. */
#ifndef RL_PLACES_H
#define RL_PLACES_H

#include "base/rl.h"

enum rl_place_kind { RL_PK_CAPITAL, RL_PK_CITY, RL_PK_REGION, RL_PK_SITE, RL_PK_COUNT };

typedef struct rl_place {
    const char *name;      /* primary name, as written */
    const char *region;    /* first-level region, "" for none (city-states) */
    char country[4];       /* ISO 3166-1 alpha-3 */
    uint8_t kind;          /* enum rl_place_kind */
    double lat, lon;       /* decimal degrees */
    const char *file;      /* where it was read, for diagnostics */
    int line;
} rl_place;

typedef struct rl_places rl_places;

rl_places *rl_places_new(void);
void rl_places_free(rl_places *p);

/* Reads one gazetteer file. Bad lines are reported to dg as errors and
 * skipped. Returns RL_OK, RL_ENOMEM, or RL_EIO if the file cannot be read. */
int rl_places_load_file(rl_places *p, const char *path, rl_diag *dg);
/* Reads every *.txt of dir in name order. A missing folder is RL_EIO. */
int rl_places_load_dir(rl_places *p, const char *dir, rl_diag *dg);
/* Builds the lookup table and reports to dg, as errors, every primary name
 * written twice within one country, and (when valid is not NULL) every country
 * code for which valid[rl_places_code3(code)] is 0. Returns RL_OK or RL_ENOMEM. */
int rl_places_finish(rl_places *p, const uint8_t *valid, rl_diag *dg);

/* Index of a three-capital-letter code in [0, 26*26*26), -1 if it is none. */
int rl_places_code3(const char *code);
#define RL_PLACES_NCODES (26 * 26 * 26)

/* Normalizes s[0..n) into a key: folded (lower case, no accents), every run
 * of characters that are neither letters nor digits one space, none at the
 * ends. Returns the key's length, 0 if empty or it does not fit in cap. */
size_t rl_places_key(const char *s, size_t n, char *out, size_t cap);
/* The place named by key[0..n) (a normalized key). When several places share
 * it: one in country prefer (may be NULL) first, then one whose primary name
 * it is, then one with it as a written variant (before a region's short form:
 * "Gaza" is the Gaza Strip, not Mozambique's Gaza Province), then a national
 * capital, then the first read. NULL if none. When rank is not NULL it gets
 * how the key names the place: 2 its primary name, 1 a written variant, 0 a
 * region's short form. */
const rl_place *rl_places_find(const rl_places *p, const char *key, size_t n, const char *prefer,
                               int *rank);
/* The longest name among the places, in words (bounds a lookup over tokens). */
unsigned rl_places_max_words(const rl_places *p);
/* Whether some place lies in the country (a quick test that an actor code's
 * first three letters are a country). */
int rl_places_has_country(const rl_places *p, const char *code3);

/* The words the coder's location stage reads around a name (the dictionary
 * interns them, so they have word ids): place prepositions ("in", "near"),
 * nouns and directions before a place's "of" ("the city of", "north of"), and
 * direction words read through ("in eastern Ukraine"). */
enum { RL_PCUE_PREP, RL_PCUE_OFHEAD, RL_PCUE_DIR, RL_PCUE_COUNT };
const char *const *rl_places_cue_words(int which, size_t *n);

size_t rl_places_count(const rl_places *p);
const rl_place *rl_places_at(const rl_places *p, size_t i);
const char *rl_place_kind_name(int kind);
/* Names of kinds as written in the files; -1 if unknown. */
int rl_place_kind_parse(const char *s);

#endif
