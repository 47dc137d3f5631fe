/* code.c: events from a sentence reading, as a sequence of named stages
 * (rl_coder_sentence at the end of the file). For each predicate (verb or
 * noun pattern match): is it an event at all, who are source and target
 * (roles.c does the search), their actor codes, its code and modality
 * (modality.c), its date and quantity (attach.c), its evidence words, then one
 * event per actor pair (both ways for symmetric acts). Appeals, demands and
 * threats whose content names no coded act still code (020/100/130). The
 * stages pass one rl_pred (internal.h) along. */
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
    if (rl_place_words(c) != RL_OK) {
        rl_coder_free(c);
        return NULL;
    }
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
    free(c->placew);
    free(c);
}

void rl_coder_begin_story(rl_coder *c, rl_day story_date)
{
    c->story = c->prev = story_date;
    c->ngroup = 0;
    c->person[0] = '\0';
    c->org[0] = '\0';
    c->igo[0] = '\0';
    c->nseen = 0;
    c->ncharge = 0;
    c->nsent = 0;
    c->qspeaker[0] = '\0';
    c->qrecent = c->qcarry = 0;
    c->home[0] = '\0';
    c->names.n = 0;
    c->r.surnames = &c->names;
}

/* Counts a country named in the story (weight w) and keeps home the most
 * named one (the first to reach a count wins ties). */
static void count_country(rl_coder *c, const char *code, unsigned w)
{
    if (!isupper((unsigned char)code[0]) || strlen(code) < 3 || !strncmp(code, "IGO", 3) ||
        !strncmp(code, "NGO", 3) || !strncmp(code, "MNC", 3) || !isupper((unsigned char)code[2]))
        return;
    int k = 0;
    while (k < c->nseen && strncmp(c->seen[k].code, code, 3))
        k++;
    if (k == c->nseen) {
        if (c->nseen == (int)(sizeof c->seen / sizeof *c->seen))
            return;
        rl_strlcpy(c->seen[k].code, code, 4);
        c->seen[k].n = 0;
        c->nseen++;
    }
    c->seen[k].n += w;
    int best = -1;
    for (int i = 0; i < c->nseen; i++)
        if (best < 0 || c->seen[i].n > c->seen[best].n)
            best = i;
    rl_strlcpy(c->home, c->seen[best].code, sizeof c->home);
}

int rl_coder_note_text(rl_coder *c, const char *text, rl_token *t, size_t n, unsigned weight)
{
    rl_reading *r = &c->r;
    r->quote_carry = 0;
    int rc = rl_match_sentence(r, text, t, n, c->story);
    if (rc)
        return rc;
    for (size_t i = 0; i < r->nchunk; i++)
        if (r->chunk[i].code[0] && !r->chunk[i].anaphor)
            count_country(c, r->chunk[i].code, weight);
    return RL_OK;
}

const char *rl_coder_home(const rl_coder *c) { return c->home; }

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


/* ---- stage 0: scratch space and the sentence as a whole ---- */

static int reserve_scratch(rl_coder *c)
{
    const rl_reading *r = &c->r;
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
    return RL_OK;
}

/* A modal inside a verb match ("~refuse to ~meet +") is part of that verb. */
static void mark_modals_inside_verbs(rl_coder *c)
{
    const rl_reading *r = &c->r;
    for (size_t i = 0; i < r->nmodal; i++) {
        c->mused[i] = 0;
        for (size_t v = 0; v < r->nverb; v++)
            if (r->modal[i].start >= r->verb[v].start && r->modal[i].start < r->verb[v].end)
                c->mused[i] = 1;
    }
}

/* A discard phrase (dict/modals.txt) marks a sentence that codes nothing. */
static int sentence_discarded(const rl_reading *r, rl_buf *trace)
{
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pattern *p = rl_dict_pattern(r->dict, r->modal[i].pat);
        if (p->modal != RL_M_DISCARD)
            continue;
        if (trace)
            rl_buf_printf(trace, "discarded: \"%s\" (%s:%d) marks a sentence that codes nothing\n",
                          p->text, p->file, p->line);
        return 1;
    }
    return 0;
}

/* ---- stage 1: is this predicate an event at all? ---- */

static int skip(rl_buf *trace, const rl_pred *pr, const char *why)
{
    if (trace)
        rl_buf_printf(trace, "no event from \"%s\": %s\n", pr->p->text, why);
    return 0;
}

static int reduced_relative_before_verb(const rl_reading *r, const rl_pmatch *m)
{
    const rl_token *h = &r->tok[m->head];
    if (m->head == 0 || r->chunk_of[m->head - 1] < 0 || h->len < 4 ||
        strncasecmp(r->text + h->off + h->len - 2, "ed", 2) || m->end >= r->n ||
        !(rl_wc(r, m->end) & RL_W_PREP) || (rl_wc(r, m->end) & RL_W_BY))
        return 0;
    /* a later "were/was/has been + -ed" in the same clause is the main verb */
    for (uint32_t k = m->end + 1; k + 1 < r->n && r->clause[k] == r->clause[m->head]; k++) {
        if (rl_is_punct(r, k, ','))
            return 0;
        const rl_token *t = &r->tok[k + 1];
        if ((rl_wc(r, k) & RL_W_BE) && t->len > 3 && !(t->flags & RL_T_CAP) &&
            !strncasecmp(r->text + t->off + t->len - 2, "ed", 2))
            return 1;
    }
    return 0;
}

/* "the peace pact the United States negotiated with the insurgents": a
 * subject right after a plain noun phrase opens a reduced object relative,
 * which describes that noun (docs/annotation.md: not coded). */
static int object_relative(const rl_reading *r, const rl_pmatch *m)
{
    if (m->head == 0 || r->chunk_of[m->head - 1] < 0)
        return 0;
    const rl_chunk *s = &r->chunk[r->chunk_of[m->head - 1]];
    if (s->prep >= 0 || s->anaphor == RL_CH_FIRST)
        return 0;
    uint32_t k = s->start;
    /* the subject opens a noun phrase of its own: "the United States",
     * "Russia" (not "a female suicide bomber") */
    if (k > 0 && (rl_wc(r, k - 1) & RL_W_THE))
        k--;
    else if (!(r->tok[k].flags & RL_T_CAP))
        return 0;
    if (k < 2)
        return 0;
    /* "sources say the military rescued": the word before is a verb */
    for (size_t i = 0; i < r->nmodal; i++)
        if (r->modal[i].start <= k - 1 && k - 1 < r->modal[i].end)
            return 0;
    for (size_t i = 0; i < r->nverb; i++)
        if (r->verb[i].start <= k - 1 && k - 1 < r->verb[i].end)
            return 0;
    const rl_token *n = &r->tok[k - 1], *b = &r->tok[k - 2];
    const char *w = r->text + n->off;
    if (!(n->flags & RL_T_WORD) || (n->flags & RL_T_CAP) || n->len < 3 || r->wc[k - 1] || r->skip[k - 1] ||
        r->chunk_of[k - 1] >= 0 || (w[n->len - 2] == 'l' && w[n->len - 1] == 'y') ||
        (w[n->len - 2] == 'e' && w[n->len - 1] == 'd') || !memcmp(w + n->len - 3, "ing", 3))
        return 0;
    /* the noun ends a noun phrase: a determiner or a plain modifier before it */
    return (rl_wc(r, k - 2) & (RL_W_ART | RL_W_DET)) ||
           ((b->flags & RL_T_WORD) && !(b->flags & RL_T_CAP) && !r->wc[k - 2] && r->chunk_of[k - 2] < 0);
}

static int feared_content(const rl_reading *r, const rl_pmatch *m)
{
    static const char *const FEAR[] = {"warned", "warn", "warns", "warning", "warnings", "fear", "fears",
                                       "feared", "threat", "threats", "risk", "risks", "prospect", "possibility",
                                       "danger", "spectre", "specter", "concern", "concerns", "worries"};
    uint32_t k = m->start;
    if (k > 0 && (rl_wc(r, k) & RL_W_POSS) && r->chunk_of[k - 1] >= 0) /* "$ 's strike on" */
        k--;
    if (r->chunk_of[k] >= 0)
        k = r->chunk[r->chunk_of[k]].start;
    while (k > 0 && (rl_wc(r, k - 1) & RL_W_DET) && !(rl_wc(r, k - 1) & RL_W_OF))
        k--;
    if (k < 2 || !(rl_match_is_word(r, k - 1, "of") || rl_match_is_word(r, k - 1, "about") ||
                   rl_match_is_word(r, k - 1, "over")))
        return 0;
    for (size_t i = 0; i < sizeof FEAR / sizeof *FEAR; i++)
        if (rl_match_is_word(r, k - 2, FEAR[i]))
            return 1;
    return 0;
}

