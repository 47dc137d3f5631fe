/* eval_news.c: the real-news half of `redline eval`: codes whole stories from
 * a story file (../shared's VOA stories) and scores the events against the
 * gold sentences of tests/realnews (formats/newsgold.h), overall and per
 * story, with the share of realized force events that the gold does not have.
 * Coded sentences are placed on the gold ones by their skeletons. */
#include "cli.h"
#include "coder/rl_coder.h"
#include "formats/rl_formats.h"

#include <stdlib.h>
#include <string.h>

typedef struct story_run {
    const rl_newsgold *ng;
    size_t first, n;            /* this story's gold sentences in ng */
    rl_skeleton sk;             /* of the story text */
    size_t from;                /* alignment cursor in sk */
    long last_sentence;         /* coder sentence index of the last event placed */
    size_t last_gold;           /* ... and the gold sentence it went to */
    rl_events *per;             /* coded events per gold sentence */
    unsigned long unplaced;
} story_run;

typedef struct news_ctx {
    const rl_newsgold *ng;
    rl_pipeline *p;
    int verbose;
    rl_eval tot;
    unsigned long force_coded, force_false, stories, sentences, unplaced, no_event, no_event_ok;
    unsigned char *seen;        /* per gold sentence: its story was coded */
    int rc;
} news_ctx;

