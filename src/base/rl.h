/* rl.h: types shared by every redline module: error codes, diagnostics, dates.
 *
 * Ownership rule for the whole library: functions named *_new return memory the
 * caller owns and releases with the matching *_free (which accepts NULL); *_init
 * and *_release work on caller-provided structs; everything else borrows. */
#ifndef RL_RL_H
#define RL_RL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* the coder's version: `redline --version`, output headers, the store */
#define RL_VERSION "0.1.0"

enum {
    RL_OK = 0,
    RL_ENOMEM = -1,   /* allocation failed; state unchanged */
    RL_EIO = -2,      /* a file could not be opened or read */
    RL_EPARSE = -3,   /* malformed input; a diagnostic says where */
    RL_ERANGE = -4,   /* input too large or out of range */
};

/* A place in an input, for messages such as "verbs.txt:212: unknown code". */
typedef struct rl_diag {
    FILE *out;          /* where messages go (stderr); NULL silences them */
    unsigned warnings;  /* count of problems reported */
    unsigned errors;
} rl_diag;

/* Prints "file:line: message" to d->out and counts a warning. */
void rl_warn(rl_diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Same, counted as an error (the input item was dropped). */
void rl_error(rl_diag *d, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A calendar date as days since 1970-01-01; RL_NODATE when unknown. */
typedef int32_t rl_day;
#define RL_NODATE INT32_MIN

#endif
