/* api.c: the dashboard's JSON API (web.h): what each page shows, as JSON.
 * /api/trend and /api/top are report.c's `redline trend --json` and
 * `redline top --json`, byte for byte; the other routes wrap those shapes
 * (EVENT, the trend and top objects) and add reports (the fields of
 * docs/output.md). Shapes and examples: docs/serve.md. Strings that are not
 * valid UTF-8 are written with U+FFFD. */
#include "web/web.h"
#include "base/day.h"
#include "web/html.h"
#include "store/report.h"
#include "base/csv.h"
#include <stdio.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ======================== values ======================== */

static void set(json_t *o, const char *k, json_t *v) { json_object_set_new(o, k, v); }

/* Writes o (consumed) as the response, as the command line writes JSON. */
static unsigned reply(json_t *o, rl_web_out *out)
{
    out->type = "application/json; charset=utf-8";
    if (!o)
        return 500;
    char *s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    json_decref(o);
    if (!s)
        return 500;
    int rc = rl_buf_adds(&out->body, s) || rl_buf_addc(&out->body, '\n');
    free(s);
    return rc ? 500 : 200;
}

/* an actor code's name (names.h); "" when the dashboard has no names */
static json_t *name_json(const rl_web_worker *w, const char *code)
{
    char buf[256];
    return rl_report_str_json(rl_names_format(w->names, code, buf, sizeof buf));
}

/* EVENT of docs/store.md, plus what the dashboard's tables add */
static json_t *event_json(const rl_web_worker *w, const rl_browse_event *ev)
{
    json_t *o = rl_report_event_json_new(&ev->e, w->names);
    if (!o)
        return NULL;
    set(o, "event_name", rl_report_str_json(rl_view_cameo_name(w, ev->e.cameo)));
    set(o, "plover_mode", rl_report_str_json(rl_view_plover_mode(w, ev->e.cameo)));
    set(o, "root", rl_report_str_json(ev->root));
    set(o, "quad_class", json_integer(ev->quad));
    set(o, "source_text", rl_report_str_json(ev->source_text));
    set(o, "target_text", rl_report_str_json(ev->target_text));
    return o;
}

/* a report: the fields of an event line of `redline code` (docs/output.md) */
static json_t *report_json(const rl_web_worker *w, const rl_browse_report *r)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    set(o, "mention", json_integer(r->mention));
    set(o, "event_id", r->event_id ? json_integer(r->event_id) : json_null());
    set(o, "story_id", rl_report_str_json(r->story_id));
    set(o, "sentence", json_integer(r->sentence));
    set(o, "source", rl_report_str_json(r->source));
    set(o, "target", rl_report_str_json(r->target));
    set(o, "source_name", name_json(w, r->source));
    set(o, "target_name", name_json(w, r->target));
    set(o, "cameo", rl_report_str_json(r->cameo));
    set(o, "root", rl_report_str_json(r->root));
    set(o, "quad_class", json_integer(r->quad));
    set(o, "goldstein", json_real(r->goldstein));
    set(o, "plover", rl_report_str_json(r->plover));
    set(o, "event_name", rl_report_str_json(rl_view_cameo_name(w, r->cameo)));
    set(o, "date", rl_report_day_json(r->date));
    set(o, "story_date", rl_report_day_json(r->story_date));
    set(o, "date_expr", rl_report_str_json(r->date_expr));
    set(o, "modality", json_string(rl_modality_name(r->modality)));
    set(o, "evidence", rl_report_str_json(r->evidence));
    set(o, "source_text", rl_report_str_json(r->source_text));
    set(o, "target_text", rl_report_str_json(r->target_text));
    if (r->quantity > 0) {
        json_t *q = json_object();
        set(q, "value", json_real(r->quantity));
        set(q, "unit", rl_report_str_json(r->quantity_unit));
        set(o, "quantity", q);
    }
    set(o, "text", rl_report_str_json(r->text));
    set(o, "url", rl_report_str_json(r->url));
    set(o, "publisher", rl_report_str_json(r->publisher));
    set(o, "title", rl_report_str_json(r->title));
    return o;
}

static json_t *reports_json(const rl_web_worker *w, const rl_browse_reports *l)
{
    json_t *a = json_array();
    for (size_t i = 0; a && i < l->n; i++)
        json_array_append_new(a, report_json(w, &l->v[i]));
    return a;
}

