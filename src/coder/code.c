/* code.c: events from a sentence reading. For each verb pattern match it asks
 * roles.c for source and target, applies the modal constructions found before
 * the verb (demand, appeal, threat, intent, future, negation, condition) to the
 * code and the modality, asks attach.c for the date and quantity, and emits one
 * event per actor pair (both ways for symmetric acts). Appeals, demands and
 * threats whose content names no coded act still code (020/100/130). */
#include "coder/internal.h"
#include "base/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const MODALITY[RL_MOD_COUNT] = {
    "realized", "scheduled", "threatened", "demanded", "hypothetical", "negated",
};

const char *rl_modality_name(int m) { return (m >= 0 && m < RL_MOD_COUNT) ? MODALITY[m] : "?"; }

int rl_modality_parse(const char *s)
{
    for (int i = 0; i < RL_MOD_COUNT; i++)
        if (strcmp(s, MODALITY[i]) == 0)
            return i;
    return -1;
}

void rl_events_init(rl_events *e) { e->v = NULL; e->n = e->cap = 0; }
void rl_events_release(rl_events *e) { free(e->v); rl_events_init(e); }

rl_coder *rl_coder_new(const rl_dict *d)
{
    rl_coder *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->d = d;
    rl_reading_init(&c->r, d);
    c->story = c->prev = RL_NODATE;
    return c;
}

void rl_coder_free(rl_coder *c)
{
    if (!c)
        return;
    rl_reading_release(&c->r);
    free(c->vsource);
    free(c->vfrom);
    free(c->vdate);
    free(c->vexpr);
    free(c->mused);
    free(c);
}

void rl_coder_begin_story(rl_coder *c, rl_day story_date)
{
    c->story = c->prev = story_date;
    c->ngroup = 0;
    c->person[0] = '\0';
}

/* Appends a word (with a space before it unless first) to dst[0..cap) at
 * length el; returns the new length. */
static size_t add_word(char *dst, size_t cap, size_t el, int n, const char *w)
{
    if (el + (size_t)n + 2 > cap)
        return el;
    if (el)
        dst[el++] = ' ';
    memcpy(dst + el, w, (size_t)n);
    el += (size_t)n;
    dst[el] = '\0';
    return el;
}

static void cpy24(char *dst, const char *src)
{
    size_t n = strnlen(src, 23);
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static int root_of(const char *code) { return (code[0] - '0') * 10 + (code[1] - '0'); }

static int quad_of(int root)
{
    if (root <= 5) return 1;
    if (root <= 8) return 2;
    if (root <= 13) return 3;
    return 4;
}

typedef struct modal_set {
    int32_t idx[RL_M_COUNT];  /* modal match index per class, -1 none */
} modal_set;

static int in_if_clause(const rl_reading *r, uint32_t head)
{
    uint16_t cl = r->clause[head];
    for (int32_t k = (int32_t)head; k >= 0 && r->clause[k] == cl; k--)
        if (rl_wc(r, k) & RL_W_IF)
            return 1;
    return 0;
}

static int sentence_has_if(const rl_reading *r)
{
    for (uint32_t k = 0; k < r->n; k++)
        if (rl_wc(r, k) & RL_W_IF)
            return 1;
    return 0;
}

static void collect_modals(const rl_reading *r, size_t v, modal_set *ms)
{
    const rl_pmatch *m = &r->verb[v];
    for (int i = 0; i < RL_M_COUNT; i++)
        ms->idx[i] = -1;
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pmatch *x = &r->modal[i];
        const rl_pattern *p = rl_dict_pattern(r->dict, x->pat);
        if (x->start >= m->head || x->end > m->head + 1)
            continue;
        uint32_t dist = m->head > x->end ? m->head - x->end : 0;
        uint32_t lim = 4;
        switch (p->modal) {
        case RL_M_NEGATE:
            if (rl_wc(r, x->end) & RL_W_ONLY)
                continue; /* "not only ... but also" */
            lim = 3;
            break;
        case RL_M_DISCARD: continue;
        case RL_M_DEMAND: case RL_M_APPEAL: lim = 9; break;
        case RL_M_THREAT: case RL_M_INTENT: lim = 5; break;
        case RL_M_REPORT: continue;
        default: lim = 4;
        }
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
            ms->idx[p->modal] = (int32_t)i;
    }
}

