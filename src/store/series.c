/* series.c: per-period dyad series and the force ranking, from the event store.
 * Counts are of distinct events (store.h), dated by their own date, not the
 * story's; the tracks are the CAMEO code lists below (decisions: docs/store.md). */
#include "store/series.h"
#include "base/day.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
        "steady", "receding", "too little evidence", "no reading (first period)",
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

/* stronger evidence first: held before scheduled, larger |Goldstein|, more
 * mentions, earlier, lower id */
static int stronger(const rl_series_event *x, const rl_series_event *y)
{
    int sx = x->modality == RL_MOD_SCHEDULED, sy = y->modality == RL_MOD_SCHEDULED;
    if (sx != sy)
        return sy;
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

/* one scan of the store: source side x, target side y, for one direction */
typedef struct scan {
    const char *x, *y;
    int ba;            /* 1: this scan reads b -> a */
} scan;

/* one distinct stored event of the dyad, before merging */
typedef struct srow {
    rl_series_event e;
    int quad, ba;
    long period;       /* index in s->p */
    size_t head;       /* the incident it belongs to: index of its first event */
    rl_store_facts *f; /* its reports: track events only (in dyad_ctx.facts), else NULL */
} srow;

typedef struct dyad_ctx {
    rl_series *s;
    rl_day first;      /* start of the first period (aligned) */
    const scan *scans;
    int k;             /* the scan running */
    srow *v;
    size_t n, cap;
    rl_store_facts *facts; /* one per track event, owned */
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
    if (r->date < s->from || r->date > s->to)
        return 0;
    long i = period_index(c->first, r->date, s->by);
    if (i < 0 || (size_t)i >= s->n)
        return 0;
    if (!rl_series_counted(r->modality)) {
        s->p[i].uncounted++;
        s->uncounted++;
        return 0;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        srow *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        c->v = v;
        c->cap = cap;
    }
    srow *w = &c->v[c->n];
    memset(w, 0, sizeof *w);
    event_from_row(&w->e, r, rl_series_track(r->cameo));
    w->quad = r->quad;
    w->ba = c->scans[c->k].ba;
    w->period = i;
    w->head = c->n++;
    return 0;
}

static int cmp_srow(const void *x, const void *y)
{
    const srow *a = x, *b = y;
    if (a->e.date != b->e.date)
        return a->e.date < b->e.date ? -1 : 1;
    return a->e.id < b->e.id ? -1 : a->e.id > b->e.id;
}

/* neighbouring codes: the same root, or assault (18) and fight (19), which
 * reports of one attack often disagree on */
static int neighbours(const char *x, const char *y)
{
    if (!strncmp(x, y, 2))
        return 1;
    return (!strncmp(x, "18", 2) || !strncmp(x, "19", 2)) &&
           (!strncmp(y, "18", 2) || !strncmp(y, "19", 2));
}

/* a word of 4 letters or more (case-insensitive) in both lists */
static int share_word(const char *x, const char *y)
{
    for (const char *p = x; *p;) {
        while (*p && !isalnum((unsigned char)*p))
            p++;
        const char *w = p;
        while (isalnum((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - w);
        if (n < 4)
            continue;
        for (const char *q = y; *q;) {
            while (*q && !isalnum((unsigned char)*q))
                q++;
            const char *u = q;
            while (isalnum((unsigned char)*q))
                q++;
            if ((size_t)(q - u) == n && !strncasecmp(w, u, n))
                return 1;
        }
    }
    return 0;
}

static int same_country(const char *x, const char *y)
{
    char a[24], b[24];
    rl_series_actor_root(x, a);
    rl_series_actor_root(y, b);
    return !strcmp(a, b);
}

/* Whether event i reports the incident led by h (docs/store.md, "Incidents"):
 * 1 yes (*mirror set for the other direction of a symmetric act), 0 no, <0
 * error. */
static int same_incident(rl_store *st, const srow *h, const srow *i, int *mirror)
{
    *mirror = 0;
    if (h->e.track != i->e.track || h->e.modality != i->e.modality)
        return 0;
    if (same_country(h->e.source, i->e.source) && same_country(h->e.target, i->e.target))
        return neighbours(h->e.cameo, i->e.cameo) &&
               (!strcmp(h->f->story_id, i->f->story_id) || share_word(h->f->words, i->f->words));
    if (!same_country(h->e.source, i->e.target) || !same_country(h->e.target, i->e.source) ||
        strcmp(h->e.cameo, i->e.cameo) != 0 || h->e.date != i->e.date)
        return 0;
    int rc = rl_store_mirrored(st, h->e.id, i->e.id);
    *mirror = rc == 1;
    return rc;
}

/* Reads the reports of each track event, then merges (c->v sorted by date). */
static int merge_rows(rl_store *st, dyad_ctx *c)
{
    size_t nt = 0;
    for (size_t i = 0; i < c->n; i++)
        nt += c->v[i].e.track != RL_TRACK_NONE;
    if (nt && !(c->facts = malloc(nt * sizeof *c->facts)))
        return RL_ENOMEM;
    nt = 0;
    for (size_t i = 0; i < c->n; i++) {
        srow *w = &c->v[i];
        if (w->e.track == RL_TRACK_NONE)
            continue;
        w->f = &c->facts[nt++];
        int rc = rl_store_event_facts(st, w->e.id, w->f);
        if (rc && rc != RL_ERANGE)
            return rc;
        w->e.stories = w->f->stories;
        w->e.sources = w->f->sources;
        snprintf(w->e.claimed_by, sizeof w->e.claimed_by, "%s", w->f->claimed_by);
        for (size_t j = i; j-- > 0 && c->v[j].e.date >= w->e.date - RL_SERIES_WINDOW;) {
            srow *h = &c->v[j];
            if (h->head != j || h->e.track == RL_TRACK_NONE)
                continue;
            int mirror = 0;
            if ((rc = same_incident(st, h, w, &mirror)) < 0)
                return rc;
            if (!rc)
                continue;
            w->head = j;
            h->e.mirror |= mirror;
            h->e.mentions += w->e.mentions;
            /* a mirror, or a variant its leader's story reports too, brings
             * no new story (the smallest story ids are compared) */
            if (!mirror && strcmp(h->f->story_id, w->f->story_id)) {
                h->e.stories += w->e.stories;
                h->e.sources += w->e.sources;
            }
            if (!w->f->claim)
                h->e.claimed_by[0] = '\0';
            h->f->claim &= w->f->claim;
            if (h->e.nalso < RL_SERIES_ALSO)
                h->e.also[h->e.nalso] = w->e.id;
            h->e.nalso++;
            break;
        }
    }
    return RL_OK;
}

static void cell_add(rl_series_cell *c, const srow *w)
{
    const rl_series_event *e = &w->e;
    double g = e->goldstein < 0 ? -e->goldstein : e->goldstein;
    c->events++;
    c->mentions += e->mentions;
    if (w->quad >= 1 && w->quad <= 4)
        c->quad[w->quad - 1]++;
    c->goldstein += e->goldstein;
    c->merged += e->nalso;
    if (e->track == RL_TRACK_NONE)
        return;
    if (e->modality == RL_MOD_SCHEDULED) {
        c->scheduled++;
        return;
    }
    c->claims += w->f->claim;
    if (e->track == RL_TRACK_TALKS) {
        c->talks++;
        c->talks_w += g;
    } else {
        c->force++;
        c->force_w += g;
    }
}

static void cell_sum(rl_series_cell *t, const rl_series_cell *c)
{
    t->events += c->events;
    t->mentions += c->mentions;
    for (int q = 0; q < 4; q++)
        t->quad[q] += c->quad[q];
    t->talks += c->talks;
    t->force += c->force;
    t->scheduled += c->scheduled;
    t->claims += c->claims;
    t->merged += c->merged;
    t->talks_w += c->talks_w;
    t->force_w += c->force_w;
    t->goldstein += c->goldstein;
}

/* Counts the incidents into their periods, keeps the evidence, and says per
 * period whether it has evidence enough for a reading (ok[i]). */
static int count_rows(rl_series *s, dyad_ctx *c, unsigned char *ok)
{
    const char **story = calloc(s->n, sizeof *story); /* a story id per period */
    if (!story)
        return RL_ENOMEM;
    for (size_t i = 0; i < c->n; i++) {
        srow *w = &c->v[i];
        /* the evidence rule reads every stored event (merged ones too), each
         * in its incident's period; distinct stories by the events' own counts */
        const srow *h = &c->v[w->head];
        if (w->e.track != RL_TRACK_NONE && w->e.modality != RL_MOD_SCHEDULED) {
            if (w->f->stories >= RL_SERIES_MIN_STORIES)
                ok[h->period] |= 2;
            else if (!story[h->period])
                story[h->period] = w->f->story_id;
            else if (strcmp(story[h->period], w->f->story_id))
                ok[h->period] |= 2;
        }
        if (w->head != i)
            continue;
        rl_series_period *p = &s->p[w->period];
        cell_add(&p->all, w);
        cell_add(w->ba ? &p->ba : &p->ab, w);
        if (w->e.track == RL_TRACK_NONE)
            continue;
        int t = w->e.track == RL_TRACK_FORCE;
        keep_top(p->top[t], &p->ntop[t], &w->e);
    }
    for (size_t i = 0; i < s->n; i++)
        if (s->p[i].all.talks + s->p[i].all.force >= RL_SERIES_MIN_EVENTS)
            ok[i] |= 1;
    free(story);
    return RL_OK;
}

static int reading(const rl_series_cell *cur, const rl_series_cell *prev)
{
    if (cur->talks + cur->force == 0)
        return RL_READ_QUIET;
    double dt = cur->talks_w - prev->talks_w, df = cur->force_w - prev->force_w;
    if (dt > 1e-9 && df > 1e-9)
        return RL_READ_BOTH;
    if (dt > 1e-9)
        return RL_READ_TALKS;
    if (df > 1e-9)
        return RL_READ_FORCE;
    return dt > -1e-9 && df > -1e-9 ? RL_READ_STEADY : RL_READ_RECEDING;
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

/* The scans (every pattern pair, a to b then b to a) and the default range. */
static int dyad_scans(rl_store *st, rl_series *s, scan *scans, int *ns, rl_day *from, rl_day *to)
{
    int n = 0, rc;
    for (int dir = 0; dir < 2; dir++)
        for (int i = 0; i < s->na; i++)
            for (int j = 0; j < s->nb; j++)
                scans[n++] = dir ? (scan){s->b[j], s->a[i], 1} : (scan){s->a[i], s->b[j], 0};
    *ns = n;
    if (*from != RL_NODATE && *to != RL_NODATE)
        return RL_OK;
    rl_day lo = RL_NODATE, hi = RL_NODATE;
    for (int k = 0; k < n; k++) {
        rl_day f, l;
        if ((rc = rl_store_span(st, scans[k].x, scans[k].y, &f, &l)))
            return rc;
        if (f != RL_NODATE && (lo == RL_NODATE || f < lo))
            lo = f;
        if (l != RL_NODATE && (hi == RL_NODATE || l > hi))
            hi = l;
    }
    if (*from == RL_NODATE)
        *from = lo;
    if (*to == RL_NODATE)
        *to = hi;
    return RL_OK;
}

/* Lays out the periods of [from, to]; RL_ERANGE beyond 20,000. */
static int dyad_periods(rl_series *s, rl_diag *dg)
{
    rl_day first = rl_period_start(s->from, s->by);
    size_t n = 0;
    for (rl_day d = first; d <= s->to; d = rl_period_next(d, s->by)) {
        if (++n > 20000) {
            char f[11], t[11];
            rl_day_format(s->from, f);
            rl_day_format(s->to, t);
            rl_error(dg, NULL, 0, "%s to %s by %s is more than 20,000 periods; use a longer "
                     "--by or a shorter range", f, t, rl_by_name(s->by));
            return RL_ERANGE;
        }
    }
    s->n = n;
    s->p = calloc(n, sizeof *s->p);
    if (!s->p)
        return RL_ENOMEM;
    rl_day d = first;
    for (size_t i = 0; i < n; i++) {
        rl_day next = rl_period_next(d, s->by);
        s->p[i].start = d < s->from ? s->from : d;
        s->p[i].end = next - 1 > s->to ? s->to : next - 1;
        d = next;
    }
    return RL_OK;
}

static void on_volume(rl_day d, unsigned stories, void *ctx)
{
    rl_series *s = ctx;
    long i = period_index(rl_period_start(s->from, s->by), d, s->by);
    if (i >= 0 && (size_t)i < s->n && d >= s->from && d <= s->to) {
        s->p[i].stories += stories;
        s->stories += stories;
    }
}

/* Scans, merges, counts and reads; fills the evidence's first reports. */
static int dyad_fill(rl_store *st, rl_series *s, const scan *scans, int ns)
{
    dyad_ctx c = {s, rl_period_start(s->from, s->by), scans, 0, NULL, 0, 0, NULL};
    int rc = RL_OK;
    for (c.k = 0; c.k < ns && !rc; c.k++)
        rc = rl_store_scan(st, scans[c.k].x, scans[c.k].y, s->from, s->to, on_row, &c);
    if (!rc && c.n)
        qsort(c.v, c.n, sizeof *c.v, cmp_srow);
    for (size_t i = 0; i < c.n; i++)
        c.v[i].head = i;
    if (!rc)
        rc = merge_rows(st, &c);
    unsigned char *ok = rc ? NULL : calloc(s->n, 1);
    if (!rc && !ok)
        rc = RL_ENOMEM;
    if (!rc)
        rc = count_rows(s, &c, ok);
    free(c.v);
    free(c.facts);
    const char *a[RL_SIDE_MAX], *b[RL_SIDE_MAX];
    for (int i = 0; i < s->na; i++)
        a[i] = s->a[i];
    for (int i = 0; i < s->nb; i++)
        b[i] = s->b[i];
    if (!rc)
        rc = rl_store_volume(st, a, s->na, b, s->nb, s->from, s->to, on_volume, s);
    for (size_t i = 0; i < s->n && !rc; i++) {
        rl_series_period *p = &s->p[i];
        if (p->all.talks + p->all.force == 0)
            p->reading = RL_READ_QUIET;
        else if (i == 0)
            p->reading = RL_READ_NONE;
        else if (ok[i] != 3)
            p->reading = RL_READ_THIN;
        else
            p->reading = reading(&p->all, &s->p[i - 1].all);
        cell_sum(&s->total, &p->all);
        for (int t = 0; t < 2 && !rc; t++)
            for (unsigned k = 0; k < p->ntop[t] && !rc; k++) {
                rc = rl_store_first_mention(st, p->top[t][k].id, &p->top[t][k].m);
                if (rc == RL_ERANGE)
                    rc = RL_OK;
            }
    }
    free(ok);
    return rc;
}

/* an undated mention, as read */
typedef struct umention {
    char source[24], target[24], cameo[8], story[64];
    unsigned sentence;
    int modality;
} umention;

typedef struct undated_ctx {
    rl_series *s;
    umention *v;
    size_t n, cap;
} undated_ctx;

/* Counts an undated mention as an incident unless it repeats one already
 * counted: the same actors, code and modality (no date to tell them apart),
 * or the other direction of the same code in the same sentence. */
static int on_undated(const rl_store_row *r, const char *story, unsigned sentence, void *ctx)
{
    undated_ctx *c = ctx;
    c->s->undated++;
    if (!rl_series_counted(r->modality))
        return 0;
    for (size_t i = 0; i < c->n; i++) {
        const umention *u = &c->v[i];
        if (strcmp(u->cameo, r->cameo) || u->modality != r->modality)
            continue;
        if (!strcmp(u->source, r->source) && !strcmp(u->target, r->target))
            return 0;
        if (!strcmp(u->source, r->target) && !strcmp(u->target, r->source) &&
            u->sentence == sentence && !strcmp(u->story, story)) {
            c->s->undated_cell.merged++;
            return 0;
        }
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        umention *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        c->v = v;
        c->cap = cap;
    }
    umention *u = &c->v[c->n++];
    snprintf(u->source, sizeof u->source, "%s", r->source);
    snprintf(u->target, sizeof u->target, "%s", r->target);
    snprintf(u->cameo, sizeof u->cameo, "%s", r->cameo);
    snprintf(u->story, sizeof u->story, "%s", story);
    u->sentence = sentence;
    u->modality = r->modality;
    srow w;
    memset(&w, 0, sizeof w);
    event_from_row(&w.e, r, rl_series_track(r->cameo));
    w.quad = r->quad;
    rl_store_facts none;
    memset(&none, 0, sizeof none);
    w.f = &none;
    cell_add(&c->s->undated_cell, &w);
    return 0;
}

static int undated_fill(rl_store *st, rl_series *s, const char *const *a, const char *const *b)
{
    undated_ctx c = {s, NULL, 0, 0};
    int rc = rl_store_undated(st, a, s->na, b, s->nb, on_undated, &c);
    free(c.v);
    if (!rc)
        cell_sum(&s->total, &s->undated_cell);
    return rc;
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
    scan scans[2 * RL_SIDE_MAX * RL_SIDE_MAX];
    int ns = 0;
    int rc = dyad_scans(st, s, scans, &ns, &from, &to);
    const char *pa[RL_SIDE_MAX], *pb[RL_SIDE_MAX];
    for (int i = 0; i < na; i++)
        pa[i] = s->a[i];
    for (int i = 0; i < nb; i++)
        pb[i] = s->b[i];
    if (!rc)
        rc = undated_fill(st, s, pa, pb);
    if (rc) {
        free(s);
        return rc;
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
    if ((rc = dyad_periods(s, dg)) || (rc = dyad_fill(st, s, scans, ns))) {
        rl_series_free(s);
        return rc;
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
    uint64_t *seen;    /* hashes of the track events read (0 empty), for mirrors */
    size_t nseen, capseen; /* capseen: a power of two, at least twice nseen */
} top_ctx;

static uint64_t hash_event(rl_day d, const char *src, const char *tgt, const char *cameo, int mod)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)(d * 31 + mod);
    const char *parts[3] = {src, tgt, cameo};
    for (int i = 0; i < 3; i++) {
        for (const char *p = parts[i]; *p; p++)
            h = (h ^ (unsigned char)*p) * 1099511628211ull;
        h = (h ^ '|') * 1099511628211ull;
    }
    return h ? h : 1;
}

/* 1 when h is in the set, else adds it; -1 when out of memory */
static int seen_add(top_ctx *c, uint64_t h, int add)
{
    if (add && (c->nseen + 1) * 2 > c->capseen) {
        size_t cap = c->capseen ? c->capseen * 2 : 4096;
        uint64_t *v = calloc(cap, sizeof *v);
        if (!v)
            return -1;
        for (size_t i = 0; i < c->capseen; i++)
            if (c->seen[i]) {
                size_t k = c->seen[i] & (cap - 1);
                while (v[k])
                    k = (k + 1) & (cap - 1);
                v[k] = c->seen[i];
            }
        free(c->seen);
        c->seen = v;
        c->capseen = cap;
    }
    if (!c->capseen)
        return 0;
    size_t k = h & (c->capseen - 1);
    for (; c->seen[k]; k = (k + 1) & (c->capseen - 1))
        if (c->seen[k] == h)
            return 1;
    if (add) {
        c->seen[k] = h;
        c->nseen++;
    }
    return 0;
}

uint64_t rl_series_hash_pair(const char *a, const char *b)
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
        size_t k = rl_series_hash_pair(c->t->v[i].a, c->t->v[i].b) & (ns - 1);
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
    size_t k = rl_series_hash_pair(a, b) & (c->nslot - 1);
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
    if (track == RL_TRACK_NONE || r->modality == RL_MOD_SCHEDULED)
        return 0;
    /* the other direction of the same code on the same day (the coder's two
     * events of one symmetric act) counts once */
    if (seen_add(c, hash_event(r->date, r->target, r->source, r->cameo, r->modality), 0) == 1)
        return 0;
    if (seen_add(c, hash_event(r->date, r->source, r->target, r->cameo, r->modality), 1) < 0) {
        c->nomem = 1;
        return RL_ENOMEM;
    }
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
    top_ctx c = {t, 0, NULL, 0, intl, 0, NULL, 0, 0};
    int rc = rl_store_scan(st, NULL, NULL, t->prev_from, to, on_top_row, &c);
    free(c.slot);
    free(c.seen);
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
        cur.talks_w = cur.talks;
        cur.force_w = cur.force;
        prev.talks_w = prev.talks;
        prev.force_w = prev.force;
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
