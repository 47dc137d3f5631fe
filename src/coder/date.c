/* date.c: the event-date expressions of news text (date.h): finds them on a
 * tokenized sentence and resolves them against the story date; the calendar
 * arithmetic is base/day.c's. */
#include "coder/date.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const PRECISION[RL_PREC_COUNT] = {"day", "week", "month", "year", "unknown"};

const char *rl_precision_name(int p) { return (p >= 0 && p < RL_PREC_COUNT) ? PRECISION[p] : "?"; }

int rl_precision_parse(const char *s)
{
    for (int i = 0; i < RL_PREC_COUNT; i++)
        if (strcmp(s, PRECISION[i]) == 0)
            return i;
    return -1;
}

/* ---- word classes ---- */

static int tok_eq(const char *text, const rl_token *t, const char *w)
{
    /* cheap first-letter test before the case-insensitive compare */
    char c = text[t->off];
    if ((c | 0x20) != w[0])
        return 0;
    size_t m = strlen(w);
    return t->len == m && strncasecmp(text + t->off, w, m) == 0;
}

static int month_of(const char *text, const rl_token *t)
{
    static const char *const full[] = {"january", "february", "march", "april", "may", "june",
                                       "july", "august", "september", "october", "november", "december"};
    static const char *const abbr[] = {"jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.",
                                       "sep.", "oct.", "nov.", "dec."};
    if (!(t->flags & RL_T_CAP) || t->len < 3 || t->len > 9)
        return 0; /* "may", "march" as words: months are capitalised */
    for (int i = 0; i < 12; i++)
        if (tok_eq(text, t, full[i]) || tok_eq(text, t, abbr[i]))
            return i + 1;
    if (tok_eq(text, t, "sept."))
        return 9;
    return 0;
}

static int weekday_of(const char *text, const rl_token *t)
{
    static const char *const w[] = {"monday", "tuesday", "wednesday", "thursday", "friday",
                                    "saturday", "sunday"};
    if (t->len < 6 || t->len > 9 || (text[t->off + t->len - 1] | 0x20) != 'y')
        return 0;
    for (int i = 0; i < 7; i++)
        if (tok_eq(text, t, w[i]))
            return i + 1;
    return 0;
}

/* 1..31 from "7", "7th", "21st"; 0 otherwise */
static int mday_of(const char *text, const rl_token *t)
{
    const char *s = text + t->off;
    size_t n = t->len;
    if (!(t->flags & RL_T_NUM) || n > 4)
        return 0;
    int v = 0;
    size_t i = 0;
    while (i < n && isdigit((unsigned char)s[i]))
        v = v * 10 + (s[i++] - '0');
    if (i == 0 || i > 2)
        return 0;
    if (i < n) {
        if (n - i != 2)
            return 0;
        if (strncasecmp(s + i, "st", 2) && strncasecmp(s + i, "nd", 2) &&
            strncasecmp(s + i, "rd", 2) && strncasecmp(s + i, "th", 2))
            return 0;
    }
    return v >= 1 && v <= 31 ? v : 0;
}

/* the value of a token's leading digits, read within the token (text need
 * not end after it: atoi once read past the end of a file's last word) */
static int tok_digits(const char *text, const rl_token *t)
{
    int v = 0;
    for (size_t i = 0; i < t->len && i < 9 && isdigit((unsigned char)text[t->off + i]); i++)
        v = v * 10 + (text[t->off + i] - '0');
    return v;
}

static int year_of(const char *text, const rl_token *t)
{
    if (!(t->flags & RL_T_NUM) || t->len != 4)
        return 0;
    int v = tok_digits(text, t);
    return v >= 1900 && v <= 2100 ? v : 0;
}

/* small numbers in words or digits: "three", "3", "a" */
static int count_of(const char *text, const rl_token *t)
{
    if (t->len > 7)
        return 0;
    static const char *const w[] = {"zero", "one", "two", "three", "four", "five", "six", "seven",
                                    "eight", "nine", "ten", "eleven", "twelve"};
    for (int i = 1; i < 13; i++)
        if (tok_eq(text, t, w[i]))
            return i;
    if (tok_eq(text, t, "a") || tok_eq(text, t, "an"))
        return 1;
    if (tok_eq(text, t, "several") || tok_eq(text, t, "few"))
        return 3;
    if ((t->flags & RL_T_NUM) && t->len <= 3) {
        int v = tok_digits(text, t);
        return v > 0 && v < 400 ? v : 0;
    }
    return 0;
}

