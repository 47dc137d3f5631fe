/* storegen.c: writes synthetic coded events into a store through the store
 * API (store.h), the way `redline ingest` does after coding, so that
 * bench/store.sh can time the store alone: ingest rate, then `trend` and
 * `top` over millions of events. Not a test and not part of redline.
 *
 * usage: storegen DB EVENTS [FIRST_STORY]
 *
 * Stories carry 10 events; story n is dated 2010-01-01 + n / 250 days (250
 * stories a day), events 0 to 3 days before their story. Actors are drawn
 * from 80 countries with Zipf weights and a role suffix, codes from a
 * news-like mix of CAMEO codes; 15% of events repeat a recent event of another
 * story and publisher, so the distinct-event counts are exercised.
 * Deterministic: the same arguments give the same store. */
#include "base/rl_base.h"
#include "store/rl_store.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const countries[] = {
    "USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "PAK", "SYR",
    "IRQ", "AFG", "PSE", "SAU", "JPN", "KOR", "PRK", "EGY", "LBN", "YEM", "NGA", "BRA", "MEX",
    "CAN", "AUS", "ITA", "ESP", "POL", "BLR", "GEO", "ARM", "AZE", "KAZ", "VEN", "COL", "CUB",
    "ZAF", "ETH", "SDN", "SSD", "SOM", "KEN", "LBY", "TUN", "DZA", "MAR", "QAT", "ARE", "JOR",
    "IDN", "PHL", "MMR", "THA", "VNM", "TWN", "BGD", "LKA", "NPL", "MLI", "NER", "TCD", "COD",
    "RWA", "UGA", "ZWE", "ARG", "CHL", "PER", "BOL", "HUN", "SRB", "ROU", "GRC", "NLD", "BEL",
    "SWE", "FIN",
};
#define NC (sizeof countries / sizeof countries[0])
static const char *const roles[] = {"", "GOV", "GOV", "GOV", "MIL", "MIL", "COP", "OPP", "REB",
                                    "BUS", "CVL", "MED"};
#define NR (sizeof roles / sizeof roles[0])

typedef struct code { const char *code; float g; int quad; int weight; } code;
static const code codes[] = {
    {"010", 0.0f, 1, 40}, {"012", -0.1f, 1, 8}, {"020", 3.0f, 1, 10}, {"036", 4.0f, 1, 8},
    {"040", 1.0f, 1, 30}, {"042", 1.9f, 1, 10}, {"043", 2.8f, 1, 10}, {"046", 7.0f, 1, 6},
    {"051", 3.4f, 1, 10}, {"057", 8.0f, 1, 3}, {"061", 6.4f, 2, 5}, {"070", 7.0f, 2, 5},
    {"0871", 9.0f, 2, 1}, {"111", -2.0f, 3, 15}, {"112", -2.0f, 3, 10}, {"106", -5.0f, 3, 2},
    {"1312", -5.8f, 3, 3}, {"138", -7.0f, 3, 2}, {"154", -7.2f, 4, 2}, {"163", -8.0f, 4, 3},
    {"173", -5.0f, 4, 10}, {"190", -10.0f, 4, 6}, {"193", -10.0f, 4, 3}, {"195", -10.0f, 4, 2},
};
#define NK (sizeof codes / sizeof codes[0])

typedef struct rng { uint64_t s; } rng;

static uint64_t next(rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

static double unit(rng *r) { return (double)(next(r) >> 11) / 9007199254740992.0; }

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: storegen DB EVENTS [FIRST_STORY]\n");
        return 2;
    }
    unsigned long total = strtoul(argv[2], NULL, 10);
    unsigned long first = argc > 3 ? strtoul(argv[3], NULL, 10) : 0;
    rl_diag dg = {stderr, 0, 0};
    rl_store *st;
    if (rl_store_open(&st, argv[1], RL_STORE_WRITE, &dg))
        return 1;
    /* Zipf weights over countries, cumulative */
    double cum[NC], sum = 0;
    for (size_t i = 0; i < NC; i++)
        cum[i] = (sum += 1.0 / (double)(i + 1));
    int cw[NK], wsum = 0;
    for (size_t i = 0; i < NK; i++)
        cw[i] = (wsum += codes[i].weight);
    rng r = {0x9e3779b97f4a7c15ull ^ (first * 0x100000001b3ull + 1)};
    rl_event recent[1024];
    size_t nrecent = 0;
    rl_day base = rl_day_from_ymd(2010, 1, 1);
    char id[32], pub[32], text[160];
    double t0 = now();
    unsigned long done = 0, n = first;
    while (done < total) {
        rl_story s;
        memset(&s, 0, sizeof s);
        snprintf(id, sizeof id, "syn-%lu", n);
        snprintf(pub, sizeof pub, "wire %lu", next(&r) % 50);
        s.id = id;
        s.source = pub;
        s.date = base + (rl_day)(n / 250);
        if (rl_store_begin_story(st, &s))
            return 1;
        for (int k = 0; k < 10 && done < total; k++, done++) {
            rl_event e;
            if (nrecent > 16 && unit(&r) < 0.15) {
                e = recent[next(&r) % (nrecent < 1024 ? nrecent : 1024)];
            } else {
                memset(&e, 0, sizeof e);
                size_t a = 0, b = 0;
                double x = unit(&r) * sum, y = unit(&r) * sum;
                while (cum[a] < x)
                    a++;
                while (cum[b] < y)
                    b++;
                if (a == b)
                    b = (b + 1 + next(&r) % (NC - 1)) % NC;
                snprintf(e.source, sizeof e.source, "%s%s", countries[a], roles[next(&r) % NR]);
                snprintf(e.target, sizeof e.target, "%s%s", countries[b], roles[next(&r) % NR]);
                int w = (int)(next(&r) % (uint64_t)wsum);
                size_t c = 0;
                while (cw[c] <= w)
                    c++;
                snprintf(e.code, sizeof e.code, "%s", codes[c].code);
                snprintf(e.root, sizeof e.root, "%.2s", codes[c].code);
                e.quad = codes[c].quad;
                e.goldstein = codes[c].g;
                e.plover = "";
                e.modality = next(&r) % 20 == 0 ? RL_MOD_THREATENED : RL_MOD_REALIZED;
                e.date = s.date - (rl_day)(next(&r) % 4);
                snprintf(e.evidence, sizeof e.evidence, "verb %s", e.code);
                snprintf(e.source_text, sizeof e.source_text, "%s", countries[a]);
                snprintf(e.target_text, sizeof e.target_text, "%s", countries[b]);
                recent[nrecent++ % 1024] = e;
            }
            e.sentence = (uint32_t)k;
            int len = snprintf(text, sizeof text, "Synthetic sentence %d of story %lu: %s and %s, "
                               "code %s.", k, n, e.source, e.target, e.code);
            if (rl_store_put_event(st, &s, &e, text, (size_t)len))
                return 1;
        }
        if (rl_store_end_story(st))
            return 1;
        n++;
    }
    if (rl_store_commit(st))
        return 1;
    double secs = now() - t0;
    rl_store_stats ss;
    rl_store_stats_get(st, &ss);
    rl_store_close(st);
    printf("storegen: %lu events in %lu stories (story %lu to %lu) in %.2f s: %.0f events/min\n",
           ss.mentions, ss.stories, first, n - 1, secs, (double)ss.mentions / secs * 60);
    return 0;
}
