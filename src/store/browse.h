/* browse.h: the read-only queries of the dashboard (serve.c) that series.c
 * does not make: a dyad's events filtered, ordered and paged; the latest
 * events; event counts by root and quad class; one event with its reports;
 * a story's coded sentences; and full-text search (SQLite FTS5, schema
 * version 2) over the reports. Every value is a bound parameter, every list
 * has a caller-given bound, and a deadline can stop any query.
 * An rl_browse holds prepared statements on one store connection, so it is
 * per-thread like the store it borrows. rl_browse_new/rl_browse_free own it;
 * lists and events filled by it are released with their *_release function;
 * other pointers are borrowed. */
#ifndef RL_BROWSE_H
#define RL_BROWSE_H

#include "base/buf.h"
#include "store/series.h"

typedef struct rl_browse rl_browse;

/* NULL when out of memory. st must stay open until rl_browse_free. */
rl_browse *rl_browse_new(rl_store *st);
void rl_browse_free(rl_browse *b);

/* From now on, queries (of this module and of store.c and series.c on the
 * same store) fail after ms milliseconds; 0 removes the deadline. */
void rl_browse_deadline(rl_browse *b, unsigned ms);
/* 1 if a query failed because the deadline passed (reset by rl_browse_deadline) */
int rl_browse_timed_out(const rl_browse *b);

/* A distinct event as the dashboard lists it: the series event (its first
 * report in e.m, as rl_store_first_mention gives it) and what the tables add. */
typedef struct rl_browse_event {
    rl_series_event e;
    char root[3];
    int quad;
    char plover[16];
    char *source_text, *target_text;   /* of the first report; NULL if none */
} rl_browse_event;
void rl_browse_event_release(rl_browse_event *ev);

typedef struct rl_browse_events {
    size_t n;
    rl_browse_event *v;
    unsigned long total;   /* events matching, all pages */
} rl_browse_events;
void rl_browse_events_release(rl_browse_events *l);

/* Filters of a dyad's events table. */
typedef struct rl_browse_filter {
    rl_day from, to;       /* inclusive; RL_NODATE: open */
    char root[3];          /* "" any, else "01".."20" */
    int quad;              /* 0 any, else 1..4 */
    int modality;          /* -1 any, else enum rl_modality */
    int track;             /* -1 any, else RL_TRACK_* */
} rl_browse_filter;
void rl_browse_filter_init(rl_browse_filter *f);

/* Events between sides a and b (patterns as for rl_series_dyad), both
 * directions, each once, newest first (then by source, target, code,
 * modality, descending): the limit events after the first offset, each with
 * its first report, and the total. Returns RL_OK, RL_ENOMEM, RL_EIO, or
 * RL_ERANGE when offset + limit exceeds RL_BROWSE_DEPTH. */
#define RL_BROWSE_DEPTH 100000
int rl_browse_dyad(rl_browse *b, char a[][24], int na, char bb[][24], int nb,
                   const rl_browse_filter *f, size_t offset, size_t limit, rl_browse_events *out);

/* The limit latest events dated on or before to (RL_NODATE: any), in the
 * order above; out->total is the number listed. */
int rl_browse_latest(rl_browse *b, rl_day to, size_t limit, rl_browse_events *out);

/* Distinct events and their reports in [from, to] by CAMEO root (index 1..20)
 * and by quad class (index 1..4). */
typedef struct rl_browse_counts {
    unsigned long root[21], root_mentions[21];
    unsigned long quad[5];
    unsigned long events, mentions;
} rl_browse_counts;
int rl_browse_counts_get(rl_browse *b, rl_day from, rl_day to, rl_browse_counts *out);

/* One event by id (with its first report); RL_ERANGE when there is none. */
int rl_browse_event_get(rl_browse *b, int64_t id, rl_browse_event *out);

/* A report: one coded event in one sentence of one story (a row of mentions). */
typedef struct rl_browse_report {
    int64_t mention;       /* its rowid */
    int64_t event_id;      /* 0 when undated (no distinct event) */
    char *story_id;
    unsigned sentence;
    rl_day date, story_date;
    char source[24], target[24], cameo[8], root[3], plover[16];
    int quad, modality;
    double goldstein;
    char *date_expr, *evidence, *source_text, *target_text, *text;
    char *publisher, *url, *title;   /* of the story; NULL when not given */
    double quantity;       /* 0 = none */
    char quantity_unit[24];
} rl_browse_report;

typedef struct rl_browse_reports {
    size_t n;
    rl_browse_report *v;
    unsigned long total;   /* rows matching (at most the count bound of the call) */
    int more;              /* total reached the bound: there may be more */
} rl_browse_reports;
void rl_browse_reports_release(rl_browse_reports *l);

/* The first limit reports of an event, first report first. */
int rl_browse_event_reports(rl_browse *b, int64_t id, size_t limit, rl_browse_reports *out);

typedef struct rl_browse_story {
    char *id, *publisher, *url, *title;
    rl_day date;
    unsigned long reports;  /* coded events stored for it */
} rl_browse_story;
void rl_browse_story_release(rl_browse_story *s);
/* A story and its first limit reports in sentence order; RL_ERANGE when the
 * story is not stored. */
int rl_browse_story_get(rl_browse *b, const char *id, size_t limit, rl_browse_story *out,
                        rl_browse_reports *reports);

/* The sentences of a story that gave no event, with why (rl_miss_name), in
 * order, at most limit. */
typedef struct rl_browse_sentence {
    unsigned sentence;
    char *reason, *text;
} rl_browse_sentence;
typedef struct rl_browse_uncoded {
    size_t n, cap;
    rl_browse_sentence *v;
} rl_browse_uncoded;
void rl_browse_uncoded_release(rl_browse_uncoded *l);
int rl_browse_story_uncoded(rl_browse *b, const char *id, size_t limit, rl_browse_uncoded *out);

/* Builds an FTS5 query for rl_browse_search into q (cleared first) from what
 * a person typed; each part may be NULL or empty and the parts must all
 * match: words of the sentence; an actor, as a code (actor_is_code: three
 * letters match every code of the country) or as words of the name the
 * story used; a CAMEO code or prefix ("19" is every fight code). Words are
 * runs of letters and digits (a trailing '*' makes a prefix of two
 * characters or more); everything else separates words and is never FTS5
 * syntax. Returns RL_OK, RL_ENOMEM, or RL_EPARSE when nothing searchable
 * is left or a part has more than 16 words. */
int rl_browse_fts_query(rl_buf *q, const char *words, const char *actor, int actor_is_code,
                        const char *cameo);
/* The orders of search results: by the event's date, newest or oldest first
 * (undated reports last), most recently stored first, or by FTS5's bm25 rank. */
enum rl_browse_order { RL_ORDER_NEWEST, RL_ORDER_OLDEST, RL_ORDER_STORED, RL_ORDER_RANK,
                       RL_ORDER_COUNT };
const char *rl_browse_order_name(int order);  /* "newest", "oldest", "stored", "relevance" */
int rl_browse_order_parse(const char *s);     /* -1 when unknown */
/* Reports matching an FTS5 query, optionally dated in [from, to], in the
 * given order: the limit after the first offset, and the number matching up
 * to count_max. */
int rl_browse_search(rl_browse *b, const char *fts, rl_day from, rl_day to, int order,
                     size_t offset, size_t limit, unsigned long count_max, rl_browse_reports *out);

#endif
