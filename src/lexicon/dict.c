/* dict.c: loads redline's plain-text dictionaries (docs/dictionaries.md) and
 * Debian's ISO 3166 names into patterns over lexicon word ids, then builds a
 * first-word index so the matcher only tries patterns that can start at a token. */
#include "lexicon/dict.h"
#include "lexicon/fwords.h"
#include "text/tok.h"

#include <ctype.h>
#include <dirent.h>
#include <jansson.h>
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct rl_dict {
    rl_lex *lex;
    rl_morph *morph;
    rl_pattern *pats;
    uint32_t npats, cappats;
    rl_actor *actors;
    uint32_t nactors, capactors;
    rl_cameo *cameo;
    uint32_t ncameo, capcameo;
    rl_modal_row *mrows;
    uint32_t nmrows, capmrows;
    char **files;          /* interned file names for diagnostics */
    uint32_t nfiles;
    /* first-word index, one per class (0 phrases, 1 verbs/modals): CSR */
    uint32_t *idx_off[2];
    rl_cand *idx_ent[2];
    uint32_t idx_words;
    uint32_t *wclass;      /* function-word class mask per word id (fwords.h) */
    unsigned parts;        /* RL_DL_* being loaded by rl_dict_load_parts */
    rl_places *places;     /* the gazetteer (dict/places/), NULL if none */
};

static const char *const modal_names[RL_M_COUNT] = {
    "none", "demand", "appeal", "threat", "intent", "future", "negate", "hypo", "report",
    "discard", "plan",
};

const char *rl_modal_name(int m) { return (m >= 0 && m < RL_M_COUNT) ? modal_names[m] : "?"; }

rl_dict *rl_dict_new(void)
{
    rl_dict *d = calloc(1, sizeof *d);
    if (!d)
        return NULL;
    d->parts = RL_DL_ALL;
    d->lex = rl_lex_new();
    if (!d->lex) {
        free(d);
        return NULL;
    }
    return d;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 1099511628211ull;
    return h;
}

void rl_dict_version(const rl_dict *d, char out[RL_DICT_VERSION_LEN])
{
    uint64_t h = 14695981039346656037ull;
    for (uint32_t i = 0; i < d->npats; i++) {
        const rl_pattern *p = &d->pats[i];
        unsigned char k[2] = {p->kind, p->modal};
        h = fnv(h, k, 2);
        h = fnv(h, p->code, strlen(p->code) + 1);
        h = fnv(h, p->text, strlen(p->text) + 1);
    }
    for (uint32_t i = 0; i < d->nactors; i++) {
        h = fnv(h, d->actors[i].code, strlen(d->actors[i].code) + 1);
        h = fnv(h, d->actors[i].name, strlen(d->actors[i].name) + 1);
        for (uint32_t k = 0; k < d->actors[i].nroles; k++) {
            const rl_role *r = &d->actors[i].roles[k];
            h = fnv(h, r->code, strlen(r->code) + 1);
            h = fnv(h, &r->from, sizeof r->from);
            h = fnv(h, &r->to, sizeof r->to);
        }
    }
    snprintf(out, RL_DICT_VERSION_LEN, "%016llx", (unsigned long long)h);
}

void rl_dict_free(rl_dict *d)
{
    if (!d)
        return;
    for (uint32_t i = 0; i < d->npats; i++) {
        for (uint16_t k = 0; k < d->pats[i].nitems; k++)
            free(d->pats[i].items[k].alt);
        free(d->pats[i].items);
        free(d->pats[i].text);
    }
    free(d->pats);
    for (uint32_t i = 0; i < d->nactors; i++) {
        for (uint32_t k = 0; k < d->actors[i].nroles; k++)
            free(d->actors[i].roles[k].desc);
        free(d->actors[i].roles);
        free(d->actors[i].name);
    }
    free(d->actors);
    for (uint32_t i = 0; i < d->ncameo; i++)
        free(d->cameo[i].name);
    free(d->cameo);
    free(d->mrows);
    for (uint32_t i = 0; i < d->nfiles; i++)
        free(d->files[i]);
    free(d->files);
    rl_places_free(d->places);
    for (int c = 0; c < 2; c++) {
        free(d->idx_off[c]);
        free(d->idx_ent[c]);
    }
    free(d->wclass);
    rl_morph_free(d->morph);
    rl_lex_free(d->lex);
    free(d);
}

static const char *intern_file(rl_dict *d, const char *path)
{
    for (uint32_t i = 0; i < d->nfiles; i++)
        if (strcmp(d->files[i], path) == 0)
            return d->files[i];
    char **v = realloc(d->files, (d->nfiles + 1) * sizeof *v);
    if (!v)
        return path;
    d->files = v;
    char *s = strdup(path);
    if (!s)
        return path;
    d->files[d->nfiles++] = s;
    return s;
}

/* ---- growth helpers ---- */
#define GROW(arr, n, cap) \
    ((n) < (cap) ? 0 : ((cap) = (cap) ? (cap) * 2 : 256, \
                        ((arr) = rl_realloc_arr((arr), (cap), sizeof *(arr))) == NULL))

static void *rl_realloc_arr(void *p, size_t n, size_t sz)
{
    void *q = realloc(p, n * sz);
    if (!q)
        free(p); /* callers treat failure as fatal for the dictionary */
    return q;
}

/* ---- pattern parsing ---- */

/* the alternatives of one item and the items of one pattern are counted in
 * 16 bits (rl_item.nalt, rl_pattern.nitems): past these the entry is refused
 * with RL_ERANGE before any count can wrap */
#define MAX_ALTS 4096
#define MAX_ITEMS 64

typedef struct ids { uint32_t *v; uint32_t n, cap; } ids;