static int planned_act(const rl_reading *r, const rl_pmatch *m)
{
    static const char *const PLANNED[] = {"planned", "proposed", "possible", "potential", "expected",
                                          "upcoming", "looming", "prospective", "threatened", "anticipated"};
    if (m->start == 0)
        return 0;
    uint32_t k = m->start - 1;
    if (r->chunk_of[k] >= 0 && r->chunk[r->chunk_of[k]].start > 0) /* "a planned opposition rally" */
        k = r->chunk[r->chunk_of[k]].start - 1;
    for (size_t i = 0; i < sizeof PLANNED / sizeof *PLANNED; i++)
        if (rl_match_is_word(r, k, PLANNED[i]))
            return 1;
    return 0;
}

static int pred_is_event(const rl_reading *r, const rl_pred *pr, rl_buf *trace)
{
    const rl_pmatch *m = pr->m;
    /* a null-coded pattern ("---", PETRARCH) holds its words but codes nothing */
    if (!strcmp(pr->p->code, "---"))
        return skip(trace, pr, "its code is null (---)");
    /* "..., killing 10 civilians": a result participle of violence is part of
     * the act before it */
    if (m->head > 0 && rl_is_punct(r, m->head - 1, ',') && rl_code_root(pr->p->code) >= 18 &&
        r->tok[m->head].len > 4 &&
        !memcmp(r->text + r->tok[m->head].off + r->tok[m->head].len - 3, "ing", 3))
        return skip(trace, pr, "a result participle");
    /* "soldiers, supported by local militias, ...": a reduced relative
     * describes an argument; it is no event of its own (docs/annotation.md) */
    if (!pr->fin && !pr->noun && m->target < 0 && m->head > 0 && rl_is_punct(r, m->head - 1, ',') &&
        rl_role_passive(r, m) && !(rl_wc(r, m->head - 2) & RL_W_BE))
        return skip(trace, pr, "a reduced relative (describes an argument)");
    /* "The civilians imprisoned for protesting were released": an -ed form
     * right after its noun and before a preposition, with a finite passive
     * verb later in the clause, is a reduced relative */
    if (!pr->fin && !pr->noun && m->target < 0 && reduced_relative_before_verb(r, m))
        return skip(trace, pr, "a reduced relative (describes an argument)");
    /* "a planned opposition rally", "the proposed talks": an act its noun
     * phrase calls planned or possible has not happened */
    if (planned_act(r, m))
        return skip(trace, pr, "called planned or possible by its noun phrase");
    if (!pr->fin && !pr->noun && !m->fronted && object_relative(r, m))
        return skip(trace, pr, "a reduced object relative (describes the noun before its subject)");
    /* the antecedent of a conditional ("if Russia invaded Ukraine") is a
     * condition, not an event */
    if (rl_modal_in_if(r, m->head))
        return skip(trace, pr, "inside an if-clause (a condition)");
    return 1;
}

/* Whether two actor codes are the same side: the same state (the country,
 * its government and its state agencies), else the same code (rebels and
 * the government of one country are two sides; so are IGOs, NGOs and armed
 * groups by their own codes). */
static int same_side(const char *a, const char *b)
{
    return rl_code_is_state(a) && rl_code_is_state(b) ? !strncmp(a, b, 3) : !strcmp(a, b);
}

/* ---- stage 2: roles (roles.c finds each; here the order of the search) ---- */

/* Noun patterns: "Russia's ultimatum", "US sanctions on Russia". */
static int32_t noun_source(const rl_reading *r, const rl_pmatch *m)
{
    int32_t src = -1;
    if (m->start > 0 && r->chunk_of[m->start - 1] >= 0)
        src = r->chunk_of[m->start - 1];
    else if (m->start > 1 && (rl_wc(r, m->start - 1) & RL_W_POSS) && r->chunk_of[m->start - 2] >= 0)
        src = r->chunk_of[m->start - 2];
    else if (m->start > 2 && r->chunk_of[m->start - 2] >= 0 &&
             !(r->tok[m->start - 1].flags & RL_T_PUNCT) && !(rl_wc(r, m->start - 1) & RL_W_NOUNSEP))
        src = r->chunk_of[m->start - 2]; /* one modifier: "Russia's latest ultimatum" */
    /* "the attack on the base by militants": a "by" phrase after it */
    for (uint32_t k = m->end; src < 0 && k < r->n && k < m->end + 4; k++)
        if ((rl_wc(r, k) & RL_W_BY) && k + 1 < r->n && r->chunk_of[k + 1] >= 0)
            src = r->chunk_of[k + 1];
    return src >= 0 ? (int32_t)r->group[r->chunk[src].group].first : -1;
}

/* "are detained there", "is jailed in Evin": a present-tense passive with no
 * agent describes a state (where someone is held), not an act. */
static int present_state(const rl_reading *r, const rl_pmatch *m)
{
    for (uint32_t k = m->head, steps = 0; k > 0 && steps < 3; k--, steps++) {
        if (rl_wc(r, k - 1) & RL_W_BE)
            return rl_match_is_word(r, k - 1, "is") || rl_match_is_word(r, k - 1, "are") ||
                   rl_match_is_word(r, k - 1, "am");
        if (!(rl_wc(r, k - 1) & RL_W_ADV))
            break;
    }
    return 0;
}

/* The one who says what a clause says: the speaker of the quote it is in,
 * else the subject of a reporting verb before it ("Biden warned that", "the
 * official added that"); -1 none. */
static int32_t clause_speaker(rl_coder *c, const rl_pred *pr)
{
    const rl_reading *r = &c->r;
    int32_t sp = rl_quote_speaker_of(r, pr->m->head);
    if (sp >= 0)
        return sp;
    for (size_t i = r->nmodal; i-- > 0;) {
        const rl_pmatch *x = &r->modal[i];
        if (rl_dict_pattern(r->dict, x->pat)->modal != RL_M_REPORT || x->end > pr->m->start)
            continue;
        sp = rl_role_subject(c, pr->v, x->start);
        return sp >= 0 ? sp : -1;
    }
    return -1;
}

/* "Medvedev warned that Moscow could use nuclear weapons if ...": is the
 * one saying the clause (clause_speaker) of the act's own side? */
static int own_voice(rl_coder *c, rl_pred *pr)
{
    int32_t sp = clause_speaker(c, pr);
    char codes[MAXCODES][24];
    pr->third_voice = 0;
    if (sp < 0 || pr->ns < 1)
        return 0;
    int own = rl_role_codes(c, sp, codes, NULL) >= 1 && same_side(codes[0], pr->srcs[0]);
    pr->third_voice = !own;
    return own;
}

/* The speaker of a consequence announced for someone, if one who can
 * impose it: analysts, reporters and civilians who say "Turkey could face
 * sanctions" threaten no one. */
static int32_t threat_speaker(rl_coder *c, const rl_pred *pr)
{
    static const char *const BYSTANDER[] = {"EDU", "MED", "CVL"};
    int32_t sp = clause_speaker(c, pr);
    char codes[MAXCODES][24];
    if (sp < 0 || rl_role_codes(c, sp, codes, NULL) < 1 ||
        rl_code_suffix_in(codes[0], BYSTANDER, sizeof BYSTANDER / sizeof *BYSTANDER))
        return -1;
    return sp;
}

/* "... sanctions could follow if Ankara activated the system", "threatened
 * sanctions unless Minsk frees them": the subject of the condition after a
 * threat that names no target; -1 none. */
static int32_t condition_subject(const rl_reading *r, const rl_pmatch *m)
{
    /* the condition after the threat, else before it ("If they attack us,
     * we will retaliate") */
    uint32_t from = m->start > 16 ? m->start - 16 : 0;
    for (uint32_t k = m->end; k < r->n && k < m->end + 12; k++)
        if (rl_wc(r, k) & RL_W_IF) {
            from = k;
            break;
        }
    for (uint32_t k = from; k < r->n && k < m->end + 12; k++) {
        if (!(rl_wc(r, k) & RL_W_IF) || (k >= m->start && k < m->end))
            continue;
        for (uint32_t j = k + 1; j < r->n && j <= k + 4; j++) {
            int32_t ch = r->chunk_of[j];
            if (ch >= 0)
                return r->chunk[ch].prep < 0 ? (int32_t)r->group[r->chunk[ch].group].first : -1;
            if (r->tok[j].flags & RL_T_PUNCT)
                break;
        }
        return -1;
    }
    return -1;
}

/* "condemns any violence against Afghan civilians": the victims of what is
 * condemned or rejected (civilians, refugees after "against"/"on", with
 * words between) are not its target. */
static int victim_target(const rl_reading *r, const rl_pred *pr, int32_t ch)
{
    static const char *const VICTIM[] = {"CVL", "REF"};
    const rl_pmatch *m = pr->m;
    int rt = rl_code_root(pr->p->code);
    if (ch < 0 || pr->fin || rt < 11 || rt > 12)
        return 0;
    const rl_chunk *x = &r->chunk[ch];
    return x->prep > (int32_t)m->head + 1 &&
           (rl_match_is_word(r, (uint32_t)x->prep, "against") || rl_match_is_word(r, (uint32_t)x->prep, "on")) &&
           (rl_code_suffix_in(x->code, VICTIM, 2) || !strcmp(x->suffix, "CVL") || !strcmp(x->suffix, "REF"));
}

