/* series.c: per-period dyad series and the force ranking, from the event store.
 * Counts are of distinct events (store.h), dated by their own date, not the
 * story's; the tracks are the CAMEO code lists below (decisions: docs/store.md). */
#include "store/series.h"
#include "base/day.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ======================== tracks and readings ======================== */

/* A code belongs to a track when it starts with one of the prefixes. */
static const char *const talks_codes[] = {
    "036", /* express intent to meet or negotiate */
    "037", /* express intent to settle dispute */
    "038", /* express intent to accept mediation */
    "039", /* express intent to mediate */
    "04",  /* consult: telephone, visits, meetings, mediation, negotiation */
    "057", /* sign formal agreement */
    "0871", /* declare truce, ceasefire */
    NULL,
};
static const char *const force_codes[] = {
    "106",  /* demand withdrawal */
    "1056", /* demand de-escalation of military engagement */
    "13",   /* threaten: sanctions, force, ultimatums (138, 139) */
    "15",   /* exhibit force posture: alerts, mobilization */
    "16",   /* reduce relations: sanctions (163), halting talks, expulsions */
    "17",   /* coerce: seizures, blockades of freedoms, arrests */
    "18",   /* assault */
    "19",   /* fight */
    "20",   /* unconventional mass violence */
    NULL,
};

static int has_prefix(const char *code, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (!strncmp(code, list[i], strlen(list[i])))
            return 1;
    return 0;
}

int rl_series_track(const char *cameo)
{
    if (has_prefix(cameo, force_codes))
        return RL_TRACK_FORCE;
    if (has_prefix(cameo, talks_codes))
        return RL_TRACK_TALKS;
    return RL_TRACK_NONE;
}

const char *const *rl_series_track_codes(int track)
{
    return track == RL_TRACK_TALKS ? talks_codes : track == RL_TRACK_FORCE ? force_codes : NULL;
}

int rl_series_counted(int modality)
{
    return modality != RL_MOD_NEGATED && modality != RL_MOD_HYPOTHETICAL && modality >= 0;
}

const char *rl_track_name(int track)
{
    return track == RL_TRACK_TALKS ? "talks" : track == RL_TRACK_FORCE ? "force" : "none";
}

const char *rl_series_reading_name(int r)
{
    static const char *const names[RL_READ_COUNT] = {
        "quiet", "talks gaining", "force gaining", "both rising (coercive bargaining)",
        "steady", "receding",
    };
    return r >= 0 && r < RL_READ_COUNT ? names[r] : "?";
}

static const char *const by_names[] = {"auto", "day", "week", "month"};

const char *rl_by_name(int by) { return by >= 0 && by <= RL_BY_MONTH ? by_names[by] : "?"; }

int rl_by_parse(const char *s)
{
    for (int i = 0; i <= RL_BY_MONTH; i++)
        if (!strcmp(s, by_names[i]))
            return i;
    return -1;
}

static int reading(const rl_series_cell *cur, const rl_series_cell *prev)
{
    if (cur->talks + cur->force == 0)
        return RL_READ_QUIET;
    long dt = (long)cur->talks - (long)prev->talks, df = (long)cur->force - (long)prev->force;
    if (dt > 0 && df > 0)
        return RL_READ_BOTH;
    if (dt > 0)
        return RL_READ_TALKS;
    if (df > 0)
        return RL_READ_FORCE;
    return dt == 0 && df == 0 ? RL_READ_STEADY : RL_READ_RECEDING;
}

/* ======================== periods ======================== */

rl_day rl_period_start(rl_day d, int by)
{
    int y, m, dd;
    switch (by) {
    case RL_BY_WEEK:
        return d - rl_day_weekday(d);
    case RL_BY_MONTH:
        rl_day_to_ymd(d, &y, &m, &dd);
        return rl_day_from_ymd(y, m, 1);
    default:
        return d;
    }
}