static json_t *story_json(const rl_browse_story *s)
{
    json_t *o = json_object();
    set(o, "id", rl_report_str_json(s->id));
    set(o, "date", rl_report_day_json(s->date));
    set(o, "publisher", rl_report_str_json(s->publisher));
    set(o, "url", rl_report_str_json(s->url));
    set(o, "title", rl_report_str_json(s->title));
    set(o, "reports", json_integer((json_int_t)s->reports));
    return o;
}

/* ======================== routes ======================== */

static json_t *top_json(const rl_view_overview *v)
{
    if (v->top)
        return rl_report_top_json_new(v->top);
    /* an empty store: the shape of `top --json`, nothing in it */
    json_t *o = json_object();
    set(o, "from", json_null());
    set(o, "to", json_null());
    set(o, "prev_from", json_null());
    set(o, "prev_to", json_null());
    set(o, "events_read", json_integer(0));
    set(o, "dyads", json_array());
    return o;
}

unsigned rl_api_top(const rl_view_overview *v, rl_web_out *o) { return reply(top_json(v), o); }

unsigned rl_api_overview(rl_web_worker *w, const rl_web_req *r, const rl_view_overview *v,
                         rl_web_out *o)
{
    (void)r;
    json_t *j = json_object();
    if (!j)
        return 500;
    set(j, "top", top_json(v));
    set(j, "alerts", v->alerts ? rl_report_alerts_json_new(v->alerts) : json_array());
    json_t *l = json_array();
    for (size_t i = 0; i < v->latest.n; i++)
        json_array_append_new(l, event_json(w, &v->latest.v[i]));
    set(j, "latest", l);
    json_t *c = json_object();
    set(c, "from", rl_report_day_json(v->top ? v->from : RL_NODATE));
    set(c, "to", rl_report_day_json(v->top ? v->to : RL_NODATE));
    set(c, "events", json_integer((json_int_t)v->counts.events));
    set(c, "mentions", json_integer((json_int_t)v->counts.mentions));
    json_t *roots = json_object();
    for (int i = 1; i <= 20; i++) {
        char k[3];
        snprintf(k, sizeof k, "%02d", i);
        set(roots, k, json_integer((json_int_t)v->counts.root[i]));
    }
    set(c, "root", roots);
    json_t *q = json_array();
    for (int i = 1; i <= 4; i++)
        json_array_append_new(q, json_integer((json_int_t)v->counts.quad[i]));
    set(c, "quad_class", q);
    set(j, "counts", c);
    return reply(j, o);
}

unsigned rl_api_trend(const rl_view_dyad *v, rl_web_out *o)
{
    return reply(rl_report_trend_json_new(v->s), o);
}

unsigned rl_api_dyad(rl_web_worker *w, const rl_web_req *r, const rl_view_dyad *v, rl_web_out *o)
{
    json_t *j = json_object();
    if (!j)
        return 500;
    set(j, "trend", rl_report_trend_json_new(v->s));
    json_t *t = json_object();
    json_t *f = json_object();
    set(f, "from", rl_report_day_json(v->s->n ? v->f.from : RL_NODATE));
    set(f, "to", rl_report_day_json(v->s->n ? v->f.to : RL_NODATE));
    set(f, "root", v->f.root[0] ? json_string(v->f.root) : json_null());
    set(f, "quad_class", v->f.quad ? json_integer(v->f.quad) : json_null());
    set(f, "modality", v->f.modality >= 0 ? json_string(rl_modality_name(v->f.modality)) : json_null());
    set(f, "track", v->f.track >= 0 ? json_string(rl_track_name(v->f.track)) : json_null());
    set(t, "filters", f);
    set(t, "total", json_integer((json_int_t)v->ev.total));
    set(t, "page", json_integer(v->page));
    set(t, "pages", json_integer(v->pages));
    set(t, "per_page", json_integer(WEB_PER_PAGE));
    json_t *l = json_array();
    for (size_t i = 0; i < v->ev.n; i++) {
        const rl_series_event *e = &v->ev.v[i].e;
        int ab = 0;
        for (int a = 0; a < r->na && !ab; a++)
            for (int b = 0; b < r->nb && !ab; b++)
                ab = rl_store_actor_match(e->source, r->a[a]) &&
                     rl_store_actor_match(e->target, r->b[b]);
        json_t *x = event_json(w, &v->ev.v[i]);
        set(x, "direction", json_string(ab ? "a_to_b" : "b_to_a"));
        json_array_append_new(l, x);
    }
    set(t, "events", l);
    set(j, "events", t);
    return reply(j, o);
}

