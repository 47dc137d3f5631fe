/* series.h: the dyad monitor's arithmetic. Reads distinct events from the
 * store (store.h) and turns those between two sides into per-period counts by
 * quad class, Goldstein sums and means, a talks track and a force track, a
 * plain reading of each period and its strongest events as evidence; ranks
 * dyads by the rise of their force track (`redline top`). Drawing the result
 * (terminal, JSON, SVG) is report.h's job. Track definitions: docs/store.md.
 * rl_series_dyad/rl_series_free and rl_series_top/rl_top_free own results;
 * the store is borrowed. */
#ifndef RL_SERIES_H
#define RL_SERIES_H

#include "store/store.h"
#include "lexicon/names.h"

enum rl_by { RL_BY_AUTO, RL_BY_DAY, RL_BY_WEEK, RL_BY_MONTH };
enum rl_track { RL_TRACK_NONE, RL_TRACK_TALKS, RL_TRACK_FORCE };
enum rl_series_reading {
    RL_READ_QUIET,     /* no talks, no force */
    RL_READ_TALKS,     /* talks rose, force did not */
    RL_READ_FORCE,     /* force rose, talks did not */
    RL_READ_BOTH,      /* both rose: coercive bargaining */
    RL_READ_STEADY,    /* both unchanged */
    RL_READ_RECEDING,  /* neither rose, at least one fell */
    RL_READ_THIN,      /* too little evidence (RL_SERIES_MIN_EVENTS, _MIN_STORIES) */
    RL_READ_NONE,      /* the first period: nothing to compare with */
    RL_READ_COUNT
};

#define RL_SIDE_MAX 16   /* actor patterns per side */
#define RL_SERIES_TOP 3  /* evidence events per track and period */
#define RL_SERIES_MIN_EVENTS 3  /* a reading needs this many realized talks+force incidents */
#define RL_SERIES_MIN_STORIES 2 /* ... reported by at least this many stories */
#define RL_SERIES_WINDOW 1      /* near-duplicates: event dates at most this many days apart */
#define RL_SERIES_ALSO 8        /* merged event ids kept per incident */

/* Which track a CAMEO code counts in (RL_TRACK_*). */
int rl_series_track(const char *cameo);
/* The code prefixes of a track, NULL-terminated (for docs and --json). */
const char *const *rl_series_track_codes(int track);
/* Whether events of this modality are counted (negated and hypothetical
 * events are stored but not counted). */
int rl_series_counted(int modality);
const char *rl_track_name(int track);
const char *rl_series_reading_name(int reading);
const char *rl_by_name(int by);
int rl_by_parse(const char *s); /* -1 if unknown */

/* First day of the period holding d; first day of the next period. */
rl_day rl_period_start(rl_day d, int by);
rl_day rl_period_next(rl_day start, int by);

/* Splits a side "USA,WST,IGOWSTNAT" into upper-cased patterns (see
 * rl_store_actor_match). Returns how many, or -1 (with *bad set to the
 * offending item) when an item is not 3 to 23 letters or digits or there
 * are more than RL_SIDE_MAX. */
int rl_series_side_parse(const char *side, char out[RL_SIDE_MAX][24], char bad[64]);

/* Counts are of incidents: distinct events after near-duplicates and the two
 * directions of one symmetric act were merged (docs/store.md). */
typedef struct rl_series_cell {
    unsigned events;      /* incidents counted (all codes) */
    unsigned mentions;    /* their reports */
    unsigned quad[4];     /* incidents by quad class 1..4 */
    unsigned talks, force;  /* realized (not scheduled) track incidents */
    unsigned scheduled;   /* scheduled or announced track incidents, counted apart */
    unsigned claims;      /* of talks + force, those every report of which is a claim */
    unsigned merged;      /* distinct stored events merged into these incidents */
    double talks_w, force_w; /* intensity: sums of |Goldstein| of talks / force */
    double goldstein;     /* sum over incidents */
} rl_series_cell;

typedef struct rl_series_event {
    int64_t id;
    rl_day date;
    char source[24], target[24], cameo[8];
    int modality, track;
    double goldstein;
    unsigned mentions;    /* reports, summed over the merged events */
    unsigned stories, sources; /* summed over the merged events */
    int mirror;           /* 1: the two directions of one symmetric act */
    char claimed_by[24];  /* "" or the side whose claim every report is */
    unsigned nalso;       /* other stored events merged into this one */
    int64_t also[RL_SERIES_ALSO];
    rl_store_mention m;   /* its first report (story id, sentence, text), the counts */
} rl_series_event;

typedef struct rl_series_period {
    rl_day start, end;    /* inclusive, within [from, to] */
    rl_series_cell all, ab, ba;   /* both directions, a to b, b to a */
    unsigned uncounted;   /* negated or hypothetical events left out */
    unsigned stories;     /* news volume: stories of the period naming both sides */
    int reading;
    rl_series_event top[2][RL_SERIES_TOP]; /* [0] talks, [1] force; strongest first */
    unsigned ntop[2];
} rl_series_period;

typedef struct rl_series {
    char a[RL_SIDE_MAX][24], b[RL_SIDE_MAX][24];
    int na, nb;
    rl_day from, to;
    int by;
    size_t n;
    rl_series_period *p;
    rl_series_cell total;
    unsigned long stories;  /* news volume over the range */
    unsigned long undated;  /* mentions of the dyad without a date: in no period */
    rl_series_cell undated_cell; /* their incidents (also in total, in no period) */
    unsigned uncounted;
    const rl_names *names;  /* borrowed, set by the caller for reports; NULL: codes only */
} rl_series;

/* Builds the series between sides a and b (patterns from rl_series_side_parse)
 * over [from, to]; RL_NODATE bounds default to the dyad's first and last event
 * dates; RL_BY_AUTO picks days for up to 31 days, weeks up to 26 weeks, else
 * months. On a dyad with no events *out has n == 0. Returns RL_OK, RL_ENOMEM,
 * RL_EIO, or RL_ERANGE (more than 20,000 periods; reported to dg). */
int rl_series_dyad(rl_store *st, char a[][24], int na, char b[][24], int nb, rl_day from,
                   rl_day to, int by, rl_series **out, rl_diag *dg);
void rl_series_free(rl_series *s);

/* The actor a dyad is counted under: the country (first three letters), or the
 * whole code for international and non-state codes (IGO..., NGO..., MNC...). */
void rl_series_actor_root(const char *code, char out[24]);

typedef struct rl_top_row {
    char a[24], b[24];        /* the dyad's actor roots, a <= b */
    unsigned force, force_prev, talks, talks_prev;
    int rise;                 /* force - force_prev */
    int reading;
    rl_series_event strongest; /* strongest force event of the period */
} rl_top_row;

typedef struct rl_top {
    rl_day from, to, prev_from, prev_to;
    unsigned long events;     /* distinct events read */
    size_t n;
    rl_top_row *v;
    const rl_names *names;    /* borrowed, as in rl_series */
} rl_top;

/* Ranks dyads by force events in [from, to] minus those in the previous
 * period of equal length; keeps the max best with a rise > 0. International
 * only (both roots differ) when intl is set. */
int rl_series_top(rl_store *st, rl_day from, rl_day to, size_t max, int intl, rl_top **out,
                  rl_diag *dg);
void rl_top_free(rl_top *t);

/* FNV-1a over "a|b": the hash of a dyad's two codes, for the open-addressing
 * tables of rankings (series.c) and alerts (alert.c). */
uint64_t rl_series_hash_pair(const char *a, const char *b);

#endif