/* "made overtures to another key Egyptian ally, France": a relation noun
 * after the actor, then a comma and the actor it names. Returns that actor's
 * chunk, else ch. */
static int32_t named_by_apposition(const rl_reading *r, int32_t ch)
{
    static const char *const REL[] = {"ally", "allies", "partner", "partners", "neighbor", "neighbour",
                                      "rival", "rivals", "foe", "adversary", "enemy", "friend", "backer"};
    if (ch < 0)
        return ch;
    uint32_t k = r->chunk[ch].end;
    if (k + 2 >= r->n || !rl_is_punct(r, k + 1, ','))
        return ch;
    int rel = 0;
    for (size_t i = 0; i < sizeof REL / sizeof *REL && !rel; i++)
        rel = rl_match_is_word(r, k, REL[i]);
    int32_t y = r->chunk_of[k + 2];
    if (!rel || y < 0 || r->chunk[y].start != k + 2 || !r->chunk[y].code[0])
        return ch;
    uint32_t e = r->chunk[y].end;
    return (e >= r->n || rl_is_punct(r, e, ',') || rl_is_punct(r, e, '.')) ? y : ch;
}

/* "the day after the 40 were deported": the word right before a passive's
 * auxiliary (adverbs read through) ends its subject; when that word is no
 * actor (a number, a plain noun), the subject names none, and no actor further
 * back is it. A comma there ("The journalist, who ..., was arrested") leaves
 * the search to rl_role_subject. */
static int passive_subject_named(const rl_reading *r, const rl_pmatch *m)
{
    uint32_t k = m->head;
    while (k > 0 && (rl_wc(r, k - 1) & RL_W_ADV) && !(rl_wc(r, k - 1) & RL_W_BE))
        k--;
    if (k == 0 || !(rl_wc(r, k - 1) & RL_W_BE))
        return 1; /* no auxiliary: a reduced passive, read as before */
    k--;
    while (k > 0 && (rl_wc(r, k - 1) & (RL_W_ADV | RL_W_BE)))
        k--;
    if (k == 0)
        return 1;
    const rl_token *t = &r->tok[k - 1];
    /* "An Israeli army post was attacked": a site named after its owner */
    return (t->flags & RL_T_PUNCT) || r->chunk_of[k - 1] >= 0 || r->wc[k - 1] ||
           (k >= 2 && r->chunk_of[k - 2] >= 0);
}

/* "The attack on the base by Houthi rebels killed three soldiers",
 * "Shelling by separatists killed two civilians": a killing whose subject is
 * an attack names its agent after "by" in that subject. */
static int32_t event_noun_agent(const rl_reading *r, const rl_pmatch *m)
{
    static const char *const EVENT[] = {"attack", "attacks", "strike", "strikes", "airstrike", "airstrikes",
                                        "bombing", "bombings", "blast", "explosion", "shelling", "raid",
                                        "ambush", "assault", "offensive", "barrage"};
    uint16_t cl = r->clause[m->head];
    int noun = 0;
    for (uint32_t k = m->head; k-- > 0 && r->clause[k] == cl;) {
        if (rl_is_punct(r, k, ','))
            return -1;
        for (size_t e = 0; e < sizeof EVENT / sizeof *EVENT && !noun; e++)
            noun = rl_match_is_word(r, k, EVENT[e]) && (k == 0 || !(rl_wc(r, k - 1) & RL_W_PREP));
        if (!noun)
            continue;
        for (uint32_t j = k + 1; j + 1 < m->head; j++)
            if ((rl_wc(r, j) & RL_W_BY) && r->chunk_of[j + 1] >= 0)
                return (int32_t)r->group[r->chunk[r->chunk_of[j + 1]].group].first;
        return -1;
    }
    return -1;
}

/* Source and target chunks of the predicate; 0 when it is no event. */
static int assign_roles(rl_coder *c, rl_pred *pr, rl_buf *trace)
{
    const rl_reading *r = &c->r;
    const rl_pmatch *m = pr->m;
    const rl_pattern *p = pr->p;
    pr->passive = !pr->noun && rl_role_passive(r, m);
    /* PETRARCH's passive names its source with "by" (an adverb may follow
     * the auxiliary); without one the subject stays the source */
    if (pr->fin && !pr->noun)
        pr->passive = petrarch_passive(r, m);
    pr->src = -1;
    pr->tgt = m->target;
    if (m->source >= 0) {
        pr->src = m->source;
    } else if (pr->passive) {
        pr->src = rl_role_by_agent(r, m);
        pr->implied = pr->src < 0 && p->by[0] && !present_state(r, m);
        pr->tgt = passive_subject_named(r, m) ? rl_role_subject(c, pr->v, m->head) : -1;
        if (pr->tgt < 0)
            pr->tgt = -1;
    } else if (pr->noun && m->start > 0 &&
               (rl_match_is_word(r, m->start - 1, "for") || (rl_wc(r, m->start - 1) & RL_W_OF))) {
        /* "for talks with", "a round of talks with": the purpose or part of
         * another event, coded by its verb */
        return skip(trace, pr, "a noun after 'for' or 'of'");
    } else if (pr->noun) {
        pr->src = noun_source(r, m);
        /* "Rutte, speaking after talks with Erdogan": after a time
         * preposition the talks are the clause subject's */
        if (pr->src < 0 && m->start > 0 &&
            (rl_match_is_word(r, m->start - 1, "after") || rl_match_is_word(r, m->start - 1, "before") ||
             rl_match_is_word(r, m->start - 1, "during") || rl_match_is_word(r, m->start - 1, "following")))
            pr->src = rl_role_subject(c, pr->v, m->start);
        if (pr->src == -2)
            pr->src = -1;
    } else {
        c->last_inherit = -1;
        /* a PETRARCH pattern's subject stands before all its words, else among
         * them ("neither A nor B @boycotted") */
        pr->src = rl_role_subject(c, pr->v, pr->fin ? m->start : m->head);
        if (pr->src < 0 && pr->fin && m->head > m->start)
            pr->src = rl_role_subject(c, pr->v, m->head);
        /* "..., with Omani Foreign Minister Albusaidi shuttling between": an
         * -ing verb right after "with X" is X's */
        if (!pr->fin && m->head > 0 && r->chunk_of[m->head - 1] >= 0) {
            const rl_chunk *w = &r->chunk[r->chunk_of[m->head - 1]];
            const rl_token *h = &r->tok[m->head];
            if (w->prep >= 0 && rl_match_is_word(r, (uint32_t)w->prep, "with") && h->len > 4 &&
                !memcmp(r->text + h->off + h->len - 3, "ing", 3))
                pr->src = (int32_t)r->group[w->group].first;
        }
        c->vfrom[pr->v] = c->last_inherit;
    }
    /* "A and B met in the capital, Bangui, and signed": after ", and" a
     * compound-subject pattern shares the subject of the verb before it */
    if ((p->flags & RL_PF_SUBJ_GROUP) && pr->v > 0 && m->head >= 2 && rl_match_is_word(r, m->head - 1, "and") &&
        rl_is_punct(r, m->head - 2, ',') && c->vsource[pr->v - 1] >= 0)
        pr->src = c->vsource[pr->v - 1];
    if (pr->src == -2)
        pr->src = -1;
    if (pr->src < 0 && !pr->passive && !pr->noun && !pr->fin && rl_code_root(p->code) >= 18)
        pr->src = event_noun_agent(r, m);
    /* "The aid Japan sent to Ukraine arrived": the subject of an object
     * relative before the verb is that relative's, not this verb's */
    for (size_t w = 0; w < pr->v && pr->src >= 0 && !pr->noun; w++)
        if (c->vsource[w] == pr->src && r->verb[w].head < m->head &&
            (r->verb[w].fronted || object_relative(r, &r->verb[w])))
            pr->src = -1;
    c->vsource[pr->v] = pr->src;
    if (victim_target(r, pr, pr->tgt))
        pr->tgt = -1;
    if (pr->tgt < 0 && !pr->passive && !pr->noun) {
        pr->tgt = rl_role_object(r, pr->v);
        if (victim_target(r, pr, pr->tgt))
            pr->tgt = -1;
    }
    pr->tgt = named_by_apposition(r, pr->tgt);
    /* PETRARCH "+ was @shot * in $": the actor before the pattern is the
     * target; the source is the '$' slot, else the object */
    if (p->flags & RL_PF_SUBJ_TARGET) {
        int32_t subj = rl_role_subject(c, pr->v, m->start);
        pr->src = m->source >= 0 ? m->source : m->target >= 0 ? m->target : rl_role_object(r, pr->v);
        pr->tgt = subj >= 0 ? subj : -1;
        /* "Russia will pay a heavy price," Biden said: a consequence that
         * falls on its subject is the speaker's threat */
        if (pr->src < 0 && !pr->fin && rl_code_root(p->code) == 13)
            pr->src = threat_speaker(c, pr);
    }
    /* "sanctions would be imposed if Ankara activated it": a threat without
     * a target is aimed at the subject of its condition, made by whoever
     * says it */
    if (pr->tgt < 0 && !pr->fin && rl_code_root(p->code) >= 13 && !pr->passive && !pr->noun) {
        pr->tgt = condition_subject(r, m);
        if (pr->tgt >= 0 && pr->src < 0 && !(p->flags & RL_PF_SUBJ))
            pr->src = threat_speaker(c, pr);
    }
    /* "demanded Russia's withdrawal from Ukraine", "rejected Moscow's
     * proposal for talks with the West": a demand, appeal or rejection is
     * aimed at the possessor inside the pattern, not at the place or party
     * its slot names */
    if (!pr->fin && m->target >= 0 && pr->tgt == m->target) {
        int rt = rl_code_root(p->code);
        if (rt == 2 || rt == 10 || rt == 12) {
            for (uint32_t k = m->start + 1; k < r->chunk[m->target].start; k++) {
                int32_t ch = r->chunk_of[k];
                if (ch >= 0 && r->chunk[ch].start == k && r->chunk[ch].possessive && r->chunk[ch].code[0]) {
                    pr->tgt = ch;
                    break;
                }
            }
        }
    }
    /* last resort for force, coercion and aid: the country the act is in
     * ("imposed sanctions on 500 targets in Russia", "strike targets across Israel") */
    if (pr->tgt < 0 && !pr->passive) {
        int rt = rl_code_root(p->code);
        if (rt >= 14 || rt == 7 || !strncmp(p->code, "138", 3))
            pr->at_place = (pr->tgt = rl_role_place(r, pr->v)) >= 0;
        /* "will strike its nuclear sites": the site's owner, the country
         * "its" stands for (docs/annotation.md: a site takes its owner; not
         * for PETRARCH's patterns, whose suite codes no such target) */
        if (pr->tgt < 0 && !pr->fin && (rt >= 14 || !strncmp(p->code, "138", 3)))
            pr->tgt = rl_role_possessed_object(r, m, pr->src);
    }
    return 1;
}

