/* roles.c: who did it to whom. For a verb pattern match, finds the subject
 * (nearest free actor to the left in the clause; coordinated verbs share it;
 * relative clauses and passives handled), the object (first non-locative actor
 * to the right, not across a trailing attribution), a place standing for its
 * country, the addressee of appeals and demands, and the codes of an actor
 * group with pronouns resolved from the story. It decides no codes (code.c). */
#include "coder/internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- helpers over the reading ---- */


void rl_span_text(const rl_reading *r, uint32_t a, uint32_t b, char *out, size_t cap)
{
    if (!cap)
        return;
    out[0] = '\0';
    if (a >= b || b > r->n)
        return;
    size_t s = r->tok[a].off, e = r->tok[b - 1].off + r->tok[b - 1].len;
    size_t n = e - s < cap - 1 ? e - s : cap - 1;
    /* do not cut a UTF-8 sequence */
    while (n > 0 && n < e - s && ((unsigned char)r->text[s + n] & 0xC0) == 0x80)
        n--;
    memcpy(out, r->text + s, n);
    out[n] = '\0';
}

static int verb_at(const rl_reading *r, uint32_t k)
{
    for (size_t v = 0; v < r->nverb; v++)
        if (r->verb[v].start <= k && k < r->verb[v].end &&
            (r->verb[v].target < 0 || k < r->chunk[r->verb[v].target].start))
            return (int)v;
    return -1;
}

static int chunk_is_target_of_earlier(const rl_reading *r, int32_t ch, size_t upto)
{
    int32_t g = r->chunk[ch].group;
    for (size_t v = 0; v < upto; v++) {
        int32_t t = r->verb[v].target;
        if (t >= 0 && r->chunk[t].group == g)
            return 1;
    }
    return 0;
}


/* "rescued 190 passengers and killed 30 militants": a chunk right after a
 * past-tense word and right before "and" + our verb is the object of that
 * other verb, not our subject; the subject is further left. */
static int object_of_coordinated_verb(const rl_reading *r, int32_t ch, uint32_t head)
{
    const rl_group *g = &r->group[r->chunk[ch].group];
    uint32_t end = r->chunk[g->first + g->n - 1].end, k = end;
    if (k >= head || !(rl_wc(r, k) & RL_W_AND))
        return 0;
    for (k++; k < head; k++)
        if (!(rl_wc(r, k) & RL_W_ADV))
            return 0;
    int32_t j = (int32_t)r->chunk[g->first].start - 1;
    while (j >= 0 && ((rl_wc(r, j) & RL_W_DET) || (r->tok[j].flags & RL_T_NUM)))
        j--;
    if (j < 0 || r->chunk_of[j] >= 0 || !(r->tok[j].flags & RL_T_WORD) || (r->tok[j].flags & RL_T_CAP))
        return 0;
    const char *w = r->text + r->tok[j].off;
    size_t n = r->tok[j].len;
    return n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd' && !(rl_wc(r, j) & (RL_W_PREP | RL_W_BE | RL_W_ADV));
}

/* "after meeting", "while visiting", "before signing": a subordinator right
 * before an -ing verb opens an adjunct with no subject of its own. */
static int participial_adjunct(const rl_reading *r, uint32_t sub, uint32_t head)
{
    static const char *const SUB[] = {"after", "before", "while", "since", "without", "upon", "when"};
    const rl_token *h = &r->tok[head];
    if (h->len < 5 || strncasecmp(r->text + h->off + h->len - 3, "ing", 3) || r->chunk_of[sub] >= 0)
        return 0;
    for (size_t i = 0; i < sizeof SUB / sizeof *SUB; i++)
        if (rl_match_is_word(r, sub, SUB[i]))
            return 1;
    return 0;
}

/* The subject of the clause holding token k: its leftmost actor that follows
 * no preposition ("Suga, in a move to ..., visited India after meeting"). */
static int32_t main_clause_subject(const rl_reading *r, int32_t k)
{
    uint16_t cl = r->clause[k];
    int32_t best = -1;
    for (; k >= 0 && r->clause[k] == cl; k--) {
        int32_t ch = r->chunk_of[k];
        if (ch >= 0 && r->chunk[ch].start == (uint32_t)k && (r->chunk[ch].prep < 0 || r->chunk[ch].possessive) &&
            !r->chunk[ch].hyphen)
            best = (int32_t)r->group[r->chunk[ch].group].first;
    }
    return best;
}

/* The comma opening ", supported by X and Y," when token close is the comma
 * that ends such a phrase (an -ed word right after the opening comma, at most
 * 10 tokens); -1 otherwise. */
static int32_t participial_parenthetical(const rl_reading *r, uint32_t close)
{
    for (int32_t j = (int32_t)close - 1; j > 0 && j + 11 >= (int32_t)close; j--) {
        if (!rl_is_punct(r, j, ','))
            continue;
        const rl_token *t = &r->tok[j + 1];
        if ((uint32_t)j + 1 < close && (t->flags & RL_T_WORD) && !(t->flags & RL_T_CAP) && t->len > 3 &&
            !strncasecmp(r->text + t->off + t->len - 2, "ed", 2) && (rl_wc(r, j + 2) & RL_W_PREP))
            return j;
        return -1;
    }
    return -1;
}

/* Does a reporting verb ("says", "said") end right at token k ("The U.N.
 * says fighting ...")? Its subject is the reporter, never the subject of the
 * clause it reports. */
