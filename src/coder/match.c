/* match.c: finds actor/agent mentions (longest phrase wins), builds noun-phrase
 * chunks and compound groups, marks clause boundaries, and matches verb and
 * modal patterns with their target/source slots. No events are made here. */
#include "coder/match.h"

#include <ctype.h>
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define GROWV(v, n, c)                                                     \
    do {                                                                   \
        if ((n) == (c)) {                                                  \
            size_t nc_ = (c) ? (c) * 2 : 32;                               \
            void *p_ = realloc((v), nc_ * sizeof *(v));                    \
            if (!p_)                                                       \
                return RL_ENOMEM;                                          \
            (v) = p_;                                                      \
            (c) = nc_;                                                     \
        }                                                                  \
    } while (0)

void rl_reading_init(rl_reading *r, const rl_dict *d)
{
    memset(r, 0, sizeof *r);
    r->dict = d;
}

void rl_reading_release(rl_reading *r)
{
    free(r->wc);
    free(r->skip);
    free(r->present);
    free(r->chunk_of);
    free(r->clause);
    free(r->ment);
    free(r->chunk);
    free(r->group);
    free(r->verb);
    free(r->modal);
    memset(r, 0, sizeof *r);
}

static int word_is(const char *text, const rl_token *t, const char *w)
{
    size_t m = strlen(w);
    return t->len == m && strncasecmp(text + t->off, w, m) == 0;
}

int rl_match_is_word(const rl_reading *r, uint32_t i, const char *w)
{
    return i < r->n && word_is(r->text, &r->tok[i], w);
}


int rl_match_is_locative(const rl_reading *r, int32_t prep)
{
    return (rl_wc(r, prep) & RL_W_LOC) != 0;
}

/* Does pattern item it accept token k? */
static int item_accepts(const rl_reading *r, const rl_item *it, uint32_t k)
{
    const rl_token *t = &r->tok[k];
    if (!t->word)
        return 0;
    if (it->exact == 1 && !(t->flags & RL_T_ALLCAP))
        return 0;
    if (it->exact == 2 && !(t->flags & RL_T_CAP))
        return 0;
    if (it->nalt > RL_ALT_SORTED) {
        /* long alternative lists (synonym sets) are sorted after the first */
        if (it->alt[0] == t->word)
            return 1;
        size_t lo = 1, hi = it->nalt;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (it->alt[mid] < t->word)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo < it->nalt && it->alt[lo] == t->word;
    }
    for (uint16_t a = 0; a < it->nalt; a++)
        if (it->alt[a] == t->word)
            return 1;
    return 0;
}

static void assign_words(rl_reading *r)
{
    const rl_lex *lx = rl_dict_lex(r->dict);
    char tmp[128];
    for (size_t i = 0; i < r->n; i++) {
        rl_token *t = &r->tok[i];
        t->word = 0;
        r->wc[i] = 0;
        if (t->flags & RL_T_NUM)
            continue;
        size_t m = rl_fold(r->text + t->off, t->len, tmp, sizeof tmp);
        if (m)
            t->word = rl_lex_find(lx, tmp, m);
        r->wc[i] = rl_dict_wclass(r->dict, t->word);
    }
}

/* Longest phrase (actor or agent) starting at i; returns its length, 0 none. */
static uint32_t best_phrase(const rl_reading *r, uint32_t i, uint32_t maxlen, uint32_t *pat)
{
    uint32_t nc;
    const rl_cand *cand = rl_dict_starting(r->dict, 0, r->tok[i].word, &nc);
    uint32_t best = 0, nextw = i + 1 < r->n ? r->tok[i + 1].word : 0;
    for (uint32_t c = 0; c < nc; c++) {
        const rl_cand *cd = &cand[c];
        if (i + cd->nitems > r->n || cd->nitems <= best || cd->nitems > maxlen || (cd->next && cd->next != nextw) ||
            (cd->need & ~r->sig))
            continue;
        const rl_pattern *p = rl_dict_pattern(r->dict, cd->pat);
        uint16_t k = 0;
        while (k < p->nitems && item_accepts(r, &p->items[k], i + k))
            k++;
        /* prefer actors over agents for the same span */
        if (k == p->nitems &&
            (k > best || (k == best && p->kind == RL_P_ACTOR))) {
            best = k;
            *pat = cd->pat;
        }
    }
    return best;
}

/* "the towns of Bocaranga and Bazoum": a person's name in a list of places
 * after "town(s)/city/village(s) of" names the place, not the person. */
static int named_settlement(const rl_reading *r, uint32_t i, uint32_t pat)
{
    static const char *const PLACE[] = {"town", "towns", "city", "cities", "village", "villages",
                                        "district", "districts", "province", "region", "county"};
    const rl_pattern *p = rl_dict_pattern(r->dict, pat);
    if (p->kind != RL_P_ACTOR || !rl_dict_actor(r->dict, p->actor)->person)
        return 0;
    uint32_t k = i;
    for (int steps = 0; k > 0 && steps < 6; steps++) {
        const rl_token *t = &r->tok[k - 1];
        if (rl_match_is_word(r, k - 1, "of"))
            break;
        if (!((t->flags & RL_T_CAP) || rl_match_is_word(r, k - 1, "and") || rl_is_punct(r, k - 1, ',')))
            return 0;
        k--;
    }
    if (k < 2 || !rl_match_is_word(r, k - 1, "of"))
        return 0;
    for (size_t q = 0; q < sizeof PLACE / sizeof *PLACE; q++)
        if (rl_match_is_word(r, k - 2, PLACE[q]))
            return 1;
    return 0;
}

static int find_mentions(rl_reading *r)
{
    r->nment = 0;
    for (uint32_t i = 0; i < r->n;) {
        uint32_t pat = 0, len = r->tok[i].word ? best_phrase(r, i, UINT32_MAX, &pat) : 0;
        /* "the West Bank": a phrase as long, starting inside this one and
         * ending past it ("West Bank"), wins over "the =West" + "Bank"; this
         * one keeps what fits before it */
        for (uint32_t j = i + 1; len > 1 && j < i + len; j++) {
            uint32_t pj = 0, lj = r->tok[j].word ? best_phrase(r, j, UINT32_MAX, &pj) : 0;
            if (lj >= len && j + lj > i + len) {
                len = best_phrase(r, i, j - i, &pat);
                break;
            }
        }
        if (len && named_settlement(r, i, pat))
            len = 0;
        if (len) {
            GROWV(r->ment, r->nment, r->cment);
            r->ment[r->nment++] = (rl_mention){i, i + len, pat};
            i += len;
        } else {
            i++;
        }
    }
    return RL_OK;
}


/* A description "the [up to two words] NOUN" with NOUN from noun[]: its
 * length, 0 none. A description of a country ("the country", "the Central
 * African nation", "the oil-rich kingdom"; org 0) has no dictionary mention
 * inside; one of a non-state group ("the group", "the separatist group";
 * org 1) may hold agent words but no capitalised word or actor name ("the
 * Wagner group" names one). "the nation of X", "the group of seven", "the
 * group Hamas" name what they describe. */
