/* serve.c: the dashboard's HTTP side (serve.h), on libmicrohttpd: listens,
 * limits (connections, request sizes, query deadlines), validates every
 * path and query parameter into an rl_web_req (or a 400 that says what is
 * wrong), routes to a view (view.c) rendered as HTML (page.c) or JSON
 * (api.c), serves the static files of web/ from memory, and caches rendered
 * responses until the store changes. Each request thread borrows a worker:
 * its own read-only store connection, queries and coder. It renders no page
 * itself and never writes the store. */
#include "web/serve.h"
#include "web/web.h"
#include "base/day.h"
#include "web/html.h"
#include "store/report.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS 16         /* query parameters in a request */
#define MAX_QUERY 64        /* parameters past which the query is not even split */
#define REQ_SEEN 1          /* a request's headers were seen (handle) */
#define REQ_MANY 2          /* a request has more than MAX_QUERY parameters */
#define REQ_NUL 4           /* its path holds an escaped NUL (%00) */
#define MAX_VALUE 512       /* bytes of a parameter value */
#define MAX_PATH 1024       /* bytes of a path */
#define CONN_FLOOR 2048     /* connections held, at least (conn_limits) */
#define CONN_MEMORY (64 * 1024) /* bytes of a connection's request buffers */
#define IDLE_TIMEOUT_S 15   /* a connection silent this long is closed */
#define MAX_STATIC 32       /* files in web/ */
#define MAX_STATIC_SIZE (1 << 20)
#define CACHE_BUCKETS 1024
#define CACHE_ENTRY_MAX (4u << 20) /* larger responses are not cached */

/* Content-Security-Policy of every response: no script, no foreign origin */
#define CSP "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; " \
            "base-uri 'none'; frame-ancestors 'none'"

/* ======================== types ======================== */

typedef struct static_file {
    char name[64];
    struct MHD_Response *r;
} static_file;

typedef struct cache_entry {
    char *key;
    size_t klen, size;
    uint64_t hash;
    struct MHD_Response *r;
    const char *type;
    struct cache_entry *next;          /* in its bucket */
    struct cache_entry *newer, *older; /* LRU list */
} cache_entry;

/* what identifies the store's contents: the database and WAL files' sizes
 * and times; a commit or a checkpoint changes one of them */
typedef struct store_gen {
    long long db_size, wal_size;
    struct timespec db_time, wal_time;
} store_gen;

struct rl_serve {
    struct MHD_Daemon *d;
    char *db, *db_name, *wal;
    unsigned port, threads, max_conn, timeout_ms;
    int verbose;
    /* workers: one per request thread, lent out under wlock */
    rl_web_worker *w;
    unsigned *free_w, nfree;
    pthread_mutex_t wlock;
    pthread_cond_t wcond;
    /* static files */
    static_file files[MAX_STATIC];
    unsigned nfiles;
    /* response cache */
    pthread_mutex_t clock;
    cache_entry *bucket[CACHE_BUCKETS];
    cache_entry *newest, *oldest;
    size_t cache_max, cache_used;
    store_gen gen;
    /* counters */
    atomic_uint open_conns;   /* all connections libmicrohttpd holds */
    atomic_uint active_conns; /* those that sent at least one whole request */
    unsigned conn_limit, per_ip;
    /* a request's state (handle's *con_cls) is NULL or mark + REQ_SEEN |
     * REQ_MANY bits (request_start) */
    char mark[8];
    atomic_ulong requests, client_errors, server_errors, busy, cache_hits;
};

/* ======================== routes ======================== */

enum route {
    R_NONE, R_OVERVIEW, R_DYAD_FORM, R_DYAD, R_CHART, R_EVENT, R_STORY, R_SEARCH, R_STATIC,
    R_API_INDEX, R_API_OVERVIEW, R_API_TOP, R_API_TREND, R_API_DYAD, R_API_EVENT, R_API_STORY,
    R_API_SEARCH,
};

/* parameters each route takes */
static unsigned route_params(int r)
{
    switch (r) {
    case R_OVERVIEW: case R_API_OVERVIEW: return P_FROM | P_TO | P_N | P_X;
    case R_API_TOP: return P_FROM | P_TO | P_N | P_X | P_FORMAT;
    case R_DYAD: return P_FROM | P_TO | P_BY | P_ROOT | P_QUAD | P_MODALITY | P_TRACK | P_PAGE;
    case R_API_DYAD:
        return P_FROM | P_TO | P_BY | P_ROOT | P_QUAD | P_MODALITY | P_TRACK | P_PAGE | P_FORMAT;
    case R_CHART: return P_FROM | P_TO | P_BY;
    case R_API_TREND: return P_FROM | P_TO | P_BY | P_FORMAT;
    case R_STORY: case R_API_STORY: return P_ID;
    case R_SEARCH: return P_Q | P_ACTOR | P_CAMEO | P_FROM | P_TO | P_PAGE | P_SORT;
    case R_API_SEARCH: return P_Q | P_ACTOR | P_CAMEO | P_FROM | P_TO | P_PAGE | P_FORMAT | P_SORT;
    case R_DYAD_FORM: return P_A | P_B;
    default: return 0;
    }
}

static const struct { const char *name; unsigned bit; size_t max; } params[] = {
    {"from", P_FROM, 10}, {"to", P_TO, 10}, {"by", P_BY, 5}, {"root", P_ROOT, 2},
    {"quad", P_QUAD, 1}, {"modality", P_MODALITY, 12}, {"track", P_TRACK, 5},
    {"page", P_PAGE, 9}, {"n", P_N, 3}, {"x", P_X, 5}, {"q", P_Q, 256}, {"actor", P_ACTOR, 64},
    {"cameo", P_CAMEO, 4}, {"id", P_ID, 256}, {"a", P_A, 399}, {"b", P_B, 399},
    {"format", P_FORMAT, 4}, {"sort", P_SORT, 9},
};
#define NPARAMS (sizeof params / sizeof params[0])

/* the names of the parameters in mask, for messages */
static void param_names(unsigned mask, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (size_t i = 0; i < NPARAMS; i++)
        if (mask & params[i].bit) {
            int w = snprintf(out + len, cap - len, "%s%s", len ? ", " : "", params[i].name);
            if (w < 0 || (size_t)w >= cap - len)
                break;
            len += (size_t)w;
        }
    if (!len)
        snprintf(out, cap, "none");
}

