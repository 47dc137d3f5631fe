/* store.h: the event store: coded stories and events in an SQLite database
 * (schema and design: docs/store.md). Writing is batched: stories go into the
 * open transaction, which commits every `batch` stories, so a crash loses at
 * most the batch in flight and the file stays consistent (WAL journal).
 * Re-storing a story id replaces its events. The same event (date, source,
 * target, CAMEO code, modality) reported by several stories is one row of
 * `events` with mention, story and source counts, like GDELT's NumMentions and
 * NumSources; each report is a row of `mentions`.
 * rl_store_open/rl_store_close own the handle; every other pointer is borrowed,
 * except the strings of rl_store_mention (rl_store_mention_release frees them). */
#ifndef RL_STORE_H
#define RL_STORE_H

#include "coder/story.h"

#define RL_STORE_VERSION 5          /* schema version written by this build */
#define RL_STORE_APP_ID 0x52444c4e  /* PRAGMA application_id: "RDLN" */
#define RL_STORE_BATCH 1000         /* default stories per transaction */

enum rl_store_mode { RL_STORE_READ, RL_STORE_WRITE };

typedef struct rl_store rl_store;

/* Totals of what has been committed since the store was opened. */
typedef struct rl_store_stats {
    unsigned long stories;     /* stories stored (new or replaced) */
    unsigned long replaced;    /* of which replaced an earlier copy */
    unsigned long mentions;    /* coded events stored */
    unsigned long undated;     /* of which had no date (kept as mentions only) */
    unsigned long batches;     /* transactions committed */
    unsigned long uncoded;     /* sentences stored without an event */
} rl_store_stats;

/* The key a story is stored under: "PUBLISHER/ID" ('%' and '/' of the
 * publisher written %25 and %2F), the id alone when it has no publisher, so
 * that two feeds' "1" are two stories. Returns a string the caller frees, or
 * NULL when out of memory. */
char *rl_store_story_key(const rl_story *st);

/* ---- lifecycle ---- */

/* Opens the store at path. RL_STORE_WRITE creates the file when missing and
 * upgrades an older schema; RL_STORE_READ needs an existing store of the
 * current schema and never writes. Every failure is explained to dg as
 * "path: error: ..." and leaves the file unchanged. Returns RL_OK (*out set),
 * RL_ENOMEM, RL_EIO (missing, unreadable, read-only for writing, locked, not
 * SQLite) or RL_EPARSE (not a redline store, or a newer or older schema). */
int rl_store_open(rl_store **out, const char *path, int mode, rl_diag *dg);
/* Rolls back an uncommitted batch (call rl_store_commit first to keep it),
 * then closes. NULL is ignored. */
void rl_store_close(rl_store *s);
/* Stories per transaction (>= 1); the default is RL_STORE_BATCH. */
void rl_store_set_batch(rl_store *s, unsigned stories);
/* The table meta (key, value) records who wrote the store: ingest sets
 * "coder" (the coder and dictionary version of the last ingest) and, once,
 * "first_coder". Writable stores only; RL_OK or an error (reported). */
int rl_store_set_coder(rl_store *s, const char *version);
/* The SQLite connection, for read-only queries of other modules (browse.c);
 * borrowed: valid until rl_store_close. */
struct sqlite3 *rl_store_sqlite(rl_store *s);

/* ---- writing ---- */

/* Starts a story: opens a batch if none is open, records the story (replacing
 * any earlier copy and its events). Returns RL_OK, RL_ENOMEM or RL_EIO; after
 * an error the batch has been rolled back. */
int rl_store_begin_story(rl_store *s, const rl_story *st);
/* Stores a sentence of the story begun last that gave no event, with why
 * (rl_miss_name). RL_OK, or an error after which the batch is rolled back. */
int rl_store_put_uncoded(rl_store *s, unsigned sentence, const char *reason, const char *sent,
                         size_t n);
/* Stores one coded event of the story begun last; sent/n is its sentence. */
int rl_store_put_event(rl_store *s, const rl_story *st, const rl_event *e, const char *sent,
                       size_t n);
/* Ends the story; commits the batch when it holds `batch` stories. */
int rl_store_end_story(rl_store *s);
/* Commits the open batch, if any: updates the event counts, then COMMIT. */
int rl_store_commit(rl_store *s);
/* Drops the open batch. */
void rl_store_rollback(rl_store *s);
void rl_store_stats_get(const rl_store *s, rl_store_stats *st);

