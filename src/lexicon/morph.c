/* morph.c: regular English inflection rules plus WordNet exception lists. */
#include "lexicon/morph.h"

#include <stdlib.h>
#include <string.h>

#ifndef RL_WORDNET_DIR
#define RL_WORDNET_DIR "/usr/share/wordnet"
#endif

typedef struct exc { char *form; char *lemma; } exc;

struct rl_morph {
    exc *v;      /* sorted by lemma */
    size_t n, cap;
    int wordnet;
};

static int cmp_lemma(const void *a, const void *b)
{
    return strcmp(((const exc *)a)->lemma, ((const exc *)b)->lemma);
}

static int load_exc(rl_morph *m, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return RL_EIO;
    char line[512];
    while (fgets(line, sizeof line, f)) {
        char *form = strtok(line, " \n");
        char *lemma = strtok(NULL, " \n");
        if (!form || !lemma || strchr(form, '_'))
            continue;
        if (m->n == m->cap) {
            size_t nc = m->cap ? m->cap * 2 : 4096;
            exc *v = realloc(m->v, nc * sizeof *v);
            if (!v) { fclose(f); return RL_ENOMEM; }
            m->v = v;
            m->cap = nc;
        }
        m->v[m->n].form = strdup(form);
        m->v[m->n].lemma = strdup(lemma);
        if (!m->v[m->n].form || !m->v[m->n].lemma) {
            free(m->v[m->n].form);
            free(m->v[m->n].lemma);
            fclose(f);
            return RL_ENOMEM;
        }
        m->n++;
    }
    fclose(f);
    return RL_OK;
}

rl_morph *rl_morph_new(const char *dir, rl_diag *d)
{
    rl_morph *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    if (!dir)
        dir = RL_WORDNET_DIR;
    char path[1024];
    snprintf(path, sizeof path, "%s/verb.exc", dir);
    int rc = load_exc(m, path);
    if (rc == RL_ENOMEM) { rl_morph_free(m); return NULL; }
    m->wordnet = rc == RL_OK;
    snprintf(path, sizeof path, "%s/noun.exc", dir);
    if (load_exc(m, path) == RL_ENOMEM) { rl_morph_free(m); return NULL; }
    if (!m->wordnet)
        rl_warn(d, path, 0, "WordNet exception lists not found; irregular forms "
                "must be written in the dictionaries (install wordnet-base)");
    if (m->n)
        qsort(m->v, m->n, sizeof *m->v, cmp_lemma);
    return m;
}

void rl_morph_free(rl_morph *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->v[i].form);
        free(m->v[i].lemma);
    }
    free(m->v);
    free(m);
}

int rl_morph_has_wordnet(const rl_morph *m) { return m && m->wordnet; }

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

#define EMIT(s) do { int r_ = fn((s), strlen(s), ctx); if (r_) return r_; } while (0)

static int regular(const char *w, int (*fn)(const char *, size_t, void *), void *ctx)
{
    size_t n = strlen(w);
    char b[128];
    if (n < 2 || n > 100)
        return 0;
    char last = w[n - 1], prev = w[n - 2];
    /* -s */
    if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 's' || prev == 'c')) ||
        (last == 'o' && !is_vowel(prev)))
        snprintf(b, sizeof b, "%ses", w);
    else if (last == 'y' && !is_vowel(prev))
        snprintf(b, sizeof b, "%.*sies", (int)(n - 1), w);
    else
        snprintf(b, sizeof b, "%ss", w);
    EMIT(b);
    /* -ed, -ing */
    if (last == 'e') {
        snprintf(b, sizeof b, "%sd", w);
        EMIT(b);
        if (prev == 'e' || prev == 'y' || prev == 'o')
            snprintf(b, sizeof b, "%sing", w);        /* agreeing, seeing */
        else if (prev == 'i')
            snprintf(b, sizeof b, "%.*sying", (int)(n - 2), w); /* dying */
        else
            snprintf(b, sizeof b, "%.*sing", (int)(n - 1), w);
        EMIT(b);
    } else if (last == 'y' && !is_vowel(prev)) {
        snprintf(b, sizeof b, "%.*sied", (int)(n - 1), w);
        EMIT(b);
        snprintf(b, sizeof b, "%sing", w);
        EMIT(b);
    } else {
        snprintf(b, sizeof b, "%sed", w);
        EMIT(b);
        snprintf(b, sizeof b, "%sing", w);
        EMIT(b);
        /* short CVC words double: stop -> stopped (WordNet lists most, not all) */
        if (n >= 3 && n <= 4 && !is_vowel(last) && last != 'w' && last != 'x' && last != 'y' &&
            is_vowel(prev) && !is_vowel(w[n - 3])) {
            snprintf(b, sizeof b, "%s%ced", w, last);
            EMIT(b);
            snprintf(b, sizeof b, "%s%cing", w, last);
            EMIT(b);
        }
    }
    return 0;
}

int rl_morph_forms(const rl_morph *m, const char *lemma,
                   int (*fn)(const char *form, size_t len, void *ctx), void *ctx)
{
    EMIT(lemma);
    int r = regular(lemma, fn, ctx);
    if (r)
        return r;
    size_t n = strlen(lemma);
    /* British -ise spellings of -ize verbs: criticize -> criticise */
    if (n > 3 && strcmp(lemma + n - 3, "ize") == 0) {
        char b[128];
        snprintf(b, sizeof b, "%.*sise", (int)(n - 3), lemma);
        EMIT(b);
        if ((r = regular(b, fn, ctx)))
            return r;
    }
    if (m && m->n) {
        exc key = {NULL, (char *)lemma};
        exc *hit = bsearch(&key, m->v, m->n, sizeof *m->v, cmp_lemma);
        if (hit) {
            while (hit > m->v && strcmp(hit[-1].lemma, lemma) == 0)
                hit--;
            for (; hit < m->v + m->n && strcmp(hit->lemma, lemma) == 0; hit++) {
                EMIT(hit->form);
                /* "withdrew" comes with no -ing twin; regular() covered that */
            }
        }
    }
    return 0;
}
