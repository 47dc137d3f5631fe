/* browse.c: the dashboard's read-only queries over the event store (browse.h):
 * paged and filtered dyad events, latest events, counts, an event and its
 * reports, a story, full-text search. It reads what store.c wrote, through
 * the same connection, and never writes; aggregation over periods is
 * series.c's. Every value reaches SQLite as a bound parameter; the SQL text
 * is constant. */
#include "store/browse.h"
#include "base/day.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ======================== statements ======================== */

enum { Q_DYAD_PAGE, Q_DYAD_COUNT, Q_LATEST, Q_COUNTS, Q_EVENT, Q_FIRST, Q_REPORTS,
       Q_STORY, Q_STORY_REPORTS, Q_SEARCH, Q_SEARCH_OLDEST, Q_SEARCH_STORED, Q_SEARCH_RANK,
       Q_SEARCH_COUNT, Q_UNCODED, Q_COUNT };

#define EVENT_COLS "id, date, source, target, cameo, quad_class, goldstein, modality, num_mentions"
/* ?1 ?2 country parts, ?5 ?6 whole codes (NULL: any), ?3 ?4 dates, then the filters */
#define DYAD_FILTER                                                                        \
    "substr(source, 1, 3) = ?1 AND substr(target, 1, 3) = ?2 "                             \
    "AND (?5 IS NULL OR source = ?5) AND (?6 IS NULL OR target = ?6) "                     \
    "AND date BETWEEN ?3 AND ?4 AND (?7 IS NULL OR (cameo >= ?7 AND cameo < ?8)) "         \
    "AND (?9 IS NULL OR quad_class = ?9) AND (?10 IS NULL OR modality = ?10) "             \
    "AND (?11 IS NULL OR rl_track(cameo) = ?11)"
/* the reverse of the unique key: newest first, a total order */
#define NEWEST "ORDER BY date DESC, source DESC, target DESC, cameo DESC, modality DESC"
#define REPORT_COLS                                                                        \
    "m.rowid, m.event_id, m.story_id, m.sentence, m.date, m.story_date, m.source, "        \
    "m.target, m.cameo, m.root, m.quad_class, m.goldstein, m.modality, m.date_expr, "      \
    "m.evidence, m.source_text, m.target_text, m.quantity, m.quantity_unit, m.text, "      \
    "s.publisher, s.url, s.title, m.plover"
/* the first report of an event, as store.c's rl_store_first_mention orders them */
#define FIRST_ORDER "ORDER BY m.story_date IS NULL, m.story_date, m.story_id, m.sentence"
/* a search: the FTS5 query ?1, the dates ?2 ?3; the orders follow */
#define SEARCH_FROM "SELECT " REPORT_COLS " FROM mentions_fts f JOIN mentions m ON m.rowid = f.rowid " \
    "LEFT JOIN stories s ON s.id = m.story_id WHERE mentions_fts MATCH ?1 "                 \
    "AND (?2 IS NULL OR m.date >= ?2) AND (?3 IS NULL OR m.date <= ?3) "

