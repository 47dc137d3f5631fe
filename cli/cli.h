/* cli.h: what the subcommands of the redline binary share: the command table
 * entry type, option helpers and dictionary loading. */
#ifndef RL_CLI_H
#define RL_CLI_H

#include "lexicon/rl_lexicon.h"
#include "base/rl_base.h"

typedef struct rl_cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} rl_cmd;

int cmd_code(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_dict(int argc, char **argv);
int cmd_ingest(int argc, char **argv);
int cmd_trend(int argc, char **argv);
int cmd_top(int argc, char **argv);
int cmd_alerts(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_validate(int argc, char **argv);

/* Exit codes: 0 ok, 1 some input unusable or failed, 2 usage error. */
enum { RL_EXIT_OK = 0, RL_EXIT_FAIL = 1, RL_EXIT_USAGE = 2 };

/* Loads the dictionaries from dir (NULL: $REDLINE_DICT, else the built-in
 * folder); reports load time to stderr when verbose. NULL on failure. */
rl_dict *cli_load_dict(const char *dir, rl_diag *dg, int verbose);
/* "redline 0.1.0, dictionaries 0123456789abcdef": the coder and dictionary
 * version that outputs and the store record (docs/output.md). */
#define CLI_VERSION_LEN 64
void cli_version(const rl_dict *d, char out[CLI_VERSION_LEN]);

/* PETRARCH dictionaries given with --dict FILE (repeatable) and how they
 * combine with ours (--dict-mode): replace (the default once --dict is given:
 * our actors, agents and verb patterns are left out; the CAMEO table and our
 * modal constructions stay, and set only the modality of PETRARCH patterns)
 * or extend (added to all of ours). */
enum { CLI_DICT_REPLACE, CLI_DICT_EXTEND };
#define CLI_MAX_DICTS 32
typedef struct cli_dicts {
    const char *dir;
    const char *files[CLI_MAX_DICTS];
    int kinds[CLI_MAX_DICTS];    /* rl_petr_kind; 0: from the file's name or content */
    int nfiles;
    int mode;
} cli_dicts;
/* getopt_long values of the shared options, and their table rows */
enum { CLI_OPT_DICT = 1000, CLI_OPT_DICT_MODE };
#define CLI_DICT_OPTIONS \
    {"dict", required_argument, 0, CLI_OPT_DICT}, {"dict-mode", required_argument, 0, CLI_OPT_DICT_MODE}
#define CLI_DICT_HELP \
    "      --dict FILE         a PETRARCH/TABARI dictionary (verbs, actors, agents,\n" \
    "                          discards, issues; repeatable); see docs/petrarch.md\n" \
    "      --dict-mode MODE    replace (default: the --dict files instead of our\n" \
    "                          actors, agents and verbs) or extend (added to ours)\n"
/* Handles CLI_OPT_DICT and CLI_OPT_DICT_MODE; 0 ok, -1 usage error (said). */
int cli_dict_option(cli_dicts *o, int opt, const char *arg);
/* Loads our dictionaries and the --dict files as o says. NULL on failure. */
rl_dict *cli_load_dicts(const cli_dicts *o, rl_diag *dg, int verbose);
const char *cli_dict_dir(const char *dir);
/* Actor names (names.h) from the dictionary folder dir (as cli_dict_dir) and
 * iso-codes; missing files leave names out silently. NULL when out of memory. */
rl_names *cli_load_names(const char *dir);
/* Parses YYYY-MM-DD or exits with a usage error message. */
int cli_parse_date(const char *s, rl_day *out);
double cli_now(void);
/* -1 (after a message naming cmd) when from is after to; 0 otherwise. */
int cli_check_range(const char *cmd, rl_day from, rl_day to);

/* Standard output for a command's results: cli_stdout_open fails (after a
 * message) when descriptor 1 is closed, before any file could take its
 * number; cli_stdout_flush flushes it and fails (after a message naming the
 * cause: a full disk, a closed pipe) when any write was lost. Exit statuses. */
int cli_stdout_open(void);
int cli_stdout_flush(void);

struct rl_input_opts;
struct rl_story;
struct rl_input_stats;
/* Reads every named input ("-" or none: stdin) with rl_input_read, each file's
 * format from its name unless forced; stops early when *stop becomes non-zero
 * (a write or store error in fn). Returns an exit status. */
int cli_read_inputs(int nfiles, char **names, const struct rl_input_opts *io, int forced,
                    int (*fn)(const struct rl_story *s, void *ctx), void *ctx, rl_diag *dg,
                    struct rl_input_stats *st, const int *stop);

struct rl_newsgold;
/* eval_news.c: scores the real-news gold sentences against the stories of the
 * JSONL file stories (skips with a message when it is absent); exit status. */
int cli_eval_news(const struct rl_newsgold *ng, const char *stories, const rl_dict *d, int verbose);

#endif
