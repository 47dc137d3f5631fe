/* report.c: terminal, JSON and SVG renderings of dyad series and force
 * rankings. Text widths are counted in code points so that the Unicode bars
 * line up; SVG is written element by element with XML escaping. */
#include "store/report.h"
#include "store/alert.h"
#include "text/clean.h"
#include "base/day.h"
#include "base/csv.h"

#include <jansson.h>
#include <string.h>

/* ======================== shared helpers ======================== */

static void side_label(const rl_series *s, int b, char *out, size_t cap)
{
    int n = b ? s->nb : s->na;
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n && len + 1 < cap; i++) {
        int w = snprintf(out + len, cap - len, "%s%s", i ? "," : "", b ? s->b[i] : s->a[i]);
        if (w < 0)
            break;
        len += (size_t)w;
    }
}

static void period_label(rl_day start, int by, char out[11])
{
    rl_day_format(start, out);
    if (by == RL_BY_MONTH)
        out[7] = '\0';
}

/* small math without libm (the build links none) */
static double absd(double x) { return x < 0 ? -x : x; }
static long round_pos(double x) { return x <= 0 ? 0 : (long)(x + 0.5); }

static int utf8_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Writes at most max code points of s (tabs and newlines as spaces), with
 * "..." when cut. */
static void put_clipped(FILE *out, const char *s, size_t max)
{
    size_t cps = 0, i = 0, n = s ? strlen(s) : 0;
    while (i < n) {
        if (cps == max) {
            fputs("...", out);
            return;
        }
        unsigned char c = (unsigned char)s[i];
        if (c == '\n' || c == '\t' || c == '\r') {
            fputc(' ', out);
            i++;
        } else {
            size_t j = i + 1;
            while (j < n && utf8_cont((unsigned char)s[j]))
                j++;
            fwrite(s + i, 1, j - i, out);
            i = j;
        }
        cps++;
    }
}

/* the largest count of a track (talks with the scheduled incidents drawn on
 * top of them when sched is set) */
static unsigned max_track_s(const rl_series *s, int force, int sched)
{
    unsigned m = 0;
    for (size_t i = 0; i < s->n; i++) {
        unsigned v = force ? s->p[i].all.force
                           : s->p[i].all.talks + (sched ? s->p[i].all.scheduled : 0);
        if (v > m)
            m = v;
    }
    return m;
}

static unsigned max_track(const rl_series *s, int force) { return max_track_s(s, force, 0); }

/* ======================== terminal ======================== */

/* a bar of exactly width columns, in eighths of a block */
static void put_bar(FILE *out, unsigned v, unsigned max, int width)
{
    static const char *const part[8] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
    long eighths = max ? round_pos((double)v / max * width * 8) : 0;
    if (v > 0 && eighths == 0)
        eighths = 1;
    int cols = 0;
    for (; eighths >= 8; eighths -= 8, cols++)
        fputs("█", out);
    if (eighths > 0) {
        fputs(part[eighths], out);
        cols++;
    }
    if (v == 0) {
        fputs("·", out);
        cols++;
    }
    for (; cols < width; cols++)
        fputc(' ', out);
}

static void put_spark(FILE *out, const rl_series *s, int force)
{
    static const char *const ticks[8] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    unsigned max = max_track(s, force);
    for (size_t i = 0; i < s->n; i++) {
        unsigned v = force ? s->p[i].all.force : s->p[i].all.talks;
        int k = v == 0 || max == 0 ? 0 : 1 + (int)round_pos((double)(v - 1) / (max > 1 ? max - 1 : 1) * 6);
        fputs(ticks[k], out);
    }
}

/* "  [Russia: military > Ukraine]" after an event's codes, when names are known */
static void put_names(FILE *out, const rl_names *names, const char *a, const char *sep,
                      const char *b)
{
    char an[256], bn[256];
    rl_names_format(names, a, an, sizeof an);
    rl_names_format(names, b, bn, sizeof bn);
    if (an[0] || bn[0])
        fprintf(out, "  [%s%s%s]", an[0] ? an : a, sep, bn[0] ? bn : b);
}

static void put_evidence(FILE *out, const rl_series_event *e, const char *track,
                         const rl_names *names)
{
    char d[11];
    rl_day_format(e->date, d);
    fprintf(out, "    %s %s %s>%s %s %s", track, d, e->source, e->target, e->cameo,
            rl_modality_name(e->modality));
    if (e->m.quantity > 0)
        fprintf(out, " (%.0f %s)", e->m.quantity, e->m.quantity_unit);
    if (e->mirror)
        fputs(" (both directions)", out);
    if (e->claimed_by[0])
        fprintf(out, " (claim by %s)", e->claimed_by);
    if (e->nalso)
        fprintf(out, " (+%u merged report%s)", e->nalso, e->nalso == 1 ? "" : "s");
    fprintf(out, ", %u mention%s: %s sentence %u", e->mentions, e->mentions == 1 ? "" : "s",
            e->m.story_id ? e->m.story_id : "?", e->m.sentence);
    put_names(out, names, e->source, " > ", e->target);
    fputc('\n', out);
    fputs("        \"", out);
    put_clipped(out, e->m.text, 150);
    fputs("\"\n", out);
}

static void put_split(FILE *out, unsigned total, unsigned ab, unsigned ba)
{
    char buf[40];
    int n = snprintf(buf, sizeof buf, "%4u (%u/%u)", total, ab, ba);
    fputs(buf, out);
    for (; n < 14; n++)
        fputc(' ', out);
}

