/* report.h: draws the dyad monitor's results (series.h) for people and
 * programs: a terminal chart (Unicode bars and sparklines, with the evidence
 * sentences), JSON (jansson; shape in docs/store.md) and a standalone SVG
 * chart written by hand. It computes nothing: series.c did. Borrowed
 * arguments only; each function returns 0, or -1 on a write error. */
#ifndef RL_REPORT_H
#define RL_REPORT_H

#include "store/series.h"

/* evidence: how many events per track and period to print (0..RL_SERIES_TOP) */
int rl_report_trend_text(FILE *out, const rl_series *s, unsigned evidence);
int rl_report_trend_json(FILE *out, const rl_series *s);
int rl_report_trend_svg(FILE *out, const rl_series *s);

/* Options of rl_report_trend_svg_opts (rl_report_trend_svg uses none). */
enum {
    RL_SVG_GOLDSTEIN = 1, /* the mean Goldstein score per period as a line (right axis) */
    RL_SVG_INLINE = 2,    /* no XML declaration: for an <svg> inside an HTML page */
    RL_SVG_LINKS = 4,     /* each period links to "?from=START&to=END" (a closer look) */
};
int rl_report_trend_svg_opts(FILE *out, const rl_series *s, unsigned flags);

/* RFC 4180 CSV with a header row (columns: docs/store.md), appended to out:
 * one row per period of the series, one per dyad of the ranking. 0, or -1
 * when out of memory. */
int rl_report_trend_csv(rl_buf *out, const rl_series *s);
int rl_report_top_csv(rl_buf *out, const rl_top *t);

int rl_report_top_text(FILE *out, const rl_top *t);
int rl_report_top_json(FILE *out, const rl_top *t);

/* The JSON values written above, for programs that embed them (the web API
 * of serve.c): new references the caller json_decref()s; NULL when out of
 * memory. Strings that are not valid UTF-8 are written with U+FFFD. */
struct json_t;
struct json_t *rl_report_trend_json_new(const rl_series *s);
struct json_t *rl_report_top_json_new(const rl_top *t);
/* names: for source_name and target_name (NULL: empty names) */
struct json_t *rl_report_event_json_new(const rl_series_event *e, const rl_names *names);
/* JSON values shared with the dashboard's API: a date (null when unknown) and
 * a string (null for NULL; invalid UTF-8 repaired to U+FFFD). New references. */
struct json_t *rl_report_day_json(rl_day d);
struct json_t *rl_report_str_json(const char *s);

#endif