static const char *const sql[Q_COUNT] = {
    [Q_DYAD_PAGE] = "SELECT " EVENT_COLS " FROM events WHERE " DYAD_FILTER " " NEWEST " LIMIT ?12",
    [Q_DYAD_COUNT] = "SELECT count(*) FROM events WHERE " DYAD_FILTER,
    [Q_LATEST] = "SELECT " EVENT_COLS " FROM events WHERE date <= ?1 " NEWEST " LIMIT ?2",
    [Q_COUNTS] = "SELECT substr(cameo, 1, 2), quad_class, count(*), sum(num_mentions) FROM events "
                 "WHERE date BETWEEN ?1 AND ?2 GROUP BY 1, 2",
    [Q_EVENT] = "SELECT " EVENT_COLS ", root, plover FROM events WHERE id = ?1",
    [Q_FIRST] = "SELECT m.story_id, m.sentence, m.story_date, m.text, m.date_expr, m.evidence, "
                "s.publisher, s.url, m.quantity, m.quantity_unit, e.num_stories, e.num_publishers, "
                "m.source_text, m.target_text FROM mentions m JOIN events e ON e.id = m.event_id "
                "LEFT JOIN stories s ON s.id = m.story_id WHERE m.event_id = ?1 " FIRST_ORDER
                " LIMIT 1",
    [Q_REPORTS] = "SELECT " REPORT_COLS " FROM mentions m LEFT JOIN stories s ON s.id = m.story_id "
                  "WHERE m.event_id = ?1 " FIRST_ORDER " LIMIT ?2",
    [Q_UNCODED] = "SELECT sentence, reason, text FROM uncoded WHERE story_id = ?1 "
                  "ORDER BY sentence LIMIT ?2",
    [Q_STORY] = "SELECT id, date, publisher, url, title, "
                "(SELECT count(*) FROM mentions WHERE story_id = ?1) FROM stories WHERE id = ?1",
    [Q_STORY_REPORTS] = "SELECT " REPORT_COLS " FROM mentions m LEFT JOIN stories s "
                        "ON s.id = m.story_id WHERE m.story_id = ?1 ORDER BY m.sentence, m.rowid "
                        "LIMIT ?2",
    [Q_SEARCH] = SEARCH_FROM "ORDER BY m.date IS NULL, m.date DESC, f.rowid DESC LIMIT ?4 OFFSET ?5",
    [Q_SEARCH_OLDEST] = SEARCH_FROM "ORDER BY m.date IS NULL, m.date, f.rowid LIMIT ?4 OFFSET ?5",
    [Q_SEARCH_STORED] = SEARCH_FROM "ORDER BY f.rowid DESC LIMIT ?4 OFFSET ?5",
    [Q_SEARCH_RANK] = SEARCH_FROM "ORDER BY f.rank, f.rowid DESC LIMIT ?4 OFFSET ?5",
    [Q_SEARCH_COUNT] = "SELECT count(*) FROM (SELECT 1 FROM mentions_fts f JOIN mentions m "
                       "ON m.rowid = f.rowid WHERE mentions_fts MATCH ?1 "
                       "AND (?2 IS NULL OR m.date >= ?2) AND (?3 IS NULL OR m.date <= ?3) "
                       "LIMIT ?4)",
};

struct rl_browse {
    rl_store *st;
    sqlite3 *db;
    sqlite3_stmt *q[Q_COUNT];
    struct timespec deadline;
    int has_deadline, timed_out;
};

/* ======================== helpers ======================== */

static int sq_fail(rl_browse *b)
{
    int code = sqlite3_errcode(b->db);
    if (code == SQLITE_INTERRUPT && b->timed_out)
        return RL_EIO;
    fprintf(stderr, "redline: store query failed: %s\n", sqlite3_errmsg(b->db));
    return code == SQLITE_NOMEM ? RL_ENOMEM : RL_EIO;
}

static sqlite3_stmt *stmt(rl_browse *b, int i)
{
    if (!b->q[i] &&
        sqlite3_prepare_v3(b->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &b->q[i], NULL)) {
        sq_fail(b);
        return NULL;
    }
    sqlite3_reset(b->q[i]);
    sqlite3_clear_bindings(b->q[i]);
    return b->q[i];
}

static void bind_day(sqlite3_stmt *q, int i, rl_day d, char buf[11])
{
    if (d == RL_NODATE) {
        sqlite3_bind_null(q, i);
        return;
    }
    rl_day_format(d, buf);
    sqlite3_bind_text(q, i, buf, 10, SQLITE_STATIC);
}

static rl_day col_day(sqlite3_stmt *q, int i)
{
    const char *t = (const char *)sqlite3_column_text(q, i);
    return t ? rl_day_parse(t) : RL_NODATE;
}

static void col_copy(sqlite3_stmt *q, int i, char *out, size_t cap)
{
    const char *t = (const char *)sqlite3_column_text(q, i);
    snprintf(out, cap, "%s", t ? t : "");
}

/* strdup of a column; *out NULL for SQL NULL. RL_OK or RL_ENOMEM. */
static int col_dup(sqlite3_stmt *q, int i, char **out)
{
    *out = NULL;
    if (sqlite3_column_type(q, i) == SQLITE_NULL)
        return RL_OK;
    const char *t = (const char *)sqlite3_column_text(q, i);
    if (!t)
        return RL_ENOMEM;
    return (*out = strdup(t)) ? RL_OK : RL_ENOMEM;
}

static int progress(void *ctx)
{
    rl_browse *b = ctx;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > b->deadline.tv_sec ||
        (now.tv_sec == b->deadline.tv_sec && now.tv_nsec >= b->deadline.tv_nsec)) {
        b->timed_out = 1;
        return 1;
    }
    return 0;
}

