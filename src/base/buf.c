/* buf.c: growable NUL-terminated byte buffer. */
#include "base/buf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void rl_buf_init(rl_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void rl_buf_release(rl_buf *b)
{
    free(b->data);
    rl_buf_init(b);
}

void rl_buf_clear(rl_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

int rl_buf_reserve(rl_buf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return RL_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1) {
        if (cap > SIZE_MAX / 2)
            return RL_ENOMEM;
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p)
        return RL_ENOMEM;
    b->data = p;
    b->cap = cap;
    return RL_OK;
}

int rl_buf_add(rl_buf *b, const char *s, size_t n)
{
    if (rl_buf_reserve(b, n) != RL_OK)
        return RL_ENOMEM;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return RL_OK;
}

int rl_buf_adds(rl_buf *b, const char *s) { return rl_buf_add(b, s, strlen(s)); }

int rl_buf_addc(rl_buf *b, char c) { return rl_buf_add(b, &c, 1); }

int rl_buf_printf(rl_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || rl_buf_reserve(b, (size_t)n) != RL_OK)
        return RL_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return RL_OK;
}

char *rl_strlcpy(char *dst, const char *src, size_t cap)
{
    size_t n = strnlen(src, cap - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
    return dst;
}

char *rl_strlcat(char *dst, const char *src, size_t cap)
{
    size_t l = strnlen(dst, cap);
    if (l < cap)
        rl_strlcpy(dst + l, src, cap - l);
    return dst;
}
