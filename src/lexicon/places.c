/* places.c: the gazetteer (places.h): reads the .txt files of dict/places/, one place per
 * line, and answers name lookups through an open-addressing hash table over
 * normalized keys. Every name variant of a place is one key; places sharing a
 * key are chained in file order. */
#include "lexicon/places.h"
#include "lexicon/lex.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct pname {
    char *key;             /* normalized, owned */
    uint32_t len;
    uint32_t place;        /* index into places */
    int32_t next;          /* next name with the same key, -1 */
    uint8_t primary;       /* the place's primary name */
    uint8_t rank;          /* 2 primary, 1 written variant, 0 a region's short form */
} pname;

struct rl_places {
    rl_place *v;
    size_t n, cap;
    pname *names;
    size_t nnames, capnames;
    int32_t *table;        /* name index of each chain's head, -1 empty */
    size_t tsize;          /* power of two */
    unsigned max_words;
    char **strs;           /* owned strings: primary names, regions, file names */
    size_t nstrs, capstrs;
    uint8_t has[RL_PLACES_NCODES];
};

static const char *const kind_names[RL_PK_COUNT] = {"capital", "city", "region", "site"};

const char *rl_place_kind_name(int kind)
{
    return kind >= 0 && kind < RL_PK_COUNT ? kind_names[kind] : "?";
}

int rl_place_kind_parse(const char *s)
{
    for (int k = 0; k < RL_PK_COUNT; k++)
        if (!strcmp(s, kind_names[k]))
            return k;
    return -1;
}

int rl_places_code3(const char *c)
{
    if (!c || c[0] < 'A' || c[0] > 'Z' || c[1] < 'A' || c[1] > 'Z' || c[2] < 'A' || c[2] > 'Z')
        return -1;
    return ((c[0] - 'A') * 26 + (c[1] - 'A')) * 26 + (c[2] - 'A');
}

rl_places *rl_places_new(void)
{
    return calloc(1, sizeof(rl_places));
}

void rl_places_free(rl_places *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nnames; i++)
        free(p->names[i].key);
    for (size_t i = 0; i < p->nstrs; i++)
        free(p->strs[i]);
    free(p->names);
    free(p->strs);
    free(p->table);
    free(p->v);
    free(p);
}

/* A copy of s[0..n) owned by p; NULL on allocation failure. */
static char *own(rl_places *p, const char *s, size_t n)
{
    if (p->nstrs == p->capstrs) {
        size_t nc = p->capstrs ? p->capstrs * 2 : 1024;
        char **v = realloc(p->strs, nc * sizeof *v);
        if (!v)
            return NULL;
        p->strs = v;
        p->capstrs = nc;
    }
    char *c = malloc(n + 1);
    if (!c)
        return NULL;
    memcpy(c, s, n);
    c[n] = '\0';
    p->strs[p->nstrs++] = c;
    return c;
}

size_t rl_places_key(const char *s, size_t n, char *out, size_t cap)
{
    char tmp[256];
    size_t m = rl_fold(s, n, tmp, sizeof tmp);
    size_t k = 0;
    int gap = 0;
    for (size_t i = 0; i < m; i++) {
        unsigned char ch = (unsigned char)tmp[i];
        int keep = ch >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (!keep) {
            gap = k > 0;
            continue;
        }
        if (k + 2 >= cap)
            return 0;
        if (gap)
            out[k++] = ' ';
        gap = 0;
        out[k++] = (char)ch;
    }
    if (k < cap)
        out[k] = '\0';
    return k;
}