/* Demands and appeals: the speaker is the subject of the modal, the target
 * the subject of the embedded clause. Threats and intents: the modal's
 * subject when the verb has none before it. */
static void assign_speaker(rl_coder *c, rl_pred *pr)
{
    const rl_reading *r = &c->r;
    const int32_t *ms = pr->modal;
    pr->speech = -1;
    if (!pr->fin && (ms[RL_M_DEMAND] >= 0 || ms[RL_M_APPEAL] >= 0)) {
        pr->speech = ms[RL_M_DEMAND] >= 0 ? RL_M_DEMAND : RL_M_APPEAL;
        const rl_pmatch *x = &r->modal[ms[pr->speech]];
        c->last_inherit = -1;
        int32_t speaker = rl_role_subject(c, pr->v, x->start);
        if (c->last_inherit >= 0)
            c->vfrom[pr->v] = c->last_inherit;
        if (speaker == -2)
            speaker = -1;
        int32_t addressee = rl_role_addressee(r, x);
        if (addressee < 0)
            addressee = (pr->src >= 0 && r->chunk[pr->src].start >= x->end) ? pr->src : pr->tgt;
        if (speaker >= 0) {
            pr->src = speaker;
            pr->tgt = addressee;
        }
    } else if (ms[RL_M_THREAT] >= 0 || ms[RL_M_INTENT] >= 0 || (pr->noun && ms[RL_M_PLAN] >= 0)) {
        /* ("Russia was preparing a new offensive in ...": a planned noun
         * event is the planner's) */
        const rl_pmatch *x = &r->modal[ms[ms[RL_M_THREAT] >= 0 ? RL_M_THREAT : ms[RL_M_INTENT] >= 0 ? RL_M_INTENT : RL_M_PLAN]];
        if (pr->src < 0 || r->chunk[pr->src].start >= x->start) {
            int32_t s2 = rl_role_subject(c, pr->v, x->start);
            if (s2 >= 0)
                pr->src = s2;
        }
    }
    /* fallback target: the addressee of a reporting verb ("told Putin that");
     * a passive's target is its subject, never the addressee */
    if (pr->tgt < 0 && !pr->passive) {
        for (size_t i = 0; i < r->nmodal; i++) {
            const rl_pattern *mp = rl_dict_pattern(r->dict, r->modal[i].pat);
            if (mp->modal == RL_M_REPORT && r->modal[i].target >= 0 && r->modal[i].end <= pr->m->head)
                pr->tgt = r->modal[i].target;
        }
    }
}

/* "withdrew Russian troops": the subject's own people named by the pattern's
 * words are no target. */
static int target_is_own_people(const rl_reading *r, const rl_pred *pr)
{
    const rl_pmatch *m = pr->m;
    if (pr->nt <= 0 || pr->ns <= 0 || pr->tgt < 0 || pr->tgt == m->target ||
        strncmp(pr->srcs[0], pr->tgts[0], 3))
        return 0;
    for (uint32_t j = r->chunk[pr->tgt].start; j < r->chunk[pr->tgt].end; j++)
        for (uint8_t q = 0; q < m->nevid; q++)
            if (m->evid[q] == j)
                return 1;
    return 0;
}

/* A protest with no named target is against the protesters' own government
 * (CAMEO's convention for domestic protest). */
static void protest_target(rl_pred *pr)
{
    const char *s = pr->srcs[0];
    if (pr->nt == 0 && pr->ns > 0 && rl_code_root(pr->p->code) == 14 && isupper((unsigned char)s[0]) &&
        strncmp(s, "IGO", 3) && strncmp(s, "NGO", 3) && !(strlen(s) >= 6 && !strcmp(s + 3, "GOV"))) {
        rl_strlcat(rl_strlcpy(pr->tgts[0], s, 4), "GOV", 24);
        pr->nt = 1;
    }
}

/* "Beijing denies the allegations": a denial that names no one answers the
 * accusation or charge (roots 11 and 17) made against the denier in the last
 * few sentences, and is aimed at whoever made it; none remembered, no event. */
static int denial_target(const rl_coder *c, rl_pred *pr)
{
    if (pr->ns < 1 || strncmp(pr->p->code, "016", 3))
        return 0;
    /* "Moscow denied claims that Russian troops attacked": no one denies
     * to their own side; the actors of what is denied are no target */
    if (pr->nt == 1 && same_side(pr->tgts[0], pr->srcs[0]))
        pr->nt = 0;
    if (pr->nt)
        return 0;
    /* "Both Pakistan and China reject the claims": the accuser of either
     * (one denial of the same claims) */
    for (int i = c->ncharge - 1; i >= 0 && c->nsent - c->charge[i].sentence <= 6; i--)
        for (int s = 0; s < pr->ns; s++)
            if (same_side(c->charge[i].tgt, pr->srcs[s]) && !same_side(c->charge[i].src, pr->srcs[s])) {
                rl_strlcpy(pr->tgts[0], c->charge[i].src, 24);
                pr->nt = 1;
                return 1;
            }
    return 0;
}

/* The country an act took place in: a place named in its clause, else the
 * country of code `also` (NULL: none; IGOs, NGOs and armed groups have none),
 * else the story's main country; 0 when none is known. */
static int act_country(const rl_coder *c, const rl_pred *pr, const char *also, char out[4])
{
    int32_t place = rl_role_place(&c->r, pr->v);
    if (place >= 0 && rl_code_is_state(c->r.chunk[place].code))
        snprintf(out, 4, "%.3s", c->r.chunk[place].code);
    else if (also && strlen(also) >= 3 && isupper((unsigned char)also[0]) && strncmp(also, "IGO", 3) &&
             strncmp(also, "NGO", 3) && strncmp(also, "IMG", 3))
        snprintf(out, 4, "%.3s", also);
    else if (c->home[0])
        snprintf(out, 4, "%.3s", c->home);
    else
        return 0;
    return 1;
}

/* "Al-Shabab claimed responsibility for the attack", "pleaded guilty to
 * murder": an admission that names no one is aimed at the country where the
 * act it admits took place (the place in the clause, else the story's main
 * country). */
static int admission_target(const rl_coder *c, rl_pred *pr)
{
    if (pr->nt || pr->ns < 1)
        return 0;
    /* a plea, guilty ("015") or not ("016"), is made to the court */
    int admits = !strncmp(pr->p->code, "015", 3);
    int plea = (admits || !strncmp(pr->p->code, "016", 3)) && strstr(pr->p->text, "plead");
    if (!admits && !plea)
        return 0;
    char cc[4];
    if (!act_country(c, pr, NULL, cc))
        return 0;
    rl_strlcpy(pr->tgts[0], cc, 24);
    if (plea)
        rl_strlcat(pr->tgts[0], "JUD", 24);
    pr->nt = 1;
    return 1;
}