static int ids_push(ids *a, uint32_t w)
{
    for (uint32_t i = 0; i < a->n; i++)
        if (a->v[i] == w)
            return RL_OK;
    if (a->n >= MAX_ALTS)
        return RL_ERANGE;
    if (a->n == a->cap) {
        uint32_t nc = a->cap ? a->cap * 2 : 8;
        uint32_t *v = realloc(a->v, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        a->v = v;
        a->cap = nc;
    }
    a->v[a->n++] = w;
    return RL_OK;
}

static int intern_word(rl_dict *d, const char *s, size_t n, ids *out)
{
    char tmp[256];
    size_t m = rl_fold(s, n, tmp, sizeof tmp);
    if (!m)
        return RL_EPARSE;
    uint32_t id = rl_lex_intern(d->lex, tmp, m);
    if (!id)
        return RL_ENOMEM;
    return ids_push(out, id);
}

typedef struct form_ctx { rl_dict *d; ids *out; int rc; } form_ctx;

static int add_form(const char *form, size_t len, void *ctx)
{
    form_ctx *c = ctx;
    c->rc = intern_word(c->d, form, len, c->out);
    return c->rc == RL_ENOMEM;
}

/* exact-case rule: an all-capital word of at most three letters */
static int needs_exact(const char *s, size_t n)
{
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '.' || c == '\'')
            return 0;
        if (islower(c))
            return 0;
        if (isupper(c))
            letters++;
    }
    return letters > 0 && letters <= 3;
}

typedef struct items { rl_item *v; uint32_t n, cap; } items;

