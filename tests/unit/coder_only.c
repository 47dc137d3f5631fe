/* coder_only.c: codes one sentence with nothing but the coder's libraries
 * (formats, coder, lexicon, text, base) linked, as a program embedding redline
 * would. The Makefile links it without SQLite, libxml2 or libmicrohttpd, so it
 * fails to build if the coder ever depends on the store or the web; run, it
 * checks that the sentence given on the command line yields at least one
 * event with the expected CAMEO root. usage: coder-only DICTDIR DATE ROOT TEXT */
#include "formats/rl_formats.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *root;
    int seen;
} expect;

static int on_event(const rl_story *s, const rl_event *e, const char *sent, size_t len, void *ctx)
{
    (void)s; (void)sent; (void)len;
    expect *x = ctx;
    if (strcmp(e->root, x->root) == 0)
        x->seen++;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: coder-only DICTDIR YYYY-MM-DD ROOT TEXT\n");
        return 2;
    }
    rl_diag dg = {stderr, 0, 0};
    rl_dict *d = rl_dict_new();
    if (!d || rl_dict_load_dir(d, argv[1], &dg) != RL_OK) {
        fprintf(stderr, "coder-only: cannot load dictionaries from %s\n", argv[1]);
        rl_dict_free(d);
        return 1;
    }
    rl_pipeline *p = rl_pipeline_new(d, &dg);
    rl_story s = {.id = "1", .date = rl_day_parse(argv[2]), .text = argv[4],
                  .len = strlen(argv[4]), .file = "argv"};
    expect x = {argv[3], 0};
    int rc = p ? rl_code_story(p, &s, on_event, &x) : RL_ENOMEM;
    rl_pipeline_free(p);
    rl_dict_free(d);
    if (rc != RL_OK) {
        fprintf(stderr, "coder-only: coding failed (%d)\n", rc);
        return 1;
    }
    printf("%d event(s) of root %s\n", x.seen, argv[3]);
    return x.seen > 0 ? 0 : 1;
}