/* "He was arrested in July", "was sentenced to six years": an agentless
 * passive whose pattern names the agent it implies ([by COP], [by JUD]) has
 * that agent of the country the act took place in (a place named in the
 * clause), else of the target's country, else of the story's. */
static int implied_agent(rl_coder *c, rl_pred *pr)
{
    if (!pr->implied || pr->ns || !pr->nt)
        return 0;
    /* people are arrested and tried, states are not: a state target must be a
     * person ("former President X" has the bare code) */
    const rl_chunk *x = pr->tgt >= 0 ? &c->r.chunk[pr->tgt] : NULL;
    if (rl_code_is_state(pr->tgts[0]) && !(x && (x->person || x->anaphor == RL_CH_PRONOUN)))
        return 0;
    char cc[4];
    if (!act_country(c, pr, pr->tgts[0], cc))
        return 0;
    rl_strlcat(rl_strlcpy(pr->srcs[0], cc, 24), pr->p->by, 24);
    pr->ns = 1;
    return 1;
}

/* "each other", "one another", "the other" right after the verb. */
static int reciprocal_object(const rl_reading *r, const rl_pmatch *m)
{
    uint32_t k = m->head + 1;
    return k + 1 < r->n && ((rl_match_is_word(r, k, "each") && rl_match_is_word(r, k + 1, "other")) ||
                            (rl_match_is_word(r, k, "one") && rl_match_is_word(r, k + 1, "another")) ||
                            (rl_match_is_word(r, k, "the") && rl_match_is_word(r, k + 1, "other")));
}

/* The actor codes of both sides; 0 when a side is missing. */
static int actor_codes(rl_coder *c, rl_pred *pr, rl_buf *trace)
{
    pr->ns = rl_role_codes(c, pr->src, pr->srcs, NULL);
    pr->nt = rl_role_codes(c, pr->tgt, pr->tgts, pr->ns ? pr->srcs[0] : NULL);
    if (!pr->ns && pr->nt && pr->src >= 0)
        pr->ns = rl_role_codes(c, pr->src, pr->srcs, pr->tgts[0]);
    /* binding: "Macron, who urged him" - him is not Macron */
    if (pr->ns == 1 && pr->nt == 1 && !strcmp(pr->srcs[0], pr->tgts[0]) &&
        !rl_role_pronoun_other(c, pr->tgt, pr->srcs[0], pr->tgts[0]) && pr->tgt >= 0 &&
        c->r.chunk[pr->tgt].anaphor == RL_CH_PRONOUN)
        pr->nt = 0;
    if (target_is_own_people(&c->r, pr))
        pr->nt = 0;
    /* a place struck or entered is its country, not the capital's government
     * (docs/annotation.md: "shelled Kharkiv" -> UKR) */
    for (int i = 0; pr->at_place && i < pr->nt; i++)
        if (rl_code_is_state(pr->tgts[i]))
            pr->tgts[i][3] = '\0';
    if (implied_agent(c, pr) && trace)
        rl_buf_printf(trace, "source: %s, the agent the passive implies\n", pr->srcs[0]);
    protest_target(pr);
    if (denial_target(c, pr) && trace)
        rl_buf_printf(trace, "target: %s, who made the accusation or charge this denial answers\n", pr->tgts[0]);
    if (admission_target(c, pr) && trace)
        rl_buf_printf(trace, "target: %s, the country the admitted act took place in (a plea: its court)\n", pr->tgts[0]);
    pr->sym = (pr->p->flags & (RL_PF_SYM | RL_PF_SUBJ_GROUP)) != 0;
    /* "the two rivals accused each other": a reciprocal object makes the act
     * go both ways within the subject */
    if (!pr->nt && pr->ns >= 2 && reciprocal_object(&c->r, pr->m))
        pr->sym = 1;
    if (pr->sym && pr->speech < 0) {
        if (pr->ns == 0 && pr->nt >= 2) {
            /* "talks between A and B": pairs within the slot's group */
            memcpy(pr->srcs, pr->tgts, sizeof pr->srcs);
            pr->ns = pr->nt;
            pr->nt = 0;
        } else if (pr->m->target < 0 && pr->ns >= 2) {
            /* "A and B held talks", "A and B discussed Ukraine": pairs within
             * the subject; an object outside a slot is a topic */
            pr->nt = 0;
        }
    }
    if (pr->ns == 0 || (pr->nt == 0 && !(pr->sym && pr->ns >= 2)))
        return skip(trace, pr, pr->ns == 0 ? "no source actor found" : "no target actor found");
    return 1;
}

/* ---- stage 3: code and modality (modality.c), date (attach.c) ---- */

/* PETRARCH's paired codes "032:033" code source -> target with the first,
 * target -> source with the second. */
static void split_paired_code(rl_pred *pr)
{
    rl_strlcpy(pr->code1, pr->p->code, sizeof pr->code1);
    pr->back[0] = '\0';
    char *colon = strchr(pr->code1, ':');
    if (colon) {
        rl_strlcpy(pr->back, colon + 1, sizeof pr->back);
        *colon = '\0';
    }
}

/* ---- stage 4: evidence and emission ---- */

/* The evidence words: the governing modals' and the pattern's, in sentence order. */
static void collect_evidence(const rl_reading *r, rl_pred *pr)
{
    uint32_t ev[RL_MAX_EVID * (RL_M_COUNT + 1)];
    size_t nev = 0;
    for (int k = 0; k < RL_M_COUNT; k++) {
        if (pr->modal[k] < 0 || k == RL_M_REPORT)
            continue;
        const rl_pmatch *x = &r->modal[pr->modal[k]];
        for (uint8_t j = 0; j < x->nevid; j++)
            ev[nev++] = x->evid[j];
    }
    for (uint8_t j = 0; j < pr->m->nevid; j++)
        ev[nev++] = pr->m->evid[j];
    for (size_t a = 1; a < nev; a++) /* insertion sort: a handful of words */
        for (size_t b = a; b > 0 && ev[b - 1] > ev[b]; b--) {
            uint32_t t2 = ev[b];
            ev[b] = ev[b - 1];
            ev[b - 1] = t2;
        }
    size_t el = 0;
    for (size_t j = 0; j < nev; j++)
        if (j == 0 || ev[j] != ev[j - 1])
            el = add_word(pr->e.evidence, sizeof pr->e.evidence, el, (int)r->tok[ev[j]].len,
                          r->text + r->tok[ev[j]].off);
    chunk_text(r, pr->src, pr->e.source_text, sizeof pr->e.source_text);
    chunk_text(r, pr->tgt, pr->e.target_text, sizeof pr->e.target_text);
}

static int push_pair(rl_events *out, size_t first, rl_event *e, const char *s, const char *t, int noun)
{
    cpy24(e->source, s);
    cpy24(e->target, t);
    return push_event(out, first, e, noun);
}

/* One event per actor pair: within the group for a symmetric act of one
 * side, else each source with each target (and back for paired codes and
 * symmetric acts). */
static int emit_pairs(const rl_dict *d, rl_pred *pr, rl_events *out, size_t first)
{
    rl_event *e = &pr->e;
    int rc = RL_OK;
    if (pr->nt == 0) {
        for (int a = 0; a < pr->ns; a++)
            for (int b = 0; b < pr->ns; b++)
                if (a != b && strcmp(pr->srcs[a], pr->srcs[b]) != 0 &&
                    (rc = push_pair(out, first, e, pr->srcs[a], pr->srcs[b], pr->noun)))
                    return rc;
        return RL_OK;
    }
    for (int a = 0; a < pr->ns; a++)
        for (int b = 0; b < pr->nt; b++) {
            const char *s = pr->srcs[a], *t = pr->tgts[b];
            if (strcmp(s, t) == 0)
                continue;
            if (pr->code1[0] && (rc = push_pair(out, first, e, s, t, pr->noun)))
                return rc;
            if (pr->back[0]) {
                rl_event e2 = *e;
                rl_event_set_code(d, &e2, pr->back);
                if ((rc = push_pair(out, first, &e2, t, s, 0)))
                    return rc;
            }
            /* "Russia is ready to hold talks with Ukraine", "Biden said he
             * would meet Xi": only one side said so */
            if (pr->sym && pr->speech < 0 && pr->modal[RL_M_INTENT] < 0 && !pr->pledge &&
                (rc = push_pair(out, first, e, t, s, pr->noun)))
                return rc;
        }
    return RL_OK;
}

/* ---- the stages, per predicate ---- */

