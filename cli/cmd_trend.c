/* cmd_trend.c: `redline trend`: talks and force between two sides over time
 * (series.h), drawn by report.h on the terminal, as JSON or as SVG. */
#include "cli.h"
#include "base/rl_base.h"
#include "store/rl_store.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const usage_text =
    "usage: redline trend [options] DB A B\n"
    "\n"
    "Events between A and B in the store DB (filled by `redline ingest`), per\n"
    "period: distinct events by quad class, Goldstein sum and mean, and two\n"
    "tracks, talks (meetings, negotiation, mediation, agreements, intent to meet\n"
    "or settle) and force (threats and ultimatums, force posture, sanctions,\n"
    "coercion, assaults, fighting, demands to withdraw), with a reading of each\n"
    "period (talks gaining, force gaining, both rising (coercive bargaining),\n"
    "steady, receding, quiet) and the strongest events of each track as\n"
    "evidence (date, story id, sentence). Both directions are counted, and each\n"
    "direction is shown. Counted are incidents: a symmetric act's two directions\n"
    "once, near-duplicate reports merged (every report kept); scheduled events\n"
    "apart, never read; force and talks also weighted by |Goldstein|, with the\n"
    "stories naming both sides per period. A reading needs 3 events from 2\n"
    "stories; the first period reads nothing. Rules, track codes and the JSON\n"
    "shape: docs/store.md.\n"
    "\n"
    "A and B are actor codes: 3 letters match every actor of that country (RUS\n"
    "matches RUS, RUSGOV, RUSMIL), longer codes match exactly (USAGOV,\n"
    "IGOWSTNAT); a comma list makes one side of several (USA,WST,IGOWSTNAT).\n"
    "\n"
    "  -f, --from YYYY-MM-DD   first day (default: the dyad's first event)\n"
    "  -t, --to YYYY-MM-DD     last day (default: the dyad's last event)\n"
    "  -b, --by PERIOD         day, week, month or auto (default: auto: days up to\n"
    "                          31 days, weeks up to 26 weeks, else months)\n"
    "  -e, --evidence N        evidence events per track and period on the\n"
    "                          terminal, 0 to 3 (default 3)\n"
    "  -j, --json              JSON on stdout instead of the chart\n"
    "  -c, --csv               CSV on stdout, one row per period (docs/store.md)\n"
    "  -s, --svg FILE          also write a standalone SVG chart to FILE\n"
    "  -h, --help              this text\n"
    "\n"
    "Exit status: 0 ok (also when the dyad has no events, or a code none yet:\n"
    "it says so on stderr), 1 when the store cannot be read or a file cannot be\n"
    "written,\n"
    "2 on usage errors (bad dates, reversed ranges, bad codes).\n";

typedef struct suggest_ctx {
    char buf[200];
    size_t n;
} suggest_ctx;

static void add_suggestion(const char *code, void *ctx)
{
    suggest_ctx *s = ctx;
    size_t len = strlen(s->buf);
    snprintf(s->buf + len, sizeof s->buf - len, "%s%s", s->n++ ? ", " : "", code);
}

/* Says on stderr which patterns no stored event has (a valid code with no
 * events yet: not an error, so a cron watch started before the first event
 * keeps running), with the stored codes sharing its first two letters.
 * Returns -1 when the store cannot be read, else 0. */
static int check_actors(rl_store *st, const char *db, char side[][24], int n)
{
    for (int i = 0; i < n; i++) {
        int k = rl_store_actor_known(st, side[i]);
        if (k < 0)
            return -1;
        if (k)
            continue;
        suggest_ctx sc = {"", 0};
        char prefix[3] = {side[i][0], side[i][1], 0};
        rl_store_actors_like(st, prefix, 8, add_suggestion, &sc);
        fprintf(stderr, "redline trend: no events yet for '%s': no event in %s has it as "
                "source or target", side[i], db);
        if (sc.n)
            fprintf(stderr, " (stored codes starting with '%s': %s%s)", prefix, sc.buf,
                    sc.n >= 8 ? ", ..." : "");
        fputc('\n', stderr);
    }
    return 0;
}

/* --csv: the table on stdout; 0, or -1 when out of memory or on a write error */
static int csv_out(const rl_series *x)
{
    rl_buf b;
    rl_buf_init(&b);
    int rc = rl_report_trend_csv(&b, x);
    if (!rc && b.len && fwrite(b.data, 1, b.len, stdout) != b.len)
        rc = -1;
    rl_buf_release(&b);
    return rc;
}

/* Writes the SVG to a new file of its own in path's folder (mkstemp: a
 * fresh name, created exclusively, so nothing planted there is followed),
 * then renames it over path: a failed write never leaves a truncated chart
 * behind, and path is replaced only when it is a regular file or absent
 * (never a symbolic link, a device or a folder). */
