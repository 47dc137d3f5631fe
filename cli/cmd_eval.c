/* cmd_eval.c: `redline eval FILE.test...`: precision, recall and F1 against gold. */
#include "cli.h"
#include "base/rl_base.h"
#include "formats/rl_formats.h"
#include "coder/rl_coder.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char *const usage_text =
    "usage: redline eval [-v] [-D DIR] [--stories FILE] GOLD...\n"
    "\n"
    "Codes each gold sentence (tests/gold/dev/README.md format, FILE.test) and prints\n"
    "precision, recall and F1 of (source country, target country, CAMEO root) and of\n"
    "full (source, target, code), and, on the root-level matches, how often the\n"
    "modality and the event date agree with the gold.\n"
    "Real-news gold (FILE.jsonl, docs/annotation.md) names sentences by story id and\n"
    "offsets: the whole stories are coded from --stories and scored the same way,\n"
    "overall and per story, with the share of realized force events (roots 15-20)\n"
    "the gold does not have. Without the story file it says so and skips.\n"
    "\n"
    "      --stories FILE      stories for real-news gold (default\n"
    "                          ../shared/data/news/voa.jsonl)\n"
    "  -v, --verbose           list every miss and false alarm\n"
    "  -s, --strict            test mode: a record passes only when the events are\n"
    "                          exactly the gold ones (code, modality, date); prints\n"
    "                          each failure and 'N passed, N failed'; exit 1 on failure\n"
    "  -D, --dict-dir DIR      dictionary folder\n";

typedef struct collect { rl_events *ev; } collect;