/* ======================== request validation ======================== */

typedef struct arg {
    const char *k, *v;
} arg;

typedef struct args {
    arg a[MAX_ARGS];
    unsigned n;
    int too_many;
} args;

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
    (void)kind;
    args *a = cls;
    if (a->n == MAX_ARGS) {
        a->too_many = 1;
        return MHD_NO;
    }
    a->a[a->n++] = (arg){k ? k : "", v ? v : ""};
    return MHD_YES;
}

/* exact YYYY-MM-DD */
static rl_day parse_day(const char *s)
{
    return strlen(s) == 10 ? rl_day_parse(s) : RL_NODATE;
}

static int parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    unsigned long v = 0;
    if (!*s || strlen(s) > 9)
        return -1;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return -1;
        v = v * 10 + (unsigned long)(*p - '0');
    }
    if (v < lo || v > hi)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* Joins parsed side patterns into "USA,WST". */
static void side_join(char side[][24], int n, char *out, size_t cap)
{
    size_t len = 0;
    out[0] = '\0';
    for (int i = 0; i < n; i++) {
        int w = snprintf(out + len, cap - len, "%s%s", i ? "," : "", side[i]);
        if (w < 0 || (size_t)w >= cap - len)
            break;
        len += (size_t)w;
    }
}

static unsigned parse_side(const char *s, char out[RL_SIDE_MAX][24], int *n, char *joined,
                           size_t cap, rl_web_err *e)
{
    char bad[64];
    if (strlen(s) >= cap || (*n = rl_series_side_parse(s, out, bad)) < 0)
        return (unsigned)rl_web_fail(e, 400, "bad actor code '%s': want 3 to 23 letters or digits, "
                                     "several joined by commas (at most %d)", bad, RL_SIDE_MAX);
    side_join(out, *n, joined, cap);
    return 200;
}

/* Validates one query parameter into r; 200 or 400. */
static unsigned take_param(rl_web_req *r, unsigned accepted, const arg *a, rl_web_err *e)
{
    size_t i = 0;
    while (i < NPARAMS && strcmp(params[i].name, a->k))
        i++;
    char names[200];
    if (i == NPARAMS) {
        param_names(accepted, names, sizeof names);
        return (unsigned)rl_web_fail(e, 400, "unknown parameter '%.40s' (this page takes: %s)",
                                     a->k, names);
    }
    unsigned bit = params[i].bit;
    if (!(accepted & bit)) {
        param_names(accepted, names, sizeof names);
        return (unsigned)rl_web_fail(e, 400, "parameter '%s' does not apply here (this page "
                                     "takes: %s)", a->k, names);
    }
    const char *v = a->v;
    if (!*v)
        return 200; /* an empty form field: not given */
    if (r->given & bit)
        return (unsigned)rl_web_fail(e, 400, "parameter '%s' given twice", a->k);
    size_t len = strlen(v);
    if (len > params[i].max)
        return (unsigned)rl_web_fail(e, 400, "parameter '%s' is too long (%zu bytes; at most %zu)",
                                     a->k, len, params[i].max);
    /* a story id is only compared with stored ids (a file name may be any
     * bytes); every other value must be text */
    if (bit != P_ID && !rl_html_utf8_ok(v, len))
        return (unsigned)rl_web_fail(e, 400, "parameter '%s' is not valid UTF-8 text", a->k);
    r->given |= bit;
    unsigned u;
    switch (bit) {
    case P_FROM:
    case P_TO:
        if ((bit == P_FROM ? (r->from = parse_day(v)) : (r->to = parse_day(v))) == RL_NODATE)
            return (unsigned)rl_web_fail(e, 400, "bad date %s=%s: want YYYY-MM-DD, a real day",
                                         a->k, v);
        break;
    case P_BY:
        if ((r->by = rl_by_parse(v)) < 0)
            return (unsigned)rl_web_fail(e, 400, "bad by=%s: want day, week, month or auto", v);
        break;
    case P_ROOT:
        if (parse_uint(v, 1, 20, &u) || len != 2)
            return (unsigned)rl_web_fail(e, 400, "bad root=%s: want a CAMEO root, 01 to 20", v);
        memcpy(r->root, v, 3);
        break;
    case P_QUAD:
        if (parse_uint(v, 1, 4, &u))
            return (unsigned)rl_web_fail(e, 400, "bad quad=%s: want a quad class, 1 to 4", v);
        r->quad = (int)u;
        break;
    case P_MODALITY:
        if ((r->modality = rl_modality_parse(v)) < 0)
            return (unsigned)rl_web_fail(e, 400, "bad modality=%s: want realized, scheduled, "
                                         "threatened, demanded, hypothetical or negated", v);
        break;
    case P_TRACK:
        if (!strcmp(v, "talks"))
            r->track = RL_TRACK_TALKS;
        else if (!strcmp(v, "force"))
            r->track = RL_TRACK_FORCE;
        else
            return (unsigned)rl_web_fail(e, 400, "bad track=%s: want talks or force", v);
        break;
    case P_PAGE:
        if (parse_uint(v, 1, WEB_MAX_PAGE, &r->page))
            return (unsigned)rl_web_fail(e, 400, "bad page=%s: want 1 to %d", v, WEB_MAX_PAGE);
        break;
    case P_N:
        if (parse_uint(v, 1, 100, &r->n))
            return (unsigned)rl_web_fail(e, 400, "bad n=%s: want 1 to 100 dyads", v);
        break;
    case P_X:
        if (!strcmp(v, "1") || !strcmp(v, "on") || !strcmp(v, "true"))
            r->intl = 1;
        else if (!strcmp(v, "0") || !strcmp(v, "off") || !strcmp(v, "false"))
            r->intl = 0;
        else
            return (unsigned)rl_web_fail(e, 400, "bad x=%s: want 1 or 0", v);
        break;
    case P_Q: memcpy(r->q, v, len + 1); break;
    case P_ACTOR: memcpy(r->actor, v, len + 1); break;
    case P_CAMEO:
        for (const char *p = v; *p; p++)
            if (*p < '0' || *p > '9' || len < 2)
                return (unsigned)rl_web_fail(e, 400, "bad cameo=%s: want a CAMEO code or "
                                             "prefix, 2 to 4 digits", v);
        memcpy(r->cameo, v, len + 1);
        break;
    case P_ID: memcpy(r->id, v, len + 1); break;
    case P_A: memcpy(r->pa, v, len + 1); break;
    case P_B: memcpy(r->pb, v, len + 1); break;
    case P_SORT:
        if ((r->sort = rl_browse_order_parse(v)) < 0)
            return (unsigned)rl_web_fail(e, 400, "bad sort=%s: want newest, oldest, stored or "
                                         "relevance", v);
        break;
    case P_FORMAT:
        if (strcmp(v, "csv") && strcmp(v, "json"))
            return (unsigned)rl_web_fail(e, 400, "bad format=%s: want csv or json", v);
        r->csv = !strcmp(v, "csv");
        break;
    }
    return 200;
}

