/* date.h: the event-date expressions of news text
 * ("on December 7", "three weeks later", "last month", "mid-January",
 * "on Tuesday"), found on a tokenized sentence and resolved against the story
 * date. The module does not decide which event an expression belongs to
 * (code.c does). */
#ifndef RL_DATE_H
#define RL_DATE_H

#include "base/day.h"
#include "text/tok.h"

/* How precisely the event date is known (ACLED's time precision): the story
 * date or a day named; a week, month or year named; nothing at all. */
enum { RL_PREC_DAY, RL_PREC_WEEK, RL_PREC_MONTH, RL_PREC_YEAR, RL_PREC_UNKNOWN, RL_PREC_COUNT };
const char *rl_precision_name(int p);
int rl_precision_parse(const char *s);

enum rl_datex_kind {
    RL_DX_ABSOLUTE,   /* full date, or month and year */
    RL_DX_MONTHDAY,   /* month and day, year from context */
    RL_DX_MONTH,      /* "in January", "mid-January": year from context */
    RL_DX_WEEKDAY,    /* "on Tuesday", "last Tuesday", "next Tuesday" */
    RL_DX_STORY,      /* offset from the story date: yesterday, 2 days ago, next week */
    RL_DX_PREV,       /* offset from the previous date in the story: three weeks later */
    RL_DX_PERIOD,     /* last/this/next week|month|year: the period's first day */
    RL_DX_DAY,        /* "on the 15th": a day of the story's month (or a neighbour) */
    RL_DX_YEAR,       /* "in 2014": the year alone */
};

typedef struct rl_datex {
    uint32_t start, end;   /* token span [start, end) in the sentence */
    uint8_t kind;
    int8_t dir;            /* weekday: -1 last, +1 next, 0 plain */
    int16_t year;          /* ABSOLUTE */
    int8_t month, mday;    /* 1-based */
    int8_t weekday;
    uint8_t precision;     /* RL_PREC_* of what the expression names */
    int32_t offset;        /* days, for STORY and PREV */
} rl_datex;

/* Finds date expressions in tokens t[0..n) of text; writes at most max into out
 * and returns how many were found. */
size_t rl_date_find(const char *text, const rl_token *t, size_t n, rl_datex *out, size_t max);

/* Resolves x; story = story date (RL_NODATE if unknown), prev = the latest date
 * already resolved in the story (or story), tense = -1 past, +1 future, 0 unknown.
 * Returns RL_NODATE when it cannot be resolved. */
rl_day rl_date_resolve(const rl_datex *x, rl_day story, rl_day prev, int tense);

/* Describes x's text span for output ("on January 10"). */
void rl_date_span(const char *text, const rl_token *t, const rl_datex *x, char *out, size_t cap);

#endif
