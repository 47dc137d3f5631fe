/* attach.c: the parts of an event beyond who and what: its date (the nearest
 * date expression of its clause, with the rules of docs/design.md) and a stated
 * quantity ("10,000 troops"). */
#include "coder/internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static double parse_number(const char *s, size_t n)
{
    double v = 0;
    int dec = 0;
    double scale = 1;
    for (size_t i = 0; i < n; i++) {
        if (isdigit((unsigned char)s[i])) {
            if (dec) { scale /= 10; v += (s[i] - '0') * scale; }
            else v = v * 10 + (s[i] - '0');
        } else if (s[i] == '.') {
            dec = 1;
        } else if (s[i] != ',') {
            break;
        }
    }
    return v;
}

void rl_attach_quantity(const rl_reading *r, const rl_pmatch *m, rl_event *e)
{
    uint16_t cl = r->clause[m->head];
    for (uint32_t k = m->head; k < r->n && k < m->end + 6 && r->clause[k] == cl; k++) {
        if (!(r->tok[k].flags & RL_T_NUM))
            continue;
        const char *s = r->text + r->tok[k].off;
        if (r->tok[k].len == 4 && (s[0] == '1' || s[0] == '2') && s[1] >= '0' && s[1] <= '9' &&
            !memchr(s, ',', 4))
            continue; /* a year */
        double v = parse_number(s, r->tok[k].len);
        uint32_t j = k + 1;
        if ((rl_wc(r, j) & RL_W_SCALE) || rl_match_is_word(r, j, "billion")) {
            v *= (rl_wc(r, j) & RL_W_MILLION) ? 1e6 : rl_match_is_word(r, j, "billion") ? 1e9 : 1e3;
            j++;
        }
        for (uint32_t u = j; u < r->n && u <= j + 2; u++) {
            if (rl_wc(r, u) & RL_W_UNIT) {
                e->quantity = v;
                rl_span_text(r, u, u + 1, e->quantity_unit, sizeof e->quantity_unit);
                return;
            }
        }
    }
}

/* Date for the event at match m: nearest expression in the clause. */
/* Is the date expression x part of a trailing attribution ("..., officials
 * said on Tuesday", "Lavrov said on Monday that")? It dates the report. */
static int in_attribution(const rl_reading *r, const rl_datex *x)
{
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pmatch *md = &r->modal[i];
        if (rl_dict_pattern(r->dict, md->pat)->modal != RL_M_REPORT)
            continue;
        /* "said on Tuesday": right after the reporting verb */
        if (x->start >= md->end && x->start <= md->end + 1)
            return 1;
        /* ", ... said" after the expression, with no verb in between */
        if (md->start >= x->end && md->start <= x->end + 1)
            return 1;
    }
    return 0;
}