unsigned rl_api_event(rl_web_worker *w, const rl_view_event *v, rl_web_out *o)
{
    json_t *j = json_object();
    if (!j)
        return 500;
    json_t *e = event_json(w, &v->ev);
    set(e, "plover", rl_report_str_json(v->ev.plover));
    set(j, "event", e);
    set(j, "reports", reports_json(w, &v->reports));
    set(j, "reports_total", json_integer((json_int_t)v->reports.total));
    set(j, "story", v->story.id ? story_json(&v->story) : json_null());
    json_t *s = json_array();
    long last = -1;
    for (size_t i = 0; i < v->sentences.n; i++) {
        const rl_browse_report *r = &v->sentences.v[i];
        if ((long)r->sentence == last)
            continue;
        last = (long)r->sentence;
        json_t *x = json_object();
        set(x, "sentence", json_integer(r->sentence));
        set(x, "text", rl_report_str_json(r->text));
        json_array_append_new(s, x);
    }
    set(j, "story_sentences", s);
    if (v->explained) {
        json_t *x = json_object();
        rl_day d = v->ev.e.m.story_date != RL_NODATE ? v->ev.e.m.story_date : v->ev.e.date;
        set(x, "story_date", rl_report_day_json(d));
        set(x, "sentence", rl_report_str_json(v->ev.e.m.text));
        set(x, "context_sentences", json_integer(v->context));
        set(x, "trace", rl_report_str_json(v->trace.data ? v->trace.data : ""));
        json_t *l = json_array();
        for (size_t i = 0; i < v->coded.n; i++) {
            const rl_event *c = &v->coded.v[i];
            json_t *k = json_object();
            set(k, "source", rl_report_str_json(c->source));
            set(k, "target", rl_report_str_json(c->target));
            set(k, "source_name", name_json(w, c->source));
            set(k, "target_name", name_json(w, c->target));
            set(k, "cameo", rl_report_str_json(c->code));
            set(k, "event_name", rl_report_str_json(rl_view_cameo_name(w, c->code)));
            set(k, "modality", json_string(rl_modality_name(c->modality)));
            set(k, "date", rl_report_day_json(c->date));
            set(k, "date_expr", c->date_expr[0] ? rl_report_str_json(c->date_expr) : json_null());
            set(k, "evidence", rl_report_str_json(c->evidence));
            json_array_append_new(l, k);
        }
        set(x, "events", l);
        set(j, "explain", x);
    } else {
        set(j, "explain", json_null());
    }
    return reply(j, o);
}

unsigned rl_api_story(rl_web_worker *w, const rl_view_story *v, rl_web_out *o)
{
    json_t *j = json_object();
    if (!j)
        return 500;
    set(j, "story", story_json(&v->story));
    set(j, "reports", reports_json(w, &v->reports));
    json_t *u = json_array();
    for (size_t i = 0; i < v->uncoded.n; i++) {
        json_t *x = json_object();
        set(x, "sentence", json_integer(v->uncoded.v[i].sentence));
        set(x, "reason", rl_report_str_json(v->uncoded.v[i].reason));
        set(x, "text", rl_report_str_json(v->uncoded.v[i].text));
        json_array_append_new(u, x);
    }
    set(j, "uncoded", u);
    return reply(j, o);
}

unsigned rl_api_search(rl_web_worker *w, const rl_web_req *r, const rl_view_search *v,
                       rl_web_out *o)
{
    json_t *j = json_object();
    if (!j)
        return 500;
    json_t *q = json_object();
    set(q, "q", r->given & P_Q ? rl_report_str_json(r->q) : json_null());
    set(q, "actor", r->given & P_ACTOR ? rl_report_str_json(r->actor) : json_null());
    set(q, "actor_is_code", json_boolean(v->actor_is_code));
    set(q, "cameo", r->given & P_CAMEO ? rl_report_str_json(r->cameo) : json_null());
    set(q, "from", rl_report_day_json(r->from));
    set(q, "to", rl_report_day_json(r->to));
    set(q, "sort", json_string(rl_browse_order_name(r->sort)));
    set(q, "fts", v->asked ? rl_report_str_json(v->fts.data) : json_null());
    set(j, "query", q);
    set(j, "total", json_integer((json_int_t)v->res.total));
    set(j, "more", json_boolean(v->res.more));
    set(j, "page", json_integer(v->page));
    set(j, "pages", json_integer(v->pages));
    set(j, "per_page", json_integer(WEB_PER_PAGE));
    set(j, "results", reports_json(w, &v->res));
    return reply(j, o);
}