rl_day rl_period_next(rl_day start, int by)
{
    int y, m, d;
    switch (by) {
    case RL_BY_WEEK:
        return start + 7;
    case RL_BY_MONTH:
        rl_day_to_ymd(start, &y, &m, &d);
        return m == 12 ? rl_day_from_ymd(y + 1, 1, 1) : rl_day_from_ymd(y, m + 1, 1);
    default:
        return start + 1;
    }
}

/* Index of the period holding d among periods starting at first (aligned). */
static long period_index(rl_day first, rl_day d, int by)
{
    int y0, m0, d0, y, m, dd;
    switch (by) {
    case RL_BY_WEEK:
        return d >= first ? (d - first) / 7 : -1 - (first - 1 - d) / 7;
    case RL_BY_MONTH:
        rl_day_to_ymd(first, &y0, &m0, &d0);
        rl_day_to_ymd(d, &y, &m, &dd);
        return (long)(y - y0) * 12 + (m - m0);
    default:
        return (long)d - first;
    }
}

int rl_series_side_parse(const char *side, char out[RL_SIDE_MAX][24], char bad[64])
{
    int n = 0;
    const char *p = side;
    bad[0] = '\0';
    for (;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        int ok = len >= 3 && len < 24 && n < RL_SIDE_MAX;
        for (size_t i = 0; ok && i < len; i++)
            ok = isalnum((unsigned char)p[i]);
        if (!ok) {
            snprintf(bad, 64, "%.*s", (int)(len < 60 ? len : 60), p);
            return -1;
        }
        for (size_t i = 0; i < len; i++)
            out[n][i] = (char)toupper((unsigned char)p[i]);
        out[n][len] = '\0';
        n++;
        if (!e)
            return n;
        p = e + 1;
    }
}

/* ======================== the dyad series ======================== */

/* stronger evidence first: larger |Goldstein|, more mentions, earlier, lower id */
static int stronger(const rl_series_event *x, const rl_series_event *y)
{
    double gx = x->goldstein < 0 ? -x->goldstein : x->goldstein;
    double gy = y->goldstein < 0 ? -y->goldstein : y->goldstein;
    if (gx != gy)
        return gx > gy;
    if (x->mentions != y->mentions)
        return x->mentions > y->mentions;
    if (x->date != y->date)
        return x->date < y->date;
    return x->id < y->id;
}

static void keep_top(rl_series_event *top, unsigned *n, const rl_series_event *e)
{
    unsigned k = *n;
    if (k == RL_SERIES_TOP && !stronger(e, &top[k - 1]))
        return;
    if (k < RL_SERIES_TOP)
        (*n)++;
    else
        k--;
    while (k > 0 && stronger(e, &top[k - 1])) {
        top[k] = top[k - 1];
        k--;
    }
    top[k] = *e;
}

static void event_from_row(rl_series_event *e, const rl_store_row *r, int track)
{
    memset(e, 0, sizeof *e);
    e->id = r->id;
    e->date = r->date;
    snprintf(e->source, sizeof e->source, "%s", r->source);
    snprintf(e->target, sizeof e->target, "%s", r->target);
    snprintf(e->cameo, sizeof e->cameo, "%s", r->cameo);
    e->modality = r->modality;
    e->track = track;
    e->goldstein = r->goldstein;
    e->mentions = r->mentions;
}

static void cell_add(rl_series_cell *c, const rl_store_row *r, int track)
{
    c->events++;
    c->mentions += r->mentions;
    if (r->quad >= 1 && r->quad <= 4)
        c->quad[r->quad - 1]++;
    c->talks += track == RL_TRACK_TALKS;
    c->force += track == RL_TRACK_FORCE;
    c->goldstein += r->goldstein;
}

static void cell_sum(rl_series_cell *t, const rl_series_cell *c)
{
    t->events += c->events;
    t->mentions += c->mentions;
    for (int q = 0; q < 4; q++)
        t->quad[q] += c->quad[q];
    t->talks += c->talks;
    t->force += c->force;
    t->goldstein += c->goldstein;
}

/* one scan of the store: source side x, target side y, for one direction */
typedef struct scan {
    const char *x, *y;
    int ba;            /* 1: this scan reads b -> a */
} scan;