/* ---- reading ---- */

/* An actor pattern matches a code: 3 letters match the code's first three
 * (a country with any role: "RUS" matches RUS, RUSGOV, RUSMIL), longer
 * patterns match the whole code. */
int rl_store_actor_match(const char *code, const char *pattern);
/* 1 if some stored event has an actor matching pattern, 0 if none, <0 error. */
int rl_store_actor_known(rl_store *s, const char *pattern);
/* Calls fn(code, ctx) for up to max stored actor codes starting with prefix. */
int rl_store_actors_like(rl_store *s, const char *prefix, size_t max,
                         void (*fn)(const char *code, void *ctx), void *ctx);

/* One distinct event, as scanned. Strings are valid during the callback only. */
typedef struct rl_store_row {
    int64_t id;
    rl_day date;
    const char *source, *target, *cameo;
    int quad;
    double goldstein;
    int modality;              /* enum rl_modality */
    unsigned mentions;
} rl_store_row;
typedef int (*rl_store_row_fn)(const rl_store_row *r, void *ctx);

/* Calls fn for each distinct event dated in [from, to] whose source matches a
 * and target matches b (NULL: any actor). Returns RL_OK, RL_EIO, or fn's
 * non-zero value. Uses the dyad index when a and b are given, the date index
 * otherwise. */
int rl_store_scan(rl_store *s, const char *a, const char *b, rl_day from, rl_day to,
                  rl_store_row_fn fn, void *ctx);
/* First and last event dates from a to b (patterns as above); both RL_NODATE
 * when there is none. */
int rl_store_span(rl_store *s, const char *a, const char *b, rl_day *first, rl_day *last);
/* Latest story date in the store (RL_NODATE when empty). */
int rl_store_last_story_date(rl_store *s, rl_day *out);

/* The first report of an event (earliest story date, then story id, sentence),
 * with the event's story and source counts. */
typedef struct rl_store_mention {
    char *story_id;
    unsigned sentence;
    rl_day story_date;
    char *text, *date_expr, *evidence, *publisher, *url;
    double quantity;       /* 0 = none */
    char quantity_unit[24];
    unsigned stories, publishers; /* the event's num_stories and num_publishers */
    char claimed_by[24];   /* "" or the actor whose claim this report is */
} rl_store_mention;
/* Fills m (strings malloc'd; release with rl_store_mention_release). Returns
 * RL_OK, RL_ENOMEM, RL_EIO, or RL_ERANGE when the event has no mention. */
/* What the dyad monitor needs of an event's reports (up to 8 read for words). */
typedef struct rl_store_facts {
    unsigned stories, sources;  /* num_stories, num_sources */
    char story_id[64];          /* the smallest story id reporting it (clipped) */
    int claim;                  /* 1: every report is a claim by one side */
    char claimed_by[24];        /* then by whom ("" otherwise) */
    rl_day first_story;         /* earliest story date reporting it */
    char words[240];            /* matched words of its reports, space-separated (clipped) */
} rl_store_facts;
/* Returns RL_OK, RL_EIO, or RL_ERANGE when the event has no mention. */
int rl_store_event_facts(rl_store *s, int64_t event_id, rl_store_facts *f);
/* 1 when some sentence reports both events (the coder's two directions of one
 * symmetric act: "Russia and Ukraine held talks"), 0 if none, <0 on error. */
int rl_store_mirrored(rl_store *s, int64_t x, int64_t y);

/* News volume: calls fn(day, n) with the number n of stories dated day in
 * [from, to] that have a coded event naming side a (any pattern, as source or
 * target) and one naming side b. */
int rl_store_volume(rl_store *s, const char *const *a, int na, const char *const *b, int nb,
                    rl_day from, rl_day to, void (*fn)(rl_day d, unsigned stories, void *ctx),
                    void *ctx);

/* Calls fn for each mention between side a and side b (either direction)
 * that has no date (its story had none), so is in no event and no period;
 * r->id is the mention's rowid, r->date RL_NODATE, r->mentions 1. */
typedef int (*rl_store_undated_fn)(const rl_store_row *r, const char *story_id,
                                   unsigned sentence, void *ctx);
int rl_store_undated(rl_store *s, const char *const *a, int na, const char *const *b, int nb,
                     rl_store_undated_fn fn, void *ctx);

int rl_store_first_mention(rl_store *s, int64_t event_id, rl_store_mention *m);
void rl_store_mention_release(rl_store_mention *m);

#endif