int rl_report_trend_text(FILE *out, const rl_series *s, unsigned evidence)
{
    char a[400], b[400], f[11], t[11];
    side_label(s, 0, a, sizeof a);
    side_label(s, 1, b, sizeof b);
    if (s->undated)
        fprintf(out, "%s <-> %s: %lu undated reports (%u talks, %u force, %u scheduled) in no "
                "period: their stories have no date\n", a, b, s->undated, s->undated_cell.talks,
                s->undated_cell.force, s->undated_cell.scheduled);
    if (s->n == 0) {
        fprintf(out, "%s <-> %s: no events", a, b);
        if (s->from != RL_NODATE && s->to != RL_NODATE) {
            rl_day_format(s->from, f);
            rl_day_format(s->to, t);
            fprintf(out, " (from %s to %s)", f, t);
        }
        fputc('\n', out);
        return ferror(out) ? -1 : 0;
    }
    rl_day_format(s->from, f);
    rl_day_format(s->to, t);
    fprintf(out, "%s <-> %s, %s to %s by %s (%zu period%s)\n", a, b, f, t, rl_by_name(s->by),
            s->n, s->n == 1 ? "" : "s");
    if (s->names && s->na == 1 && s->nb == 1) {
        put_names(out, s->names, s->a[0], " <-> ", s->b[0]);
        fputc('\n', out);
    }
    fprintf(out, "%u incidents (%u mentions): %u talks, %u force, %u scheduled", s->total.events,
            s->total.mentions, s->total.talks, s->total.force, s->total.scheduled);
    if (s->total.claims)
        fprintf(out, " (%u claims)", s->total.claims);
    if (s->uncounted)
        fprintf(out, "; %u negated or hypothetical not counted", s->uncounted);
    fputs("\n  talks: meetings, negotiation, mediation, agreements, intent to meet or settle\n"
          "  force: threats and ultimatums, force posture, sanctions, coercion, assaults,\n"
          "         fighting, demands to withdraw\n", out);
    fprintf(out, "  counted: incidents (a symmetric act's two directions once; reports of one event\n"
            "  %d day apart, same country dyad and root, shared evidence, merged: %u); scheduled\n"
            "  apart (%u) and never read; intensity = |Goldstein| sum; a reading needs %d events\n"
            "  from %d stories; the first period reads nothing. %lu stories name both sides.\n\n",
            RL_SERIES_WINDOW, s->total.merged, s->total.scheduled, RL_SERIES_MIN_EVENTS,
            RL_SERIES_MIN_STORIES, s->stories);
    fputs("talks ", out);
    put_spark(out, s, 0);
    fputs("\nforce ", out);
    put_spark(out, s, 1);
    fputs("\n\n", out);
    unsigned mt = max_track(s, 0), mf = max_track(s, 1), mx = mt > mf ? mt : mf;
    const char *plabel = s->by == RL_BY_WEEK ? "week of" : s->by == RL_BY_MONTH ? "month" : "day";
    fprintf(out, "%-10s  %-10s %-14s %-10s %-14s %-13s %9s %6s  reading\n", plabel, "talks",
            "(A>B/B>A)", "force", "(A>B/B>A)", "quad 1/2/3/4", "Goldstein", "mean");
    for (size_t i = 0; i < s->n; i++) {
        const rl_series_period *p = &s->p[i];
        char pl[11], q[40];
        period_label(p->start, s->by, pl);
        fprintf(out, "%-10s  ", pl);
        put_bar(out, p->all.talks, mx, 10);
        fputc(' ', out);
        put_split(out, p->all.talks, p->ab.talks, p->ba.talks);
        fputc(' ', out);
        put_bar(out, p->all.force, mx, 10);
        fputc(' ', out);
        put_split(out, p->all.force, p->ab.force, p->ba.force);
        snprintf(q, sizeof q, "%u/%u/%u/%u", p->all.quad[0], p->all.quad[1], p->all.quad[2],
                 p->all.quad[3]);
        fprintf(out, " %-13s %+9.1f ", q, p->all.goldstein);
        if (p->all.events)
            fprintf(out, "%+6.2f", p->all.goldstein / p->all.events);
        else
            fprintf(out, "%6s", "-");
        fprintf(out, "  %s\n", rl_series_reading_name(p->reading));
        if (p->all.scheduled || p->all.claims || p->stories || p->all.talks + p->all.force) {
            fprintf(out, "      intensity talks %.1f force %.1f; scheduled %u; claims %u; %u stories",
                    p->all.talks_w, p->all.force_w, p->all.scheduled, p->all.claims, p->stories);
            if (p->stories)
                fprintf(out, " (per 100: talks %.0f, force %.0f)", 100.0 * p->all.talks / p->stories,
                        100.0 * p->all.force / p->stories);
            fputc('\n', out);
        }
        for (int tr = 0; tr < 2; tr++)
            for (unsigned k = 0; k < p->ntop[tr] && k < evidence; k++)
                put_evidence(out, &p->top[tr][k], tr ? "force" : "talks", s->names);
    }
    return ferror(out) ? -1 : 0;
}

/* ======================== JSON ======================== */

json_t *rl_report_day_json(rl_day d)
{
    char b[11];
    if (d == RL_NODATE)
        return json_null();
    rl_day_format(d, b);
    return json_string(b);
}

/* A JSON string; invalid UTF-8 (jansson refuses it) is repaired to U+FFFD. */
json_t *rl_report_str_json(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    rl_buf b;
    rl_buf_init(&b);
    if (rl_utf8_repair(s, strlen(s), &b) >= 0)
        j = json_stringn(b.data ? b.data : "", b.len);
    rl_buf_release(&b);
    return j;
}

static json_t *cell_json(const rl_series_cell *c)
{
    json_t *o = json_object();
    json_object_set_new(o, "events", json_integer(c->events));
    json_object_set_new(o, "mentions", json_integer(c->mentions));
    json_t *q = json_array();
    for (int i = 0; i < 4; i++)
        json_array_append_new(q, json_integer(c->quad[i]));
    json_object_set_new(o, "quad_class", q);
    json_object_set_new(o, "goldstein_sum", json_real(c->goldstein));
    json_object_set_new(o, "goldstein_mean",
                        c->events ? json_real(c->goldstein / c->events) : json_null());
    json_object_set_new(o, "talks", json_integer(c->talks));
    json_object_set_new(o, "force", json_integer(c->force));
    json_object_set_new(o, "scheduled", json_integer(c->scheduled));
    json_object_set_new(o, "claims", json_integer(c->claims));
    json_object_set_new(o, "talks_weighted", json_real(c->talks_w));
    json_object_set_new(o, "force_weighted", json_real(c->force_w));
    json_object_set_new(o, "merged", json_integer(c->merged));
    return o;
}