static uint32_t description_at(const rl_reading *r, uint32_t i, const char *const *noun, size_t nnoun, int org)
{
    if (!(rl_wc(r, i) & RL_W_THE))
        return 0;
    for (uint32_t k = i + 1; k < r->n && k <= i + 3; k++) {
        for (size_t j = 0; j < nnoun; j++)
            if (rl_match_is_word(r, k, noun[j])) {
                for (size_t q = 0; q < r->nment; q++)
                    if (r->ment[q].start > i && r->ment[q].start <= k &&
                        (!org || rl_dict_pattern(r->dict, r->ment[q].pat)->kind != RL_P_AGENT))
                        return 0;
                /* "the group of 20" names another group; "accused the bloc
                 * of failing" does not */
                int of_ing = k + 2 < r->n && r->tok[k + 2].len > 4 &&
                             !memcmp(r->text + r->tok[k + 2].off + r->tok[k + 2].len - 3, "ing", 3);
                if (((rl_wc(r, k + 1) & RL_W_OF) && !of_ing) ||
                    (org && k + 1 < r->n && (r->tok[k + 1].flags & RL_T_CAP)))
                    return 0;
                return k + 1 - i;
            }
        if (!(r->tok[k].flags & RL_T_WORD) || (org && (r->tok[k].flags & RL_T_CAP)) ||
            (r->wc[k] && !(r->wc[k] & RL_W_STOP)))
            return 0;
    }
    return 0;
}

static uint32_t country_description(const rl_reading *r, uint32_t i)
{
    static const char *const NOUN[] = {"country", "nation", "kingdom", "republic", "emirate"};
    return description_at(r, i, NOUN, sizeof NOUN / sizeof *NOUN, 0);
}

static uint32_t org_description(const rl_reading *r, uint32_t i)
{
    static const char *const NOUN[] = {"group", "organization", "organisation", "movement", "outfit",
                                       "faction"};
    return description_at(r, i, NOUN, sizeof NOUN / sizeof *NOUN, 1);
}

static uint32_t igo_description(const rl_reading *r, uint32_t i)
{
    static const char *const NOUN[] = {"bloc", "body", "alliance"};
    return description_at(r, i, NOUN, sizeof NOUN / sizeof *NOUN, 1);
}

/* "the two leaders", "both sides", "they": plural anaphors; "he", "she": singular */
static uint32_t anaphor_at(const rl_reading *r, uint32_t i, int *kind)
{
    uint32_t w = rl_wc(r, i);
    if (w & RL_W_THEY) { *kind = RL_CH_PLURAL_ANAPHOR; return 1; }
    if (w & RL_W_HESHE) { *kind = RL_CH_PRONOUN; return 1; }
    if (w & RL_W_IT) { *kind = RL_CH_IT; return 1; }
    if (rl_quote_first_person(r, i)) { *kind = RL_CH_FIRST; return 1; }
    uint32_t dl = country_description(r, i);
    if (dl) { *kind = RL_CH_COUNTRY; return dl; }
    uint32_t ol = org_description(r, i);
    if (ol) { *kind = RL_CH_ORG; return ol; }
    uint32_t il = igo_description(r, i);
    if (il) { *kind = RL_CH_IGO; return il; }
    if ((w & RL_W_THE) && (rl_wc(r, i + 1) & RL_W_TWO)) {
        /* "the two leaders", "the three military-led nations": at most two
         * plain modifiers before the head */
        for (uint32_t k = i + 2; k < r->n && k <= i + 4; k++) {
            if (rl_wc(r, k) & RL_W_HEADS) {
                *kind = RL_CH_PLURAL_ANAPHOR;
                return k + 1 - i;
            }
            if (!(r->tok[k].flags & RL_T_WORD) || (r->tok[k].flags & RL_T_CAP) || r->wc[k])
                break;
        }
    }
    if ((w & RL_W_BOTH) && (rl_wc(r, i + 1) & RL_W_HEADS)) {
        *kind = RL_CH_PLURAL_ANAPHOR;
        return 2;
    }
    /* "the trio", "the duo", "the pair" */
    if ((w & RL_W_THE) && (rl_match_is_word(r, i + 1, "trio") || rl_match_is_word(r, i + 1, "duo") ||
                           rl_match_is_word(r, i + 1, "pair"))) {
        *kind = RL_CH_PLURAL_ANAPHOR;
        return 2;
    }
    /* "all sides", "all warring parties" are both sides */
    int all = rl_match_is_word(r, i, "all");
    if (all && (rl_wc(r, i + 1) & RL_W_HEADS)) {
        *kind = RL_CH_PLURAL_ANAPHOR;
        return 2;
    }
    /* "both Afghan rivals", "both warring sides": one modifier between */
    if (((w & RL_W_BOTH) || all) && i + 2 < r->n && (r->tok[i + 1].flags & RL_T_WORD) && !r->wc[i + 1] &&
        (rl_wc(r, i + 2) & RL_W_HEADS)) {
        *kind = RL_CH_PLURAL_ANAPHOR;
        return 3;
    }
    return 0;
}

static int verb_start_word(const rl_reading *r, uint32_t i)
{
    uint32_t nc;
    rl_dict_starting(r->dict, 1, r->tok[i].word, &nc);
    return nc > 0;
}

int rl_match_starts_verb(const rl_reading *r, uint32_t i) { return i < r->n && verb_start_word(r, i); }

/* Is code part of base at a 3-letter boundary ("USAGOV" has GOV)? */
static int has_code(const char *base, const char *code, size_t n)
{
    for (size_t i = 0, l = strlen(base); i + n <= l; i += 3)
        if (!strncmp(base + i, code, n))
            return 1;
    return 0;
}

/* PETRARCH's composition: prefix agents, the actor's code ("---" when the
 * agents name no actor: "---EDU"), then the suffix agents, each 3-letter code
 * once ("Washington officials" stays USAGOV). */
static void stack_agents(rl_chunk *ch, const char *pre, const char *base, const char *post)
{
    char code[24] = "";
    for (size_t i = 0; i + 3 <= strlen(pre); i += 3)
        if (!has_code(base, pre + i, 3))
            strncat(code, pre + i, 3);
    rl_strlcat(code, base[0] ? base : post[0] ? "---" : "", sizeof code);
    for (size_t i = 0; i + 3 <= strlen(post); i += 3)
        if (!has_code(code, post + i, 3) && strlen(code) + 3 < sizeof code)
            strncat(code, post + i, 3);
    rl_strlcpy(ch->code, code, sizeof ch->code);
    rl_strlcpy(ch->stack, post, sizeof ch->stack);
}


/* Whether token k looks like an adjective by its ending: "international",
 * "local", "Islamist"-free lowercase words the dictionaries do not know. */
static int adjective_like(const rl_reading *r, uint32_t k)
{
    static const char *const END[] = {"al", "ic", "ian", "ese", "ous", "ive", "ary", "ist"};
    const rl_token *t = &r->tok[k];
    if (!(t->flags & RL_T_WORD) || (t->flags & RL_T_CAP) || r->wc[k] || t->len < 5)
        return 0;
    const char *w = r->text + t->off;
    for (size_t i = 0; i < sizeof END / sizeof *END; i++) {
        size_t l = strlen(END[i]);
        if (!memcmp(w + t->len - l, END[i], l))
            return 1;
    }
    return 0;
}

/* "international rights groups", "local militias": up to two adjectives
 * before an agent-only chunk belong to it, so lists close over them ("the
 * United States, the UN and international rights groups"). */
static void absorb_adjectives(rl_reading *r, rl_chunk *ch, uint32_t floor)
{
    if (ch->code[0] || !ch->suffix[0] || ch->anaphor)
        return;
    for (int n = 0; n < 2 && ch->start > floor && adjective_like(r, ch->start - 1); n++)
        ch->start--;
}

/* "Turkey's rival Greece", "its ally Israel", "Russia's Putin": a possessive
 * followed by at most two plain words and then an actor with a code of its own
 * names that actor; the possessor only qualifies it. The head chunk, or -1. */
static int32_t appositive_head(const rl_reading *r, size_t c)
{
    uint32_t k = r->chunk[c].end + 1; /* past 's */
    for (int words = 0; k < r->n && r->chunk_of[k] < 0; k++, words++) {
        const rl_token *t = &r->tok[k];
        if (words == 2 || !(t->flags & RL_T_WORD) || (r->wc[k] & (RL_W_STOP | RL_W_PREP | RL_W_DET | RL_W_AND)))
            return -1;
    }
    if (k >= r->n || r->chunk_of[k] < 0)
        return -1;
    int32_t h = r->chunk_of[k];
    if (r->chunk[h].start != k || !r->chunk[h].code[0] || r->chunk[h].possessive)
        return -1;
    return h;
}


