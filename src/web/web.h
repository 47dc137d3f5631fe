/* web.h: private to the dashboard (serve.c, view.c, page.c, api.c): a
 * request as serve.c validated it, the per-thread worker it runs on, the
 * data of each view (view.c loads it from the store), and the response the
 * pages (page.c, HTML) and the API (api.c, JSON) write. Not part of the
 * library's interface; nothing else includes it. Views own what they load
 * (rl_view_*_release); requests and workers are borrowed. */
#ifndef RL_WEB_H
#define RL_WEB_H

#include "store/browse.h"
#include "store/alert.h"
#include "coder/story.h"

#define WEB_PER_PAGE 50      /* rows per page of an events or search table */
#define WEB_MAX_PAGE 2000    /* deepest page */
#define WEB_MAX_PERIODS 1000 /* periods on a chart */
#define WEB_REPORTS 100      /* reports listed on an event page */
#define WEB_STORY_ROWS 500   /* reports listed on a story page */
#define WEB_LATEST 20        /* latest events on the overview */
#define WEB_SEARCH_COUNT 10000 /* search results are counted up to this */
#define WEB_CSV_ROWS 5000    /* rows per page of a CSV download (format=csv) */

/* query parameters, as bits of rl_web_req.given and of what a route accepts */
enum {
    P_FROM = 1 << 0, P_TO = 1 << 1, P_BY = 1 << 2, P_ROOT = 1 << 3, P_QUAD = 1 << 4,
    P_MODALITY = 1 << 5, P_TRACK = 1 << 6, P_PAGE = 1 << 7, P_N = 1 << 8, P_X = 1 << 9,
    P_Q = 1 << 10, P_ACTOR = 1 << 11, P_CAMEO = 1 << 12, P_ID = 1 << 13, P_A = 1 << 14,
    P_B = 1 << 15, P_FORMAT = 1 << 16, P_SORT = 1 << 17,
};

typedef struct rl_web_req {
    int api;                        /* under /api/: errors are JSON */
    char a[RL_SIDE_MAX][24], b[RL_SIDE_MAX][24]; /* dyad sides from the path */
    int na, nb;
    char side_a[400], side_b[400];  /* the sides as one string each ("USA,WST") */
    int64_t event;                  /* /event/ID */
    unsigned given;                 /* P_* of the parameters given (non-empty) */
    rl_day from, to;
    int by, quad, modality, track, intl;
    int csv;                        /* format=csv: the API answers in CSV */
    int sort;                       /* search order (enum rl_browse_order; newest first) */
    char root[3];
    unsigned page, n;
    char q[257], actor[65], cameo[5], id[257];
    char pa[400], pb[400];          /* /dyad?a=..&b=.. (the form on the overview) */
} rl_web_req;

/* What a request runs on: one per request thread. */
typedef struct rl_web_worker {
    rl_store *st;
    rl_browse *br;
    rl_pipeline *pipe;              /* explain traces; NULL without dictionaries */
    const rl_dict *dict;            /* CAMEO names; NULL without */
    const rl_names *names;          /* actor names; NULL without */
    const char *db_name;            /* the store's file name, shown on pages */
    unsigned timeout_ms;
    rl_diag dg;
} rl_web_worker;

typedef struct rl_web_out {
    unsigned status;
    const char *type;               /* Content-Type */
    rl_buf body;
    char location[1200];            /* for a redirect */
} rl_web_out;

