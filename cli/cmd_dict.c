/* cmd_dict.c: `redline dict check [DIR | FILE...]` lints dictionaries: our own
 * folder (every bad line as file:line, then counts) or PETRARCH/TABARI files
 * (bad lines, unsupported constructs, codes missing from the CAMEO table);
 * `redline dict translate FILE...` prints the redline patterns a PETRARCH
 * file becomes. Exit 1 if any line was rejected. */
#include "cli.h"
#include "petrarch/rl_petrarch.h"

#include <string.h>
#include <sys/stat.h>

static const char *const usage_text =
    "usage: redline dict check [-v] [DIR | FILE...]\n"
    "       redline dict translate FILE...\n"
    "\n"
    "check DIR loads our dictionaries from DIR (default: $REDLINE_DICT or the\n"
    "built-in folder), prints each malformed line as file:line: message, then\n"
    "counts. check FILE... lints PETRARCH/TABARI dictionaries (kind from the file\n"
    "name or content): malformed lines, constructs redline approximates or cannot\n"
    "express (the first of each kind; -v: every one) and codes missing from the\n"
    "CAMEO table. translate FILE... prints the redline pattern of each entry\n"
    "(docs/petrarch.md). Exit status 1 when any line was rejected.\n";

static int is_dir(const char *p)
{
    struct stat sb;
    return stat(p, &sb) == 0 && S_ISDIR(sb.st_mode);
}

static const char *const kind_word[] = {"", "actor", "agent", "verb", "modal"};

static int petrarch(char **files, int n, int translate, int every)
{
    rl_diag dg = {stderr, 0, 0};
    rl_dict *d = rl_dict_new();
    if (!d) {
        fputs("redline: out of memory\n", stderr);
        return RL_EXIT_FAIL;
    }
    /* the CAMEO table, to check codes against */
    int rc = rl_dict_load_parts(d, cli_dict_dir(NULL), 0, &dg);
    unsigned bad = 0;
    for (int i = 0; i < n && rc != RL_ENOMEM; i++) {
        rl_petr_stats st;
        double t0 = cli_now();
        uint32_t before = rl_dict_npatterns(d);
        int r = rl_petr_load(d, files[i], RL_PETR_AUTO, translate ? 0 : RL_PETR_LINT | (every ? RL_PETR_EVERY_NOTE : 0),
                             &st, &dg);
        if (r == RL_ENOMEM) {
            rc = r;
            break;
        }
        bad += st.bad + (r != RL_OK);
        if (translate) {
            for (uint32_t k = before; k < rl_dict_npatterns(d); k++) {
                const rl_pattern *p = rl_dict_pattern(d, k);
                const char *code = p->kind == RL_P_ACTOR ? rl_dict_actor(d, p->actor)->name : p->code;
                printf("%s:%d: %s %s  %s\n", p->file, p->line, p->kind == RL_P_MODAL ? "discard" : kind_word[p->kind + 1],
                       code[0] ? code : "-", p->text);
            }
            continue;
        }
        if (r != RL_OK)
            continue;
        char sets[64] = "";
        if (st.kind == RL_PETR_VERBS)
            snprintf(sets, sizeof sets, ", %u synonym sets, %u patterns", st.synsets, st.patterns_read);
        printf("%s: %s: %u entries%s -> %u redline patterns; %u unsupported or approximated "
               "constructs, %u bad lines; read in %.1f ms\n",
               files[i], rl_petr_kind_name(st.kind), st.entries, sets, st.patterns, st.unsupported, st.bad,
               (cli_now() - t0) * 1000);
    }
    rl_dict_free(d);
    if (rc == RL_ENOMEM) {
        fputs("redline: out of memory\n", stderr);
        return RL_EXIT_FAIL;
    }
    return bad || dg.errors ? RL_EXIT_FAIL : RL_EXIT_OK;
}

int cmd_dict(int argc, char **argv)
{
    if (argc < 2 || (strcmp(argv[1], "check") != 0 && strcmp(argv[1], "translate") != 0)) {
        if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
            fputs(usage_text, stdout);
            return RL_EXIT_OK;
        }
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    int translate = !strcmp(argv[1], "translate"), every = 0, first = 2;
    if (argc > 2 && (!strcmp(argv[2], "--help") || !strcmp(argv[2], "-h"))) {
        fputs(usage_text, stdout);
        return RL_EXIT_OK;
    }
    if (argc > 2 && !strcmp(argv[2], "-v")) {
        every = 1;
        first = 3;
    }
    if (translate && argc <= first) {
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    if (translate || (argc > first && !is_dir(argv[first])))
        return petrarch(argv + first, argc - first, translate, every);
    const char *dir = argc > first ? argv[first] : NULL;
    rl_diag dg = {stderr, 0, 0};
    double t0 = cli_now();
    rl_dict *d = cli_load_dict(dir, &dg, 0);
    if (!d)
        return RL_EXIT_FAIL;
    uint32_t a, p, g, v, m;
    rl_dict_counts(d, &a, &p, &g, &v, &m);
    printf("%s: %u actors (%u persons with dated roles), %u agent phrases, %u verb patterns, "
           "%u modal patterns, %zu places; loaded in %.1f ms; %u errors, %u warnings\n",
           cli_dict_dir(dir), a, p, g, v, m, rl_places_count(rl_dict_places(d)), (cli_now() - t0) * 1000,
           dg.errors, dg.warnings);
    rl_dict_free(d);
    return dg.errors ? RL_EXIT_FAIL : RL_EXIT_OK;
}
