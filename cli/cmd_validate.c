/* cmd_validate.c: `redline validate FILE.xml`: runs PETRARCH validation
 * records (petrval.h) through the coder and compares the events with the
 * expected EventCoding triples. */
#include "cli.h"
#include "petrarch/rl_petrarch.h"
#include "coder/rl_coder.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage_text =
    "usage: redline validate [options] FILE.xml\n"
    "\n"
    "Codes the text of each PETRARCH validation record (PETR.UnitTest.records.xml)\n"
    "with the dictionaries its <Environment> names (read next to FILE.xml) and\n"
    "compares the events with the record's expected EventCoding triples. A record\n"
    "passes when redline codes exactly the expected set of (source, target, code)\n"
    "triples; one expecting noevents or an error passes when nothing is coded.\n"
    "Prints each failure (id, sentence, expected, got), the pass rate per\n"
    "category, event-level precision and recall, and 'N passed, N failed'.\n"
    "\n"
    "  -q, --quiet             no per-record failures, only the summary\n"
    "  -c, --category CAT      only records of category CAT (repeatable)\n"
    "      --min-pass RATE     exit 1 when the pass rate is below RATE (0 to 1)\n"
    CLI_DICT_HELP
    "                          (--dict replaces the Environment's dictionaries)\n"
    "  -D, --dict-dir DIR      our dictionary folder (CAMEO table; extend mode)\n"
    "\n"
    "Exit status: 0, or 1 when the file or its dictionaries cannot be read or the\n"
    "pass rate is below --min-pass; 2 on usage errors.\n";

typedef struct triple { char s[64], t[64], c[16]; } triple;

typedef struct collect { triple *v; size_t n, cap; } collect;

static int on_event(const rl_story *st, const rl_event *e, const char *sent, size_t n, void *ctx)
{
    (void)st; (void)sent; (void)n;
    collect *c = ctx;
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->v[i].s, e->source) && !strcmp(c->v[i].t, e->target) && !strcmp(c->v[i].c, e->code))
            return 0;
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        triple *v = realloc(c->v, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        c->v = v;
        c->cap = nc;
    }
    triple *t = &c->v[c->n++];
    snprintf(t->s, sizeof t->s, "%s", e->source);
    snprintf(t->t, sizeof t->t, "%s", e->target);
    snprintf(t->c, sizeof t->c, "%s", e->code);
    return 0;
}

typedef struct cat { char name[32]; unsigned pass, total; } cat;

static int wanted(const rl_petr_expect *x, size_t n, const triple *t)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(x[i].source, t->s) && !strcmp(x[i].target, t->t) && !strcmp(x[i].code, t->c))
            return 1;
    return 0;
}

static int coded(const collect *c, const rl_petr_expect *x)
{
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(x->source, c->v[i].s) && !strcmp(x->target, c->v[i].t) && !strcmp(x->code, c->v[i].c))
            return 1;
    return 0;
}

typedef struct vopts {
    cli_dicts dicts;
    const char *cats[16];
    int ncats, quiet;
    double min_pass;            /* -1: none */
    const char *path;
} vopts;

/* Reads the command line into o; returns -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, vopts *o)
{
    static const struct option opts[] = {
        {"quiet", no_argument, 0, 'q'}, {"category", required_argument, 0, 'c'},
        {"min-pass", required_argument, 0, 'm'}, {"dict-dir", required_argument, 0, 'D'},
        CLI_DICT_OPTIONS, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    memset(o, 0, sizeof *o);
    o->min_pass = -1;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "qc:D:h", opts, NULL)) != -1) {
        switch (c) {
        case 'q': o->quiet = 1; break;
        case 'c':
            if (o->ncats == 16) {
                fputs("redline validate: at most 16 categories\n", stderr);
                return RL_EXIT_USAGE;
            }
            o->cats[o->ncats++] = optarg;
            break;
        case 'm': {
            char *end;
            o->min_pass = strtod(optarg, &end);
            if (*end || o->min_pass < 0 || o->min_pass > 1) {
                fprintf(stderr, "redline validate: --min-pass wants a rate from 0 to 1, not '%s'\n", optarg);
                return RL_EXIT_USAGE;
            }
            break;
        }
        case 'D': o->dicts.dir = optarg; break;
        case CLI_OPT_DICT:
        case CLI_OPT_DICT_MODE:
            if (cli_dict_option(&o->dicts, c, optarg))
                return RL_EXIT_USAGE;
            break;
        case 'h': fputs(usage_text, stdout); return RL_EXIT_OK;
        default: fputs(usage_text, stderr); return RL_EXIT_USAGE;
        }
    }
    if (optind + 1 != argc) {
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    o->path = argv[optind];
    return -1;
}

/* Without --dict, the dictionaries the file's <Environment> names. */
static void environment_dicts(vopts *o, const rl_petr_valset *vs)
{
    if (o->dicts.nfiles)
        return;
    for (int i = 0; i < vs->nfiles && i < CLI_MAX_DICTS; i++) {
        o->dicts.files[i] = vs->files[i];
        o->dicts.kinds[i] = vs->kinds[i];
    }
    o->dicts.nfiles = vs->nfiles < CLI_MAX_DICTS ? vs->nfiles : CLI_MAX_DICTS;
    if (!o->dicts.nfiles)
        fprintf(stderr, "%s: warning: no dictionaries in <Environment>; using redline's own\n", o->path);
}

typedef struct tally {
    cat *cv;                    /* per category, vs.n + 1 slots */
    size_t ncv;
    unsigned long pass, fail, tp, fp, fn;
} tally;

