/* page.c: the dashboard's HTML pages (web.h): overview, dyad, event, story,
 * search and errors, written from the views view.c loaded. Plain server-side
 * HTML and inline SVG (report.c's chart), no script, one stylesheet
 * (/static/style.css) the pages also read fine without. Every string from
 * the store or the request goes through html.h's escaping; links are built
 * from percent-encoded parts. It reads nothing itself. */
#include "web/web.h"
#include "base/day.h"
#include "web/html.h"
#include "store/report.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ======================== writing ======================== */

/* A page being written; the first failed append makes the page a 500. */
typedef struct pg {
    rl_buf *b;
    int err;
    const rl_names *names;  /* actor names beside codes; NULL: none */
} pg;

static void put(pg *p, const char *s)
{
    if (!p->err && rl_buf_adds(p->b, s))
        p->err = 1;
}

static void putf(pg *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(pg *p, const char *fmt, ...)
{
    if (p->err)
        return;
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        p->err = 1;
        return;
    }
    if ((size_t)n < sizeof small) {
        if (rl_buf_add(p->b, small, (size_t)n))
            p->err = 1;
        return;
    }
    if (rl_buf_reserve(p->b, (size_t)n + 1)) {
        p->err = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(p->b->data + p->b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    p->b->len += (size_t)n;
}

/* escaped text */
static void esc(pg *p, const char *s)
{
    if (!p->err && rl_html_esc(p->b, s))
        p->err = 1;
}

static void esc_clip(pg *p, const char *s, size_t max)
{
    if (!p->err && rl_html_esc_clip(p->b, s, max))
        p->err = 1;
}

/* a percent-encoded URL part */
static void url(pg *p, const char *s)
{
    if (!p->err && rl_html_url(p->b, s))
        p->err = 1;
}

static void sentence(pg *p, const char *text, const rl_html_marks *m)
{
    if (!p->err && rl_html_sentence(p->b, text, m))
        p->err = 1;
}

static void day(pg *p, rl_day d)
{
    char s[11];
    rl_day_format(d, s);
    put(p, d == RL_NODATE ? "-" : s);
}

/* the CSS class of a reading */
static const char *reading_class(int r)
{
    static const char *const c[RL_READ_COUNT] = {"r-quiet", "r-talks", "r-force", "r-both",
                                                 "r-steady", "r-receding", "r-thin", "r-none"};
    return r >= 0 && r < RL_READ_COUNT ? c[r] : "r-quiet";
}

static void page_begin(pg *p, const rl_web_worker *w, const char *title, const char *q)
{
    put(p, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<meta name=\"referrer\" content=\"no-referrer\"><title>");
    esc(p, title);
    put(p, " - redline</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head>\n"
           "<body><header><a class=\"brand\" href=\"/\">redline</a><span class=\"db\">");
    esc(p, w->db_name);
    put(p, "</span><form class=\"search\" action=\"/search\" method=\"get\" role=\"search\">"
           "<input type=\"search\" name=\"q\" maxlength=\"256\" placeholder=\"words of a sentence\" "
           "aria-label=\"search sentences\" value=\"");
    esc(p, q);
    put(p, "\"><button>Search</button></form></header>\n<main>\n");
}

static void page_end(pg *p, const rl_web_worker *w)
{
    put(p, "</main>\n<footer>redline event dashboard over <b>");
    esc(p, w->db_name);
    put(p, "</b>, opened read-only &middot; <a href=\"/search\">search</a> &middot; "
           "<a href=\"/api/overview\">JSON API</a> (docs/serve.md)</footer>\n</body></html>\n");
}

static unsigned done(pg *p, rl_web_out *o)
{
    o->type = "text/html; charset=utf-8";
    return p->err ? 500 : 200;
}

/* Query-string parameters to carry into links: name, value pairs; empty
 * values are left out. Writes "?a=1&amp;b=2" (nothing when all are empty). */
static void query(pg *p, const char *const *kv, size_t n)
{
    int first = 1;
    for (size_t i = 0; i + 1 < n; i += 2) {
        if (!kv[i + 1] || !*kv[i + 1])
            continue;
        put(p, first ? "?" : "&amp;");
        put(p, kv[i]);
        put(p, "=");
        url(p, kv[i + 1]);
        first = 0;
    }
}

static void dyad_path(pg *p, const char *a, const char *b)
{
    put(p, "/dyad/");
    url(p, a);
    put(p, "/");
    url(p, b);
}

/* " <span class="names">Russia: government &rarr; Ukraine</span>" when named */
static void names_span(pg *p, const char *source, const char *sep, const char *target)
{
    char sn[256], tn[256];
    rl_names_format(p->names, source, sn, sizeof sn);
    rl_names_format(p->names, target ? target : "", tn, sizeof tn);
    if (!sn[0] && !tn[0])
        return;
    put(p, " <span class=\"names\">");
    esc(p, sn[0] ? sn : source);
    if (target) {
        put(p, sep);
        esc(p, tn[0] ? tn : target);
    }
    put(p, "</span>");
}

/* The actors of an event as a link to their countries' dyad. */
static void actors_cell(pg *p, const char *source, const char *target)
{
    char ra[24], rb[24];
    rl_series_actor_root(source, ra);
    rl_series_actor_root(target, rb);
    put(p, "<a class=\"actors\" href=\"");
    dyad_path(p, ra, rb);
    put(p, "\">");
    esc(p, source);
    put(p, " &rarr; ");
    esc(p, target);
    put(p, "</a>");
    names_span(p, source, " &rarr; ", target);
}

static void code_cell(pg *p, const rl_web_worker *w, const char *cameo)
{
    put(p, "<span class=\"code\">");
    esc(p, cameo);
    put(p, "</span> ");
    esc(p, rl_view_cameo_name(w, cameo));
}

static void event_link(pg *p, int64_t id)
{
    putf(p, "/event/%lld", (long long)id);
}

/* A table of distinct events (dyad page, overview). sides: NULL, or the
 * request whose dyad gives each row a direction. */
static void events_table(pg *p, const rl_web_worker *w, const rl_browse_events *l,
                         const rl_web_req *sides)
{
    put(p, "<table class=\"events\" id=\"events-table\"><thead><tr><th>date</th>");
    if (sides)
        put(p, "<th>direction</th>");
    put(p, "<th>actors</th><th>code</th><th>modality</th><th>reports</th><th>sentence (first "
           "report)</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < l->n; i++) {
        const rl_browse_event *ev = &l->v[i];
        const rl_series_event *e = &ev->e;
        put(p, "<tr class=\"");
        put(p, e->track == RL_TRACK_FORCE ? "t-force" : e->track == RL_TRACK_TALKS ? "t-talks" : "t-none");
        put(p, "\"><td class=\"date\"><a href=\"");
        event_link(p, e->id);
        put(p, "\">");
        day(p, e->date);
        put(p, "</a></td>");
        if (sides) {
            int ab = 0;
            for (int a = 0; a < sides->na && !ab; a++)
                for (int b = 0; b < sides->nb && !ab; b++)
                    ab = rl_store_actor_match(e->source, sides->a[a]) &&
                         rl_store_actor_match(e->target, sides->b[b]);
            put(p, ab ? "<td class=\"dir\">A&rarr;B</td>" : "<td class=\"dir\">B&rarr;A</td>");
        }
        put(p, "<td>");
        actors_cell(p, e->source, e->target);
        put(p, "</td><td>");
        code_cell(p, w, e->cameo);
        put(p, "</td><td class=\"mod m-");
        put(p, rl_modality_name(e->modality));
        put(p, "\">");
        put(p, rl_modality_name(e->modality));
        putf(p, "</td><td class=\"num\">%u</td><td class=\"sentence\">", e->mentions);
        rl_html_marks m = {e->m.evidence, ev->source_text, ev->target_text, e->m.date_expr, NULL};
        sentence(p, e->m.text, &m);
        if (e->m.story_id) {
            put(p, " <a class=\"src\" href=\"");
            event_link(p, e->id);
            put(p, "\">");
            esc_clip(p, e->m.story_id, 40);
            putf(p, " #%u</a>", e->m.sentence);
        }
        put(p, "</td></tr>\n");
    }
    put(p, "</tbody></table>\n");
}

/* A table of reports (search results, an event's reports, a story's). */
static void reports_table(pg *p, const rl_web_worker *w, const rl_browse_reports *l,
                          const char *query, int with_story)
{
    put(p, "<table class=\"reports\"><thead><tr><th>date</th><th>actors</th><th>code</th>"
           "<th>modality</th><th>sentence</th>");
    if (with_story)
        put(p, "<th>story</th>");
    put(p, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < l->n; i++) {
        const rl_browse_report *r = &l->v[i];
        put(p, "<tr><td class=\"date\">");
        if (r->event_id) {
            put(p, "<a href=\"");
            event_link(p, r->event_id);
            put(p, "\">");
            day(p, r->date);
            put(p, "</a>");
        } else {
            put(p, "undated");
        }
        put(p, "</td><td>");
        actors_cell(p, r->source, r->target);
        put(p, "</td><td>");
        code_cell(p, w, r->cameo);
        put(p, "</td><td class=\"mod\">");
        put(p, rl_modality_name(r->modality));
        put(p, "</td><td class=\"sentence\">");
        rl_html_marks m = {r->evidence, r->source_text, r->target_text, r->date_expr, query};
        sentence(p, r->text, &m);
        put(p, "</td>");
        if (with_story) {
            put(p, "<td class=\"story\"><a href=\"/story?id=");
            url(p, r->story_id);
            put(p, "\">");
            esc_clip(p, r->story_id, 40);
            putf(p, "</a> #%u", r->sentence);
            if (r->publisher) {
                put(p, "<br><span class=\"pub\">");
                esc_clip(p, r->publisher, 40);
                put(p, "</span>");
            }
            put(p, "</td>");
        }
        put(p, "</tr>\n");
    }
    put(p, "</tbody></table>\n");
}

/* An http(s) URL as a link, anything else as text. */
static void ext_link(pg *p, const char *u)
{
    if (u && (!strncasecmp(u, "http://", 7) || !strncasecmp(u, "https://", 8))) {
        put(p, "<a rel=\"nofollow noopener noreferrer\" href=\"");
        esc(p, u);
        put(p, "\">");
        esc_clip(p, u, 120);
        put(p, "</a>");
    } else {
        esc_clip(p, u ? u : "-", 120);
    }
}

/* a <select> of options (value, label pairs; the first is "any") */
static void select_box(pg *p, const char *name, const char *label, const char *const *opts,
                       size_t n, const char *current)
{
    putf(p, "<label>%s <select name=\"%s\">", label, name);
    for (size_t i = 0; i + 1 < n; i += 2) {
        put(p, "<option value=\"");
        esc(p, opts[i]);
        put(p, "\"");
        if (current && !strcmp(current, opts[i]))
            put(p, " selected");
        put(p, ">");
        esc(p, opts[i + 1]);
        put(p, "</option>");
    }
    put(p, "</select></label> ");
}

static void date_input(pg *p, const char *name, const char *label, rl_day d)
{
    putf(p, "<label>%s <input type=\"date\" name=\"%s\" value=\"", label, name);
    if (d != RL_NODATE)
        day(p, d);
    put(p, "\"></label> ");
}

/* "Download: CSV" linking to path?kv&format=csv (the API's CSV of a table) */
static void csv_link(pg *p, const char *path, const char *const *kv, size_t nkv,
                     const char *file, const char *what)
{
    const char *all[32];
    size_t n = 0;
    for (size_t i = 0; i < nkv && n + 2 < 32; i++)
        all[n++] = kv[i];
    all[n++] = "format";
    all[n++] = "csv";
    put(p, "<p class=\"download\">Download ");
    put(p, what);
    put(p, ": <a class=\"csv\" href=\"");
    put(p, path);
    query(p, all, n);
    put(p, "\" download=\"");
    esc(p, file);
    put(p, "\">CSV</a></p>\n");
}

/* the overview's ranking as CSV */
static void top_csv_link(pg *p, const rl_view_overview *v)
{
    char f[11], t[11], n[8];
    rl_day_format(v->from, f);
    rl_day_format(v->to, t);
    snprintf(n, sizeof n, "%u", v->n);
    const char *kv[] = {"from", f, "to", t, "n", n, "x", v->intl ? "1" : ""};
    csv_link(p, "/api/top", kv, 8, "top.csv", "this ranking");
}

/* ======================== overview ======================== */

/* the alerts as of the overview's last day, each with its evidence */
static void overview_alerts(pg *p, const rl_alerts *a)
{
    put(p, "<h2>Alerts</h2>\n<p class=\"sub\">As of ");
    day(p, a->asof);
    putf(p, ", from the stories published by then: dyads whose force (|Goldstein|-weighted) over "
            "the last %d days is at least %.0f times that of the %d days before, per day, after "
            "dividing by the square root of the rise in their other coverage, with %d events "
            "from %d stories at least, and no likelier than %.0f%% by chance "
            "(<code>redline alerts</code>; docs/store.md says what it misses).</p>\n",
         RL_ALERT_RECENT, RL_ALERT_SCORE, RL_ALERT_BASELINE, RL_ALERT_MIN_EVENTS,
         RL_ALERT_MIN_STORIES, RL_ALERT_CHANCE * 100);
    if (a->n == 0) {
        put(p, "<p class=\"empty\" id=\"no-alerts\">No alert.</p>\n");
        return;
    }
    put(p, "<table class=\"top\" id=\"alerts-table\"><thead><tr><th>dyad</th><th>since</th>"
            "<th>score</th><th>force, last 7 days</th><th>baseline</th><th>evidence</th></tr>"
            "</thead>\n<tbody>\n");
    for (size_t i = 0; i < a->n; i++) {
        const rl_alert *al = &a->v[i];
        put(p, "<tr><td><a href=\"");
        dyad_path(p, al->a, al->b);
        put(p, "\">");
        esc(p, al->a);
        put(p, " &ndash; ");
        esc(p, al->b);
        put(p, "</a></td><td>");
        day(p, al->since);
        putf(p, "</td><td class=\"num\">%.1f</td><td class=\"num\">%.1f (%u events, %u "
                "stories)</td><td class=\"num\">%.1f (%u stories)</td><td class=\"sentence\">",
             al->score, al->force_recent, al->events_recent, al->stories_recent, al->force_base,
             al->stories_base);
        for (size_t k = 0; k < al->nev && k < 3; k++) {
            const rl_series_event *e = &al->ev[k];
            put(p, k ? "<br>" : "");
            put(p, "<a href=\"");
            event_link(p, e->id);
            put(p, "\">");
            day(p, e->date);
            put(p, " ");
            esc(p, e->source);
            put(p, "&rarr;");
            esc(p, e->target);
            put(p, " ");
            esc(p, e->cameo);
            put(p, "</a>: ");
            rl_html_marks m = {e->m.evidence, NULL, NULL, e->m.date_expr, NULL};
            sentence(p, e->m.text, &m);
        }
        put(p, "</td></tr>\n");
    }
    put(p, "</tbody></table>\n");
}

unsigned rl_page_overview(rl_web_worker *w, const rl_web_req *r, const rl_view_overview *v,
                          rl_web_out *o)
{
    pg p = {&o->body, 0, w->names};
    page_begin(&p, w, "Overview", NULL);
    put(&p, "<h1>Where is force rising?</h1>\n");
    if (!v->top) {
        put(&p, "<p class=\"empty\">The store has no dated story yet: fill it with "
                "<code>redline ingest</code>.</p>\n");
        page_end(&p, w);
        return done(&p, o);
    }
    if (v->alerts)
        overview_alerts(&p, v->alerts);
    const rl_top *t = v->top;
    put(&p, "<h2>Force rising most</h2>\n<p class=\"sub\">Dyads whose force track (threats, force posture, sanctions, "
            "coercion, assaults, fighting, demands to withdraw) rose most from ");
    day(&p, t->prev_from);
    put(&p, " &ndash; ");
    day(&p, t->prev_to);
    put(&p, " to ");
    day(&p, t->from);
    put(&p, " &ndash; ");
    day(&p, t->to);
    putf(&p, " (%lu distinct events read), as <code>redline top</code> ranks them.</p>\n",
         t->events);
    put(&p, "<form class=\"filters\" method=\"get\" action=\"/\">");
    date_input(&p, "from", "from", v->from);
    date_input(&p, "to", "to", v->to);
    putf(&p, "<label>dyads <input type=\"number\" name=\"n\" min=\"1\" max=\"100\" value=\"%u\">"
             "</label> <label><input type=\"checkbox\" name=\"x\" value=\"1\"%s> between "
             "countries only</label> <button>Show</button></form>\n", v->n,
         v->intl ? " checked" : "");
    if (t->n == 0) {
        put(&p, "<p class=\"empty\">No dyad's force track rose in this period.</p>\n");
    } else {
        put(&p, "<table class=\"top\" id=\"top-table\"><thead><tr><th>#</th><th>dyad</th>"
                "<th>force</th><th>before</th><th>rise</th><th>talks</th><th>before</th>"
                "<th>reading</th><th>strongest force event</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; i < t->n; i++) {
            const rl_top_row *row = &t->v[i];
            char f[11], to[11];
            rl_day_format(t->prev_from, f);
            rl_day_format(t->to, to);
            putf(&p, "<tr><td class=\"num\">%zu</td><td><a href=\"", i + 1);
            dyad_path(&p, row->a, row->b);
            const char *kv[] = {"from", f, "to", to};
            query(&p, kv, 4);
            put(&p, "\">");
            esc(&p, row->a);
            put(&p, " &ndash; ");
            esc(&p, row->b);
            put(&p, "</a>");
            names_span(&p, row->a, " &ndash; ", row->b);
            putf(&p, "</td><td class=\"num\">%u</td><td class=\"num\">%u</td><td class=\"num\">"
                     "%+d</td><td class=\"num\">%u</td><td class=\"num\">%u</td>", row->force,
                 row->force_prev, row->rise, row->talks, row->talks_prev);
            putf(&p, "<td class=\"reading %s\">%s</td><td class=\"sentence\">",
                 reading_class(row->reading), rl_series_reading_name(row->reading));
            const rl_series_event *e = &row->strongest;
            put(&p, "<a href=\"");
            event_link(&p, e->id);
            put(&p, "\">");
            day(&p, e->date);
            put(&p, " ");
            esc(&p, e->source);
            put(&p, "&rarr;");
            esc(&p, e->target);
            put(&p, " ");
            esc(&p, e->cameo);
            put(&p, "</a>: ");
            rl_html_marks m = {e->m.evidence, NULL, NULL, e->m.date_expr, NULL};
            sentence(&p, e->m.text, &m);
            put(&p, "</td></tr>\n");
        }
        put(&p, "</tbody></table>\n");
        top_csv_link(&p, v);
    }
    put(&p, "<form class=\"filters\" method=\"get\" action=\"/dyad\">Any dyad: "
            "<label>A <input name=\"a\" maxlength=\"200\" placeholder=\"USA\" required></label> "
            "<label>B <input name=\"b\" maxlength=\"200\" placeholder=\"RUS\" required></label> "
            "<button>Talks or force?</button> <span class=\"hint\">codes: RUS is every Russian "
            "actor, RUSMIL only the military, USA,WST,IGOWSTNAT one side of several</span>"
            "</form>\n");
    put(&p, "<h2>Latest events</h2>\n");
    if (v->latest.n)
        events_table(&p, w, &v->latest, NULL);
    else
        put(&p, "<p class=\"empty\">No events.</p>\n");
    /* counts */
    const rl_browse_counts *c = &v->counts;
    put(&p, "<h2>Events by CAMEO root and quad class, ");
    day(&p, v->from);
    put(&p, " &ndash; ");
    day(&p, v->to);
    putf(&p, "</h2>\n<p class=\"sub\">%lu distinct events, %lu reports.</p>\n", c->events,
         c->mentions);
    unsigned long max = 1;
    for (int i = 1; i <= 20; i++)
        if (c->root[i] > max)
            max = c->root[i];
    put(&p, "<div class=\"counts\"><table class=\"roots\" id=\"root-counts\"><thead><tr>"
            "<th>root</th><th>name</th><th>events</th><th></th></tr></thead>\n<tbody>\n");
    for (int i = 1; i <= 20; i++) {
        char code[3];
        snprintf(code, sizeof code, "%02d", i);
        int quad = i <= 5 ? 1 : i <= 8 ? 2 : i <= 13 ? 3 : 4;
        putf(&p, "<tr class=\"q%d\"><td class=\"code\">%s</td><td>", quad, code);
        esc(&p, rl_view_cameo_name(w, code));
        putf(&p, "</td><td class=\"num\">%lu</td><td class=\"bar\"><svg width=\"160\" height=\"10\" "
                 "aria-hidden=\"true\"><rect width=\"%.1f\" height=\"10\"/></svg></td></tr>\n",
             c->root[i], 160.0 * (double)c->root[i] / (double)max);
    }
    put(&p, "</tbody></table>\n<table class=\"quads\" id=\"quad-counts\"><thead><tr><th>quad class"
            "</th><th>events</th></tr></thead>\n<tbody>\n");
    static const char *const qn[5] = {"", "1 verbal cooperation", "2 material cooperation",
                                      "3 verbal conflict", "4 material conflict"};
    for (int q = 1; q <= 4; q++)
        putf(&p, "<tr class=\"q%d\"><td>%s</td><td class=\"num\">%lu</td></tr>\n", q, qn[q],
             c->quad[q]);
    put(&p, "</tbody></table></div>\n");
    (void)r;
    page_end(&p, w);
    return done(&p, o);
}

/* ======================== dyad ======================== */

/* the chart: report.c's SVG, inline */
static void chart(pg *p, const rl_series *s)
{
    char *svg = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&svg, &n);
    if (!f) {
        p->err = 1;
        return;
    }
    int rc = rl_report_trend_svg_opts(f, s, RL_SVG_GOLDSTEIN | RL_SVG_INLINE | RL_SVG_LINKS);
    if (fclose(f) || rc)
        p->err = 1;
    else if (!p->err && rl_buf_add(p->b, svg, n))
        p->err = 1;
    free(svg);
}

static void dyad_pager(pg *p, const rl_web_req *r, const rl_view_dyad *v, const char *from,
                       const char *to)
{
    if (v->pages <= 1)
        return;
    char quad[4] = "", pn[16], pp[16];
    if (r->quad)
        snprintf(quad, sizeof quad, "%d", r->quad);
    snprintf(pp, sizeof pp, "%u", v->page - 1);
    snprintf(pn, sizeof pn, "%u", v->page + 1);
    const char *by = r->by != RL_BY_AUTO ? rl_by_name(r->by) : "";
    const char *mod = r->modality >= 0 ? rl_modality_name(r->modality) : "";
    const char *track = r->track >= 0 ? rl_track_name(r->track) : "";
    put(p, "<nav class=\"pager\">");
    for (int k = 0; k < 2; k++) {
        int prev = k == 0;
        if (prev ? v->page <= 1 : v->page >= v->pages || v->page >= WEB_MAX_PAGE) {
            put(p, prev ? "<span>&laquo; newer</span> " : " <span>older &raquo;</span>");
            continue;
        }
        const char *kv[] = {"from", from, "to", to, "by", by, "root", r->root, "quad", quad,
                            "modality", mod, "track", track, "page", prev ? pp : pn};
        put(p, prev ? "<a rel=\"prev\" href=\"" : " <a rel=\"next\" href=\"");
        dyad_path(p, r->side_a, r->side_b);
        query(p, kv, sizeof kv / sizeof kv[0]);
        put(p, prev ? "#events\">&laquo; newer</a> " : "#events\">older &raquo;</a>");
        if (prev)
            putf(p, "<span>page %u of %u</span>", v->page, v->pages);
    }
    put(p, "</nav>\n");
}

/* the dyad's events (with the filters) and its periods as CSV */
static void dyad_csv_links(pg *p, const rl_web_req *r, const char *from, const char *to)
{
    char quad[4] = "";
    if (r->quad)
        snprintf(quad, sizeof quad, "%d", r->quad);
    const char *by = r->by != RL_BY_AUTO ? rl_by_name(r->by) : "";
    const char *mod = r->modality >= 0 ? rl_modality_name(r->modality) : "";
    const char *track = r->track >= 0 ? rl_track_name(r->track) : "";
    const char *kv[] = {"from", from, "to", to, "by", by, "root", r->root, "quad", quad,
                        "modality", mod, "track", track};
    rl_buf path;
    rl_buf_init(&path);
    pg pp = {&path, 0, NULL};
    put(&pp, "/api/dyad/");
    url(&pp, r->side_a);
    put(&pp, "/");
    url(&pp, r->side_b);
    if (pp.err || !path.data) {
        p->err = 1;
        rl_buf_release(&path);
        return;
    }
    csv_link(p, path.data, kv, sizeof kv / sizeof kv[0], "events.csv",
             "these events (5,000 rows a file)");
    rl_buf_clear(&path);
    put(&pp, "/api/trend/");
    url(&pp, r->side_a);
    put(&pp, "/");
    url(&pp, r->side_b);
    if (!pp.err && path.data)
        csv_link(p, path.data, kv, 6, "periods.csv", "the periods");
    rl_buf_release(&path);
}

/* The latest period's reading and the range's totals, or why there is none. */
static void dyad_summary(pg *p, const rl_web_req *r, const rl_series *s, const char *f, const char *t)
{
    if (s->n) {
        const rl_series_period *last = &s->p[s->n - 1];
        put(p, "<p class=\"now\">Latest period, ");
        day(p, last->start);
        if (last->end != last->start) {
            put(p, " &ndash; ");
            day(p, last->end);
        }
        putf(p, ": <strong class=\"reading %s\">%s</strong> (talks %u, force %u, scheduled %u; "
                 "intensity talks %.1f, force %.1f; %u stories naming both",
             reading_class(last->reading), rl_series_reading_name(last->reading),
             last->all.talks, last->all.force, last->all.scheduled, last->all.talks_w,
             last->all.force_w, last->stories);
        if (s->n > 1)
            putf(p, "; the period before: talks %u, force %u",
                 s->p[s->n - 2].all.talks, s->p[s->n - 2].all.force);
        put(p, ").</p>\n");
        putf(p, "<p class=\"sub\">%s to %s by %s: %u distinct events, %u talks, %u force",
             f, t, rl_by_name(s->by), s->total.events, s->total.talks, s->total.force);
        if (s->uncounted)
            putf(p, "; %u negated or hypothetical events are not counted in the tracks",
                 s->uncounted);
        put(p, ".</p>\n");
    } else {
        put(p, "<p class=\"empty\">No events between them");
        if (r->from != RL_NODATE || r->to != RL_NODATE)
            put(p, " in this range");
        put(p, ".</p>\n");
    }
}

/* The filter form (dates, period, root, quad class, modality, track). */
static void dyad_filters(pg *p, rl_web_worker *w, const rl_web_req *r)
{
    put(p, "<form class=\"filters\" method=\"get\" action=\"");
    dyad_path(p, r->side_a, r->side_b);
    put(p, "\">");
    date_input(p, "from", "from", r->from);
    date_input(p, "to", "to", r->to);
    static const char *const bys[] = {"", "auto", "day", "day", "week", "week", "month", "month"};
    select_box(p, "by", "by", bys, 8, r->by != RL_BY_AUTO ? rl_by_name(r->by) : "");
    const char *roots[42] = {"", "any"};
    char codes[20][3], labels[20][48];
    for (int i = 1; i <= 20; i++) {
        snprintf(codes[i - 1], 3, "%02d", i);
        snprintf(labels[i - 1], sizeof labels[0], "%02d %s", i, rl_view_cameo_name(w, codes[i - 1]));
        roots[2 * i] = codes[i - 1];
        roots[2 * i + 1] = labels[i - 1];
    }
    select_box(p, "root", "root", roots, 42, r->root);
    static const char *const quads[] = {"", "any", "1", "1 verbal cooperation", "2",
                                        "2 material cooperation", "3", "3 verbal conflict", "4",
                                        "4 material conflict"};
    char qs[4] = "";
    if (r->quad)
        snprintf(qs, sizeof qs, "%d", r->quad);
    select_box(p, "quad", "quad class", quads, 10, qs);
    const char *mods[2 + 2 * RL_MOD_COUNT] = {"", "any"};
    for (int i = 0; i < RL_MOD_COUNT; i++)
        mods[2 + 2 * i] = mods[3 + 2 * i] = rl_modality_name(i);
    select_box(p, "modality", "modality", mods, 2 + 2 * RL_MOD_COUNT,
               r->modality >= 0 ? rl_modality_name(r->modality) : "");
    static const char *const tracks[] = {"", "any", "talks", "talks", "force", "force"};
    select_box(p, "track", "track", tracks, 6, r->track >= 0 ? rl_track_name(r->track) : "");
    put(p, "<button>Apply</button> <a href=\"");
    dyad_path(p, r->side_a, r->side_b);
    put(p, "\">reset</a></form>\n");
}

/* The chart and the links to it as SVG and JSON. */
static void dyad_chart(pg *p, const rl_web_req *r, const rl_series *s, const char *f, const char *t)
{
    put(p, "<figure class=\"chart\" id=\"chart\">");
    chart(p, s);
    put(p, "<figcaption>Talks above the axis, force below, distinct events by their own "
            "date; the yellow line is the mean Goldstein score of each period's events "
            "(right axis); the strip under the bars is each period's reading. A period's "
            "bar opens that period. Filters other than the dates apply to the table "
            "only.</figcaption></figure>\n");
    const char *by = r->by != RL_BY_AUTO ? rl_by_name(r->by) : "";
    const char *kv[] = {"from", f, "to", t, "by", by};
    put(p, "<p class=\"links\"><a href=\"");
    dyad_path(p, r->side_a, r->side_b);
    put(p, "/chart.svg");
    query(p, kv, 6);
    put(p, "\">chart as an SVG file</a> &middot; <a href=\"/api");
    dyad_path(p, r->side_a, r->side_b);
    query(p, kv, 6);
    put(p, "\">this page as JSON</a> &middot; <a href=\"/api/trend/");
    url(p, r->side_a);
    put(p, "/");
    url(p, r->side_b);
    query(p, kv, 6);
    put(p, "\">trend JSON</a></p>\n");
}

/* One row of the periods table. */
static void period_row(pg *p, const rl_series_period *pe)
{
    put(p, "<tr><td class=\"date\">");
    day(p, pe->start);
    if (pe->end != pe->start) {
        put(p, " &ndash; ");
        day(p, pe->end);
    }
    putf(p, "</td><td class=\"num\">%u (%.0f)</td><td class=\"num\">%u / %u</td>"
             "<td class=\"num\">%u (%.0f)</td><td class=\"num\">%u / %u</td>"
             "<td class=\"num sched\">%u</td><td class=\"num\">%u</td>"
             "<td class=\"num\">%u/%u/%u/%u</td><td class=\"num\">%+.1f</td>",
         pe->all.talks, pe->all.talks_w, pe->ab.talks, pe->ba.talks, pe->all.force,
         pe->all.force_w, pe->ab.force, pe->ba.force, pe->all.scheduled, pe->stories,
         pe->all.quad[0], pe->all.quad[1], pe->all.quad[2], pe->all.quad[3], pe->all.goldstein);
    if (pe->all.events)
        putf(p, "<td class=\"num\">%+.2f</td>", pe->all.goldstein / pe->all.events);
    else
        put(p, "<td class=\"num\">-</td>");
    putf(p, "<td class=\"reading %s\">%s</td><td class=\"evidence\">",
         reading_class(pe->reading), rl_series_reading_name(pe->reading));
    for (int tr = 0; tr < 2; tr++)
        for (unsigned k = 0; k < pe->ntop[tr]; k++) {
            const rl_series_event *e = &pe->top[tr][k];
            putf(p, "<div class=\"%s\"><a href=\"", tr ? "t-force" : "t-talks");
            event_link(p, e->id);
            put(p, "\">");
            esc(p, e->source);
            put(p, "&rarr;");
            esc(p, e->target);
            put(p, " ");
            esc(p, e->cameo);
            put(p, "</a> ");
            if (e->modality == RL_MOD_SCHEDULED)
                put(p, "<em class=\"sched\">scheduled</em> ");
            if (e->claimed_by[0]) {
                put(p, "<em class=\"claim\">claim by ");
                esc(p, e->claimed_by);
                put(p, "</em> ");
            }
            if (e->nalso)
                putf(p, "<em class=\"merged\">+%u report%s merged</em> ", e->nalso,
                     e->nalso == 1 ? "" : "s");
            esc_clip(p, e->m.text, 110);
            put(p, "</div>");
        }
    put(p, "</td></tr>\n");
}

/* The events table with its pager, and the periods table. */
static void dyad_events(pg *p, rl_web_worker *w, const rl_web_req *r, const rl_view_dyad *v,
                        const char *f, const char *t)
{
    const rl_series *s = v->s;
    if (!s->n)
        return;
    putf(p, "<p class=\"sub\">%lu distinct event%s from %s to %s match (A is ",
         v->ev.total, v->ev.total == 1 ? "" : "s", f, t);
    esc(p, r->side_a);
    put(p, ", B is ");
    esc(p, r->side_b);
    put(p, "; the sentence is the event's first report, with the coder's matched words "
            "marked).</p>\n");
    dyad_pager(p, r, v, f, t);
    if (v->ev.n)
        events_table(p, w, &v->ev, r);
    dyad_pager(p, r, v, f, t);
    dyad_csv_links(p, r, f, t);
    put(p, "<h2>Periods</h2>\n<table class=\"periods\" id=\"periods-table\"><thead><tr>"
            "<th>period</th><th title=\"count (intensity: |Goldstein| sum)\">talks</th>"
            "<th>A&rarr;B / B&rarr;A</th><th title=\"count (intensity: |Goldstein| sum)\">force</th>"
            "<th>A&rarr;B / B&rarr;A</th><th title=\"scheduled or announced, counted apart\">"
            "sched.</th><th title=\"stories naming both sides\">stories</th>"
            "<th>quad 1/2/3/4</th><th>Goldstein</th>"
            "<th>mean</th><th>reading</th><th>strongest events</th></tr></thead>\n<tbody>\n");
    for (size_t i = s->n; i-- > 0;)
        period_row(p, &s->p[i]);
    put(p, "</tbody></table>\n");
}

unsigned rl_page_dyad(rl_web_worker *w, const rl_web_req *r, const rl_view_dyad *v, rl_web_out *o)
{
    pg p = {&o->body, 0, w->names};
    const rl_series *s = v->s;
    char title[900];
    snprintf(title, sizeof title, "%s and %s", r->side_a, r->side_b);
    page_begin(&p, w, title, NULL);
    put(&p, "<h1>");
    esc(&p, r->side_a);
    put(&p, " &harr; ");
    esc(&p, r->side_b);
    put(&p, ": talks or force?</h1>\n");
    char f[11] = "", t[11] = "";
    if (s->n) {
        rl_day_format(s->from, f);
        rl_day_format(s->to, t);
    }
    dyad_summary(&p, r, s, f, t);
    dyad_filters(&p, w, r);
    if (s->n)
        dyad_chart(&p, r, s, f, t);
    put(&p, "<h2 id=\"events\">Events</h2>\n");
    dyad_events(&p, w, r, v, f, t);
    page_end(&p, w);
    return done(&p, o);
}

/* ======================== event ======================== */

static void fact(pg *p, const char *name)
{
    put(p, "<dt>");
    put(p, name);
    put(p, "</dt><dd>");
}

/* The event's facts: date, modality, actors, codes, how often reported. */
static void event_facts(pg *p, rl_web_worker *w, const rl_browse_event *ev)
{
    const rl_series_event *e = &ev->e;
    put(p, "</h1>\n<dl class=\"facts\">");
    fact(p, "event date");
    day(p, e->date);
    put(p, "</dd>");
    fact(p, "dated by");
    if (e->m.date_expr) {
        put(p, "&ldquo;");
        esc(p, e->m.date_expr);
        put(p, "&rdquo; in the first report");
    } else {
        put(p, "the story date (the sentence names no date)");
    }
    put(p, "</dd>");
    fact(p, "modality");
    put(p, rl_modality_name(e->modality));
    put(p, "</dd>");
    fact(p, "actors");
    actors_cell(p, e->source, e->target);
    put(p, "</dd>");
    fact(p, "CAMEO");
    code_cell(p, w, e->cameo);
    put(p, " (root ");
    esc(p, ev->root);
    put(p, " ");
    esc(p, rl_view_cameo_name(w, ev->root));
    putf(p, ")</dd>");
    fact(p, "quad class");
    putf(p, "%d</dd>", ev->quad);
    fact(p, "Goldstein");
    putf(p, "%+.1f</dd>", e->goldstein);
    fact(p, "PLOVER");
    esc(p, ev->plover[0] ? ev->plover : "-");
    const char *mode = rl_view_plover_mode(w, e->cameo);
    if (mode[0]) {
        put(p, ", mode ");
        esc(p, mode);
    }
    put(p, "</dd>");
    fact(p, "track");
    put(p, rl_track_name(e->track));
    put(p, "</dd>");
    fact(p, "reported");
    putf(p, "%u time%s in %u stor%s from %u publisher%s</dd>", e->mentions,
         e->mentions == 1 ? "" : "s", e->m.stories, e->m.stories == 1 ? "y" : "ies", e->m.publishers,
         e->m.publishers == 1 ? "" : "s");
    put(p, "</dl>\n");
}

/* The sentence of the first report, marked, and where it came from. */
static void event_first_report(pg *p, const rl_view_event *v)
{
    const rl_browse_event *ev = &v->ev;
    const rl_series_event *e = &ev->e;
    put(p, "<h2>First report</h2>\n");
    if (e->m.story_id) {
        rl_html_marks m = {e->m.evidence, ev->source_text, ev->target_text, e->m.date_expr, NULL};
        put(p, "<blockquote class=\"sentence first\" id=\"sentence\">");
        sentence(p, e->m.text, &m);
        put(p, "</blockquote>\n<dl class=\"facts\">");
        fact(p, "evidence");
        put(p, "<mark>");
        esc(p, e->m.evidence);
        put(p, "</mark></dd>");
        fact(p, "source words");
        esc(p, ev->source_text ? ev->source_text : "-");
        put(p, "</dd>");
        fact(p, "target words");
        esc(p, ev->target_text ? ev->target_text : "-");
        put(p, "</dd>");
        if (e->m.quantity > 0) {
            fact(p, "quantity");
            putf(p, "%.0f ", e->m.quantity);
            esc(p, e->m.quantity_unit);
            put(p, "</dd>");
        }
        fact(p, "story");
        put(p, "<a href=\"/story?id=");
        url(p, e->m.story_id);
        put(p, "\" id=\"story-id\">");
        esc(p, e->m.story_id);
        putf(p, "</a>, sentence %u</dd>", e->m.sentence);
        fact(p, "story date");
        day(p, e->m.story_date);
        put(p, "</dd>");
        if (v->story.title) {
            fact(p, "title");
            esc(p, v->story.title);
            put(p, "</dd>");
        }
        fact(p, "publisher");
        esc(p, e->m.publisher ? e->m.publisher : "-");
        put(p, "</dd>");
        fact(p, "url");
        ext_link(p, e->m.url);
        put(p, "</dd></dl>\n");
    } else {
        put(p, "<p class=\"empty\">No report is stored for this event.</p>\n");
    }
}

/* The stored sentences of its story around the first report. */
static void event_in_story(pg *p, const rl_view_event *v)
{
    const rl_browse_event *ev = &v->ev;
    const rl_series_event *e = &ev->e;
    if (!v->sentences.n)
        return;
    put(p, "<h2>In its story</h2>\n<p class=\"sub\">The store keeps the sentences that coded "
            "events; a gap in the numbering is sentences without one.</p>\n"
            "<ol class=\"story\" id=\"story\">\n");
    long last = -2;
    for (size_t i = 0; i < v->sentences.n; i++) {
        const rl_browse_report *s = &v->sentences.v[i];
        if ((long)s->sentence == last)
            continue; /* one line per sentence */
        if ((long)s->sentence > last + 1 && last >= -1)
            put(p, "<li class=\"gap\" aria-hidden=\"true\">&hellip;</li>\n");
        last = (long)s->sentence;
        int here = s->sentence == e->m.sentence;
        putf(p, "<li value=\"%u\"%s>", s->sentence + 1, here ? " class=\"this\"" : "");
        if (here) {
            rl_html_marks m = {e->m.evidence, ev->source_text, ev->target_text, e->m.date_expr,
                               NULL};
            sentence(p, s->text, &m);
        } else {
            esc(p, s->text);
        }
        put(p, "</li>\n");
    }
    put(p, "</ol>\n");
    if (v->sentences.more)
        putf(p, "<p class=\"sub\">The first %zu reports of the story are shown.</p>\n",
             v->sentences.n);
}

/* The sentence coded again now, with explain's trace. */
static void event_trace(pg *p, rl_web_worker *w, const rl_view_event *v)
{
    const rl_series_event *e = &v->ev.e;
    put(p, "<h2>The coder's reading</h2>\n");
    if (v->explained) {
        put(p, "<p class=\"sub\">The first report's sentence coded again now with the story "
                "date ");
        day(p, e->m.story_date != RL_NODATE ? e->m.story_date : e->date);
        putf(p, ", as <code>redline explain</code> does, after the %u stored sentence%s of its "
                 "story before it (so that pronouns can refer back; sentences that coded no "
                 "event are not stored). The dictionaries may have changed since the story was "
                 "stored.</p>\n<pre class=\"trace\" id=\"trace\">", v->context,
             v->context == 1 ? "" : "s");
        esc(p, v->trace.data ? v->trace.data : "");
        putf(p, "</pre>\n<p>Coded now: %zu event%s.</p>\n<ul class=\"coded\">", v->coded.n,
             v->coded.n == 1 ? "" : "s");
        for (size_t i = 0; i < v->coded.n; i++) {
            const rl_event *c = &v->coded.v[i];
            put(p, "<li>");
            esc(p, c->source);
            put(p, " &rarr; ");
            esc(p, c->target);
            names_span(p, c->source, " &rarr; ", c->target);
            put(p, " ");
            code_cell(p, w, c->code);
            put(p, ", ");
            put(p, rl_modality_name(c->modality));
            put(p, ", ");
            day(p, c->date);
            put(p, ", evidence &ldquo;");
            esc(p, c->evidence);
            put(p, "&rdquo;</li>");
        }
        put(p, "</ul>\n");
    } else {
        put(p, "<p class=\"empty\">No trace: the server runs without dictionaries.</p>\n");
    }
}

unsigned rl_page_event(rl_web_worker *w, const rl_web_req *r, const rl_view_event *v,
                       rl_web_out *o)
{
    (void)r;
    pg p = {&o->body, 0, w->names};
    const rl_series_event *e = &v->ev.e;
    char title[160];
    snprintf(title, sizeof title, "Event %lld", (long long)e->id);
    page_begin(&p, w, title, NULL);
    putf(&p, "<h1>Event %lld: ", (long long)e->id);
    esc(&p, e->source);
    put(&p, " &rarr; ");
    esc(&p, e->target);
    names_span(&p, e->source, " &rarr; ", e->target);
    put(&p, ", ");
    code_cell(&p, w, e->cameo);
    event_facts(&p, w, &v->ev);
    event_first_report(&p, v);
    event_in_story(&p, v);
    putf(&p, "<h2>Reports (%u)</h2>\n", e->mentions);
    reports_table(&p, w, &v->reports, NULL, 1);
    if (v->reports.more)
        putf(&p, "<p class=\"sub\">The first %zu of %u reports.</p>\n", v->reports.n, e->mentions);
    event_trace(&p, w, v);
    page_end(&p, w);
    return done(&p, o);
}

/* ======================== story ======================== */

/* The story's sentences that coded nothing, and why, for auditing a miss. */
static void uncoded_table(pg *p, const rl_browse_uncoded *u)
{
    put(p, "<h2>Sentences without events</h2>\n");
    if (!u->n) {
        put(p, "<p class=\"empty\">Every stored sentence coded an event (stories stored "
               "before schema version 4 kept no others).</p>\n");
        return;
    }
    put(p, "<table class=\"uncoded\" id=\"uncoded-table\"><thead><tr><th>#</th><th>why no "
           "event</th><th>sentence</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < u->n; i++) {
        putf(p, "<tr><td class=\"num\">%u</td><td class=\"reason\">", u->v[i].sentence);
        esc(p, u->v[i].reason);
        put(p, "</td><td class=\"sentence\">");
        esc(p, u->v[i].text);
        put(p, "</td></tr>\n");
    }
    put(p, "</tbody></table>\n");
}

unsigned rl_page_story(rl_web_worker *w, const rl_web_req *r, const rl_view_story *v,
                       rl_web_out *o)
{
    (void)r;
    pg p = {&o->body, 0, w->names};
    const rl_browse_story *s = &v->story;
    page_begin(&p, w, "Story", NULL);
    put(&p, "<h1>Story ");
    esc(&p, s->id);
    put(&p, "</h1>\n<dl class=\"facts\">");
    fact(&p, "title");
    esc(&p, s->title ? s->title : "-");
    put(&p, "</dd>");
    fact(&p, "date");
    day(&p, s->date);
    put(&p, "</dd>");
    fact(&p, "publisher");
    esc(&p, s->publisher ? s->publisher : "-");
    put(&p, "</dd>");
    fact(&p, "url");
    ext_link(&p, s->url);
    putf(&p, "</dd>");
    fact(&p, "coded events");
    putf(&p, "%lu</dd></dl>\n", s->reports);
    reports_table(&p, w, &v->reports, NULL, 0);
    if (v->reports.more)
        putf(&p, "<p class=\"sub\">The first %zu of %lu.</p>\n", v->reports.n, s->reports);
    uncoded_table(&p, &v->uncoded);
    page_end(&p, w);
    return done(&p, o);
}

/* ======================== search ======================== */

/* the order of the results: a select that keeps its value */
static void sort_select(pg *p, int sort)
{
    static const char *const labels[RL_ORDER_COUNT] = {"newest first", "oldest first",
                                                       "latest stored", "best match"};
    put(p, "<label>sort <select name=\"sort\" id=\"sort\">");
    for (int i = 0; i < RL_ORDER_COUNT; i++)
        putf(p, "<option value=\"%s\"%s>%s</option>", rl_browse_order_name(i),
             i == sort ? " selected" : "", labels[i]);
    put(p, "</select></label> ");
}

/* the search's results as CSV */
static void search_csv_link(pg *p, const rl_web_req *r)
{
    char f[11] = "", t[11] = "";
    if (r->from != RL_NODATE)
        rl_day_format(r->from, f);
    if (r->to != RL_NODATE)
        rl_day_format(r->to, t);
    const char *kv[] = {"q", r->q, "actor", r->actor, "cameo", r->cameo, "from", f, "to", t,
                        "sort", r->sort ? rl_browse_order_name(r->sort) : ""};
    csv_link(p, "/api/search", kv, sizeof kv / sizeof kv[0], "search.csv",
             "these results (5,000 rows a file)");
}

unsigned rl_page_search(rl_web_worker *w, const rl_web_req *r, const rl_view_search *v,
                        rl_web_out *o)
{
    pg p = {&o->body, 0, w->names};
    page_begin(&p, w, "Search", r->q);
    put(&p, "<h1>Search</h1>\n<form class=\"filters\" method=\"get\" action=\"/search\">"
            "<label>words <input type=\"search\" name=\"q\" maxlength=\"256\" value=\"");
    esc(&p, r->q);
    put(&p, "\" placeholder=\"troops border\"></label> <label>actor <input name=\"actor\" "
            "maxlength=\"64\" value=\"");
    esc(&p, r->actor);
    put(&p, "\" placeholder=\"RUS, RUSMIL or Putin\"></label> <label>CAMEO code <input "
            "name=\"cameo\" maxlength=\"4\" pattern=\"[0-9]{2,4}\" value=\"");
    esc(&p, r->cameo);
    put(&p, "\" placeholder=\"19\"></label> ");
    date_input(&p, "from", "from", r->from);
    date_input(&p, "to", "to", r->to);
    sort_select(&p, r->sort);
    put(&p, "<button>Search</button></form>\n");
    if (!v->asked) {
        put(&p, "<p class=\"sub\">Words are found in the coded sentences (every word must "
                "occur; <code>sanction*</code> matches a prefix; accents are ignored). An actor "
                "is a stored code (RUS: every Russian actor; RUSMIL: only that code) or words "
                "of the name the stories used (Putin). A CAMEO code finds its code and the "
                "codes under it (19: every fight). Results are reports, by the event's date, "
                "newest first, unless sorted otherwise.</p>\n");
        page_end(&p, w);
        return done(&p, o);
    }
    if (v->res.more)
        putf(&p, "<p class=\"sub\">More than %lu reports match", v->res.total - 1);
    else
        putf(&p, "<p class=\"sub\">%lu report%s match%s", v->res.total,
             v->res.total == 1 ? "" : "s", v->res.total == 1 ? "es" : "");
    if (r->given & P_ACTOR)
        put(&p, v->actor_is_code ? " (actor searched as a code)" : " (actor searched as name words)");
    put(&p, ".</p>\n");
    if (v->res.n)
        search_csv_link(&p, r);
    if (v->res.n) {
        reports_table(&p, w, &v->res, r->q, 1);
        if (v->pages > 1) {
            char pn[16], pp[16], cq[5];
            snprintf(pp, sizeof pp, "%u", v->page - 1);
            snprintf(pn, sizeof pn, "%u", v->page + 1);
            snprintf(cq, sizeof cq, "%s", r->cameo);
            char f[11] = "", t[11] = "";
            if (r->from != RL_NODATE)
                rl_day_format(r->from, f);
            if (r->to != RL_NODATE)
                rl_day_format(r->to, t);
            put(&p, "<nav class=\"pager\">");
            for (int k = 0; k < 2; k++) {
                int prev = k == 0;
                if (prev ? v->page <= 1 : v->page >= v->pages || v->page >= WEB_MAX_PAGE) {
                    put(&p, prev ? "<span>&laquo; previous</span> " : " <span>next &raquo;</span>");
                    continue;
                }
                const char *kv[] = {"q", r->q, "actor", r->actor, "cameo", cq, "from", f,
                                    "to", t, "sort", r->sort ? rl_browse_order_name(r->sort) : "",
                                    "page", prev ? pp : pn};
                put(&p, prev ? "<a rel=\"prev\" href=\"/search" : " <a rel=\"next\" href=\"/search");
                query(&p, kv, sizeof kv / sizeof kv[0]);
                put(&p, prev ? "\">&laquo; previous</a> " : "\">next &raquo;</a>");
                if (prev)
                    putf(&p, "<span>page %u of %u</span>", v->page, v->pages);
            }
            put(&p, "</nav>\n");
        }
    }
    page_end(&p, w);
    return done(&p, o);
}

/* ======================== errors ======================== */

static const char *reason(unsigned status)
{
    switch (status) {
    case 400: return "Bad request";
    case 404: return "Not found";
    case 405: return "Method not allowed";
    case 414: return "URI too long";
    case 503: return "Busy";
    default: return "Server error";
    }
}

unsigned rl_page_error(const rl_web_worker *w, const rl_web_err *e, rl_web_out *o)
{
    static const rl_web_worker none = {0};
    pg p = {&o->body, 0, w->names};
    char title[64];
    snprintf(title, sizeof title, "%u %s", e->status, reason(e->status));
    if (!w)
        w = &none;
    page_begin(&p, w, title, NULL);
    put(&p, "<h1>");
    esc(&p, title);
    put(&p, "</h1>\n<p class=\"error\" id=\"error\">");
    esc(&p, e->msg);
    put(&p, "</p>\n<p><a href=\"/\">overview</a> &middot; <a href=\"/search\">search</a></p>\n");
    page_end(&p, w);
    o->type = "text/html; charset=utf-8";
    return p.err ? 500 : e->status;
}
