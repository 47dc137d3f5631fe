/* view.c: what each dashboard view shows, loaded from the store for a
 * validated request (web.h): the overview (force ranking, latest events,
 * counts), a dyad (series and a page of its events), an event (its reports,
 * its story, the coder's trace), a story, a search. Decides the defaults and
 * the store-dependent errors (unknown actor or event: 404; a chart of too many
 * periods: 400; a query past its deadline: 503). Writing HTML or JSON is
 * page.c's and api.c's job. */
#include "web/web.h"
#include "base/day.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int rl_web_fail(rl_web_err *e, unsigned status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof e->msg, fmt, ap);
    va_end(ap);
    e->status = status;
    return (int)status;
}

const char *rl_view_cameo_name(const rl_web_worker *w, const char *code)
{
    const rl_cameo *c = w->dict && code ? rl_dict_cameo(w->dict, code) : NULL;
    return c && c->name ? c->name : "";
}

const char *rl_view_plover_mode(const rl_web_worker *w, const char *code)
{
    const rl_cameo *c = w->dict && code ? rl_dict_cameo(w->dict, code) : NULL;
    return c ? c->plover_mode : "";
}

/* The status of a failed store read. */
static unsigned store_fail(rl_web_worker *w, int rc, rl_web_err *e)
{
    if (rl_browse_timed_out(w->br))
        return (unsigned)rl_web_fail(e, 503, "the store took longer than %u s to answer; try a "
                                     "shorter date range or fewer actors", w->timeout_ms / 1000);
    if (rc == RL_ENOMEM)
        return (unsigned)rl_web_fail(e, 500, "out of memory");
    return (unsigned)rl_web_fail(e, 500, "cannot read the store (the server log says why)");
}

/* ======================== overview ======================== */

unsigned rl_view_overview_load(rl_web_worker *w, const rl_web_req *r, rl_view_overview *v,
                               rl_web_err *e)
{
    memset(v, 0, sizeof *v);
    v->n = r->n ? r->n : 10;
    v->intl = r->intl;
    v->from = r->from;
    v->to = r->to;
    int rc;
    if (v->to == RL_NODATE) {
        if ((rc = rl_store_last_story_date(w->st, &v->to)))
            return store_fail(w, rc, e);
        if (v->to == RL_NODATE)
            return 200; /* no dated story: an empty overview */
        if (v->from != RL_NODATE && v->from > v->to)
            v->to = v->from; /* a period after the last story: empty */
    }
    if (v->from == RL_NODATE)
        v->from = v->to - 29;
    if ((rc = rl_series_top(w->st, v->from, v->to, v->n, v->intl, &v->top, &w->dg)) ||
        (rc = rl_alerts_run(w->st, v->to, &v->alerts, &w->dg)) ||
        (rc = rl_browse_latest(w->br, v->to, WEB_LATEST, &v->latest)) ||
        (rc = rl_browse_counts_get(w->br, v->from, v->to, &v->counts))) {
        unsigned st = store_fail(w, rc, e);
        rl_view_overview_release(v);
        return st;
    }
    v->top->names = w->names;
    return 200;
}

void rl_view_overview_release(rl_view_overview *v)
{
    rl_top_free(v->top);
    rl_alerts_free(v->alerts);
    rl_browse_events_release(&v->latest);
    memset(v, 0, sizeof *v);
}

/* ======================== dyad ======================== */

typedef struct suggest {
    char buf[200];
    size_t n;
} suggest;

static void add_suggestion(const char *code, void *ctx)
{
    suggest *s = ctx;
    size_t len = strlen(s->buf);
    snprintf(s->buf + len, sizeof s->buf - len, "%s%s", s->n++ ? ", " : "", code);
}