static int write_svg(const char *path, const rl_series *s)
{
    struct stat sb;
    if (lstat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
        fprintf(stderr, "%s: error: not a regular file (%s); the chart replaces only regular "
                "files\n", path, S_ISLNK(sb.st_mode) ? "a symbolic link" : S_ISDIR(sb.st_mode) ?
                "a directory" : "a device, socket or pipe");
        return -1;
    }
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) + 1 : 0, n = strlen(path) + 16;
    char *tmp = malloc(n);
    if (!tmp)
        return -1;
    snprintf(tmp, n, "%.*s.%s.XXXXXX", (int)dlen, path, slash ? slash + 1 : path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
        free(tmp);
        return -1;
    }
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask); /* mkstemp makes 0600; a chart is as readable as any file */
    FILE *f = fdopen(fd, "w");
    int rc = f ? rl_report_trend_svg(f, s) : -1;
    if (!f)
        close(fd);
    if ((f && fclose(f)) || rc) {
        fprintf(stderr, "%s: error: write failed: %s\n", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    if (rename(tmp, path)) {
        fprintf(stderr, "%s: error: cannot write: %s\n", path, strerror(errno));
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

int cmd_trend(int argc, char **argv)
{
    static const struct option opts[] = {
        {"from", required_argument, 0, 'f'}, {"to", required_argument, 0, 't'},
        {"by", required_argument, 0, 'b'}, {"evidence", required_argument, 0, 'e'},
        {"json", no_argument, 0, 'j'}, {"csv", no_argument, 0, 'c'}, {"svg", required_argument, 0, 's'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    rl_day from = RL_NODATE, to = RL_NODATE;
    int by = RL_BY_AUTO, json = 0, c;
    unsigned evidence = RL_SERIES_TOP;
    const char *svg = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "f:t:b:e:jcs:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (cli_parse_date(optarg, &from))
                return RL_EXIT_USAGE;
            break;
        case 't':
            if (cli_parse_date(optarg, &to))
                return RL_EXIT_USAGE;
            break;
        case 'b':
            if ((by = rl_by_parse(optarg)) < 0) {
                fprintf(stderr, "redline trend: bad --by '%s' (want day, week, month or auto)\n",
                        optarg);
                return RL_EXIT_USAGE;
            }
            break;
        case 'e':
            if (strlen(optarg) != 1 || optarg[0] < '0' || optarg[0] > '0' + RL_SERIES_TOP) {
                fprintf(stderr, "redline trend: bad --evidence '%s' (want 0 to %d)\n", optarg,
                        RL_SERIES_TOP);
                return RL_EXIT_USAGE;
            }
            evidence = (unsigned)(optarg[0] - '0');
            break;
        case 'j': json = 1; break;
        case 'c': json = 2; break;
        case 's': svg = optarg; break;
        case 'h': fputs(usage_text, stdout); return RL_EXIT_OK;
        default: fputs(usage_text, stderr); return RL_EXIT_USAGE;
        }
    }
    if (argc - optind != 3) {
        fprintf(stderr, "redline trend: want DB A B, got %d argument%s\n", argc - optind,
                argc - optind == 1 ? "" : "s");
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    if (cli_check_range("trend", from, to))
        return RL_EXIT_USAGE;
    const char *db = argv[optind];
    char a[RL_SIDE_MAX][24], b[RL_SIDE_MAX][24], bad[64];
    int na = rl_series_side_parse(argv[optind + 1], a, bad);
    int nb = na < 0 ? 0 : rl_series_side_parse(argv[optind + 2], b, bad);
    if (na < 0 || nb < 0) {
        fprintf(stderr, "redline trend: bad actor code '%s' (want 3 to 23 letters or digits, "
                "at most %d per side)\n", bad, RL_SIDE_MAX);
        return RL_EXIT_USAGE;
    }
    rl_diag dg = {stderr, 0, 0};
    rl_store *st = NULL;
    if (rl_store_open(&st, db, RL_STORE_READ, &dg))
        return RL_EXIT_FAIL;
    int status = RL_EXIT_OK;
    rl_series *s = NULL;
    if (check_actors(st, db, a, na) || check_actors(st, db, b, nb) ||
        rl_series_dyad(st, a, na, b, nb, from, to, by, &s, &dg)) {
        rl_store_close(st);
        return RL_EXIT_FAIL;
    }
    rl_names *names = cli_load_names(NULL);
    s->names = names;
    if (s->undated)
        fprintf(stderr, "redline trend: %lu mention%s between %s and %s in %s %s no date, so %s "
                "in no period (a story without a date: ingest it with --date YYYY-MM-DD)\n",
                s->undated, s->undated == 1 ? "" : "s", argv[optind + 1], argv[optind + 2], db,
                s->undated == 1 ? "has" : "have", s->undated == 1 ? "is" : "are");
    if (s->n == 0 && json)
        fprintf(stderr, "redline trend: no events between %s and %s in %s\n", argv[optind + 1],
                argv[optind + 2], db);
    if ((json == 2 ? csv_out(s)
         : json    ? rl_report_trend_json(stdout, s)
                   : rl_report_trend_text(stdout, s, evidence)) ||
        fflush(stdout)) {
        fprintf(stderr, "redline: write error on standard output\n");
        status = RL_EXIT_FAIL;
    }
    if (svg && write_svg(svg, s))
        status = RL_EXIT_FAIL;
    rl_series_free(s);
    rl_names_free(names);
    rl_store_close(st);
    return status;
}