/* the counts per 100 stories naming both sides; null without such stories */
static json_t *per100_json(const rl_series_cell *c, unsigned long stories)
{
    if (!stories)
        return json_null();
    double k = 100.0 / (double)stories;
    json_t *o = json_object();
    json_object_set_new(o, "talks", json_real(c->talks * k));
    json_object_set_new(o, "force", json_real(c->force * k));
    json_object_set_new(o, "scheduled", json_real(c->scheduled * k));
    json_object_set_new(o, "talks_weighted", json_real(c->talks_w * k));
    json_object_set_new(o, "force_weighted", json_real(c->force_w * k));
    return o;
}

/* the counting rules, as docs/store.md states them */
static json_t *rules_json(void)
{
    json_t *o = json_object();
    json_object_set_new(o, "weight", json_string("|goldstein|"));
    json_object_set_new(o, "min_events", json_integer(RL_SERIES_MIN_EVENTS));
    json_object_set_new(o, "min_stories", json_integer(RL_SERIES_MIN_STORIES));
    json_object_set_new(o, "merge_window_days", json_integer(RL_SERIES_WINDOW));
    json_object_set_new(o, "first_period", json_string("no reading"));
    json_object_set_new(o, "scheduled", json_string("counted apart, never in a reading"));
    json_object_set_new(o, "symmetric", json_string("both directions of one sentence: one event"));
    return o;
}

/* a code's name (names.h) as JSON: "" without names */
static json_t *name_json(const rl_names *names, const char *code)
{
    char buf[256];
    return rl_report_str_json(rl_names_format(names, code, buf, sizeof buf));
}

static json_t *event_json(const rl_series_event *e, const rl_names *names)
{
    json_t *o = json_object();
    json_object_set_new(o, "event_id", json_integer(e->id));
    json_object_set_new(o, "date", rl_report_day_json(e->date));
    json_object_set_new(o, "source", rl_report_str_json(e->source));
    json_object_set_new(o, "target", rl_report_str_json(e->target));
    json_object_set_new(o, "source_name", name_json(names, e->source));
    json_object_set_new(o, "target_name", name_json(names, e->target));
    json_object_set_new(o, "cameo", rl_report_str_json(e->cameo));
    json_object_set_new(o, "modality", json_string(rl_modality_name(e->modality)));
    json_object_set_new(o, "track", json_string(rl_track_name(e->track)));
    json_object_set_new(o, "goldstein", json_real(e->goldstein));
    json_object_set_new(o, "mentions", json_integer(e->mentions));
    json_object_set_new(o, "stories", json_integer(e->stories ? e->stories : e->m.stories));
    json_object_set_new(o, "publishers", json_integer(e->sources ? e->sources : e->m.publishers));
    json_object_set_new(o, "mirror", json_boolean(e->mirror));
    json_object_set_new(o, "claimed_by", e->claimed_by[0] ? json_string(e->claimed_by)
                                                          : rl_report_str_json(NULL));
    json_t *also = json_array();
    for (unsigned k = 0; k < e->nalso && k < RL_SERIES_ALSO; k++)
        json_array_append_new(also, json_integer(e->also[k]));
    json_object_set_new(o, "merged", also);
    json_object_set_new(o, "merged_count", json_integer(e->nalso));
    json_object_set_new(o, "story_id", rl_report_str_json(e->m.story_id));
    json_object_set_new(o, "sentence", json_integer(e->m.sentence));
    json_object_set_new(o, "story_date", rl_report_day_json(e->m.story_date));
    json_object_set_new(o, "date_expr", rl_report_str_json(e->m.date_expr));
    json_object_set_new(o, "evidence", rl_report_str_json(e->m.evidence));
    if (e->m.quantity > 0) {
        json_t *q = json_object();
        json_object_set_new(q, "value", json_real(e->m.quantity));
        json_object_set_new(q, "unit", rl_report_str_json(e->m.quantity_unit));
        json_object_set_new(o, "quantity", q);
    }
    json_object_set_new(o, "text", rl_report_str_json(e->m.text));
    json_object_set_new(o, "publisher", rl_report_str_json(e->m.publisher));
    json_object_set_new(o, "url", rl_report_str_json(e->m.url));
    return o;
}

static json_t *codes_json(int track)
{
    json_t *a = json_array();
    const char *const *c = rl_series_track_codes(track);
    for (size_t i = 0; c && c[i]; i++)
        json_array_append_new(a, json_string(c[i]));
    return a;
}

static int dump(FILE *out, json_t *o)
{
    int rc = json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
    json_decref(o);
    fputc('\n', out);
    return rc || ferror(out) ? -1 : 0;
}

json_t *rl_report_event_json_new(const rl_series_event *e, const rl_names *names)
{
    return event_json(e, names);
}

int rl_report_trend_json(FILE *out, const rl_series *s)
{
    json_t *o = rl_report_trend_json_new(s);
    return o ? dump(out, o) : -1;
}