static int report_ends_at(const rl_reading *r, uint32_t k)
{
    for (size_t i = 0; i < r->nmodal; i++)
        if (r->modal[i].end == k + 1 && rl_dict_pattern(r->dict, r->modal[i].pat)->modal == RL_M_REPORT &&
            !rl_match_is_word(r, r->modal[i].start, "according"))
            return 1;
    return 0;
}

/* Subject of the verb match v: nearest free chunk to the left in its clause. */
int32_t rl_role_subject(rl_coder *c, size_t v, uint32_t from)
{
    const rl_reading *r = &c->r;
    uint32_t head = from;
    uint16_t cl = head < r->n ? r->clause[head] : 0;
    int32_t k = (int32_t)head - 1;
    int between = 0; /* tokens passed that are not adverbs or conjunctions */
    while (k >= 0) {
        if (r->clause[k] != cl) {
            /* relative clause: "Biden, who met Putin" */
            uint32_t first = (uint32_t)k + 1;
            if ((rl_wc(r, first) & RL_W_WHO) && rl_is_punct(r, k, ',') && k >= 1 &&
                r->chunk_of[k - 1] >= 0) {
                /* "A college student in Beijing, who spoke": "who" is the
                 * person a place phrase follows, not the place */
                int32_t ant = r->chunk_of[k - 1];
                const rl_chunk *a = &r->chunk[ant];
                if (a->prep >= 1 && !a->possessive && rl_match_is_locative(r, a->prep) &&
                    r->chunk_of[a->prep - 1] >= 0 && r->chunk[r->chunk_of[a->prep - 1]].prep < 0)
                    ant = r->chunk_of[a->prep - 1];
                return ant;
            }
            /* a participial adjunct ("Suga visited India after meeting
             * Biden", "said while visiting Kyiv"): the main clause's subject */
            /* (PETRARCH's dictionaries code no adjunct: compatibility) */
            if (first + 1 == head && participial_adjunct(r, first, head) &&
                !(rl_dict_pattern(r->dict, r->verb[v].pat)->flags & RL_PF_PETRARCH))
                return main_clause_subject(r, k);
            /* an embedded relative ("Lavrov, who met Blinken, accused"): go on
             * left of it, in our own clause */
            int32_t j = k;
            while (j >= 0 && r->clause[j] > cl)
                j--;
            if (j >= 0 && j < k && r->clause[j] == cl) {
                k = j;
                continue;
            }
            return -1;
        }
        /* "a resolution that would have deplored": a relative clause whose
         * head is no actor codes nothing */
        if ((rl_wc(r, k) & RL_W_THAT) && between == 0) {
            /* descriptions may head one: "the militant group that seized" */
            if (k >= 1 && r->chunk_of[k - 1] >= 0 &&
                (!r->chunk[r->chunk_of[k - 1]].anaphor || r->chunk[r->chunk_of[k - 1]].anaphor == RL_CH_ORG ||
                 r->chunk[r->chunk_of[k - 1]].anaphor == RL_CH_IGO ||
                 r->chunk[r->chunk_of[k - 1]].anaphor == RL_CH_COUNTRY) &&
                (r->chunk[r->chunk_of[k - 1]].prep < 0 || r->chunk[r->chunk_of[k - 1]].anaphor == RL_CH_ORG))
                return (int32_t)r->group[r->chunk[r->chunk_of[k - 1]].group].first;
            if (k >= 1 && !(r->tok[k - 1].flags & RL_T_PUNCT) && r->chunk_of[k - 1] < 0 &&
                !(rl_wc(r, k - 1) & RL_W_ADV))
                return -1;
        }
        if (report_ends_at(r, (uint32_t)k))
            return -1;
        int vv = verb_at(r, (uint32_t)k);
        if (vv >= 0 && (size_t)vv < v && between <= 2) {
            /* coordinated verbs share the subject */
            c->last_inherit = vv;
            return c->vsource[vv] >= 0 ? c->vsource[vv] : -2;
        }
        int32_t ch = r->chunk_of[k];
        if (ch >= 0) {
            const rl_chunk *x = &r->chunk[ch];
            int skip = (x->prep >= 0 && !x->possessive) || x->hyphen ||
                       chunk_is_target_of_earlier(r, ch, v) || object_of_coordinated_verb(r, ch, head);
            if (!skip)
                return r->group[x->group].first;
            k = (int32_t)r->group[x->group].first;
            k = (int32_t)r->chunk[k].start - 1;
            between++;
            continue;
        }
        /* "Somali soldiers, supported by militias and the U.S. military, are
         * conducting": skip a comma-set participial phrase */
        if (rl_is_punct(r, k, ',')) {
            int32_t open = participial_parenthetical(r, (uint32_t)k);
            if (open >= 0) {
                k = open - 1;
                continue;
            }
        }
        if (!(rl_wc(r, k) & (RL_W_AND | RL_W_ADV)) && !rl_is_punct(r, k, ','))
            between++;
        k--;
    }
    return -1;
}

static int report_after(const rl_reading *r, uint32_t k)
{
    for (size_t i = 0; i < r->nmodal; i++)
        if (r->modal[i].start > k &&
            rl_dict_pattern(r->dict, r->modal[i].pat)->modal == RL_M_REPORT)
            return 1;
    return 0;
}

static int is_evidence(const rl_pmatch *m, uint32_t k)
{
    for (uint8_t j = 0; j < m->nevid; j++)
        if (m->evid[j] == k)
            return 1;
    return 0;
}

