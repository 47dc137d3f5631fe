/* common.c: dictionary loading and small helpers shared by subcommands. */
#include "cli.h"
#include "formats/rl_formats.h"
#include "base/rl_base.h"
#include "petrarch/rl_petrarch.h"
#include "htmlpage/rl_htmlpage.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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

rl_names *cli_load_names(const char *dir)
{
    rl_names *n = rl_names_new();
    rl_diag quiet = {NULL, 0, 0};
    if (n && rl_names_load_dir(n, cli_dict_dir(dir), getenv("REDLINE_ISO3166"), &quiet)) {
        rl_names_free(n);
        return NULL;
    }
    return n;
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
                "%u agent phrases, %u verb patterns, %u modal patterns, %zu places\n",
                (cli_now() - t0) * 1000, a, p, g, v, m, rl_places_count(rl_dict_places(d)));
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

int cli_dict_option(cli_dicts *o, int opt, const char *arg)
{
    if (opt == CLI_OPT_DICT) {
        if (o->nfiles == CLI_MAX_DICTS) {
            fprintf(stderr, "redline: at most %d --dict files\n", CLI_MAX_DICTS);
            return -1;
        }
        o->kinds[o->nfiles] = 0;
        o->files[o->nfiles++] = arg;
        return 0;
    }
    if (!strcmp(arg, "replace"))
        o->mode = CLI_DICT_REPLACE;
    else if (!strcmp(arg, "extend"))
        o->mode = CLI_DICT_EXTEND;
    else {
        fprintf(stderr, "redline: unknown --dict-mode '%s' (replace or extend)\n", arg);
        return -1;
    }
    return 0;
}

rl_dict *cli_load_dicts(const cli_dicts *o, rl_diag *dg, int verbose)
{
    if (!o->nfiles)
        return cli_load_dict(o->dir, dg, verbose);
    double t0 = cli_now();
    rl_dict *d = rl_dict_new();
    if (!d) {
        fprintf(stderr, "redline: out of memory\n");
        return NULL;
    }
    const char *dir = cli_dict_dir(o->dir);
    int actors = 0, verbs = 0;
    for (int i = 0; i < o->nfiles; i++) {
        int k = o->kinds[i] ? o->kinds[i] : rl_petr_kind_of(o->files[i]);
        actors |= k == RL_PETR_ACTORS;
        verbs |= k == RL_PETR_VERBS;
    }
    if (o->mode == CLI_DICT_REPLACE && (!actors || !verbs))
        fprintf(stderr, "redline: warning: --dict replaces our dictionaries but names no %s file; "
                "nothing will be coded (add one, or --dict-mode extend)\n", actors ? "verbs" : "actors");
    int rc = rl_dict_load_parts(d, dir, o->mode == CLI_DICT_EXTEND ? RL_DL_ALL : RL_DL_MODALS, dg);
    for (int i = 0; i < o->nfiles && rc != RL_ENOMEM; i++) {
        int r = rl_petr_load(d, o->files[i], o->kinds[i], 0, NULL, dg);
        if (r && !rc)
            rc = r;
    }
    if (!rc)
        rc = rl_dict_finish(d);
    if (rc) {
        fprintf(stderr, "redline: cannot load dictionaries%s\n", rc == RL_ENOMEM ? ": out of memory" : "");
        rl_dict_free(d);
        return NULL;
    }
    if (verbose) {
        uint32_t a, p, g, v, m;
        rl_dict_counts(d, &a, &p, &g, &v, &m);
        fprintf(stderr, "redline: dictionaries loaded in %.1f ms (%d PETRARCH file%s, %s): %u actors "
                "(%u with dated codes), %u agent phrases, %u verb patterns, %u modal patterns\n",
                (cli_now() - t0) * 1000, o->nfiles, o->nfiles == 1 ? "" : "s",
                o->mode == CLI_DICT_EXTEND ? "extending ours" : "replacing ours", a, p, g, v, m);
    }
    return d;
}

void cli_version(const rl_dict *d, char out[CLI_VERSION_LEN])
{
    char v[RL_DICT_VERSION_LEN];
    rl_dict_version(d, v);
    snprintf(out, CLI_VERSION_LEN, "redline %s, dictionaries %s", RL_VERSION, v);
}