json_t *rl_report_trend_json_new(const rl_series *s)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_t *a = json_array(), *b = json_array();
    for (int i = 0; i < s->na; i++)
        json_array_append_new(a, json_string(s->a[i]));
    for (int i = 0; i < s->nb; i++)
        json_array_append_new(b, json_string(s->b[i]));
    json_object_set_new(o, "a", a);
    json_object_set_new(o, "b", b);
    json_t *an = json_array(), *bn = json_array();
    for (int i = 0; i < s->na; i++)
        json_array_append_new(an, name_json(s->names, s->a[i]));
    for (int i = 0; i < s->nb; i++)
        json_array_append_new(bn, name_json(s->names, s->b[i]));
    json_object_set_new(o, "a_names", an);
    json_object_set_new(o, "b_names", bn);
    json_object_set_new(o, "from", rl_report_day_json(s->n ? s->from : RL_NODATE));
    json_object_set_new(o, "to", rl_report_day_json(s->n ? s->to : RL_NODATE));
    json_object_set_new(o, "by", json_string(rl_by_name(s->by)));
    json_t *tr = json_object();
    json_object_set_new(tr, "talks", codes_json(RL_TRACK_TALKS));
    json_object_set_new(tr, "force", codes_json(RL_TRACK_FORCE));
    json_object_set_new(o, "tracks", tr);
    json_object_set_new(o, "rules", rules_json());
    json_object_set_new(o, "total", cell_json(&s->total));
    json_object_set_new(o, "stories", json_integer((json_int_t)s->stories));
    json_object_set_new(o, "per_100_stories", per100_json(&s->total, s->stories));
    json_object_set_new(o, "uncounted", json_integer(s->uncounted));
    json_object_set_new(o, "undated", cell_json(&s->undated_cell));
    json_object_set_new(json_object_get(o, "undated"), "reports",
                        json_integer((json_int_t)s->undated));
    json_t *ps = json_array();
    for (size_t i = 0; i < s->n; i++) {
        const rl_series_period *p = &s->p[i];
        json_t *po = json_object();
        json_object_set_new(po, "start", rl_report_day_json(p->start));
        json_object_set_new(po, "end", rl_report_day_json(p->end));
        json_object_set_new(po, "reading", json_string(rl_series_reading_name(p->reading)));
        json_object_set_new(po, "all", cell_json(&p->all));
        json_object_set_new(po, "a_to_b", cell_json(&p->ab));
        json_object_set_new(po, "b_to_a", cell_json(&p->ba));
        json_object_set_new(po, "uncounted", json_integer(p->uncounted));
        json_object_set_new(po, "stories", json_integer(p->stories));
        json_object_set_new(po, "per_100_stories", per100_json(&p->all, p->stories));
        json_t *ev = json_object();
        for (int t = 0; t < 2; t++) {
            json_t *l = json_array();
            for (unsigned k = 0; k < p->ntop[t]; k++)
                json_array_append_new(l, event_json(&p->top[t][k], s->names));
            json_object_set_new(ev, t ? "force" : "talks", l);
        }
        json_object_set_new(po, "evidence", ev);
        json_array_append_new(ps, po);
    }
    json_object_set_new(o, "periods", ps);
    return o;
}

/* ======================== SVG ======================== */

static void put_xml(FILE *out, const char *s, size_t max)
{
    size_t cps = 0;
    rl_buf fixed;
    rl_buf_init(&fixed);
    /* invalid UTF-8 would make the file invalid XML: U+FFFD instead */
    if (s && rl_utf8_repair(s, strlen(s), &fixed) > 0 && fixed.data)
        s = fixed.data;
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (!utf8_cont(c) && cps++ == max) {
            fputs("...", out);
            break;
        }
        switch (c) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&apos;", out); break;
        default:
            if (c < 0x20)
                fputc(' ', out); /* control characters are not allowed in XML 1.0 */
            else
                fputc(c, out);
        }
    }
    rl_buf_release(&fixed);
}

static const char *reading_color(int r)
{
    static const char *const c[RL_READ_COUNT] = {
        "#e2e8f0", "#2b6cb0", "#c53030", "#805ad5", "#a0aec0", "#718096", "#f7fafc", "#ffffff",
    };
    return r >= 0 && r < RL_READ_COUNT ? c[r] : "#ffffff";
}

#define C_TALKS "#2b6cb0"
#define C_FORCE "#c53030"
#define C_GOLD "#d69e2e"

/* The RL_SERIES_TOP strongest events of track tr (0 talks, 1 force) over all
 * periods, strongest first; returns how many. */
static size_t pick_best(const rl_series *s, int tr, const rl_series_event **best)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++)
        for (unsigned k = 0; k < s->p[i].ntop[tr]; k++) {
            const rl_series_event *e = &s->p[i].top[tr][k];
            size_t j = n < RL_SERIES_TOP ? n++ : RL_SERIES_TOP;
            while (j > 0 && (absd(e->goldstein) > absd(best[j - 1]->goldstein) ||
                             (absd(e->goldstein) == absd(best[j - 1]->goldstein) &&
                              e->mentions > best[j - 1]->mentions))) {
                if (j < RL_SERIES_TOP)
                    best[j] = best[j - 1];
                j--;
            }
            if (j < RL_SERIES_TOP)
                best[j] = e;
        }
    return n;
}

int rl_report_trend_svg(FILE *out, const rl_series *s) { return rl_report_trend_svg_opts(out, s, 0); }

/* y of a Goldstein score (-10..+10) on the chart's height, +10 at the top */
static double goldstein_y(double g, double mid, double half)
{
    g = g > 10 ? 10 : g < -10 ? -10 : g;
    return mid - half * g / 10.0;
}

/* The chart's geometry, computed once from the series. */
typedef struct svg_layout {
    char a[400], b[400];        /* the two sides' labels */
    double step, left, top, half, plot_w, width, height;
    double mid, strip, labels, caption;
    unsigned mx;                /* the largest count of either track */
    const rl_series_event *best[2 * RL_SERIES_TOP];
    size_t nbest;               /* the caption's strongest events */
} svg_layout;

static void svg_measure(const rl_series *s, svg_layout *L)
{
    side_label(s, 0, L->a, sizeof L->a);
    side_label(s, 1, L->b, sizeof L->b);
    size_t n = s->n ? s->n : 1;
    L->step = 720.0 / (double)n;
    L->step = L->step < 4 ? 4 : L->step > 48 ? 48 : L->step;
    L->left = 64;
    L->top = 78;
    L->half = 130;
    L->plot_w = L->step * (double)n;
    L->width = L->left + L->plot_w + 40;
    /* room for the legend of readings under the chart */
    double legend = L->left + 178 + 10;
    for (int r = 0; r < RL_READ_COUNT; r++)
        legend += 20 + 5.6 * (double)strlen(rl_series_reading_name(r));
    if (L->width < legend)
        L->width = legend;
    if (L->width < 760)
        L->width = 760;
    L->mid = L->top + L->half;
    L->strip = L->mid + L->half + 10;
    L->labels = L->strip + 26;
    /* the caption: the three strongest events of each track over the range */
    L->nbest = 0;
    for (int tr = 0; tr < 2; tr++)
        L->nbest += pick_best(s, tr, L->best + L->nbest);
    L->caption = L->labels + 104; /* under the legend of readings and the rules */
    L->height = L->caption + 20 + 18.0 * (double)L->nbest + 24;
    unsigned mt = max_track_s(s, 0, 1), mf = max_track(s, 1);
    L->mx = mt > mf ? mt : mf;
    if (L->mx == 0)
        L->mx = 1;
}

