/* cmd_top.c: `redline top`: the dyads whose force track rose most in a period
 * against the period before it (series.h), so an analyst sees where to look. */
#include "cli.h"
#include "base/rl_base.h"
#include "store/rl_store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage_text =
    "usage: redline top [options] DB\n"
    "\n"
    "Ranks the dyads of the store DB by how much their force track (threats,\n"
    "force posture, sanctions, coercion, assaults, fighting, demands to\n"
    "withdraw) rose from the previous period of equal length to this one, and\n"
    "shows each dyad's talks, a reading and its strongest force event. Actors\n"
    "are counted by country (RUSMIL and RUSGOV are RUS); international and\n"
    "non-state codes (IGO..., NGO...) by their whole code.\n"
    "\n"
    "  -f, --from YYYY-MM-DD   first day (default: 29 days before --to)\n"
    "  -t, --to YYYY-MM-DD     last day (default: the latest story date)\n"
    "  -n, --max N             dyads to list (default 10)\n"
    "  -x, --international     leave out dyads within one country\n"
    "  -j, --json              JSON on stdout (shape: docs/store.md)\n"
    "  -c, --csv               CSV on stdout, one row per dyad\n"
    "  -h, --help              this text\n"
    "\n"
    "Exit status: 0 ok, 1 when the store cannot be read, 2 on usage errors.\n";

/* --csv: the table on stdout; 0, or -1 when out of memory or on a write error */
static int csv_out(const rl_top *x)
{
    rl_buf b;
    rl_buf_init(&b);
    int rc = rl_report_top_csv(&b, x);
    if (!rc && b.len && fwrite(b.data, 1, b.len, stdout) != b.len)
        rc = -1;
    rl_buf_release(&b);
    return rc;
}

int cmd_top(int argc, char **argv)
{
    static const struct option opts[] = {
        {"from", required_argument, 0, 'f'}, {"to", required_argument, 0, 't'},
        {"max", required_argument, 0, 'n'}, {"international", no_argument, 0, 'x'},
        {"json", no_argument, 0, 'j'}, {"csv", no_argument, 0, 'c'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    rl_day from = RL_NODATE, to = RL_NODATE;
    int json = 0, intl = 0, c;
    unsigned long max = 10;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:t:n:xjch", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (cli_parse_date(optarg, &from))
                return RL_EXIT_USAGE;
            break;
        case 't':
            if (cli_parse_date(optarg, &to))
                return RL_EXIT_USAGE;
            break;
        case 'n':
            max = strtoul(optarg, &end, 10);
            if (*end || !*optarg || max == 0 || max > 100000) {
                fprintf(stderr, "redline top: bad --max '%s' (want 1 to 100000)\n", optarg);
                return RL_EXIT_USAGE;
            }
            break;
        case 'x': intl = 1; break;
        case 'j': json = 1; break;
        case 'c': json = 2; break;
        case 'h': fputs(usage_text, stdout); return RL_EXIT_OK;
        default: fputs(usage_text, stderr); return RL_EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, "redline top: want DB, got %d argument%s\n", argc - optind,
                argc - optind == 1 ? "" : "s");
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    if (cli_check_range("top", from, to))
        return RL_EXIT_USAGE;
    const char *db = argv[optind];
    rl_diag dg = {stderr, 0, 0};
    rl_store *st = NULL;
    if (rl_store_open(&st, db, RL_STORE_READ, &dg))
        return RL_EXIT_FAIL;
    if (to == RL_NODATE) {
        if (rl_store_last_story_date(st, &to)) {
            rl_store_close(st);
            return RL_EXIT_FAIL;
        }
        if (to == RL_NODATE) {
            fprintf(stderr, "redline top: no dated stories in %s\n", db);
            rl_store_close(st);
            return RL_EXIT_OK;
        }
        if (from != RL_NODATE && from > to)
            to = from; /* --from after the last story: an empty period */
    }
    if (from == RL_NODATE)
        from = to - 29;
    rl_top *t = NULL;
    if (rl_series_top(st, from, to, max, intl, &t, &dg)) {
        rl_store_close(st);
        return RL_EXIT_FAIL;
    }
    int status = RL_EXIT_OK;
    rl_names *names = cli_load_names(NULL);
    t->names = names;
    if ((json == 2 ? csv_out(t)
         : json    ? rl_report_top_json(stdout, t)
                   : rl_report_top_text(stdout, t)) ||
        fflush(stdout)) {
        fprintf(stderr, "redline: write error on standard output\n");
        status = RL_EXIT_FAIL;
    }
    rl_top_free(t);
    rl_names_free(names);
    rl_store_close(st);
    return status;
}