int cli_stdout_open(void)
{
    if (fcntl(STDOUT_FILENO, F_GETFD) < 0) {
        fprintf(stderr, "redline: error: standard output is closed: nowhere to write the results\n");
        return RL_EXIT_FAIL;
    }
    return RL_EXIT_OK;
}

int cli_stdout_flush(void)
{
    errno = 0;
    if (fflush(stdout) == 0 && !ferror(stdout))
        return RL_EXIT_OK;
    fprintf(stderr, "redline: error: cannot write standard output: %s\n",
            errno ? strerror(errno) : "write failed");
    return RL_EXIT_FAIL;
}

static int dot_name(const struct dirent *e) { return e->d_name[0] != '.'; }

/* A folder given as an input: its files (not its subfolders), by name. */
static int read_folder(const char *dir, const rl_input_opts *io, int forced, rl_story_fn fn,
                       void *ctx, rl_diag *dg, rl_input_stats *st, const int *stop)
{
    struct dirent **list = NULL;
    int n = scandir(dir, &list, dot_name, alphasort);
    if (n < 0) {
        fprintf(stderr, "%s: error: cannot read the folder: %m\n", dir);
        return RL_EXIT_FAIL;
    }
    int status = RL_EXIT_OK;
    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat sb;
        snprintf(path, sizeof path, "%s/%s", dir, list[i]->d_name);
        if (status == RL_EXIT_OK || !(stop && *stop)) {
            if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode)) {
                char *one[1] = {path};
                if (cli_read_inputs(1, one, io, forced, fn, ctx, dg, st, stop))
                    status = RL_EXIT_FAIL;
            }
        }
        free(list[i]);
    }
    free(list);
    return status;
}

int cli_read_inputs(int nfiles, char **names, const rl_input_opts *io, int forced,
                    rl_story_fn fn, void *ctx, rl_diag *dg, rl_input_stats *st, const int *stop)
{
    int status = RL_EXIT_OK;
    for (int i = 0; i < (nfiles ? nfiles : 1); i++) {
        const char *name = nfiles ? names[i] : "-";
        int is_stdin = !strcmp(name, "-");
        struct stat sb;
        if (!is_stdin && stat(name, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            if (read_folder(name, io, forced, fn, ctx, dg, st, stop))
                status = RL_EXIT_FAIL;
            if (stop && *stop)
                return RL_EXIT_FAIL;
            continue;
        }
        FILE *f = is_stdin ? stdin : fopen(name, "rb");
        if (!f) {
            fprintf(stderr, "%s: error: cannot open: %m\n", name);
            status = RL_EXIT_FAIL;
            continue;
        }
        struct stat fsb;
        if (fstat(fileno(f), &fsb) == 0 && S_ISDIR(fsb.st_mode)) {
            fprintf(stderr, "%s: error: is a directory (give the files in it)\n", name);
            if (!is_stdin)
                fclose(f);
            status = RL_EXIT_FAIL;
            continue;
        }
        rl_input_opts o = *io;
        o.xml = rl_petrxml_read;
        o.html = rl_htmlpage_read;
        if (!forced && !is_stdin)
            o.format = rl_input_format_for(name);
        int rc = rl_input_read(f, is_stdin ? "<stdin>" : name, &o, fn, ctx, dg, st);
        if (!is_stdin)
            fclose(f);
        if (rc == RL_ENOMEM)
            fprintf(stderr, "redline: out of memory\n");
        if (rc)
            status = RL_EXIT_FAIL;
        if (rc == RL_ENOMEM || (stop && *stop))
            return RL_EXIT_FAIL;
        fflush(stdout);
    }
    return status;
}

int cli_check_range(const char *cmd, rl_day from, rl_day to)
{
    if (from == RL_NODATE || to == RL_NODATE || from <= to)
        return 0;
    char f[11], t[11];
    rl_day_format(from, f);
    rl_day_format(to, t);
    fprintf(stderr, "redline %s: --from %s is after --to %s (reversed range)\n", cmd, f, t);
    return -1;
}