/* The document head, the title lines and the colour legend. */
static void svg_head(FILE *out, const rl_series *s, const svg_layout *L, unsigned flags)
{
    char f[11], t[11];
    rl_day_format(s->n ? s->from : RL_NODATE, f);
    rl_day_format(s->n ? s->to : RL_NODATE, t);
    if (!(flags & RL_SVG_INLINE))
        fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" font-family=\"Helvetica, Arial, sans-serif\" "
            "font-size=\"12\">\n", L->width, L->height, L->width, L->height);
    fputs("<title>", out);
    put_xml(out, L->a, 200);
    fputs(" and ", out);
    put_xml(out, L->b, 200);
    fputs(": talks and force</title>\n", out);
    fprintf(out, "<rect width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", L->width, L->height);
    fprintf(out, "<text x=\"%.0f\" y=\"28\" font-size=\"18\" font-weight=\"bold\">", L->left);
    put_xml(out, L->a, 200);
    fputs(" \xe2\x86\x94 ", out);
    put_xml(out, L->b, 200);
    fputs(": talks and force</text>\n", out);
    fprintf(out, "<text x=\"%.0f\" y=\"48\" fill=\"#4a5568\">%s to %s by %s: %u talks, %u force, "
            "%u scheduled, %u incidents in all; %lu stories name both sides</text>\n", L->left, f,
            t, rl_by_name(s->by), s->total.talks, s->total.force, s->total.scheduled,
            s->total.events, s->stories);
    double left = L->left;
    fprintf(out, "<g font-size=\"11\"><rect x=\"%.0f\" y=\"58\" width=\"10\" height=\"10\" "
            "fill=\"" C_TALKS "\"/><text x=\"%.0f\" y=\"67\">talks (up)</text>"
            "<rect x=\"%.0f\" y=\"58\" width=\"10\" height=\"10\" fill=\"" C_FORCE "\"/>"
            "<text x=\"%.0f\" y=\"67\">force (down)</text>"
            "<rect x=\"%.0f\" y=\"58\" width=\"10\" height=\"10\" fill=\"none\" stroke=\""
            C_TALKS "\" stroke-dasharray=\"3 2\"/><text x=\"%.0f\" y=\"67\">scheduled</text></g>\n",
            left, left + 14, left + 90, left + 104, left + 180, left + 194);
    if (flags & RL_SVG_GOLDSTEIN)
        fprintf(out, "<g font-size=\"11\"><line x1=\"%.0f\" y1=\"63\" x2=\"%.0f\" y2=\"63\" "
                "stroke=\"" C_GOLD "\" stroke-width=\"2\"/><text x=\"%.0f\" y=\"67\">Goldstein "
                "mean (right axis, -10 to +10)</text></g>\n", left + 260, left + 276, left + 280);
}

/* Axes, grid and their labels. */
static void svg_axes(FILE *out, const svg_layout *L)
{
    double left = L->left, mid = L->mid, half = L->half;
    fprintf(out, "<g stroke=\"#cbd5e0\" stroke-width=\"1\">\n");
    for (int g = -2; g <= 2; g++)
        fprintf(out, "<line x1=\"%.0f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"%s/>\n", left,
                mid - half * g / 2.0, left + L->plot_w, mid - half * g / 2.0,
                g == 0 ? " stroke=\"#4a5568\"" : " stroke-dasharray=\"3,3\"");
    fputs("</g>\n<g font-size=\"10\" fill=\"#4a5568\" text-anchor=\"end\">\n", out);
    for (int g = -2; g <= 2; g++) {
        double v = L->mx * (g < 0 ? -g : g) / 2.0;
        if (v == (long)v) /* whole events only */
            fprintf(out, "<text x=\"%.0f\" y=\"%.1f\">%ld</text>\n", left - 6,
                    mid - half * g / 2.0 + 3, (long)v);
    }
    fputs("</g>\n", out);
    fprintf(out, "<text x=\"14\" y=\"%.1f\" font-size=\"10\" fill=\"#4a5568\" "
            "transform=\"rotate(-90 14 %.1f)\" text-anchor=\"middle\">distinct events, by their own date</text>\n",
            mid, mid);
    fprintf(out, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"10\" fill=\"#4a5568\" "
            "text-anchor=\"end\">reading</text>\n", left - 6, L->strip + 9);
}

/* One period: its bars, its tooltip and its cell of the reading strip. */
static void svg_period(FILE *out, const rl_series *s, const svg_layout *L, size_t i, unsigned flags)
{
    const rl_series_period *p = &s->p[i];
    double bw = L->step * 0.7;
    double x = L->left + L->step * (double)i, bx = x + (L->step - bw) / 2;
    double ht = L->half * p->all.talks / L->mx, hf = L->half * p->all.force / L->mx;
    char pl[11], pe[11];
    rl_day_format(p->start, pl);
    rl_day_format(p->end, pe);
    if (flags & RL_SVG_LINKS)
        fprintf(out, "<a href=\"?from=%s&amp;to=%s\">", pl, pe);
    fputs("<g>", out);
    fprintf(out, "<title>%s%s%s: talks %u, force %u, scheduled %u (intensity talks %.1f, force "
            "%.1f; %u stories naming both); %s", pl, p->end != p->start ? " to " : "",
            p->end != p->start ? pe : "", p->all.talks, p->all.force, p->all.scheduled,
            p->all.talks_w, p->all.force_w, p->stories, rl_series_reading_name(p->reading));
    if ((flags & RL_SVG_GOLDSTEIN) && p->all.events)
        fprintf(out, "; Goldstein mean %+.2f", p->all.goldstein / p->all.events);
    for (int tr = 0; tr < 2; tr++)
        if (p->ntop[tr]) {
            fprintf(out, "&#10;%s: %s %s&gt;%s: ", tr ? "force" : "talks", p->top[tr][0].cameo,
                    p->top[tr][0].source, p->top[tr][0].target);
            put_xml(out, p->top[tr][0].m.text, 140);
        }
    fputs("</title>", out);
    if (p->all.talks)
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\""
                C_TALKS "\"/>", bx, L->mid - ht, bw, ht);
    if (p->all.scheduled) { /* announced, not held: an outline on top of the talks */
        double hs = L->half * p->all.scheduled / L->mx;
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" "
                "stroke=\"" C_TALKS "\" stroke-dasharray=\"3 2\"/>", bx + 0.5, L->mid - ht - hs,
                bw - 1 > 1 ? bw - 1 : 1, hs);
    }
    if (p->all.force)
        fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\""
                C_FORCE "\"/>", bx, L->mid, bw, hf);
    fprintf(out, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"10\" fill=\"%s\"/>",
            x + 0.5, L->strip, L->step - 1 > 1 ? L->step - 1 : 1, reading_color(p->reading));
    fputs((flags & RL_SVG_LINKS) ? "</g></a>\n" : "</g>\n", out);
}