/* days per unit: day(s) 1, week(s) 7, month(s) 30, year(s) 365 */
static int unit_of(const char *text, const rl_token *t)
{
    if (t->len < 3 || t->len > 9)
        return 0;
    if (tok_eq(text, t, "day") || tok_eq(text, t, "days"))
        return 1;
    if (tok_eq(text, t, "week") || tok_eq(text, t, "weeks"))
        return 7;
    if (tok_eq(text, t, "month") || tok_eq(text, t, "months"))
        return 30;
    if (tok_eq(text, t, "year") || tok_eq(text, t, "years"))
        return 365;
    if (tok_eq(text, t, "fortnight"))
        return 14;
    return 0;
}

/* ---- recognizers: each tries one kind of expression at token i and, when it
 * matches, fills x and returns the index after its last token (i < n always);
 * 0 when it does not match (x untouched); NO_DATE_HERE when token i starts no expression at
 * all ---- */

#define NO_DATE_HERE ((size_t)-1)

/* Month D[, YYYY] | Month YYYY | mid-Month | (in) Month */
static size_t month_first(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    int mo = month_of(text, &t[i]), dd, yy;
    if (!mo)
        return 0;
    size_t j = i + 1;
    x->month = (int8_t)mo;
    if (i > 0 && (tok_eq(text, &t[i - 1], "mid") || tok_eq(text, &t[i - 1], "early") ||
                  tok_eq(text, &t[i - 1], "late") || tok_eq(text, &t[i - 1], "end"))) {
        x->start = (uint32_t)(i - 1);
        x->mday = tok_eq(text, &t[i - 1], "mid") ? 15 : tok_eq(text, &t[i - 1], "early") ? 5 : 25;
    }
    if (j < n && (dd = mday_of(text, &t[j]))) {
        x->mday = (int8_t)dd;
        j++;
        if (j + 1 < n && tok_eq(text, &t[j], ",") && (yy = year_of(text, &t[j + 1]))) {
            x->year = (int16_t)yy;
            j += 2;
        } else if (j < n && (yy = year_of(text, &t[j]))) {
            x->year = (int16_t)yy;
            j++;
        }
        x->kind = x->year ? RL_DX_ABSOLUTE : RL_DX_MONTHDAY;
    } else if (j < n && (yy = year_of(text, &t[j]))) {
        x->year = (int16_t)yy;
        if (!x->mday)
            x->mday = 1;
        x->kind = RL_DX_ABSOLUTE;
        x->precision = RL_PREC_MONTH;
        j++;
    } else {
        if (!x->mday)
            x->mday = 1;
        x->kind = RL_DX_MONTH;
        x->precision = RL_PREC_MONTH;
    }
    return j;
}

/* "the 5th of March [2022]" */
static size_t day_of_month(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    int dd, mo, yy;
    if (!(dd = mday_of(text, &t[i])) || i + 3 >= n || !tok_eq(text, &t[i + 1], "of") ||
        !(mo = month_of(text, &t[i + 2])))
        return 0;
    size_t j = i + 3;
    x->mday = (int8_t)dd;
    x->month = (int8_t)mo;
    if (j < n && (yy = year_of(text, &t[j]))) {
        x->year = (int16_t)yy;
        j++;
    }
    if (i > 0 && tok_eq(text, &t[i - 1], "the"))
        x->start = (uint32_t)(i - 1);
    x->kind = x->year ? RL_DX_ABSOLUTE : RL_DX_MONTHDAY;
    return j;
}

/* "on the 15th": an ordinal day of the month */
static size_t ordinal_day(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    int dd;
    if (!(i > 0 && tok_eq(text, &t[i - 1], "the") && (dd = mday_of(text, &t[i])) && t[i].len > 2 &&
          !isdigit((unsigned char)text[t[i].off + t[i].len - 1]) &&
          (i + 1 >= n || !month_of(text, &t[i + 1]))))
        return 0;
    x->kind = RL_DX_DAY;
    x->mday = (int8_t)dd;
    x->start = (uint32_t)(i - 1);
    return i + 1;
}

/* D Month [YYYY] */
static size_t day_first(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    int dd, mo, yy;
    if (!(dd = mday_of(text, &t[i])) || i + 1 >= n || !(mo = month_of(text, &t[i + 1])))
        return 0;
    size_t j = i + 2;
    x->mday = (int8_t)dd;
    x->month = (int8_t)mo;
    if (j < n && (yy = year_of(text, &t[j]))) {
        x->year = (int16_t)yy;
        j++;
    }
    x->kind = x->year ? RL_DX_ABSOLUTE : RL_DX_MONTHDAY;
    return j;
}