/* A person named earlier in the story by full name, now by surname alone
 * ("Moise criticized Washington"): appends a person chunk for token i. */
static int surname_chunk(rl_reading *r, uint32_t i)
{
    const rl_surnames *sn = r->surnames;
    const rl_token *t = &r->tok[i];
    if (!sn || !sn->n || !(t->flags & RL_T_CAP) || !(t->flags & RL_T_WORD) || r->wc[i])
        return 0;
    for (int k = 0; k < sn->n; k++) {
        if (sn->v[k].len != t->len || memcmp(sn->v[k].name, r->text + t->off, t->len))
            continue;
        rl_chunk ch;
        memset(&ch, 0, sizeof ch);
        ch.start = i;
        ch.end = i + 1;
        ch.prep = -1;
        ch.group = -1;
        ch.person = 1;
        ch.country = 1;
        ch.role = sn->v[k].role;
        ch.appos = -1;
        rl_strlcpy(ch.code, sn->v[k].code, sizeof ch.code);
        if (r->nchunk == r->cchunk) {
            size_t nc = r->cchunk ? 2 * r->cchunk : 16;
            rl_chunk *v = realloc(r->chunk, nc * sizeof *v);
            if (!v)
                return 0;
            r->chunk = v;
            r->cchunk = nc;
        }
        r->chunk[r->nchunk++] = ch;
        return 1;
    }
    return 0;
}

/* "GAZA, Oct 9 (Reuters) - ...": an agency credited in parentheses before a
 * dash is a dateline inside the text, never an actor; nor is its place when
 * the credit opens the sentence. */
static void drop_dateline_credit(rl_reading *r)
{
    for (uint32_t k = 1; k + 2 < r->n && k <= 10; k++) {
        const rl_token *d = &r->tok[k + 2];
        if (!rl_is_punct(r, k - 1, '(') || !rl_is_punct(r, k + 1, ')') || !(d->flags & RL_T_PUNCT) ||
            !(r->text[d->off] == '-' || !memcmp(r->text + d->off, "\xE2\x80\x94", 3) ||
              !memcmp(r->text + d->off, "\xE2\x80\x93", 3)))
            continue;
        /* the credit is a news outlet of the actor dictionary (CODEMED:
         * "(Reuters)", "(AFP)"; "(BLA) -" is no dateline) */
        int agency = 0;
        for (size_t q = 0; q < r->nment && !agency; q++) {
            const rl_pattern *mp = rl_dict_pattern(r->dict, r->ment[q].pat);
            const char *code = r->ment[q].start == k && r->ment[q].end == k + 1 && mp->kind == RL_P_ACTOR
                                   ? rl_dict_actor_code(r->dict, mp->actor, r->story, NULL)
                                   : NULL;
            size_t l = code ? strlen(code) : 0;
            agency = l >= 6 && !strcmp(code + l - 3, "MED");
        }
        if (!agency)
            continue;
        for (size_t c = 0; c < r->nchunk && r->chunk[c].start <= k; c++)
            r->chunk[c].code[0] = '\0';
        break;
    }
}

/* Builds chunks from adjacent mentions: country/organisation + agents + person. */
/* "Thousands of Kenyans protested", "dozens of soldiers": the people after a
 * quantity's "of" (token j) are the head of the phrase, not a prepositional
 * phrase; the quantity itself may follow an article or a number ("a few
 * hundred of", "tens of thousands of"). */
static int quantity_of(const rl_reading *r, int32_t j)
{
    static const char *const QUANT[] = {"thousands", "hundreds", "dozens", "tens", "scores", "millions",
                                        "crowds", "hundred", "thousand", "dozen"};
    if (j < 1 || !(rl_wc(r, j) & RL_W_OF))
        return 0;
    for (size_t q = 0; q < sizeof QUANT / sizeof *QUANT; q++)
        if (rl_match_is_word(r, (uint32_t)j - 1, QUANT[q]))
            return 1;
    return 0;
}

/* "Supporters of Imran Khan clashed with police": the supporters of an
 * opposition figure or party act as the opposition; the chunk after "of"
 * (token j) heads the phrase. Supporters of others (a government) stay a
 * prepositional phrase: who they are is not said. */
static int supporters_of(const rl_reading *r, int32_t j, const rl_chunk *ch)
{
    static const char *const WHO[] = {"supporters", "followers", "loyalists", "backers", "members"};
    size_t n = strlen(ch->code);
    if (j < 1 || !(rl_wc(r, j) & RL_W_OF) || n < 6 || strcmp(ch->code + n - 3, "OPP"))
        return 0;
    for (size_t q = 0; q < sizeof WHO / sizeof *WHO; q++)
        if (rl_match_is_word(r, (uint32_t)j - 1, WHO[q]))
            return 1;
    return 0;
}