/* The words of a chunk's whole group ("Russian and US officials"); "" for -1. */
static void chunk_text(const rl_reading *r, int32_t ch, char *out, size_t cap)
{
    out[0] = '\0';
    if (ch < 0)
        return;
    const rl_group *g = &r->group[r->chunk[ch].group];
    rl_span_text(r, r->chunk[ch].start, r->chunk[g->first + g->n - 1].end, out, cap);
}

static int push_event(rl_events *out, size_t first, const rl_event *e, int noun)
{
    for (size_t i = first; i < out->n; i++) {
        const rl_event *o = &out->v[i];
        /* the same event read twice; a noun pattern never adds a second event
         * between a pair a verb already coded */
        if (strcmp(o->source, e->source) != 0 || strcmp(o->target, e->target) != 0)
            continue;
        if (noun || strcmp(o->code, e->code) == 0)
            return RL_OK;
        /* "appealed to X to return to talks": the root's general code (020)
         * gives way to a specific one of the same root (026) */
        if (!strncmp(o->code, e->code, 2)) {
            int o_gen = strlen(o->code) == 3 && o->code[2] == '0';
            int e_gen = strlen(e->code) == 3 && e->code[2] == '0';
            if (e_gen && !o_gen)
                return RL_OK;
            if (o_gen && !e_gen) {
                out->v[i] = *e;
                return RL_OK;
            }
        }
    }
    if (out->n == out->cap) {
        size_t nc = out->cap ? out->cap * 2 : 16;
        rl_event *v = realloc(out->v, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        out->v = v;
        out->cap = nc;
    }
    out->v[out->n++] = *e;
    return RL_OK;
}

static void set_code(const rl_dict *d, rl_event *e, const char *code)
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
    e->quad = quad_of(root_of(code));
    e->goldstein = cm ? cm->goldstein : 0;
    e->plover = cm ? cm->plover : "";
    e->name = cm ? cm->name : "";
}

static const char *modal_or(const rl_dict *d, const char *code, int which, const char *dflt)
{
    const char *x = rl_dict_modal_code(d, code, which);
    return x ? x : dflt;
}

static int petrarch_passive(const rl_reading *r, const rl_pmatch *m)
{
    int by = 0;
    for (uint32_t k = m->head + 1; k < r->n && k <= m->end + 3 && !by; k++)
        by = (rl_wc(r, k) & RL_W_BY) != 0;
    if (!by)
        return 0;
    for (int32_t k = (int32_t)m->head - 1, steps = 0; k >= 0 && steps < 3; k--, steps++) {
        const rl_token *t = &r->tok[k];
        if (rl_wc(r, k) & RL_W_BE)
            return 1;
        int ly = (t->flags & RL_T_WORD) && t->len > 3 && r->text[t->off + t->len - 2] == 'l' &&
                 r->text[t->off + t->len - 1] == 'y';
        if (!(rl_wc(r, k) & RL_W_ADV) && !ly)
            return 0;
    }
    return 0;
}

static void trace_reading(const rl_coder *c, rl_buf *tr)
{
    const rl_reading *r = &c->r;
    rl_buf_printf(tr, "tokens:");
    for (size_t i = 0; i < r->n; i++)
        rl_buf_printf(tr, " %.*s%s", (int)r->tok[i].len, r->text + r->tok[i].off,
                      r->tok[i].word ? "" : "?");
    rl_buf_printf(tr, "\n  (words marked ? are in no dictionary)\n");
    for (size_t i = 0; i < r->nment; i++) {
        const rl_pattern *p = rl_dict_pattern(r->dict, r->ment[i].pat);
        rl_buf_printf(tr, "mention: \"%s\" %s %s (%s:%d)\n", p->text,
                      p->kind == RL_P_AGENT ? "agent" : "actor",
                      p->kind == RL_P_AGENT ? p->code : rl_dict_actor(r->dict, p->actor)->name,
                      p->file, p->line);
    }
    for (size_t i = 0; i < r->nchunk; i++) {
        const rl_chunk *x = &r->chunk[i];
        char t[96];
        rl_span_text(r, x->start, x->end, t, sizeof t);
        rl_buf_printf(tr, "actor: \"%s\" -> %s%s%s%s%s%s group %d\n", t,
                      x->anaphor ? "(pronoun: resolved from earlier sentences)" : x->code[0] ? x->code : "(agent only)",
                      x->role ? " [" : "", x->role ? x->role : "", x->role ? "]" : "",
                      x->prep >= 0 ? " after a preposition" : "", x->hyphen ? " (modifier)" : "",
                      (int)x->group);
    }
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pattern *p = rl_dict_pattern(r->dict, r->modal[i].pat);
        rl_buf_printf(tr, "modal: \"%s\" class %s (%s:%d)\n", p->text, rl_modal_name(p->modal),
                      p->file, p->line);
    }
    for (size_t i = 0; i < r->ndates; i++) {
        char s[64];
        rl_date_span(r->text, r->tok, &r->dates[i], s, sizeof s);
        rl_buf_printf(tr, "date expression: \"%s\"\n", s);
    }
    for (size_t i = 0; i < r->nverb; i++) {
        const rl_pattern *p = rl_dict_pattern(r->dict, r->verb[i].pat);
        rl_buf_printf(tr, "verb pattern: \"%s\" -> %s%s%s (%s:%d)\n", p->text, p->code,
                      r->verb[i].partial ? " (without its slot)" : "",
                      p->flags & RL_PF_SYM ? " [sym]" : "", p->file, p->line);
    }
    if (!r->nverb)
        rl_buf_printf(tr, "no verb pattern matched: no event\n");
}

