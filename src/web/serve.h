/* serve.h: `redline serve`: a web dashboard and JSON API over an event
 * store, served with libmicrohttpd. The store is opened read-only (one
 * connection per request thread); the pages are server-rendered HTML with
 * inline SVG charts and no script (page.c), the API returns the shapes of
 * `trend --json` and `top --json` (api.c); docs/serve.md lists the routes.
 * Requests are validated before anything is read (400), results are bounded,
 * queries have a deadline, and past a connection limit requests get 503.
 * rl_serve_start/rl_serve_stop own the server; options are copied; the
 * dictionary is borrowed and must outlive the server. */
#ifndef RL_SERVE_H
#define RL_SERVE_H

#include "lexicon/dict.h"
#include "lexicon/names.h"

typedef struct rl_serve_opts {
    const char *db;          /* the store (made by `redline ingest`) */
    const char *bind;        /* IPv4 or IPv6 address to listen on ("127.0.0.1") */
    unsigned port;           /* 0: a free port (rl_serve_port says which) */
    const char *web_dir;     /* static files, served under /static/ (NULL: none) */
    const rl_dict *dict;     /* CAMEO names and explain traces (NULL: without them) */
    const rl_names *names;   /* actor names beside codes (NULL: codes only) */
    unsigned threads;        /* request threads (0: two per CPU, at least 4) */
    unsigned max_conn;       /* open connections past which requests get 503 (0: 512) */
    size_t cache_bytes;      /* cache of rendered responses (0: none) */
    unsigned timeout_ms;     /* a request's store queries stop after this (0: 10 s) */
    int verbose;             /* log every request to stderr */
} rl_serve_opts;

typedef struct rl_serve rl_serve;

/* Opens the store once per thread and starts listening. Every failure is
 * explained to dg. Returns RL_OK (*out set), RL_ENOMEM, RL_EIO (the store
 * cannot be opened, the address cannot be bound) or RL_EPARSE (a bad
 * address, not a redline store). */
int rl_serve_start(rl_serve **out, const rl_serve_opts *o, rl_diag *dg);
/* The port listened on. */
unsigned rl_serve_port(const rl_serve *s);
/* Stops listening, finishes the requests in flight, closes. NULL is ignored. */
void rl_serve_stop(rl_serve *s);

typedef struct rl_serve_stats {
    unsigned long requests, client_errors, server_errors, busy, cache_hits;
} rl_serve_stats;
void rl_serve_stats_get(rl_serve *s, rl_serve_stats *st);

#endif