static int on_event(const rl_story *s, const rl_event *e, const char *sent, size_t n, void *ctx)
{
    (void)s; (void)sent; (void)n;
    rl_events *ev = ((collect *)ctx)->ev;
    if (ev->n == ev->cap) {
        size_t nc = ev->cap ? ev->cap * 2 : 16;
        rl_event *v = realloc(ev->v, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        ev->v = v;
        ev->cap = nc;
    }
    ev->v[ev->n++] = *e;
    return 0;
}

/* Test mode: does the record's output equal its gold events (code,
 * modality, date)? Prints the record's wants and gots when not. */
static int strict_record(const rl_gold *g, const rl_events *ev)
{
    int ok = ev->n == g->nev;
    for (size_t k = 0; k < g->nev && ok; k++) {
        int hit = 0;
        for (size_t j = 0; j < ev->n && !hit; j++) {
            const rl_event *x = &ev->v[j];
            const rl_gold_event *ge = &g->ev[k];
            hit = !strcmp(ge->source, x->source) && !strcmp(ge->target, x->target) && !strcmp(ge->code, x->code) &&
                  (ge->modality < 0 || ge->modality == x->modality) && (ge->date == RL_NODATE || ge->date == x->date);
        }
        ok = hit;
    }
    if (ok)
        return 1;
    printf("FAIL %s:%d: %s\n  text: %s\n", g->file, g->line, g->id ? g->id : "", g->text);
    for (size_t k = 0; k < g->nev; k++) {
        char gd[11];
        rl_day_format(g->ev[k].date, gd);
        printf("  want: %s %s %s %s %s\n", g->ev[k].source, g->ev[k].target, g->ev[k].code,
               g->ev[k].modality >= 0 ? rl_modality_name(g->ev[k].modality) : "-", gd);
    }
    for (size_t j = 0; j < ev->n; j++) {
        char ds[11];
        rl_day_format(ev->v[j].date, ds);
        printf("  got:  %s %s %s %s %s\n", ev->v[j].source, ev->v[j].target, ev->v[j].code,
               rl_modality_name(ev->v[j].modality), ds);
    }
    return 0;
}

/* -v: each miss, false event and modality or date disagreement of a record
 * (gh, eh: the matches rl_eval_record found, -1 none). */
static void print_misses(const rl_gold *g, const rl_events *ev, const int *gh, const int *eh)
{
    for (size_t k = 0; k < g->nev; k++)
        if (gh[k] < 0)
            printf("%s:%d: %s: missed %s %s %s: %s\n", g->file, g->line, g->id ? g->id : "", g->ev[k].source,
                   g->ev[k].target, g->ev[k].code, g->text);
    for (size_t k = 0; k < ev->n; k++) {
        const rl_event *x = &ev->v[k];
        char ds[11], gd[11] = "";
        rl_day_format(x->date, ds);
        if (eh[k] < 0) {
            printf("%s:%d: %s: false %s %s %s %s (\"%s\"): %s\n", g->file, g->line, g->id ? g->id : "", x->source,
                   x->target, x->code, rl_modality_name(x->modality), x->evidence, g->text);
            continue;
        }
        const rl_gold_event *ge = &g->ev[eh[k]];
        rl_day_format(ge->date, gd);
        if ((ge->modality >= 0 && ge->modality != x->modality) || (ge->date != RL_NODATE && ge->date != x->date))
            printf("%s:%d: %s: %s %s %s: modality %s/%s date %s/%s (coded/gold)\n", g->file, g->line,
                   g->id ? g->id : "", x->source, x->target, x->code, rl_modality_name(x->modality),
                   ge->modality >= 0 ? rl_modality_name(ge->modality) : "-", ds, gd);
    }
}

int cmd_eval(int argc, char **argv)
{
    static const struct option opts[] = {
        {"verbose", no_argument, 0, 'v'}, {"strict", no_argument, 0, 's'}, {"dict-dir", required_argument, 0, 'D'},
        {"stories", required_argument, 0, 'S'},
        {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    int verbose = 0, strict = 0, c;
    unsigned long rec_pass = 0, rec_fail = 0;
    const char *dict_dir = NULL, *stories = "../shared/data/news/voa.jsonl";
    optind = 1;
    while ((c = getopt_long(argc, argv, "vsD:h", opts, NULL)) != -1) {
        switch (c) {
        case 'v': verbose = 1; break;
        case 's': strict = 1; break;
        case 'D': dict_dir = optarg; break;
        case 'S': stories = optarg; break;
        case 'h': fputs(usage_text, stdout); return RL_EXIT_OK;
        default: fputs(usage_text, stderr); return RL_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    rl_diag dg = {stderr, 0, 0};
    rl_goldset gs;
    rl_goldset_init(&gs);
    rl_newsgold ng;
    rl_newsgold_init(&ng);
    for (int i = optind; i < argc; i++) {
        size_t l = strlen(argv[i]);
        int news = l > 6 && !strcmp(argv[i] + l - 6, ".jsonl");
        if ((news ? rl_newsgold_load(&ng, argv[i], &dg) : rl_gold_load(&gs, argv[i], &dg)) == RL_ENOMEM)
            return RL_EXIT_FAIL;
    }
    rl_dict *d = cli_load_dict(dict_dir, &dg, 0);
    if (!d)
        return RL_EXIT_FAIL;
    if (ng.n) {
        int st = cli_eval_news(&ng, stories, d, verbose);
        rl_newsgold_release(&ng);
        if (!gs.n) {
            rl_dict_free(d);
            rl_goldset_release(&gs);
            return dg.errors ? RL_EXIT_FAIL : st;
        }
    }
    rl_pipeline *p = rl_pipeline_new(d, &dg);
    rl_events ev;
    rl_events_init(&ev);
    rl_eval tot;
    memset(&tot, 0, sizeof tot);
    unsigned long none_total = 0, none_ok = 0;
    for (size_t i = 0; i < gs.n && p; i++) {
        const rl_gold *g = &gs.v[i];
        rl_story s = {g->id, g->date, g->text, strlen(g->text), NULL, NULL, NULL, g->file, g->line};
        ev.n = 0;
        collect cx = {&ev};
        rl_code_story(p, &s, on_event, &cx);
        int *gh = calloc(g->nev + 1, sizeof *gh), *eh = calloc(ev.n + 1, sizeof *eh);
        if (!gh || !eh) {
            free(gh);
            free(eh);
            break;
        }
        rl_eval_record(&tot, g, ev.v, ev.n, gh, eh);
        if (strict) {
            if (strict_record(g, &ev))
                rec_pass++;
            else
                rec_fail++;
        }
        if (g->none) {
            none_total++;
            none_ok += ev.n == 0;
        }
        if (verbose)
            print_misses(g, &ev, gh, eh);
        free(gh);
        free(eh);
    }
    printf("sentences %zu (no-event %lu, of which coded nothing: %lu)\n", gs.n, none_total, none_ok);
    printf("root  (src country, tgt country, root): P %.3f  R %.3f  F1 %.3f  (tp %lu fp %lu fn %lu)\n",
           rl_score_p(&tot.root), rl_score_r(&tot.root), rl_score_f1(&tot.root), tot.root.tp,
           tot.root.fp, tot.root.fn);
    printf("full  (source, target, code):           P %.3f  R %.3f  F1 %.3f  (tp %lu fp %lu fn %lu)\n",
           rl_score_p(&tot.full), rl_score_r(&tot.full), rl_score_f1(&tot.full), tot.full.tp,
           tot.full.fp, tot.full.fn);
    printf("on root matches: modality %lu/%lu (%.3f), event date %lu/%lu (%.3f)\n", tot.modality_ok,
           tot.modality_given, tot.modality_given ? (double)tot.modality_ok / (double)tot.modality_given : 0,
           tot.date_ok, tot.date_given, tot.date_given ? (double)tot.date_ok / (double)tot.date_given : 0);
    /* a malformed block (no event: line, no date) is a failure in test mode:
     * skipped, it would assert nothing */
    if (strict && dg.errors)
        rec_fail += dg.errors;
    if (strict)
        printf("cases: %lu passed, %lu failed\n", rec_pass, rec_fail);
    rl_events_release(&ev);
    rl_pipeline_free(p);
    rl_dict_free(d);
    rl_goldset_release(&gs);
    return strict && rec_fail ? RL_EXIT_FAIL : RL_EXIT_OK;
}