/* Codes the actors decide (our patterns only: PETRARCH's keep their codes):
 * - "Mali withdrew from ECOWAS": a state leaving an organization reduces
 *   relations (160), it is no military retreat (087);
 * - "settlers attacked the town": force by unarmed people (civilians,
 *   settlers, protesters, workers ...) is assault (180), not military force;
 * - "troops killed 30 militants": killing (180) of armed people - soldiers,
 *   rebels, insurgents, police, militias - is fighting (190); killing
 *   civilians stays assault. */
static void code_by_actors(const rl_dict *d, rl_pred *pr)
{
    static const char *const ARMED[] = {"MIL", "REB", "INS", "COP", "UAF", "SPY"};
    static const char *const PEOPLE[] = {"CVL", "OPP", "LAB", "REF", "EDU", "MED", "AGR"};
    static const char *const STATE[] = {"GOV"};
    if (pr->fin || pr->nt <= 0)
        return;
    if (!strncmp(pr->e.code, "087", 3)) {
        int state_leaves_igo = pr->ns > 0;
        for (int i = 0; i < pr->nt; i++)
            state_leaves_igo &= !strncmp(pr->tgts[i], "IGO", 3);
        for (int i = 0; i < pr->ns; i++) /* a state leaves, not its troops */
            state_leaves_igo &= strlen(pr->srcs[i]) == 3 || rl_code_suffix_in(pr->srcs[i], STATE, 1);
        if (state_leaves_igo)
            rl_event_set_code(d, &pr->e, "160");
        return;
    }
    if (!strcmp(pr->e.code, "190") &&
        rl_codes_all_suffix_in((const char (*)[24])pr->srcs, pr->ns, PEOPLE, sizeof PEOPLE / sizeof *PEOPLE)) {
        rl_event_set_code(d, &pr->e, "180");
        return;
    }
    if (strcmp(pr->e.code, "180"))
        return;
    for (int i = 0; i < pr->nt; i++)
        if (strncmp(pr->tgts[i], "IMG", 3) && /* armed groups coded by IGO-style codes */
            !rl_code_suffix_in(pr->tgts[i], ARMED, sizeof ARMED / sizeof *ARMED))
            return;
    rl_event_set_code(d, &pr->e, "190");
}

/* "Thousands of Israelis rallied in Tel Aviv": people who protest are the
 * opposition (docs/annotation.md), and a protest inside their own country,
 * with only a place as its target, is aimed at its government. */
static void protesters(rl_pred *pr)
{
    if (pr->fin || rl_code_root(pr->e.code) != 14)
        return;
    for (int i = 0; i < pr->ns; i++)
        if (strlen(pr->srcs[i]) == 3 && isupper((unsigned char)pr->srcs[i][0]))
            rl_strlcat(pr->srcs[i], "OPP", 24);
    for (int i = 0; i < pr->nt; i++)
        for (int j = 0; j < pr->ns; j++)
            if (strlen(pr->tgts[i]) == 3 && !strncmp(pr->tgts[i], pr->srcs[j], 3)) {
                rl_strlcat(pr->tgts[i], "GOV", 24);
                break;
            }
}

/* "a student, who spoke with VOA", "met reporters": talking to the press is
 * how a story is reported (docs/annotation.md: the reporting verb is not
 * coded), no consultation between the two. Consult codes (04) whose every
 * target, or every source, is media. */
static int press_contact(const rl_pred *pr)
{
    if (rl_code_root(pr->e.code[0] ? pr->e.code : pr->p->code) != 4)
        return 0;
    static const char *const MEDIA[] = {"MED"};
    return rl_codes_all_suffix_in((const char (*)[24])pr->tgts, pr->nt, MEDIA, 1) ||
           rl_codes_all_suffix_in((const char (*)[24])pr->srcs, pr->ns, MEDIA, 1);
}

/* "Ukraine received U.S. Patriot interceptors", "the first batch of Chinese
 * vaccines arrived in Manila": a country adjective before a noun that names
 * no actor is a thing's origin; a visit or hosting (04) needs people on both
 * sides. */
static int thing_in_contact(const rl_reading *r, const rl_pred *pr)
{
    if (rl_code_root(pr->e.code[0] ? pr->e.code : pr->p->code) != 4 || pr->fin)
        return 0;
    int32_t sides[2] = {pr->src, pr->tgt};
    for (int i = 0; i < 2; i++) {
        if (sides[i] < 0)
            continue;
        const rl_chunk *x = &r->chunk[sides[i]];
        uint32_t k = x->end;
        if (x->person || x->suffix[0] || x->possessive || k >= r->n)
            continue;
        const rl_token *t = &r->tok[k];
        int verb = k >= pr->m->start && k < pr->m->end;
        for (size_t w = 0; w < r->nverb && !verb; w++)
            verb = r->verb[w].start <= k && k < r->verb[w].end;
        for (size_t w = 0; w < r->nmodal && !verb; w++)
            verb = r->modal[w].start <= k && k < r->modal[w].end;
        const char *w = r->text + t->off;
        int inflected = t->len > 4 && (!memcmp(w + t->len - 3, "ing", 3) || !memcmp(w + t->len - 2, "ed", 2));
        if ((t->flags & RL_T_WORD) && r->chunk_of[k] < 0 && !r->wc[k] && !r->skip[k] && t->len > 2 &&
            !(rl_wc(r, k) & RL_W_BE) && !verb && !inflected && !rl_match_starts_verb(r, k))
            return 1;
    }
    return 0;
}

/* "rallied in Tel Aviv to demand that ...", "marched ..., demanding an end
 * to": a demand or appeal made by a protest (a participle or infinitive after
 * a protest verb) is what the protest is for, coded by the protest (14x), no
 * event of its own. */
static int protest_content(const rl_reading *r, const rl_pmatch *x)
{
    const rl_token *t = &r->tok[x->start];
    int participle = t->len > 4 && !memcmp(r->text + t->off + t->len - 3, "ing", 3);
    if (!participle && !(x->start > 0 && rl_match_is_word(r, x->start - 1, "to")))
        return 0;
    for (size_t w = 0; w < r->nverb; w++)
        if (r->verb[w].end <= x->start &&
            rl_code_root(rl_dict_pattern(r->dict, r->verb[w].pat)->code) == 14)
            return 1;
    return 0;
}

static int code_predicate(rl_coder *c, size_t v, int has_if, rl_events *out, size_t first, rl_buf *trace)
{
    rl_reading *r = &c->r;
    rl_pred pr;
    memset(&pr, 0, sizeof pr);
    pr.v = v;
    pr.m = &r->verb[v];
    pr.p = rl_dict_pattern(r->dict, pr.m->pat);
    pr.fin = (pr.p->flags & RL_PF_PETRARCH) != 0;
    pr.noun = (pr.p->flags & RL_PF_NOUN) != 0 || pr.m->nominal;
    pr.e.form = pr.noun ? RL_FORM_NOMINAL : RL_FORM_VERBAL;
    c->vsource[v] = -1;
    c->vfrom[v] = -1;
    c->vdate[v] = RL_NODATE;
    c->vexpr[v][0] = '\0';
    if (!pred_is_event(r, &pr, trace))
        return RL_OK;
    rl_modal_collect(r, v, pr.modal);
    for (int k = RL_M_DEMAND; k <= RL_M_INTENT; k++)
        if (pr.modal[k] >= 0)
            c->mused[pr.modal[k]] = 1;
    if (!assign_roles(c, &pr, trace))
        return RL_OK;
    /* "they were met outside by armed men": a passive meeting is how someone
     * was received, no consultation */
    if (pr.passive && rl_code_root(pr.p->code) == 4)
        return skip(trace, &pr, "a passive meeting ('were met by') is no consultation");
    assign_speaker(c, &pr);
    if (pr.speech >= 0 && protest_content(r, &r->modal[pr.modal[pr.speech]]))
        return skip(trace, &pr, "what a protest demands is coded by the protest");
    if (!actor_codes(c, &pr, trace))
        return RL_OK;
    if (press_contact(&pr))
        return skip(trace, &pr, "talking to the press reports the story (no consultation)");
    if (thing_in_contact(r, &pr))
        return skip(trace, &pr, "a thing named after a country ('U.S. interceptors', 'Chinese vaccines') visits no one");
    pr.e.pattern = pr.m->pat;
    /* whose voice it is matters only to conditions and the future */
    if (has_if || pr.modal[RL_M_FUTURE] >= 0 || pr.modal[RL_M_HYPO] >= 0)
        pr.own_voice = own_voice(c, &pr);
    split_paired_code(&pr);
    rl_modal_decide(r, &pr, has_if);
    /* "warned of strikes by Israel on Iran", "fears of Russia's strike on
     * Kyiv": what a warning or fear is of has not happened */
    if (pr.e.modality == RL_MOD_REALIZED && feared_content(r, pr.m))
        pr.e.modality = RL_MOD_HYPOTHETICAL;
    code_by_actors(r->dict, &pr);
    protesters(&pr);
    rl_modal_reported_speaker(c, &pr);
    rl_claim_decide(c, &pr);
    rl_attach_event_date(c, &pr, trace);
    rl_attach_quantity(r, pr.m, &pr.e);
    rl_place_locate(c, &pr, trace);
    collect_evidence(r, &pr);
    int rc = emit_pairs(r->dict, &pr, out, first);
    if (rc)
        return rc;
    if (pr.e.date != RL_NODATE && pr.e.date_expr[0])
        c->prev = pr.e.date;
    if (trace)
        rl_buf_printf(trace, "event: %s %s -> %s (%s) %s, %s%s%s\n", pr.e.code, pr.srcs[0],
                      pr.nt ? pr.tgts[0] : (pr.ns > 1 ? pr.srcs[1] : "?"), pr.e.name,
                      rl_modality_name(pr.e.modality), pr.e.date_expr[0] ? "dated by \"" : "story date",
                      pr.e.date_expr, pr.e.date_expr[0] ? "\"" : "");
    if (trace && pr.e.claimed_by[0])
        rl_buf_printf(trace, "claim: reported by %s, one side of the dyad\n", pr.e.claimed_by);
    return RL_OK;
}

