/* day.h: calendar dates as rl_day (days since 1970-01-01, proleptic
 * Gregorian): conversion to and from year-month-day, weekdays, formatting and
 * strict ISO 8601 parsing. Pure functions, no state. */
#ifndef RL_DAY_H
#define RL_DAY_H

#include "base/rl.h"

rl_day rl_day_from_ymd(int y, int m, int d);
void rl_day_to_ymd(rl_day day, int *y, int *m, int *d);
int rl_day_weekday(rl_day day); /* 0 = Monday .. 6 = Sunday */
/* Writes YYYY-MM-DD (or "" for RL_NODATE) into out[11]. */
void rl_day_format(rl_day day, char out[11]);
/* Parses YYYY-MM-DD exactly (the whole string); RL_NODATE otherwise. */
rl_day rl_day_parse(const char *s);

/* Used by loaders and readers: parses YYYY, YYYY-MM or YYYY-MM-DD;
 * end = 1 gives the last day of a year or month. RL_NODATE on error. */
rl_day rl_date_parse_iso(const char *s, size_t n, int end);
/* A story's publication date in the forms feeds use: ISO 8601 with an
 * optional time and zone ("2025-03-14", "2025-03-14T20:30:26Z",
 * "2025-03-14 20:30:26Z", "...+02:00"), "20240112", "Jan 12, 2024",
 * "January 12 2024", "12 January 2024". The whole string must be a date (no
 * trailing text) and a real day of years 1-9999; RL_NODATE otherwise. */
rl_day rl_day_parse_story(const char *s);
/* Days in month m (1-12) of year y. */
int rl_day_days_in_month(int y, int m);

#endif