typedef struct dyad_ctx {
    rl_series *s;
    rl_day first;      /* start of the first period (aligned) */
    rl_day before;     /* start of the period before it */
    const scan *scans;
    int k;             /* the scan running */
} dyad_ctx;

static int on_row(const rl_store_row *r, void *ctx)
{
    dyad_ctx *c = ctx;
    rl_series *s = c->s;
    /* an event that an earlier scan matched was counted there */
    for (int j = 0; j < c->k; j++)
        if (rl_store_actor_match(r->source, c->scans[j].x) &&
            rl_store_actor_match(r->target, c->scans[j].y))
            return 0;
    rl_series_period *p = NULL;
    rl_series_cell *all, *dir;
    if (r->date < s->from) {
        /* the period before the first; days of the first period before
         * --from were not asked for */
        if (r->date < c->before || r->date >= c->first)
            return 0;
        all = &s->before;
        dir = NULL;
    } else {
        if (r->date > s->to)
            return 0;
        long i = period_index(c->first, r->date, s->by);
        if (i < 0 || (size_t)i >= s->n)
            return 0;
        p = &s->p[i];
        all = &p->all;
        dir = c->scans[c->k].ba ? &p->ba : &p->ab;
    }
    if (!rl_series_counted(r->modality)) {
        if (p) {
            p->uncounted++;
            s->uncounted++;
        }
        return 0;
    }
    int track = rl_series_track(r->cameo);
    cell_add(all, r, track);
    if (dir)
        cell_add(dir, r, track);
    if (p && track != RL_TRACK_NONE) {
        rl_series_event e;
        event_from_row(&e, r, track);
        int t = track == RL_TRACK_FORCE;
        keep_top(p->top[t], &p->ntop[t], &e);
    }
    return 0;
}

void rl_series_free(rl_series *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        for (int t = 0; t < 2; t++)
            for (unsigned k = 0; k < s->p[i].ntop[t]; k++)
                rl_store_mention_release(&s->p[i].top[t][k].m);
    free(s->p);
    free(s);
}

int rl_series_dyad(rl_store *st, char a[][24], int na, char b[][24], int nb, rl_day from,
                   rl_day to, int by, rl_series **out, rl_diag *dg)
{
    *out = NULL;
    rl_series *s = calloc(1, sizeof *s);
    if (!s)
        return RL_ENOMEM;
    s->na = na;
    s->nb = nb;
    memcpy(s->a, a, (size_t)na * sizeof s->a[0]);
    memcpy(s->b, b, (size_t)nb * sizeof s->b[0]);
    /* the scans: every pattern pair, a to b then b to a */
    scan scans[2 * RL_SIDE_MAX * RL_SIDE_MAX];
    int ns = 0;
    for (int dir = 0; dir < 2; dir++)
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++)
                scans[ns++] = dir ? (scan){s->b[j], s->a[i], 1} : (scan){s->a[i], s->b[j], 0};
    int rc;
    if (from == RL_NODATE || to == RL_NODATE) {
        rl_day lo = RL_NODATE, hi = RL_NODATE;
        for (int k = 0; k < ns; k++) {
            rl_day f, l;
            if ((rc = rl_store_span(st, scans[k].x, scans[k].y, &f, &l))) {
                free(s);
                return rc;
            }
            if (f != RL_NODATE && (lo == RL_NODATE || f < lo))
                lo = f;
            if (l != RL_NODATE && (hi == RL_NODATE || l > hi))
                hi = l;
        }
        if (from == RL_NODATE)
            from = lo;
        if (to == RL_NODATE)
            to = hi;
    }
    if (by == RL_BY_AUTO) {
        long span = from != RL_NODATE && to != RL_NODATE ? (long)to - from + 1 : 0;
        by = span <= 31 ? RL_BY_DAY : span <= 26 * 7 ? RL_BY_WEEK : RL_BY_MONTH;
    }
    s->by = by;
    s->from = from;
    s->to = to;
    if (from == RL_NODATE || to == RL_NODATE || from > to) {
        *out = s; /* no events: an empty series */
        return RL_OK;
    }
    rl_day first = rl_period_start(from, by);
    size_t n = 0;
    for (rl_day d = first; d <= to; d = rl_period_next(d, by)) {
        if (++n > 20000) {
            char f[11], t[11];
            rl_day_format(from, f);
            rl_day_format(to, t);
            rl_error(dg, NULL, 0, "%s to %s by %s is more than 20,000 periods; use a longer "
                     "--by or a shorter range", f, t, rl_by_name(by));
            free(s);
            return RL_ERANGE;
        }
    }
    s->n = n;
    s->p = calloc(n, sizeof *s->p);
    if (!s->p) {
        free(s);
        return RL_ENOMEM;
    }
    rl_day d = first;
    for (size_t i = 0; i < n; i++) {
        rl_day next = rl_period_next(d, by);
        s->p[i].start = d < from ? from : d;
        s->p[i].end = next - 1 > to ? to : next - 1;
        d = next;
    }
    dyad_ctx c = {s, first, rl_period_start(first - 1, by), scans, 0};
    for (c.k = 0; c.k < ns; c.k++) {
        if ((rc = rl_store_scan(st, scans[c.k].x, scans[c.k].y, c.before, to, on_row, &c))) {
            rl_series_free(s);
            return rc;
        }
    }
    for (size_t i = 0; i < n; i++) {
        rl_series_period *p = &s->p[i];
        p->reading = reading(&p->all, i ? &s->p[i - 1].all : &s->before);
        cell_sum(&s->total, &p->all);
        for (int t = 0; t < 2; t++)
            for (unsigned k = 0; k < p->ntop[t]; k++) {
                rc = rl_store_first_mention(st, p->top[t][k].id, &p->top[t][k].m);
                if (rc == RL_ENOMEM || rc == RL_EIO) {
                    rl_series_free(s);
                    return rc;
                }
            }
    }
    *out = s;
    return RL_OK;
}