/* One event per pair from a modal construction x alone (an appeal, demand
 * or threat with no coded content, an allegation): speaker chunk sp,
 * addressee ad, their codes; pairs of one side (sides) or of one code are
 * left out. */
static int push_modal_event(rl_coder *c, const rl_pmatch *x, int32_t sp, int32_t ad, const char (*srcs)[24], int ns,
                            const char (*tgts)[24], int nt, const char *code, int modality, int sides,
                            rl_events *out, size_t first, rl_buf *trace)
{
    rl_reading *r = &c->r;
    rl_event e;
    memset(&e, 0, sizeof e);
    e.pattern = x->pat;
    chunk_text(r, sp, e.source_text, sizeof e.source_text);
    chunk_text(r, ad, e.target_text, sizeof e.target_text);
    rl_event_set_code(r->dict, &e, code);
    e.modality = modality;
    rl_attach_date(c, x, &e, -1, trace);
    size_t el = 0;
    for (uint8_t j = 0; j < x->nevid && el + 40 < sizeof e.evidence; j++)
        el = add_word(e.evidence, sizeof e.evidence, el, (int)r->tok[x->evid[j]].len,
                      r->text + r->tok[x->evid[j]].off);
    int rc;
    for (int a = 0; a < ns; a++)
        for (int b = 0; b < nt; b++)
            if ((sides ? !same_side(srcs[a], tgts[b]) : strcmp(srcs[a], tgts[b]) != 0) &&
                (rc = push_pair(out, first, &e, srcs[a], tgts[b], 0)))
                return rc;
    return RL_OK;
}

/* "X alleges (that) Y ...": X accuses Y (112), Y the subject of the
 * allegation, the first actor after it, as a subject (no preposition). */
static int code_allegation(rl_coder *c, size_t i, rl_events *out, size_t first, rl_buf *trace)
{
    rl_reading *r = &c->r;
    const rl_pmatch *x = &r->modal[i];
    if (rl_modal_in_if(r, x->start))
        return RL_OK;
    int32_t sp = rl_role_subject(c, r->nverb, x->start), ad = -1;
    for (uint32_t k = x->end; k < r->n && k <= x->end + 3 && ad < 0; k++) {
        int32_t ch = r->chunk_of[k];
        if (ch >= 0)
            ad = r->chunk[ch].prep < 0 && !r->chunk[ch].possessive ? (int32_t)r->group[r->chunk[ch].group].first : -2;
        else if (!(rl_wc(r, k) & RL_W_DET))
            break;
    }
    char srcs[MAXCODES][24], tgts[MAXCODES][24];
    int ns = sp >= 0 ? rl_role_codes(c, sp, srcs, NULL) : 0;
    int nt = ad >= 0 ? rl_role_codes(c, ad, tgts, ns ? srcs[0] : NULL) : 0;
    if (!ns || !nt)
        return RL_OK;
    int rc = push_modal_event(c, x, sp, ad, (const char (*)[24])srcs, ns, (const char (*)[24])tgts, nt, "112",
                              RL_MOD_REALIZED, 1, out, first, trace);
    if (!rc && trace)
        rl_buf_printf(trace, "event: 112 %s -> %s (an allegation about it)\n", srcs[0], tgts[0]);
    return rc;
}

/* An appeal, demand or threat whose content names no coded action still is
 * one: "called on China to use its influence" -> 020. */
static int code_bare_modal(rl_coder *c, size_t i, rl_events *out, size_t first, rl_buf *trace)
{
    rl_reading *r = &c->r;
    const rl_pmatch *x = &r->modal[i];
    const rl_pattern *mp = rl_dict_pattern(r->dict, x->pat);
    int cls = mp->modal;
    /* "Washington alleges the insurgent group has not ...": an allegation
     * about an actor is an accusation of it */
    int allege = cls == RL_M_REPORT && (strstr(mp->text, "allege") || strstr(mp->text, "contend"));
    if (allege)
        return code_allegation(c, i, out, first, trace);
    if (c->mused[i] || (cls != RL_M_DEMAND && cls != RL_M_APPEAL && cls != RL_M_THREAT) ||
        rl_modal_in_if(r, x->start) || (cls != RL_M_THREAT && protest_content(r, x)))
        return RL_OK;
    /* "a meeting requested by the United States": a passive appeal names its
     * speaker after "by" and no addressee; no event */
    if (x->end < r->n && (rl_wc(r, x->end) & RL_W_BY))
        return RL_OK;
    int32_t sp = rl_role_subject(c, r->nverb, x->start), ad = rl_role_addressee(r, x);
    char srcs[MAXCODES][24], tgts[MAXCODES][24];
    int ns = sp >= 0 ? rl_role_codes(c, sp, srcs, NULL) : 0;
    int nt = rl_role_codes(c, ad, tgts, ns ? srcs[0] : NULL);
    if (!ns || !nt) {
        if (trace)
            rl_buf_printf(trace, "no event from %s \"%s\": no %s\n", rl_modal_name(cls), mp->text,
                          ns ? "addressee" : "speaker");
        return RL_OK;
    }
    int rc = push_modal_event(c, x, sp, ad, (const char (*)[24])srcs, ns, (const char (*)[24])tgts, nt,
                              cls == RL_M_DEMAND ? "100" : cls == RL_M_APPEAL ? "020" : "130",
                              cls == RL_M_THREAT ? RL_MOD_THREATENED : RL_MOD_DEMANDED, 0, out, first, trace);
    if (!rc && trace)
        rl_buf_printf(trace, "event: %s %s -> %s from the %s alone\n",
                      cls == RL_M_DEMAND ? "100" : cls == RL_M_APPEAL ? "020" : "130", srcs[0], tgts[0],
                      rl_modal_name(cls));
    return rc;
}

/* Remembers actors for pronouns in later sentences: a compound group, else
 * the two sides of the sentence's first event ("Trump met Kim ... The two
 * leaders agreed"), and the last person named. */
/* Adds surname -> code to the story's names (the latest wins). Month and
 * weekday names are never surnames (Theresa May), so dates stay dates. */
static void note_surname(rl_coder *c, const rl_token *t, const char *code, const char *role)
{
    static const char *const CAL[] = {"January", "February", "March", "April", "May", "June", "July",
                                      "August", "September", "October", "November", "December",
                                      "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
                                      "Sunday"};
    if (!(t->flags & RL_T_CAP) || !(t->flags & RL_T_WORD) || t->len < 3 || t->len >= sizeof c->names.v[0].name)
        return;
    const char *w = c->r.text + t->off;
    for (size_t i = 0; i < sizeof CAL / sizeof *CAL; i++)
        if (strlen(CAL[i]) == t->len && !memcmp(CAL[i], w, t->len))
            return;
    for (int k = 0; k < c->names.n; k++)
        if (c->names.v[k].len == t->len && !memcmp(c->names.v[k].name, w, t->len)) {
            rl_strlcpy(c->names.v[k].code, code, sizeof c->names.v[k].code);
            c->names.v[k].role = role;
            return;
        }
    if (c->names.n == RL_MAX_SURNAMES)
        return;
    snprintf(c->names.v[c->names.n].name, sizeof c->names.v[0].name, "%.*s", (int)t->len, w);
    c->names.v[c->names.n].len = (uint32_t)t->len;
    rl_strlcpy(c->names.v[c->names.n].code, code, sizeof c->names.v[0].code);
    c->names.v[c->names.n].role = role;
    c->names.n++;
}

/* "President Jovenel Moise" named in full: later "Moise" alone is him, for
 * the rest of the story. */