/* Splits the path into at most 5 segments; -1 if there are more. */
static int split_path(char *path, char *seg[5])
{
    int n = 0;
    char *p = path + 1; /* after the leading '/' */
    if (!*p)
        return 0;
    for (;;) {
        if (n == 5)
            return -1;
        seg[n++] = p;
        char *slash = strchr(p, '/');
        if (!slash)
            return n;
        *slash = '\0';
        p = slash + 1;
    }
}

static int event_id(const char *s, int64_t *out)
{
    size_t n = strlen(s);
    if (n == 0 || n > 18)
        return -1;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

/* Finds the route of path and its path arguments; 200, 400 or 404. */
static unsigned route(const char *url, rl_web_req *r, int *rt, char *file, rl_web_err *e)
{
    char path[MAX_PATH + 1], *seg[5];
    size_t n = strlen(url);
    *rt = R_NONE;
    r->api = !strncmp(url, "/api/", 5) || !strcmp(url, "/api");
    if (n == 0 || n > MAX_PATH || url[0] != '/')
        return (unsigned)rl_web_fail(e, n > MAX_PATH ? 414 : 400, "bad path (at most %d bytes, "
                                     "starting with /)", MAX_PATH);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)url[i] <= 0x20 || (unsigned char)url[i] >= 0x7f)
            return (unsigned)rl_web_fail(e, 400, "bad character in the path (paths are printable "
                                         "ASCII; story ids go in ?id=)");
    memcpy(path, url, n + 1);
    int ns = split_path(path, seg);
    if (ns < 0)
        return (unsigned)rl_web_fail(e, 404, "no such page");
    const char *s0 = ns > 0 ? seg[0] : "", *s1 = ns > 1 ? seg[1] : "";
    unsigned st = 200;
    if (ns == 0) {
        *rt = R_OVERVIEW;
    } else if (!strcmp(s0, "dyad") && ns == 1) {
        *rt = R_DYAD_FORM;
    } else if (!strcmp(s0, "dyad") && (ns == 3 || (ns == 4 && !strcmp(seg[3], "chart.svg")))) {
        *rt = ns == 3 ? R_DYAD : R_CHART;
        if ((st = parse_side(seg[1], r->a, &r->na, r->side_a, sizeof r->side_a, e)) != 200 ||
            (st = parse_side(seg[2], r->b, &r->nb, r->side_b, sizeof r->side_b, e)) != 200)
            return st;
    } else if (!strcmp(s0, "event") && ns == 2) {
        *rt = R_EVENT;
        if (event_id(s1, &r->event))
            return (unsigned)rl_web_fail(e, 400, "bad event id '%.40s': want a number", s1);
    } else if (!strcmp(s0, "story") && ns == 1) {
        *rt = R_STORY;
    } else if (!strcmp(s0, "search") && ns == 1) {
        *rt = R_SEARCH;
    } else if (!strcmp(s0, "static") && ns == 2) {
        *rt = R_STATIC;
        size_t len = strlen(s1);
        int ok = len > 0 && len < 64 && s1[0] != '.' && !strstr(s1, "..");
        for (size_t i = 0; ok && i < len; i++)
            ok = (s1[i] >= 'a' && s1[i] <= 'z') || (s1[i] >= 'A' && s1[i] <= 'Z') ||
                 (s1[i] >= '0' && s1[i] <= '9') || s1[i] == '.' || s1[i] == '-' || s1[i] == '_';
        if (!ok)
            return (unsigned)rl_web_fail(e, 400, "bad file name: static files are plain names "
                                         "(letters, digits, . - _) in web/");
        memcpy(file, s1, len + 1);
    } else if (!strcmp(s0, "api")) {
        const char *s2 = ns > 2 ? seg[2] : "";
        if (ns == 1)
            *rt = R_API_INDEX;
        else if (ns == 2 && !strcmp(s1, "overview"))
            *rt = R_API_OVERVIEW;
        else if (ns == 2 && !strcmp(s1, "top"))
            *rt = R_API_TOP;
        else if (ns == 2 && !strcmp(s1, "story"))
            *rt = R_API_STORY;
        else if (ns == 2 && !strcmp(s1, "search"))
            *rt = R_API_SEARCH;
        else if (ns == 3 && !strcmp(s1, "event")) {
            *rt = R_API_EVENT;
            if (event_id(s2, &r->event))
                return (unsigned)rl_web_fail(e, 400, "bad event id '%.40s': want a number", s2);
        } else if (ns == 4 && (!strcmp(s1, "trend") || !strcmp(s1, "dyad"))) {
            *rt = !strcmp(s1, "trend") ? R_API_TREND : R_API_DYAD;
            if ((st = parse_side(s2, r->a, &r->na, r->side_a, sizeof r->side_a, e)) != 200 ||
                (st = parse_side(seg[3], r->b, &r->nb, r->side_b, sizeof r->side_b, e)) != 200)
                return st;
        }
    }
    if (*rt == R_NONE)
        return (unsigned)rl_web_fail(e, 404, "no such page%s", r->api ? " (the routes: /api)" : "");
    return 200;
}