/* ======================== top dyads ======================== */

void rl_series_actor_root(const char *code, char out[24])
{
    static const char *const whole[] = {"IGO", "NGO", "MNC", "IMG", NULL};
    for (size_t i = 0; whole[i]; i++)
        if (!strncmp(code, whole[i], 3)) {
            snprintf(out, 24, "%s", code);
            return;
        }
    snprintf(out, 24, "%.3s", code);
}

typedef struct top_ctx {
    rl_top *t;
    size_t cap;
    uint32_t *slot;    /* open addressing: index + 1 into t->v, 0 empty */
    size_t nslot;      /* power of two */
    int intl;
    int nomem;
} top_ctx;

static uint64_t hash_pair(const char *a, const char *b)
{
    uint64_t h = 1469598103934665603ull;
    for (; *a; a++)
        h = (h ^ (unsigned char)*a) * 1099511628211ull;
    h = (h ^ '|') * 1099511628211ull;
    for (; *b; b++)
        h = (h ^ (unsigned char)*b) * 1099511628211ull;
    return h;
}

static int grow_slots(top_ctx *c)
{
    size_t ns = c->nslot ? c->nslot * 2 : 1024;
    uint32_t *slot = calloc(ns, sizeof *slot);
    if (!slot)
        return RL_ENOMEM;
    for (size_t i = 0; i < c->t->n; i++) {
        size_t k = hash_pair(c->t->v[i].a, c->t->v[i].b) & (ns - 1);
        while (slot[k])
            k = (k + 1) & (ns - 1);
        slot[k] = (uint32_t)i + 1;
    }
    free(c->slot);
    c->slot = slot;
    c->nslot = ns;
    return RL_OK;
}

