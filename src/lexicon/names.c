/* names.c: human-readable names for actor codes (names.h). Two sorted tables:
 * whole actors (countries, IGOs, NGOs: the prefix of a code) and three-letter
 * parts (roles and sectors: what follows the prefix). Lookups are binary
 * searches, so naming an event costs a few string compares. */
#include "lexicon/names.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct name_row {
    char code[24];
    char *name;
} name_row;

typedef struct name_table {
    name_row *v;
    size_t n, cap;
    int sorted;
} name_table;

struct rl_names {
    name_table whole, part;
};

rl_names *rl_names_new(void)
{
    return calloc(1, sizeof(rl_names));
}

static void table_release(name_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->v[i].name);
    free(t->v);
}

void rl_names_free(rl_names *n)
{
    if (!n)
        return;
    table_release(&n->whole);
    table_release(&n->part);
    free(n);
}

static int row_cmp(const void *a, const void *b)
{
    return strcmp(((const name_row *)a)->code, ((const name_row *)b)->code);
}

static void table_sort(name_table *t)
{
    if (!t->sorted) {
        if (t->n) /* an empty table has no array: qsort(NULL) is undefined */
            qsort(t->v, t->n, sizeof *t->v, row_cmp);
        t->sorted = 1;
    }
}

static name_row *table_find(const name_table *t, const char *code, size_t len)
{
    char key[24];
    if (len >= sizeof key)
        return NULL;
    memcpy(key, code, len);
    key[len] = '\0';
    if (!t->n)
        return NULL;
    if (!t->sorted) {
        for (size_t i = 0; i < t->n; i++)
            if (!strcmp(t->v[i].code, key))
                return &t->v[i];
        return NULL;
    }
    name_row probe;
    memcpy(probe.code, key, len + 1);
    return bsearch(&probe, t->v, t->n, sizeof *t->v, row_cmp);
}

int rl_names_add(rl_names *n, const char *code, const char *name, unsigned flags)
{
    size_t len = strlen(code);
    if (!len || len >= sizeof(((name_row *)0)->code) || !name[0])
        return RL_OK;
    name_table *t = flags & RL_NAMES_PART ? &n->part : &n->whole;
    name_row *r = table_find(t, code, len);
    if (r) {
        if (!(flags & RL_NAMES_REPLACE))
            return RL_OK;
        char *dup = strdup(name);
        if (!dup)
            return RL_ENOMEM;
        free(r->name);
        r->name = dup;
        return RL_OK;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 256;
        name_row *v = realloc(t->v, cap * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        t->v = v;
        t->cap = cap;
    }
    char *dup = strdup(name);
    if (!dup)
        return RL_ENOMEM;
    memcpy(t->v[t->n].code, code, len + 1);
    t->v[t->n++].name = dup;
    t->sorted = 0;
    return RL_OK;
}

/* A dictionary phrase as a name: the pattern marks '=' dropped, words kept;
 * 0 when the phrase holds other pattern syntax. */
static int phrase_name(const char *s, size_t len, char *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 1 < cap; i++) {
        if (s[i] == '=')
            continue;
        if (strchr("@*{}[]<>|+$%^", s[i]))
            return 0;
        out[k++] = s[i];
    }
    while (k && isspace((unsigned char)out[k - 1]))
        k--;
    out[k] = '\0';
    return k > 0;
}

/* which: 0 names.txt (three-letter codes are parts; overriding), 1 countries (bare codes only),
 * 2 IGO/NGO/IMG/MNC codes only; the first line of a code wins. */
static int load_file(rl_names *n, const char *path, int which, rl_diag *dg)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        rl_warn(dg, path, 0, "cannot open for actor names");
        return RL_OK;
    }
    char line[8192], name[256];
    int rc = RL_OK;
    while (rc == RL_OK && fgets(line, sizeof line, f)) {
        char *p = line;
        if (*p == '#' || isspace((unsigned char)*p) || *p == '+')
            continue;
        size_t cl = strcspn(p, " \t\r\n");
        if (cl < 3 || cl >= 24 || !p[cl])
            continue;
        p[cl] = '\0';
        const char *code = p;
        char *ph = p + cl + 1;
        ph += strspn(ph, " \t");
        size_t pl = strcspn(ph, which ? ";#\r\n" : "#\r\n");
        if (which == 1 && cl != 3)
            continue;
        if (which == 2 && strncmp(code, "IGO", 3) && strncmp(code, "NGO", 3) &&
            strncmp(code, "IMG", 3) && strncmp(code, "MNC", 3))
            continue;
        if (phrase_name(ph, pl, name, sizeof name))
            rc = rl_names_add(n, code, name, which ? 0 : cl == 3 ? RL_NAMES_PART | RL_NAMES_REPLACE : RL_NAMES_REPLACE);
    }
    fclose(f);
    return rc;
}

