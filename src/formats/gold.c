/* gold.c: gold-annotation reader and event scoring. */
#include "formats/gold.h"
#include "base/day.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

void rl_goldset_init(rl_goldset *g) { memset(g, 0, sizeof *g); }

void rl_goldset_release(rl_goldset *g)
{
    for (size_t i = 0; i < g->n; i++) {
        free(g->v[i].id);
        free(g->v[i].text);
        free(g->v[i].ev);
    }
    free(g->v);
    for (size_t i = 0; i < g->nfiles; i++)
        free(g->files[i]);
    free(g->files);
    rl_goldset_init(g);
}

void rl_gold_country(const char *code, char out[8])
{
    size_t n = (!strncmp(code, "IGO", 3) || !strncmp(code, "NGO", 3) || !strncmp(code, "MNC", 3)) ? 6 : 3;
    snprintf(out, 8, "%.*s", (int)n, code);
}

static int finish(rl_goldset *g, rl_gold *cur, rl_diag *dg)
{
    if (!cur->text && !cur->id && !cur->nev && !cur->none)
        return RL_OK;
    if (!cur->text || cur->date == RL_NODATE || (!cur->nev && !cur->none)) {
        rl_error(dg, cur->file, cur->line, "gold block '%s' needs text:, date: and event: lines; skipped",
                 cur->id ? cur->id : "?");
        free(cur->id);
        free(cur->text);
        free(cur->ev);
        return RL_OK;
    }
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 64;
        rl_gold *v = realloc(g->v, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        g->v = v;
        g->cap = nc;
    }
    g->v[g->n++] = *cur;
    return RL_OK;
}

int rl_gold_load(rl_goldset *g, const char *path, rl_diag *dg)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        rl_error(dg, path, 0, "cannot open");
        return RL_EIO;
    }
    char **fv = realloc(g->files, (g->nfiles + 1) * sizeof *fv);
    if (!fv) {
        fclose(f);
        return RL_ENOMEM;
    }
    g->files = fv;
    char *fname = strdup(path);
    if (!fname) {
        fclose(f);
        return RL_ENOMEM;
    }
    g->files[g->nfiles++] = fname;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int lineno = 0, rc = RL_OK;
    rl_gold cur;
    memset(&cur, 0, sizeof cur);
    cur.date = RL_NODATE;
    cur.file = fname;
    while (rc == RL_OK && (len = getline(&line, &cap, f)) >= 0) {
        lineno++;
        while (len > 0 && isspace((unsigned char)line[len - 1]))
            line[--len] = '\0';
        if (len == 0) {
            rc = finish(g, &cur, dg);
            memset(&cur, 0, sizeof cur);
            cur.date = RL_NODATE;
            cur.file = fname;
            continue;
        }
        if (line[0] == '#')
            continue;
        if (!cur.line)
            cur.line = lineno;
        char *colon = strchr(line, ':');
        if (!colon) {
            rl_warn(dg, path, lineno, "expected 'key: value'");
            continue;
        }
        *colon = '\0';
        char *val = colon + 1;
        while (*val == ' ')
            val++;
        if (!strcmp(line, "id")) {
            free(cur.id);
            cur.id = strdup(val);
        } else if (!strcmp(line, "text")) {
            free(cur.text);
            cur.text = strdup(val);
        } else if (!strcmp(line, "date")) {
            cur.date = rl_day_parse(val);
            if (cur.date == RL_NODATE)
                rl_error(dg, path, lineno, "bad date '%s'", val);
        } else if (!strcmp(line, "event")) {
            if (!strcmp(val, "none")) {
                cur.none = 1;
                continue;
            }
            rl_gold_event e;
            memset(&e, 0, sizeof e);
            char mod[32] = "", date[16] = "";
            int k = sscanf(val, "%23s %23s %7s %31s %15s", e.source, e.target, e.code, mod, date);
            if (k < 3) {
                rl_error(dg, path, lineno, "event line needs SOURCE TARGET CAMEO [MODALITY [DATE]]");
                continue;
            }
            e.modality = k >= 4 ? rl_modality_parse(mod) : -1;
            if (k >= 4 && e.modality < 0)
                rl_error(dg, path, lineno, "unknown modality '%s'", mod);
            e.date = k >= 5 ? rl_day_parse(date) : RL_NODATE;
            if (k >= 5 && e.date == RL_NODATE)
                rl_error(dg, path, lineno, "bad event date '%s'", date);
            rl_gold_event *v = realloc(cur.ev, (cur.nev + 1) * sizeof *v);
            if (!v) {
                rc = RL_ENOMEM;
                break;
            }
            cur.ev = v;
            cur.ev[cur.nev++] = e;
        } else if (strcmp(line, "note") != 0) {
            rl_warn(dg, path, lineno, "unknown key '%s'", line);
        }
    }
    if (rc == RL_OK)
        rc = finish(g, &cur, dg);
    free(line);
    fclose(f);
    return rc;
}

