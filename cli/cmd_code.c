/* cmd_code.c: `redline code`: a streaming filter from stories to events. */
#include "cli.h"
#include "formats/rl_formats.h"

#include <errno.h>
#include <getopt.h>
#include <string.h>

static const char *const usage_text =
    "usage: redline code [options] [FILE...]\n"
    "\n"
    "Codes news stories into events. FILEs are JSONL stories (.jsonl: one\n"
    "{\"id\",\"date\",\"text\"} object per line), PETRARCH XML (.xml) or plain text\n"
    "(anything else: one story per file). With no FILE or '-', reads stdin\n"
    "(format sniffed) and streams: memory stays flat however long the input.\n"
    "\n"
    "  -d, --date YYYY-MM-DD   story date for plain-text input without a dateline\n"
    "  -f, --format FMT        input format: auto, jsonl, text, xml, html (default: by name)\n"
    "  -o, --output FMT        jsonl (default), tsv, csv (RFC 4180, the TSV columns),\n"
    "                          or phoenix (the Phoenix event-data columns); docs/output.md\n"
    "  -D, --dict-dir DIR      dictionary folder (default: $REDLINE_DICT or built-in)\n"
    CLI_DICT_HELP
    "  -q, --quiet             no summary on stderr\n"
    "  -h, --help              this text\n"
    "\n"
    "Exit status: 0 when every input was read (bad records are reported and\n"
    "skipped), 1 when an input could not be read at all, 2 on usage errors.\n";

typedef struct code_ctx {
    rl_pipeline *p;
    rl_emitter *em;
    int write_error;
} code_ctx;

static int on_event(const rl_story *s, const rl_event *e, const char *sent, size_t n, void *ctx)
{
    code_ctx *c = ctx;
    if (rl_emit(c->em, s, e, sent, n)) {
        c->write_error = 1;
        return RL_EIO;
    }
    return 0;
}

static int on_story(const rl_story *s, void *ctx)
{
    code_ctx *c = ctx;
    int rc = rl_code_story(c->p, s, on_event, c);
    /* a lost write is RL_EIO, never RL_ENOMEM (both were once -1, and a full
     * disk was reported as "out of memory") */
    return c->write_error ? RL_EIO : rc == RL_ENOMEM ? RL_ENOMEM : 0;
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

int cmd_code(int argc, char **argv)
{
    static const struct option opts[] = {
        {"date", required_argument, 0, 'd'}, {"format", required_argument, 0, 'f'},
        {"output", required_argument, 0, 'o'}, {"dict-dir", required_argument, 0, 'D'},
        {"quiet", no_argument, 0, 'q'}, CLI_DICT_OPTIONS, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    rl_input_opts io = {RL_FMT_AUTO, RL_NODATE, NULL, NULL};
    int forced = 0, quiet = 0, out_fmt = RL_OUT_JSONL, c;
    cli_dicts dicts;
    memset(&dicts, 0, sizeof dicts);
    optind = 1;
    while ((c = getopt_long(argc, argv, "d:f:o:D:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            if (cli_parse_date(optarg, &io.date))
                return RL_EXIT_USAGE;
            break;
        case 'f':
            if ((io.format = parse_format(optarg)) < 0) {
                fprintf(stderr, "redline code: unknown format '%s'\n", optarg);
                return RL_EXIT_USAGE;
            }
            forced = 1;
            break;
        case 'o':
            if (!strcmp(optarg, "tsv")) out_fmt = RL_OUT_TSV;
            else if (!strcmp(optarg, "phoenix")) out_fmt = RL_OUT_PHOENIX;
            else if (!strcmp(optarg, "csv")) out_fmt = RL_OUT_CSV;
            else if (!strcmp(optarg, "jsonl") || !strcmp(optarg, "json")) out_fmt = RL_OUT_JSONL;
            else {
                fprintf(stderr, "redline code: unknown output format '%s'\n", optarg);
                return RL_EXIT_USAGE;
            }
            break;
        case 'D': dicts.dir = optarg; break;
        case CLI_OPT_DICT:
        case CLI_OPT_DICT_MODE:
            if (cli_dict_option(&dicts, c, optarg))
                return RL_EXIT_USAGE;
            break;
        case 'q': quiet = 1; break;
        case 'h': fputs(usage_text, stdout); return RL_EXIT_OK;
        default: fputs(usage_text, stderr); return RL_EXIT_USAGE;
        }
    }
    if (cli_stdout_open() != RL_EXIT_OK)
        return RL_EXIT_FAIL;
    rl_diag dg = {stderr, 0, 0};
    rl_dict *d = cli_load_dicts(&dicts, &dg, !quiet);
    if (!d)
        return RL_EXIT_FAIL;
    char version[CLI_VERSION_LEN];
    cli_version(d, version);
    code_ctx cx = {rl_pipeline_new(d, &dg), rl_emitter_new(stdout, out_fmt, version), 0};
    rl_names *names = cli_load_names(dicts.dir);
    if (!cx.p || !cx.em || !names) {
        rl_names_free(names);
        fprintf(stderr, "redline: out of memory\n");
        rl_pipeline_free(cx.p);
        rl_emitter_free(cx.em);
        rl_dict_free(d);
        return RL_EXIT_FAIL;
    }
    rl_emitter_set_names(cx.em, names);
    rl_input_stats st = {0, 0};
    double t0 = cli_now();
    int status = cli_read_inputs(argc - optind, argv + optind, &io, forced, on_story, &cx, &dg,
                                 &st, &cx.write_error);
    if (!cx.write_error && cli_stdout_flush() != RL_EXIT_OK)
        cx.write_error = 2; /* reported there */
    if (cx.write_error == 1)
        fprintf(stderr, "redline: error: cannot write standard output: %s\n", strerror(errno));
    if (cx.write_error)
        status = RL_EXIT_FAIL;
    rl_pipeline_stats ps;
    rl_pipeline_stats_get(cx.p, &ps);
    if (!quiet)
        fprintf(stderr, "%s: %lu stories, %lu sentences, %lu mentions (coded events) in %.2f s; %lu bad "
                "records skipped; removed %lu boilerplate, %lu caption, %lu repeated paragraphs\n",
                version, ps.stories, ps.sentences, ps.events, cli_now() - t0, st.bad_records,
                ps.boilerplate, ps.captions, ps.duplicates);
    if (!quiet && rl_emitter_left_out(cx.em))
        fprintf(stderr, "redline: %lu negated or hypothetical event%s left out of the Phoenix "
                "rows (Phoenix has no modality column; docs/output.md)\n",
                rl_emitter_left_out(cx.em), rl_emitter_left_out(cx.em) == 1 ? "" : "s");
    rl_emitter_free(cx.em);
    rl_names_free(names);
    rl_pipeline_free(cx.p);
    rl_dict_free(d);
    return status;
}