void rl_attach_date(rl_coder *c, const rl_pmatch *m, rl_event *e, int tense, rl_buf *trace)
{
    const rl_reading *r = &c->r;
    int best = -1;
    long bestd = 0;
    uint16_t cl = r->clause[m->head];
    /* a verbal act (statement, appeal, demand, threat, accusation ...) happens
     * when it is reported; a material act has a date of its own */
    int root = (e->code[0] - '0') * 10 + (e->code[1] - '0');
    int verbal = (root <= 3) || (root >= 9 && root <= 13);
    for (size_t i = 0; i < r->ndates; i++) {
        const rl_datex *x = &r->dates[i];
        if (!verbal && in_attribution(r, x))
            continue;
        /* dates usually follow the verb they date: one before it counts triple */
        long d;
        if (x->start >= m->end)
            d = (long)(x->start - m->end);
        else if (x->end <= m->start)
            d = 3 * (long)(m->start - x->end) + 1;
        else
            d = 0;
        int same = r->clause[x->start] == cl;
        /* an expression closer to another verb belongs to that verb; one
         * between two verbs belongs to the first ("met X on Thursday to discuss") */
        for (size_t w = 0; w < r->nverb; w++) {
            const rl_pmatch *o = &r->verb[w];
            if (o == m || d == 0 || r->clause[x->start] != r->clause[o->head])
                continue; /* an expression inside the match is its own */
            int after_m = x->start >= m->end, after_o = x->start >= o->end;
            int between = after_m != after_o;
            if (between && after_m)
                continue; /* m comes first: the date follows m */
            long od = x->start >= o->end ? (long)(x->start - o->end)
                      : x->end <= o->start ? 3 * (long)(o->start - x->end) + 1 : 0;
            if (between || od < d)
                d += 100;
        }
        /* "on December 7, when they agreed": a when-clause shares the date it follows */
        if (!same) {
            uint32_t k = x->end;
            while (k < r->n && rl_is_punct(r, k, ','))
                k++;
            if (k < r->n && rl_match_is_word(r, k, "when") && r->clause[k] == cl)
                same = 1, d = 1;
        }
        if (!same)
            d += 50;
        if (d < 60 && (best < 0 || d < bestd)) {
            best = (int)i;
            bestd = d;
        }
    }
    e->date = c->story;
    e->date_expr[0] = '\0';
    e->precision = c->story != RL_NODATE ? RL_PREC_DAY : RL_PREC_UNKNOWN;
    if (best >= 0) {
        rl_day day = rl_date_resolve(&r->dates[best], c->story, c->prev, tense);
        if (day != RL_NODATE) {
            e->date = day;
            e->precision = r->dates[best].precision;
            rl_date_span(r->text, r->tok, &r->dates[best], e->date_expr, sizeof e->date_expr);
        } else if (trace) {
            rl_buf_printf(trace, "  date expression could not be resolved; story date used\n");
        }
    }
}


/* Irregular past forms common in news, sorted, for past_verb. */
static const char *const IRREGULAR_PAST[] = {
    "began", "bought", "broke", "brought", "built", "came", "caught", "chose", "dealt", "drew",
    "drove", "fell", "fled", "flew", "forbade", "fought", "found", "froze", "gave", "got",
    "grew", "heard", "held", "kept", "knew", "led", "left", "lent", "lost", "made", "met",
    "overran", "overthrew", "overtook", "paid", "ran", "rode", "rose", "said", "sank", "sat",
    "saw", "sent", "shook", "shot", "slew", "sold", "sought", "spent", "spoke", "stole",
    "stood", "struck", "swore", "taught", "threw", "told", "took", "tore", "undertook", "went",
    "withdrew", "won", "wore", "wrote",
};

static int cmp_word(const void *a, const void *b) { return strcmp(a, *(const char *const *)b); }

/* Is the predicate's future a bare "will", "would", "'ll" or "shall" (no
 * arrangement such as "is due to", "is scheduled to")? */
static int plain_future(const rl_reading *r, const rl_pred *pr)
{
    int32_t f = pr->modal[RL_M_FUTURE], h = pr->modal[RL_M_HYPO];
    if (f >= 0) {
        const rl_pmatch *x = &r->modal[f];
        return x->end == x->start + 1 &&
               (rl_match_is_word(r, x->start, "will") || rl_match_is_word(r, x->start, "'ll") ||
                rl_match_is_word(r, x->start, "shall") || rl_match_is_word(r, x->start, "wo"));
    }
    return h >= 0 && (rl_wc(r, r->modal[h].start) & RL_W_WOULD);
}

/* Does a relative pronoun open the clause of the verb at token k ("the group
 * that has seized")? Such a clause describes an argument and takes no date
 * from the verbs around it. */
static int opens_relative(const rl_reading *r, uint32_t k)
{
    while (k > 0 && (rl_wc(r, k - 1) & RL_W_ADV) && !(rl_wc(r, k - 1) & (RL_W_THAT | RL_W_WHO)))
        k--;
    return k > 0 && (rl_wc(r, k - 1) & (RL_W_THAT | RL_W_WHO));
}

/* Whether the predicate's verb is in the past tense ("exchanged", "met"),
 * so that a bare month names the past one. */