/* Bars, reading strip and period labels. */
static void svg_bars(FILE *out, const rl_series *s, const svg_layout *L, unsigned flags)
{
    size_t every = (size_t)(46.0 / L->step) + 1;
    if (every < 1)
        every = 1;
    for (size_t i = 0; i < s->n; i++) {
        svg_period(out, s, L, i, flags);
        if (i % every == 0) {
            char pl[11];
            double x = L->left + L->step * (double)i;
            period_label(s->p[i].start, s->by, pl);
            fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#4a5568\" "
                    "text-anchor=\"end\" transform=\"rotate(-40 %.1f %.1f)\">%s</text>\n",
                    x + L->step / 2, L->labels, x + L->step / 2, L->labels, pl);
        }
    }
}

/* The Goldstein line: one segment per run of periods with events. */
static void svg_goldstein(FILE *out, const rl_series *s, const svg_layout *L)
{
    fputs("<g font-size=\"10\" fill=\"#4a5568\">\n", out);
    for (int g = -10; g <= 10; g += 5)
        fprintf(out, g ? "<text x=\"%.1f\" y=\"%.1f\">%+d</text>\n"
                       : "<text x=\"%.1f\" y=\"%.1f\">%d</text>\n", L->left + L->plot_w + 4,
                goldstein_y(g, L->mid, L->half) + 3, g);
    fputs("</g>\n<g fill=\"none\" stroke=\"" C_GOLD "\" stroke-width=\"2\">\n", out);
    int open = 0;
    for (size_t i = 0; i < s->n; i++) {
        const rl_series_period *p = &s->p[i];
        if (!p->all.events) {
            if (open)
                fputs("\"/>\n", out);
            open = 0;
            continue;
        }
        double x = L->left + L->step * ((double)i + 0.5);
        double y = goldstein_y(p->all.goldstein / p->all.events, L->mid, L->half);
        fprintf(out, "%s%.1f,%.1f", open ? " " : "<polyline points=\"", x, y);
        open = 1;
    }
    if (open)
        fputs("\"/>\n", out);
    fputs("</g>\n<g fill=\"" C_GOLD "\">\n", out);
    for (size_t i = 0; i < s->n; i++)
        if (s->p[i].all.events)
            fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>\n",
                    L->left + L->step * ((double)i + 0.5),
                    goldstein_y(s->p[i].all.goldstein / s->p[i].all.events, L->mid, L->half));
    fputs("</g>\n", out);
}

static void svg_reading_legend(FILE *out, const svg_layout *L)
{
    double lx = L->left, y = L->labels + 58;
    fprintf(out, "<g font-size=\"10\"><text x=\"%.0f\" y=\"%.1f\" fill=\"#4a5568\">reading "
            "(vs the period before):</text>\n", lx, y);
    lx += 178;
    for (int r = 0; r < RL_READ_COUNT; r++) {
        const char *name = rl_series_reading_name(r);
        fprintf(out, "<rect x=\"%.0f\" y=\"%.1f\" width=\"10\" height=\"10\" fill=\"%s\" "
                "stroke=\"#cbd5e0\"/><text x=\"%.0f\" y=\"%.1f\">%s</text>\n", lx, y - 9,
                reading_color(r),
                lx + 13, y, name);
        lx += 20 + 5.6 * (double)strlen(name);
    }
    /* the counting rules (docs/store.md, "Incidents") */
    fprintf(out, "<text x=\"%.0f\" y=\"%.1f\" fill=\"#4a5568\">Counted: incidents (a symmetric "
            "act's two directions once; reports of one event up to %d day apart merged); scheduled "
            "drawn dashed, never read;</text>\n", L->left, y + 16, RL_SERIES_WINDOW);
    fprintf(out, "<text x=\"%.0f\" y=\"%.1f\" fill=\"#4a5568\">a reading compares |Goldstein| "
            "sums and needs %d events from %d stories; the first period reads nothing.</text>\n",
            L->left, y + 29, RL_SERIES_MIN_EVENTS, RL_SERIES_MIN_STORIES);
    fputs("</g>\n", out);
}

/* The caption: the strongest events of each track. */
static void svg_caption(FILE *out, const svg_layout *L)
{
    if (!L->nbest)
        return;
    fprintf(out, "<text x=\"%.0f\" y=\"%.1f\" font-weight=\"bold\">Strongest events of each track</text>\n",
            L->left, L->caption + 12);
    for (size_t i = 0; i < L->nbest; i++) {
        const rl_series_event *e = L->best[i];
        char d[11];
        rl_day_format(e->date, d);
        fprintf(out, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"11\"><tspan fill=\"%s\">%s</tspan> "
                "%s %s&gt;%s %s (", L->left, L->caption + 30 + 18.0 * (double)i,
                e->track == RL_TRACK_FORCE ? C_FORCE : C_TALKS, rl_track_name(e->track), d,
                e->source, e->target, e->cameo);
        put_xml(out, e->m.story_id, 40);
        fprintf(out, " #%u): ", e->m.sentence);
        /* about 6 px a character at 11 px: fit the line to the width */
        long room = (long)((L->width - L->left - 16) / 6.0) - 40 -
                    (long)strlen(e->m.story_id ? e->m.story_id : "");
        put_xml(out, e->m.text, room > 20 ? (size_t)room : 20);
        fputs("</text>\n", out);
    }
}