static int add_name(rl_places *p, const char *s, size_t n, uint32_t place, int rank)
{
    char key[256];
    size_t k = rl_places_key(s, n, key, sizeof key);
    if (!k)
        return RL_EPARSE;
    if (p->nnames == p->capnames) {
        size_t nc = p->capnames ? p->capnames * 2 : 4096;
        pname *v = realloc(p->names, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        p->names = v;
        p->capnames = nc;
    }
    char *c = malloc(k + 1);
    if (!c)
        return RL_ENOMEM;
    memcpy(c, key, k + 1);
    p->names[p->nnames++] = (pname){c, (uint32_t)k, place, -1, (uint8_t)(rank == 2), (uint8_t)rank};
    unsigned words = 1;
    for (size_t i = 0; i < k; i++)
        words += key[i] == ' ';
    if (words > p->max_words)
        p->max_words = words;
    return RL_OK;
}

/* Splits line into exactly six tab-separated fields; 0 if the count differs. */
static int split_fields(char *line, char *f[6])
{
    int k = 0;
    f[k++] = line;
    for (char *s = line; *s; s++)
        if (*s == '\t') {
            if (k == 6)
                return 0;
            *s = '\0';
            f[k++] = s + 1;
        }
    return k == 6;
}

static int parse_coord(const char *s, double lim, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno || !isfinite(v) || v < -lim || v > lim)
        return 0;
    *out = v;
    return 1;
}

/* Designations of first-level regions: a region written "Kharkiv Oblast" is
 * also found as "Kharkiv", "Kharkiv region" and "Kharkiv province". */
static const char *const designations[] = {
    "oblast", "province", "governorate", "state", "region", "prefecture", "district", "county",
    "department", "krai", "kray", "republic", "territory", "division", "emirate", "canton",
    "voivodeship", "municipality", "muhafazah", "wilayah", "vilayet", "raion", "okrug", "autonomous okrug",
};

/* Bases too vague to stand alone: "North Governorate" is never "North". */
static const char *const vague[] = {
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western",
    "capital", "upper", "lower", "middle", "far north", "north east", "north west", "south east",
    "south west", "northeast", "northwest", "southeast", "southwest", "federal", "national",
};

static int is_vague(const char *key, size_t n)
{
    for (size_t i = 0; i < sizeof vague / sizeof vague[0]; i++)
        if (strlen(vague[i]) == n && !memcmp(vague[i], key, n))
            return 1;
    return 0;
}

/* The short forms of a region name (designations above). */
static int add_region_forms(rl_places *p, const char *s, size_t n, uint32_t idx)
{
    char key[256];
    size_t k = rl_places_key(s, n, key, sizeof key);
    for (size_t d = 0; d < sizeof designations / sizeof designations[0]; d++) {
        size_t dl = strlen(designations[d]);
        if (k <= dl + 1 || key[k - dl - 1] != ' ' || memcmp(key + k - dl, designations[d], dl))
            continue;
        size_t base = k - dl - 1;
        if (is_vague(key, base))
            break;
        char form[300];
        int rc = add_name(p, key, base, idx, 0);
        if (rc == RL_ENOMEM)
            return rc;
        const char *tails[] = {" region", " province"};
        for (int t = 0; t < 2; t++) {
            int m = snprintf(form, sizeof form, "%.*s%s", (int)base, key, tails[t]);
            if (strcmp(tails[t] + 1, designations[d]) && (rc = add_name(p, form, (size_t)m, idx, 0)) == RL_ENOMEM)
                return rc;
        }
        break;
    }
    return RL_OK;
}

/* The names field: variants separated by " | ", the first the primary one. */
static int add_names(rl_places *p, char *names, uint32_t idx, const char *file, int line, rl_diag *dg)
{
    int first = 1;
    for (char *s = names; s;) {
        char *bar = strstr(s, " | ");
        size_t n = bar ? (size_t)(bar - s) : strlen(s);
        int rc = add_name(p, s, n, idx, first ? 2 : 1);
        if (rc == RL_ENOMEM)
            return rc;
        if (rc) {
            rl_error(dg, file, line, "empty or overlong place name \"%.*s\"", (int)n, s);
            if (first)
                return RL_EPARSE;
        }
        if (first && !(p->v[idx].name = own(p, s, n)))
            return RL_ENOMEM;
        if (rc == RL_OK && p->v[idx].kind == RL_PK_REGION && add_region_forms(p, s, n, idx) == RL_ENOMEM)
            return RL_ENOMEM;
        first = 0;
        s = bar ? bar + 3 : NULL;
    }
    return RL_OK;
}

