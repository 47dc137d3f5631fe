/* report.h: draws the dyad monitor's results (series.h) for people and
 * programs: a terminal chart (Unicode bars and sparklines, with the evidence
 * sentences), JSON (jansson; shape in docs/store.md) and a standalone SVG
 * chart written by hand. It computes nothing: series.c did. Borrowed
 * arguments only; each function returns 0, or -1 on a write error. */
#ifndef RL_REPORT_H
#define RL_REPORT_H

#include "series.h"

/* evidence: how many events per track and period to print (0..RL_SERIES_TOP) */
int rl_report_trend_text(FILE *out, const rl_series *s, unsigned evidence);
int rl_report_trend_json(FILE *out, const rl_series *s);
int rl_report_trend_svg(FILE *out, const rl_series *s);

int rl_report_top_text(FILE *out, const rl_top *t);
int rl_report_top_json(FILE *out, const rl_top *t);

#endif