double rl_score_p(const rl_score *s) { return s->tp + s->fp ? (double)s->tp / (double)(s->tp + s->fp) : 0; }
double rl_score_r(const rl_score *s) { return s->tp + s->fn ? (double)s->tp / (double)(s->tp + s->fn) : 0; }
double rl_score_f1(const rl_score *s)
{
    double p = rl_score_p(s), r = rl_score_r(s);
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

static int same_root(const rl_gold_event *g, const rl_event *e)
{
    char a[8], b[8], c[8], d[8];
    rl_gold_country(g->source, a);
    rl_gold_country(e->source, b);
    rl_gold_country(g->target, c);
    rl_gold_country(e->target, d);
    return !strcmp(a, b) && !strcmp(c, d) && !strncmp(g->code, e->code, 2);
}

void rl_eval_record(rl_eval *ev, const rl_gold *g, const rl_event *e, size_t ne,
                    int *gh, int *eh)
{
    /* root level: greedy one-to-one matching */
    for (size_t i = 0; i < g->nev; i++)
        gh[i] = -1;
    for (size_t j = 0; j < ne; j++)
        eh[j] = -1;
    for (size_t i = 0; i < g->nev; i++)
        for (size_t j = 0; j < ne; j++)
            if (eh[j] < 0 && same_root(&g->ev[i], &e[j])) {
                gh[i] = (int)j;
                eh[j] = (int)i;
                break;
            }
    for (size_t i = 0; i < g->nev; i++) {
        if (gh[i] < 0) {
            ev->root.fn++;
            continue;
        }
        ev->root.tp++;
        ev->matched++;
        const rl_event *x = &e[gh[i]];
        if (g->ev[i].modality >= 0) {
            ev->modality_given++;
            ev->modality_ok += x->modality == g->ev[i].modality;
        }
        if (g->ev[i].date != RL_NODATE) {
            ev->date_given++;
            ev->date_ok += x->date == g->ev[i].date;
        }
    }
    for (size_t j = 0; j < ne; j++)
        if (eh[j] < 0)
            ev->root.fp++;
    /* full codes */
    int *used = eh; /* reuse as scratch */
    for (size_t j = 0; j < ne; j++)
        used[j] = 0;
    for (size_t i = 0; i < g->nev; i++) {
        int hit = 0;
        for (size_t j = 0; j < ne && !hit; j++)
            if (!used[j] && !strcmp(g->ev[i].source, e[j].source) &&
                !strcmp(g->ev[i].target, e[j].target) && !strcmp(g->ev[i].code, e[j].code)) {
                used[j] = 1;
                hit = 1;
            }
        if (hit)
            ev->full.tp++;
        else
            ev->full.fn++;
    }
    for (size_t j = 0; j < ne; j++)
        if (!used[j])
            ev->full.fp++;
    /* restore root-level marks for the caller */
    for (size_t j = 0; j < ne; j++)
        eh[j] = -1;
    for (size_t i = 0; i < g->nev; i++)
        if (gh[i] >= 0)
            eh[gh[i]] = (int)i;
}