static rl_top_row *dyad_row(top_ctx *c, const char *a, const char *b)
{
    if ((c->t->n + 1) * 2 > c->nslot && grow_slots(c))
        return NULL;
    size_t k = hash_pair(a, b) & (c->nslot - 1);
    while (c->slot[k]) {
        rl_top_row *r = &c->t->v[c->slot[k] - 1];
        if (!strcmp(r->a, a) && !strcmp(r->b, b))
            return r;
        k = (k + 1) & (c->nslot - 1);
    }
    if (c->t->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        rl_top_row *v = realloc(c->t->v, cap * sizeof *v);
        if (!v)
            return NULL;
        c->t->v = v;
        c->cap = cap;
    }
    rl_top_row *r = &c->t->v[c->t->n];
    memset(r, 0, sizeof *r);
    snprintf(r->a, sizeof r->a, "%s", a);
    snprintf(r->b, sizeof r->b, "%s", b);
    c->slot[k] = (uint32_t)++c->t->n;
    return r;
}

static int on_top_row(const rl_store_row *r, void *ctx)
{
    top_ctx *c = ctx;
    c->t->events++;
    if (!rl_series_counted(r->modality))
        return 0;
    int track = rl_series_track(r->cameo);
    if (track == RL_TRACK_NONE)
        return 0;
    char x[24], y[24];
    rl_series_actor_root(r->source, x);
    rl_series_actor_root(r->target, y);
    int cmp = strcmp(x, y);
    if (c->intl && cmp == 0)
        return 0;
    rl_top_row *row = cmp <= 0 ? dyad_row(c, x, y) : dyad_row(c, y, x);
    if (!row) {
        c->nomem = 1;
        return RL_ENOMEM;
    }
    int cur = r->date >= c->t->from;
    if (track == RL_TRACK_TALKS) {
        if (cur)
            row->talks++;
        else
            row->talks_prev++;
        return 0;
    }
    if (!cur) {
        row->force_prev++;
        return 0;
    }
    row->force++;
    rl_series_event e;
    event_from_row(&e, r, track);
    if (row->force == 1 || stronger(&e, &row->strongest))
        row->strongest = e;
    return 0;
}

static int cmp_rise(const void *x, const void *y)
{
    const rl_top_row *a = x, *b = y;
    if (a->rise != b->rise)
        return a->rise > b->rise ? -1 : 1;
    if (a->force != b->force)
        return a->force > b->force ? -1 : 1;
    int c = strcmp(a->a, b->a);
    return c ? c : strcmp(a->b, b->b);
}

void rl_top_free(rl_top *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        rl_store_mention_release(&t->v[i].strongest.m);
    free(t->v);
    free(t);
}

int rl_series_top(rl_store *st, rl_day from, rl_day to, size_t max, int intl, rl_top **out,
                  rl_diag *dg)
{
    (void)dg;
    *out = NULL;
    rl_top *t = calloc(1, sizeof *t);
    if (!t)
        return RL_ENOMEM;
    t->from = from;
    t->to = to;
    t->prev_to = from - 1;
    t->prev_from = from - (to - from + 1);
    top_ctx c = {t, 0, NULL, 0, intl, 0};
    int rc = rl_store_scan(st, NULL, NULL, t->prev_from, to, on_top_row, &c);
    free(c.slot);
    if (rc) {
        rl_top_free(t);
        return rc;
    }
    /* keep the dyads whose force rose, best first */
    size_t k = 0;
    for (size_t i = 0; i < t->n; i++) {
        rl_top_row *r = &t->v[i];
        r->rise = (int)r->force - (int)r->force_prev;
        if (r->rise <= 0)
            continue;
        rl_series_cell cur = {0}, prev = {0};
        cur.talks = r->talks;
        cur.force = r->force;
        prev.talks = r->talks_prev;
        prev.force = r->force_prev;
        r->reading = reading(&cur, &prev);
        t->v[k++] = *r;
    }
    t->n = k;
    if (t->n) /* t->v is NULL when no dyad was seen */
        qsort(t->v, t->n, sizeof *t->v, cmp_rise);
    if (t->n > max)
        t->n = max;
    for (size_t i = 0; i < t->n; i++) {
        rc = rl_store_first_mention(st, t->v[i].strongest.id, &t->v[i].strongest.m);
        if (rc == RL_ENOMEM || rc == RL_EIO) {
            rl_top_free(t);
            return rc;
        }
    }
    *out = t;
    return RL_OK;
}
