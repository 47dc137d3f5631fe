/* csv.c: RFC 4180 rows and fields (csv.h). */
#include "base/csv.h"

#include <stdint.h>
#include <string.h>

int rl_csv_field(rl_buf *b, const char *s, size_t n)
{
    int quote = n > 0 && (s[0] == ' ' || s[n - 1] == ' ');
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote)
        return rl_buf_add(b, s, n);
    if (rl_buf_addc(b, '"'))
        return -1;
    for (size_t i = 0; i < n; i++) {
        size_t j = i;
        while (j < n && s[j] != '"')
            j++;
        if (rl_buf_add(b, s + i, j - i))
            return -1;
        if (j < n && rl_buf_add(b, "\"\"", 2))
            return -1;
        i = j;
    }
    return rl_buf_addc(b, '"');
}

int rl_csv_row(rl_buf *b, const char *const *cells, const size_t *lens, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i && rl_buf_addc(b, ','))
            return -1;
        if (!cells[i])
            continue;
        size_t len = lens && lens[i] != SIZE_MAX ? lens[i] : strlen(cells[i]);
        if (rl_csv_field(b, cells[i], len))
            return -1;
    }
    return rl_buf_add(b, "\r\n", 2);
}
