/* cmd_serve.c: `redline serve DB`: the web dashboard over an event store
 * (serve.h), until Ctrl-C or SIGTERM. */
#include "cli.h"
#include "web/rl_web.h"

#include <arpa/inet.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#ifndef RL_WEB_DIR
#define RL_WEB_DIR "web"
#endif

static const char *const usage_text =
    "usage: redline serve [options] DB\n"
    "\n"
    "Serves a web dashboard over the event store DB (filled by `redline ingest`):\n"
    "the dyads whose force track rose most, each dyad's talks and force tracks\n"
    "with its events, every event with its sentence, story and the coder's\n"
    "reading, and full-text search; a JSON API under /api/ returns the same\n"
    "(docs/serve.md). The store is opened read-only: the server never writes\n"
    "it, and an ingest may run beside it (pages show its committed batches).\n"
    "Plain HTML and SVG, no script, nothing fetched from the network.\n"
    "\n"
    "  -b, --bind ADDR         address to listen on (default 127.0.0.1, this\n"
    "                          machine only; there is no authentication)\n"
    "  -p, --port N            port (default 8080; 0 picks a free one)\n"
    "  -D, --dict-dir DIR      dictionaries, for code names and explain traces\n"
    "  -w, --web DIR           static files (default: the web/ folder of the\n"
    "                          source tree, or $REDLINE_WEB)\n"
    "  -t, --threads N         request threads (default: two per CPU, at least 4)\n"
    "  -c, --max-connections N open connections past which requests get\n"
    "                          503 Busy (default 512)\n"
    "      --cache-mb N        cache of rendered pages, dropped whenever the store\n"
    "                          changes (default 64; 0: none)\n"
    "      --timeout S         a request's queries stop after S seconds with\n"
    "                          503 (default 10)\n"
    "  -v, --verbose           log every request on stderr\n"
    "  -h, --help              this text\n"
    "\n"
    "Prints the dashboard's address on stdout. Exit status: 0 after Ctrl-C or\n"
    "SIGTERM, 1 when the store cannot be opened or the address not bound,\n"
    "2 on usage errors.\n";

static int opt_uint(const char *name, const char *s, unsigned long lo, unsigned long hi,
                    unsigned long *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || *s == '-' || v < lo || v > hi) {
        fprintf(stderr, "redline serve: bad %s '%s' (want %lu to %lu)\n", name, s, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    enum { O_CACHE = 1, O_TIMEOUT };
    static const struct option opts[] = {
        {"bind", required_argument, 0, 'b'}, {"port", required_argument, 0, 'p'},
        {"dict-dir", required_argument, 0, 'D'}, {"web", required_argument, 0, 'w'},
        {"threads", required_argument, 0, 't'}, {"max-connections", required_argument, 0, 'c'},
        {"cache-mb", required_argument, 0, O_CACHE}, {"timeout", required_argument, 0, O_TIMEOUT},
        {"verbose", no_argument, 0, 'v'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0},
    };
    rl_serve_opts o;
    memset(&o, 0, sizeof o);
    o.bind = "127.0.0.1";
    o.port = 8080;
    o.cache_bytes = 64ul << 20;
    const char *dict_dir = NULL, *env = getenv("REDLINE_WEB");
    o.web_dir = env && *env ? env : RL_WEB_DIR;
    unsigned long v;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "b:p:D:w:t:c:vh", opts, NULL)) != -1) {
        switch (c) {
        case 'b': o.bind = optarg; break;
        case 'p':
            if (opt_uint("--port", optarg, 0, 65535, &v))
                return RL_EXIT_USAGE;
            o.port = (unsigned)v;
            break;
        case 'D': dict_dir = optarg; break;
        case 'w': o.web_dir = optarg; break;
        case 't':
            if (opt_uint("--threads", optarg, 1, 64, &v))
                return RL_EXIT_USAGE;
            o.threads = (unsigned)v;
            break;
        case 'c':
            if (opt_uint("--max-connections", optarg, 1, 10000, &v))
                return RL_EXIT_USAGE;
            o.max_conn = (unsigned)v;
            break;
        case O_CACHE:
            if (opt_uint("--cache-mb", optarg, 0, 65536, &v))
                return RL_EXIT_USAGE;
            o.cache_bytes = (size_t)v << 20;
            break;
        case O_TIMEOUT:
            if (opt_uint("--timeout", optarg, 1, 3600, &v))
                return RL_EXIT_USAGE;
            o.timeout_ms = (unsigned)v * 1000;
            break;
        case 'v': o.verbose = 1; break;
        case 'h': fputs(usage_text, stdout); return RL_EXIT_OK;
        default: fputs(usage_text, stderr); return RL_EXIT_USAGE;
        }
    }
    if (argc - optind != 1) {
        fprintf(stderr, "redline serve: want DB, got %d argument%s\n", argc - optind,
                argc - optind == 1 ? "" : "s");
        fputs(usage_text, stderr);
        return RL_EXIT_USAGE;
    }
    o.db = argv[optind];
    unsigned char addr[sizeof(struct in6_addr)];
    if (inet_pton(AF_INET, o.bind, addr) != 1 && inet_pton(AF_INET6, o.bind, addr) != 1) {
        fprintf(stderr, "redline serve: bad --bind '%s' (want an IPv4 or IPv6 address, such as "
                "127.0.0.1 or ::1)\n", o.bind);
        return RL_EXIT_USAGE;
    }
    rl_diag dg = {stderr, 0, 0};
    rl_dict *d = cli_load_dict(dict_dir, &dg, 0);
    if (!d)
        fprintf(stderr, "redline serve: serving without dictionaries: no code names, no explain "
                "traces\n");
    o.dict = d;
    rl_names *names = cli_load_names(dict_dir);
    o.names = names;
    /* the request threads inherit this mask; the signals come to sigwait */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    rl_serve *s = NULL;
    int rc = rl_serve_start(&s, &o, &dg);
    if (rc) {
        rl_dict_free(d);
        rl_names_free(names);
        return RL_EXIT_FAIL;
    }
    char host[80];
    snprintf(host, sizeof host, strchr(o.bind, ':') ? "[%s]" : "%s", o.bind);
    printf("http://%s:%u/\n", host, rl_serve_port(s));
    fflush(stdout);
    fprintf(stderr, "redline serve: serving %s (read-only) at http://%s:%u/ ; Ctrl-C stops\n", o.db,
            host, rl_serve_port(s));
    int sig = 0;
    sigwait(&stop, &sig);
    rl_serve_stats st;
    rl_serve_stats_get(s, &st);
    rl_serve_stop(s);
    rl_dict_free(d);
    rl_names_free(names);
    fprintf(stderr, "redline serve: stopped (%s): %lu requests, %lu client errors, %lu server "
            "errors, %lu busy, %lu from the cache\n", sig == SIGINT ? "interrupt" : "terminated",
            st.requests, st.client_errors, st.server_errors, st.busy, st.cache_hits);
    return RL_EXIT_OK;
}