/* "on Tuesday", "last Tuesday", "next Tuesday" */
static size_t weekday(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    (void)n;
    int wd = weekday_of(text, &t[i]);
    if (!wd)
        return 0;
    x->kind = RL_DX_WEEKDAY;
    x->weekday = (int8_t)(wd - 1);
    if (i > 0 && (tok_eq(text, &t[i - 1], "last") || tok_eq(text, &t[i - 1], "next") ||
                  tok_eq(text, &t[i - 1], "this"))) {
        x->start = (uint32_t)(i - 1);
        x->dir = tok_eq(text, &t[i - 1], "last") ? -1 : tok_eq(text, &t[i - 1], "next") ? 1 : 0;
    }
    return i + 1;
}

/* yesterday, today, tomorrow, tonight */
static size_t deictic_day(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    (void)n;
    if (!tok_eq(text, &t[i], "yesterday") && !tok_eq(text, &t[i], "today") &&
        !tok_eq(text, &t[i], "tomorrow") && !tok_eq(text, &t[i], "tonight"))
        return 0;
    x->kind = RL_DX_STORY;
    x->offset = tok_eq(text, &t[i], "yesterday") ? -1 : tok_eq(text, &t[i], "tomorrow") ? 1 : 0;
    return i + 1;
}

/* last/this/next week|month|year */
static size_t period(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    int u;
    if (!(tok_eq(text, &t[i], "last") || tok_eq(text, &t[i], "next") || tok_eq(text, &t[i], "this")) ||
        i + 1 >= n || !(u = unit_of(text, &t[i + 1])) || tok_eq(text, &t[i + 1], "days"))
        return 0;
    x->kind = RL_DX_PERIOD;
    x->dir = (int8_t)(tok_eq(text, &t[i], "last") ? -1 : tok_eq(text, &t[i], "next") ? 1 : 0);
    x->offset = u; /* the period's length: 7 week, 30 month, 365 year */
    x->precision = u == 7 ? RL_PREC_WEEK : u == 30 ? RL_PREC_MONTH : u == 365 ? RL_PREC_YEAR : RL_PREC_DAY;
    return i + 2;
}

/* "three days ago", "two weeks later", "a day earlier" */
static size_t offset(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    int u, c;
    if (i + 2 >= n || !(u = unit_of(text, &t[i + 1])) || !(c = count_of(text, &t[i])))
        return 0;
    const rl_token *w = &t[i + 2];
    if (!tok_eq(text, w, "ago") && !tok_eq(text, w, "later") && !tok_eq(text, w, "earlier") &&
        !tok_eq(text, w, "before") && !tok_eq(text, w, "after"))
        return 0;
    int ago = tok_eq(text, w, "ago");
    int back = ago || tok_eq(text, w, "earlier") || tok_eq(text, w, "before");
    /* "a day before Russian forces crossed": anchored on an event we do not
     * date; only "three days before." or "..., a week after," count */
    if ((tok_eq(text, w, "before") || tok_eq(text, w, "after")) && i + 3 < n &&
        !(t[i + 3].flags & RL_T_PUNCT))
        return NO_DATE_HERE;
    x->kind = ago ? RL_DX_STORY : RL_DX_PREV;
    x->offset = (back ? -1 : 1) * c * u;
    return i + 3;
}

/* "in two weeks" */
static size_t in_count(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    int u, c;
    if (!(i + 2 < n && tok_eq(text, &t[i], "in") && (u = unit_of(text, &t[i + 2])) &&
          (c = count_of(text, &t[i + 1])) && !tok_eq(text, &t[i + 1], "a")))
        return 0;
    /* "the first swap in two years", "the highest in three months": a span
     * counted back, not a date */
    for (size_t k = i >= 3 ? i - 3 : 0; k < i; k++) {
        const rl_token *w = &t[k];
        if (tok_eq(text, w, "first") || tok_eq(text, w, "time") || tok_eq(text, w, "since") ||
            (w->len > 4 && !strncasecmp(text + w->off + w->len - 3, "est", 3)))
            return 0;
    }
    x->kind = RL_DX_STORY;
    x->offset = c * u;
    x->precision = u == 7 || u == 14 ? RL_PREC_WEEK : u == 30 ? RL_PREC_MONTH : u == 365 ? RL_PREC_YEAR : RL_PREC_DAY;
    return i + 3;
}

