/* cmd_ingest.c: `redline ingest`: codes stories and stores them (store.h). */
#include "cli.h"
#include "formats/rl_formats.h"
#include "store/rl_store.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const usage_text =
    "usage: redline ingest [options] DB [FILE...]\n"
    "\n"
    "Codes news stories (read as `redline code` reads them: JSONL, PETRARCH XML\n"
    "or plain text; '-' or no FILE reads stdin) and stores stories, events and\n"
    "their mentions in the SQLite store DB, created when missing (schema:\n"
    "docs/store.md). Stories are committed in batches: a crash or kill loses at\n"
    "most the batch in flight, never the store. Storing a story id again\n"
    "replaces its events, so re-running an interrupted ingest is safe.\n"
    "\n"
    "  -d, --date YYYY-MM-DD   story date for plain-text input without a dateline\n"
    "  -f, --format FMT        input format: auto, jsonl, text, xml, html (default: by name)\n"
    "  -b, --batch N           stories per transaction (default 1000)\n"
    "  -D, --dict-dir DIR      dictionary folder (default: $REDLINE_DICT or built-in)\n"
    "  -q, --quiet             no progress or summary on stderr\n"
    "  -h, --help              this text\n"
    "\n"
    "Exit status: 0 when every input was read and stored (bad records are\n"
    "reported and skipped), 1 when an input could not be read or the store\n"
    "failed (what was committed stays), 2 on usage errors.\n";

typedef struct ingest_ctx {
    rl_pipeline *p;
    rl_store *st;
    int store_error;
    int progress;          /* stderr is a terminal */
    double t0, last;
} ingest_ctx;

static int on_event(const rl_story *s, const rl_event *e, const char *sent, size_t n, void *ctx)
{
    ingest_ctx *c = ctx;
    int rc = rl_store_put_event(c->st, s, e, sent, n);
    if (rc) {
        c->store_error = 1;
        return rc;
    }
    return 0;
}

static int on_miss(const rl_story *s, unsigned sentence, int miss, const char *sent, size_t n,
                   void *ctx)
{
    (void)s;
    ingest_ctx *c = ctx;
    int rc = rl_store_put_uncoded(c->st, sentence, rl_miss_name(miss), sent, n);
    if (rc)
        c->store_error = 1;
    return rc;
}

static void progress(ingest_ctx *c)
{
    double now = cli_now();
    if (now - c->last < 1.0)
        return;
    c->last = now;
    rl_pipeline_stats ps;
    rl_pipeline_stats_get(c->p, &ps);
    fprintf(stderr, "\rredline ingest: %lu stories, %lu mentions, %.0f s ", ps.stories, ps.events,
            now - c->t0);
}

static int on_story(const rl_story *s, void *ctx)
{
    ingest_ctx *c = ctx;
    int rc = rl_store_begin_story(c->st, s);
    if (rc) {
        c->store_error = 1;
        return rc;
    }
    rc = rl_code_story(c->p, s, on_event, c);
    if (rc) {
        if (!c->store_error) {
            /* coding failed (out of memory): a batch holds whole stories only */
            rl_store_rollback(c->st);
            fprintf(stderr, "redline: story '%s' could not be coded; the batch in flight was "
                    "rolled back\n", s->id ? s->id : "");
            c->store_error = 1;
        }
        return rc;
    }
    if ((rc = rl_store_end_story(c->st))) {
        c->store_error = 1;
        return rc;
    }
    if (c->progress)
        progress(c);
    return 0;
}

static int parse_format(const char *s)
{
    if (!strcmp(s, "auto")) return RL_FMT_AUTO;
    if (!strcmp(s, "jsonl")) return RL_FMT_JSONL;
    if (!strcmp(s, "text")) return RL_FMT_TEXT;
    if (!strcmp(s, "xml")) return RL_FMT_XML;
    if (!strcmp(s, "html")) return RL_FMT_HTML;
    return -1;
}

int cmd_ingest(int argc, char **argv)
{
    static const struct option opts[] = {
        {"date", required_argument, 0, 'd'}, {"format", required_argument, 0, 'f'},
        {"batch", required_argument, 0, 'b'}, {"dict-dir", required_argument, 0, 'D'},
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    rl_input_opts io = {RL_FMT_AUTO, RL_NODATE, NULL, NULL};
    int forced = 0, quiet = 0, c;
    unsigned long batch = RL_STORE_BATCH;
    const char *dict_dir = NULL;
    char *end;
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:f:b:D:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (cli_parse_date(optarg, &io.date))
                return RL_EXIT_USAGE;
            break;
        case 'f':
            if ((io.format = parse_format(optarg)) < 0) {
                fprintf(stderr, "redline ingest: unknown format '%s'\n", optarg);
                return RL_EXIT_USAGE;
            }
            forced = 1;
            break;
        case 'b':
            batch = strtoul(optarg, &end, 10);
            if (*end || !*optarg || batch == 0 || batch > 10000000) {
                fprintf(stderr, "redline ingest: bad --batch '%s' (want 1 to 10000000 stories)\n",
                        optarg);
                return RL_EXIT_USAGE;
            }
            break;
        case 'D': dict_dir = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': fputs(usage_text, stdout); return RL_EXIT_OK;
        default: fputs(usage_text, stderr); return RL_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "redline ingest: no store given\n");
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    const char *db = argv[optind++];
    rl_diag dg = {stderr, 0, 0};
    /* the store first: a bad store fails before seconds of dictionary loading */
    rl_store *st = NULL;
    if (rl_store_open(&st, db, RL_STORE_WRITE, &dg))
        return RL_EXIT_FAIL;
    rl_store_set_batch(st, (unsigned)batch);
    rl_dict *d = cli_load_dict(dict_dir, &dg, !quiet);
    if (!d) {
        rl_store_close(st);
        return RL_EXIT_FAIL;
    }
    char version[CLI_VERSION_LEN];
    cli_version(d, version);
    if (rl_store_set_coder(st, version)) {
        rl_dict_free(d);
        rl_store_close(st);
        return RL_EXIT_FAIL;
    }
    ingest_ctx cx = {rl_pipeline_new(d, &dg), st, 0, !quiet && isatty(2), cli_now(), cli_now()};
    if (!cx.p) {
        fprintf(stderr, "redline: out of memory\n");
        rl_dict_free(d);
        rl_store_close(st);
        return RL_EXIT_FAIL;
    }
    rl_pipeline_set_miss(cx.p, on_miss, &cx);
    int status = RL_EXIT_OK;
    rl_input_stats is = {0, 0};
    status = cli_read_inputs(argc - optind, argv + optind, &io, forced, on_story, &cx, &dg, &is,
                             &cx.store_error);
    if (!cx.store_error && rl_store_commit(st))
        status = RL_EXIT_FAIL;
    if (cx.progress)
        fputc('\n', stderr);
    rl_store_stats ss;
    rl_store_stats_get(st, &ss);
    if (!quiet || status != RL_EXIT_OK)
        fprintf(stderr, "redline: stored %lu stories (%lu replaced), %lu mentions (%lu undated), "
                "%lu sentences without events in %lu batches into %s in %.2f s; %lu bad records "
                "skipped\n", ss.stories, ss.replaced, ss.mentions, ss.undated, ss.uncoded,
                ss.batches, db, cli_now() - cx.t0,
                is.bad_records);
    if (cx.store_error)
        fprintf(stderr, "redline: stopped early; re-run the same command to finish "
                "(stored stories are replaced, not duplicated)\n");
    rl_pipeline_free(cx.p);
    rl_dict_free(d);
    rl_store_close(st);
    return status;
}
