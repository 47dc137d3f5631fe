/* fuzz_dict.c: libFuzzer target: arbitrary bytes as each kind of dictionary
 * file (actors, agents, verbs, modals, modal codes, CAMEO table). */
#include "lexicon/rl_lexicon.h"

#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[] = "/tmp/rl-fuzz-dict-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        unlink(path);
        return 0;
    }
    close(fd);
    int (*loaders[])(rl_dict *, const char *, rl_diag *) = {
        rl_dict_load_cameo, rl_dict_load_actors, rl_dict_load_agents,
        rl_dict_load_modal_codes, rl_dict_load_modals, rl_dict_load_verbs,
    };
    rl_diag dg = {NULL, 0, 0};
    rl_dict *d = rl_dict_new();
    for (size_t i = 0; i < sizeof loaders / sizeof loaders[0]; i++)
        loaders[i](d, path, &dg);
    rl_dict_finish(d);
    rl_dict_free(d);
    unlink(path);
    return 0;
}