/* One data line; RL_EPARSE (reported) drops it. */
static int parse_line(rl_places *p, char *line, const char *file, int ln, rl_diag *dg)
{
    char *f[6];
    if (!split_fields(line, f)) {
        rl_error(dg, file, ln, "expected 6 tab-separated fields: names, country, region, latitude, "
                 "longitude, kind");
        return RL_EPARSE;
    }
    rl_place pl;
    memset(&pl, 0, sizeof pl);
    pl.file = file;
    pl.line = ln;
    if (strlen(f[1]) != 3 || rl_places_code3(f[1]) < 0) {
        rl_error(dg, file, ln, "country \"%s\" is not an ISO 3166-1 alpha-3 code", f[1]);
        return RL_EPARSE;
    }
    memcpy(pl.country, f[1], 4);
    if (!parse_coord(f[3], 90, &pl.lat) || !parse_coord(f[4], 180, &pl.lon)) {
        rl_error(dg, file, ln, "latitude \"%s\" or longitude \"%s\" is not a number in range", f[3], f[4]);
        return RL_EPARSE;
    }
    int kind = rl_place_kind_parse(f[5]);
    if (kind < 0) {
        rl_error(dg, file, ln, "unknown kind \"%s\" (capital, city, region or site)", f[5]);
        return RL_EPARSE;
    }
    pl.kind = (uint8_t)kind;
    if (!(pl.region = own(p, f[2], strcmp(f[2], "-") ? strlen(f[2]) : 0)))
        return RL_ENOMEM;
    if (p->n == p->cap) {
        size_t nc = p->cap ? p->cap * 2 : 2048;
        rl_place *v = realloc(p->v, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        p->v = v;
        p->cap = nc;
    }
    size_t before = p->nnames;
    p->v[p->n] = pl;
    int rc = add_names(p, f[0], (uint32_t)p->n, file, ln, dg);
    if (rc) {
        while (p->nnames > before)
            free(p->names[--p->nnames].key);
        return rc;
    }
    p->has[rl_places_code3(pl.country)] = 1;
    p->n++;
    return RL_OK;
}

int rl_places_load_file(rl_places *p, const char *path, rl_diag *dg)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        rl_error(dg, path, 0, "cannot open gazetteer file: %s", strerror(errno));
        return RL_EIO;
    }
    const char *file = own(p, path, strlen(path));
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int ln = 0, rc = file ? RL_OK : RL_ENOMEM;
    while (rc != RL_ENOMEM && (len = getline(&line, &cap, fp)) >= 0) {
        ln++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len == 0 || line[0] == '#')
            continue;
        rc = parse_line(p, line, file, ln, dg);
    }
    free(line);
    int bad = ferror(fp);
    fclose(fp);
    if (rc == RL_ENOMEM)
        return rc;
    if (bad) {
        rl_error(dg, path, ln, "read error");
        return RL_EIO;
    }
    return RL_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int rl_places_load_dir(rl_places *p, const char *dir, rl_diag *dg)
{
    DIR *dh = opendir(dir);
    if (!dh)
        return RL_EIO;
    char **names = NULL;
    size_t nn = 0;
    int rc = RL_OK;
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (l <= 4 || strcmp(de->d_name + l - 4, ".txt") != 0)
            continue;
        char **v = realloc(names, (nn + 1) * sizeof *v);
        if (!v || !(v[nn] = strdup(de->d_name))) {
            names = v ? v : names;
            rc = RL_ENOMEM;
            break;
        }
        names = v;
        nn++;
    }
    closedir(dh);
    if (nn)
        qsort(names, nn, sizeof *names, cmp_str);
    for (size_t i = 0; i < nn; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if (rc != RL_ENOMEM) {
            int r = rl_places_load_file(p, path, dg);
            if (r == RL_ENOMEM)
                rc = r;
        }
        free(names[i]);
    }
    free(names);
    return rc;
}