/* rl_track(cameo): the series track of a code (RL_TRACK_*), for filters */
static void sql_track(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const char *c = (const char *)sqlite3_value_text(argv[0]);
    sqlite3_result_int(cx, c ? rl_series_track(c) : RL_TRACK_NONE);
}

/* ======================== lifecycle ======================== */

rl_browse *rl_browse_new(rl_store *st)
{
    rl_browse *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->st = st;
    b->db = rl_store_sqlite(st);
    if (sqlite3_create_function(b->db, "rl_track", 1,
                                SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                                sql_track, NULL, NULL) != SQLITE_OK) {
        free(b);
        return NULL;
    }
    return b;
}

void rl_browse_free(rl_browse *b)
{
    if (!b)
        return;
    sqlite3_progress_handler(b->db, 0, NULL, NULL);
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(b->q[i]);
    free(b);
}

void rl_browse_deadline(rl_browse *b, unsigned ms)
{
    b->timed_out = 0;
    if (!ms) {
        b->has_deadline = 0;
        sqlite3_progress_handler(b->db, 0, NULL, NULL);
        return;
    }
    clock_gettime(CLOCK_MONOTONIC, &b->deadline);
    b->deadline.tv_sec += ms / 1000;
    b->deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
    if (b->deadline.tv_nsec >= 1000000000L) {
        b->deadline.tv_sec++;
        b->deadline.tv_nsec -= 1000000000L;
    }
    if (!b->has_deadline)
        sqlite3_progress_handler(b->db, 2000, progress, b);
    b->has_deadline = 1;
}

int rl_browse_timed_out(const rl_browse *b) { return b->timed_out; }

void rl_browse_filter_init(rl_browse_filter *f)
{
    memset(f, 0, sizeof *f);
    f->from = f->to = RL_NODATE;
    f->modality = -1;
    f->track = -1;
}

/* ======================== events ======================== */

void rl_browse_event_release(rl_browse_event *ev)
{
    if (!ev)
        return;
    rl_store_mention_release(&ev->e.m);
    free(ev->source_text);
    free(ev->target_text);
    ev->source_text = ev->target_text = NULL;
}