int rl_coder_sentence(rl_coder *c, const char *text, rl_token *t, size_t n, rl_events *out,
                      rl_buf *trace)
{
    rl_reading *r = &c->r;
    int rc = rl_match_sentence(r, text, t, n, c->story);
    if (rc)
        return rc;
    if (r->nverb > c->vcap) {
        size_t nc = r->nverb + 16;
        int32_t *vs = realloc(c->vsource, nc * sizeof *vs);
        if (!vs)
            return RL_ENOMEM;
        c->vsource = vs;
        int32_t *vf = realloc(c->vfrom, nc * sizeof *vf);
        if (!vf)
            return RL_ENOMEM;
        c->vfrom = vf;
        rl_day *vd = realloc(c->vdate, nc * sizeof *vd);
        if (!vd)
            return RL_ENOMEM;
        c->vdate = vd;
        char (*ve)[48] = realloc(c->vexpr, nc * sizeof *ve);
        if (!ve)
            return RL_ENOMEM;
        c->vexpr = ve;
        c->vcap = nc;
    }
    if (r->nmodal > c->mcap) {
        size_t nc = r->nmodal + 16;
        uint8_t *mu = realloc(c->mused, nc);
        if (!mu)
            return RL_ENOMEM;
        c->mused = mu;
        c->mcap = nc;
    }
    /* a modal inside a verb match ("~refuse to ~meet +") is part of that verb */
    for (size_t i = 0; i < r->nmodal; i++) {
        c->mused[i] = 0;
        for (size_t v = 0; v < r->nverb; v++)
            if (r->modal[i].start >= r->verb[v].start && r->modal[i].start < r->verb[v].end)
                c->mused[i] = 1;
    }
    if (trace)
        trace_reading(c, trace);
    for (size_t i = 0; i < r->nmodal; i++)
        if (rl_dict_pattern(r->dict, r->modal[i].pat)->modal == RL_M_DISCARD) {
            if (trace)
                rl_buf_printf(trace, "discarded: \"%s\" (%s:%d) marks a sentence that codes nothing\n",
                              rl_dict_pattern(r->dict, r->modal[i].pat)->text,
                              rl_dict_pattern(r->dict, r->modal[i].pat)->file,
                              rl_dict_pattern(r->dict, r->modal[i].pat)->line);
            return RL_OK;
        }
    int has_if = sentence_has_if(r);
    size_t first = out->n;
    for (size_t v = 0; v < r->nverb; v++) {
        rl_pmatch *m = &r->verb[v];
        const rl_pattern *p = rl_dict_pattern(r->dict, m->pat);
        c->vsource[v] = -1;
        c->vfrom[v] = -1;
        c->vdate[v] = RL_NODATE;
        c->vexpr[v][0] = '\0';
        /* a null-coded pattern ("---", PETRARCH) holds its words but codes nothing */
        if (!strcmp(p->code, "---")) {
            if (trace)
                rl_buf_printf(trace, "no event from \"%s\": its code is null (---)\n", p->text);
            continue;
        }
        /* "..., killing 10 civilians": a result participle of violence is
         * part of the act before it */
        if (m->head > 0 && rl_is_punct(r, m->head - 1, ',') && root_of(p->code) >= 18 &&
            r->tok[m->head].len > 4 &&
            !memcmp(r->text + r->tok[m->head].off + r->tok[m->head].len - 3, "ing", 3)) {
            if (trace)
                rl_buf_printf(trace, "no event from \"%s\": a result participle\n", p->text);
            continue;
        }
        /* the antecedent of a conditional ("if Russia invaded Ukraine") is a
         * condition, not an event */
        if (in_if_clause(r, m->head)) {
            if (trace)
                rl_buf_printf(trace, "no event from \"%s\": inside an if-clause (a condition)\n", p->text);
            continue;
        }
        modal_set ms;
        collect_modals(r, v, &ms);
        for (int k = RL_M_DEMAND; k <= RL_M_INTENT; k++)
            if (ms.idx[k] >= 0)
                c->mused[ms.idx[k]] = 1;
        int passive = !(p->flags & RL_PF_NOUN) && rl_role_passive(r, m);
        /* PETRARCH's passive names its source with "by" (an adverb may follow
         * the auxiliary); without one the subject stays the source */
        if ((p->flags & RL_PF_PETRARCH) && !(p->flags & RL_PF_NOUN))
            passive = petrarch_passive(r, m);
        int32_t src = -1, tgt = m->target;
        if (m->source >= 0) {
            src = m->source;
        } else if (passive) {
            src = rl_role_by_agent(r, m);
            tgt = rl_role_subject(c, v, m->head);
            if (tgt < 0)
                tgt = -1;
        } else if ((p->flags & RL_PF_NOUN) && m->start > 0 &&
                   (rl_match_is_word(r, m->start - 1, "for") || (rl_wc(r, m->start - 1) & RL_W_OF))) {
            /* "for talks with", "a round of talks with": the purpose or part
             * of another event, coded by its verb */
            if (trace)
                rl_buf_printf(trace, "no event from \"%s\": a noun after 'for' or 'of'\n", p->text);
            continue;
        } else if (p->flags & RL_PF_NOUN) {
            /* noun patterns: "Russia's ultimatum", "US sanctions on Russia" */
            if (m->start > 0 && r->chunk_of[m->start - 1] >= 0)
                src = r->chunk_of[m->start - 1];
            else if (m->start > 1 && (rl_wc(r, m->start - 1) & RL_W_POSS) && r->chunk_of[m->start - 2] >= 0)
                src = r->chunk_of[m->start - 2];
            else if (m->start > 2 && r->chunk_of[m->start - 2] >= 0 &&
                     !(r->tok[m->start - 1].flags & RL_T_PUNCT) &&
                     !(rl_wc(r, m->start - 1) & RL_W_NOUNSEP))
                src = r->chunk_of[m->start - 2]; /* one modifier: "Russia's latest ultimatum" */
            if (src >= 0)
                src = (int32_t)r->group[r->chunk[src].group].first;
        } else {
            c->last_inherit = -1;
            /* a PETRARCH pattern's subject stands before all its words, else
             * among them ("neither A nor B @boycotted") */
            src = rl_role_subject(c, v, (p->flags & RL_PF_PETRARCH) ? m->start : m->head);
            if (src < 0 && (p->flags & RL_PF_PETRARCH) && m->head > m->start)
                src = rl_role_subject(c, v, m->head);
            c->vfrom[v] = c->last_inherit;
        }
        if (src == -2)
            src = -1;
        c->vsource[v] = src;
        if (tgt < 0 && !passive && !(p->flags & RL_PF_NOUN))
            tgt = rl_role_object(r, v);
        /* PETRARCH "+ was @shot * in $": the actor before the pattern is the
         * target; the source is the '$' slot, else the object */
        if (p->flags & RL_PF_SUBJ_TARGET) {
            int32_t subj = rl_role_subject(c, v, m->start);
            src = m->source >= 0 ? m->source : m->target >= 0 ? m->target : rl_role_object(r, v);
            tgt = subj >= 0 ? subj : -1;
        }
        /* last resort for force, coercion and aid: the country the act is in
         * ("imposed sanctions on 500 targets in Russia", "strike targets across Israel") */
        if (tgt < 0 && !passive) {
            int rt = root_of(p->code);
            if (rt >= 14 || rt == 7 || !strncmp(p->code, "138", 3))
                tgt = rl_role_place(r, v);
        }
        /* demands and appeals: the speaker is the subject of the modal, the
         * target the subject of the embedded clause */
        int32_t speaker = -1, addressee = -1;
        int which = -1;
        /* a [petrarch] pattern keeps its own code and actors: modal
         * constructions only set the modality */
        int fin = (p->flags & RL_PF_PETRARCH) != 0;
        if (!fin && (ms.idx[RL_M_DEMAND] >= 0 || ms.idx[RL_M_APPEAL] >= 0)) {
            which = ms.idx[RL_M_DEMAND] >= 0 ? RL_M_DEMAND : RL_M_APPEAL;
            const rl_pmatch *x = &r->modal[ms.idx[which]];
            c->last_inherit = -1;
            speaker = rl_role_subject(c, v, x->start);
            if (c->last_inherit >= 0)
                c->vfrom[v] = c->last_inherit;
            if (speaker == -2)
                speaker = -1;
            addressee = rl_role_addressee(r, x);
            if (addressee < 0)
                addressee = (src >= 0 && r->chunk[src].start >= x->end) ? src : tgt;
        } else if (ms.idx[RL_M_THREAT] >= 0 || ms.idx[RL_M_INTENT] >= 0) {
            const rl_pmatch *x = &r->modal[ms.idx[ms.idx[RL_M_THREAT] >= 0 ? RL_M_THREAT : RL_M_INTENT]];
            if (src < 0 || r->chunk[src].start >= x->start) {
                int32_t s2 = rl_role_subject(c, v, x->start);
                if (s2 >= 0)
                    src = s2;
            }
        }
        if (speaker >= 0) {
            src = speaker;
            tgt = addressee;
        }
        /* fallback target: the addressee of a reporting verb ("told Putin that") */
        if (tgt < 0) {
            for (size_t i = 0; i < r->nmodal; i++) {
                const rl_pattern *mp = rl_dict_pattern(r->dict, r->modal[i].pat);
                if (mp->modal == RL_M_REPORT && r->modal[i].target >= 0 && r->modal[i].end <= m->head)
                    tgt = r->modal[i].target;
            }
        }
        char srcs[MAXCODES][24], tgts[MAXCODES][24];
        int ns = rl_role_codes(c, src, srcs, NULL);
        int nt = rl_role_codes(c, tgt, tgts, ns ? srcs[0] : NULL);
        if (!ns && nt && src >= 0)
            ns = rl_role_codes(c, src, srcs, tgts[0]);
        /* "withdrew Russian troops": the subject's own people named by the
         * pattern's words are no target */
        if (nt > 0 && ns > 0 && tgt >= 0 && tgt != m->target && !strncmp(srcs[0], tgts[0], 3)) {
            int ev = 0;
            for (uint32_t j = r->chunk[tgt].start; j < r->chunk[tgt].end; j++)
                for (uint8_t q = 0; q < m->nevid; q++)
                    ev |= m->evid[q] == j;
            if (ev)
                nt = 0;
        }
        /* a protest with no named target is against the protesters' own
         * government (CAMEO's convention for domestic protest) */
        if (nt == 0 && ns > 0 && root_of(p->code) == 14 && isupper((unsigned char)srcs[0][0]) &&
            strncmp(srcs[0], "IGO", 3) && strncmp(srcs[0], "NGO", 3) &&
            !(strlen(srcs[0]) >= 6 && !strcmp(srcs[0] + 3, "GOV"))) {
            rl_strlcat(rl_strlcpy(tgts[0], srcs[0], 4), "GOV", 24);
            nt = 1;
        }
        int sym = (p->flags & (RL_PF_SYM | RL_PF_SUBJ_GROUP)) != 0;
        if (sym && which < 0) {
            if (ns == 0 && nt >= 2) {
                /* "talks between A and B": pairs within the slot's group */
                memcpy(srcs, tgts, sizeof srcs);
                ns = nt;
                nt = 0;
            } else if (m->target < 0 && ns >= 2) {
                /* "A and B held talks", "A and B discussed Ukraine": pairs within
                 * the subject; an object outside a slot is a topic */
                nt = 0;
            }
        }
        if (ns == 0 || (nt == 0 && !(sym && ns >= 2))) {
            if (trace)
                rl_buf_printf(trace, "no event from \"%s\": %s\n", p->text,
                              ns == 0 ? "no source actor found" : "no target actor found");
            continue;
        }
        /* code and modality; PETRARCH's paired codes "032:033" code source ->
         * target with the first, target -> source with the second */
        rl_event e;
        memset(&e, 0, sizeof e);
        e.pattern = m->pat;
        char code1[16], back[16] = "";
        rl_strlcpy(code1, p->code, sizeof code1);
        char *colon = strchr(code1, ':');
        if (colon) {
            rl_strlcpy(back, colon + 1, sizeof back);
            *colon = '\0';
        }
        const char *code = code1[0] ? code1 : back;
        int mod = RL_MOD_REALIZED;
        int root = root_of(code);
        int conflict = root >= 14 || (root >= 10 && root <= 13);
        if (which == RL_M_DEMAND) {
            code = modal_or(r->dict, code, RL_MC_DEMAND, "100");
            mod = RL_MOD_DEMANDED;
        } else if (which == RL_M_APPEAL) {
            code = modal_or(r->dict, code, RL_MC_APPEAL, "020");
            mod = RL_MOD_DEMANDED;
        } else if (fin && (ms.idx[RL_M_DEMAND] >= 0 || ms.idx[RL_M_APPEAL] >= 0)) {
            mod = RL_MOD_DEMANDED;
        } else if (ms.idx[RL_M_THREAT] >= 0) {
            const char *tc = fin ? NULL : rl_dict_modal_code(r->dict, code, RL_MC_THREAT);
            if (tc) {
                code = tc;
                mod = RL_MOD_THREATENED;
            } else if (root <= 8) {
                if (!fin)
                    code = modal_or(r->dict, code, RL_MC_INTENT, code);
                mod = RL_MOD_SCHEDULED;
            } else {
                mod = RL_MOD_THREATENED;
            }
        } else if (ms.idx[RL_M_INTENT] >= 0) {
            /* a pledge or offer is itself realized; its content becomes 03x */
            if (root <= 8 && root != 3 && !fin)
                code = modal_or(r->dict, code, RL_MC_INTENT, code);
        }
        int future = ms.idx[RL_M_FUTURE] >= 0;
        int would = ms.idx[RL_M_HYPO] >= 0 && (rl_wc(r, r->modal[ms.idx[RL_M_HYPO]].start) & RL_W_WOULD);
        if (ms.idx[RL_M_NEGATE] >= 0) {
            mod = RL_MOD_NEGATED;
        } else if (has_if && (future || would) && mod == RL_MOD_REALIZED) {
            const char *tc = conflict && !fin ? rl_dict_modal_code(r->dict, code, RL_MC_THREAT) : NULL;
            if (tc) {
                code = tc;
                mod = RL_MOD_THREATENED;
            } else {
                mod = RL_MOD_HYPOTHETICAL;
            }
        } else if (ms.idx[RL_M_HYPO] >= 0 && !would && mod == RL_MOD_REALIZED) {
            mod = RL_MOD_HYPOTHETICAL;
        } else if ((future || would) && mod == RL_MOD_REALIZED) {
            mod = RL_MOD_SCHEDULED;
            if (root >= 4 && root <= 8 && !fin)
                code = modal_or(r->dict, code, RL_MC_INTENT, code);
        }
        /* appeals and demands are demanded, threats threatened, whatever the verb */
        if (mod == RL_MOD_REALIZED) {
            int r2 = root_of(code);
            if (r2 == 2 || r2 == 10)
                mod = RL_MOD_DEMANDED;
            else if (r2 == 13)
                mod = RL_MOD_THREATENED;
        }
        /* "Biden told Putin that the West would impose sanctions": a threat or
         * demand passed on to an addressee is the speaker's */
        if ((mod == RL_MOD_THREATENED || mod == RL_MOD_DEMANDED) && which < 0 && !fin) {
            for (size_t i = 0; i < r->nmodal; i++) {
                const rl_pmatch *x = &r->modal[i];
                if (rl_dict_pattern(r->dict, x->pat)->modal != RL_M_REPORT || x->target < 0 ||
                    x->end > m->head)
                    continue;
                int32_t sp = rl_role_subject(c, v, x->start);
                char sc[MAXCODES][24];
                int n2 = sp >= 0 ? rl_role_codes(c, sp, sc, NULL) : 0;
                if (n2 > 0) {
                    memcpy(srcs, sc, sizeof sc);
                    ns = n2;
                }
            }
        }
        int tense = mod == RL_MOD_SCHEDULED ? 1 : mod == RL_MOD_REALIZED ? 0 : -1;
        set_code(r->dict, &e, code);
        e.modality = mod;
        rl_attach_date(c, m, &e, tense, trace);
        /* "Pakistan said it would retaliate": force or coercion announced for
         * no particular date is a threat; with a date it is scheduled */
        if (!fin && e.modality == RL_MOD_SCHEDULED && !e.date_expr[0] && root_of(e.code) >= 16) {
            const char *tc = rl_dict_modal_code(r->dict, e.code, RL_MC_THREAT);
            if (tc) {
                set_code(r->dict, &e, tc);
                e.modality = RL_MOD_THREATENED;
            }
        }
        /* "held a meeting on December 30 and discussed ...", "Hamas freed three
         * hostages on Saturday and Israel released 183 prisoners": a coordinated
         * verb without a date of its own shares the previous one's */
        if (!e.date_expr[0]) {
            int32_t from = c->vfrom[v];
            for (int32_t w = (int32_t)v - 1; from < 0 && w >= 0; w--)
                if (r->clause[r->verb[w].head] == r->clause[m->head] && c->vexpr[w][0])
                    from = w;
            if (from >= 0 && c->vexpr[from][0]) {
                e.date = c->vdate[from];
                memcpy(e.date_expr, c->vexpr[from], sizeof e.date_expr);
            }
        }
        c->vdate[v] = e.date;
        memcpy(c->vexpr[v], e.date_expr, sizeof e.date_expr);
        if (e.modality == RL_MOD_REALIZED && e.date != RL_NODATE && c->story != RL_NODATE &&
            e.date > c->story) {
            /* a realized verb dated after the story is a plan */
            e.modality = RL_MOD_SCHEDULED;
            if (root >= 4 && root <= 8 && !fin) {
                const char *ic = rl_dict_modal_code(r->dict, e.code, RL_MC_INTENT);
                if (ic)
                    set_code(r->dict, &e, ic);
            }
        }
        rl_attach_quantity(r, m, &e);
        /* evidence: the modal and pattern words, in sentence order */
        uint32_t ev[RL_MAX_EVID * (RL_M_COUNT + 1)];
        size_t nev = 0;
        for (int k = 0; k < RL_M_COUNT; k++) {
            if (ms.idx[k] < 0 || k == RL_M_REPORT)
                continue;
            const rl_pmatch *x = &r->modal[ms.idx[k]];
            for (uint8_t j = 0; j < x->nevid; j++)
                ev[nev++] = x->evid[j];
        }
        for (uint8_t j = 0; j < m->nevid; j++)
            ev[nev++] = m->evid[j];
        for (size_t a = 1; a < nev; a++) /* insertion sort: a handful of words */
            for (size_t b = a; b > 0 && ev[b - 1] > ev[b]; b--) {
                uint32_t t2 = ev[b];
                ev[b] = ev[b - 1];
                ev[b - 1] = t2;
            }
        size_t el = 0;
        for (size_t j = 0; j < nev; j++)
            if (j == 0 || ev[j] != ev[j - 1])
                el = add_word(e.evidence, sizeof e.evidence, el, (int)r->tok[ev[j]].len,
                              r->text + r->tok[ev[j]].off);
        chunk_text(r, src, e.source_text, sizeof e.source_text);
        chunk_text(r, tgt, e.target_text, sizeof e.target_text);
        if (nt == 0) {
            /* symmetric event within one group */
            for (int a = 0; a < ns; a++)
                for (int b = 0; b < ns; b++) {
                    if (a == b || strcmp(srcs[a], srcs[b]) == 0)
                        continue;
                    cpy24(e.source, srcs[a]);
                    cpy24(e.target, srcs[b]);
                    if ((rc = push_event(out, first, &e, (p->flags & RL_PF_NOUN) != 0)))
                        return rc;
                }
        } else {
            for (int a = 0; a < ns; a++)
                for (int b = 0; b < nt; b++) {
                    if (strcmp(srcs[a], tgts[b]) == 0)
                        continue;
                    cpy24(e.source, srcs[a]);
                    cpy24(e.target, tgts[b]);
                    if (code1[0] && (rc = push_event(out, first, &e, (p->flags & RL_PF_NOUN) != 0)))
                        return rc;
                    if (back[0]) {
                        rl_event e2 = e;
                        set_code(r->dict, &e2, back);
                        cpy24(e2.source, tgts[b]);
                        cpy24(e2.target, srcs[a]);
                        if ((rc = push_event(out, first, &e2, 0)))
                            return rc;
                    }
                    /* "Russia is ready to hold talks with Ukraine": only Russia said so */
                    if (sym && which < 0 && ms.idx[RL_M_INTENT] < 0) {
                        cpy24(e.source, tgts[b]);
                        cpy24(e.target, srcs[a]);
                        if ((rc = push_event(out, first, &e, (p->flags & RL_PF_NOUN) != 0)))
                            return rc;
                    }
                }
        }
        if (e.date != RL_NODATE && e.date_expr[0])
            c->prev = e.date;
        if (trace)
            rl_buf_printf(trace, "event: %s %s -> %s (%s) %s, %s%s%s\n", e.code, srcs[0],
                          nt ? tgts[0] : (ns > 1 ? srcs[1] : "?"), e.name, rl_modality_name(e.modality),
                          e.date_expr[0] ? "dated by \"" : "story date", e.date_expr,
                          e.date_expr[0] ? "\"" : "");
    }
    /* an appeal, demand or threat whose content names no coded action still
     * is one: "called on China to use its influence" -> 020 */
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pmatch *x = &r->modal[i];
        int cls = rl_dict_pattern(r->dict, x->pat)->modal;
        if (c->mused[i] || (cls != RL_M_DEMAND && cls != RL_M_APPEAL && cls != RL_M_THREAT) ||
            in_if_clause(r, x->start))
            continue;
        int32_t sp = rl_role_subject(c, r->nverb, x->start), ad = rl_role_addressee(r, x);
        char srcs[MAXCODES][24], tgts[MAXCODES][24];
        int ns = sp >= 0 ? rl_role_codes(c, sp, srcs, NULL) : 0;
        int nt = rl_role_codes(c, ad, tgts, ns ? srcs[0] : NULL);
        if (!ns || !nt) {
            if (trace)
                rl_buf_printf(trace, "no event from %s \"%s\": no %s\n", rl_modal_name(cls),
                              rl_dict_pattern(r->dict, x->pat)->text, ns ? "addressee" : "speaker");
            continue;
        }
        rl_event e;
        memset(&e, 0, sizeof e);
        e.pattern = x->pat;
        chunk_text(r, sp, e.source_text, sizeof e.source_text);
        chunk_text(r, ad, e.target_text, sizeof e.target_text);
        set_code(r->dict, &e, cls == RL_M_DEMAND ? "100" : cls == RL_M_APPEAL ? "020" : "130");
        e.modality = cls == RL_M_THREAT ? RL_MOD_THREATENED : RL_MOD_DEMANDED;
        rl_attach_date(c, x, &e, -1, trace);
        size_t el = 0;
        for (uint8_t j = 0; j < x->nevid && el + 40 < sizeof e.evidence; j++)
            el = add_word(e.evidence, sizeof e.evidence, el,
                                   (int)r->tok[x->evid[j]].len, r->text + r->tok[x->evid[j]].off);
        for (int a = 0; a < ns; a++)
            for (int b = 0; b < nt; b++) {
                if (strcmp(srcs[a], tgts[b]) == 0)
                    continue;
                cpy24(e.source, srcs[a]);
                cpy24(e.target, tgts[b]);
                if ((rc = push_event(out, first, &e, 0)))
                    return rc;
            }
        if (trace)
            rl_buf_printf(trace, "event: %s %s -> %s (%s) from the %s alone\n", e.code, srcs[0],
                          tgts[0], e.name, rl_modal_name(cls));
    }
    /* remember actors for pronouns in later sentences: a compound group, else
     * the two sides of the sentence's first event ("Trump met Kim ... The two
     * leaders agreed") */
    int grouped = 0;
    for (size_t g = 0; g < r->ngroup; g++) {
        const rl_group *gr = &r->group[g];
        if (gr->n >= 2) {
            char codes[MAXCODES][24];
            int k = rl_role_codes(c, (int32_t)gr->first, codes, NULL);
            if (k >= 2) {
                memcpy(c->group, codes, sizeof codes);
                c->ngroup = k;
                grouped = 1;
            }
        }
    }
    if (!grouped && out->n > first) {
        cpy24(c->group[0], out->v[first].source);
        cpy24(c->group[1], out->v[first].target);
        c->ngroup = 2;
    }
    for (size_t i = 0; i < r->nchunk; i++)
        if (r->chunk[i].person && r->chunk[i].code[0])
            rl_strlcpy(c->person, r->chunk[i].code, sizeof c->person);
    return RL_OK;
}