static void req_init(rl_web_req *r)
{
    memset(r, 0, sizeof *r);
    r->from = r->to = RL_NODATE;
    r->by = RL_BY_AUTO;
    r->modality = -1;
    r->track = -1;
}

/* ======================== workers ======================== */

static rl_web_worker *worker_take(rl_serve *s)
{
    pthread_mutex_lock(&s->wlock);
    while (s->nfree == 0)
        pthread_cond_wait(&s->wcond, &s->wlock);
    rl_web_worker *w = &s->w[s->free_w[--s->nfree]];
    pthread_mutex_unlock(&s->wlock);
    return w;
}

static void worker_give(rl_serve *s, rl_web_worker *w)
{
    pthread_mutex_lock(&s->wlock);
    s->free_w[s->nfree++] = (unsigned)(w - s->w);
    pthread_cond_signal(&s->wcond);
    pthread_mutex_unlock(&s->wlock);
}

/* ======================== cache ======================== */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void store_gen_now(const rl_serve *s, store_gen *g)
{
    struct stat a;
    memset(g, 0, sizeof *g);
    if (stat(s->db, &a) == 0) {
        g->db_size = (long long)a.st_size;
        g->db_time = a.st_mtim;
    }
    if (stat(s->wal, &a) == 0) {
        g->wal_size = (long long)a.st_size;
        g->wal_time = a.st_mtim;
    }
}

static int gen_eq(const store_gen *a, const store_gen *b)
{
    return a->db_size == b->db_size && a->wal_size == b->wal_size &&
           a->db_time.tv_sec == b->db_time.tv_sec && a->db_time.tv_nsec == b->db_time.tv_nsec &&
           a->wal_time.tv_sec == b->wal_time.tv_sec && a->wal_time.tv_nsec == b->wal_time.tv_nsec;
}

static void entry_unlink(rl_serve *s, cache_entry *c)
{
    cache_entry **p = &s->bucket[c->hash % CACHE_BUCKETS];
    while (*p != c)
        p = &(*p)->next;
    *p = c->next;
    if (c->newer)
        c->newer->older = c->older;
    else
        s->newest = c->older;
    if (c->older)
        c->older->newer = c->newer;
    else
        s->oldest = c->newer;
    s->cache_used -= c->size;
    MHD_destroy_response(c->r);
    free(c->key);
    free(c);
}

static void cache_flush(rl_serve *s)
{
    while (s->oldest)
        entry_unlink(s, s->oldest);
}

/* The store changed: everything cached is stale. Called with clock held. */
static void cache_check(rl_serve *s, store_gen *now)
{
    store_gen_now(s, now);
    if (!gen_eq(now, &s->gen)) {
        cache_flush(s);
        s->gen = *now;
    }
}

/* Queues the cached response for key; MHD_YES/MHD_NO, or -1 on a miss. The
 * response is queued under the lock, so no eviction can free it first. */
static int cache_send(rl_serve *s, struct MHD_Connection *c, const char *key, size_t klen,
                      store_gen *gen)
{
    if (!s->cache_max)
        return -1;
    uint64_t h = hash_bytes(key, klen);
    pthread_mutex_lock(&s->clock);
    cache_check(s, gen);
    cache_entry *e = s->bucket[h % CACHE_BUCKETS];
    while (e && !(e->hash == h && e->klen == klen && !memcmp(e->key, key, klen)))
        e = e->next;
    if (!e) {
        pthread_mutex_unlock(&s->clock);
        return -1;
    }
    if (e->newer) { /* to the front of the LRU list */
        e->newer->older = e->older;
        if (e->older)
            e->older->newer = e->newer;
        else
            s->oldest = e->newer;
        e->older = s->newest;
        e->newer = NULL;
        s->newest->newer = e;
        s->newest = e;
    }
    enum MHD_Result rc = MHD_queue_response(c, MHD_HTTP_OK, e->r);
    pthread_mutex_unlock(&s->clock);
    atomic_fetch_add(&s->cache_hits, 1);
    return rc == MHD_YES;
}

/* Keeps r (200) for key when the store has not changed since gen; takes the
 * caller's reference to r when it does (returns 1). */
static int cache_put(rl_serve *s, const char *key, size_t klen, struct MHD_Response *r,
                     size_t size, const store_gen *gen)
{
    if (!s->cache_max || size > CACHE_ENTRY_MAX || size > s->cache_max)
        return 0;
    cache_entry *e = calloc(1, sizeof *e);
    if (!e || !(e->key = malloc(klen ? klen : 1))) {
        free(e);
        return 0;
    }
    memcpy(e->key, key, klen);
    e->klen = klen;
    e->hash = hash_bytes(key, klen);
    e->size = size + klen + sizeof *e;
    e->r = r;
    pthread_mutex_lock(&s->clock);
    store_gen now;
    cache_check(s, &now);
    cache_entry *x = s->bucket[e->hash % CACHE_BUCKETS];
    while (x && !(x->hash == e->hash && x->klen == klen && !memcmp(x->key, key, klen)))
        x = x->next;
    if (!gen_eq(&now, gen) || x) {
        /* read from an older store, or another thread was first */
        pthread_mutex_unlock(&s->clock);
        free(e->key);
        free(e);
        return 0;
    }
    while (s->oldest && s->cache_used + e->size > s->cache_max)
        entry_unlink(s, s->oldest);
    e->next = s->bucket[e->hash % CACHE_BUCKETS];
    s->bucket[e->hash % CACHE_BUCKETS] = e;
    e->older = s->newest;
    if (s->newest)
        s->newest->newer = e;
    s->newest = e;
    if (!s->oldest)
        s->oldest = e;
    s->cache_used += e->size;
    pthread_mutex_unlock(&s->clock);
    return 1;
}

/* ======================== responses ======================== */

static void headers(struct MHD_Response *r, const char *type, int cacheable_static)
{
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
                            cacheable_static ? "public, max-age=3600" : "no-cache");
}