static int push(rl_events *ev, const rl_event *e)
{
    if (ev->n == ev->cap) {
        size_t nc = ev->cap ? ev->cap * 2 : 8;
        rl_event *v = realloc(ev->v, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        ev->v = v;
        ev->cap = nc;
    }
    ev->v[ev->n++] = *e;
    return RL_OK;
}

/* The gold sentence a coded sentence starting at code point cp belongs to:
 * the last one starting at or before it. */
static size_t gold_at(const story_run *r, size_t cp)
{
    size_t k = r->first;
    while (k + 1 < r->first + r->n && r->ng->v[k + 1].start <= cp)
        k++;
    return k;
}

static int on_event(const rl_story *s, const rl_event *e, const char *sent, size_t len, void *ctx)
{
    (void)s;
    story_run *r = ctx;
    if ((long)e->sentence != r->last_sentence) {
        rl_skeleton probe;
        if (rl_skeleton_build(&probe, sent, len, 0))
            return RL_ENOMEM;
        size_t cp;
        int found = rl_skeleton_locate(&r->sk, &probe, &r->from, &cp);
        rl_skeleton_release(&probe);
        if (found < 0) {
            r->unplaced++;
            return 0;
        }
        r->last_sentence = (long)e->sentence;
        r->last_gold = gold_at(r, cp);
    }
    return push(&r->per[r->last_gold - r->first], e);
}

static void print_misses(const rl_news_sentence *ns, const char *text, const rl_events *ev,
                         const int *gh, const int *eh)
{
    int w = (int)(ns->end - ns->start);
    const char *a = text;
    /* the sentence, by code points */
    for (size_t c = 0; *a && c < ns->start; a++)
        c += ((unsigned char)*a & 0xC0) != 0x80;
    const char *b = a;
    for (int c = 0; *b && c < w; b++)
        c += ((unsigned char)b[1] & 0xC0) != 0x80;
    for (size_t k = 0; k < ns->g.nev; k++)
        if (gh[k] < 0)
            printf("%s:%d: %s@%zu: missed %s %s %s %s: %.*s\n", ns->g.file, ns->g.line, ns->story,
                   ns->start, ns->g.ev[k].source, ns->g.ev[k].target, ns->g.ev[k].code,
                   ns->g.ev[k].modality >= 0 ? rl_modality_name(ns->g.ev[k].modality) : "-",
                   (int)(b - a), a);
    for (size_t k = 0; k < ev->n; k++)
        if (eh[k] < 0)
            printf("%s:%d: %s@%zu: false %s %s %s %s (\"%s\"): %.*s\n", ns->g.file, ns->g.line,
                   ns->story, ns->start, ev->v[k].source, ev->v[k].target, ev->v[k].code,
                   rl_modality_name(ev->v[k].modality), ev->v[k].evidence, (int)(b - a), a);
}

/* Scores one coded story against its gold sentences. */
static int score_story(news_ctx *c, story_run *r, const rl_story *s)
{
    rl_eval one;
    memset(&one, 0, sizeof one);
    for (size_t i = 0; i < r->n; i++) {
        const rl_news_sentence *ns = &c->ng->v[r->first + i];
        const rl_events *ev = &r->per[i];
        int *gh = calloc(ns->g.nev + 1, sizeof *gh), *eh = calloc(ev->n + 1, sizeof *eh);
        if (!gh || !eh) {
            free(gh);
            free(eh);
            return RL_ENOMEM;
        }
        rl_eval_record(&one, &ns->g, ev->v, ev->n, gh, eh);
        for (size_t k = 0; k < ev->n; k++)
            if (ev->v[k].modality == RL_MOD_REALIZED && atoi(ev->v[k].root) >= 15) {
                c->force_coded++;
                c->force_false += eh[k] < 0;
            }
        if (ns->g.none) {
            c->no_event++;
            c->no_event_ok += ev->n == 0;
        }
        if (c->verbose)
            print_misses(ns, s->text, ev, gh, eh);
        free(gh);
        free(eh);
        c->seen[r->first + i] = 1;
    }
    printf("story %-10s sentences %3zu  root P %.3f R %.3f F1 %.3f (tp %lu fp %lu fn %lu)%s\n", s->id,
           r->n, rl_score_p(&one.root), rl_score_r(&one.root), rl_score_f1(&one.root), one.root.tp,
           one.root.fp, one.root.fn, r->unplaced ? "  [some coded sentences not aligned]" : "");
    c->tot.root.tp += one.root.tp;
    c->tot.root.fp += one.root.fp;
    c->tot.root.fn += one.root.fn;
    c->tot.full.tp += one.full.tp;
    c->tot.full.fp += one.full.fp;
    c->tot.full.fn += one.full.fn;
    c->tot.matched += one.matched;
    c->tot.modality_ok += one.modality_ok;
    c->tot.modality_given += one.modality_given;
    c->tot.date_ok += one.date_ok;
    c->tot.date_given += one.date_given;
    c->unplaced += r->unplaced;
    c->sentences += r->n;
    c->stories++;
    return RL_OK;
}

static int on_story(const rl_story *s, void *ctx)
{
    news_ctx *c = ctx;
    const rl_newsgold *ng = c->ng;
    size_t first = 0;
    while (first < ng->n && (c->seen[first] || strcmp(ng->v[first].story, s->id)))
        first++;
    if (first == ng->n)
        return 0; /* not annotated */
    size_t n = 1;
    while (first + n < ng->n && !strcmp(ng->v[first + n].story, s->id) &&
           ng->v[first + n].g.file == ng->v[first].g.file)
        n++;
    story_run r = {ng, first, n, {0}, 0, -1, 0, calloc(n, sizeof(rl_events)), 0};
    if (!r.per || rl_skeleton_build(&r.sk, s->text, s->len, 1)) {
        free(r.per);
        return c->rc = RL_ENOMEM;
    }
    size_t chars = rl_utf8_count(s->text, s->len);
    if (ng->v[first + n - 1].end > chars) {
        fprintf(stderr, "%s:%d: story %s: offset %zu past the story's %zu characters\n",
                ng->v[first + n - 1].g.file, ng->v[first + n - 1].g.line, s->id,
                ng->v[first + n - 1].end, chars);
        c->rc = RL_EPARSE;
    }
    int rc = rl_code_story(c->p, s, on_event, &r);
    if (rc == RL_OK)
        rc = score_story(c, &r, s);
    for (size_t i = 0; i < n; i++)
        rl_events_release(&r.per[i]);
    free(r.per);
    rl_skeleton_release(&r.sk);
    if (rc)
        c->rc = rc;
    return rc == RL_ENOMEM ? rc : 0;
}

int cli_eval_news(const rl_newsgold *ng, const char *stories, const rl_dict *d, int verbose)
{
    FILE *f = fopen(stories, "r");
    if (!f) {
        printf("skip: real-news evaluation: story file %s not found (../shared absent?)\n", stories);
        return RL_EXIT_OK;
    }
    rl_diag dg = {stderr, 0, 0};
    news_ctx c;
    memset(&c, 0, sizeof c);
    c.ng = ng;
    c.verbose = verbose;
    c.p = rl_pipeline_new(d, &dg);
    c.seen = calloc(ng->n + 1, 1);
    rl_input_opts o = {RL_FMT_JSONL, RL_NODATE, NULL, NULL};
    rl_input_stats st = {0, 0};
    if (c.p && c.seen)
        rl_input_read(f, stories, &o, on_story, &c, &dg, &st);
    fclose(f);
    for (size_t i = 0; i < ng->n; i++)
        if (c.seen && !c.seen[i] && (i == 0 || strcmp(ng->v[i].story, ng->v[i - 1].story))) {
            fprintf(stderr, "%s:%d: story %s is not in %s (or is annotated twice)\n", ng->v[i].g.file,
                    ng->v[i].g.line, ng->v[i].story, stories);
            c.rc = c.rc ? c.rc : RL_EPARSE;
        }
    const rl_eval *t = &c.tot;
    printf("stories %lu, sentences %lu (no-event %lu, of which coded nothing: %lu)\n", c.stories,
           c.sentences, c.no_event, c.no_event_ok);
    printf("root  (src country, tgt country, root): P %.3f  R %.3f  F1 %.3f  (tp %lu fp %lu fn %lu)\n",
           rl_score_p(&t->root), rl_score_r(&t->root), rl_score_f1(&t->root), t->root.tp, t->root.fp,
           t->root.fn);
    printf("full  (source, target, code):           P %.3f  R %.3f  F1 %.3f  (tp %lu fp %lu fn %lu)\n",
           rl_score_p(&t->full), rl_score_r(&t->full), rl_score_f1(&t->full), t->full.tp, t->full.fp,
           t->full.fn);
    printf("on root matches: modality %lu/%lu (%.3f), event date %lu/%lu (%.3f)\n", t->modality_ok,
           t->modality_given, t->modality_given ? (double)t->modality_ok / (double)t->modality_given : 0,
           t->date_ok, t->date_given, t->date_given ? (double)t->date_ok / (double)t->date_given : 0);
    printf("realized force (roots 15-20) not in the gold: %lu of %lu coded (%.3f)\n", c.force_false,
           c.force_coded, c.force_coded ? (double)c.force_false / (double)c.force_coded : 0);
    if (c.unplaced)
        printf("coded sentences not aligned to the gold: %lu\n", c.unplaced);
    rl_pipeline_free(c.p);
    free(c.seen);
    return c.rc ? RL_EXIT_FAIL : RL_EXIT_OK;
}
