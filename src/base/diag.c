/* diag.c: prints and counts diagnostics in the "file:line: message" form. */
#include "base/rl.h"

#include <stdarg.h>

static void vsay(rl_diag *d, const char *kind, const char *file, long line,
                 const char *fmt, va_list ap)
{
    if (!d || !d->out)
        return;
    if (file && line > 0)
        fprintf(d->out, "%s:%ld: ", file, line);
    else if (file)
        fprintf(d->out, "%s: ", file);
    if (kind)
        fprintf(d->out, "%s: ", kind);
    vfprintf(d->out, fmt, ap);
    fputc('\n', d->out);
}

void rl_warn(rl_diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(d, "warning", file, line, fmt, ap);
    va_end(ap);
    if (d)
        d->warnings++;
}

void rl_error(rl_diag *d, const char *file, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsay(d, "error", file, line, fmt, ap);
    va_end(ap);
    if (d)
        d->errors++;
}
