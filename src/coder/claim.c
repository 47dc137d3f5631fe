/* claim.c: whose claim an event is. An act the sentence reports as said by
 * one side of the dyad ("Pakistan said it shot down five Indian jets",
 * "..., the Ukrainian military said") is one side's claim: the event keeps its
 * modality and carries claimed_by, so analysts can tell claims from events
 * reported by others. Neutral reporters (a third country, the UN, a monitor,
 * police or courts of a country whose own people are on both sides) make no
 * claim. It picks no actors for the event itself (roles.c). */
#include "coder/internal.h"

#include <string.h>

/* Agents of a country that report rather than take part in a dispute. */
static int neutral_reporter(const char *code)
{
    static const char *const NEUTRAL[] = {"IGO", "NGO", "---"};
    for (size_t i = 0; i < sizeof NEUTRAL / sizeof *NEUTRAL; i++)
        if (!strncmp(code, NEUTRAL[i], 3))
            return 1;
    return strlen(code) < 3;
}

static int side_has(const char (*codes)[24], int n, const char *country)
{
    for (int i = 0; i < n; i++)
        if (!strncmp(codes[i], country, 3))
            return 1;
    return 0;
}

/* Whether token k (past any determiners before it) follows a comma or a
 * quote: a trailing attribution, not a clause of its own ("and Pakistan said"). */
static int after_break(const rl_reading *r, uint32_t k)
{
    while (k > 0 && (rl_wc(r, k - 1) & RL_W_DET))
        k--;
    if (k == 0)
        return 0;
    const rl_token *t = &r->tok[k - 1];
    if (!(t->flags & RL_T_PUNCT))
        return 0;
    char ch = r->text[t->off];
    return ch == ',' || ch == '"' || (unsigned char)ch >= 0x80; /* also curly quotes */
}

/* The speaker chunk of report modal x: its subject before it, or the actor
 * right after it in a trailing attribution (", said the ministry"). */
static int32_t reporter_of(rl_coder *c, const rl_pred *pr, const rl_pmatch *x)
{
    const rl_reading *r = &c->r;
    int32_t saved = c->last_inherit;
    int32_t sp = rl_role_subject(c, pr->v, x->start);
    c->last_inherit = saved;
    if (sp >= 0 && r->chunk[sp].start >= pr->m->end && r->chunk[sp].start < x->start)
        return after_break(r, r->chunk[sp].start) ? sp : -1; /* ", the Ukrainian military said" */
    if (x->start > pr->m->end) {
        if (!after_break(r, x->start))
            return -1;
        uint32_t k = x->end;
        while (k < r->n && (rl_wc(r, k) & RL_W_DET) && r->chunk_of[k] < 0)
            k++;
        if (k < r->n && r->chunk_of[k] >= 0)
            return r->chunk_of[k];
        return -1;
    }
    return sp >= 0 && r->chunk[sp].end <= x->start ? sp : -1;
}

void rl_claim_decide(rl_coder *c, rl_pred *pr)
{
    const rl_reading *r = &c->r;
    pr->e.claimed_by[0] = '\0';
    int root = rl_code_root(pr->e.code);
    if (pr->e.modality != RL_MOD_REALIZED || root < 14 || pr->ns <= 0 || pr->nt <= 0)
        return;
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pmatch *x = &r->modal[i];
        if (rl_dict_pattern(r->dict, x->pat)->modal != RL_M_REPORT)
            continue;
        /* a report before the act governs it from its own clause on; a
         * trailing one follows the act after a comma or a quote */
        int before = x->end <= pr->m->start, after = x->start >= pr->m->end;
        if (!before && !after)
            continue;
        int32_t sp = reporter_of(c, pr, x);
        if (sp < 0)
            continue;
        char sc[MAXCODES][24];
        int n = rl_role_codes(c, sp, sc, NULL);
        if (n <= 0 || neutral_reporter(sc[0]))
            continue;
        int src = side_has((const char (*)[24])pr->srcs, pr->ns, sc[0]);
        int tgt = side_has((const char (*)[24])pr->tgts, pr->nt, sc[0]);
        if (src != tgt) {
            rl_strlcpy(pr->e.claimed_by, sc[0], sizeof pr->e.claimed_by);
            return;
        }
    }
}