/* "in 2014": a year alone, after "in" (not "2014 elections", not "since 2014");
 * "a repeat of 2014, when ...": a year that a when-clause follows */
static size_t in_year(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    int yy;
    if (!(i + 1 < n && (yy = year_of(text, &t[i + 1]))))
        return 0;
    int when = i + 3 < n && tok_eq(text, &t[i + 2], ",") && tok_eq(text, &t[i + 3], "when");
    if (!tok_eq(text, &t[i], "in") && !(when && tok_eq(text, &t[i], "of")))
        return 0;
    x->kind = RL_DX_YEAR;
    x->year = (int16_t)yy;
    x->month = 1;
    x->mday = 1;
    x->precision = RL_PREC_YEAR;
    return i + 2;
}

/* "the following day", "the next day", "the previous day" */
static size_t relative_day(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    if (!(tok_eq(text, &t[i], "the") && i + 2 < n &&
          (tok_eq(text, &t[i + 1], "following") || tok_eq(text, &t[i + 1], "next") ||
           tok_eq(text, &t[i + 1], "previous")) &&
          tok_eq(text, &t[i + 2], "day")))
        return 0;
    x->kind = RL_DX_PREV;
    x->offset = tok_eq(text, &t[i + 1], "previous") ? -1 : 1;
    return i + 3;
}

/* ISO 2022-05-01 (the tokenizer split it at the hyphens) */
static size_t iso_date(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    if (!((t[i].flags & RL_T_NUM) && t[i].len == 4 && i + 2 < n && (t[i + 1].flags & RL_T_HYPH) &&
          (t[i + 2].flags & RL_T_HYPH) && t[i + 1].len == 2 && t[i + 2].len == 2 &&
          t[i + 2].off + 2 - t[i].off == 10))
        return 0;
    rl_day day = rl_date_parse_iso(text + t[i].off, 10, 0);
    if (day == RL_NODATE)
        return 0;
    int y, m, d;
    rl_day_to_ymd(day, &y, &m, &d);
    x->kind = RL_DX_ABSOLUTE;
    x->year = (int16_t)y;
    x->month = (int8_t)m;
    x->mday = (int8_t)d;
    return i + 3;
}

/* The recognizers in order of preference: the first that matches at token i
 * wins. A plain chain rather than a table of function pointers, so that the
 * compiler inlines them: this runs on every token (the table cost 4 times the
 * instructions). */
static size_t recognize(const char *text, const rl_token *t, size_t n, size_t i, rl_datex *x)
{
    size_t end;
    if ((end = month_first(text, t, n, i, x)) || (end = day_of_month(text, t, n, i, x)) ||
        (end = ordinal_day(text, t, n, i, x)) || (end = day_first(text, t, n, i, x)) ||
        (end = weekday(text, t, n, i, x)) || (end = deictic_day(text, t, n, i, x)) ||
        (end = period(text, t, n, i, x)) || (end = offset(text, t, n, i, x)) ||
        (end = in_count(text, t, n, i, x)) || (end = in_year(text, t, n, i, x)) ||
        (end = relative_day(text, t, n, i, x)))
        return end;
    return iso_date(text, t, n, i, x);
}

size_t rl_date_find(const char *text, const rl_token *t, size_t n, rl_datex *out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < n && k < max; i++) {
        if (t[i].flags & RL_T_PUNCT)
            continue;
        rl_datex x;
        memset(&x, 0, sizeof x);
        x.start = (uint32_t)i;
        size_t end = recognize(text, t, n, i, &x);
        if (end == 0 || end == NO_DATE_HERE)
            continue;
        x.end = (uint32_t)end;
        out[k++] = x;
        i = end - 1;
    }
    return k;
}

static rl_day clamp_ymd(int y, int m, int d)
{
    int dm = rl_day_days_in_month(y, m);
    return rl_day_from_ymd(y, m, d > dm ? dm : d);
}

static rl_day resolve(const rl_datex *x, rl_day story, rl_day prev, int tense);

/* The first and last day a date can be written as YYYY-MM-DD. */
#define FIRST_DAY (-719162) /* 0001-01-01 */
#define LAST_DAY 2932896    /* 9999-12-31 */

