/* csv.h: comma-separated values as RFC 4180 writes them: fields separated by
 * commas, rows ended by CRLF, a field holding a comma, a double quote, CR or LF
 * (or starting or ending with a space) enclosed in double quotes with its
 * quotes doubled. Appends to a caller-owned rl_buf; nothing is allocated
 * except by the buffer. */
#ifndef RL_CSV_H
#define RL_CSV_H

#include "base/buf.h"
#include <stddef.h>

/* Appends one row: n cells (NULL cells are empty), then CRLF. lens gives each
 * cell's length (NULL, or SIZE_MAX in it: the cell is NUL-terminated). Returns
 * 0, or -1 when out of memory (the buffer may hold part of the row). */
int rl_csv_row(rl_buf *b, const char *const *cells, const size_t *lens, size_t n);
/* Appends one field, quoted when it must be, with no separator. 0 or -1. */
int rl_csv_field(rl_buf *b, const char *s, size_t n);

#endif