int rl_report_trend_svg_opts(FILE *out, const rl_series *s, unsigned flags)
{
    svg_layout L;
    svg_measure(s, &L);
    svg_head(out, s, &L, flags);
    svg_axes(out, &L);
    svg_bars(out, s, &L, flags);
    if (flags & RL_SVG_GOLDSTEIN)
        svg_goldstein(out, s, &L);
    svg_reading_legend(out, &L);
    svg_caption(out, &L);
    fputs("</svg>\n", out);
    return ferror(out) ? -1 : 0;
}

/* ======================== top ======================== */

int rl_report_top_text(FILE *out, const rl_top *t)
{
    char f[11], to[11], pf[11], pt[11];
    rl_day_format(t->from, f);
    rl_day_format(t->to, to);
    rl_day_format(t->prev_from, pf);
    rl_day_format(t->prev_to, pt);
    fprintf(out, "force rising, %s to %s vs %s to %s (%lu distinct events read)\n", f, to, pf, pt,
            t->events);
    if (t->n == 0) {
        fputs(t->events ? "no dyad's force track rose\n" : "no events in these periods\n", out);
        return ferror(out) ? -1 : 0;
    }
    fprintf(out, "%3s  %-24s %5s %5s %5s  %5s %5s  %s\n", "#", "dyad", "force", "prev", "rise",
            "talks", "prev", "reading");
    for (size_t i = 0; i < t->n; i++) {
        const rl_top_row *r = &t->v[i];
        char dy[56];
        snprintf(dy, sizeof dy, "%s - %s", r->a, r->b);
        fprintf(out, "%3zu  %-24s %5u %5u %+5d  %5u %5u  %s", i + 1, dy, r->force, r->force_prev,
                r->rise, r->talks, r->talks_prev, rl_series_reading_name(r->reading));
        put_names(out, t->names, r->a, " - ", r->b);
        fputc('\n', out);
        const rl_series_event *e = &r->strongest;
        char d[11];
        rl_day_format(e->date, d);
        fprintf(out, "       strongest: %s %s>%s %s %s: %s sentence %u", d, e->source,
                e->target, e->cameo, rl_modality_name(e->modality),
                e->m.story_id ? e->m.story_id : "?", e->m.sentence);
        put_names(out, t->names, e->source, " > ", e->target);
        fputs("\n        \"", out);
        put_clipped(out, e->m.text, 140);
        fputs("\"\n", out);
    }
    return ferror(out) ? -1 : 0;
}

int rl_report_top_json(FILE *out, const rl_top *t)
{
    json_t *o = rl_report_top_json_new(t);
    return o ? dump(out, o) : -1;
}

json_t *rl_report_top_json_new(const rl_top *t)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    json_object_set_new(o, "from", rl_report_day_json(t->from));
    json_object_set_new(o, "to", rl_report_day_json(t->to));
    json_object_set_new(o, "prev_from", rl_report_day_json(t->prev_from));
    json_object_set_new(o, "prev_to", rl_report_day_json(t->prev_to));
    json_object_set_new(o, "events_read", json_integer((json_int_t)t->events));
    json_t *l = json_array();
    for (size_t i = 0; i < t->n; i++) {
        const rl_top_row *r = &t->v[i];
        json_t *d = json_object();
        json_object_set_new(d, "a", json_string(r->a));
        json_object_set_new(d, "b", json_string(r->b));
        json_object_set_new(d, "force", json_integer(r->force));
        json_object_set_new(d, "force_prev", json_integer(r->force_prev));
        json_object_set_new(d, "rise", json_integer(r->rise));
        json_object_set_new(d, "talks", json_integer(r->talks));
        json_object_set_new(d, "talks_prev", json_integer(r->talks_prev));
        json_object_set_new(d, "reading", json_string(rl_series_reading_name(r->reading)));
        json_object_set_new(d, "a_name", name_json(t->names, r->a));
        json_object_set_new(d, "b_name", name_json(t->names, r->b));
        json_object_set_new(d, "strongest", event_json(&r->strongest, t->names));
        json_array_append_new(l, d);
    }
    json_object_set_new(o, "dyads", l);
    return o;
}

/* ======================== CSV ======================== */

static const char *const trend_columns[] = {
    "a", "b", "a_name", "b_name", "start", "end", "events", "mentions", "talks", "force",
    "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean", "a_to_b_events",
    "a_to_b_talks", "a_to_b_force", "b_to_a_events", "b_to_a_talks", "b_to_a_force",
    "uncounted", "reading",
};
#define TREND_COLS (sizeof trend_columns / sizeof trend_columns[0])

/* the names of a side's codes, "; "-separated */
static void side_names(const rl_series *s, int b, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < (b ? s->nb : s->na) && len + 1 < cap; i++) {
        char nm[256];
        rl_names_format(s->names, b ? s->b[i] : s->a[i], nm, sizeof nm);
        int w = snprintf(out + len, cap - len, "%s%s", i ? "; " : "", nm);
        if (w < 0)
            break;
        len += (size_t)w > cap - len ? cap - len : (size_t)w;
    }
}