/* ISO 3166-1: the common name ("Iran") else the short name when it has no
 * inversion ("Korea, Republic of" is skipped); never over our names. */
static int load_iso(rl_names *n, const char *path, rl_diag *dg)
{
    json_error_t err;
    json_t *root = json_load_file(path, 0, &err);
    if (!root) {
        rl_warn(dg, path, err.line, "cannot read ISO 3166 names: %s", err.text);
        return RL_OK;
    }
    size_t i;
    json_t *e;
    int rc = RL_OK;
    json_array_foreach(json_object_get(root, "3166-1"), i, e) {
        const char *a3 = json_string_value(json_object_get(e, "alpha_3"));
        const char *nm = json_string_value(json_object_get(e, "common_name"));
        if (!nm)
            nm = json_string_value(json_object_get(e, "name"));
        if (a3 && strlen(a3) == 3 && nm && !strchr(nm, ',') && (rc = rl_names_add(n, a3, nm, 0)))
            break;
    }
    json_decref(root);
    return rc;
}

int rl_names_load_dir(rl_names *n, const char *dir, const char *iso, rl_diag *dg)
{
    static const struct { const char *file; int which; } files[] = {
        {"names.txt", 0}, {"actors/countries.txt", 1}, {"actors/igos.txt", 2},
        {"actors/groups.txt", 2},
    };
    char path[4096];
    int rc = RL_OK;
    for (size_t i = 0; rc == RL_OK && i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i].file);
        rc = load_file(n, path, files[i].which, dg);
    }
    if (rc == RL_OK)
        rc = load_iso(n, iso ? iso : "/usr/share/iso-codes/json/iso_3166-1.json", dg);
    table_sort(&n->whole);
    table_sort(&n->part);
    return rc;
}

static void append(char *buf, size_t cap, size_t *len, const char *s, size_t n)
{
    if (*len + 1 >= cap)
        return;
    if (n > cap - 1 - *len)
        n = cap - 1 - *len;
    memcpy(buf + *len, s, n);
    *len += n;
    buf[*len] = '\0';
}

const char *rl_names_format(const rl_names *n, const char *code, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (!n || !code)
        return buf;
    size_t clen = strlen(code), len = 0, at = 0;
    int named = 0;
    for (size_t k = clen - clen % 3; k >= 3 && !at; k -= 3) {
        const name_row *r = table_find(&n->whole, code, k);
        if (r) {
            append(buf, cap, &len, r->name, strlen(r->name));
            at = k;
            named = 1;
        }
    }
    if (!at && clen >= 3) {
        const name_row *r = table_find(&n->part, code, 3);
        if (r) { /* IGO, NGO, MNC with no organization named */
            append(buf, cap, &len, r->name, strlen(r->name));
            named = 1;
        } else if (strncmp(code, "---", 3))
            append(buf, cap, &len, code, 3);
        at = 3;
    }
    for (int first = 1; at + 3 <= clen; at += 3, first = 0) {
        const name_row *r = table_find(&n->part, code + at, 3);
        if (!r)
            r = table_find(&n->whole, code + at, 3);
        if (len)
            append(buf, cap, &len, first ? ": " : ", ", 2);
        if (r) {
            append(buf, cap, &len, r->name, strlen(r->name));
            named = 1;
        } else
            append(buf, cap, &len, code + at, 3);
    }
    if (at < clen) { /* a tail shorter than three letters */
        append(buf, cap, &len, len ? " " : "", len ? 1 : 0);
        append(buf, cap, &len, code + at, clen - at);
    }
    if (!named)
        buf[0] = '\0';
    return buf;
}