void rl_browse_events_release(rl_browse_events *l)
{
    for (size_t i = 0; i < l->n; i++)
        rl_browse_event_release(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Fills ev from a row of EVENT_COLS (no first report yet). */
static void event_from_row(rl_browse_event *ev, sqlite3_stmt *q)
{
    memset(ev, 0, sizeof *ev);
    rl_series_event *e = &ev->e;
    e->id = sqlite3_column_int64(q, 0);
    e->date = col_day(q, 1);
    col_copy(q, 2, e->source, sizeof e->source);
    col_copy(q, 3, e->target, sizeof e->target);
    col_copy(q, 4, e->cameo, sizeof e->cameo);
    ev->quad = sqlite3_column_int(q, 5);
    e->goldstein = sqlite3_column_double(q, 6);
    const char *m = (const char *)sqlite3_column_text(q, 7);
    e->modality = m ? rl_modality_parse(m) : -1;
    e->mentions = (unsigned)sqlite3_column_int(q, 8);
    e->track = rl_series_track(e->cameo);
    snprintf(ev->root, sizeof ev->root, "%.2s", e->cameo);
}

/* The first report of ev (store.c's order), with the words naming the actors. */
static int first_report(rl_browse *b, rl_browse_event *ev)
{
    sqlite3_stmt *q = stmt(b, Q_FIRST);
    if (!q)
        return RL_EIO;
    sqlite3_bind_int64(q, 1, ev->e.id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_DONE)
        return RL_OK; /* an event without reports: written by hand */
    if (rc != SQLITE_ROW)
        return sq_fail(b);
    rl_store_mention *m = &ev->e.m;
    m->sentence = (unsigned)sqlite3_column_int(q, 1);
    m->story_date = col_day(q, 2);
    m->quantity = sqlite3_column_double(q, 8);
    col_copy(q, 9, m->quantity_unit, sizeof m->quantity_unit);
    m->stories = (unsigned)sqlite3_column_int(q, 10);
    m->publishers = (unsigned)sqlite3_column_int(q, 11);
    rc = RL_OK;
    if (col_dup(q, 0, &m->story_id) || col_dup(q, 3, &m->text) || col_dup(q, 4, &m->date_expr) ||
        col_dup(q, 5, &m->evidence) || col_dup(q, 6, &m->publisher) || col_dup(q, 7, &m->url) ||
        col_dup(q, 12, &ev->source_text) || col_dup(q, 13, &ev->target_text))
        rc = RL_ENOMEM;
    sqlite3_reset(q); /* a statement left on a row would hold its read snapshot */
    return rc;
}

/* first_report for every event of out; on failure out is released. */
static int first_reports(rl_browse *b, rl_browse_events *out)
{
    for (size_t i = 0; i < out->n; i++) {
        int rc = first_report(b, &out->v[i]);
        if (rc) {
            rl_browse_events_release(out);
            return rc;
        }
    }
    return RL_OK;
}

static int push_event(rl_browse_events *l, size_t *cap, sqlite3_stmt *q)
{
    if (l->n == *cap) {
        size_t c = *cap ? *cap * 2 : 64;
        rl_browse_event *v = realloc(l->v, c * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        l->v = v;
        *cap = c;
    }
    event_from_row(&l->v[l->n++], q);
    return RL_OK;
}

/* newest first: the reverse of the unique key (date, source, target, cameo, modality) */
static int cmp_newest(const void *x, const void *y)
{
    const rl_series_event *a = &((const rl_browse_event *)x)->e;
    const rl_series_event *b = &((const rl_browse_event *)y)->e;
    if (a->date != b->date)
        return a->date > b->date ? -1 : 1;
    int c;
    if ((c = strcmp(a->source, b->source)) || (c = strcmp(a->target, b->target)) ||
        (c = strcmp(a->cameo, b->cameo)))
        return -c;
    if (a->modality != b->modality) {
        /* the store sorts modality names, not their numbers */
        return -strcmp(rl_modality_name(a->modality), rl_modality_name(b->modality));
    }
    return (a->id > b->id) - (a->id < b->id);
}

/* binds the dyad pattern pair and the filters (?1..?11) */
static void bind_filter(sqlite3_stmt *q, const char *x, const char *y, const rl_browse_filter *f,
                        char bufs[2][11], char rootr[2][3])
{
    sqlite3_bind_text(q, 1, x, 3, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, y, 3, SQLITE_STATIC);
    if (f->from == RL_NODATE)
        sqlite3_bind_text(q, 3, "0000-00-00", -1, SQLITE_STATIC);
    else
        bind_day(q, 3, f->from, bufs[0]);
    if (f->to == RL_NODATE)
        sqlite3_bind_text(q, 4, "9999-99-99", -1, SQLITE_STATIC);
    else
        bind_day(q, 4, f->to, bufs[1]);
    if (strlen(x) > 3)
        sqlite3_bind_text(q, 5, x, -1, SQLITE_STATIC);
    if (strlen(y) > 3)
        sqlite3_bind_text(q, 6, y, -1, SQLITE_STATIC);
    if (f->root[0]) {
        /* codes of a root: from "19" up to (not including) "1:" */
        snprintf(rootr[0], 3, "%.2s", f->root);
        snprintf(rootr[1], 3, "%.2s", f->root);
        rootr[1][1]++;
        sqlite3_bind_text(q, 7, rootr[0], -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 8, rootr[1], -1, SQLITE_STATIC);
    }
    if (f->quad)
        sqlite3_bind_int(q, 9, f->quad);
    if (f->modality >= 0)
        sqlite3_bind_text(q, 10, rl_modality_name(f->modality), -1, SQLITE_STATIC);
    if (f->track >= 0)
        sqlite3_bind_int(q, 11, f->track);
}

/* Drops patterns of a side that another pattern of it covers ("USAGOV" when
 * "USA" is there, repeats): afterwards no code matches two patterns. */
static int side_normalize(char s[][24], int n)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        int covered = 0;
        for (int j = 0; j < n && !covered; j++) {
            if (j == i)
                continue;
            if (strlen(s[j]) == 3 && strlen(s[i]) > 3 && !strncmp(s[i], s[j], 3))
                covered = 1; /* a country covers its roles */
            else if (!strcmp(s[i], s[j]) && j < i)
                covered = 1; /* the earlier copy stays */
        }
        if (!covered)
            memmove(s[k++], s[i], 24);
    }
    return k;
}

/* The codes two patterns both match, as a pattern; 0 if none. */
static int pattern_meet(const char *p, const char *q, char out[24])
{
    size_t lp = strlen(p), lq = strlen(q);
    if (lp == 3 && lq == 3)
        return strcmp(p, q) ? 0 : (snprintf(out, 24, "%s", p), 1);
    if (lp == 3)
        return strncmp(p, q, 3) ? 0 : (snprintf(out, 24, "%s", q), 1);
    if (lq == 3)
        return strncmp(p, q, 3) ? 0 : (snprintf(out, 24, "%s", p), 1);
    return strcmp(p, q) ? 0 : (snprintf(out, 24, "%s", p), 1);
}

static int count_pair(rl_browse *b, const char *x, const char *y, const rl_browse_filter *f,
                      unsigned long *n)
{
    sqlite3_stmt *q = stmt(b, Q_DYAD_COUNT);
    if (!q)
        return RL_EIO;
    char bufs[2][11], rr[2][3];
    bind_filter(q, x, y, f, bufs, rr);
    int rc = sqlite3_step(q);
    if (rc != SQLITE_ROW)
        return sq_fail(b);
    *n = (unsigned long)sqlite3_column_int64(q, 0);
    sqlite3_reset(q);
    return RL_OK;
}

int rl_browse_dyad(rl_browse *b, char a[][24], int na, char bb[][24], int nb,
                   const rl_browse_filter *f, size_t offset, size_t limit, rl_browse_events *out)
{
    memset(out, 0, sizeof *out);
    if (offset + limit > RL_BROWSE_DEPTH || na > RL_SIDE_MAX || nb > RL_SIDE_MAX)
        return RL_ERANGE;
    char sa[RL_SIDE_MAX][24], sb[RL_SIDE_MAX][24], meet[RL_SIDE_MAX * RL_SIDE_MAX][24];
    memcpy(sa, a, (size_t)na * 24);
    memcpy(sb, bb, (size_t)nb * 24);
    na = side_normalize(sa, na);
    nb = side_normalize(sb, nb);
    /* codes on both sides: an event among them matches both directions
     * and is counted once (inclusion-exclusion); the meets are disjoint */
    int nm = 0;
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            nm += pattern_meet(sa[i], sb[j], meet[nm]);
    int rc;
    unsigned long total = 0, c;
    for (int dir = 0; dir < 2; dir++)
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++) {
                if ((rc = dir ? count_pair(b, sb[j], sa[i], f, &c) : count_pair(b, sa[i], sb[j], f, &c)))
                    return rc;
                total += c;
            }
    for (int i = 0; i < nm; i++)
        for (int j = 0; j < nm; j++) {
            if ((rc = count_pair(b, meet[i], meet[j], f, &c)))
                return rc;
            total -= c;
        }
    out->total = total;
    if (limit == 0 || offset >= total)
        return RL_OK;
    /* each scan gives its first offset + limit rows in the shared order; the
     * page is among the first offset + limit of their merge */
    size_t cap = 0, want = offset + limit;
    for (int dir = 0; dir < 2; dir++)
        for (int i = 0; i < na; i++)
            for (int j = 0; j < nb; j++) {
                sqlite3_stmt *q = stmt(b, Q_DYAD_PAGE);
                if (!q) {
                    rl_browse_events_release(out);
                    return RL_EIO;
                }
                char bufs[2][11], rr[2][3];
                const char *x = dir ? sb[j] : sa[i], *y = dir ? sa[i] : sb[j];
                bind_filter(q, x, y, f, bufs, rr);
                sqlite3_bind_int64(q, 12, (sqlite3_int64)want);
                while ((rc = sqlite3_step(q)) == SQLITE_ROW)
                    if (push_event(out, &cap, q)) {
                        sqlite3_reset(q);
                        rl_browse_events_release(out);
                        return RL_ENOMEM;
                    }
                if (rc != SQLITE_DONE) {
                    rc = sq_fail(b);
                    rl_browse_events_release(out);
                    return rc;
                }
                sqlite3_reset(q);
            }
    if (out->n) /* out->v is NULL when no row came */
        qsort(out->v, out->n, sizeof *out->v, cmp_newest);
    /* the same event from two scans sits twice in a row */
    size_t k = 0;
    for (size_t i = 0; i < out->n; i++)
        if (!k || out->v[k - 1].e.id != out->v[i].e.id)
            out->v[k++] = out->v[i];
    size_t from = offset < k ? offset : k, to = from + limit < k ? from + limit : k;
    if (to > from)
        memmove(out->v, out->v + from, (to - from) * sizeof *out->v);
    out->n = to - from;
    return first_reports(b, out);
}

