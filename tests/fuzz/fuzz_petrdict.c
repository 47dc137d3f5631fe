/* fuzz_petrdict.c: libFuzzer target: arbitrary bytes as each kind of
 * PETRARCH/TABARI dictionary (verbs, actors, agents, discards, issues), then
 * the translated patterns put to work on a few sentences. */
#include "petrarch/rl_petrarch.h"
#include "coder/rl_coder.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int on_event(const rl_story *s, const rl_event *e, const char *t, size_t n, void *ctx)
{
    (void)s; (void)e; (void)t; (void)n; (void)ctx;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/rl-fuzz-petr-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    rl_diag dg = {NULL, 0, 0};
    rl_dict *d = rl_dict_new();
    for (int kind = RL_PETR_VERBS; kind < RL_PETR_NKINDS && d; kind++)
        rl_petr_load(d, path, kind, RL_PETR_LINT, NULL, &dg);
    unlink(path);
    if (d && rl_dict_finish(d) == RL_OK) {
        static const char *const text =
            "Arnor is about to restore full diplomatic ties with Gondor, officials said on Monday. "
            "Gondor and Osgiliath have postponed their meeting; the Calenardhon government condemned "
            "an attack by Osgiliath soldiers and promised aid to the affected villages.";
        rl_pipeline *p = rl_pipeline_new(d, &dg);
        rl_story s = {"fuzz", rl_day_from_ymd(1995, 1, 1), text, strlen(text), NULL, NULL, NULL, "fuzz", 0};
        if (p)
            rl_code_story(p, &s, on_event, NULL);
        rl_pipeline_free(p);
    }
    rl_dict_free(d);
    return 0;
}