static int past_verb(const rl_reading *r, const rl_pmatch *m)
{
    const rl_token *t = &r->tok[m->head];
    const char *w = r->text + t->off;
    if (t->len > 3 && !strncasecmp(w + t->len - 2, "ed", 2))
        return 1;
    char low[16];
    if (t->len >= sizeof low)
        return 0;
    for (size_t i = 0; i < t->len; i++)
        low[i] = (char)tolower((unsigned char)w[i]);
    low[t->len] = '\0';
    return bsearch(low, IRREGULAR_PAST, sizeof IRREGULAR_PAST / sizeof *IRREGULAR_PAST,
                   sizeof *IRREGULAR_PAST, cmp_word) != NULL;
}

void rl_attach_event_date(rl_coder *c, rl_pred *pr, rl_buf *trace)
{
    const rl_reading *r = &c->r;
    rl_event *e = &pr->e;
    /* the tense the date is read in: plans lie ahead, a realized act in the
     * past tense lies behind ("exchanged prisoners in March" in a January
     * story is last March) */
    int tense = e->modality == RL_MOD_SCHEDULED ? 1
                : e->modality == RL_MOD_REALIZED ? (!pr->noun && past_verb(r, pr->m) ? -1 : 0)
                : -1;
    rl_attach_date(c, pr->m, e, tense, trace);
    /* "Pakistan said it would retaliate": force or coercion announced for
     * no particular date is a threat; with a date it is scheduled */
    if (!pr->fin && e->modality == RL_MOD_SCHEDULED && !e->date_expr[0] && rl_code_root(e->code) >= 16) {
        const char *tc = rl_dict_modal_code(r->dict, e->code, RL_MC_THREAT);
        if (tc) {
            rl_event_set_code(r->dict, e, tc);
            e->modality = RL_MOD_THREATENED;
        }
    }
    /* "Biden said he would meet Xi", "Japan will send aid": a cooperative
     * act announced with a plain "will/would" and no date is a pledge, an
     * intent realized now (docs/annotation.md); "is due to", "is scheduled
     * to" arrange it, and a date times it: those stay scheduled */
    if (!pr->fin && e->modality == RL_MOD_SCHEDULED && !e->date_expr[0] && rl_code_root(e->code) <= 8 &&
        plain_future(r, pr)) {
        /* ... when its own side says so; "analysts say Tehran would welcome
         * it" is someone else's speculation */
        if (pr->third_voice) {
            e->modality = RL_MOD_HYPOTHETICAL;
        } else {
            e->modality = RL_MOD_REALIZED;
            pr->pledge = 1;
        }
    }
    /* "held a meeting on December 30 and discussed ...", "Hamas freed three
     * hostages on Saturday and Israel released 183 prisoners": a coordinated
     * verb without a date of its own shares the previous one's */
    if (!e->date_expr[0] && !opens_relative(r, pr->m->start)) {
        int32_t from = c->vfrom[pr->v];
        for (int32_t w = (int32_t)pr->v - 1; from < 0 && w >= 0; w--)
            if (r->clause[r->verb[w].head] == r->clause[pr->m->head] && c->vexpr[w][0])
                from = w;
        if (from >= 0 && c->vexpr[from][0]) {
            e->date = c->vdate[from];
            memcpy(e->date_expr, c->vexpr[from], sizeof e->date_expr);
        }
    }
    c->vdate[pr->v] = e->date;
    memcpy(c->vexpr[pr->v], e->date_expr, sizeof e->date_expr);
    if (e->modality == RL_MOD_REALIZED && e->date != RL_NODATE && c->story != RL_NODATE &&
        e->date > c->story) {
        /* a realized verb dated after the story is a plan */
        e->modality = RL_MOD_SCHEDULED;
        if (pr->root >= 4 && pr->root <= 8 && !pr->fin) {
            const char *ic = rl_dict_modal_code(r->dict, e->code, RL_MC_INTENT);
            if (ic)
                rl_event_set_code(r->dict, e, ic);
        }
    }
}