int rl_browse_latest(rl_browse *b, rl_day to, size_t limit, rl_browse_events *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = stmt(b, Q_LATEST);
    if (!q)
        return RL_EIO;
    char buf[11];
    if (to == RL_NODATE)
        sqlite3_bind_text(q, 1, "9999-99-99", -1, SQLITE_STATIC);
    else
        bind_day(q, 1, to, buf);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)limit);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (push_event(out, &cap, q)) {
            sqlite3_reset(q);
            rl_browse_events_release(out);
            return RL_ENOMEM;
        }
    if (rc != SQLITE_DONE) {
        rc = sq_fail(b);
        rl_browse_events_release(out);
        return rc;
    }
    sqlite3_reset(q);
    out->total = out->n;
    return first_reports(b, out);
}

int rl_browse_counts_get(rl_browse *b, rl_day from, rl_day to, rl_browse_counts *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = stmt(b, Q_COUNTS);
    if (!q)
        return RL_EIO;
    char f[11], t[11];
    if (from == RL_NODATE)
        sqlite3_bind_text(q, 1, "0000-00-00", -1, SQLITE_STATIC);
    else
        bind_day(q, 1, from, f);
    if (to == RL_NODATE)
        sqlite3_bind_text(q, 2, "9999-99-99", -1, SQLITE_STATIC);
    else
        bind_day(q, 2, to, t);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        const char *r = (const char *)sqlite3_column_text(q, 0);
        int root = r && r[0] >= '0' && r[0] <= '9' && r[1] >= '0' && r[1] <= '9'
                       ? (r[0] - '0') * 10 + (r[1] - '0')
                       : 0;
        int quad = sqlite3_column_int(q, 1);
        unsigned long n = (unsigned long)sqlite3_column_int64(q, 2);
        unsigned long m = (unsigned long)sqlite3_column_int64(q, 3);
        if (root >= 1 && root <= 20) {
            out->root[root] += n;
            out->root_mentions[root] += m;
        }
        if (quad >= 1 && quad <= 4)
            out->quad[quad] += n;
        out->events += n;
        out->mentions += m;
    }
    if (rc != SQLITE_DONE)
        return sq_fail(b);
    sqlite3_reset(q);
    return RL_OK;
}