unsigned rl_api_error(const rl_web_err *e, rl_web_out *o)
{
    json_t *j = json_object(), *x = json_object();
    set(x, "status", json_integer(e->status));
    set(x, "message", rl_report_str_json(e->msg));
    set(j, "error", x);
    unsigned st = reply(j, o);
    return st == 200 ? e->status : st;
}

/* ======================== CSV (format=csv) ======================== */

static unsigned csv_reply(int rc, rl_web_out *o)
{
    o->type = "text/csv; charset=utf-8";
    return rc ? 500 : 200;
}

unsigned rl_api_top_csv(const rl_view_overview *v, rl_web_out *o)
{
    return csv_reply(rl_report_top_csv(&o->body, v->top), o);
}

unsigned rl_api_trend_csv(const rl_view_dyad *v, rl_web_out *o)
{
    return csv_reply(rl_report_trend_csv(&o->body, v->s), o);
}

static const char *const event_columns[] = {
    "event_id", "date", "source", "target", "source_name", "target_name", "cameo", "event_name",
    "root", "quad_class", "goldstein", "plover", "modality", "mentions", "story_id", "sentence",
    "evidence", "text", "publisher", "url",
};
#define EVENT_COLS (sizeof event_columns / sizeof event_columns[0])

unsigned rl_api_dyad_csv(rl_web_worker *w, const rl_view_dyad *v, rl_web_out *o)
{
    int rc = rl_csv_row(&o->body, event_columns, NULL, EVENT_COLS);
    for (size_t i = 0; !rc && i < v->ev.n; i++) {
        const rl_browse_event *ev = &v->ev.v[i];
        const rl_series_event *e = &ev->e;
        char id[24], d[11], quad[8], gold[16], men[16], sent[16], sn[256], tn[256];
        snprintf(id, sizeof id, "%lld", (long long)e->id);
        rl_day_format(e->date, d);
        snprintf(quad, sizeof quad, "%d", ev->quad);
        snprintf(gold, sizeof gold, "%.1f", e->goldstein);
        snprintf(men, sizeof men, "%u", e->mentions);
        snprintf(sent, sizeof sent, "%u", e->m.sentence);
        const char *cells[EVENT_COLS] = {
            id, d, e->source, e->target, rl_names_format(w->names, e->source, sn, sizeof sn),
            rl_names_format(w->names, e->target, tn, sizeof tn), e->cameo,
            rl_view_cameo_name(w, e->cameo), ev->root, quad, gold, ev->plover,
            rl_modality_name(e->modality), men, e->m.story_id, sent, e->m.evidence, e->m.text,
            e->m.publisher, e->m.url,
        };
        rc = rl_csv_row(&o->body, cells, NULL, EVENT_COLS);
    }
    return csv_reply(rc, o);
}

static const char *const report_columns[] = {
    "mention", "event_id", "story_id", "sentence", "date", "story_date", "source", "target",
    "source_name", "target_name", "cameo", "event_name", "quad_class", "goldstein", "modality",
    "evidence", "text", "publisher", "url", "title",
};
#define REPORT_COLS (sizeof report_columns / sizeof report_columns[0])

unsigned rl_api_search_csv(rl_web_worker *w, const rl_view_search *v, rl_web_out *o)
{
    int rc = rl_csv_row(&o->body, report_columns, NULL, REPORT_COLS);
    for (size_t i = 0; !rc && i < v->res.n; i++) {
        const rl_browse_report *r = &v->res.v[i];
        char men[24], id[24], sent[16], d[11], sd[11], quad[8], gold[16], sn[256], tn[256];
        snprintf(men, sizeof men, "%lld", (long long)r->mention);
        id[0] = '\0';
        if (r->event_id)
            snprintf(id, sizeof id, "%lld", (long long)r->event_id);
        snprintf(sent, sizeof sent, "%u", r->sentence);
        rl_day_format(r->date, d);
        rl_day_format(r->story_date, sd);
        snprintf(quad, sizeof quad, "%d", r->quad);
        snprintf(gold, sizeof gold, "%.1f", r->goldstein);
        const char *cells[REPORT_COLS] = {
            men, id, r->story_id, sent, d, sd, r->source, r->target,
            rl_names_format(w->names, r->source, sn, sizeof sn),
            rl_names_format(w->names, r->target, tn, sizeof tn), r->cameo,
            rl_view_cameo_name(w, r->cameo), quad, gold, rl_modality_name(r->modality),
            r->evidence, r->text, r->publisher, r->url, r->title,
        };
        rc = rl_csv_row(&o->body, cells, NULL, REPORT_COLS);
    }
    return csv_reply(rc, o);
}
