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