/* First chunk right of the verb in the clause (inside the match's gaps too:
 * "seized a British tanker"), not locative, not a pattern word ("troops"), and
 * not across the comma of a trailing attribution (", officials said"). */
int32_t rl_role_object(const rl_reading *r, size_t v)
{
    const rl_pmatch *m = &r->verb[v];
    uint16_t cl = r->clause[m->head];
    /* PETRARCH's verb phrase takes in a clause it opens ("question whether ...") */
    int petr = (rl_dict_pattern(r->dict, m->pat)->flags & RL_PF_PETRARCH) != 0;
    /* the verb's object is a noun phrase that names no actor: "the hotel" */
    int plain_object = m->end < r->n && m->end + 1 < r->n && (rl_wc(r, m->end) & RL_W_ART) &&
                       !(rl_wc(r, m->end) & RL_W_POSS) && r->chunk_of[m->end] < 0 &&
                       r->chunk_of[m->end + 1] < 0 && (r->tok[m->end + 1].flags & RL_T_WORD) &&
                       !(r->tok[m->end + 1].flags & RL_T_CAP);
    /* ... and that noun is a forum or a text: "a summit", "a resolution" */
    static const char *const FORUM[] = {"summit", "conference", "meeting", "session", "debate", "forum",
                                        "seminar", "hearing", "discussion", "dialogue", "briefing",
                                        "workshop", "report", "statement", "resolution", "vote", "symposium"};
    int forum_object = 0;
    for (size_t f = 0; plain_object && f < sizeof FORUM / sizeof *FORUM && !forum_object; f++)
        for (uint32_t q = m->end + 1; q < r->n && q <= m->end + 3 && !forum_object; q++)
            forum_object = rl_match_is_word(r, q, FORUM[f]);
    for (uint32_t k = m->head + 1; k < r->n; k++) {
        if (r->clause[k] != cl && !(petr && k > 0 && r->clause[k - 1] != r->clause[k] &&
                                    (rl_wc(r, k) & RL_W_BOUND) && r->clause[k - 1] == cl))
            return -1;
        if (r->clause[k] != cl)
            cl = r->clause[k];
        if (k >= m->end) {
            /* "killed and injured 1,000 fighters": two verbs joined right
             * after the first share the second's object */
            for (size_t w = v + 1; w < r->nverb; w++)
                if (r->verb[w].start == k)
                    return (k == m->end + 1 && m->target < 0 && (rl_wc(r, m->end) & RL_W_AND) &&
                            r->verb[w].start == r->verb[w].head)
                               ? (r->verb[w].target >= 0 ? r->verb[w].target : rl_role_object(r, w))
                               : -1;
            if (rl_is_punct(r, k, ',') && report_after(r, k))
                return -1;
            /* "welcomed the release and reiterated its call to the
             * authorities": after a plain noun object, "and" before a verb in
             * the past opens the next predicate */
            if (plain_object && (rl_wc(r, k) & RL_W_AND) && k + 1 < r->n && r->chunk_of[k + 1] < 0 &&
                (r->tok[k + 1].flags & RL_T_WORD) && !(r->tok[k + 1].flags & RL_T_CAP) && r->tok[k + 1].len > 4 &&
                !memcmp(r->text + r->tok[k + 1].off + r->tok[k + 1].len - 2, "ed", 2))
                return -1;
            /* "strengthen ties in Asia to counter Beijing": an infinitive
             * after the verb's phrase opens a clause of its own (right
             * after the verb, "threatened to close U.S. bases", it is the
             * verb's content) */
            if (k > m->end && rl_match_is_word(r, k, "to") && k + 1 < r->n && r->chunk_of[k + 1] < 0 &&
                (r->tok[k + 1].flags & RL_T_WORD) && !(r->tok[k + 1].flags & RL_T_CAP) &&
                !rl_wc(r, k + 1) &&
                (rl_match_starts_verb(r, k + 1) ||
                 (r->chunk_of[k - 1] >= 0 && rl_match_is_locative(r, r->chunk[r->chunk_of[k - 1]].prep))))
                return -1;
            /* "jailed a man for helping militants": a reason or content
             * clause (for/of + -ing) holds no target of the verb */
            if ((rl_wc(r, k) & (RL_W_FOR | RL_W_OF)) && k + 1 < r->n && r->tok[k + 1].len > 4 &&
                !(r->tok[k + 1].flags & RL_T_CAP) &&
                !memcmp(r->text + r->tok[k + 1].off + r->tok[k + 1].len - 3, "ing", 3))
                return -1;
        }
        int32_t ch = r->chunk_of[k];
        if (ch >= 0 && r->chunk[ch].start == k) {
            const rl_chunk *x = &r->chunk[ch];
            /* "withdraw * troops": a pattern word inside an agent is no target,
             * but "released * hostages" with "Israeli hostages" is */
            int pattern_word = 0;
            for (uint32_t j = x->start; j < x->end; j++)
                pattern_word |= is_evidence(m, j);
            if (pattern_word && !x->code[0])
                continue;
            if (x->group >= 0 && r->group[x->group].first != (uint32_t)ch)
                continue;
            /* PETRARCH patterns take the first actor after the verb, whatever
             * its preposition ("met a group of X", "a closure of houses in X") */
            int any = (rl_dict_pattern(r->dict, m->pat)->flags & RL_PF_PETRARCH) != 0;
            /* a possessor is the object: "rejected Zelensky's proposal"; a
             * pronoun is no dictionary actor to PETRARCH ("said he ...") */
            if ((rl_match_is_locative(r, x->prep) && !any) || x->hyphen || (any && x->anaphor))
                continue;
            /* "pull back its forces": the subject's own people are no target */
            if (!x->code[0] && !x->anaphor && x->start > 0 && (rl_wc(r, x->start - 1) & RL_W_ART) &&
                !(rl_wc(r, x->start - 1) & RL_W_THE) && !rl_match_is_word(r, x->start - 1, "a") &&
                !rl_match_is_word(r, x->start - 1, "an"))
                continue;
            if ((rl_wc(r, x->prep) & (RL_W_BY | RL_W_OF)) && !any)
                continue;
            /* "hosted a summit on Sudan", "adopted a resolution on Syria":
             * after a forum or text as object, an "on/about/over" phrase is
             * its topic ("condemned the attack on Israel" keeps Israel) */
            if (forum_object && !any && x->prep >= 0 &&
                (rl_match_is_word(r, (uint32_t)x->prep, "on") || rl_match_is_word(r, (uint32_t)x->prep, "about") ||
                 rl_match_is_word(r, (uint32_t)x->prep, "over")) &&
                rl_code_root(rl_dict_pattern(r->dict, m->pat)->code) < 14)
                continue;
            /* "attacked the hotel ... and then gunmen stormed it": after a
             * plain noun object, an actor outside any phrase starts a clause */
            if (plain_object && x->prep < 0 && !x->possessive && !any && x->start >= 1 &&
                ((rl_wc(r, x->start - 1) & RL_W_AND) || rl_match_is_word(r, x->start - 1, "then") ||
                 rl_match_is_word(r, x->start - 1, "but") || rl_is_punct(r, x->start - 1, ',')))
                return -1;
            return x->appos >= 0 && !any ? x->appos : ch;
        }
        if (k > m->end + 12)
            return -1;
    }
    return -1;
}