/* Appends it (taking its alternatives, freed here when it cannot be added). */
static int items_push(items *a, rl_item it)
{
    if (a->n >= MAX_ITEMS) {
        free(it.alt);
        return RL_ERANGE;
    }
    if (a->n == a->cap) {
        uint32_t nc = a->cap ? a->cap * 2 : 8;
        rl_item *v = realloc(a->v, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        a->v = v;
        a->cap = nc;
    }
    a->v[a->n++] = it;
    return RL_OK;
}

static void items_release(items *a)
{
    for (uint32_t i = 0; i < a->n; i++)
        free(a->v[i].alt);
    free(a->v);
}

/* Parses one alternative group "a|~b|c" into one item; a lone word that the
 * tokenizer splits ("Russia's") becomes several items. */
static int parse_piece(rl_dict *d, const char *p, size_t n, items *out, const char **err)
{
    if (n == 1 && (*p == '*' || *p == '+' || *p == '$' || *p == '^')) {
        rl_item it = {*p == '*' ? RL_I_GAP : *p == '+' ? RL_I_TARGET : *p == '$' ? RL_I_SOURCE : RL_I_SKIP,
                      0, 0, NULL};
        int rc = items_push(out, it);
        if (rc == RL_ERANGE)
            *err = "pattern too long";
        return rc;
    }
    int alt = memchr(p, '|', n) != NULL;
    int capital = 0; /* "=West": must be capitalised in the text */
    if (n > 1 && *p == '=' && !alt) {
        capital = 1;
        p++;
        n--;
    }
    if (!alt && !memchr(p, '~', n)) {
        /* plain word(s): tokenize like news text */
        rl_toks t;
        rl_toks_init(&t);
        if (rl_tok_paragraph(p, n, &t, 1000, NULL)) {
            rl_toks_release(&t);
            return RL_ENOMEM;
        }
        int rc = RL_OK;
        for (size_t k = 0; k < t.n && !rc; k++) {
            ids a = {0};
            const char *w = p + t.v[k].off;
            rc = intern_word(d, w, t.v[k].len, &a);
            if (!rc)
                rc = items_push(out, (rl_item){RL_I_WORD,
                                               (uint8_t)(capital && k == 0 ? 2 : needs_exact(w, t.v[k].len)),
                                               (uint16_t)a.n, a.v});
            else
                free(a.v);
        }
        rl_toks_release(&t);
        if (rc == RL_EPARSE)
            *err = "word too long";
        else if (rc == RL_ERANGE)
            *err = "pattern too long";
        return rc;
    }
    ids a = {0};
    int exact = 1;
    const char *s = p, *end = p + n;
    while (s < end) {
        const char *bar = memchr(s, '|', (size_t)(end - s));
        const char *e = bar ? bar : end;
        int lemma = *s == '~';
        if (lemma)
            s++;
        if (e == s) {
            free(a.v);
            *err = "empty alternative";
            return RL_EPARSE;
        }
        if (!needs_exact(s, (size_t)(e - s)))
            exact = 0;
        int rc;
        if (lemma) {
            char lem[128];
            size_t m = rl_fold(s, (size_t)(e - s), lem, sizeof lem);
            if (!m) {
                free(a.v);
                *err = "word too long";
                return RL_EPARSE;
            }
            form_ctx c = {d, &a, 0};
            rl_morph_forms(d->morph, lem, add_form, &c);
            rc = c.rc;
        } else {
            rc = intern_word(d, s, (size_t)(e - s), &a);
        }
        if (rc) {
            free(a.v);
            *err = rc == RL_ERANGE ? "too many alternatives (at most 4096)" : "word too long";
            return rc;
        }
        s = bar ? bar + 1 : end;
    }
    int rc = items_push(out, (rl_item){RL_I_WORD, (uint8_t)exact, (uint16_t)a.n, a.v});
    if (rc == RL_ERANGE)
        *err = "pattern too long";
    return rc;
}

int rl_dict_add_pattern(rl_dict *d, int kind, const char *code, int modal, uint32_t actor,
                        const char *text, const char *file, int line, rl_diag *dg)
{
    items it = {0};
    const char *err = NULL;
    uint16_t flags = 0;
    char by[4] = "";
    size_t n = strlen(text);
    /* trailing [flags] */
    while (n && isspace((unsigned char)text[n - 1]))
        n--;
    while (n && text[n - 1] == ']') {
        const char *lb = NULL;
        for (size_t i = n; i-- > 0;)
            if (text[i] == '[') { lb = text + i; break; }
        if (!lb) { err = "unmatched ']'"; goto bad; }
        size_t fl = (size_t)(text + n - 1 - lb - 1);
        if (fl == 3 && strncmp(lb + 1, "sym", 3) == 0)
            flags |= RL_PF_SYM;
        else if (fl == 4 && strncmp(lb + 1, "noun", 4) == 0)
            flags |= RL_PF_NOUN;
        else if (fl == 6 && strncmp(lb + 1, "prefix", 6) == 0)
            flags |= RL_PF_PREFIX;
        else if (fl == 5 && strncmp(lb + 1, "stack", 5) == 0)
            flags |= RL_PF_STACK;
        else if (fl == 8 && strncmp(lb + 1, "petrarch", 8) == 0)
            flags |= RL_PF_PETRARCH;
        else if (fl == 6 && kind == RL_P_VERB && strncmp(lb + 1, "by ", 3) == 0 && isupper((unsigned char)lb[4]) &&
                 isupper((unsigned char)lb[5]) && isupper((unsigned char)lb[6]))
            memcpy(by, lb + 4, 3);
        else { err = "unknown flag (known: [sym] [noun] [prefix] [stack] [petrarch] [by ABC])"; goto bad; }
        n = (size_t)(lb - text);
        while (n && isspace((unsigned char)text[n - 1]))
            n--;
    }
    const char *s = text, *end = text + n;
    uint16_t head = 0; /* 1 + item index of the '@' head */
    /* "+ was @shot", "% have @met": a slot before the first word is the
     * pattern's subject: the target, the source, or a compound coded pairwise */
    while (s < end && isspace((unsigned char)*s))
        s++;
    if (kind == RL_P_VERB && end - s > 2 && strchr("+$%", *s) && isspace((unsigned char)s[1])) {
        flags |= *s == '+' ? RL_PF_SUBJ_TARGET : *s == '$' ? RL_PF_SUBJ_SOURCE : RL_PF_SUBJ_GROUP;
        s += 2;
    }
    while (s < end) {
        while (s < end && isspace((unsigned char)*s))
            s++;
        const char *e = s;
        while (e < end && !isspace((unsigned char)*e))
            e++;
        if (e - s > 1 && *s == '@' && !head) {
            head = it.n < MAX_ITEMS ? (uint16_t)(it.n + 1) : 0;
            s++;
        }
        if (e > s) {
            int rc = parse_piece(d, s, (size_t)(e - s), &it, &err);
            if (rc == RL_ENOMEM) { items_release(&it); return RL_ENOMEM; }
            if (rc) goto bad;
        }
        s = e;
    }
    if (it.n == 0) { err = "empty pattern"; goto bad; }
    if (it.v[0].type != RL_I_WORD) { err = "a pattern must start with a word"; goto bad; }
    if (it.v[it.n - 1].type == RL_I_GAP) { err = "a pattern cannot end with '*'"; goto bad; }
    if (kind <= RL_P_AGENT) {
        for (uint32_t i = 0; i < it.n; i++)
            if (it.v[i].type != RL_I_WORD) { err = "actor and agent phrases are plain words"; goto bad; }
    }
    if (it.n > 60) { err = "pattern too long"; goto bad; }
    if (GROW(d->pats, d->npats, d->cappats)) { items_release(&it); return RL_ENOMEM; }
    rl_pattern *p = &d->pats[d->npats];
    memset(p, 0, sizeof *p);
    p->kind = (uint8_t)kind;
    p->modal = (uint8_t)modal;
    p->flags = flags;
    memcpy(p->by, by, sizeof p->by);
    p->nitems = (uint16_t)it.n;
    p->items = it.v;
    p->actor = actor;
    /* the head as an index among word items, which is how matches record them */
    for (uint16_t i = 0; head && i + 1 < head; i++)
        p->head += it.v[i].type == RL_I_WORD;
    if (head)
        p->head++;
    rl_strlcpy(p->code, code ? code : "", sizeof p->code);
    p->text = strndup(text, n);
    p->file = file ? intern_file(d, file) : "";
    p->line = line;
    if (!p->text) { items_release(&it); return RL_ENOMEM; }
    d->npats++;
    return RL_OK;
bad:
    items_release(&it);
    rl_error(dg, file, line, "%s in '%.*s%s'", err, (int)(n > 120 ? 120 : n), text,
             n > 120 ? "..." : "");
    return RL_EPARSE;
}

int rl_dict_add_actor(rl_dict *d, const char *code, int person, const char *name, uint32_t *idx)
{
    if (GROW(d->actors, d->nactors, d->capactors))
        return RL_ENOMEM;
    rl_actor *a = &d->actors[d->nactors];
    memset(a, 0, sizeof *a);
    rl_strlcpy(a->code, code ? code : "", sizeof a->code);
    a->person = person;
    a->name = strdup(name ? name : "");
    if (!a->name)
        return RL_ENOMEM;
    *idx = d->nactors++;
    return RL_OK;
}

int rl_dict_add_role(rl_dict *d, uint32_t idx, const char *code, rl_day from, rl_day to,
                     const char *desc)
{
    rl_actor *a = &d->actors[idx];
    rl_role *r = realloc(a->roles, (a->nroles + 1) * sizeof *r);
    if (!r)
        return RL_ENOMEM;
    a->roles = r;
    rl_role *x = &r[a->nroles];
    rl_strlcpy(x->code, code, sizeof x->code);
    size_t cn = (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "MNC", 3)) ? 6 : 3;
    rl_strlcpy(x->bare, code, cn + 1 < sizeof x->bare ? cn + 1 : sizeof x->bare);
    x->from = from;
    x->to = to;
    x->desc = strdup(desc ? desc : "");
    if (!x->desc)
        return RL_ENOMEM;
    a->nroles++;
    return RL_OK;
}

/* ---- line reading ---- */

/* Reads the next line into *buf, strips the comment and trailing space.
 * Returns length, or -1 at EOF. Very long lines are truncated (reported). */