rl_day rl_date_resolve(const rl_datex *x, rl_day story, rl_day prev, int tense)
{
    /* a day that does not exist ("Feb. 30, 2022") is no date, never the
     * month's last day */
    if (x->kind == RL_DX_ABSOLUTE && x->month && x->mday &&
        x->mday > rl_day_days_in_month(x->year, x->month))
        return RL_NODATE;
    rl_day d = resolve(x, story, prev, tense);
    /* nor is one before year 1 or after 9999 (stored once with an empty date) */
    return d != RL_NODATE && (d < FIRST_DAY || d > LAST_DAY) ? RL_NODATE : d;
}

static rl_day resolve(const rl_datex *x, rl_day story, rl_day prev, int tense)
{
    if (x->kind == RL_DX_ABSOLUTE || x->kind == RL_DX_YEAR)
        return clamp_ymd(x->year, x->month, x->mday);
    if (story == RL_NODATE)
        return RL_NODATE;
    if (prev == RL_NODATE)
        prev = story;
    int sy, sm, sd;
    rl_day_to_ymd(story, &sy, &sm, &sd);
    switch (x->kind) {
    case RL_DX_MONTHDAY:
    case RL_DX_MONTH: {
        rl_day best = RL_NODATE;
        for (int y = sy - 1; y <= sy + 1; y++) {
            /* "February 29" only in a leap year, "February 30" never */
            if (x->kind == RL_DX_MONTHDAY && x->mday > rl_day_days_in_month(y, x->month))
                continue;
            rl_day c = clamp_ymd(y, x->month, x->mday ? x->mday : 1);
            if (tense > 0 && c < story && x->kind == RL_DX_MONTHDAY)
                continue;
            if (tense > 0 && x->kind == RL_DX_MONTH && (y < sy || (y == sy && x->month < sm)))
                continue;
            if (tense < 0 && c > story && x->kind == RL_DX_MONTHDAY)
                continue;
            if (tense < 0 && x->kind == RL_DX_MONTH && (y > sy || (y == sy && x->month > sm)))
                continue;
            if (best == RL_NODATE || abs(c - story) < abs(best - story))
                best = c;
        }
        return best;
    }
    case RL_DX_WEEKDAY: {
        int w = rl_day_weekday(story);
        int dir = x->dir ? x->dir : (tense > 0 ? 1 : -1);
        if (dir < 0) {
            int back = (w - x->weekday + 7) % 7;
            if (x->dir < 0 && back == 0)
                back = 7;
            return story - back;
        }
        int fwd = (x->weekday - w + 7) % 7;
        if (fwd == 0)
            fwd = 7;
        return story + fwd;
    }
    case RL_DX_PERIOD: {
        /* calendar periods resolve to their first day: Monday, the 1st, January 1 */
        if (x->offset == 7)
            return story - rl_day_weekday(story) + 7 * x->dir;
        if (x->offset == 365)
            return rl_day_from_ymd(sy + x->dir, 1, 1);
        int m0 = sy * 12 + (sm - 1) + x->dir;
        return rl_day_from_ymd(m0 / 12, m0 % 12 + 1, 1);
    }
    case RL_DX_DAY: {
        /* this month's day, or the previous (past) / next (future) month's */
        rl_day c0 = clamp_ymd(sy, sm, x->mday);
        if (tense > 0 && c0 < story) {
            int m1 = sy * 12 + sm;  /* next month, 0-based */
            return clamp_ymd(m1 / 12, m1 % 12 + 1, x->mday);
        }
        if (tense <= 0 && c0 > story) {
            int m1 = sy * 12 + sm - 2; /* previous month, 0-based */
            return clamp_ymd(m1 / 12, m1 % 12 + 1, x->mday);
        }
        return c0;
    }
    case RL_DX_STORY:
        if (x->offset == 30 || x->offset == -30 || x->offset == 365 || x->offset == -365) {
            /* calendar months and years, not 30-day spans */
            int months = x->offset == 30 ? 1 : x->offset == -30 ? -1 : x->offset == 365 ? 12 : -12;
            int m0 = sy * 12 + (sm - 1) + months;
            return clamp_ymd(m0 / 12, m0 % 12 + 1, sd);
        }
        return story + x->offset;
    case RL_DX_PREV:
        return prev + x->offset;
    default:
        return RL_NODATE;
    }
}

void rl_date_span(const char *text, const rl_token *t, const rl_datex *x, char *out, size_t cap)
{
    if (!cap)
        return;
    size_t b = t[x->start].off, e = t[x->end - 1].off + t[x->end - 1].len;
    size_t n = e - b < cap - 1 ? e - b : cap - 1;
    memcpy(out, text + b, n);
    out[n] = '\0';
}