static int build_chunks(rl_reading *r)
{
    r->nchunk = 0;
    for (size_t i = 0; i < r->n; i++)
        r->chunk_of[i] = -1;
    size_t m = 0;
    uint32_t i = 0;
    while (i < r->n) {
        int kind = 0;
        uint32_t alen = 0;
        if (m < r->nment && r->ment[m].start == i) {
            rl_chunk ch;
            memset(&ch, 0, sizeof ch);
            ch.start = i;
            ch.prep = -1;
            ch.group = -1;
            char country[24] = "", full[24] = "", suffix[4] = "";
            char pre[16] = "", post[16] = ""; /* PETRARCH agents, stacked */
            const char *role = NULL;
            uint32_t end = i;
            while (m < r->nment) {
                uint32_t s = r->ment[m].start;
                if (s != end) {
                    /* allow "'s" or one modifier word between mentions:
                     * "Russia's foreign minister", "Syrian government forces" */
                    int ok = 0;
                    /* "the leaders of Armenia": agent, of, (the), actor; PETRARCH
                     * agents also "in" and "from" ("lawmakers in Fornost") */
                    if (!country[0] && !full[0] && (suffix[0] || pre[0] || post[0]) &&
                        ((rl_wc(r, end) & RL_W_OF) ||
                         (post[0] && (rl_match_is_word(r, end, "in") || rl_match_is_word(r, end, "from")))) &&
                        (s == end + 1 || (s == end + 2 && (rl_wc(r, end + 1) & RL_W_THE))) &&
                        rl_dict_pattern(r->dict, r->ment[m].pat)->kind == RL_P_ACTOR) {
                        ok = 1;
                        ch.lends = post[0] != 0;
                    }
                    if (s == end + 1 && !ok) {
                        const rl_token *g = &r->tok[end];
                        const rl_pattern *np = rl_dict_pattern(r->dict, r->ment[m].pat);
                        if ((rl_wc(r, end) & RL_W_POSS) && (np->kind == RL_P_AGENT ||
                            rl_dict_actor(r->dict, np->actor)->person))
                            ok = 1;
                        else if ((g->flags & RL_T_WORD) && !(g->flags & RL_T_CAP) &&
                                 np->kind == RL_P_AGENT && !(rl_wc(r, end) & RL_W_STOP) &&
                                 !verb_start_word(r, end) && (country[0] || full[0]))
                            ok = 1;
                    }
                    if (!ok)
                        break;
                }
                const rl_pattern *p = rl_dict_pattern(r->dict, r->ment[m].pat);
                if (p->kind == RL_P_AGENT && (p->flags & RL_PF_STACK)) {
                    char *to = (p->flags & RL_PF_PREFIX) ? pre : post;
                    if (!strstr(to, p->code))
                        rl_strlcat(to, p->code, sizeof pre);
                } else if (p->kind == RL_P_AGENT) {
                    rl_strlcpy(suffix, p->code, sizeof suffix);
                } else {
                    const char *rrole = NULL;
                    const char *code = rl_dict_actor_code(r->dict, p->actor, r->story, &rrole);
                    const rl_actor *a = rl_dict_actor(r->dict, p->actor);
                    if (a->person) {
                        ch.person = 1;
                        role = rrole;
                        rl_strlcpy(full, code, sizeof full);
                    } else if (strlen(code) == 3 && !full[0]) {
                        if (!country[0])
                            rl_strlcpy(country, code, sizeof country);
                    } else if (!full[0]) {
                        rl_strlcpy(full, code, sizeof full);
                    }
                }
                end = r->ment[m].end;
                m++;
                /* absorb "(NATO)" after a name */
                if (end + 2 < r->n && r->text[r->tok[end].off] == '(' && m < r->nment &&
                    r->ment[m].start == end + 1 && r->ment[m].end < r->n &&
                    r->text[r->tok[r->ment[m].end].off] == ')') {
                    end = r->ment[m].end + 1;
                    m++;
                }
            }
            if (pre[0] || post[0])
                stack_agents(&ch, pre, full[0] ? full : country, post);
            else if (full[0])
                rl_strlcpy(ch.code, full, sizeof ch.code);
            else if (country[0])
                rl_strlcat(rl_strlcpy(ch.code, country, sizeof ch.code), suffix, sizeof ch.code);
            /* "former President X", "ex-minister Y": a former office-holder
             * is the bare country, as CAMEO codes him */
            if (ch.code[0] && strlen(ch.code) > 3 && strncmp(ch.code, "IGO", 3) &&
                strncmp(ch.code, "NGO", 3) && strncmp(ch.code, "MNC", 3) && ch.start > 0 &&
                (rl_match_is_word(r, ch.start - 1, "former") ||
                 (ch.start > 1 && rl_is_punct(r, ch.start - 1, '-') && rl_match_is_word(r, ch.start - 2, "ex"))))
                ch.code[3] = '\0';
            ch.country = ch.code[0] != 0;
            rl_strlcpy(ch.suffix, suffix, sizeof ch.suffix);
            ch.role = role;
            ch.end = end;
            i = end;
            GROWV(r->chunk, r->nchunk, r->cchunk);
            r->chunk[r->nchunk++] = ch;
        } else if (surname_chunk(r, i)) {
            i++;
        } else if ((alen = anaphor_at(r, i, &kind))) {
            rl_chunk ch;
            memset(&ch, 0, sizeof ch);
            ch.start = i;
            ch.end = i + alen;
            ch.anaphor = (int8_t)kind;
            ch.prep = -1;
            ch.group = -1;
            GROWV(r->chunk, r->nchunk, r->cchunk);
            r->chunk[r->nchunk++] = ch;
            i += alen;
            /* agent words inside the description ("the militant group") */
            while (m < r->nment && r->ment[m].start < i)
                m++;
        } else {
            i++;
        }
    }
    /* prepositions, possessives, hyphen modifiers */
    for (size_t c = 0; c < r->nchunk; c++)
        absorb_adjectives(r, &r->chunk[c], c ? r->chunk[c - 1].end : 0);
    for (size_t c = 0; c < r->nchunk; c++) {
        rl_chunk *ch = &r->chunk[c];
        for (uint32_t k = ch->start; k < ch->end; k++)
            r->chunk_of[k] = (int32_t)c;
        int32_t j = (int32_t)ch->start - 1;
        int skipped = 0;
        while (j >= 0 && skipped < 3 && (rl_wc(r, j) & RL_W_DET) && !(rl_wc(r, j) & RL_W_OF)) {
            j--;
            skipped++;
        }
        /* "after Israel struck": after/before/since/until open a clause whose
         * subject follows; they are no preposition for the actor */
        if ((rl_wc(r, j) & RL_W_PREP) && !(rl_wc(r, j) & RL_W_BOUND) && !quantity_of(r, j) &&
            !supporters_of(r, j, ch))
            ch->prep = j;
        if (rl_wc(r, ch->end) & RL_W_POSS)
            ch->possessive = 1;
        if ((ch->end < r->n && (r->tok[ch->end].flags & RL_T_HYPH)) ||
            (r->tok[ch->start].flags & RL_T_HYPH))
            ch->hyphen = 1;
    }
    for (size_t c = 0; c < r->nchunk; c++)
        r->chunk[c].appos = r->chunk[c].possessive ? appositive_head(r, c) : -1;
    return RL_OK;
}

/* Joins chunks separated only by ",", "and", "the" (at most 3 tokens) into groups,
 * and lends a trailing agent to bare countries: "Russian and US officials". */
static int build_groups(rl_reading *r)
{
    r->ngroup = 0;
    for (size_t c = 0; c < r->nchunk;) {
        size_t e = c + 1, last_and = c + 1;
        while (e < r->nchunk) {
            uint32_t a = r->chunk[e - 1].end, b = r->chunk[e].start;
            if (b - a == 0 || b - a > 6 || r->chunk[e].anaphor || r->chunk[e - 1].anaphor)
                break;
            int ok = 1, conj = 0, and = 0, comma = 0, members = 0;
            for (uint32_t k = a; k < b; k++) {
                uint32_t w = rl_wc(r, k);
                if (w & RL_W_AND)
                    conj = and = 1;
                else if (rl_is_punct(r, k, ','))
                    conj = comma = 1;
                else if (w & RL_W_MEMBERS)
                    members = 1;
                else if (!(w & RL_W_LISTFILL))
                    ok = 0;
            }
            /* "of" and "other" only in "and other members of" */
            for (uint32_t k = a; k < b && !members; k++)
                if (rl_wc(r, k) & RL_W_OTHER)
                    ok = 0;
            /* ", and" after a single actor joins clauses, not a list:
             * "strikes on Pakistan, and Pakistan said ..." */
            if (!ok || !conj || (comma && and && e == c + 1))
                break;
            e++;
            if (and)
                last_and = e;
        }
        /* a list joined by commas must close with "and": "A, B and C" */
        e = last_and;
        GROWV(r->group, r->ngroup, r->cgroup);
        r->group[r->ngroup] = (rl_group){(uint32_t)c, (uint32_t)(e - c)};
        rl_chunk *last = &r->chunk[e - 1];
        for (size_t k = c; k < e; k++) {
            r->chunk[k].group = (int32_t)r->ngroup;
            rl_chunk *ch = &r->chunk[k];
            /* "the ambassadors of A, B and C": PETRARCH agents go to all */
            if (k > c && r->chunk[c].lends && !ch->stack[0] && ch->code[0] && ch->code[0] != '-')
                stack_agents(ch, "", ch->code, r->chunk[c].stack);
            /* not across "... and international rights groups": the
             * adjective is the last member's own */
            if (k + 1 < e && last->suffix[0] && !ch->suffix[0] && !ch->person &&
                strlen(ch->code) == 3 && !adjective_like(r, last->start)) {
                rl_strlcpy(ch->suffix, last->suffix, sizeof ch->suffix);
                strncat(ch->code, last->suffix, sizeof ch->code - strlen(ch->code) - 1);
            }
            /* a group's members share the first member's preposition */
            if (k > c)
                ch->prep = r->chunk[c].prep;
        }
        r->ngroup++;
        c = e;
    }
    return RL_OK;
}

/* Clause numbers: a new clause starts at ; : and at subordinators (when, if,
 * which ...); a subordinate clause ends at the next comma ("If Russia
 * intervenes, the West will ..."). A relative clause set off by commas after an
 * actor ("Lavrov, who met Blinken last week, on Thursday accused NATO") is
 * embedded: the words after its closing comma go on in the clause before it, so
 * the main verb still finds its subject. */