static long next_line(FILE *f, char **buf, size_t *cap, int *lineno)
{
    ssize_t r = getline(buf, cap, f);
    if (r < 0)
        return -1;
    (*lineno)++;
    char *s = *buf;
    char *hash = strchr(s, '#');
    if (hash)
        *hash = '\0';
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return (long)n;
}

static int valid_code(const char *s, size_t n)
{
    if (n < 3 || n > 15)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '-')
            return 0;
    return 1;
}

/* Splits "CODE  a; b; c" and calls add for each phrase. */
static int add_phrases(rl_dict *d, int kind, const char *code, int modal, uint32_t actor,
                       char *rest, const char *file, int line, rl_diag *dg, unsigned *bad)
{
    char *save = NULL;
    for (char *ph = strtok_r(rest, ";", &save); ph; ph = strtok_r(NULL, ";", &save)) {
        while (isspace((unsigned char)*ph))
            ph++;
        if (!*ph)
            continue;
        int rc = rl_dict_add_pattern(d, kind, code, modal, actor, ph, file, line, dg);
        if (rc == RL_ENOMEM)
            return rc;
        if (rc)
            (*bad)++;
    }
    return RL_OK;
}

static FILE *open_dict(const char *path, rl_diag *dg)
{
    FILE *f = fopen(path, "r");
    if (!f)
        rl_error(dg, path, 0, "cannot open dictionary");
    return f;
}

int rl_dict_load_actors(rl_dict *d, const char *path, rl_diag *dg)
{
    FILE *f = open_dict(path, dg);
    if (!f)
        return RL_EIO;
    const char *file = intern_file(d, path);
    char *buf = NULL;
    size_t cap = 0;
    int line = 0, rc = RL_OK;
    long n;
    unsigned bad = 0;
    int64_t person = -1;
    while (rc != RL_ENOMEM && (n = next_line(f, &buf, &cap, &line)) >= 0) {
        if (n == 0)
            continue;
        char *s = buf;
        if (isspace((unsigned char)*s)) {
            /* role line under a person */
            while (isspace((unsigned char)*s))
                s++;
            char *code = s;
            while (*s && !isspace((unsigned char)*s))
                s++;
            size_t cl = (size_t)(s - code);
            while (isspace((unsigned char)*s))
                s++;
            char *range = s;
            while (*s && !isspace((unsigned char)*s))
                s++;
            size_t rlen = (size_t)(s - range);
            while (isspace((unsigned char)*s))
                s++;
            char *dots = rlen ? strstr(range, "..") : NULL;
            if (person < 0) {
                rl_error(dg, file, line, "role line outside a person entry");
                bad++;
                continue;
            }
            if (!valid_code(code, cl) || !dots || dots > range + rlen) {
                rl_error(dg, file, line, "role line must be 'CODE FROM..TO description'");
                bad++;
                continue;
            }
            code[cl] = '\0';
            size_t fl = (size_t)(dots - range), tl = rlen - fl - 2;
            rl_day from = fl ? rl_date_parse_iso(range, fl, 0) : RL_NODATE;
            rl_day to = tl ? rl_date_parse_iso(dots + 2, tl, 1) : RL_NODATE;
            if ((fl && from == RL_NODATE) || (tl && to == RL_NODATE) ||
                (from != RL_NODATE && to != RL_NODATE && to < from)) {
                rl_error(dg, file, line, "bad date range '%.*s'", (int)rlen, range);
                bad++;
                continue;
            }
            rc = rl_dict_add_role(d, (uint32_t)person, code, from, to, s);
            continue;
        }
        if (*s == '+' || *s == '=') {
            /* "+ person" or "= group" whose code changed with time; role lines follow */
            int group = *s == '=';
            s++;
            while (isspace((unsigned char)*s))
                s++;
            if (!*s) {
                rl_error(dg, file, line, group ? "dated group entry without names" : "person entry without names");
                bad++;
                person = -1;
                continue;
            }
            char name[128];
            size_t nl = strcspn(s, ";");
            snprintf(name, sizeof name, "%.*s", (int)(nl < 127 ? nl : 127), s);
            uint32_t idx;
            if ((rc = rl_dict_add_actor(d, "", !group, name, &idx)))
                break;
            d->actors[idx].dated = group;
            person = idx;
            rc = add_phrases(d, RL_P_ACTOR, "", 0, idx, s, file, line, dg, &bad);
            continue;
        }
        person = -1;
        char *code = s;
        while (*s && !isspace((unsigned char)*s))
            s++;
        size_t cl = (size_t)(s - code);
        if (!valid_code(code, cl) || !*s) {
            rl_error(dg, file, line, "expected 'CODE  phrase; phrase', '+ person' or '= group'");
            bad++;
            continue;
        }
        *s++ = '\0';
        char name[128];
        while (isspace((unsigned char)*s))
            s++;
        size_t nl = strcspn(s, ";");
        snprintf(name, sizeof name, "%.*s", (int)(nl < 127 ? nl : 127), s);
        uint32_t idx;
        if ((rc = rl_dict_add_actor(d, code, 0, name, &idx)))
            break;
        rc = add_phrases(d, RL_P_ACTOR, code, 0, idx, s, file, line, dg, &bad);
    }
    free(buf);
    fclose(f);
    /* persons without roles cannot be coded */
    for (uint32_t i = 0; i < d->nactors; i++)
        if ((d->actors[i].person || d->actors[i].dated) && d->actors[i].nroles == 0 &&
            d->actors[i].code[0] == '\0') {
            rl_warn(dg, file, 0, "%s '%s' has no role line", d->actors[i].person ? "person" : "group",
                    d->actors[i].name);
            strcpy(d->actors[i].code, "---");
        }
    return rc;
}

static int valid_cameo(const rl_dict *d, const char *c, size_t n)
{
    if (n < 2 || n > 4)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)c[i]))
            return 0;
    if (d->ncameo) {
        char tmp[8];
        snprintf(tmp, sizeof tmp, "%.*s", (int)n, c);
        return rl_dict_cameo(d, tmp) != NULL;
    }
    return 1;
}

