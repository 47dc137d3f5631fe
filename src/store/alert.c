/* alert.c: `redline alerts`: the dyads whose weighted force track rises
 * beyond their own baseline as of a day, from the stories published by then
 * (rule and reasoning: docs/store.md, "Alerts"). Reads the store with two
 * read-only queries over stories by date, then computes per dyad in memory. */
#include "store/alert.h"
#include "base/day.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* one force incident of a dyad */
typedef struct aev {
    rl_series_event e;
    rl_day seen;          /* first story date reporting it */
    char story[64];       /* smallest story id reporting it */
    double w;             /* |Goldstein| */
} aev;

/* a dyad's force incidents and its stories naming both sides, per day */
typedef struct adyad {
    char a[24], b[24];
    aev *v;
    size_t n, cap;
    unsigned *vol;        /* stories naming both per day from first, then (at
                           * vol + days) those of them without a force event of
                           * the dyad: the background coverage */
} adyad;

typedef struct actx {
    rl_alerts *out;
    rl_day first, asof;
    adyad *d;
    size_t n, cap;
    uint32_t *slot;       /* open addressing: index + 1 into d, 0 empty */
    size_t nslot;         /* a power of two, at least twice n */
} actx;

static int grow_slots(actx *c)
{
    size_t ns = c->nslot ? c->nslot * 2 : 256;
    uint32_t *slot = calloc(ns, sizeof *slot);
    if (!slot)
        return RL_ENOMEM;
    for (size_t i = 0; i < c->n; i++) {
        size_t k = rl_series_hash_pair(c->d[i].a, c->d[i].b) & (ns - 1);
        while (slot[k])
            k = (k + 1) & (ns - 1);
        slot[k] = (uint32_t)i + 1;
    }
    free(c->slot);
    c->slot = slot;
    c->nslot = ns;
    return RL_OK;
}

static double absd(double x) { return x < 0 ? -x : x; }

/* e^-x for x >= 0 without libm: e^-x = (e^-(x/2^k))^(2^k), the small power
 * by its Taylor series */
static double exp_neg(double x)
{
    int k = 0;
    while (x > 0.5 && k < 60) {
        x /= 2;
        k++;
    }
    double t = 1, sum = 1;
    for (int i = 1; i < 20; i++) {
        t *= -x / i;
        sum += t;
    }
    while (k-- > 0)
        sum *= sum;
    return sum;
}

/* P(N >= k) for N Poisson with mean lambda */
static double poisson_tail(double lambda, unsigned k)
{
    double term = exp_neg(lambda), below = 0;
    for (unsigned i = 0; i < k; i++) {
        below += term;
        term *= lambda / (i + 1);
    }
    return below >= 1 ? 0 : 1 - below;
}

/* the square root of x >= 1 (Newton's method; no libm for one call) */
static double root2(double x)
{
    double r = x;
    for (int i = 0; i < 60 && r * r - x > 1e-9 * x; i++)
        r = (r + x / r) / 2;
    return r;
}

static adyad *find_dyad(actx *c, const char *x, const char *y, int add)
{
    char a[24], b[24];
    rl_series_actor_root(x, a);
    rl_series_actor_root(y, b);
    int cmp = strcmp(a, b);
    if (cmp == 0)
        return NULL;
    const char *lo = cmp < 0 ? a : b, *hi = cmp < 0 ? b : a;
    if ((c->n + 1) * 2 > c->nslot && grow_slots(c))
        return NULL;
    size_t k = rl_series_hash_pair(lo, hi) & (c->nslot - 1);
    for (; c->slot[k]; k = (k + 1) & (c->nslot - 1)) {
        adyad *d = &c->d[c->slot[k] - 1];
        if (!strcmp(d->a, lo) && !strcmp(d->b, hi))
            return d;
    }
    if (!add)
        return NULL;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        adyad *v = realloc(c->d, cap * sizeof *v);
        if (!v)
            return NULL;
        c->d = v;
        c->cap = cap;
    }
    adyad *d = &c->d[c->n];
    memset(d, 0, sizeof *d);
    snprintf(d->a, sizeof d->a, "%s", lo);
    snprintf(d->b, sizeof d->b, "%s", hi);
    d->vol = calloc(2 * (size_t)(c->asof - c->first + 1), sizeof *d->vol);
    if (!d->vol)
        return NULL;
    c->slot[k] = (uint32_t)++c->n;
    return d;
}