/* An error: status and a message for the page or the API. */
typedef struct rl_web_err {
    unsigned status;
    char msg[600];
} rl_web_err;
int rl_web_fail(rl_web_err *e, unsigned status, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- views (view.c): each returns 200 or an error status with e filled ---- */

typedef struct rl_view_overview {
    rl_top *top;                    /* NULL when the store has no dated story */
    rl_alerts *alerts;              /* as of `to`; NULL with top */
    rl_browse_events latest;
    rl_browse_counts counts;
    rl_day from, to;
    unsigned n;
    int intl;
} rl_view_overview;
unsigned rl_view_overview_load(rl_web_worker *w, const rl_web_req *r, rl_view_overview *v, rl_web_err *e);
void rl_view_overview_release(rl_view_overview *v);

typedef struct rl_view_dyad {
    rl_series *s;                   /* the chart: both tracks over [from, to] */
    rl_browse_filter f;             /* the table's filters (dates: the series') */
    rl_browse_events ev;            /* the table's page */
    unsigned page, pages;
} rl_view_dyad;
/* table: 0 loads the series only (the chart and /api/trend) */
unsigned rl_view_dyad_load(rl_web_worker *w, const rl_web_req *r, int table, rl_view_dyad *v,
                           rl_web_err *e);
void rl_view_dyad_release(rl_view_dyad *v);

typedef struct rl_view_event {
    rl_browse_event ev;
    rl_browse_reports reports;      /* the event's reports, first first */
    rl_browse_story story;          /* the first report's story */
    rl_browse_reports sentences;    /* that story's reports, in sentence order */
    int explained;                  /* trace and coded are set */
    unsigned context;               /* stored sentences of the story read before it */
    rl_buf trace;                   /* the coder's reading of the first report's sentence */
    rl_events coded;                /* the events it codes now */
} rl_view_event;
unsigned rl_view_event_load(rl_web_worker *w, const rl_web_req *r, rl_view_event *v, rl_web_err *e);
void rl_view_event_release(rl_view_event *v);

typedef struct rl_view_story {
    rl_browse_story story;
    rl_browse_reports reports;
    rl_browse_uncoded uncoded;      /* its sentences without events, with why */
} rl_view_story;
unsigned rl_view_story_load(rl_web_worker *w, const rl_web_req *r, rl_view_story *v, rl_web_err *e);
void rl_view_story_release(rl_view_story *v);

typedef struct rl_view_search {
    int asked;                      /* something to search for was given */
    int actor_is_code;
    rl_buf fts;                     /* the FTS5 query */
    rl_browse_reports res;
    unsigned page, pages;
} rl_view_search;
unsigned rl_view_search_load(rl_web_worker *w, const rl_web_req *r, rl_view_search *v, rl_web_err *e);
void rl_view_search_release(rl_view_search *v);

/* The CAMEO name of a code ("" when unknown or without dictionaries). */
const char *rl_view_cameo_name(const rl_web_worker *w, const char *code);
/* The PLOVER mode the code determines ("" when none or without dictionaries). */
const char *rl_view_plover_mode(const rl_web_worker *w, const char *code);

/* ---- HTML (page.c) and JSON (api.c): status 200, or 500 when out of memory ---- */

unsigned rl_page_overview(rl_web_worker *w, const rl_web_req *r, const rl_view_overview *v, rl_web_out *o);
unsigned rl_page_dyad(rl_web_worker *w, const rl_web_req *r, const rl_view_dyad *v, rl_web_out *o);
unsigned rl_page_event(rl_web_worker *w, const rl_web_req *r, const rl_view_event *v, rl_web_out *o);
unsigned rl_page_story(rl_web_worker *w, const rl_web_req *r, const rl_view_story *v, rl_web_out *o);
unsigned rl_page_search(rl_web_worker *w, const rl_web_req *r, const rl_view_search *v, rl_web_out *o);
unsigned rl_page_error(const rl_web_worker *w, const rl_web_err *e, rl_web_out *o);

unsigned rl_api_overview(rl_web_worker *w, const rl_web_req *r, const rl_view_overview *v, rl_web_out *o);
unsigned rl_api_top(const rl_view_overview *v, rl_web_out *o);
unsigned rl_api_trend(const rl_view_dyad *v, rl_web_out *o);
unsigned rl_api_dyad(rl_web_worker *w, const rl_web_req *r, const rl_view_dyad *v, rl_web_out *o);
unsigned rl_api_event(rl_web_worker *w, const rl_view_event *v, rl_web_out *o);
unsigned rl_api_story(rl_web_worker *w, const rl_view_story *v, rl_web_out *o);
unsigned rl_api_search(rl_web_worker *w, const rl_web_req *r, const rl_view_search *v, rl_web_out *o);
unsigned rl_api_error(const rl_web_err *e, rl_web_out *o);
/* format=csv of /api/top, /api/trend, /api/dyad (its events) and /api/search
 * (RFC 4180, header row; columns in docs/serve.md) */
unsigned rl_api_top_csv(const rl_view_overview *v, rl_web_out *o);
unsigned rl_api_trend_csv(const rl_view_dyad *v, rl_web_out *o);
unsigned rl_api_dyad_csv(rl_web_worker *w, const rl_view_dyad *v, rl_web_out *o);
unsigned rl_api_search_csv(rl_web_worker *w, const rl_view_search *v, rl_web_out *o);

#endif