/* The three "KEY  phrase; phrase" files: agents (KEY a role suffix), verbs (a
 * CAMEO code) and modals (a modal class). Bad keys are reported and skipped. */
static int load_keyed(rl_dict *d, const char *path, int kind, rl_diag *dg)
{
    FILE *f = open_dict(path, dg);
    if (!f)
        return RL_EIO;
    const char *file = intern_file(d, path);
    char *buf = NULL;
    size_t cap = 0;
    int line = 0, rc = RL_OK;
    long n;
    unsigned bad = 0;
    while (rc != RL_ENOMEM && (n = next_line(f, &buf, &cap, &line)) >= 0) {
        if (n == 0)
            continue;
        char *s = buf, *key = buf;
        while (*s && !isspace((unsigned char)*s))
            s++;
        size_t kl = (size_t)(s - key);
        int modal = RL_M_NONE, ok = *s != '\0';
        if (kind == RL_P_AGENT) {
            ok = ok && kl == 3 && valid_code(key, kl);
            if (!ok)
                rl_error(dg, file, line, "expected 'SUFFIX  phrase; phrase' with a 3-letter suffix");
        } else if (kind == RL_P_VERB) {
            ok = ok && valid_cameo(d, key, kl);
            if (!ok)
                rl_error(dg, file, line, "unknown CAMEO code '%.*s'", (int)kl, key);
        } else {
            for (int k = 1; k < RL_M_COUNT; k++)
                if (strlen(modal_names[k]) == kl && strncmp(key, modal_names[k], kl) == 0)
                    modal = k;
            ok = ok && modal != RL_M_NONE;
            if (!ok)
                rl_error(dg, file, line, "unknown modal class '%.*s'", (int)kl, key);
            /* the discard class is vocabulary (sport), left out with our verbs */
            if (ok && modal == RL_M_DISCARD && !(d->parts & RL_DL_DISCARDS))
                continue;
        }
        if (!ok)
            continue;
        *s++ = '\0';
        rc = add_phrases(d, kind, kind == RL_P_MODAL ? "" : key, modal, 0, s, file, line, dg, &bad);
    }
    free(buf);
    fclose(f);
    return rc;
}

int rl_dict_load_agents(rl_dict *d, const char *path, rl_diag *dg)
{
    return load_keyed(d, path, RL_P_AGENT, dg);
}

int rl_dict_load_verbs(rl_dict *d, const char *path, rl_diag *dg)
{
    return load_keyed(d, path, RL_P_VERB, dg);
}

int rl_dict_load_modals(rl_dict *d, const char *path, rl_diag *dg)
{
    return load_keyed(d, path, RL_P_MODAL, dg);
}

int rl_dict_load_modal_codes(rl_dict *d, const char *path, rl_diag *dg)
{
    FILE *f = open_dict(path, dg);
    if (!f)
        return RL_EIO;
    const char *file = intern_file(d, path);
    char *buf = NULL;
    size_t cap = 0;
    int line = 0, rc = RL_OK;
    long n;
    while ((n = next_line(f, &buf, &cap, &line)) >= 0) {
        if (n == 0)
            continue;
        char *f5[6] = {0};
        int nf = 0;
        char *save = NULL;
        for (char *t = strtok_r(buf, " \t", &save); t && nf < 6; t = strtok_r(NULL, " \t", &save))
            f5[nf++] = t;
        if (nf != 5) {
            rl_error(dg, file, line, "expected 5 columns: ACTION APPEAL INTENT DEMAND THREAT");
            continue;
        }
        int ok = valid_cameo(d, f5[0], strlen(f5[0]));
        for (int k = 1; k < 5 && ok; k++)
            if (strcmp(f5[k], "-") != 0 && !valid_cameo(d, f5[k], strlen(f5[k])))
                ok = 0;
        if (!ok) {
            rl_error(dg, file, line, "unknown CAMEO code in row");
            continue;
        }
        if (GROW(d->mrows, d->nmrows, d->capmrows)) { rc = RL_ENOMEM; break; }
        rl_modal_row *r = &d->mrows[d->nmrows++];
        rl_strlcpy(r->code, f5[0], sizeof r->code);
        for (int k = 0; k < 4; k++)
            rl_strlcpy(r->to[k], strcmp(f5[k + 1], "-") ? f5[k + 1] : "", sizeof r->to[k]);
    }
    free(buf);
    fclose(f);
    return rc;
}

static int cmp_cameo(const void *a, const void *b)
{
    return strcmp(((const rl_cameo *)a)->code, ((const rl_cameo *)b)->code);
}

int rl_dict_load_cameo(rl_dict *d, const char *path, rl_diag *dg)
{
    FILE *f = open_dict(path, dg);
    if (!f)
        return RL_EIO;
    const char *file = intern_file(d, path);
    char *buf = NULL;
    size_t cap = 0;
    int line = 0, rc = RL_OK;
    long n;
    while ((n = next_line(f, &buf, &cap, &line)) >= 0) {
        if (n == 0)
            continue;
        char *col[4] = {0};
        int nc = 0;
        char *s = buf;
        col[nc++] = s;
        while (*s && nc < 4) {
            if (*s == '\t') {
                *s = '\0';
                col[nc++] = s + 1;
            }
            s++;
        }
        char *end = NULL;
        double g = nc == 4 ? strtod(col[1], &end) : 0;
        if (nc != 4 || !end || *end || g < -10 || g > 10 || strlen(col[0]) < 2 || strlen(col[0]) > 4) {
            rl_error(dg, file, line, "expected CODE<TAB>GOLDSTEIN<TAB>PLOVER<TAB>NAME");
            continue;
        }
        if (GROW(d->cameo, d->ncameo, d->capcameo)) { rc = RL_ENOMEM; break; }
        rl_cameo *c = &d->cameo[d->ncameo];
        rl_strlcpy(c->code, col[0], sizeof c->code);
        c->goldstein = (float)g;
        rl_strlcpy(c->plover, col[2], sizeof c->plover);
        c->plover_mode[0] = c->plover_context[0] = '\0';
        c->name = strdup(col[3]);
        if (!c->name) { rc = RL_ENOMEM; break; }
        d->ncameo++;
    }
    free(buf);
    fclose(f);
    if (d->ncameo)
        qsort(d->cameo, d->ncameo, sizeof *d->cameo, cmp_cameo);
    return rc;
}