int rl_browse_event_get(rl_browse *b, int64_t id, rl_browse_event *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = stmt(b, Q_EVENT);
    if (!q)
        return RL_EIO;
    sqlite3_bind_int64(q, 1, id);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(q);
        return RL_ERANGE;
    }
    if (rc != SQLITE_ROW)
        return sq_fail(b);
    event_from_row(out, q);
    col_copy(q, 9, out->root, sizeof out->root);
    col_copy(q, 10, out->plover, sizeof out->plover);
    sqlite3_reset(q);
    if ((rc = first_report(b, out)))
        rl_browse_event_release(out);
    return rc;
}

/* ======================== reports ======================== */

static void report_release(rl_browse_report *r)
{
    free(r->story_id);
    free(r->date_expr);
    free(r->evidence);
    free(r->source_text);
    free(r->target_text);
    free(r->text);
    free(r->publisher);
    free(r->url);
    free(r->title);
}

void rl_browse_reports_release(rl_browse_reports *l)
{
    for (size_t i = 0; i < l->n; i++)
        report_release(&l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Appends the REPORT_COLS row of q. */
static int push_report(rl_browse_reports *l, size_t *cap, sqlite3_stmt *q)
{
    if (l->n == *cap) {
        size_t c = *cap ? *cap * 2 : 32;
        rl_browse_report *v = realloc(l->v, c * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        l->v = v;
        *cap = c;
    }
    rl_browse_report *r = &l->v[l->n++];
    memset(r, 0, sizeof *r);
    r->mention = sqlite3_column_int64(q, 0);
    r->event_id = sqlite3_column_int64(q, 1);
    r->sentence = (unsigned)sqlite3_column_int(q, 3);
    r->date = col_day(q, 4);
    r->story_date = col_day(q, 5);
    col_copy(q, 6, r->source, sizeof r->source);
    col_copy(q, 7, r->target, sizeof r->target);
    col_copy(q, 8, r->cameo, sizeof r->cameo);
    col_copy(q, 9, r->root, sizeof r->root);
    r->quad = sqlite3_column_int(q, 10);
    r->goldstein = sqlite3_column_double(q, 11);
    const char *m = (const char *)sqlite3_column_text(q, 12);
    r->modality = m ? rl_modality_parse(m) : -1;
    r->quantity = sqlite3_column_double(q, 17);
    col_copy(q, 18, r->quantity_unit, sizeof r->quantity_unit);
    col_copy(q, 23, r->plover, sizeof r->plover);
    if (col_dup(q, 2, &r->story_id) || col_dup(q, 13, &r->date_expr) ||
        col_dup(q, 14, &r->evidence) || col_dup(q, 15, &r->source_text) ||
        col_dup(q, 16, &r->target_text) || col_dup(q, 19, &r->text) ||
        col_dup(q, 20, &r->publisher) || col_dup(q, 21, &r->url) || col_dup(q, 22, &r->title))
        return RL_ENOMEM;
    return RL_OK;
}

/* Steps q to the end, appending its rows. */
static int read_reports(rl_browse *b, sqlite3_stmt *q, rl_browse_reports *out)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        if (push_report(out, &cap, q)) {
            sqlite3_reset(q);
            rl_browse_reports_release(out);
            return RL_ENOMEM;
        }
    if (rc != SQLITE_DONE) {
        rc = sq_fail(b);
        rl_browse_reports_release(out);
        return rc;
    }
    sqlite3_reset(q);
    return RL_OK;
}

int rl_browse_event_reports(rl_browse *b, int64_t id, size_t limit, rl_browse_reports *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = stmt(b, Q_REPORTS);
    if (!q)
        return RL_EIO;
    sqlite3_bind_int64(q, 1, id);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)limit);
    int rc = read_reports(b, q, out);
    out->total = out->n;
    return rc;
}

