/* day.c: civil-date arithmetic on rl_day (days since 1970-01-01, proleptic
 * Gregorian) and the strict ISO 8601 date parser (day.h). Finding date
 * expressions in text is coder/date.c's job. */
#include "base/day.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Howard Hinnant's days_from_civil / civil_from_days algorithms. */
rl_day rl_day_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (int)doe - 719468;
}

void rl_day_to_ymd(rl_day z, int *y, int *m, int *d)
{
    z += 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = (int)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yy + (*m <= 2);
}

int rl_day_weekday(rl_day day)
{
    /* 1970-01-01 was a Thursday (3 with Monday = 0) */
    int w = (int)((day + 3) % 7);
    return w < 0 ? w + 7 : w;
}

int rl_day_days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

void rl_day_format(rl_day day, char out[11])
{
    if (day == RL_NODATE) {
        out[0] = '\0';
        return;
    }
    int y, m, d;
    rl_day_to_ymd(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        out[0] = '\0';
        return;
    }
    unsigned uy = (unsigned)y, um = (unsigned)m, ud = (unsigned)d;
    out[0] = (char)('0' + uy / 1000 % 10);
    out[1] = (char)('0' + uy / 100 % 10);
    out[2] = (char)('0' + uy / 10 % 10);
    out[3] = (char)('0' + uy % 10);
    out[4] = '-';
    out[5] = (char)('0' + um / 10 % 10);
    out[6] = (char)('0' + um % 10);
    out[7] = '-';
    out[8] = (char)('0' + ud / 10 % 10);
    out[9] = (char)('0' + ud % 10);
    out[10] = '\0';
}

rl_day rl_date_parse_iso(const char *s, size_t n, int end)
{
    int y = 0, m = 0, d = 0;
    if (n == 4 || n == 7 || n == 10) {
        for (size_t i = 0; i < n; i++) {
            if (i == 4 || i == 7) {
                if (s[i] != '-')
                    return RL_NODATE;
            } else if (!isdigit((unsigned char)s[i])) {
                return RL_NODATE;
            }
        }
        y = atoi(s);
        m = n >= 7 ? atoi(s + 5) : (end ? 12 : 1);
        if (m < 1 || m > 12 || y < 1 || y > 9999)
            return RL_NODATE;
        d = n == 10 ? atoi(s + 8) : (end ? rl_day_days_in_month(y, m) : 1);
        if (d < 1 || d > rl_day_days_in_month(y, m))
            return RL_NODATE;
        return rl_day_from_ymd(y, m, d);
    }
    return RL_NODATE;
}

rl_day rl_day_parse(const char *s)
{
    return s ? rl_date_parse_iso(s, strlen(s), 0) : RL_NODATE;
}

/* A month name or its abbreviation at s ("Jan", "Jan.", "January", "Sept");
 * 1-12 with *len its length, 0 if none. */
static int month_name(const char *s, size_t *len)
{
    static const char *const FULL[12] = {"january", "february", "march", "april", "may", "june",
                                         "july", "august", "september", "october", "november",
                                         "december"};
    size_t n = 0;
    while (isalpha((unsigned char)s[n]))
        n++;
    for (int m = 0; m < 12 && n >= 3; m++) {
        int ok = 1;
        for (size_t i = 0; i < n && ok; i++)
            ok = i < strlen(FULL[m]) && tolower((unsigned char)s[i]) == FULL[m][i];
        if (ok && (n == 3 || n == strlen(FULL[m]) || (m == 8 && n == 4))) {
            *len = n + (s[n] == '.');
            return m + 1;
        }
    }
    return 0;
}

static int digits(const char *s, size_t n, int *v)
{
    *v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!isdigit((unsigned char)s[i]))
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

/* Whether s is an ISO time part after the date: "T12:30", " 20:30:26Z",
 * "T08:00:00+02:00", "T08:00:00.123-0500". */
static int iso_time_tail(const char *s)
{
    if (!*s)
        return 1;
    if (*s != 'T' && *s != ' ')
        return 0;
    s++;
    int v;
    if (!digits(s, 2, &v) || v > 23 || s[2] != ':' || !digits(s + 3, 2, &v) || v > 59)
        return 0;
    s += 5;
    if (*s == ':') {
        if (!digits(s + 1, 2, &v) || v > 60)
            return 0;
        s += 3;
        if (*s == '.' || *s == ',') {
            s++;
            while (isdigit((unsigned char)*s))
                s++;
        }
    }
    if (*s == ' ')
        s++;
    if (*s == 'Z' || *s == 'z')
        return s[1] == '\0';
    if (!strcmp(s, "UTC") || !strcmp(s, "GMT"))
        return 1;
    if (*s == '+' || *s == '-') {
        s++;
        if (!digits(s, 2, &v) || v > 14)
            return 0;
        s += 2;
        if (*s == ':')
            s++;
        return (*s == '\0') || (digits(s, 2, &v) && v <= 59 && s[2] == '\0');
    }
    return *s == '\0';
}

static rl_day ymd_checked(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > rl_day_days_in_month(y, m))
        return RL_NODATE;
    return rl_day_from_ymd(y, m, d);
}

rl_day rl_day_parse_story(const char *s)
{
    if (!s)
        return RL_NODATE;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    char b[64];
    if (n == 0 || n >= sizeof b)
        return RL_NODATE;
    memcpy(b, s, n);
    b[n] = '\0';
    int y, m, d;
    /* 2024-01-12, with an optional time and zone */
    if (n >= 10 && b[4] == '-' && b[7] == '-' && digits(b, 4, &y) && digits(b + 5, 2, &m) &&
        digits(b + 8, 2, &d))
        return iso_time_tail(b + 10) ? ymd_checked(y, m, d) : RL_NODATE;
    /* 20240112 */
    if (n == 8 && digits(b, 8, &y))
        return ymd_checked(y / 10000, y / 100 % 100, y % 100);
    size_t ml;
    const char *p = b;
    if ((m = month_name(p, &ml))) {
        /* Jan 12, 2024 | January 12 2024 */
        p += ml;
        while (*p == ' ')
            p++;
        size_t k = 0;
        while (isdigit((unsigned char)p[k]))
            k++;
        if (k < 1 || k > 2 || !digits(p, k, &d))
            return RL_NODATE;
        p += k;
        if (*p == ',')
            p++;
        while (*p == ' ')
            p++;
        return strlen(p) == 4 && digits(p, 4, &y) ? ymd_checked(y, m, d) : RL_NODATE;
    }
    /* 12 January 2024 | 12 Jan. 2024 */
    size_t k = 0;
    while (isdigit((unsigned char)p[k]))
        k++;
    if (k < 1 || k > 2 || !digits(p, k, &d))
        return RL_NODATE;
    p += k;
    while (*p == ' ')
        p++;
    if (!(m = month_name(p, &ml)))
        return RL_NODATE;
    p += ml;
    if (*p == ',')
        p++;
    while (*p == ' ')
        p++;
    return strlen(p) == 4 && digits(p, 4, &y) ? ymd_checked(y, m, d) : RL_NODATE;
}
