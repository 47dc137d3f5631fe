/* main.c: the redline binary: looks up the subcommand in a table and runs it. */
#include "cli.h"

#include <string.h>

static const rl_cmd commands[] = {
    {"code", cmd_code, "code news stories into events (JSONL or TSV)"},
    {"explain", cmd_explain, "show how a sentence is read and why events were coded"},
    {"eval", cmd_eval, "score the coder on gold-annotated sentences"},
    {"dict", cmd_dict, "check dictionaries and print their statistics"},
    {"validate", cmd_validate, "run PETRARCH validation records and report pass rates"},
    {"ingest", cmd_ingest, "code stories and store them in an SQLite event store"},
    {"trend", cmd_trend, "talks and force between two actors over time, with evidence"},
    {"top", cmd_top, "the dyads whose force track rose most in a period"},
    {"alerts", cmd_alerts, "the dyads whose force track rises beyond their baseline, as of a day"},
    {"serve", cmd_serve, "a web dashboard over an event store (read-only)"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: redline <command> [options] [args]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'redline <command> --help' describes a command; 'redline --version' prints\n"
                 "the coder's version and that of its dictionaries.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return RL_EXIT_USAGE;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V") || !strcmp(argv[1], "version")) {
        /* the version of the dictionaries $REDLINE_DICT or the built-in folder holds */
        rl_diag dg = {NULL, 0, 0};
        rl_dict *d = cli_load_dict(NULL, &dg, 0);
        char v[CLI_VERSION_LEN];
        if (d)
            cli_version(d, v);
        printf("%s\n", d ? v : "redline " RL_VERSION ", dictionaries not loadable");
        rl_dict_free(d);
        return RL_EXIT_OK;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return RL_EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "redline: '%s' is not a redline command\n", argv[1]);
    usage(stderr);
    return RL_EXIT_USAGE;
}