/* FNV-1a */
static uint32_t hash_key(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

/* Slot of key in the table: its chain's head, or the empty slot it would take. */
static size_t slot_of(const rl_places *p, const char *key, size_t n)
{
    size_t mask = p->tsize - 1, i = hash_key(key, n) & mask;
    while (p->table[i] >= 0) {
        const pname *x = &p->names[p->table[i]];
        if (x->len == n && !memcmp(x->key, key, n))
            return i;
        i = (i + 1) & mask;
    }
    return i;
}

/* Primary names twice in one country, and unknown country codes. */
static void check_places(const rl_places *p, const uint8_t *valid, rl_diag *dg)
{
    for (size_t i = 0; i < p->nnames; i++) {
        const pname *a = &p->names[i];
        if (!a->primary)
            continue;
        const rl_place *pa = &p->v[a->place];
        if (valid && !valid[rl_places_code3(pa->country)])
            rl_error(dg, pa->file, pa->line, "unknown country code %s", pa->country);
        for (int32_t j = a->next; j >= 0; j = p->names[j].next) {
            const rl_place *pb = &p->v[p->names[j].place];
            if (p->names[j].primary && !strcmp(pa->country, pb->country))
                rl_error(dg, pb->file, pb->line, "\"%s\" is already a place in %s (%s:%d)", pb->name,
                         pb->country, pa->file, pa->line);
        }
    }
}

int rl_places_finish(rl_places *p, const uint8_t *valid, rl_diag *dg)
{
    size_t ts = 1024;
    while (ts < p->nnames * 2)
        ts *= 2;
    free(p->table);
    if (!(p->table = malloc(ts * sizeof *p->table)))
        return RL_ENOMEM;
    p->tsize = ts;
    memset(p->table, 0xff, ts * sizeof *p->table);
    int32_t *tail = malloc(ts * sizeof *tail);
    if (!tail)
        return RL_ENOMEM;
    for (size_t i = 0; i < p->nnames; i++) {
        pname *x = &p->names[i];
        x->next = -1;
        size_t s = slot_of(p, x->key, x->len);
        if (p->table[s] < 0)
            p->table[s] = (int32_t)i;
        else
            p->names[tail[s]].next = (int32_t)i;
        tail[s] = (int32_t)i;
    }
    free(tail);
    check_places(p, valid, dg);
    return RL_OK;
}

const rl_place *rl_places_find(const rl_places *p, const char *key, size_t n, const char *prefer, int *rank)
{
    if (!p || !p->table || !n)
        return NULL;
    int32_t h = p->table[slot_of(p, key, n)];
    int32_t best = -1;
    int bs = -1;
    for (int32_t j = h; j >= 0; j = p->names[j].next) {
        const pname *x = &p->names[j];
        int s = (prefer && !strcmp(p->v[x->place].country, prefer)) * 8 + x->rank * 2 +
                (p->v[x->place].kind == RL_PK_CAPITAL);
        if (s > bs) {
            bs = s;
            best = j;
        }
    }
    if (best >= 0 && rank)
        *rank = p->names[best].rank;
    return best >= 0 ? &p->v[p->names[best].place] : NULL;
}

unsigned rl_places_max_words(const rl_places *p) { return p ? p->max_words : 0; }

int rl_places_has_country(const rl_places *p, const char *code3)
{
    int k = rl_places_code3(code3);
    return p && k >= 0 && p->has[k];
}

static const char *const PREPS[] = {"in", "near", "at", "outside", "around", "across", "inside",
                                    "into", "throughout", "over"};
static const char *const OFHEADS[] = {
    "city", "town", "village", "region", "province", "outskirts", "suburbs", "suburb",
    "district", "capital", "port", "north", "south", "east", "west", "northeast",
    "northwest", "southeast", "southwest", "centre", "center", "heart", "governorate",
    "state", "oblast", "area", "outside", "kilometres", "kilometers", "miles",
};
static const char *const DIRS[] = {"northern", "southern", "eastern", "western", "central",
                                   "northeastern", "northwestern", "southeastern", "southwestern",
                                   "north", "south", "east", "west", "occupied", "besieged",
                                   "embattled", "downtown"};

const char *const *rl_places_cue_words(int which, size_t *n)
{
    switch (which) {
    case RL_PCUE_PREP: *n = sizeof PREPS / sizeof PREPS[0]; return PREPS;
    case RL_PCUE_OFHEAD: *n = sizeof OFHEADS / sizeof OFHEADS[0]; return OFHEADS;
    case RL_PCUE_DIR: *n = sizeof DIRS / sizeof DIRS[0]; return DIRS;
    default: *n = 0; return NULL;
    }
}

size_t rl_places_count(const rl_places *p) { return p ? p->n : 0; }
const rl_place *rl_places_at(const rl_places *p, size_t i) { return &p->v[i]; }