int rl_dict_load_iso(rl_dict *d, const char *path, rl_diag *dg)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) {
        rl_warn(dg, path, err.line, "cannot read ISO 3166 names: %s", err.text);
        return RL_EIO;
    }
    json_t *arr = json_object_get(root, "3166-1");
    const char *file = intern_file(d, path);
    size_t i;
    json_t *e;
    int rc = RL_OK;
    json_array_foreach(arr, i, e) {
        const char *a3 = json_string_value(json_object_get(e, "alpha_3"));
        if (!a3 || strlen(a3) != 3)
            continue;
        const char *keys[] = {"name", "official_name", "common_name"};
        uint32_t idx = 0;
        int made = 0;
        for (int k = 0; k < 3 && rc != RL_ENOMEM; k++) {
            const char *nm = json_string_value(json_object_get(e, keys[k]));
            if (!nm)
                continue;
            /* "Korea, Republic of" and "Iran, Islamic Republic of" style names are
             * not how news writes them; our countries.txt has the usual forms */
            if (strchr(nm, ',') || strchr(nm, '('))
                continue;
            if (!made) {
                if ((rc = rl_dict_add_actor(d, a3, 0, nm, &idx)))
                    break;
                made = 1;
            }
            rc = rl_dict_add_pattern(d, RL_P_ACTOR, a3, 0, idx, nm, file, (int)i + 1, dg);
            if (rc == RL_EPARSE)
                rc = RL_OK;
        }
    }
    json_decref(root);
    return rc == RL_ENOMEM ? rc : RL_OK;
}

typedef struct plover_row {
    char code[8], type[16], mode[24], context[48];
} plover_row;

static int cmp_plover(const void *a, const void *b)
{
    return strcmp(((const plover_row *)a)->code, ((const plover_row *)b)->code);
}

/* splits a line at tabs into at most max columns; returns how many */
static int split_tabs(char *s, char **col, int max)
{
    int nc = 0;
    col[nc++] = s;
    for (; *s && nc < max; s++)
        if (*s == '\t') {
            *s = '\0';
            col[nc++] = s + 1;
        }
    return nc;
}

/* the rows of the CAMEO table get the PLOVER row of their longest prefix */
static void apply_plover(rl_dict *d, const plover_row *rows, size_t n)
{
    for (size_t i = 0; i < d->ncameo; i++) {
        rl_cameo *c = &d->cameo[i];
        plover_row key;
        const plover_row *r = NULL;
        for (size_t l = strlen(c->code); !r && l >= 2; l--) {
            memcpy(key.code, c->code, l);
            key.code[l] = '\0';
            r = n ? bsearch(&key, rows, n, sizeof *rows, cmp_plover) : NULL;
        }
        if (!r)
            continue;
        rl_strlcpy(c->plover, r->type, sizeof c->plover);
        rl_strlcpy(c->plover_mode, r->mode, sizeof c->plover_mode);
        rl_strlcpy(c->plover_context, r->context, sizeof c->plover_context);
    }
}

int rl_dict_load_plover(rl_dict *d, const char *path, rl_diag *dg)
{
    FILE *f = open_dict(path, dg);
    if (!f)
        return RL_EIO;
    const char *file = intern_file(d, path);
    char *buf = NULL;
    size_t cap = 0, nrows = 0, caprows = 0;
    plover_row *rows = NULL;
    int line = 0, rc = RL_OK;
    long n;
    while ((n = next_line(f, &buf, &cap, &line)) >= 0) {
        if (n == 0)
            continue;
        char *col[4] = {0};
        int nc = split_tabs(buf, col, 4);
        size_t cl = strlen(col[0]);
        if (nc != 4 || cl < 2 || cl > 4 || strspn(col[0], "0123456789") != cl || !col[1][0]) {
            rl_error(dg, file, line, "expected CODE<TAB>TYPE<TAB>MODE<TAB>CONTEXT");
            continue;
        }
        if (GROW(rows, nrows, caprows)) { rc = RL_ENOMEM; break; }
        plover_row *r = &rows[nrows++];
        rl_strlcpy(r->code, col[0], sizeof r->code);
        rl_strlcpy(r->type, col[1], sizeof r->type);
        rl_strlcpy(r->mode, strcmp(col[2], "-") ? col[2] : "", sizeof r->mode);
        rl_strlcpy(r->context, strcmp(col[3], "-") ? col[3] : "", sizeof r->context);
    }
    free(buf);
    fclose(f);
    if (rc == RL_OK) {
        if (nrows)
            qsort(rows, nrows, sizeof *rows, cmp_plover);
        apply_plover(d, rows, nrows);
    }
    free(rows);
    return rc;
}

/* ---- index ---- */

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/* The index entry of pattern p (number i): its filters, read off its items. */
static rl_cand cand_of(const rl_pattern *p, uint32_t i)
{
    rl_cand c = {.pat = i, .nitems = p->nitems, .flags = p->flags, .kind = p->kind, .head = p->head};
    if (p->nitems > 0) {
        c.lemma = p->items[0].nalt ? p->items[0].alt[0] : 0;
        c.inflected = p->items[0].nalt > 1;
    }
    if (p->nitems > 1 && p->items[1].type == RL_I_WORD && p->items[1].nalt == 1 && !p->items[1].exact)
        c.next = p->items[1].alt[0];
    for (uint16_t k = 1; k < p->nitems; k++)
        if (p->items[k].type == RL_I_WORD && p->items[k].nalt == 1)
            c.need |= rl_word_bit(p->items[k].alt[0]);
    return c;
}

