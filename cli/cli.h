/* cli.h: what the subcommands of the redline binary share: the command table
 * entry type, option helpers and dictionary loading. */
#ifndef RL_CLI_H
#define RL_CLI_H

#include "../src/dict.h"
#include "../src/rl.h"

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

/* Exit codes: 0 ok, 1 some input unusable or failed, 2 usage error. */
enum { RL_EXIT_OK = 0, RL_EXIT_FAIL = 1, RL_EXIT_USAGE = 2 };

/* Loads the dictionaries from dir (NULL: $REDLINE_DICT, else the built-in
 * folder); reports load time to stderr when verbose. NULL on failure. */
rl_dict *cli_load_dict(const char *dir, rl_diag *dg, int verbose);
const char *cli_dict_dir(const char *dir);
/* Parses YYYY-MM-DD or exits with a usage error message. */
int cli_parse_date(const char *s, rl_day *out);
double cli_now(void);

#endif