void rl_browse_story_release(rl_browse_story *s)
{
    free(s->id);
    free(s->publisher);
    free(s->url);
    free(s->title);
    memset(s, 0, sizeof *s);
}

void rl_browse_uncoded_release(rl_browse_uncoded *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].reason);
        free(l->v[i].text);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

int rl_browse_story_uncoded(rl_browse *b, const char *id, size_t limit, rl_browse_uncoded *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = stmt(b, Q_UNCODED);
    if (!q)
        return RL_EIO;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)limit);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (out->n == out->cap) {
            size_t cap = out->cap ? 2 * out->cap : 16;
            rl_browse_sentence *v = realloc(out->v, cap * sizeof *v);
            if (!v)
                break;
            out->v = v;
            out->cap = cap;
        }
        rl_browse_sentence *x = &out->v[out->n];
        memset(x, 0, sizeof *x);
        x->sentence = (unsigned)sqlite3_column_int(q, 0);
        out->n++;
        if (col_dup(q, 1, &x->reason) || col_dup(q, 2, &x->text))
            break;
    }
    int fail = rc != SQLITE_DONE;
    sqlite3_reset(q);
    if (fail) {
        rl_browse_uncoded_release(out);
        return rc == SQLITE_ROW ? RL_ENOMEM : sq_fail(b);
    }
    return RL_OK;
}

int rl_browse_story_get(rl_browse *b, const char *id, size_t limit, rl_browse_story *out,
                        rl_browse_reports *reports)
{
    memset(out, 0, sizeof *out);
    memset(reports, 0, sizeof *reports);
    sqlite3_stmt *q = stmt(b, Q_STORY);
    if (!q)
        return RL_EIO;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_DONE) {
        sqlite3_reset(q);
        return RL_ERANGE;
    }
    if (rc != SQLITE_ROW)
        return sq_fail(b);
    out->date = col_day(q, 1);
    out->reports = (unsigned long)sqlite3_column_int64(q, 5);
    rc = RL_OK;
    if (col_dup(q, 0, &out->id) || col_dup(q, 2, &out->publisher) || col_dup(q, 3, &out->url) ||
        col_dup(q, 4, &out->title))
        rc = RL_ENOMEM;
    sqlite3_reset(q);
    if (rc) {
        rl_browse_story_release(out);
        return rc;
    }
    if (!(q = stmt(b, Q_STORY_REPORTS))) {
        rl_browse_story_release(out);
        return RL_EIO;
    }
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, (sqlite3_int64)limit);
    if ((rc = read_reports(b, q, reports))) {
        rl_browse_story_release(out);
        return rc;
    }
    reports->total = out->reports;
    reports->more = out->reports > reports->n;
    return RL_OK;
}