int rl_dict_finish(rl_dict *d)
{
    for (uint32_t i = 0; i < d->npats; i++)
        for (uint16_t k = 0; k < d->pats[i].nitems; k++) {
            rl_item *it = &d->pats[i].items[k];
            if (it->nalt > RL_ALT_SORTED)
                qsort(it->alt + 1, it->nalt - 1, sizeof *it->alt, cmp_u32);
        }
    const rl_fword *fw = rl_fwords();
    for (int i = 0; fw[i].word; i++)
        if (!rl_lex_intern(d->lex, fw[i].word, strlen(fw[i].word)))
            return RL_ENOMEM;
    uint32_t nw = rl_lex_count(d->lex) + 1;
    free(d->wclass);
    d->wclass = calloc(nw, sizeof *d->wclass);
    if (!d->wclass)
        return RL_ENOMEM;
    for (int i = 0; fw[i].word; i++)
        d->wclass[rl_lex_find(d->lex, fw[i].word, strlen(fw[i].word))] |= fw[i].mask;
    for (int c = 0; c < 2; c++) {
        free(d->idx_off[c]);
        free(d->idx_ent[c]);
        d->idx_off[c] = calloc(nw + 1, sizeof(uint32_t));
        if (!d->idx_off[c])
            return RL_ENOMEM;
    }
    d->idx_words = nw;
    for (uint32_t i = 0; i < d->npats; i++) {
        int c = d->pats[i].kind >= RL_P_VERB;
        const rl_item *it = &d->pats[i].items[0];
        for (uint16_t k = 0; k < it->nalt; k++)
            d->idx_off[c][it->alt[k] + 1]++;
    }
    for (int c = 0; c < 2; c++) {
        for (uint32_t w = 0; w < nw; w++)
            d->idx_off[c][w + 1] += d->idx_off[c][w];
        d->idx_ent[c] = malloc((d->idx_off[c][nw] + 1) * sizeof(rl_cand));
        if (!d->idx_ent[c])
            return RL_ENOMEM;
    }
    uint32_t *fill[2];
    for (int c = 0; c < 2; c++) {
        fill[c] = malloc(nw * sizeof(uint32_t));
        if (!fill[c]) {
            free(fill[0]);
            return RL_ENOMEM;
        }
        memcpy(fill[c], d->idx_off[c], nw * sizeof(uint32_t));
    }
    for (uint32_t i = 0; i < d->npats; i++) {
        int c = d->pats[i].kind >= RL_P_VERB;
        const rl_item *it = &d->pats[i].items[0];
        rl_cand cand = cand_of(&d->pats[i], i);
        for (uint16_t k = 0; k < it->nalt; k++)
            d->idx_ent[c][fill[c][it->alt[k]]++] = cand;
    }
    free(fill[0]);
    free(fill[1]);
    return RL_OK;
}

static int load_optional(int rc, int *fatal)
{
    if (rc == RL_ENOMEM)
        *fatal = RL_ENOMEM;
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int rl_dict_load_dir(rl_dict *d, const char *dir, rl_diag *dg)
{
    int rc = rl_dict_load_parts(d, dir, RL_DL_ALL, dg);
    return rc ? rc : rl_dict_finish(d);
}

/* The gazetteer of dir/places/ (optional: no folder, no locations). With our
 * actors loaded, its country codes are checked against theirs. */
static int load_places(rl_dict *d, const char *dir, rl_diag *dg)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/places", dir);
    rl_places *p = rl_places_new();
    if (!p)
        return RL_ENOMEM;
    for (int w = 0; w < RL_PCUE_COUNT; w++) {
        size_t n;
        const char *const *cue = rl_places_cue_words(w, &n);
        for (size_t i = 0; i < n; i++)
            if (!rl_lex_intern(d->lex, cue[i], strlen(cue[i]))) {
                rl_places_free(p);
                return RL_ENOMEM;
            }
    }
    int rc = rl_places_load_dir(p, path, dg);
    if (rc == RL_EIO) {
        rl_places_free(p);
        return RL_OK;
    }
    uint8_t *valid = NULL;
    if (rc == RL_OK && (d->parts & RL_DL_ACTORS)) {
        if (!(valid = calloc(RL_PLACES_NCODES, 1)))
            rc = RL_ENOMEM;
        for (uint32_t i = 0; valid && i < d->nactors; i++)
            if (!d->actors[i].person && strlen(d->actors[i].code) == 3 && rl_places_code3(d->actors[i].code) >= 0)
                valid[rl_places_code3(d->actors[i].code)] = 1;
    }
    if (rc == RL_OK)
        rc = rl_places_finish(p, valid, dg);
    free(valid);
    if (rc) {
        rl_places_free(p);
        return rc;
    }
    rl_places_free(d->places);
    d->places = p;
    return RL_OK;
}

const rl_places *rl_dict_places(const rl_dict *d) { return d->places; }