static void mark_clauses(rl_reading *r)
{
    uint16_t cl = 0, next = 1;
    int pending = 0;
    int32_t resume = -1; /* clause to go back to after an embedded relative */
    for (size_t i = 0; i < r->n; i++) {
        const rl_token *t = &r->tok[i];
        if ((t->flags & RL_T_PUNCT) && (r->text[t->off] == ';' || r->text[t->off] == ':')) {
            cl = next++;
            pending = 0;
            resume = -1;
        } else if ((r->wc[i] & RL_W_BOUND) && r->chunk_of[i] < 0) {
            /* ... and a parenthetical after an auxiliary: "has not, despite
             * repeated requests, agreed to" */
            int embedded = i >= 2 && rl_is_punct(r, (uint32_t)i - 1, ',') && !pending &&
                           (((r->wc[i] & RL_W_WHO) && r->chunk_of[i - 2] >= 0) ||
                            ((r->wc[i - 2] & RL_W_ADV) && r->chunk_of[i - 2] < 0));
            resume = embedded ? cl : -1;
            cl = next++;
            pending = 1;
        } else if (pending && (t->flags & RL_T_PUNCT) && r->text[t->off] == ',') {
            r->clause[i] = cl;
            cl = resume >= 0 ? (uint16_t)resume : next++;
            pending = 0;
            resume = -1;
            continue;
        }
        r->clause[i] = cl;
    }
}

/* ---- pattern matching with slots ---- */

static int is_hard_punct(const rl_reading *r, uint32_t k)
{
    const rl_token *t = &r->tok[k];
    if (!(t->flags & RL_T_PUNCT))
        return 0;
    char c = r->text[t->off];
    return c == ';' || c == ':' || c == '.' || c == '!' || c == '?' || c == '(' || c == ')';
}

/* A slot: skip up to 3 determiner/adjective words, then a chunk must start. */
static int32_t slot_chunk(const rl_reading *r, uint32_t k, uint32_t *after)
{
    uint32_t skipped = 0;
    while (k < r->n && r->chunk_of[k] < 0 && skipped < 3) {
        const rl_token *t = &r->tok[k];
        if (!(t->flags & (RL_T_WORD | RL_T_NUM)) || is_hard_punct(r, k))
            return -1;
        if (!(r->wc[k] & RL_W_DET) && ((t->flags & RL_T_CAP) || (r->wc[k] & RL_W_STOP) ||
                                        verb_start_word(r, k)))
            return -1;
        k++;
        skipped++;
    }
    if (k >= r->n || r->chunk_of[k] < 0 || r->chunk[r->chunk_of[k]].start != k)
        return -1;
    int32_t c = r->chunk_of[k];
    if (r->chunk[c].appos >= 0)
        c = r->chunk[c].appos;
    /* the slot takes the whole group */
    const rl_group *g = &r->group[r->chunk[c].group];
    *after = r->chunk[g->first + g->n - 1].end;
    return c;
}

/* Is chunk c a place or destination phrase ("in Zurich", "to Syria"), not an
 * addressee ("called on Russia", "urged Sudan")? */
static int place_phrase(const rl_reading *r, int32_t c)
{
    const rl_chunk *ch = &r->chunk[c];
    if (ch->prep < 0 || ch->possessive)
        return 0;
    return rl_match_is_locative(r, ch->prep) || rl_match_is_word(r, (uint32_t)ch->prep, "to");
}

/* Is the "to" at token k the infinitive of an object ("urged Sudan to
 * accept"): an actor, not in a prepositional phrase, stands before it (dates
 * between are read through)? */
static int controlled_infinitive(const rl_reading *r, uint32_t k)
{
    while (k > 0 && r->skip[k - 1])
        k--;
    if (k == 0 || r->chunk_of[k - 1] < 0)
        return 0;
    return !place_phrase(r, r->chunk_of[k - 1]);
}

typedef struct mstate {
    rl_pmatch m;
    uint32_t k;
} mstate;

static int match_items(const rl_reading *r, const rl_pattern *p, uint16_t it, uint32_t k,
                       rl_pmatch *m, int allow_partial)
{
    if (it == p->nitems) {
        m->end = k;
        return 1;
    }
    const rl_item *item = &p->items[it];
    /* a date phrase inside a pattern is read through: "threatened on Monday to";
     * a PETRARCH pattern may name it first ("to celebrate May Day") */
    if (it > 0 && item->type == RL_I_WORD && (p->flags & RL_PF_PETRARCH) && k < r->n && r->skip[k] &&
        item_accepts(r, item, k)) {
        if (m->nevid < RL_MAX_EVID)
            m->evid[m->nevid++] = k;
        if (match_items(r, p, (uint16_t)(it + 1), k + 1, m, allow_partial))
            return 1;
        m->nevid--;
    }
    if (it > 0 && item->type != RL_I_TARGET && item->type != RL_I_SOURCE && item->type != RL_I_SKIP &&
        !(item->type == RL_I_GAP && (p->flags & RL_PF_PETRARCH)))
        while (k < r->n && r->skip[k])
            k++;
    switch (item->type) {
    case RL_I_WORD:
        /* the first word never sits inside an actor; later ones may
         * ("withdraw * troops" with "troops" an agent) */
        if (k < r->n && item_accepts(r, item, k) && (it > 0 || r->chunk_of[k] < 0)) {
            if (m->nevid < RL_MAX_EVID)
                m->evid[m->nevid++] = k;
            if (match_items(r, p, (uint16_t)(it + 1), k + 1, m, allow_partial))
                return 1;
            m->nevid--;
        }
        return 0;
    case RL_I_GAP:
        for (uint32_t g = 0; g <= 6 && k + g < r->n; g++) {
            /* a gap stays inside one clause: no punctuation, no "that", no
             * clause opener (PETRARCH's open connectors cross all but the
             * hard punctuation) */
            if (g > 0 && (is_hard_punct(r, k + g - 1) ||
                          (!(p->flags & RL_PF_PETRARCH) && (rl_is_punct(r, k + g - 1, ',') ||
                                                            (r->wc[k + g - 1] & (RL_W_THAT | RL_W_BOUND))))))
                break;
            /* nor a purpose infinitive after a place: "sent troops to Syria
             * to help" is no "send * help" (docs/annotation.md); "urged Sudan
             * to accept a ceasefire" still is "urge * ceasefire" */
            if (g > 0 && !(p->flags & RL_PF_PETRARCH) && rl_match_is_word(r, k + g - 1, "to") &&
                k + g < r->n && verb_start_word(r, k + g) && r->chunk_of[k + g] < 0 &&
                !controlled_infinitive(r, k + g - 1))
                break;
            /* "send more troops to help Russia": a word right after "to" is
             * a verb, not the pattern's noun ("send * help") */
            if (g > 0 && !(p->flags & RL_PF_PETRARCH) && rl_match_is_word(r, k + g - 1, "to") &&
                it + 1 < p->nitems && p->items[it + 1].type == RL_I_WORD)
                continue;
            uint8_t ne = m->nevid;
            if (match_items(r, p, (uint16_t)(it + 1), k + g, m, allow_partial))
                return 1;
            m->nevid = ne;
        }
        return 0;
    case RL_I_TARGET:
    case RL_I_SOURCE:
    case RL_I_SKIP: {
        uint32_t after = k;
        int32_t c = slot_chunk(r, k, &after);
        if (c < 0) {
            /* without its final slot a pattern still matches */
            if (allow_partial && it + 1 == p->nitems) {
                m->partial = 1;
                m->end = k;
                return 1;
            }
            return 0;
        }
        if (item->type == RL_I_TARGET)
            m->target = c;
        else if (item->type == RL_I_SOURCE)
            m->source = c;
        if (match_items(r, p, (uint16_t)(it + 1), after, m, allow_partial))
            return 1;
        if (item->type == RL_I_TARGET)
            m->target = -1;
        else if (item->type == RL_I_SOURCE)
            m->source = -1;
        return 0;
    }
    }
    return 0;
}