/* Sends o (its body is handed to MHD). key: cache it under key when 200. */
static enum MHD_Result send_out(rl_serve *s, struct MHD_Connection *c, unsigned status,
                                rl_web_out *o, const char *key, size_t klen, const store_gen *gen)
{
    struct MHD_Response *r;
    size_t len = o->body.len;
    if (o->body.data) {
        r = MHD_create_response_from_buffer(len, o->body.data, MHD_RESPMEM_MUST_FREE);
        if (!r)
            rl_buf_release(&o->body);
    } else {
        r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    }
    rl_buf_init(&o->body); /* MHD owns it now */
    if (!r)
        return MHD_NO;
    headers(r, o->type ? o->type : "text/plain; charset=utf-8", 0);
    if (o->location[0])
        MHD_add_response_header(r, MHD_HTTP_HEADER_LOCATION, o->location);
    if (status == 503) {
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, "1");
        MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    }
    if (status == 405)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    if (status >= 500)
        atomic_fetch_add(&s->server_errors, 1);
    else if (status >= 400)
        atomic_fetch_add(&s->client_errors, 1);
    enum MHD_Result rc = MHD_queue_response(c, status, r);
    if (!(key && status == 200 && cache_put(s, key, klen, r, len, gen)))
        MHD_destroy_response(r);
    return rc;
}

/* An error page (or JSON under /api/) with e's status and message. */
static enum MHD_Result send_error(rl_serve *s, struct MHD_Connection *c, const rl_web_req *r,
                                  const rl_web_worker *w, const rl_web_err *e)
{
    rl_web_out o = {0};
    rl_buf_init(&o.body);
    unsigned st = r->api ? rl_api_error(e, &o) : rl_page_error(w ? w : &s->w[0], e, &o);
    return send_out(s, c, st, &o, NULL, 0, NULL);
}

/* ======================== dispatch ======================== */

/* Runs route rt on worker w: fills o, returns the status. */
static unsigned run(rl_serve *s, rl_web_worker *w, int rt, const rl_web_req *r, rl_web_out *o,
                    rl_web_err *e)
{
    unsigned st;
    (void)s;
    switch (rt) {
    case R_OVERVIEW: case R_API_OVERVIEW: case R_API_TOP: {
        rl_view_overview v;
        if ((st = rl_view_overview_load(w, r, &v, e)) == 200)
            st = rt == R_OVERVIEW ? rl_page_overview(w, r, &v, o)
                 : rt == R_API_TOP ? (r->csv ? rl_api_top_csv(&v, o) : rl_api_top(&v, o))
                                   : rl_api_overview(w, r, &v, o);
        rl_view_overview_release(&v);
        return st;
    }
    case R_DYAD: case R_API_DYAD: case R_CHART: case R_API_TREND: {
        rl_view_dyad v;
        int table = rt == R_DYAD || rt == R_API_DYAD;
        if ((st = rl_view_dyad_load(w, r, table, &v, e)) == 200) {
            if (rt == R_DYAD) {
                st = rl_page_dyad(w, r, &v, o);
            } else if (rt == R_API_DYAD) {
                st = r->csv ? rl_api_dyad_csv(w, &v, o) : rl_api_dyad(w, r, &v, o);
            } else if (rt == R_API_TREND) {
                st = r->csv ? rl_api_trend_csv(&v, o) : rl_api_trend(&v, o);
            } else {
                char *svg = NULL;
                size_t n = 0;
                FILE *f = open_memstream(&svg, &n);
                int rc = f ? rl_report_trend_svg_opts(f, v.s, RL_SVG_GOLDSTEIN) : -1;
                if (!f || fclose(f) || rc || rl_buf_add(&o->body, svg, n))
                    st = 500;
                free(svg);
                o->type = "image/svg+xml; charset=utf-8";
            }
        }
        rl_view_dyad_release(&v);
        return st;
    }
    case R_EVENT: case R_API_EVENT: {
        rl_view_event v;
        if ((st = rl_view_event_load(w, r, &v, e)) == 200)
            st = rt == R_EVENT ? rl_page_event(w, r, &v, o) : rl_api_event(w, &v, o);
        rl_view_event_release(&v);
        return st;
    }
    case R_STORY: case R_API_STORY: {
        rl_view_story v;
        if ((st = rl_view_story_load(w, r, &v, e)) == 200)
            st = rt == R_STORY ? rl_page_story(w, r, &v, o) : rl_api_story(w, &v, o);
        rl_view_story_release(&v);
        return st;
    }
    case R_SEARCH: case R_API_SEARCH: {
        rl_view_search v;
        if ((st = rl_view_search_load(w, r, &v, e)) == 200)
            st = rt == R_SEARCH ? rl_page_search(w, r, &v, o)
                 : r->csv       ? rl_api_search_csv(w, &v, o)
                                : rl_api_search(w, r, &v, o);
        rl_view_search_release(&v);
        return st;
    }
    }
    return (unsigned)rl_web_fail(e, 404, "no such page");
}

static const char api_index[] =
    "{\n"
    "  \"routes\": [\n"
    "    \"/api/overview?from&to&n&x\",\n"
    "    \"/api/top?from&to&n&x&format\",\n"
    "    \"/api/trend/A/B?from&to&by&format\",\n"
    "    \"/api/dyad/A/B?from&to&by&root&quad&modality&track&page&format\",\n"
    "    \"/api/event/ID\",\n"
    "    \"/api/story?id\",\n"
    "    \"/api/search?q&actor&cameo&from&to&page&sort&format\"\n"
    "  ],\n"
    "  \"docs\": \"docs/serve.md\"\n"
    "}\n";

/* the cache key: path, then each parameter percent-encoded, in order */
static int make_key(rl_buf *k, const char *url, const args *a)
{
    if (rl_buf_adds(k, url))
        return -1;
    for (unsigned i = 0; i < a->n; i++)
        if (rl_buf_addc(k, i ? '&' : '?') || rl_html_url(k, a->a[i].k) || rl_buf_addc(k, '=') ||
            rl_html_url(k, a->a[i].v))
            return -1;
    return 0;
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads the query parameters of route rt into a and r; 200 or an error in e. */
static unsigned read_params(struct MHD_Connection *c, int rt, args *a, rl_web_req *r,
                            rl_web_err *e)
{
    unsigned st = 200;
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect, a);
    if (a->too_many)
        st = (unsigned)rl_web_fail(e, 400, "too many query parameters (at most %d)", MAX_ARGS);
    unsigned accepted = route_params(rt);
    for (unsigned i = 0; st == 200 && i < a->n; i++) {
        if (strlen(a->a[i].v) > MAX_VALUE)
            st = (unsigned)rl_web_fail(e, 400, "parameter '%.40s' is too long", a->a[i].k);
        else
            st = take_param(r, accepted, &a->a[i], e);
    }
    if (st == 200 && r->from != RL_NODATE && r->to != RL_NODATE && r->from > r->to) {
        char f[11], t[11];
        rl_day_format(r->from, f);
        rl_day_format(r->to, t);
        st = (unsigned)rl_web_fail(e, 400, "from=%s is after to=%s (a reversed range)", f, t);
    }
    return st;
}

