/* fuzz_story.c: libFuzzer target: arbitrary bytes as a story stream (JSONL,
 * text or XML, sniffed) through the readers, cleanup, tokenizer and coder. */
#include "petrarch/rl_petrarch.h"
#include "htmlpage/rl_htmlpage.h"

#include <stdlib.h>
#include <string.h>

static rl_dict *dict;

static int on_event(const rl_story *s, const rl_event *e, const char *t, size_t n, void *ctx)
{
    (void)s; (void)e; (void)t; (void)n; (void)ctx;
    return 0;
}

static int on_story(const rl_story *s, void *ctx)
{
    return rl_code_story(ctx, s, on_event, NULL) == RL_ENOMEM ? -1 : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rl_diag dg = {NULL, 0, 0};
    if (!dict) {
        dict = rl_dict_new();
        const char *dir = getenv("REDLINE_DICT");
        if (rl_dict_load_dir(dict, dir ? dir : "dict", &dg))
            abort();
    }
    FILE *f = fmemopen((void *)data, size ? size : 1, "rb");
    if (!f)
        return 0;
    if (!size)
        fgetc(f);
    rl_pipeline *p = rl_pipeline_new(dict, &dg);
    rl_input_opts o = {RL_FMT_AUTO, rl_day_from_ymd(2022, 2, 24), rl_petrxml_read, rl_htmlpage_read};
    rl_input_stats st = {0, 0};
    rl_input_read(f, "fuzz", &o, on_story, p, &dg, &st);
    rl_pipeline_free(p);
    fclose(f);
    return 0;
}