static int purpose_ok(const rl_reading *r, uint32_t i)
{
    const rl_token *t = &r->tok[i];
    if (rl_match_is_word(r, i - 1, "to")) {
        /* a modal construction ending in "to" ("agreed to", "threatened to")
         * or "in order to"/"so as to" (purpose) */
        for (size_t k = 0; k < r->nmodal; k++)
            if (r->modal[k].end == i)
                return 1;
        /* "prompting Israel to launch", "called on Ethiopia on Monday to
         * hold": the actor before "to" (dates read through) is its subject;
         * not a place ("will meet in Zurich to discuss": a purpose) */
        return controlled_infinitive(r, i - 1);
    }
    if (t->len > 4 && !memcmp(r->text + t->off + t->len - 3, "ing", 3)) {
        const rl_token *p = &r->tok[i - 1];
        const char *pw = r->text + p->off;
        int past = p->len > 3 && pw[p->len - 2] == 'e' && pw[p->len - 1] == 'd';
        if ((p->flags & RL_T_WORD) && !(p->flags & RL_T_CAP) && r->chunk_of[i - 1] < 0 &&
            !r->wc[i - 1] && !r->skip[i - 1] && !past)
            return 0;
    }
    return 1;
}

/* "charged him with terrorizing residents", "indicted on charges of": a
 * gerund after "with" that follows a charging word names the charge, not an
 * act of its own. */
static int charged_with(const rl_reading *r, uint32_t i)
{
    static const char *const CHARGE[] = {"charged", "charge", "charges", "charging", "indicted", "convicted",
                                         "accused", "suspected", "sentenced", "tried", "arrested", "jailed"};
    if (i < 2 || !rl_match_is_word(r, i - 1, "with"))
        return 0;
    for (uint32_t k = i - 2; k + 5 >= i && k < i; k--) {
        for (size_t j = 0; j < sizeof CHARGE / sizeof *CHARGE; j++)
            if (rl_match_is_word(r, k, CHARGE[j]))
                return 1;
        if (k == 0)
            break;
    }
    return 0;
}

/* Is token i an -ed form standing between a determiner or number and the
 * noun phrase it describes ("the two exiled dissidents")? */
static int participle_before_noun(const rl_reading *r, uint32_t i)
{
    const rl_token *t = &r->tok[i];
    if (i == 0 || i + 1 >= r->n || t->len < 5 || (t->flags & RL_T_CAP) ||
        memcmp(r->text + t->off + t->len - 2, "ed", 2))
        return 0;
    int32_t c = r->chunk_of[i + 1];
    if (c < 0 || r->chunk[c].start != i + 1)
        return 0;
    const rl_token *p = &r->tok[i - 1];
    /* articles and numbers only: "have both designated", "had all signed";
     * or right after another verb: "to expel exiled leaders" */
    return ((r->wc[i - 1] & (RL_W_ART | RL_W_TWO)) && !(r->wc[i - 1] & (RL_W_POSS | RL_W_BOTH))) ||
           (p->flags & RL_T_NUM) ||
           (!r->wc[i - 1] && (p->flags & RL_T_WORD) && !(p->flags & RL_T_CAP) && r->chunk_of[i - 1] < 0 &&
            verb_start_word(r, i - 1) && rl_match_is_word(r, i - 2, "to"));
}

static int bare_verb_context(const rl_reading *r, uint32_t i, const rl_item *lemma)
{
    const rl_token *t = &r->tok[i];
    const char *w = r->text + t->off;
    /* past forms and participles are verbs: only the lemma and its -s form
     * are ambiguous with nouns */
    int base = t->word == lemma->alt[0];
    int s_form = t->len > 1 && (w[t->len - 1] == 's' || w[t->len - 1] == 'S') && !base;
    if (!base && !s_form)
        return 1;
    if (s_form) {
        /* is it the lemma + s/es? */
        const char *lw = rl_lex_str(rl_dict_lex(r->dict), lemma->alt[0]);
        size_t ll = strlen(lw);
        if (!(t->len == ll + 1 || (t->len == ll + 2 && (w[ll] == 'e' || w[ll] == 'i'))))
            return 1;
    }
    if (i == 0)
        return 1; /* imperative or headline */
    uint32_t p = i - 1;
    /* "the European Union (EU) agrees": the name before a parenthesis */
    if (rl_is_punct(r, p, ')'))
        for (uint32_t k = p; k > 0 && k + 4 > p; k--)
            if (rl_is_punct(r, k, '(')) {
                if (r->chunk_of[k - 1] >= 0)
                    p = k - 1;
                break;
            }
    if (r->chunk_of[p] >= 0) {
        /* "the Russian attack", "drone attacks", "military aid": an actor used
         * as a modifier after an article, or an agent noun, makes a compound noun */
        const rl_chunk *ch = &r->chunk[r->chunk_of[p]];
        /* but "The Kremlin denies": a name (not a demonym like Russian,
         * Chinese, British, Israeli) before an -s form is a subject */
        const rl_token *lt = &r->tok[ch->end - 1];
        const char *lw = r->text + lt->off;
        size_t ll = lt->len;
        int demonym = (ll > 2 && !strncmp(lw + ll - 2, "an", 2)) ||
                      (ll > 3 && !strncmp(lw + ll - 3, "ese", 3)) ||
                      (ll > 3 && !strncmp(lw + ll - 3, "ish", 3)) ||
                      (ll > 2 && lw[ll - 1] == 'i') || (ll > 2 && !strncmp(lw + ll - 2, "ch", 2));
        /* an actor right after makes it a verb with its object: "The United
         * States put Iran on notice" (past = base), not "the EU ban on" */
        int object_next = i + 1 < r->n && r->chunk_of[i + 1] >= 0 &&
                          r->chunk[r->chunk_of[i + 1]].start == i + 1 && r->chunk[r->chunk_of[i + 1]].code[0];
        if (ch->start > 0 && (r->wc[ch->start - 1] & RL_W_ART) &&
            !(ch->group >= 0 && r->group[ch->group].n >= 2) && (base || demonym) && !(object_next && !demonym))
            return 0;
        /* an agent without a country ("the separatist group", "drone") makes
         * a compound noun, unless an actor follows as the object: "the
         * separatist group accuses Pakistan of" */
        if (!ch->code[0] && !ch->anaphor)
            return s_form && object_next;
        return 1;
    }
    if (r->wc[p] & (RL_W_ADV | RL_W_WHO | RL_W_THAT | RL_W_AND))
        return 1;
    if (rl_match_is_word(r, p, "to") || rl_match_is_word(r, p, "and") || rl_is_punct(r, p, ','))
        return 1;
    /* an adverb in -ly: "will undoubtedly impose" */
    const rl_token *pt = &r->tok[p];
    if ((pt->flags & RL_T_WORD) && pt->len > 3 && r->text[pt->off + pt->len - 2] == 'l' &&
        r->text[pt->off + pt->len - 1] == 'y')
        return 1;
    return 0;
}

/* Sets m->head to the token of the pattern's '@' item; 0 if that token
 * reads as a noun (after an article or possessive, or a bare form out of a
 * verbal context), as the first word of any verb pattern is checked. */
