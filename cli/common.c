/* common.c: dictionary loading and small helpers shared by subcommands. */
#include "cli.h"
#include "../src/date.h"

#include <stdlib.h>
#include <time.h>

#ifndef RL_DICT_DIR
#define RL_DICT_DIR "dict"
#endif

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

const char *cli_dict_dir(const char *dir)
{
    if (dir)
        return dir;
    const char *env = getenv("REDLINE_DICT");
    return env && *env ? env : RL_DICT_DIR;
}

rl_dict *cli_load_dict(const char *dir, rl_diag *dg, int verbose)
{
    double t0 = cli_now();
    rl_dict *d = rl_dict_new();
    if (!d) {
        fprintf(stderr, "redline: out of memory\n");
        return NULL;
    }
    const char *path = cli_dict_dir(dir);
    int rc = rl_dict_load_dir(d, path, dg);
    if (rc) {
        fprintf(stderr, "redline: cannot load dictionaries from '%s'%s\n", path,
                rc == RL_ENOMEM ? ": out of memory" : "");
        rl_dict_free(d);
        return NULL;
    }
    if (verbose) {
        uint32_t a, p, g, v, m;
        rl_dict_counts(d, &a, &p, &g, &v, &m);
        fprintf(stderr, "redline: dictionaries loaded in %.1f ms: %u actors (%u persons), "
                "%u agent phrases, %u verb patterns, %u modal patterns\n",
                (cli_now() - t0) * 1000, a, p, g, v, m);
    }
    return d;
}

int cli_parse_date(const char *s, rl_day *out)
{
    *out = rl_day_parse(s);
    if (*out == RL_NODATE) {
        fprintf(stderr, "redline: bad date '%s' (want YYYY-MM-DD)\n", s);
        return -1;
    }
    return 0;
}