int rl_report_trend_csv(rl_buf *out, const rl_series *s)
{
    char a[400], b[400], an[1024], bn[1024];
    side_label(s, 0, a, sizeof a);
    side_label(s, 1, b, sizeof b);
    side_names(s, 0, an, sizeof an);
    side_names(s, 1, bn, sizeof bn);
    if (rl_csv_row(out, trend_columns, NULL, TREND_COLS))
        return -1;
    for (size_t i = 0; i < s->n; i++) {
        const rl_series_period *p = &s->p[i];
        char num[17][24], st[11], en[11];
        rl_day_format(p->start, st);
        rl_day_format(p->end, en);
        unsigned v[] = {p->all.events, p->all.mentions, p->all.talks, p->all.force,
                        p->all.quad[0], p->all.quad[1], p->all.quad[2], p->all.quad[3]};
        for (int k = 0; k < 8; k++)
            snprintf(num[k], sizeof num[k], "%u", v[k]);
        snprintf(num[8], sizeof num[8], "%.1f", p->all.goldstein);
        if (p->all.events)
            snprintf(num[9], sizeof num[9], "%.2f", p->all.goldstein / p->all.events);
        else
            num[9][0] = '\0';
        unsigned d[] = {p->ab.events, p->ab.talks, p->ab.force, p->ba.events, p->ba.talks,
                        p->ba.force, p->uncounted};
        for (int k = 0; k < 7; k++)
            snprintf(num[10 + k], sizeof num[10 + k], "%u", d[k]);
        const char *cells[TREND_COLS] = {
            a, b, an, bn, st, en, num[0], num[1], num[2], num[3], num[4], num[5], num[6], num[7],
            num[8], num[9], num[10], num[11], num[12], num[13], num[14], num[15], num[16],
            rl_series_reading_name(p->reading),
        };
        if (rl_csv_row(out, cells, NULL, TREND_COLS))
            return -1;
    }
    return 0;
}

static const char *const top_columns[] = {
    "rank", "a", "b", "a_name", "b_name", "force", "force_prev", "rise", "talks", "talks_prev",
    "reading", "strongest_event_id", "strongest_date", "strongest_source", "strongest_target",
    "strongest_cameo", "strongest_modality", "strongest_story_id", "strongest_sentence",
    "strongest_text",
};
#define TOP_COLS (sizeof top_columns / sizeof top_columns[0])

int rl_report_top_csv(rl_buf *out, const rl_top *t)
{
    if (rl_csv_row(out, top_columns, NULL, TOP_COLS))
        return -1;
    for (size_t i = 0; i < t->n; i++) {
        const rl_top_row *r = &t->v[i];
        const rl_series_event *e = &r->strongest;
        char num[8][24], an[256], bn[256], d[11];
        snprintf(num[0], sizeof num[0], "%zu", i + 1);
        snprintf(num[1], sizeof num[1], "%u", r->force);
        snprintf(num[2], sizeof num[2], "%u", r->force_prev);
        snprintf(num[3], sizeof num[3], "%d", r->rise);
        snprintf(num[4], sizeof num[4], "%u", r->talks);
        snprintf(num[5], sizeof num[5], "%u", r->talks_prev);
        snprintf(num[6], sizeof num[6], "%lld", (long long)e->id);
        snprintf(num[7], sizeof num[7], "%u", e->m.sentence);
        rl_day_format(e->date, d);
        const char *cells[TOP_COLS] = {
            num[0], r->a, r->b, rl_names_format(t->names, r->a, an, sizeof an),
            rl_names_format(t->names, r->b, bn, sizeof bn), num[1], num[2], num[3], num[4],
            num[5], rl_series_reading_name(r->reading), num[6], d, e->source, e->target,
            e->cameo, rl_modality_name(e->modality), e->m.story_id, num[7], e->m.text,
        };
        if (rl_csv_row(out, cells, NULL, TOP_COLS))
            return -1;
    }
    return 0;
}

/* ======================== alerts ======================== */

int rl_report_alerts_text(FILE *out, const rl_alerts *a)
{
    char d[11];
    rl_day_format(a->asof, d);
    if (a->n == 0) {
        fprintf(out, "no alert as of %s (%lu force events read)\n", d, a->events);
        return ferror(out) ? -1 : 0;
    }
    fprintf(out, "%zu alert%s as of %s (force per day over the last %d days against the %d "
            "before, over the square root of the rise in other coverage)\n", a->n,
            a->n == 1 ? "" : "s", d, RL_ALERT_RECENT, RL_ALERT_BASELINE);
    for (size_t i = 0; i < a->n; i++) {
        const rl_alert *al = &a->v[i];
        char s[11];
        rl_day_format(al->since, s);
        fprintf(out, "%s - %s  since %s  score %.1f: force %.1f from %u events (%u stories "
                "naming both) against %.1f in the baseline (%u stories); other coverage x%.1f\n",
                al->a, al->b, s, al->score, al->force_recent, al->events_recent,
                al->stories_recent, al->force_base, al->stories_base, al->busy);
        for (size_t k = 0; k < al->nev; k++) {
            const rl_series_event *e = &al->ev[k];
            char ed[11];
            rl_day_format(e->date, ed);
            fprintf(out, "    %s %s>%s %s (%u stories): %s sentence %u\n      \"", ed, e->source,
                    e->target, e->cameo, e->stories, e->m.story_id ? e->m.story_id : "?",
                    e->m.sentence);
            put_clipped(out, e->m.text, 140);
            fputs("\"\n", out);
        }
    }
    return ferror(out) ? -1 : 0;
}

json_t *rl_report_alerts_json_new(const rl_alerts *a)
{
    json_t *l = json_array();
    if (!l)
        return NULL;
    for (size_t i = 0; i < a->n; i++) {
        const rl_alert *al = &a->v[i];
        json_t *o = json_object();
        json_object_set_new(o, "a", json_string(al->a));
        json_object_set_new(o, "b", json_string(al->b));
        json_object_set_new(o, "since", rl_report_day_json(al->since));
        json_object_set_new(o, "score", json_real(al->score));
        json_object_set_new(o, "force_recent", json_real(al->force_recent));
        json_object_set_new(o, "force_baseline", json_real(al->force_base));
        json_object_set_new(o, "stories_recent", json_integer(al->stories_recent));
        json_object_set_new(o, "stories_baseline", json_integer(al->stories_base));
        json_object_set_new(o, "coverage_ratio", json_real(al->busy));
        json_object_set_new(o, "chance", json_real(al->chance));
        json_t *ev = json_array();
        for (size_t k = 0; k < al->nev; k++)
            json_array_append_new(ev, event_json(&al->ev[k], NULL));
        json_object_set_new(o, "events", ev);
        json_array_append_new(l, o);
    }
    return l;
}

int rl_report_alerts_json(FILE *out, const rl_alerts *a)
{
    json_t *o = rl_report_alerts_json_new(a);
    return o ? dump(out, o) : -1;
}
