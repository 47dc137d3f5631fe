/* fuzz_petrxml.c: libFuzzer target: arbitrary bytes as PETRARCH XML, read
 * both as stories (petrxml.c, then coded) and as validation records
 * (petrval.c). */
#include "formats/rl_formats.h"
#include "petrarch/rl_petrarch.h"

#include <stdlib.h>
#include <unistd.h>

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
    if (f) {
        if (!size)
            fgetc(f);
        rl_pipeline *p = rl_pipeline_new(dict, &dg);
        rl_input_opts o = {RL_FMT_XML, RL_NODATE, rl_petrxml_read, NULL};
        rl_input_stats st = {0, 0};
        rl_input_read(f, "fuzz", &o, on_story, p, &dg, &st);
        rl_pipeline_free(p);
        fclose(f);
    }
    char path[] = "/tmp/rl-fuzz-val-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) == (ssize_t)size) {
        rl_petr_valset vs;
        rl_petr_valset_init(&vs);
        rl_petr_val_load(&vs, path, &dg);
        rl_petr_valset_release(&vs);
    }
    close(fd);
    unlink(path);
    return 0;
}
