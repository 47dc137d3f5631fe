/* cmd_alerts.c: `redline alerts`: the dyads whose weighted force track rises
 * beyond their own recent baseline as of a day (alert.h), replayable. */
#include "cli.h"
#include "base/rl_base.h"
#include "store/rl_store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage_text =
    "usage: redline alerts [options] DB\n"
    "\n"
    "Lists the dyads of the store DB whose force track (threats, force posture,\n"
    "sanctions, coercion, assaults, fighting; weighted by |Goldstein|) over the\n"
    "last 7 days rose beyond their own previous 8 weeks, by more than a busier\n"
    "news cycle explains, using only stories published on or before the\n"
    "day, so a past crisis can be replayed day by day. Each alert gives the\n"
    "dyad, the day the rise began, a score and the events behind it. The rule\n"
    "and what it misses: docs/store.md, \"Alerts\".\n"
    "\n"
    "  -a, --as-of YYYY-MM-DD  the day (default: the latest story date)\n"
    "  -j, --json              a JSON array of {\"a\", \"b\", \"since\", \"score\", \"events\"}\n"
    "  -h, --help              this text\n"
    "\n"
    "Exit status: 0 ok (also when there is no alert), 1 when the store cannot be\n"
    "read, 2 on usage errors.\n";

int cmd_alerts(int argc, char **argv)
{
    static const struct option opts[] = {
        {"as-of", required_argument, 0, 'a'}, {"json", no_argument, 0, 'j'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    rl_day asof = RL_NODATE;
    int json = 0, c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "a:jh", opts, NULL)) != -1) {
        switch (c) {
        case 'a':
            if (cli_parse_date(optarg, &asof))
                return RL_EXIT_USAGE;
            break;
        case 'j': json = 1; break;
        case 'h': fputs(usage_text, stdout); return RL_EXIT_OK;
        default: fputs(usage_text, stderr); return RL_EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, "redline alerts: want DB, got %d argument%s\n", argc - optind,
                argc - optind == 1 ? "" : "s");
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    const char *db = argv[optind];
    rl_diag dg = {stderr, 0, 0};
    rl_store *st = NULL;
    if (rl_store_open(&st, db, RL_STORE_READ, &dg))
        return RL_EXIT_FAIL;
    if (asof == RL_NODATE && rl_store_last_story_date(st, &asof)) {
        rl_store_close(st);
        return RL_EXIT_FAIL;
    }
    if (asof == RL_NODATE) {
        fprintf(stderr, "redline alerts: no dated stories in %s\n", db);
        if (json)
            puts("[]");
        rl_store_close(st);
        return RL_EXIT_OK;
    }
    rl_alerts *a = NULL;
    if (rl_alerts_run(st, asof, &a, &dg)) {
        rl_store_close(st);
        return RL_EXIT_FAIL;
    }
    int status = RL_EXIT_OK;
    if ((json ? rl_report_alerts_json(stdout, a) : rl_report_alerts_text(stdout, a)) ||
        fflush(stdout)) {
        fprintf(stderr, "redline: write error on standard output\n");
        status = RL_EXIT_FAIL;
    }
    rl_alerts_free(a);
    rl_store_close(st);
    return status;
}