/* Per connection (its socket context): has it sent a whole request yet?
 * Only such connections count towards --max-connections, so that clients
 * that trickle their headers cannot push the others into 503. */
typedef struct conn_state {
    int active;
} conn_state;

static void mark_active(rl_serve *s, struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    conn_state *cs = ci ? ci->socket_context : NULL;
    if (cs && !cs->active) {
        cs->active = 1;
        atomic_fetch_add(&s->active_conns, 1);
    }
}

/* Called by libmicrohttpd with a request's URI before it splits the query:
 * a query of more than MAX_QUERY parameters is cut off here (its records
 * would fill the connection's memory, and libmicrohttpd would then drop the
 * request without an answer) and the request is marked for a 400; a path
 * with %00 is marked for a 404. */
static void *request_start(void *cls, const char *uri, struct MHD_Connection *c)
{
    (void)c;
    rl_serve *s = cls;
    char *q = strchr(uri, '?');
    int state = 0;
    /* libmicrohttpd decodes the path in place, and a %00 would end it
     * there: "/static/style.css%00.png" would read as "/static/style.css" */
    for (const char *p = uri; *p && p != q; p++)
        if (p[0] == '%' && p[1] == '0' && p[2] == '0')
            state |= REQ_NUL;
    unsigned n = 0;
    for (const char *p = q; p && *p; p++)
        n += *p == '&' || *p == ';';
    if (q && n >= MAX_QUERY) {
        /* the URI lies in the connection's own read buffer: libmicrohttpd
         * parses the query from it after this call */
        q[1] = '\0';
        state |= REQ_MANY;
    }
    return state ? s->mark + state : NULL;
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
    (void)version;
    (void)upload;
    rl_serve *s = cls;
    int state = *con_cls ? (int)((char *)*con_cls - s->mark) : 0;
    if (!(state & REQ_SEEN)) {
        /* the headers: answer on a later call, after any body, so that
         * libmicrohttpd keeps the connection alive and reads the next
         * pipelined request */
        *con_cls = s->mark + (state | REQ_SEEN);
        mark_active(s, c);
        return MHD_YES;
    }
    if (*upload_size) { /* a body: the dashboard takes none, so drop it */
        *upload_size = 0;
        return MHD_YES;
    }
    atomic_fetch_add(&s->requests, 1);
    double t0 = s->verbose ? now_ms() : 0;
    rl_web_req r;
    rl_web_err e = {0, ""};
    req_init(&r);
    r.api = !strncmp(url, "/api/", 5) || !strcmp(url, "/api");
    if (strcmp(method, MHD_HTTP_METHOD_GET) && strcmp(method, MHD_HTTP_METHOD_HEAD)) {
        rl_web_fail(&e, 405, "method %.16s not allowed: the dashboard only reads (GET, HEAD)",
                    method);
        return send_error(s, c, &r, NULL, &e);
    }
    if (atomic_load(&s->active_conns) > s->max_conn) {
        atomic_fetch_add(&s->busy, 1);
        rl_web_fail(&e, 503, "busy: more than %u open connections; retry in a moment",
                    s->max_conn);
        return send_error(s, c, &r, NULL, &e);
    }
    int rt;
    char file[64] = "";
    unsigned st = route(url, &r, &rt, file, &e);
    if (state & REQ_NUL)
        st = (unsigned)rl_web_fail(&e, 404, "no such page: the path holds an escaped NUL (%%00)");
    if (st == 200 && (state & REQ_MANY))
        st = (unsigned)rl_web_fail(&e, 400, "too many query parameters (at most %d)", MAX_ARGS);
    args a = {.n = 0};
    if (st == 200)
        st = read_params(c, rt, &a, &r, &e);
    if (st != 200)
        return send_error(s, c, &r, NULL, &e);
    /* routes that read no store */
    if (rt == R_STATIC) {
        for (unsigned i = 0; i < s->nfiles; i++)
            if (!strcmp(s->files[i].name, file))
                return MHD_queue_response(c, MHD_HTTP_OK, s->files[i].r);
        rl_web_fail(&e, 404, "no static file '%s'", file);
        return send_error(s, c, &r, NULL, &e);
    }
    rl_web_out o;
    memset(&o, 0, sizeof o);
    rl_buf_init(&o.body);
    if (rt == R_API_INDEX) {
        o.type = "application/json; charset=utf-8";
        rl_buf_adds(&o.body, api_index);
        return send_out(s, c, 200, &o, NULL, 0, NULL);
    }
    if (rt == R_DYAD_FORM) {
        char sa[RL_SIDE_MAX][24], sb[RL_SIDE_MAX][24], ja[400], jb[400];
        int na, nb;
        if (!(r.given & P_A) || !(r.given & P_B))
            st = (unsigned)rl_web_fail(&e, 400, "give both sides of the dyad: /dyad?a=USA&b=RUS");
        else if ((st = parse_side(r.pa, sa, &na, ja, sizeof ja, &e)) == 200 &&
                 (st = parse_side(r.pb, sb, &nb, jb, sizeof jb, &e)) == 200) {
            rl_buf loc;
            rl_buf_init(&loc);
            if (rl_buf_adds(&loc, "/dyad/") || rl_html_url(&loc, ja) || rl_buf_addc(&loc, '/') ||
                rl_html_url(&loc, jb) || loc.len >= sizeof o.location)
                st = (unsigned)rl_web_fail(&e, 500, "out of memory");
            else
                memcpy(o.location, loc.data, loc.len + 1);
            rl_buf_release(&loc);
        }
        if (st != 200)
            return send_error(s, c, &r, NULL, &e);
        o.type = "text/plain; charset=utf-8";
        rl_buf_adds(&o.body, "see other\n");
        return send_out(s, c, 303, &o, NULL, 0, NULL);
    }
    /* a cached answer? */
    rl_buf key;
    rl_buf_init(&key);
    store_gen gen;
    int have_key = s->cache_max && make_key(&key, url, &a) == 0;
    if (have_key) {
        int hit = cache_send(s, c, key.data, key.len, &gen);
        if (hit >= 0) {
            rl_buf_release(&key);
            if (s->verbose)
                fprintf(stderr, "redline serve: %s %s 200 %.1f ms (cached)\n", method, url,
                        now_ms() - t0);
            return hit ? MHD_YES : MHD_NO;
        }
    }
    rl_web_worker *w = worker_take(s);
    sqlite3 *db = rl_store_sqlite(w->st);
    /* one read transaction: the whole page sees one state of the store */
    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
    rl_browse_deadline(w->br, w->timeout_ms);
    st = run(s, w, rt, &r, &o, &e);
    rl_browse_deadline(w->br, 0);
    /* a statement left unfinished (an error, a first row only) would keep
     * this connection on the store as it was: the next requests would not
     * see what ingest commits */
    for (sqlite3_stmt *q = sqlite3_next_stmt(db, NULL); q; q = sqlite3_next_stmt(db, q))
        if (sqlite3_stmt_busy(q))
            sqlite3_reset(q);
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        fprintf(stderr, "redline serve: cannot end a read transaction: %s\n", sqlite3_errmsg(db));
    enum MHD_Result rc;
    if (st == 200) {
        rc = send_out(s, c, 200, &o, have_key ? key.data : NULL, key.len, &gen);
    } else {
        if (st == 500 && !e.status)
            rl_web_fail(&e, 500, "out of memory");
        e.status = st;
        rl_buf_release(&o.body);
        rc = send_error(s, c, &r, w, &e);
        if (st >= 500)
            fprintf(stderr, "redline serve: %s %s: %u %s\n", method, url, st, e.msg);
    }
    worker_give(s, w);
    rl_buf_release(&key);
    if (s->verbose)
        fprintf(stderr, "redline serve: %s %s %u %.1f ms\n", method, url, st, now_ms() - t0);
    return rc;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
    (void)c;
    rl_serve *s = cls;
    if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
        atomic_fetch_add(&s->open_conns, 1);
        *socket_context = calloc(1, sizeof(conn_state)); /* NULL: never counted active */
    } else if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
        atomic_fetch_sub(&s->open_conns, 1);
        conn_state *cs = *socket_context;
        if (cs && cs->active)
            atomic_fetch_sub(&s->active_conns, 1);
        free(cs);
        *socket_context = NULL;
    }
}