/* 200 when every pattern of a side names a stored actor, else 404 */
static unsigned check_side(rl_web_worker *w, char side[][24], int n, rl_web_err *e)
{
    for (int i = 0; i < n; i++) {
        int k = rl_store_actor_known(w->st, side[i]);
        if (k < 0)
            return store_fail(w, k, e);
        if (k)
            continue;
        suggest sg = {"", 0};
        char prefix[3] = {side[i][0], side[i][1], 0};
        rl_store_actors_like(w->st, prefix, 8, add_suggestion, &sg);
        return (unsigned)rl_web_fail(e, 404, "unknown actor '%s': no event in %s has it as "
                                     "source or target%s%s%s%s%s", side[i], w->db_name,
                                     sg.n ? " (stored codes starting with '" : "",
                                     sg.n ? prefix : "", sg.n ? "': " : "", sg.buf,
                                     sg.n ? (sg.n >= 8 ? ", ...)" : ")") : "");
    }
    return 200;
}

unsigned rl_view_dyad_load(rl_web_worker *w, const rl_web_req *r, int table, rl_view_dyad *v,
                           rl_web_err *e)
{
    memset(v, 0, sizeof *v);
    unsigned st;
    if ((st = check_side(w, (char(*)[24])r->a, r->na, e)) != 200 ||
        (st = check_side(w, (char(*)[24])r->b, r->nb, e)) != 200)
        return st;
    /* the range and the period, as rl_series_dyad would pick them, to refuse
     * a chart of thousands of periods before reading anything */
    rl_day from = r->from, to = r->to;
    int rc;
    if (from == RL_NODATE || to == RL_NODATE) {
        rl_day lo = RL_NODATE, hi = RL_NODATE;
        for (int dir = 0; dir < 2; dir++)
            for (int i = 0; i < r->na; i++)
                for (int j = 0; j < r->nb; j++) {
                    rl_day f, l;
                    if ((rc = rl_store_span(w->st, dir ? r->b[j] : r->a[i], dir ? r->a[i] : r->b[j],
                                            &f, &l)))
                        return store_fail(w, rc, e);
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
    int by = r->by;
    if (from != RL_NODATE && to != RL_NODATE && from <= to) {
        long span = (long)to - from + 1;
        if (by == RL_BY_AUTO)
            by = span <= 31 ? RL_BY_DAY : span <= 26 * 7 ? RL_BY_WEEK : RL_BY_MONTH;
        long periods = by == RL_BY_DAY ? span : by == RL_BY_WEEK ? span / 7 + 2 : span / 28 + 2;
        if (periods > WEB_MAX_PERIODS) {
            char f[11], t[11];
            rl_day_format(from, f);
            rl_day_format(to, t);
            return (unsigned)rl_web_fail(e, 400, "%s to %s by %s is more than %d periods; use "
                                         "by=week or by=month, or a shorter range", f, t,
                                         rl_by_name(by), WEB_MAX_PERIODS);
        }
    }
    if ((rc = rl_series_dyad(w->st, (char(*)[24])r->a, r->na, (char(*)[24])r->b, r->nb, from, to,
                             by, &v->s, &w->dg)))
        return store_fail(w, rc, e);
    v->s->names = w->names;
    if (!table)
        return 200;
    rl_browse_filter_init(&v->f);
    v->f.from = v->s->from;
    v->f.to = v->s->to;
    memcpy(v->f.root, r->root, sizeof v->f.root);
    v->f.quad = r->quad;
    v->f.modality = r->modality;
    v->f.track = r->track;
    v->page = r->page ? r->page : 1;
    size_t per = r->csv ? WEB_CSV_ROWS : WEB_PER_PAGE;
    if (v->s->n == 0)
        return 200; /* no events between them */
    rc = rl_browse_dyad(w->br, (char(*)[24])r->a, r->na, (char(*)[24])r->b, r->nb, &v->f,
                        (size_t)(v->page - 1) * per, per, &v->ev);
    if (rc) {
        st = store_fail(w, rc, e);
        rl_view_dyad_release(v);
        return st;
    }
    v->pages = (unsigned)((v->ev.total + per - 1) / per);
    if (v->page > 1 && v->page > v->pages) {
        unsigned pages = v->pages;
        rl_view_dyad_release(v);
        return (unsigned)rl_web_fail(e, 404, "page %u is past the last page of these events (%u)",
                                     r->page, pages);
    }
    return 200;
}

void rl_view_dyad_release(rl_view_dyad *v)
{
    rl_series_free(v->s);
    rl_browse_events_release(&v->ev);
    memset(v, 0, sizeof *v);
}

/* ======================== event and story ======================== */

#define EXPLAIN_CONTEXT 8 /* stored sentences read before the explained one */

/* The coder's reading of the first report's sentence with its story date,
 * after the story's stored sentences before it (so that "he" or "the two
 * sides" can refer back, as when the story was coded); the trace and the
 * events kept are the sentence's own. */
static int explain(rl_web_worker *w, rl_view_event *v)
{
    const rl_store_mention *m = &v->ev.e.m;
    rl_buf text;
    rl_buf_init(&text);
    size_t first = v->sentences.n;
    unsigned kept = 0;
    long last = -1;
    /* the last EXPLAIN_CONTEXT distinct sentences before it, in order */
    for (size_t i = v->sentences.n; i-- > 0;) {
        const rl_browse_report *r = &v->sentences.v[i];
        if (r->sentence >= m->sentence || (long)r->sentence == last || !r->text ||
            !strcmp(r->text, m->text))
            continue;
        last = (long)r->sentence;
        first = i;
        if (++kept == EXPLAIN_CONTEXT)
            break;
    }
    last = -1;
    int rc = RL_OK;
    for (size_t i = first; i < v->sentences.n && rc == RL_OK; i++) {
        const rl_browse_report *r = &v->sentences.v[i];
        if (r->sentence >= m->sentence || (long)r->sentence == last || !r->text ||
            !strcmp(r->text, m->text))
            continue;
        last = (long)r->sentence;
        if ((rc = rl_buf_adds(&text, r->text)) == RL_OK)
            rc = rl_buf_addc(&text, '\n');
    }
    if (rc == RL_OK)
        rc = rl_buf_adds(&text, m->text);
    rl_day d = m->story_date != RL_NODATE ? m->story_date : v->ev.e.date;
    rl_buf trace;
    rl_buf_init(&trace);
    if (rc == RL_OK)
        rc = rl_explain_sentence(w->pipe, text.data, d, &v->coded, &trace);
    if (rc == RL_OK) {
        /* keep the last sentence's part of the trace and its events */
        const char *at = trace.data ? trace.data : "", *p;
        for (p = at; (p = strstr(p, "--- sentence ")); p++)
            at = p;
        unsigned si = (unsigned)strtoul(at + (strncmp(at, "--- sentence ", 13) ? 0 : 13), NULL, 10);
        size_t k = 0;
        for (size_t i = 0; i < v->coded.n; i++)
            if (v->coded.v[i].sentence == si)
                v->coded.v[k++] = v->coded.v[i];
        v->coded.n = k;
        rc = rl_buf_adds(&v->trace, at);
        v->context = si;
        v->explained = rc == RL_OK;
    }
    rl_buf_release(&trace);
    rl_buf_release(&text);
    return rc;
}

unsigned rl_view_event_load(rl_web_worker *w, const rl_web_req *r, rl_view_event *v, rl_web_err *e)
{
    memset(v, 0, sizeof *v);
    rl_buf_init(&v->trace);
    rl_events_init(&v->coded);
    int rc = rl_browse_event_get(w->br, r->event, &v->ev);
    if (rc == RL_ERANGE)
        return (unsigned)rl_web_fail(e, 404, "no event %lld in %s", (long long)r->event,
                                     w->db_name);
    if (rc)
        return store_fail(w, rc, e);
    if ((rc = rl_browse_event_reports(w->br, r->event, WEB_REPORTS, &v->reports)))
        goto fail;
    v->reports.total = v->ev.e.mentions;
    v->reports.more = v->ev.e.mentions > v->reports.n;
    const char *sid = v->ev.e.m.story_id;
    if (sid) {
        rc = rl_browse_story_get(w->br, sid, WEB_STORY_ROWS, &v->story, &v->sentences);
        if (rc && rc != RL_ERANGE)
            goto fail;
    }
    if (w->pipe && v->ev.e.m.text && explain(w, v) == RL_ENOMEM) {
        rc = RL_ENOMEM;
        goto fail;
    }
    return 200;
fail:;
    unsigned st = store_fail(w, rc, e);
    rl_view_event_release(v);
    return st;
}

void rl_view_event_release(rl_view_event *v)
{
    rl_browse_event_release(&v->ev);
    rl_browse_reports_release(&v->reports);
    rl_browse_story_release(&v->story);
    rl_browse_reports_release(&v->sentences);
    rl_buf_release(&v->trace);
    rl_events_release(&v->coded);
    v->explained = 0;
}

unsigned rl_view_story_load(rl_web_worker *w, const rl_web_req *r, rl_view_story *v, rl_web_err *e)
{
    memset(v, 0, sizeof *v);
    if (!(r->given & P_ID))
        return (unsigned)rl_web_fail(e, 400, "which story? give its id: /story?id=...");
    int rc = rl_browse_story_get(w->br, r->id, WEB_STORY_ROWS, &v->story, &v->reports);
    if (rc == RL_ERANGE)
        return (unsigned)rl_web_fail(e, 404, "no story with that id in %s", w->db_name);
    if (!rc && (rc = rl_browse_story_uncoded(w->br, r->id, WEB_STORY_ROWS, &v->uncoded))) {
        unsigned st = store_fail(w, rc, e);
        rl_view_story_release(v);
        return st;
    }
    return rc ? store_fail(w, rc, e) : 200;
}

void rl_view_story_release(rl_view_story *v)
{
    rl_browse_story_release(&v->story);
    rl_browse_reports_release(&v->reports);
    rl_browse_uncoded_release(&v->uncoded);
}

/* ======================== search ======================== */

/* 1 if s could be an actor code: 3 to 23 letters or digits */
static int code_like(const char *s)
{
    size_t n = strlen(s);
    if (n < 3 || n > 23)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
              (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

unsigned rl_view_search_load(rl_web_worker *w, const rl_web_req *r, rl_view_search *v,
                             rl_web_err *e)
{
    memset(v, 0, sizeof *v);
    rl_buf_init(&v->fts);
    v->page = r->page ? r->page : 1;
    if (!(r->given & (P_Q | P_ACTOR | P_CAMEO))) {
        if (r->given & (P_FROM | P_TO | P_PAGE))
            return (unsigned)rl_web_fail(e, 400, "nothing to search for: give words (q), an "
                                         "actor or a CAMEO code");
        return 200; /* the empty form */
    }
    v->asked = 1;
    /* an actor given as a stored code is searched as one; anything else as
     * the words the stories used to name it */
    char actor[sizeof r->actor];
    snprintf(actor, sizeof actor, "%s", r->actor);
    if ((r->given & P_ACTOR) && code_like(actor)) {
        for (char *p = actor; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 32);
        int k = rl_store_actor_known(w->st, actor);
        if (k < 0)
            return store_fail(w, k, e);
        v->actor_is_code = k;
    }
    int rc = rl_browse_fts_query(&v->fts, r->q, v->actor_is_code ? actor : r->actor,
                                 v->actor_is_code, r->cameo);
    if (rc == RL_EPARSE)
        return (unsigned)rl_web_fail(e, 400, "nothing searchable: words are letters and digits, "
                                     "at most 16 in each field");
    if (rc)
        return store_fail(w, rc, e);
    size_t per = r->csv ? WEB_CSV_ROWS : WEB_PER_PAGE;
    rc = rl_browse_search(w->br, v->fts.data, r->from, r->to, r->sort, (size_t)(v->page - 1) * per,
                          per, WEB_SEARCH_COUNT, &v->res);
    if (rc) {
        unsigned st = store_fail(w, rc, e);
        rl_view_search_release(v);
        return st;
    }
    v->pages = (unsigned)((v->res.total + per - 1) / per);
    if (v->page > 1 && v->page > v->pages) {
        unsigned pages = v->pages;
        rl_view_search_release(v);
        return (unsigned)rl_web_fail(e, 404, "page %u is past the last page of these results (%u)",
                                     r->page, pages);
    }
    return 200;
}

void rl_view_search_release(rl_view_search *v)
{
    rl_buf_release(&v->fts);
    rl_browse_reports_release(&v->res);
}