static int head_is_verb(const rl_reading *r, const rl_pattern *p, rl_pmatch *m)
{
    if (p->head > m->nevid)
        return 1;
    m->head = m->evid[p->head - 1];
    const rl_item *it = NULL;
    for (uint16_t i = 0, w = 0; i < p->nitems && !it; i++)
        if (p->items[i].type == RL_I_WORD && ++w == p->head)
            it = &p->items[i];
    if (p->kind != RL_P_VERB || (p->flags & RL_PF_NOUN) || m->head == m->start || !it)
        return 1;
    if (r->wc[m->head - 1] & (RL_W_ART | RL_W_POSS))
        return 0;
    /* "an anti- Gondor parade" is a noun phrase; "Eriador's death toll has
     * risen" a clause: after an article or possessive, only a head that
     * follows an auxiliary is a verb */
    if (m->start > 0 && (r->wc[m->start - 1] & (RL_W_ART | RL_W_POSS)) && !(r->wc[m->head - 1] & RL_W_ADV))
        return 0;
    /* the pattern's own words before the head make it a verb: "did n't ever @clash" */
    for (uint8_t j = 0; j < m->nevid; j++)
        if (m->evid[j] + 1 == m->head)
            return 1;
    return it->nalt <= 1 || bare_verb_context(r, m->head, it);
}

/* A pattern written "+ ...", "$ ..." or "% ..." needs an actor before token
 * i in its clause (its subject, within six words, not inside a prepositional
 * phrase); "%" needs a compound there. */
static int subject_ok(const rl_reading *r, const rl_pattern *p, uint32_t i)
{
    /* "A and B met in the capital, Bangui, and signed": a verb after ", and"
     * shares the compound subject of the verb before it */
    if ((p->flags & RL_PF_SUBJ_GROUP) && i >= 2 && rl_match_is_word(r, i - 1, "and") && rl_is_punct(r, i - 2, ','))
        for (size_t w = r->nverb; w-- > 0;)
            if (r->verb[w].head < i)
                return subject_ok(r, p, r->verb[w].head);
    for (int32_t k = (int32_t)i - 1, steps = 0; k >= 0 && steps < 6; k--, steps++) {
        if (r->clause[k] != r->clause[i] || rl_is_punct(r, k, ','))
            return 0;
        int32_t c = r->chunk_of[k];
        if (c < 0)
            continue;
        const rl_chunk *ch = &r->chunk[c];
        if (ch->prep >= 0 && !ch->possessive) {
            k = (int32_t)ch->start;
            continue;
        }
        /* a compound, or "the two presidents", "both sides" (its members
         * come from the story) */
        if (p->flags & RL_PF_SUBJ_GROUP)
            return (ch->group >= 0 && r->group[ch->group].n >= 2) || ch->anaphor == RL_CH_PLURAL_ANAPHOR;
        return 1;
    }
    return 0;
}

/* Can pattern p match at all: does every later word item with few
 * alternatives name a word of the sentence? (Most candidates fail here.) */
static int words_present(const rl_reading *r, const rl_pattern *p)
{
    for (uint16_t k = 1; k < p->nitems; k++) {
        const rl_item *it = &p->items[k];
        if (it->type != RL_I_WORD || it->nalt > 4)
            continue;
        int any = 0;
        for (uint16_t a = 0; a < it->nalt && !any; a++)
            any = it->alt[a] < r->npresent && r->present[it->alt[a]];
        if (!any)
            return 0;
    }
    return 1;
}

/* score: full matches beat partial ones, then longer spans */
static long match_score(const rl_pmatch *m)
{
    return (m->partial ? 0 : 1000) + (long)(m->end - m->start) * 2 + m->nevid;
}

/* Token i after an article ("the request") or after an adjective that
 * follows one or "despite" ("despite repeated requests"). */
static int noun_after_modifier(const rl_reading *r, uint32_t i)
{
    if ((r->wc[i - 1] & RL_W_ART) && !(r->wc[i - 1] & RL_W_THAT))
        return 1;
    if (rl_match_is_word(r, i - 1, "despite"))
        return 1;
    const rl_token *a = &r->tok[i - 1];
    return i >= 2 && (a->flags & RL_T_WORD) && !(a->flags & RL_T_CAP) && !r->wc[i - 1] &&
           r->chunk_of[i - 1] < 0 && ((r->wc[i - 2] & RL_W_ART) || rl_match_is_word(r, i - 2, "despite"));
}

/* "aimed at raising revenue, protecting U.S. jobs and pressuring ...": a
 * gerund after a comma or "and" that continues a list opened by "at" +
 * gerund in the same clause. */
static int purpose_list(const rl_reading *r, uint32_t i)
{
    if (i < 3 || !(rl_is_punct(r, i - 1, ',') || (rl_wc(r, i - 1) & RL_W_AND)))
        return 0;
    for (uint32_t k = i - 1; k-- > 0 && k + 14 > i && r->clause[k] == r->clause[i];) {
        if ((r->tok[k].flags & RL_T_PUNCT) && !rl_is_punct(r, k, ','))
            return 0;
        const rl_token *t = &r->tok[k + 1];
        if (rl_match_is_word(r, k, "at") && t->len > 4 && !memcmp(r->text + t->off + t->len - 3, "ing", 3))
            return 1;
    }
    return 0;
}

/* "the sanctions that the EU imposed on Russia": a pattern "~verb * noun
 * prep +" whose noun heads an object relative before the verb's subject
 * ("that"/"which" between, or none). Matches the rest after the verb into
 * m; 0 when it does not apply. */
static int fronted_object(const rl_reading *r, const rl_pattern *p, uint32_t i, rl_pmatch *m)
{
    if (p->nitems < 4 || p->items[1].type != RL_I_GAP || p->items[2].type != RL_I_WORD || i < 3 ||
        r->chunk_of[i - 1] < 0)
        return 0;
    const rl_chunk *s = &r->chunk[r->chunk_of[i - 1]];
    if (s->prep >= 0 || s->start < 2)
        return 0;
    uint32_t j = s->start - 1;
    if (rl_wc(r, j) & RL_W_THE)
        j--;
    if ((rl_wc(r, j) & (RL_W_THAT | RL_W_WHO)) && j > 0)
        j--;
    if (r->chunk_of[j] >= 0 || !item_accepts(r, &p->items[2], j))
        return 0;
    m->nevid = 0;
    m->evid[m->nevid++] = i;
    m->evid[m->nevid++] = j;
    m->fronted = 1;
    return match_items(r, p, 3, i + 1, m, 1);
}