/* libmicrohttpd's messages (mostly requests it refused itself: too large,
 * malformed) go to the log with --verbose only, so that a flood of bad
 * requests cannot flood the terminal */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    const rl_serve *s = cls;
    if (!s->verbose)
        return;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && msg[n - 1] == '\n')
        msg[--n] = '\0';
    fprintf(stderr, "redline serve: %s\n", msg);
}

/* ======================== static files ======================== */

static const char *mime(const char *name)
{
    static const struct { const char *ext, *type; } t[] = {
        {".css", "text/css; charset=utf-8"}, {".svg", "image/svg+xml"}, {".png", "image/png"},
        {".ico", "image/x-icon"}, {".txt", "text/plain; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"}, {".json", "application/json"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof t / sizeof t[0]; i++)
        if (!strcmp(dot, t[i].ext))
            return t[i].type;
    return NULL;
}

/* Reads the regular files of dir with a known type into memory. */
static int load_static(rl_serve *s, const char *dir, rl_diag *dg)
{
    DIR *d = opendir(dir);
    if (!d) {
        rl_warn(dg, dir, 0, "no static files (%s): pages will have no stylesheet",
                strerror(errno));
        return RL_OK;
    }
    struct dirent *de;
    while ((de = readdir(d)) && s->nfiles < MAX_STATIC) {
        const char *name = de->d_name, *type = mime(name);
        if (name[0] == '.' || !type || strlen(name) >= sizeof s->files[0].name)
            continue;
        int fd = openat(dirfd(d), name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        struct stat sb;
        if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode) || sb.st_size > MAX_STATIC_SIZE) {
            if (fd >= 0)
                close(fd);
            continue;
        }
        char *buf = malloc((size_t)sb.st_size + 1);
        ssize_t got = buf ? read(fd, buf, (size_t)sb.st_size) : -1;
        close(fd);
        if (got != (ssize_t)sb.st_size) {
            free(buf);
            continue;
        }
        struct MHD_Response *r =
            MHD_create_response_from_buffer((size_t)got, buf, MHD_RESPMEM_MUST_FREE);
        if (!r) {
            free(buf);
            closedir(d);
            return RL_ENOMEM;
        }
        headers(r, type, 1);
        snprintf(s->files[s->nfiles].name, sizeof s->files[0].name, "%s", name);
        s->files[s->nfiles++].r = r;
    }
    closedir(d);
    return RL_OK;
}

/* ======================== lifecycle ======================== */

/* How many connections libmicrohttpd holds (at least CONN_FLOOR, so that
 * hundreds of slow clients leave room for the others; each costs a file
 * descriptor, so the soft descriptor limit is raised towards the hard one,
 * and the limit lowered when the hard one is too low) and how many one
 * client address may hold (half of them). */
static void conn_limits(rl_serve *s)
{
    unsigned want = s->max_conn + 64 > CONN_FLOOR ? s->max_conn + 64 : CONN_FLOOR;
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
        rlim_t need = (rlim_t)want + 256;
        if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
            rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
            setrlimit(RLIMIT_NOFILE, &rl);
            getrlimit(RLIMIT_NOFILE, &rl);
        }
        if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need)
            want = rl.rlim_cur > 320 ? (unsigned)rl.rlim_cur - 256 : 64;
    }
    s->conn_limit = want;
    s->per_ip = want / 2;
}

