/* modality.c: what a sentence asserts of a predicate. Finds the modal
 * constructions that govern a verb (demand, appeal, threat, intent, future,
 * negation, hypothesis: dict/modals.txt), and from them and the pattern's own
 * code decides the event's CAMEO code and its modality (realized, scheduled,
 * threatened, demanded, hypothetical, negated). It does not pick actors
 * (roles.c) or dates (attach.c). */
#include "coder/internal.h"

#include <string.h>

int rl_code_root(const char *code) { return (code[0] - '0') * 10 + (code[1] - '0'); }

static int quad_of(int root)
{
    if (root <= 5) return 1;
    if (root <= 8) return 2;
    if (root <= 13) return 3;
    return 4;
}

void rl_event_set_code(const rl_dict *d, rl_event *e, const char *code)
{
    rl_strlcpy(e->code, code, sizeof e->code);
    const rl_cameo *cm = rl_dict_cameo(d, code);
    char pre[8];
    rl_strlcpy(pre, code, sizeof pre);
    for (size_t l = strlen(pre); !cm && l > 2; l--) {
        pre[l - 1] = '\0';
        cm = rl_dict_cameo(d, pre);
    }
    e->root[0] = code[0];
    e->root[1] = code[1];
    e->root[2] = '\0';
    e->quad = quad_of(rl_code_root(code));
    e->goldstein = cm ? cm->goldstein : 0;
    e->plover = cm ? cm->plover : "";
    e->plover_mode = cm ? cm->plover_mode : "";
    e->plover_context = cm ? cm->plover_context : "";
    e->name = cm ? cm->name : "";
}

int rl_modal_in_if(const rl_reading *r, uint32_t head)
{
    uint16_t cl = r->clause[head];
    int32_t k = (int32_t)head;
    for (; k >= 0 && r->clause[k] == cl; k--)
        if (rl_wc(r, k) & RL_W_IF)
            return 1;
    /* a conditional without "if": "Should Russia invade Ukraine, ...",
     * "Were Iran to attack, ...", "Had Israel struck, ...": the clause opens
     * with the auxiliary, its subject right after it, and ends in a comma */
    uint32_t first = (uint32_t)(k + 1);
    if (first + 1 >= r->n || r->chunk_of[first + 1] < 0 || r->chunk[r->chunk_of[first + 1]].start != first + 1 ||
        !(rl_match_is_word(r, first, "should") || rl_match_is_word(r, first, "were") ||
          rl_match_is_word(r, first, "had")))
        return 0;
    if (first > 0 && !rl_is_punct(r, first - 1, ',') && !rl_is_punct(r, first - 1, ';'))
        return 0; /* at the start of the sentence or after a comma */
    /* the condition ends at its first comma: "Should Russia violate the
     * ceasefire, the United States will impose sanctions, Rubio said" */
    for (uint32_t j = first; j < head; j++)
        if (rl_is_punct(r, j, ','))
            return 0;
    for (uint32_t j = head; j < r->n && r->clause[j] == cl; j++)
        if (rl_is_punct(r, j, ','))
            return 1;
    return 0;
}

int rl_modal_sentence_has_if(const rl_reading *r)
{
    for (uint32_t k = 0; k < r->n; k++)
        if (rl_wc(r, k) & RL_W_IF)
            return 1;
    return 0;
}

/* How far (in tokens) a modal of class cls may stand before its verb; 0 when
 * the class never governs a verb this way. */
static uint32_t reach_of(int cls)
{
    switch (cls) {
    case RL_M_NEGATE: return 3;
    case RL_M_DISCARD: case RL_M_REPORT: return 0;
    case RL_M_DEMAND: case RL_M_APPEAL: return 9;
    case RL_M_THREAT: case RL_M_INTENT: case RL_M_PLAN: return 5;
    default: return 4;
    }
}

/* A comma-set parenthetical [a, b] (the commas) between tokens from and to,
 * of at most 10 tokens: 1 found. */