/* the same incident: one direction's duplicate (RUSMIL and RUS, 190 and 195)
 * on the same day, or the other direction of the same code (a clash) */
static int same(const aev *x, const rl_series_event *e)
{
    if (x->e.date != e->date || strncmp(x->e.cameo, e->cameo, 2) != 0)
        return 0;
    char xs[24], es[24];
    rl_series_actor_root(x->e.source, xs);
    rl_series_actor_root(e->source, es);
    return !strcmp(xs, es) || !strcmp(x->e.cameo, e->cameo);
}

static int add_event(actx *c, sqlite3_stmt *q)
{
    const char *src = (const char *)sqlite3_column_text(q, 2);
    const char *tgt = (const char *)sqlite3_column_text(q, 3);
    const char *cameo = (const char *)sqlite3_column_text(q, 4);
    const char *mod = (const char *)sqlite3_column_text(q, 5);
    const char *sd = (const char *)sqlite3_column_text(q, 7);
    const char *sid = (const char *)sqlite3_column_text(q, 8);
    const char *d = (const char *)sqlite3_column_text(q, 1);
    if (!src || !tgt || !cameo || !mod || !sd || !d || rl_series_track(cameo) != RL_TRACK_FORCE)
        return RL_OK;
    int m = rl_modality_parse(mod);
    if (!rl_series_counted(m) || m == RL_MOD_SCHEDULED)
        return RL_OK;
    c->out->events++;
    char rs[24], rt[24];
    rl_series_actor_root(src, rs);
    rl_series_actor_root(tgt, rt);
    if (!strcmp(rs, rt))
        return RL_OK; /* within one country: not a dyad for alerts */
    adyad *dy = find_dyad(c, src, tgt, 1);
    if (!dy)
        return RL_ENOMEM;
    rl_series_event e;
    memset(&e, 0, sizeof e);
    e.id = sqlite3_column_int64(q, 0);
    e.date = rl_day_parse(d);
    snprintf(e.source, sizeof e.source, "%s", src);
    snprintf(e.target, sizeof e.target, "%s", tgt);
    snprintf(e.cameo, sizeof e.cameo, "%s", cameo);
    e.modality = m;
    e.track = RL_TRACK_FORCE;
    e.goldstein = sqlite3_column_double(q, 6);
    e.stories = (unsigned)sqlite3_column_int(q, 9);
    e.mentions = e.stories;
    rl_day seen = rl_day_parse(sd);
    /* rows come by date: only the same day's incidents, at the end, can match */
    for (size_t i = dy->n; i-- > 0 && dy->v[i].e.date == e.date;)
        if (same(&dy->v[i], &e)) {
            aev *x = &dy->v[i];
            if (strncmp(x->story, sid ? sid : "", sizeof x->story - 1)) /* the same story: none new */
                x->e.stories += e.stories;
            if (seen < x->seen)
                x->seen = seen;
            if (x->e.nalso < RL_SERIES_ALSO)
                x->e.also[x->e.nalso] = e.id;
            x->e.nalso++;
            return RL_OK;
        }
    if (dy->n == dy->cap) {
        size_t cap = dy->cap ? dy->cap * 2 : 16;
        aev *v = realloc(dy->v, cap * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        dy->v = v;
        dy->cap = cap;
    }
    aev *x = &dy->v[dy->n++];
    x->e = e;
    x->seen = seen;
    x->w = absd(e.goldstein);
    snprintf(x->story, sizeof x->story, "%s", sid ? sid : "");
    return RL_OK;
}

static int sq_fail(rl_diag *dg, sqlite3 *db, sqlite3_stmt *q)
{
    rl_error(dg, NULL, 0, "cannot read the store for alerts: %s", sqlite3_errmsg(db));
    sqlite3_finalize(q);
    return RL_EIO;
}

/* the force incidents reported by stories dated in [first, asof] */
static int read_events(rl_store *st, actx *c, rl_diag *dg)
{
    sqlite3 *db = rl_store_sqlite(st);
    sqlite3_stmt *q = NULL;
    const char *sql =
        "SELECT e.id, e.date, e.source, e.target, e.cameo, e.modality, e.goldstein, "
        "min(s.date), min(s.id), count(DISTINCT s.id) FROM stories s "
        "JOIN mentions m ON m.story_id = s.id JOIN events e ON e.id = m.event_id "
        "WHERE s.date BETWEEN ?1 AND ?2 AND e.date BETWEEN ?1 AND ?2 "
        "AND e.root IN ('10', '13', '15', '16', '17', '18', '19', '20') GROUP BY e.id "
        "ORDER BY e.date, e.id";
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        return sq_fail(dg, db, q);
    char f[11], t[11];
    rl_day_format(c->first, f);
    rl_day_format(c->asof, t);
    sqlite3_bind_text(q, 1, f, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, t, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (add_event(c, q)) {
            sqlite3_finalize(q);
            return RL_ENOMEM;
        }
    if (rc != SQLITE_DONE)
        return sq_fail(dg, db, q);
    sqlite3_finalize(q);
    return RL_OK;
}

/* the news volume of each dyad found: stories naming both sides, per day */
/* what read_volume knows of the story being read */
typedef struct vstory {
    char roots[32][24];
    size_t n;
    unsigned char force[32][32]; /* force[i][j]: a force event between roots i and j */
    rl_day day;
} vstory;

static void end_story(actx *c, const vstory *v)
{
    if (v->day == RL_NODATE || v->day < c->first || v->day > c->asof)
        return;
    size_t days = (size_t)(c->asof - c->first + 1);
    for (size_t i = 0; i < v->n; i++)
        for (size_t j = i + 1; j < v->n; j++) {
            adyad *dy = find_dyad(c, v->roots[i], v->roots[j], 0);
            if (!dy)
                continue;
            dy->vol[v->day - c->first]++;
            if (!v->force[i][j] && !v->force[j][i])
                dy->vol[days + (size_t)(v->day - c->first)]++;
        }
}

static size_t root_index(vstory *v, const char *code)
{
    char r[24];
    rl_series_actor_root(code, r);
    size_t i = 0;
    while (i < v->n && strcmp(v->roots[i], r))
        i++;
    if (i == v->n && v->n < 32)
        snprintf(v->roots[v->n++], 24, "%s", r);
    return i;
}

static int read_volume(rl_store *st, actx *c, rl_diag *dg)
{
    sqlite3 *db = rl_store_sqlite(st);
    sqlite3_stmt *q = NULL;
    const char *sql = "SELECT s.id, s.date, m.source, m.target, m.cameo FROM stories s "
                      "JOIN mentions m ON m.story_id = s.id "
                      "WHERE s.date BETWEEN ?1 AND ?2"; /* a story's rows come together */
    if (sqlite3_prepare_v2(db, sql, -1, &q, NULL) != SQLITE_OK)
        return sq_fail(dg, db, q);
    char f[11], t[11], cur[64] = "";
    rl_day_format(c->first, f);
    rl_day_format(c->asof, t);
    sqlite3_bind_text(q, 1, f, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, t, -1, SQLITE_STATIC);
    vstory *v = calloc(1, sizeof *v);
    if (!v) {
        sqlite3_finalize(q);
        return RL_ENOMEM;
    }
    v->day = RL_NODATE;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *id = (const char *)sqlite3_column_text(q, 0);
        const char *d = (const char *)sqlite3_column_text(q, 1);
        if (!id || !d)
            continue;
        if (strncmp(id, cur, sizeof cur - 1) != 0) {
            end_story(c, v);
            snprintf(cur, sizeof cur, "%s", id);
            memset(v, 0, sizeof *v);
            v->day = rl_day_parse(d);
        }
        const char *src = (const char *)sqlite3_column_text(q, 2);
        const char *tgt = (const char *)sqlite3_column_text(q, 3);
        const char *cameo = (const char *)sqlite3_column_text(q, 4);
        if (!src || !tgt)
            continue;
        size_t i = root_index(v, src), j = root_index(v, tgt);
        if (i < 32 && j < 32 && cameo && rl_series_track(cameo) == RL_TRACK_FORCE)
            v->force[i][j] = 1;
    }
    end_story(c, v);
    free(v);
    if (rc != SQLITE_DONE)
        return sq_fail(dg, db, q);
    sqlite3_finalize(q);
    return RL_OK;
}

/* The rule as of day d, with what was published by d. Returns the score
 * (0 when the minimum evidence is missing) and fills al's figures. */
static double score_at(const actx *c, const adyad *dy, rl_day d, rl_alert *al, rl_day *start)
{
    double wr = 0, wb = 0;
    unsigned nr = 0, nb = 0, gr = 0, gb = 0, ev = 0, evb = 0, multi = 0;
    size_t days = (size_t)(c->asof - c->first + 1);
    const char *story = NULL;
    int two = 0;
    *start = RL_NODATE;
    for (size_t i = 0; i < dy->n; i++) {
        const aev *x = &dy->v[i];
        if (x->seen > d || x->e.date > d || x->e.date < d - RL_ALERT_RECENT - RL_ALERT_BASELINE + 1)
            continue;
        if (x->e.date > d - RL_ALERT_RECENT) {
            wr += x->w;
            ev++;
            multi |= x->e.stories >= RL_ALERT_MIN_STORIES;
            if (!story)
                story = x->story;
            else if (strcmp(story, x->story))
                two = 1;
            if (*start == RL_NODATE || x->e.date < *start)
                *start = x->e.date;
        } else {
            wb += x->w;
            evb++;
        }
    }
    for (rl_day k = d - RL_ALERT_RECENT - RL_ALERT_BASELINE + 1; k <= d; k++) {
        if (k < c->first)
            continue;
        size_t at = (size_t)(k - c->first);
        if (k > d - RL_ALERT_RECENT) {
            nr += dy->vol[at];
            gr += dy->vol[days + at];
        } else {
            nb += dy->vol[at];
            gb += dy->vol[days + at];
        }
    }
    al->force_recent = wr;
    al->force_base = wb;
    al->events_recent = ev;
    al->stories_recent = nr;
    al->stories_base = nb;
    if (ev < RL_ALERT_MIN_EVENTS || !(multi || two))
        return 0;
    double rate_b = wb / RL_ALERT_BASELINE;
    double rate = (wr / RL_ALERT_RECENT) /
                  (rate_b > RL_ALERT_FLOOR_RATE ? rate_b : RL_ALERT_FLOOR_RATE);
    /* background coverage per day, recent against baseline, at least 1 */
    double bg_b = (double)gb / RL_ALERT_BASELINE;
    double busy = ((double)gr / RL_ALERT_RECENT) /
                  (bg_b > RL_ALERT_FLOOR_STORIES ? bg_b : RL_ALERT_FLOOR_STORIES);
    al->busy = busy > 1 ? busy : 1;
    /* chance: as many force incidents from the baseline's rate (at least one
     * in 8 weeks), raised by the coverage, is not unlikely enough */
    double lambda = RL_ALERT_RECENT * (evb > 1 ? (double)evb : 1.0) / RL_ALERT_BASELINE *
                    root2(al->busy);
    al->chance = poisson_tail(lambda, ev);
    if (al->chance > RL_ALERT_CHANCE)
        return 0;
    return rate / root2(al->busy);
}

static int stronger_ev(const void *x, const void *y)
{
    const aev *a = x, *b = y;
    if (a->w != b->w)
        return a->w > b->w ? -1 : 1;
    if (a->e.date != b->e.date)
        return a->e.date > b->e.date ? -1 : 1;
    return a->e.id < b->e.id ? -1 : a->e.id > b->e.id;
}

/* alerts the dyad when the rule holds as of c->asof; the rise began at the
 * earliest recent force event of the alert days before it, going back while
 * no more than 7 alert-free days come in a row (28 days at most) */
static int judge(rl_store *st, const actx *c, adyad *dy, rl_alert *al)
{
    memset(al, 0, sizeof *al);
    rl_day start;
    double s = score_at(c, dy, c->asof, al, &start);
    if (s < RL_ALERT_SCORE)
        return 0;
    rl_alert tmp;
    rl_day since = start;
    int miss = 0; /* alert-free days in a row, going back */
    for (rl_day d = c->asof - 1; d > c->asof - RL_ALERT_LOOKBACK && miss <= RL_ALERT_RECENT; d--) {
        rl_day st0;
        if (score_at(c, dy, d, &tmp, &st0) < RL_ALERT_SCORE) {
            miss++;
        } else {
            since = st0 < since ? st0 : since;
            miss = 0;
        }
    }
    snprintf(al->a, sizeof al->a, "%s", dy->a);
    snprintf(al->b, sizeof al->b, "%s", dy->b);
    al->score = s;
    al->since = since;
    qsort(dy->v, dy->n, sizeof *dy->v, stronger_ev);
    for (size_t i = 0; i < dy->n && al->nev < RL_ALERT_EVIDENCE; i++) {
        const aev *x = &dy->v[i];
        if (x->seen > c->asof || x->e.date <= c->asof - RL_ALERT_RECENT)
            continue;
        rl_series_event *e = &al->ev[al->nev++];
        *e = x->e;
        int rc = rl_store_first_mention(st, e->id, &e->m);
        if (rc == RL_ENOMEM || rc == RL_EIO)
            return rc;
    }
    return 1;
}

static int cmp_alert(const void *x, const void *y)
{
    const rl_alert *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    int k = strcmp(a->a, b->a);
    return k ? k : strcmp(a->b, b->b);
}

void rl_alerts_free(rl_alerts *a)
{
    if (!a)
        return;
    for (size_t i = 0; i < a->n; i++)
        for (size_t k = 0; k < a->v[i].nev; k++)
            rl_store_mention_release(&a->v[i].ev[k].m);
    free(a->v);
    free(a);
}

int rl_alerts_run(rl_store *st, rl_day asof, rl_alerts **out, rl_diag *dg)
{
    *out = NULL;
    rl_alerts *r = calloc(1, sizeof *r);
    if (!r)
        return RL_ENOMEM;
    r->asof = asof;
    actx c = {r, asof - RL_ALERT_LOOKBACK - RL_ALERT_RECENT - RL_ALERT_BASELINE, asof, NULL, 0, 0,
              NULL, 0};
    int rc = read_events(st, &c, dg);
    if (!rc && c.n)
        rc = read_volume(st, &c, dg);
    if (!rc && c.n && !(r->v = calloc(c.n, sizeof *r->v)))
        rc = RL_ENOMEM;
    for (size_t i = 0; i < c.n && !rc; i++) {
        int k = judge(st, &c, &c.d[i], &r->v[r->n]);
        if (k < 0)
            rc = k;
        else
            r->n += (size_t)k;
    }
    for (size_t i = 0; i < c.n; i++) {
        free(c.d[i].v);
        free(c.d[i].vol);
    }
    free(c.d);
    free(c.slot);
    if (rc) {
        rl_alerts_free(r);
        return rc;
    }
    if (r->n)
        qsort(r->v, r->n, sizeof *r->v, cmp_alert);
    *out = r;
    return RL_OK;
}