static int is_loopback(const struct sockaddr *sa)
{
    if (sa->sa_family == AF_INET)
        return (ntohl(((const struct sockaddr_in *)sa)->sin_addr.s_addr) >> 24) == 127;
    return IN6_IS_ADDR_LOOPBACK(&((const struct sockaddr_in6 *)sa)->sin6_addr);
}

int rl_serve_start(rl_serve **out, const rl_serve_opts *o, rl_diag *dg)
{
    *out = NULL;
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
    struct sockaddr *sa;
    memset(&in4, 0, sizeof in4);
    memset(&in6, 0, sizeof in6);
    const char *bind = o->bind ? o->bind : "127.0.0.1";
    if (inet_pton(AF_INET, bind, &in4.sin_addr) == 1) {
        in4.sin_family = AF_INET;
        in4.sin_port = htons((uint16_t)o->port);
        sa = (struct sockaddr *)&in4;
    } else if (inet_pton(AF_INET6, bind, &in6.sin6_addr) == 1) {
        in6.sin6_family = AF_INET6;
        in6.sin6_port = htons((uint16_t)o->port);
        sa = (struct sockaddr *)&in6;
    } else {
        rl_error(dg, "redline serve", 0, "bad address to listen on '%s' (want an IPv4 or IPv6 address, such "
                 "as 127.0.0.1 or ::1)", bind);
        return RL_EPARSE;
    }
    if (!is_loopback(sa))
        rl_warn(dg, "redline serve", 0, "listening on %s, not on a loopback address: the dashboard has no "
                "authentication, and anyone who can reach this address can read the store", bind);
    rl_serve *s = calloc(1, sizeof *s);
    if (!s)
        return RL_ENOMEM;
    pthread_mutex_init(&s->wlock, NULL);
    pthread_cond_init(&s->wcond, NULL);
    pthread_mutex_init(&s->clock, NULL);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    s->threads = o->threads ? o->threads : (unsigned)(cpus > 2 ? 2 * cpus : 4);
    if (s->threads > 64)
        s->threads = 64;
    s->max_conn = o->max_conn ? o->max_conn : 512;
    s->timeout_ms = o->timeout_ms ? o->timeout_ms : 10000;
    s->cache_max = o->cache_bytes;
    s->verbose = o->verbose;
    const char *slash = strrchr(o->db, '/');
    size_t n = strlen(o->db) + 5;
    if (!(s->db = strdup(o->db)) || !(s->db_name = strdup(slash ? slash + 1 : o->db)) ||
        !(s->wal = malloc(n)))
        goto nomem;
    snprintf(s->wal, n, "%s-wal", o->db);
    s->w = calloc(s->threads, sizeof *s->w);
    s->free_w = calloc(s->threads, sizeof *s->free_w);
    if (!s->w || !s->free_w)
        goto nomem;
    int rc;
    for (unsigned i = 0; i < s->threads; i++) {
        rl_web_worker *w = &s->w[i];
        w->dg = (rl_diag){dg->out, 0, 0};
        w->dict = o->dict;
        w->names = o->names;
        w->db_name = s->db_name;
        w->timeout_ms = s->timeout_ms;
        if ((rc = rl_store_open(&w->st, o->db, RL_STORE_READ, &w->dg))) {
            dg->errors++;
            rl_serve_stop(s);
            return rc;
        }
        /* the file mapped once for all connections, not copied into each cache */
        sqlite3_exec(rl_store_sqlite(w->st), "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = "
                     "-16384", NULL, NULL, NULL);
        if (!(w->br = rl_browse_new(w->st)))
            goto nomem;
        if (o->dict && !(w->pipe = rl_pipeline_new(o->dict, &w->dg)))
            goto nomem;
        s->free_w[s->nfree++] = i;
    }
    if (o->web_dir && (rc = load_static(s, o->web_dir, dg))) {
        rl_serve_stop(s);
        return rc;
    }
    store_gen_now(s, &s->gen);
    conn_limits(s);
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
                     (sa->sa_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    s->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, handle, s,
                            MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
                            MHD_OPTION_SOCK_ADDR, sa,
                            MHD_OPTION_THREAD_POOL_SIZE, s->threads,
                            /* past max_conn active connections requests get 503; past
                             * these, connections are refused */
                            MHD_OPTION_CONNECTION_LIMIT, s->conn_limit,
                            MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->per_ip,
                            MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)IDLE_TIMEOUT_S,
                            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
                            MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024,
                            MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
                            MHD_OPTION_URI_LOG_CALLBACK, request_start, s,
                            MHD_OPTION_END);
    if (!s->d) {
        rl_error(dg, "redline serve", 0, "cannot listen on %s port %u (in use, or not an address of this "
                 "machine)", bind, o->port);
        rl_serve_stop(s);
        return RL_EIO;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : o->port;
    *out = s;
    return RL_OK;
nomem:
    rl_serve_stop(s);
    return RL_ENOMEM;
}

unsigned rl_serve_port(const rl_serve *s) { return s->port; }

void rl_serve_stop(rl_serve *s)
{
    if (!s)
        return;
    if (s->d)
        MHD_stop_daemon(s->d);
    for (unsigned i = 0; s->w && i < s->threads; i++) {
        rl_pipeline_free(s->w[i].pipe);
        rl_browse_free(s->w[i].br);
        rl_store_close(s->w[i].st);
    }
    cache_flush(s);
    for (unsigned i = 0; i < s->nfiles; i++)
        MHD_destroy_response(s->files[i].r);
    pthread_mutex_destroy(&s->wlock);
    pthread_cond_destroy(&s->wcond);
    pthread_mutex_destroy(&s->clock);
    free(s->w);
    free(s->free_w);
    free(s->db);
    free(s->db_name);
    free(s->wal);
    free(s);
}

void rl_serve_stats_get(rl_serve *s, rl_serve_stats *st)
{
    st->requests = atomic_load(&s->requests);
    st->client_errors = atomic_load(&s->client_errors);
    st->server_errors = atomic_load(&s->server_errors);
    st->busy = atomic_load(&s->busy);
    st->cache_hits = atomic_load(&s->cache_hits);
}
