/* buf.h: a growable byte buffer (always NUL-terminated) used to build strings.
 * rl_buf_init/rl_buf_release manage a caller-owned struct; the data pointer is
 * invalidated by any append. Appends return RL_ENOMEM on failure, buffer unchanged. */
#ifndef RL_BUF_H
#define RL_BUF_H

#include "base/rl.h"

typedef struct rl_buf {
    char *data;
    size_t len;
    size_t cap;
} rl_buf;

void rl_buf_init(rl_buf *b);
void rl_buf_release(rl_buf *b);
void rl_buf_clear(rl_buf *b);
int rl_buf_reserve(rl_buf *b, size_t extra);
int rl_buf_add(rl_buf *b, const char *s, size_t n);
int rl_buf_adds(rl_buf *b, const char *s);
int rl_buf_addc(rl_buf *b, char c);
int rl_buf_printf(rl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Copies src into dst[0..cap) truncating, always NUL-terminated (cap > 0);
 * a cheaper snprintf(dst, cap, "%s", src) for hot paths. Returns dst. */
char *rl_strlcpy(char *dst, const char *src, size_t cap);
/* Appends src to the string in dst[0..cap), truncating. Returns dst. */
char *rl_strlcat(char *dst, const char *src, size_t cap);

#endif
