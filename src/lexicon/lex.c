/* lex.c: open-addressing hash table of folded words with dense ids. */
#include "lexicon/lex.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A slot holds the id and the high half of the word's hash, so a probe that
 * meets another word rarely reads that word (lookups run for every token). */
typedef struct lex_slot {
    uint32_t id;       /* 0 = empty */
    uint32_t tag;      /* hash >> 32 */
} lex_slot;

struct rl_lex {
    lex_slot *slots;
    size_t nslots;     /* power of two */
    char **words;      /* words[id] = folded string (owned) */
    uint32_t *lens;
    uint64_t *hashes;
    uint32_t n;        /* ids 1..n used */
    uint32_t cap;
};

static uint64_t hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 1099511628211ULL;
    return h ^ (h >> 29);
}

rl_lex *rl_lex_new(void)
{
    rl_lex *lx = calloc(1, sizeof *lx);
    if (!lx)
        return NULL;
    lx->nslots = 1 << 14;
    lx->slots = calloc(lx->nslots, sizeof *lx->slots);
    if (!lx->slots) {
        free(lx);
        return NULL;
    }
    return lx;
}

void rl_lex_free(rl_lex *lx)
{
    if (!lx)
        return;
    for (uint32_t i = 1; i <= lx->n; i++)
        free(lx->words[i]);
    free(lx->words);
    free(lx->lens);
    free(lx->hashes);
    free(lx->slots);
    free(lx);
}

size_t rl_fold(const char *s, size_t n, char *out, size_t cap)
{
    int ascii = 1;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) { ascii = 0; break; }
    if (ascii) {
        if (n >= cap)
            return 0;
        for (size_t i = 0; i < n; i++) {
            char c = s[i];
            out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        out[n] = '\0';
        return n;
    }
    utf8proc_uint8_t *m = NULL;
    utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (r <= 0 || (size_t)r >= cap) {
        free(m);
        return 0;
    }
    memcpy(out, m, (size_t)r);
    out[r] = '\0';
    free(m);
    return (size_t)r;
}

static int grow(rl_lex *lx)
{
    size_t ns = lx->nslots * 2;
    lex_slot *sl = calloc(ns, sizeof *sl);
    if (!sl)
        return RL_ENOMEM;
    for (uint32_t id = 1; id <= lx->n; id++) {
        size_t j = lx->hashes[id] & (ns - 1);
        while (sl[j].id)
            j = (j + 1) & (ns - 1);
        sl[j] = (lex_slot){id, (uint32_t)(lx->hashes[id] >> 32)};
    }
    free(lx->slots);
    lx->slots = sl;
    lx->nslots = ns;
    return RL_OK;
}

uint32_t rl_lex_find(const rl_lex *lx, const char *w, size_t n)
{
    uint64_t h = hash(w, n);
    size_t j = h & (lx->nslots - 1);
    uint32_t tag = (uint32_t)(h >> 32);
    for (;;) {
        lex_slot sl = lx->slots[j];
        if (!sl.id)
            return 0;
        if (sl.tag == tag && lx->lens[sl.id] == n && memcmp(lx->words[sl.id], w, n) == 0)
            return sl.id;
        j = (j + 1) & (lx->nslots - 1);
    }
}

uint32_t rl_lex_intern(rl_lex *lx, const char *w, size_t n)
{
    uint32_t id = rl_lex_find(lx, w, n);
    if (id)
        return id;
    if ((size_t)(lx->n + 1) * 2 >= lx->nslots && grow(lx))
        return 0;
    if (lx->n + 1 >= lx->cap) {
        uint32_t nc = lx->cap ? lx->cap * 2 : 4096;
        char **wv = realloc(lx->words, nc * sizeof *wv);
        if (!wv)
            return 0;
        lx->words = wv;
        uint32_t *lv = realloc(lx->lens, nc * sizeof *lv);
        if (!lv)
            return 0;
        lx->lens = lv;
        uint64_t *hv = realloc(lx->hashes, nc * sizeof *hv);
        if (!hv)
            return 0;
        lx->hashes = hv;
        lx->cap = nc;
    }
    char *copy = malloc(n + 1);
    if (!copy)
        return 0;
    memcpy(copy, w, n);
    copy[n] = '\0';
    id = ++lx->n;
    lx->words[id] = copy;
    lx->lens[id] = (uint32_t)n;
    lx->hashes[id] = hash(w, n);
    size_t j = lx->hashes[id] & (lx->nslots - 1);
    while (lx->slots[j].id)
        j = (j + 1) & (lx->nslots - 1);
    lx->slots[j] = (lex_slot){id, (uint32_t)(lx->hashes[id] >> 32)};
    return id;
}

uint32_t rl_lex_lookup(const rl_lex *lx, const char *s, size_t n)
{
    char tmp[256];
    size_t m = rl_fold(s, n, tmp, sizeof tmp);
    return m ? rl_lex_find(lx, tmp, m) : 0;
}

const char *rl_lex_str(const rl_lex *lx, uint32_t id)
{
    return (id && id <= lx->n) ? lx->words[id] : "";
}

uint32_t rl_lex_count(const rl_lex *lx) { return lx->n; }