int rl_dict_load_parts(rl_dict *d, const char *dir, unsigned parts, rl_diag *dg)
{
    char path[2048];
    int fatal = RL_OK;
    d->parts = parts;
    if (!d->morph) {
        d->morph = rl_morph_new(getenv("REDLINE_WORDNET"), dg);
        if (!d->morph)
            return RL_ENOMEM;
    }
    snprintf(path, sizeof path, "%s/cameo.tsv", dir);
    if (load_optional(rl_dict_load_cameo(d, path, dg), &fatal) == RL_EIO)
        return RL_EIO;
    snprintf(path, sizeof path, "%s/plover.tsv", dir);
    if (access(path, F_OK) == 0) /* optional: cameo.tsv has the PLOVER types */
        load_optional(rl_dict_load_plover(d, path, dg), &fatal);
    const char *iso = getenv("REDLINE_ISO3166");
    if (parts & RL_DL_ACTORS)
        load_optional(rl_dict_load_iso(d, iso ? iso : "/usr/share/iso-codes/json/iso_3166-1.json", dg), &fatal);
    snprintf(path, sizeof path, "%s/actors", dir);
    DIR *dh = (parts & RL_DL_ACTORS) ? opendir(path) : NULL;
    if (!dh && (parts & RL_DL_ACTORS)) {
        rl_error(dg, path, 0, "cannot open actor folder");
        return RL_EIO;
    }
    char **names = NULL;
    size_t nn = 0;
    struct dirent *de;
    while (dh && (de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
            char **v = realloc(names, (nn + 1) * sizeof *v);
            if (!v) { fatal = RL_ENOMEM; break; }
            names = v;
            names[nn] = strdup(de->d_name);
            if (!names[nn]) { fatal = RL_ENOMEM; break; }
            nn++;
        }
    }
    if (dh)
        closedir(dh);
    if (nn)
        qsort(names, nn, sizeof *names, cmp_str);
    for (size_t i = 0; i < nn; i++) {
        snprintf(path, sizeof path, "%s/actors/%s", dir, names[i]);
        if (!fatal)
            load_optional(rl_dict_load_actors(d, path, dg), &fatal);
        free(names[i]);
    }
    free(names);
    if (fatal)
        return fatal;
    struct { const char *name; int (*fn)(rl_dict *, const char *, rl_diag *); unsigned part; } files[] = {
        {"agents.txt", rl_dict_load_agents, RL_DL_AGENTS},
        {"modal-codes.txt", rl_dict_load_modal_codes, RL_DL_MODALS},
        {"modals.txt", rl_dict_load_modals, RL_DL_MODALS},
        {"verbs.txt", rl_dict_load_verbs, RL_DL_VERBS},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (!(files[i].part & parts))
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, files[i].name);
        int rc = files[i].fn(d, path, dg);
        if (rc == RL_ENOMEM)
            return rc;
        if (rc == RL_EIO)
            return RL_EIO;
    }
    return parts ? load_places(d, dir, dg) : RL_OK;
}

/* ---- queries ---- */

const rl_lex *rl_dict_lex(const rl_dict *d) { return d->lex; }

uint32_t rl_dict_wclass(const rl_dict *d, uint32_t w)
{
    return (d->wclass && w < d->idx_words) ? d->wclass[w] : 0;
}
const rl_pattern *rl_dict_pattern(const rl_dict *d, uint32_t i) { return &d->pats[i]; }
uint32_t rl_dict_npatterns(const rl_dict *d) { return d->npats; }
const rl_actor *rl_dict_actor(const rl_dict *d, uint32_t i) { return &d->actors[i]; }

const rl_cand *rl_dict_starting(const rl_dict *d, int verbs, uint32_t w, uint32_t *n)
{
    int c = verbs ? 1 : 0;
    if (!d->idx_off[c] || w == 0 || w >= d->idx_words) {
        *n = 0;
        return NULL;
    }
    *n = d->idx_off[c][w + 1] - d->idx_off[c][w];
    return d->idx_ent[c] + d->idx_off[c][w];
}

const char *rl_dict_actor_code(const rl_dict *d, uint32_t i, rl_day when, const char **role)
{
    const rl_actor *a = &d->actors[i];
    if (role)
        *role = NULL;
    if ((!a->person && !a->dated) || a->nroles == 0)
        return a->code;
    const rl_role *best = NULL, *before = NULL, *first = &a->roles[0];
    for (uint32_t k = 0; k < a->nroles; k++) {
        const rl_role *r = &a->roles[k];
        if (r->from != RL_NODATE && (first->from == RL_NODATE || r->from < first->from))
            first = r;
        if (when == RL_NODATE) {
            if (r->to == RL_NODATE)
                best = r;
            continue;
        }
        int after_start = r->from == RL_NODATE || when >= r->from;
        int before_end = r->to == RL_NODATE || when <= r->to;
        if (after_start && before_end)
            best = r;
        else if (r->to != RL_NODATE && r->to < when && (!before || r->to > before->to))
            before = r;
    }
    const rl_role *r = best ? best : before ? before : first;
    if (role)
        *role = r->desc;
    /* a group keeps its nearest code; a person out of office is the country */
    return best || when == RL_NODATE || a->dated ? r->code : r->bare;
}

const rl_cameo *rl_dict_cameo(const rl_dict *d, const char *code)
{
    rl_cameo key;
    rl_strlcpy(key.code, code, sizeof key.code);
    return d->ncameo ? bsearch(&key, d->cameo, d->ncameo, sizeof key, cmp_cameo) : NULL;
}

const char *rl_dict_modal_code(const rl_dict *d, const char *action, int which)
{
    char pre[8];
    rl_strlcpy(pre, action, sizeof pre);
    for (size_t l = strlen(pre); l >= 2; l--) {
        pre[l] = '\0';
        for (uint32_t i = 0; i < d->nmrows; i++)
            if (strcmp(d->mrows[i].code, pre) == 0 && d->mrows[i].to[which][0])
                return d->mrows[i].to[which];
    }
    return NULL;
}

void rl_dict_counts(const rl_dict *d, uint32_t *actors, uint32_t *persons, uint32_t *agents,
                    uint32_t *verbs, uint32_t *modals)
{
    *actors = d->nactors;
    *persons = 0;
    for (uint32_t i = 0; i < d->nactors; i++)
        *persons += d->actors[i].person;
    *agents = *verbs = *modals = 0;
    for (uint32_t i = 0; i < d->npats; i++) {
        *agents += d->pats[i].kind == RL_P_AGENT;
        *verbs += d->pats[i].kind == RL_P_VERB;
        *modals += d->pats[i].kind == RL_P_MODAL;
    }
}