/* ======================== search ======================== */

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Appends the words of s as FTS5 strings ("word" or "word"*), space
 * separated; returns how many, -1 when out of memory, -2 past 16 words. */
static int fts_words(rl_buf *q, const char *s)
{
    int n = 0;
    for (const char *p = s; p && *p;) {
        while (*p && !word_byte((unsigned char)*p))
            p++;
        const char *w = p;
        while (word_byte((unsigned char)*p))
            p++;
        size_t len = (size_t)(p - w);
        if (!len)
            continue;
        if (++n > 16)
            return -2;
        /* a word holds no quote, so it is always one FTS5 string */
        if ((n > 1 && rl_buf_addc(q, ' ')) || rl_buf_addc(q, '"') || rl_buf_add(q, w, len) ||
            rl_buf_addc(q, '"') || (*p == '*' && len >= 2 && rl_buf_addc(q, '*')))
            return -1;
    }
    return n;
}

int rl_browse_fts_query(rl_buf *q, const char *words, const char *actor, int actor_is_code,
                        const char *cameo)
{
    rl_buf_clear(q);
    int parts = 0, n;
    struct { const char *cols, *s; int prefix; } part[3] = {
        {"text", words, 0},
        {actor_is_code ? "{source target}" : "{source_text target_text}", actor,
         actor_is_code && actor && strlen(actor) == 3},
        {"cameo", cameo, 1},
    };
    for (int i = 0; i < 3; i++) {
        if (!part[i].s || !*part[i].s)
            continue;
        size_t mark = q->len;
        if ((parts && rl_buf_adds(q, " AND ")) || rl_buf_printf(q, "%s : (", part[i].cols))
            return RL_ENOMEM;
        if ((n = fts_words(q, part[i].s)) < 0)
            return n == -2 ? RL_EPARSE : RL_ENOMEM;
        if (n == 0) {
            q->len = mark; /* nothing searchable in this part */
            q->data[mark] = '\0';
            continue;
        }
        /* a code or a CAMEO prefix is one word; a country code matches its roles */
        if (part[i].prefix && n == 1 && q->data[q->len - 1] == '"' && rl_buf_addc(q, '*'))
            return RL_ENOMEM;
        if (rl_buf_addc(q, ')'))
            return RL_ENOMEM;
        parts++;
    }
    return parts ? RL_OK : RL_EPARSE;
}

static const char *const order_names[RL_ORDER_COUNT] = {"newest", "oldest", "stored", "relevance"};

const char *rl_browse_order_name(int order)
{
    return order >= 0 && order < RL_ORDER_COUNT ? order_names[order] : "";
}

int rl_browse_order_parse(const char *s)
{
    for (int i = 0; i < RL_ORDER_COUNT; i++)
        if (!strcmp(s, order_names[i]))
            return i;
    return -1;
}

int rl_browse_search(rl_browse *b, const char *fts, rl_day from, rl_day to, int order,
                     size_t offset, size_t limit, unsigned long count_max, rl_browse_reports *out)
{
    memset(out, 0, sizeof *out);
    char f[11], t[11];
    sqlite3_stmt *q = stmt(b, Q_SEARCH_COUNT);
    if (!q)
        return RL_EIO;
    sqlite3_bind_text(q, 1, fts, -1, SQLITE_STATIC);
    bind_day(q, 2, from, f);
    bind_day(q, 3, to, t);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)count_max);
    int rc = sqlite3_step(q);
    if (rc != SQLITE_ROW)
        return sq_fail(b);
    out->total = (unsigned long)sqlite3_column_int64(q, 0);
    out->more = out->total >= count_max;
    sqlite3_reset(q);
    static const int by_order[RL_ORDER_COUNT] = {Q_SEARCH, Q_SEARCH_OLDEST, Q_SEARCH_STORED,
                                                 Q_SEARCH_RANK};
    if (!(q = stmt(b, by_order[order >= 0 && order < RL_ORDER_COUNT ? order : 0])))
        return RL_EIO;
    sqlite3_bind_text(q, 1, fts, -1, SQLITE_STATIC);
    bind_day(q, 2, from, f);
    bind_day(q, 3, to, t);
    sqlite3_bind_int64(q, 4, (sqlite3_int64)limit);
    sqlite3_bind_int64(q, 5, (sqlite3_int64)offset);
    unsigned long total = out->total;
    int more = out->more;
    rc = read_reports(b, q, out);
    out->total = total;
    out->more = more;
    return rc;
}