/* A country actor: a country code, not an organization (IGO, NGO, MNC) or
 * PETRARCH's null actor. */
static int country_code(const char *code)
{
    return isupper((unsigned char)code[0]) && strncmp(code, "IGO", 3) && strncmp(code, "NGO", 3) &&
           strncmp(code, "MNC", 3);
}

/* CAMEO's region and ethnic codes (dict/actors/countries.txt): "Kurdish
 * cities", "in Africa" name no state an agent belongs to. */
static int region_code(const char *code)
{
    static const char *const REGIONS[] = {"WST", "EUR", "EEU", "CEU", "SCN", "BLK", "CAU", "CAS", "MEA",
                                          "PGS", "NAF", "WAF", "EAF", "CFR", "SAF", "AFR", "ASA", "SAS",
                                          "SEA", "LAM", "SAM", "NMR", "CRB", "MDT", "ARB", "KUR"};
    if (strlen(code) != 3)
        return 0;
    for (size_t i = 0; i < sizeof REGIONS / sizeof *REGIONS; i++)
        if (!strcmp(REGIONS[i], code))
            return 1;
    return 0;
}

int rl_code_is_state(const char *code)
{
    static const char *const BODY[] = {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"};
    return isupper((unsigned char)code[0]) && strncmp(code, "IGO", 3) && strncmp(code, "NGO", 3) &&
           strncmp(code, "IMG", 3) && (strlen(code) == 3 || rl_code_suffix_in(code, BODY, sizeof BODY / sizeof *BODY));
}

/* A country or its government ("RUS", "RUSGOV"), what "its" and "the
 * country" may stand for. */
static int state_code(const char *code)
{
    size_t n = strlen(code);
    return country_code(code) && (n == 3 || (n == 6 && !strcmp(code + 3, "GOV")));
}

int32_t rl_role_possessed_object(const rl_reading *r, const rl_pmatch *m, int32_t src)
{
    uint32_t k = m->end;
    while (k < r->n && r->skip[k])
        k++;
    /* "its own territory" is the subject's */
    if (k + 1 >= r->n || (!rl_match_is_word(r, k, "its") && !rl_match_is_word(r, k, "their")) ||
        r->chunk_of[k + 1] >= 0 || rl_match_is_word(r, k + 1, "own"))
        return -1;
    for (int32_t i = r->chunk_of[m->head] >= 0 ? r->chunk_of[m->head] : (int32_t)r->nchunk - 1; i >= 0; i--) {
        const rl_chunk *a = &r->chunk[i];
        if (a->start >= k || i == src || (src >= 0 && a->group == r->chunk[src].group) || !a->code[0] ||
            a->anaphor || a->person || !state_code(a->code))
            continue;
        return i;
    }
    return -1;
}

/* A place the act happens in, right after the match: "in Russia", "across Israel". */
int32_t rl_role_place(const rl_reading *r, size_t v)
{
    const rl_pmatch *m = &r->verb[v];
    uint16_t cl = r->clause[m->head];
    for (uint32_t k = m->end; k < r->n && k <= m->end + 8 && r->clause[k] == cl; k++) {
        if (rl_is_punct(r, k, ','))
            return -1;
        int32_t ch = r->chunk_of[k];
        if (ch >= 0 && r->chunk[ch].start == k) {
            const rl_chunk *x = &r->chunk[ch];
            /* "in Russia", "across Gaza", "the city of Dnipro", "near Kharkiv" */
            if (x->prep >= 0 && !x->hyphen && !x->person &&
                (rl_match_is_word(r, (uint32_t)x->prep, "in") ||
                 rl_match_is_word(r, (uint32_t)x->prep, "across") ||
                 rl_match_is_word(r, (uint32_t)x->prep, "inside") ||
                 rl_match_is_word(r, (uint32_t)x->prep, "into") ||
                 rl_match_is_word(r, (uint32_t)x->prep, "near") ||
                 (rl_match_is_word(r, (uint32_t)x->prep, "of") && x->prep > 0 &&
                  (rl_match_is_word(r, (uint32_t)x->prep - 1, "city") ||
                   rl_match_is_word(r, (uint32_t)x->prep - 1, "town") ||
                   rl_match_is_word(r, (uint32_t)x->prep - 1, "village") ||
                   rl_match_is_word(r, (uint32_t)x->prep - 1, "region") ||
                   rl_match_is_word(r, (uint32_t)x->prep - 1, "province") ||
                   rl_match_is_word(r, (uint32_t)x->prep - 1, "outskirts")))))
                return ch;
            return -1;
        }
    }
    return -1;
}

/* "northern", "southeastern", "central" ...: a direction before a place. */
static int direction_word(const rl_reading *r, uint32_t k)
{
    static const char *const DIRS[] = {"northern", "southern", "eastern", "western", "central",
                                       "northeastern", "northwestern", "southeastern", "southwestern",
                                       "north-eastern", "north-western", "south-eastern", "south-western"};
    const rl_token *t = &r->tok[k];
    for (size_t i = 0; i < sizeof DIRS / sizeof *DIRS; i++)
        if (strlen(DIRS[i]) == t->len && !strncasecmp(DIRS[i], r->text + t->off, t->len))
            return 1;
    return 0;
}

/* Codes of the chunk's group; anaphors resolved from the story. */
/* Country for an agent without one ("militants", "protesters"): a place the
 * sentence puts things in ("in Yemen"), else the other party's country
 * (prefer), else any place mentioned. */
static int agent_country(const rl_reading *r, const char *prefer, const char *home, const char *suffix,
                         char out[4])
{
    /* civilians, refugees and the like are rarely the other party's own
     * people: for them any place mentioned comes before the other party */
    int place_first = !strcmp(suffix, "CVL") || !strcmp(suffix, "REF") || !strcmp(suffix, "MED") ||
                      !strcmp(suffix, "HLH") || !strcmp(suffix, "EDU");
    for (int step = 0; step < 3; step++) {
        int pass = place_first ? (step == 0 ? 0 : step == 1 ? 2 : 1) : step;
        if (pass == 1) {
            if (prefer && prefer[0] && strncmp(prefer, "IGO", 3) && strncmp(prefer, "NGO", 3)) {
                snprintf(out, 4, "%.3s", prefer);
                return 1;
            }
            continue;
        }
        for (size_t j = 0; j < r->nchunk; j++) {
            const rl_chunk *p = &r->chunk[j];
            /* "on Afghan soil", "on Syrian territory" are "in"; so is "in
             * northeastern C.A.R." */
            int on_soil = p->prep >= 0 && rl_match_is_word(r, (uint32_t)p->prep, "on") &&
                          (rl_match_is_word(r, p->end, "soil") || rl_match_is_word(r, p->end, "territory"));
            on_soil |= p->prep < 0 && p->start >= 2 && rl_match_is_word(r, p->start - 2, "in") &&
                       direction_word(r, p->start - 1);
            if (!p->code[0] || (!rl_match_is_locative(r, p->prep) && !on_soil) ||
                !isupper((unsigned char)p->code[0]) || !strncmp(p->code, "IGO", 3) || !strncmp(p->code, "NGO", 3) ||
                region_code(p->code))
                continue;
            if (pass == 0 && !rl_match_is_word(r, (uint32_t)p->prep, "in") &&
                !rl_match_is_word(r, (uint32_t)p->prep, "across") &&
                !rl_match_is_word(r, (uint32_t)p->prep, "inside") && !on_soil)
                continue;
            snprintf(out, 4, "%.3s", p->code);
            return 1;
        }
    }
    /* last: the story's main country (title, dateline, most named) */
    if (home && home[0]) {
        snprintf(out, 4, "%.3s", home);
        return 1;
    }
    return 0;
}

/* "our forces", "my government" inside a quote: the speaker's country. */
static int speaker_country(rl_coder *c, const rl_chunk *y, char out[4])
{
    const rl_reading *r = &c->r;
    if (y->start == 0 || (!rl_match_is_word(r, y->start - 1, "our") && !rl_match_is_word(r, y->start - 1, "my")))
        return 0;
    int32_t sp = rl_quote_speaker_of(r, y->start);
    char sc[MAXCODES][24];
    if (sp < 0 || r->chunk[sp].anaphor == RL_CH_FIRST || rl_role_codes(c, sp, sc, NULL) <= 0 ||
        strlen(sc[0]) < 3 || !strncmp(sc[0], "IGO", 3) || !strncmp(sc[0], "NGO", 3))
        return 0;
    snprintf(out, 4, "%.3s", sc[0]);
    return 1;
}

int rl_role_pronoun_other(rl_coder *c, int32_t ch, const char *not, char out[24])
{
    const rl_reading *r = &c->r;
    if (ch < 0 || r->chunk[ch].anaphor != RL_CH_PRONOUN)
        return 0;
    for (int32_t i = ch - 1; i >= 0; i--) {
        const rl_chunk *y = &r->chunk[i];
        if (y->person && y->code[0] && strcmp(y->code, not)) {
            rl_strlcpy(out, y->code, 24);
            return 1;
        }
    }
    if (!c->person[0] || !strcmp(c->person, not))
        return 0;
    rl_strlcpy(out, c->person, 24);
    return 1;
}

int rl_code_suffix_in(const char *code, const char *const *suffixes, size_t n)
{
    size_t l = strlen(code);
    for (size_t k = 0; k < n && l >= 6; k++)
        if (!strcmp(code + l - 3, suffixes[k]))
            return 1;
    return 0;
}

int rl_codes_all_suffix_in(const char (*codes)[24], int n, const char *const *suffixes, size_t ns)
{
    for (int i = 0; i < n; i++)
        if (!rl_code_suffix_in(codes[i], suffixes, ns))
            return 0;
    return n > 0;
}

int rl_role_is_org(const char *code)
{
    static const char *const ORG[] = {"REB", "INS", "UAF", "CRM", "OPP", "HRI", "NGO"};
    return !strncmp(code, "IMG", 3) || !strncmp(code, "NGO", 3) ||
           rl_code_suffix_in(code, ORG, sizeof ORG / sizeof *ORG);
}

/* "Russia denied that its forces attacked", "Putin said his troops": an agent
 * after a possessive pronoun belongs to the country of the pronoun's
 * antecedent, the nearest country actor before it ("his", "her": the
 * nearest person) that is not the other party's (not). Earlier sentences
 * are not searched. */
static int possessor_country(const rl_coder *c, int32_t ch, const char *not, char out[4])
{
    const rl_reading *r = &c->r;
    const rl_chunk *y = &r->chunk[ch];
    if (y->start == 0)
        return 0;
    /* "Iran's supreme leader", "Russia's top diplomat": a possessive country
     * and at most two plain words before the agent */
    for (uint32_t k = y->start, words = 0; k > 1 && words <= 2; k--, words++) {
        if ((rl_wc(r, k - 1) & RL_W_POSS) && r->chunk_of[k - 2] >= 0) {
            const rl_chunk *o = &r->chunk[r->chunk_of[k - 2]];
            if (!o->code[0] || o->anaphor || !country_code(o->code) || (not && not[0] && !strncmp(o->code, not, 3)))
                break;
            snprintf(out, 4, "%.3s", o->code);
            return 1;
        }
        const rl_token *t = &r->tok[k - 1];
        if (!(t->flags & RL_T_WORD) || (t->flags & RL_T_CAP) || r->wc[k - 1] || r->chunk_of[k - 1] >= 0)
            break;
    }
    uint32_t p = y->start - 1;
    int person = rl_match_is_word(r, p, "his") || rl_match_is_word(r, p, "her");
    int its = rl_match_is_word(r, p, "its");
    if (!person && !its && !rl_match_is_word(r, p, "their"))
        return 0;
    for (int32_t i = ch - 1; i >= 0; i--) {
        const rl_chunk *a = &r->chunk[i];
        if (!a->code[0] || a->anaphor || (person && !a->person) || !country_code(a->code))
            continue;
        /* "its" is a country or its government, or one state body ("Russia's
         * defense ministry said its forces"), not "Russian forces" */
        const rl_token *lt = &r->tok[a->end - 1];
        int body = rl_code_is_state(a->code) && r->text[lt->off + lt->len - 1] != 's';
        if (its && (a->person || (!state_code(a->code) && !body)))
            continue;
        /* the other party's own: "Israel bombed its consulate" is Iran's
         * (where none is left, the caller's fallback gives the other party) */
        if (not && not[0] && !strncmp(a->code, not, 3))
            continue;
        snprintf(out, 4, "%.3s", a->code);
        return 1;
    }
    /* "The Afghan army chief said his forces": with no person named before
     * "his", the nearest singular role that speaks ("chief", "minister") */
    for (int32_t i = ch - 1; person && i >= 0; i--) {
        const rl_chunk *a = &r->chunk[i];
        const rl_token *lt = &r->tok[a->end - 1];
        if (!a->code[0] || a->anaphor || a->person || !country_code(a->code) || !a->suffix[0] ||
            r->text[lt->off + lt->len - 1] == 's' || (not && not[0] && !strncmp(a->code, not, 3)))
            continue;
        snprintf(out, 4, "%.3s", a->code);
        return 1;
    }
    return 0;
}

/* "the insurgents", "the militants", "the rebels", "the gunmen": a definite
 * plural armed agent with nothing else in its chunk. */
static int armed_description(const rl_reading *r, const rl_chunk *y)
{
    static const char *const ARMED[] = {"REB", "INS", "UAF"};
    int armed = 0;
    for (size_t k = 0; k < sizeof ARMED / sizeof *ARMED; k++)
        armed |= !strcmp(y->suffix, ARMED[k]);
    return armed && y->end == y->start + 1 && y->start > 0 && rl_match_is_word(r, y->start - 1, "the");
}

static int is_org(const rl_chunk *y) { return !y->anaphor && rl_role_is_org(y->code); }

/* armed: no opposition party, rights group or NGO */
static int armed_group_code(const char *code)
{
    return !strstr(code, "OPP") && !strstr(code, "HRI") && strncmp(code, "NGO", 3);
}

static int is_armed_org(const rl_chunk *y) { return is_org(y) && armed_group_code(y->code); }

static int is_person(const rl_chunk *y) { return y->person; }

static int is_igo(const rl_chunk *y) { return !y->anaphor && !strncmp(y->code, "IGO", 3); }

/* What an anaphor at chunk ch stands for: the nearest chunk before it in the
 * sentence that names such an actor (ok), else what the story remembered
 * ("" none); NULL when neither. */
static const char *antecedent(const rl_coder *c, int32_t ch, int (*ok)(const rl_chunk *), const char *remembered)
{
    const rl_reading *r = &c->r;
    for (int32_t i = ch - 1; i >= 0; i--)
        if (r->chunk[i].code[0] && ok(&r->chunk[i]))
            return r->chunk[i].code;
    return remembered[0] ? remembered : NULL;
}

int rl_role_codes(rl_coder *c, int32_t ch, char out[MAXCODES][24], const char *prefer)
{
    const rl_reading *r = &c->r;
    if (ch < 0)
        return 0;
    const rl_chunk *x = &r->chunk[ch];
    if (x->anaphor == RL_CH_PLURAL_ANAPHOR) {
        /* "Militants said they released", "police arrested protesters after
         * they blocked roads": "they" alone is first the nearest plural actor
         * before it in the sentence (a compound, or a plural noun) */
        if (x->end == x->start + 1 && rl_match_is_word(r, x->start, "they"))
            for (int32_t i = ch - 1; i >= 0; i--) {
                const rl_chunk *y = &r->chunk[i];
                const rl_token *lt = &r->tok[y->end - 1];
                int plural = (y->group >= 0 && r->group[y->group].n >= 2) ||
                             (y->suffix[0] && lt->len > 3 && r->text[lt->off + lt->len - 1] == 's');
                if (!y->anaphor && plural && y->group >= 0)
                    return rl_role_codes(c, (int32_t)r->group[y->group].first, out, prefer);
            }
        /* "Erdogan asked Putin ... when the two leaders spoke": "the two
         * ..." are the two sides named before it in the sentence */
        if (rl_wc(r, x->start + 1) & RL_W_TWO) {
            /* "the two leaders" are persons; neither is the other party */
            int persons = rl_match_is_word(r, x->end - 1, "leaders") || rl_match_is_word(r, x->end - 1, "presidents") ||
                          rl_match_is_word(r, x->end - 1, "ministers") || rl_match_is_word(r, x->end - 1, "men");
            int n2 = 0;
            for (int32_t i = ch - 1; i >= 0 && n2 < 2; i--) {
                const rl_chunk *y = &r->chunk[i];
                if (!y->code[0] || y->anaphor || !country_code(y->code) || region_code(y->code) ||
                    (persons && !y->person) || (prefer && prefer[0] && !strncmp(prefer, y->code, 3)) ||
                    (n2 == 1 && !strncmp(out[0], y->code, 3)))
                    continue;
                rl_strlcpy(out[n2++], y->code, 24);
            }
            if (n2 == 2)
                return 2;
        }
        /* the other party of an act is not the actor's own side: "we will
         * retaliate if they ..." */
        int n = 0;
        for (int i = 0; i < c->ngroup; i++)
            if (!prefer || !prefer[0] || strncmp(prefer, "IGO", 3) == 0 || strncmp(c->group[i], prefer, 3) != 0)
                memcpy(out[n++], c->group[i], 24);
        return n;
    }
    if (x->anaphor == RL_CH_IT) {
        /* "it": the nearest actor before it in the sentence that is no person;
         * "the group said it", "the country says it": the description's own
         * antecedent */
        for (int32_t i = ch - 1; i >= 0; i--) {
            const rl_chunk *y = &r->chunk[i];
            if (y->code[0] && !y->person && !y->anaphor) {
                rl_strlcpy(out[0], y->code, 24);
                return 1;
            }
            if (y->anaphor == RL_CH_ORG || y->anaphor == RL_CH_COUNTRY || y->anaphor == RL_CH_IGO)
                return rl_role_codes(c, i, out, prefer) > 0 ? 1 : 0;
        }
        return 0;
    }
    if (x->anaphor == RL_CH_COUNTRY) {
        /* "the country": the nearest country named before it as a country
         * or its government ("Somali militants" name people, not a country),
         * else the story's main country */
        for (int32_t i = ch - 1; i >= 0; i--) {
            const rl_chunk *y = &r->chunk[i];
            if (y->code[0] && !y->anaphor && state_code(y->code)) {
                snprintf(out[0], 24, "%.3s", y->code);
                return 1;
            }
        }
        if (!c->home[0])
            return 0;
        snprintf(out[0], 24, "%.3s", c->home);
        return 1;
    }
    if (x->anaphor == RL_CH_ORG || x->anaphor == RL_CH_PRONOUN) {
        /* "the group": the nearest non-state group before it in the sentence,
         * else the last one of earlier sentences; "he", "him": the same for
         * persons */
        const char *a = x->anaphor == RL_CH_ORG ? antecedent(c, ch, is_org, c->org)
                                                : antecedent(c, ch, is_person, c->person);
        if (!a)
            return 0;
        rl_strlcpy(out[0], a, 24);
        return 1;
    }
    if (x->anaphor == RL_CH_IGO) {
        /* "the bloc", "the regional body": the international organization
         * named before, in the sentence or the story */
        const char *a = antecedent(c, ch, is_igo, c->igo);
        if (!a)
            return 0;
        rl_strlcpy(out[0], a, 24);
        return 1;
    }
    if (x->anaphor == RL_CH_FIRST) {
        /* "we", "I" inside a quote: the speaker's side */
        int32_t sp = rl_quote_speaker_of(r, x->start);
        if (sp >= 0 && r->chunk[sp].anaphor != RL_CH_FIRST)
            return rl_role_codes(c, sp, out, prefer);
        /* a quote that names no speaker in this sentence: one going on from
         * an earlier sentence, or opened right after a quoted speaker, is
         * still that speaker's */
        int q = rl_quote_at(r, x->start);
        if (sp >= 0 || q < 0 || !c->qspeaker[0] || !(r->quote_carry || c->qrecent))
            return 0;
        rl_strlcpy(out[0], c->qspeaker, 24);
        return 1;
    }
    const rl_group *g = &r->group[x->group];
    int n = 0;
    const char *org;
    for (uint32_t i = g->first; i < g->first + g->n && n < MAXCODES; i++) {
        const rl_chunk *y = &r->chunk[i];
        if (y->code[0]) {
            /* PETRARCH's coded compounds ("FRO/BIL/SAM"): one actor per code */
            for (const char *s = y->code; *s && n < MAXCODES;) {
                size_t l = strcspn(s, "/");
                if (l)
                    snprintf(out[n++], 24, "%.*s", (int)l, s);
                s += l + (s[l] == '/');
            }
        } else if (y->suffix[0] && (!strcmp(y->suffix, "HRI") || !strcmp(y->suffix, "NGO")) &&
                   rl_match_is_word(r, y->start, "international")) {
            /* "international rights groups": an international NGO takes the
             * bare code, no country (docs/annotation.md) */
            snprintf(out[n++], 24, "NGO%s", strcmp(y->suffix, "NGO") ? y->suffix : "");
        } else if (y->suffix[0] && armed_description(r, y) &&
                   (org = antecedent(c, ch, is_armed_org, armed_group_code(c->org) ? c->org : ""))) {
            /* "the insurgents", "the rebels": the armed group named before */
            rl_strlcpy(out[n++], org, 24);
        } else if (y->suffix[0]) {
            char cc[4];
            if (possessor_country(c, (int32_t)i, prefer, cc) || speaker_country(c, y, cc) ||
                agent_country(r, prefer, c->home, y->suffix, cc))
            {
                rl_strlcat(rl_strlcpy(out[n], cc, 24), y->suffix, 24);
                n++;
            }
        }
    }
    return n;
}

int rl_role_passive(const rl_reading *r, const rl_pmatch *m)
{
    const rl_token *h = &r->tok[m->head];
    if (h->len > 3 && strncasecmp(r->text + h->off + h->len - 3, "ing", 3) == 0)
        return 0;
    for (int32_t k = (int32_t)m->head - 1, steps = 0; k >= 0 && steps < 3; k--, steps++) {
        if (rl_wc(r, k) & RL_W_BE)
            return 1;
        if (!(rl_wc(r, k) & RL_W_ADV))
            break;
    }
    /* "There were 10 soldiers killed in Ukraine": an -ed form right after
     * the noun that "there is/are" introduces */
    if (m->head > 0 && r->chunk_of[m->head - 1] >= 0 && h->len > 3 &&
        strncasecmp(r->text + h->off + h->len - 2, "ed", 2) == 0) {
        uint32_t k = r->chunk[r->chunk_of[m->head - 1]].start;
        /* only numbers and determiners between: "there were 10 soldiers" */
        for (int steps = 0; k >= 1 && steps < 2 && ((r->tok[k - 1].flags & RL_T_NUM) ||
                                                    (rl_wc(r, k - 1) & RL_W_DET)); steps++)
            k--;
        if (k >= 2 && (rl_wc(r, k - 1) & RL_W_BE) && rl_match_is_word(r, k - 2, "there"))
            return 1;
    }
    /* a reduced passive after a comma: "the leader is dead, killed in an
     * airstrike", "..., wounded by gunfire": an -ed form with no object,
     * followed by a preposition */
    return m->head > 0 && rl_is_punct(r, m->head - 1, ',') && m->target < 0 && h->len > 3 &&
           strncasecmp(r->text + h->off + h->len - 2, "ed", 2) == 0 && (rl_wc(r, m->end) & RL_W_PREP);
}

int32_t rl_role_by_agent(const rl_reading *r, const rl_pmatch *m)
{
    /* "killed on Wednesday in shelling by separatists": the agent may stand a
     * few words on, in the same clause, before any comma */
    for (uint32_t k = m->head + 1; k < r->n && k <= m->end + 11 && r->clause[k] == r->clause[m->head] &&
                                   !rl_is_punct(r, k, ',');
         k++) {
        if (rl_wc(r, k) & RL_W_BY) {
            for (uint32_t j = k + 1; j < r->n && j <= k + 3; j++)
                if (r->chunk_of[j] >= 0)
                    return r->chunk_of[j];
            return -1;
        }
    }
    return -1;
}

/* Addressee of an appeal, demand or threat: its '+' slot, else the actor right
 * after it ("called on Israel and Hamas to ..."). */
int32_t rl_role_addressee(const rl_reading *r, const rl_pmatch *x)
{
    if (x->target >= 0)
        return x->target;
    for (uint32_t k = x->end; k < r->n && k <= x->end + 3; k++) {
        int32_t ch = r->chunk_of[k];
        if (ch >= 0)
            return (int32_t)r->group[r->chunk[ch].group].first;
        if (r->tok[k].flags & RL_T_PUNCT)
            break;
    }
    return -1;
}