static int selected(const vopts *o, const rl_petr_record *r)
{
    int sel = o->ncats == 0;
    for (int k = 0; k < o->ncats; k++)
        sel |= !strcmp(o->cats[k], r->category);
    return sel;
}

/* Scores what was coded for record r; returns whether the record passes. */
static int score_record(const rl_petr_record *r, const collect *got, tally *t)
{
    /* expected triples, duplicates aside */
    size_t want = 0;
    for (size_t k = 0; k < r->nev; k++) {
        int dup = 0;
        for (size_t j = 0; j < k; j++)
            dup |= !strcmp(r->ev[j].source, r->ev[k].source) && !strcmp(r->ev[j].target, r->ev[k].target) &&
                   !strcmp(r->ev[j].code, r->ev[k].code);
        if (dup)
            continue;
        want++;
        if (coded(got, &r->ev[k]))
            t->tp++;
        else
            t->fn++;
    }
    for (size_t k = 0; k < got->n; k++)
        t->fp += !wanted(r->ev, r->nev, &got->v[k]);
    int ok = got->n == want;
    for (size_t k = 0; k < got->n && ok; k++)
        ok = wanted(r->ev, r->nev, &got->v[k]);
    size_t ci = 0;
    while (ci < t->ncv && strcmp(t->cv[ci].name, r->category))
        ci++;
    if (ci == t->ncv)
        snprintf(t->cv[t->ncv++].name, sizeof t->cv->name, "%s", r->category);
    t->cv[ci].total++;
    t->cv[ci].pass += ok;
    t->pass += ok;
    t->fail += !ok;
    return ok;
}

static void print_failure(const char *path, const rl_petr_record *r, const collect *got)
{
    printf("FAIL %s [%s] %s:%ld\n  text: %s\n", r->id, r->category, path, r->line, r->text);
    if (r->error)
        printf("  want: nothing (PETRARCH reports error \"%s\")\n", r->error);
    else if (!r->nev)
        printf("  want: no events\n");
    for (size_t k = 0; k < r->nev; k++)
        printf("  want: %s %s %s\n", r->ev[k].source, r->ev[k].target, r->ev[k].code);
    if (!got->n)
        printf("  got:  no events\n");
    for (size_t k = 0; k < got->n; k++)
        printf("  got:  %s %s %s\n", got->v[k].s, got->v[k].t, got->v[k].c);
}

/* Prints the summary; returns the pass rate. */
static double print_summary(const tally *t)
{
    unsigned long total = t->pass + t->fail;
    printf("\n%-12s %8s %6s\n", "category", "passed", "rate");
    for (size_t i = 0; i < t->ncv; i++)
        printf("%-12s %4u/%-4u %6.3f\n", t->cv[i].name, t->cv[i].pass, t->cv[i].total,
               t->cv[i].total ? (double)t->cv[i].pass / t->cv[i].total : 0);
    double rate = total ? (double)t->pass / (double)total : 0;
    printf("events: precision %.3f, recall %.3f (%lu right, %lu extra, %lu missed)\n",
           t->tp + t->fp ? (double)t->tp / (double)(t->tp + t->fp) : 0,
           t->tp + t->fn ? (double)t->tp / (double)(t->tp + t->fn) : 0, t->tp, t->fp, t->fn);
    printf("pass rate %.3f (%lu of %lu records)\n", rate, t->pass, total);
    printf("%lu passed, %lu failed\n", t->pass, t->fail);
    return rate;
}

/* Codes every selected record and scores it. */
static void run_records(const vopts *o, const rl_petr_valset *vs, rl_pipeline *p, tally *t)
{
    collect got = {NULL, 0, 0};
    for (size_t i = 0; i < vs->n && p && t->cv; i++) {
        const rl_petr_record *r = &vs->v[i];
        if (!selected(o, r))
            continue;
        rl_story s = {r->id, r->date, r->text, strlen(r->text), NULL, NULL, NULL, o->path, r->line};
        got.n = 0;
        if (rl_code_story(p, &s, on_event, &got) == RL_ENOMEM) {
            fputs("redline: out of memory\n", stderr);
            break;
        }
        if (!score_record(r, &got, t) && !o->quiet)
            print_failure(o->path, r, &got);
    }
    free(got.v);
}

int cmd_validate(int argc, char **argv)
{
    vopts o;
    int rc = parse_options(argc, argv, &o);
    if (rc >= 0)
        return rc;
    rl_diag dg = {stderr, 0, 0};
    rl_petr_valset vs;
    rl_petr_valset_init(&vs);
    if (rl_petr_val_load(&vs, o.path, &dg)) {
        rl_petr_valset_release(&vs);
        return RL_EXIT_FAIL;
    }
    environment_dicts(&o, &vs);
    rl_dict *d = cli_load_dicts(&o.dicts, &dg, 0);
    if (!d) {
        rl_petr_valset_release(&vs);
        return RL_EXIT_FAIL;
    }
    rl_pipeline *p = rl_pipeline_new(d, &dg);
    tally t;
    memset(&t, 0, sizeof t);
    t.cv = calloc(vs.n + 1, sizeof *t.cv);
    run_records(&o, &vs, p, &t);
    double rate = print_summary(&t);
    free(t.cv);
    rl_pipeline_free(p);
    rl_dict_free(d);
    rl_petr_valset_release(&vs);
    if (o.min_pass >= 0 && rate < o.min_pass) {
        fprintf(stderr, "redline validate: pass rate %.3f is below %.3f\n", rate, o.min_pass);
        return RL_EXIT_FAIL;
    }
    return RL_EXIT_OK;
}