static int parenthetical(const rl_reading *r, uint32_t from, uint32_t to, uint32_t *a, uint32_t *b)
{
    for (uint32_t k = from; k < to; k++) {
        if (!rl_is_punct(r, k, ','))
            continue;
        for (uint32_t j = k + 1; j < to && j <= k + 11; j++)
            if (rl_is_punct(r, j, ',')) {
                *a = k;
                *b = j;
                return 1;
            }
        return 0;
    }
    return 0;
}

void rl_modal_collect(const rl_reading *r, size_t v, int32_t idx[RL_M_COUNT])
{
    const rl_pmatch *m = &r->verb[v];
    for (int i = 0; i < RL_M_COUNT; i++)
        idx[i] = -1;
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pmatch *x = &r->modal[i];
        const rl_pattern *p = rl_dict_pattern(r->dict, x->pat);
        if (x->start >= m->head || x->end > m->head + 1)
            continue;
        uint32_t dist = m->head > x->end ? m->head - x->end : 0;
        /* a parenthetical between them ("not, despite repeated requests,
         * agreed") does not count; a modal inside it governs nothing after it */
        uint32_t pa, pb;
        if (parenthetical(r, x->start, m->head, &pa, &pb)) {
            if (x->start > pa && x->end <= pb)
                continue;
            if (x->end <= pa)
                dist -= pb - pa + 1;
        }
        uint32_t lim = reach_of(p->modal);
        if (!lim)
            continue;
        if (p->modal == RL_M_NEGATE && (rl_wc(r, x->end) & RL_W_ONLY))
            continue; /* "not only ... but also" */
        if (dist > lim)
            continue;
        /* no other verb in between */
        int blocked = 0;
        for (size_t w = 0; w < r->nverb; w++)
            if (w != v && r->verb[w].head >= x->end && r->verb[w].head < m->head)
                blocked = 1;
        /* clause boundaries block all but demands ("demand that ...") */
        if (r->clause[x->start] != r->clause[m->head] && p->modal != RL_M_DEMAND &&
            p->modal != RL_M_APPEAL)
            blocked = 1;
        if (!blocked)
            idx[p->modal] = (int32_t)i;
    }
}

static const char *modal_or(const rl_dict *d, const char *code, int which, const char *dflt)
{
    const char *x = rl_dict_modal_code(d, code, which);
    return x ? x : dflt;
}

/* The speech act or intention that governs the predicate: its code and
 * modality ("demanded that Russia withdraw" -> 106 demanded). */
static int decide_speech_act(const rl_reading *r, const rl_pred *pr, const char **code)
{
    const int32_t *ms = pr->modal;
    int root = pr->root;
    if (pr->speech == RL_M_DEMAND) {
        *code = modal_or(r->dict, *code, RL_MC_DEMAND, "100");
        return RL_MOD_DEMANDED;
    }
    if (pr->speech == RL_M_APPEAL) {
        *code = modal_or(r->dict, *code, RL_MC_APPEAL, "020");
        return RL_MOD_DEMANDED;
    }
    if (pr->fin && (ms[RL_M_DEMAND] >= 0 || ms[RL_M_APPEAL] >= 0))
        return RL_MOD_DEMANDED;
    if (ms[RL_M_THREAT] >= 0) {
        const char *tc = pr->fin ? NULL : rl_dict_modal_code(r->dict, *code, RL_MC_THREAT);
        if (tc) {
            *code = tc;
            return RL_MOD_THREATENED;
        }
        if (root <= 8) {
            if (!pr->fin)
                *code = modal_or(r->dict, *code, RL_MC_INTENT, *code);
            return RL_MOD_SCHEDULED;
        }
        return RL_MOD_THREATENED;
    }
    /* a pledge or offer of cooperation is itself realized; its content
     * becomes 03x. One of force or coercion ("ready to strike", "agreed to
     * impose sanctions") has not happened: hypothetical. */
    if (ms[RL_M_INTENT] >= 0 && root <= 8 && root != 3 && !pr->fin)
        *code = modal_or(r->dict, *code, RL_MC_INTENT, *code);
    else if (ms[RL_M_INTENT] >= 0 && root >= 9 && root != 13)
        return RL_MOD_HYPOTHETICAL;
    /* plans, preparations and wishes ("is preparing to attack", "plans to
     * invade", "wants to strengthen ties") are never realized */
    if (ms[RL_M_PLAN] >= 0)
        return RL_MOD_HYPOTHETICAL;
    return RL_MOD_REALIZED;
}

