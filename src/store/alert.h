/* alert.h: early warning over the event store. As of a day D, using only the
 * stories published on or before D (so a past crisis replays day by day), it
 * lists the dyads whose weighted force track over the last 7 days rose beyond
 * their own previous 8 weeks, by more than a busier news cycle explains.
 * The rule and its reasoning, and what it misses: docs/store.md, "Alerts".
 * rl_alerts_run/rl_alerts_free own the result; the store is borrowed. */
#ifndef RL_ALERT_H
#define RL_ALERT_H

#include "store/series.h"

#define RL_ALERT_RECENT 7      /* days in the recent window, D included */
#define RL_ALERT_BASELINE 56   /* days of baseline before it */
#define RL_ALERT_SCORE 2.0     /* the least score that alerts */
#define RL_ALERT_MIN_EVENTS 3  /* force incidents in the recent window */
#define RL_ALERT_MIN_STORIES 2 /* ... reported by this many stories */
#define RL_ALERT_FLOOR_RATE (10.0 / RL_ALERT_BASELINE) /* baseline |Goldstein| a day, at least */
#define RL_ALERT_FLOOR_STORIES (1.0 / 7) /* baseline background stories a day, at least */
#define RL_ALERT_CHANCE 0.01   /* the most likely the recent count may be by chance */
#define RL_ALERT_LOOKBACK 28   /* days searched back for the start of the rise */
#define RL_ALERT_EVIDENCE 8    /* events kept per alert */

typedef struct rl_alert {
    char a[24], b[24];        /* actor roots (country or whole IGO code), a < b */
    rl_day since;             /* the rise began: first force event of the first alert day */
    double score;             /* rate ratio / sqrt(busy) */
    double busy;              /* background coverage ratio, at least 1 */
    double chance;            /* P(as many force incidents at the baseline rate) */
    double force_recent, force_base;     /* |Goldstein| sums */
    unsigned events_recent, stories_recent, stories_base; /* stories naming both */
    size_t nev;
    rl_series_event ev[RL_ALERT_EVIDENCE]; /* strongest first, with first reports */
} rl_alert;

typedef struct rl_alerts {
    rl_day asof;
    unsigned long events;     /* distinct force events read */
    size_t n;
    rl_alert *v;              /* highest score first */
} rl_alerts;

/* Returns RL_OK, RL_ENOMEM or RL_EIO. */
int rl_alerts_run(rl_store *st, rl_day asof, rl_alerts **out, rl_diag *dg);
void rl_alerts_free(rl_alerts *a);

int rl_report_alerts_text(FILE *out, const rl_alerts *a);
int rl_report_alerts_json(FILE *out, const rl_alerts *a);
struct json_t;
struct json_t *rl_report_alerts_json_new(const rl_alerts *a); /* a JSON array */

#endif
