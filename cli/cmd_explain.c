/* cmd_explain.c: `redline explain "sentence"`: the coder's reading, step by step. */
#include "cli.h"
#include "base/rl_base.h"
#include "coder/rl_coder.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const usage_text =
    "usage: redline explain [--date YYYY-MM-DD] [-D DIR] [--dict FILE...] \"sentence\" [...]\n"
    "\n"
    "Shows how redline reads a sentence: its tokens, the actors and agents found\n"
    "(with the dictionary file and line), modal constructions, date expressions,\n"
    "the verb patterns that matched, and each event coded or the reason none was.\n"
    "Several sentences are read as one story (pronouns refer back).\n"
    "\n"
    "  -d, --date YYYY-MM-DD   story date (default: today)\n"
    "  -D, --dict-dir DIR      dictionary folder\n"
    CLI_DICT_HELP;

int cmd_explain(int argc, char **argv)
{
    static const struct option opts[] = {
        {"date", required_argument, 0, 'd'}, {"dict-dir", required_argument, 0, 'D'},
        CLI_DICT_OPTIONS, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    rl_day date = RL_NODATE;
    cli_dicts dicts;
    memset(&dicts, 0, sizeof dicts);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:D:h", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (cli_parse_date(optarg, &date))
                return RL_EXIT_USAGE;
            break;
        case 'D': dicts.dir = optarg; break;
        case CLI_OPT_DICT:
        case CLI_OPT_DICT_MODE:
            if (cli_dict_option(&dicts, c, optarg))
                return RL_EXIT_USAGE;
            break;
        case 'h': fputs(usage_text, stdout); return RL_EXIT_OK;
        default: fputs(usage_text, stderr); return RL_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    if (date == RL_NODATE) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        date = rl_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    }
    if (cli_stdout_open() != RL_EXIT_OK)
        return RL_EXIT_FAIL;
    rl_diag dg = {stderr, 0, 0};
    rl_dict *d = cli_load_dicts(&dicts, &dg, 0);
    if (!d)
        return RL_EXIT_FAIL;
    rl_pipeline *p = rl_pipeline_new(d, &dg);
    rl_names *names = cli_load_names(dicts.dir);
    rl_buf text, trace;
    rl_buf_init(&text);
    rl_buf_init(&trace);
    for (int i = optind; i < argc; i++) {
        rl_buf_adds(&text, argv[i]);
        rl_buf_addc(&text, '\n');
    }
    rl_events ev;
    rl_events_init(&ev);
    int rc = p ? rl_explain_sentence(p, text.data, date, &ev, &trace) : RL_ENOMEM;
    if (rc == RL_OK) {
        char ds[11];
        rl_day_format(date, ds);
        char version[CLI_VERSION_LEN];
        cli_version(d, version);
        printf("coder: %s\nstory date: %s\n%s", version, ds, trace.data ? trace.data : "");
        printf("=== %zu event%s\n", ev.n, ev.n == 1 ? "" : "s");
        for (size_t i = 0; i < ev.n; i++) {
            const rl_event *e = &ev.v[i];
            rl_day_format(e->date, ds);
            printf("%s -> %s  %s %s  quad %d  goldstein %+.1f  plover %s%s%s  %s  date %s%s%s%s  evidence \"%s\"\n",
                   e->source, e->target, e->code, e->name, e->quad, (double)e->goldstein, e->plover,
                   e->plover_mode && e->plover_mode[0] ? "/" : "", e->plover_mode ? e->plover_mode : "",
                   rl_modality_name(e->modality), ds, e->date_expr[0] ? " (\"" : "", e->date_expr,
                   e->date_expr[0] ? "\")" : "", e->evidence);
            char sn[256], tn[256];
            rl_names_format(names, e->source, sn, sizeof sn);
            rl_names_format(names, e->target, tn, sizeof tn);
            if (sn[0] || tn[0])
                printf("    %s -> %s\n", sn[0] ? sn : e->source, tn[0] ? tn : e->target);
        }
    } else {
        fprintf(stderr, "redline: out of memory\n");
    }
    rl_events_release(&ev);
    rl_buf_release(&text);
    rl_buf_release(&trace);
    rl_pipeline_free(p);
    rl_names_free(names);
    rl_dict_free(d);
    if (rc == RL_OK && cli_stdout_flush() != RL_EXIT_OK)
        return RL_EXIT_FAIL;
    return rc ? RL_EXIT_FAIL : RL_EXIT_OK;
}