/* Negation, conditions, hypotheses and the future over what decide_speech_act
 * left realized. */
static int decide_mood(const rl_reading *r, const rl_pred *pr, int has_if, int mod, const char **code)
{
    const int32_t *ms = pr->modal;
    int root = pr->root;
    int conflict = root >= 14 || (root >= 10 && root <= 13);
    int future = ms[RL_M_FUTURE] >= 0;
    int would = ms[RL_M_HYPO] >= 0 && (rl_wc(r, r->modal[ms[RL_M_HYPO]].start) & RL_W_WOULD);
    /* "Medvedev warned that Moscow could use nuclear weapons if ...": what
     * one side says it could do to another on a condition is a threat */
    if (has_if && pr->own_voice && ms[RL_M_HYPO] >= 0 && rl_match_is_word(r, r->modal[ms[RL_M_HYPO]].start, "could"))
        would = 1;
    if (ms[RL_M_NEGATE] >= 0)
        return RL_MOD_NEGATED;
    if (mod != RL_MOD_REALIZED)
        return mod;
    /* "Russia will pay a heavy price if it invades", "sanctions would be
     * imposed if ...": a consequence announced for a condition or the
     * future is a threat */
    if (root == 13 && !pr->fin && (has_if || future || would))
        return RL_MOD_THREATENED;
    if (has_if && (future || would)) {
        const char *tc = conflict && !pr->fin ? rl_dict_modal_code(r->dict, *code, RL_MC_THREAT) : NULL;
        if (tc) {
            *code = tc;
            return RL_MOD_THREATENED;
        }
        return RL_MOD_HYPOTHETICAL;
    }
    if (ms[RL_M_HYPO] >= 0 && !would)
        return RL_MOD_HYPOTHETICAL;
    if (future || would) {
        if (root >= 4 && root <= 8 && !pr->fin)
            *code = modal_or(r->dict, *code, RL_MC_INTENT, *code);
        return RL_MOD_SCHEDULED;
    }
    return RL_MOD_REALIZED;
}

void rl_modal_decide(const rl_reading *r, rl_pred *pr, int has_if)
{
    const char *code = pr->code1[0] ? pr->code1 : pr->back;
    pr->root = rl_code_root(code);
    int mod = decide_speech_act(r, pr, &code);
    mod = decide_mood(r, pr, has_if, mod, &code);
    /* appeals and demands are demanded, threats threatened, whatever the verb */
    if (mod == RL_MOD_REALIZED) {
        int r2 = rl_code_root(code);
        if (r2 == 2 || r2 == 10)
            mod = RL_MOD_DEMANDED;
        else if (r2 == 13)
            mod = RL_MOD_THREATENED;
    }
    rl_event_set_code(r->dict, &pr->e, code);
    pr->e.modality = mod;
}

void rl_modal_reported_speaker(rl_coder *c, rl_pred *pr)
{
    const rl_reading *r = &c->r;
    int mod = pr->e.modality;
    if ((mod != RL_MOD_THREATENED && mod != RL_MOD_DEMANDED) || pr->speech >= 0 || pr->fin)
        return;
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pmatch *x = &r->modal[i];
        if (rl_dict_pattern(r->dict, x->pat)->modal != RL_M_REPORT || x->target < 0 ||
            x->end > pr->m->head)
            continue;
        int32_t sp = rl_role_subject(c, pr->v, x->start);
        char sc[MAXCODES][24];
        int n2 = sp >= 0 ? rl_role_codes(c, sp, sc, NULL) : 0;
        if (n2 > 0) {
            memcpy(pr->srcs, sc, sizeof sc);
            pr->ns = n2;
        }
    }
}