static void remember_surname(rl_coder *c, const rl_chunk *x)
{
    const rl_reading *r = &c->r;
    if (!x->code[0] || x->anaphor || c->names.n == RL_MAX_SURNAMES)
        return;
    uint32_t last;
    if (x->person && x->end - x->start >= 2) {
        last = x->end - 1;
    } else if (!x->person && strlen(x->code) > 3 && isupper((unsigned char)x->code[0])) {
        /* "Afghan Interior Ministry spokesman Tariq Arian": a title, then a
         * name of two or three capitalized words no dictionary knows */
        uint32_t k = x->end;
        while (k < r->n && k < x->end + 3 && (r->tok[k].flags & RL_T_CAP) && (r->tok[k].flags & RL_T_WORD) &&
               r->chunk_of[k] < 0 && !r->wc[k])
            k++;
        if (k - x->end < 2)
            return;
        last = k - 1;
    } else {
        return;
    }
    note_surname(c, &r->tok[last], x->code, x->role);
}

/* "Arnel Joseph, the leader of the Village de Dieu gang, ...": a name no
 * dictionary knows (two or three capitalized words) followed by a comma and
 * a description is the person the description codes; "the leader|head|member
 * of <group>" codes as the group. Later "Joseph" and "he" are that person. */
static void remember_appositive_name(rl_coder *c, int32_t ch)
{
    const rl_reading *r = &c->r;
    const rl_chunk *x = &r->chunk[ch];
    if (x->person || x->anaphor || x->group < 0 || r->group[x->group].first != (uint32_t)ch)
        return;
    uint32_t k = x->start;
    if (k > 0 && (rl_wc(r, k - 1) & RL_W_DET))
        k--;
    if (k < 3 || !rl_is_punct(r, k - 1, ','))
        return;
    uint32_t j = k - 1; /* the comma; the name ends before it */
    int words = 0;
    while (j > 0 && words < 4) {
        const rl_token *t = &r->tok[j - 1];
        if (!(t->flags & RL_T_CAP) || !(t->flags & RL_T_WORD) || (t->flags & RL_T_ALLCAP) ||
            r->chunk_of[j - 1] >= 0 || r->wc[j - 1])
            break;
        j--;
        words++;
    }
    if (words < 2 || words > 3 || (j > 0 && (r->tok[j - 1].flags & RL_T_CAP)))
        return;
    char codes[MAXCODES][24];
    if (rl_role_codes(c, ch, codes, NULL) < 1)
        return;
    /* "the leader of the gang": the group after "of", before any comma */
    for (int32_t y = ch + 1; y < (int32_t)r->nchunk && r->chunk[y].start <= x->end + 6; y++) {
        const rl_chunk *g = &r->chunk[y];
        char gc[MAXCODES][24];
        int comma = 0;
        for (uint32_t q = x->end; q < g->start; q++)
            comma |= rl_is_punct(r, q, ',');
        if (comma || x->end >= r->n || !(rl_wc(r, x->end) & RL_W_OF))
            break;
        if (rl_role_codes(c, y, gc, NULL) >= 1 && rl_role_is_org(gc[0]))
            memcpy(codes[0], gc[0], 24);
        break;
    }
    note_surname(c, &r->tok[k - 2], codes[0], NULL);
    rl_strlcpy(c->person, codes[0], sizeof c->person);
}

static void remember_actors(rl_coder *c, const rl_events *out, size_t first)
{
    const rl_reading *r = &c->r;
    int grouped = 0;
    for (size_t g = 0; g < r->ngroup; g++) {
        const rl_group *gr = &r->group[g];
        if (gr->n < 2)
            continue;
        char codes[MAXCODES][24];
        int k = rl_role_codes(c, (int32_t)gr->first, codes, NULL);
        if (k >= 2) {
            memcpy(c->group, codes, sizeof codes);
            c->ngroup = k;
            grouped = 1;
        }
    }
    if (!grouped && out->n > first) {
        cpy24(c->group[0], out->v[first].source);
        cpy24(c->group[1], out->v[first].target);
        c->ngroup = 2;
    }
    for (size_t i = first; i < out->n; i++) {
        int rt = rl_code_root(out->v[i].code);
        if ((rt != 11 && rt != 17) || !out->v[i].target[0])
            continue;
        if (c->ncharge == RL_MAX_CHARGES)
            memmove(c->charge, c->charge + 1, --c->ncharge * sizeof *c->charge);
        cpy24(c->charge[c->ncharge].src, out->v[i].source);
        cpy24(c->charge[c->ncharge].tgt, out->v[i].target);
        c->charge[c->ncharge++].sentence = c->nsent;
    }
    /* "he" in the next sentence is the sentence's subject person ("Zelensky
     * met Macron ... He asked France"): the first person named outside a
     * prepositional phrase, else the last person named */
    int32_t subject_person = -1;
    for (size_t i = 0; i < r->nchunk && subject_person < 0; i++)
        if (r->chunk[i].person && r->chunk[i].code[0] && r->chunk[i].prep < 0 && rl_quote_at(r, r->chunk[i].start) < 0)
            subject_person = (int32_t)i;
    for (size_t i = 0; i < r->nchunk; i++) {
        if (r->chunk[i].person && r->chunk[i].code[0] && subject_person < 0)
            rl_strlcpy(c->person, r->chunk[i].code, sizeof c->person);
        if (r->chunk[i].code[0] && !r->chunk[i].anaphor && rl_role_is_org(r->chunk[i].code))
            rl_strlcpy(c->org, r->chunk[i].code, sizeof c->org);
        if (r->chunk[i].code[0] && !r->chunk[i].anaphor && !strncmp(r->chunk[i].code, "IGO", 3))
            rl_strlcpy(c->igo, r->chunk[i].code, sizeof c->igo);
        remember_surname(c, &r->chunk[i]);
        remember_appositive_name(c, (int32_t)i);
        if (r->chunk[i].code[0] && !r->chunk[i].anaphor)
            count_country(c, r->chunk[i].code, 1);
    }
    if (subject_person >= 0)
        rl_strlcpy(c->person, r->chunk[subject_person].code, sizeof c->person);
}

/* Who spoke last, for the next sentences of the same quote ('"... we will
 * react positively.' after 'Cavusoglu said: "...'): the speaker of the
 * sentence's last quote that has one, and whether a quote is left open. */
static void remember_quote(rl_coder *c)
{
    const rl_reading *r = &c->r;
    c->qrecent = 0;
    for (int i = r->nquote; i-- > 0;) {
        char codes[MAXCODES][24];
        int32_t sp = r->quote[i].speaker;
        if (sp >= 0 && r->chunk[sp].anaphor != RL_CH_FIRST && rl_role_codes(c, sp, codes, NULL) > 0) {
            rl_strlcpy(c->qspeaker, codes[0], sizeof c->qspeaker);
            c->qrecent = 1;
            break;
        }
    }
    c->qcarry = r->quote_open ? c->qcarry + 1 : 0;
}

static const char *const miss_names[RL_MISS_COUNT] = {
    "", "discarded", "no actor", "no verb pattern", "no source or target",
};

const char *rl_miss_name(int miss)
{
    return miss >= 0 && miss < RL_MISS_COUNT ? miss_names[miss] : "";
}

int rl_miss_parse(const char *name)
{
    for (int i = 1; i < RL_MISS_COUNT; i++)
        if (!strcmp(name, miss_names[i]))
            return i;
    return -1;
}

int rl_coder_miss(const rl_coder *c, size_t events_added)
{
    const rl_reading *r = &c->r;
    if (events_added)
        return RL_MISS_NONE;
    if (c->discarded)
        return RL_MISS_DISCARDED;
    int actors = 0;
    for (size_t i = 0; i < r->nchunk && !actors; i++)
        actors = r->chunk[i].code[0] != '\0';
    if (!actors)
        return RL_MISS_NO_ACTOR;
    return r->nverb ? RL_MISS_NO_ROLES : RL_MISS_NO_VERB;
}

int rl_coder_sentence(rl_coder *c, const char *text, rl_token *t, size_t n, rl_events *out,
                      rl_buf *trace)
{
    rl_reading *r = &c->r;
    /* a quote left open goes on in the next sentences (at most three) */
    r->quote_carry = c->qcarry > 0 && c->qcarry <= 3;
    int rc = rl_match_sentence(r, text, t, n, c->story);
    if (rc || (rc = reserve_scratch(c)))
        return rc;
    mark_modals_inside_verbs(c);
    if (trace)
        rl_trace_reading(c, trace);
    c->discarded = sentence_discarded(r, trace);
    if (c->discarded)
        return RL_OK;
    int has_if = rl_modal_sentence_has_if(r);
    size_t first = out->n;
    for (size_t v = 0; v < r->nverb; v++)
        if ((rc = code_predicate(c, v, has_if, out, first, trace)))
            return rc;
    for (size_t i = 0; i < r->nmodal; i++)
        if ((rc = code_bare_modal(c, i, out, first, trace)))
            return rc;
    remember_actors(c, out, first);
    remember_quote(c);
    c->nsent++;
    return RL_OK;
}