static int match_patterns(rl_reading *r)
{
    r->nverb = r->nmodal = 0;
    uint32_t verb_until = 0;
    for (uint32_t i = 0; i < r->n; i++) {
        /* "counter-attack": the second part of a compound starts no pattern */
        if (!r->tok[i].word || r->chunk_of[i] >= 0 || (r->tok[i].flags & RL_T_HYPH))
            continue;
        uint32_t nc;
        const rl_cand *cand = rl_dict_starting(r->dict, 1, r->tok[i].word, &nc);
        rl_pmatch bestv, bestm;
        long sv = -1, sm = -1;
        uint32_t memo_lemma = 0;
        int memo_verb = 0, purpose = -1;
        int ing = r->tok[i].len > 4 && !memcmp(r->text + r->tok[i].off + r->tok[i].len - 3, "ing", 3);
        int adjective_participle = participle_before_noun(r, i);
        int charge_content = ing && charged_with(r, i);
        /* "aimed at boosting cooperation", "efforts at improving ties": a
         * gerund after "at" is a purpose, no act */
        int aimed_at = ing && i > 0 &&
                       (rl_match_is_word(r, i - 1, "at") || rl_match_is_word(r, i - 1, "against") || purpose_list(r, i));
        for (uint32_t c = 0; c < nc; c++) {
            const rl_cand *cd = &cand[c];
            /* a later one-word item absent from the sentence: no match */
            if (cd->need & ~r->sig)
                continue;
            /* a verb pattern after a determiner or possessive is a noun use
             * ("the attack", "Russia's attack on Kyiv"): it is a nominal event
             * only with its target slot filled, its source found later from
             * the possessive or a "by" phrase (code.c) */
            /* (for a pattern whose '@' head comes later, head_is_verb checks the head) */
            int lead = cd->head <= 1;
            int verb = lead && cd->kind == RL_P_VERB;
            int noun_use = verb && !(cd->flags & (RL_PF_NOUN | RL_PF_PETRARCH)) && i > 0 &&
                           (r->wc[i - 1] & RL_W_POSS);
            if (verb && !(cd->flags & RL_PF_NOUN) && i > 0 && (r->wc[i - 1] & (RL_W_ART | RL_W_POSS)) &&
                !noun_use)
                continue;
            /* "despite repeated requests from the IAEA", "the demand": an
             * appeal or demand word after an article or an adjective is a
             * noun, no speech act of the sentence's subject */
            if (cd->kind == RL_P_MODAL && lead && i > 0 && noun_after_modifier(r, i) &&
                (rl_dict_pattern(r->dict, cd->pat)->modal == RL_M_APPEAL ||
                 rl_dict_pattern(r->dict, cd->pat)->modal == RL_M_DEMAND))
                continue;
            /* "accused X of committing genocide": a gerund after of/for/by is
             * the content of another event, not one of its own */
            if (verb && i > 0 && ((r->wc[i - 1] & (RL_W_OF | RL_W_BY | RL_W_FOR)) || charge_content || aimed_at) && ing)
                continue;
            /* "sent troops to Russia to help it": a purpose infinitive (a "to"
             * no modal construction took) and "a resolution condemning Russia"
             * (an -ing form after a plain noun) describe, they are no events */
            if (verb && !(cd->flags & (RL_PF_NOUN | RL_PF_PETRARCH)) && i > 0) {
                if (purpose < 0)
                    purpose = purpose_ok(r, i);
                if (!purpose)
                    continue;
            }
            /* "the two exiled dissidents", "dozens of detained activists": a
             * participle between a determiner (or number) and the noun it
             * describes is an adjective */
            if (verb && adjective_participle)
                continue;
            const rl_pattern *p = rl_dict_pattern(r->dict, cd->pat);
            /* a bare or -s form ("attack", "attacks", "bomb") is a verb only
             * right after its subject, an auxiliary or "to"; after anything
             * else it is a noun ("a car bomb", "drone attacks") */
            if (verb && !(cd->flags & RL_PF_NOUN) && cd->inflected && !noun_use) {
                /* candidates often share their lemma: read its context once */
                if (cd->lemma != memo_lemma) {
                    memo_lemma = cd->lemma;
                    memo_verb = bare_verb_context(r, i, &p->items[0]);
                }
                if (!memo_verb)
                    continue;
            }
            if (!words_present(r, p))
                continue;
            if ((p->flags & RL_PF_SUBJ) && !subject_ok(r, p, i))
                continue;
            /* a PETRARCH pattern matches whole or not at all */
            rl_pmatch m;
            memset(&m, 0, sizeof m);
            m.pat = cd->pat;
            m.start = m.head = i;
            m.target = m.source = -1;
            if (!match_items(r, p, 0, i, &m, !(p->flags & RL_PF_PETRARCH)) &&
                !(verb && !(p->flags & (RL_PF_PETRARCH | RL_PF_NOUN)) && fronted_object(r, p, i, &m)))
                continue;
            /* an '@' head after other words must itself read as a verb */
            if (!noun_use && p->head && !head_is_verb(r, p, &m))
                continue;
            if (noun_use && (m.target < 0 || m.partial))
                continue;
            m.nominal = (uint8_t)noun_use;
            /* the subject slot counts as an item: "% @agree" beats "@agree" */
            long s = match_score(&m) + ((p->flags & RL_PF_SUBJ) ? 2 : 0);
            if (p->kind == RL_P_MODAL) {
                if (s > sm) { sm = s; bestm = m; }
            } else if (s > sv) {
                sv = s;
                bestv = m;
            }
        }
        if (sm >= 0) {
            GROWV(r->modal, r->nmodal, r->cmodal);
            r->modal[r->nmodal++] = bestm;
        }
        if (sv >= 0 && i >= verb_until) {
            GROWV(r->verb, r->nverb, r->cverb);
            r->verb[r->nverb++] = bestv;
            /* words inside the match (not its target) start no other verb;
             * a PETRARCH pattern may go on after its target ("noted + @regretted") */
            uint32_t stop = bestv.end;
            if (bestv.target >= 0 && !(rl_dict_pattern(r->dict, bestv.pat)->flags & RL_PF_PETRARCH))
                stop = r->chunk[bestv.target].start;
            verb_until = stop;
        }
    }
    return RL_OK;
}

static int match_all(rl_reading *r);

int rl_match_sentence(rl_reading *r, const char *text, rl_token *t, size_t n, rl_day story)
{
    r->text = text;
    r->tok = t;
    r->n = n;
    r->story = story;
    if (n > r->tcap) {
        size_t nc = n + 64;
        int32_t *co = realloc(r->chunk_of, nc * sizeof *co);
        if (!co)
            return RL_ENOMEM;
        r->chunk_of = co;
        uint8_t *sk = realloc(r->skip, nc);
        if (!sk)
            return RL_ENOMEM;
        r->skip = sk;
        uint32_t *wc = realloc(r->wc, nc * sizeof *wc);
        if (!wc)
            return RL_ENOMEM;
        r->wc = wc;
        uint16_t *cl = realloc(r->clause, nc * sizeof *cl);
        if (!cl)
            return RL_ENOMEM;
        r->clause = cl;
        r->tcap = nc;
    }
    assign_words(r);
    uint32_t nlex = rl_lex_count(rl_dict_lex(r->dict)) + 1;
    if (r->npresent < nlex) {
        free(r->present);
        r->present = calloc(nlex, 1);
        if (!r->present) {
            r->npresent = 0;
            return RL_ENOMEM;
        }
        r->npresent = nlex;
    }
    r->sig = 0;
    for (size_t i = 0; i < n; i++) {
        r->present[t[i].word] = 1;
        r->sig |= rl_word_bit(t[i].word);
    }
    int rc = match_all(r);
    for (size_t i = 0; i < n; i++)
        r->present[t[i].word] = 0;
    return rc;
}

/* Mentions, chunks, groups, clauses, dates and pattern matches of r's sentence. */
static int match_all(rl_reading *r)
{
    const char *text = r->text;
    rl_token *t = r->tok;
    size_t n = r->n;
    int rc;
    rl_quote_spans(r);
    if ((rc = find_mentions(r)) || (rc = build_chunks(r)))
        return rc;
    drop_dateline_credit(r);
    if ((rc = build_groups(r)))
        return rc;
    mark_clauses(r);
    r->ndates = rl_date_find(text, t, n, r->dates, sizeof r->dates / sizeof r->dates[0]);
    /* "Theresa May" is no month: drop expressions inside actor names */
    size_t kept = 0;
    for (size_t d = 0; d < r->ndates; d++) {
        int inside = 0;
        for (uint32_t k = r->dates[d].start; k < r->dates[d].end; k++)
            inside |= r->chunk_of[k] >= 0;
        if (!inside)
            r->dates[kept++] = r->dates[d];
    }
    r->ndates = kept;
    memset(r->skip, 0, n);
    for (size_t d = 0; d < r->ndates; d++) {
        uint32_t a = r->dates[d].start, b = r->dates[d].end;
        if (a > 0 && (r->wc[a - 1] & RL_W_PREP))
            a--; /* "on Monday" */
        for (uint32_t k = a; k < b; k++)
            r->skip[k] = 1;
    }
    if ((rc = match_patterns(r)))
        return rc;
    rl_quote_speakers(r);
    return RL_OK;
}
