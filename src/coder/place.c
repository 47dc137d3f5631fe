/* place.c: where an event happened. The place named in the event's clause by a
 * place phrase ("in Kharkiv", "near Sumy", "on the outskirts of Kherson", "the
 * city of Dnipro", "north of Gaza City") or, for an act done to a place
 * ("shelled Kharkiv", "visited Kyiv"), as its target, looked up in the
 * gazetteer (lexicon/places.h): its country, region and coordinates. A place
 * phrase naming a country ("in Ukraine") gives the country alone; so does, when
 * no place is named, an act of force (CAMEO 18-20: the target's country) or an
 * act between two actors of one country. Otherwise the location is unknown.
 * The rule is docs/gazetteer.md's "Event location". Places never become
 * actors here: this stage only reads the chunks roles.c has chosen. */
#include "coder/internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const LOC_NAMES[RL_LOC_COUNT] = {"unknown", "country", "region", "place"};

const char *rl_loc_precision_name(int p)
{
    return p >= 0 && p < RL_LOC_COUNT ? LOC_NAMES[p] : "unknown";
}

/* Word classes, per word id (rl_place_words). */
enum { RL_PW_PREP = 1, RL_PW_OFHEAD = 2, RL_PW_DIR = 4 };

static void mark_words(rl_coder *c, const rl_lex *lx, int which, uint8_t cls)
{
    size_t n;
    const char *const *w = rl_places_cue_words(which, &n);
    for (size_t i = 0; i < n; i++) {
        uint32_t id = rl_lex_find(lx, w[i], strlen(w[i]));
        if (id && id < c->nplacew)
            c->placew[id] |= cls;
    }
}

int rl_place_words(rl_coder *c)
{
    const rl_lex *lx = rl_dict_lex(c->d);
    c->nplacew = rl_lex_count(lx) + 1;
    if (!(c->placew = calloc(c->nplacew, 1)))
        return RL_ENOMEM;
    mark_words(c, lx, RL_PCUE_PREP, RL_PW_PREP);
    mark_words(c, lx, RL_PCUE_OFHEAD, RL_PW_OFHEAD);
    mark_words(c, lx, RL_PCUE_DIR, RL_PW_DIR);
    return RL_OK;
}

/* Class of token k (0 beyond the sentence or for an unknown word). */
static uint8_t pw(const rl_coder *c, uint32_t k)
{
    const rl_reading *r = &c->r;
    uint32_t w = k < r->n ? r->tok[k].word : 0;
    return w < c->nplacew ? c->placew[w] : 0;
}

/* Is token k a preposition that opens a place phrase? */
static int place_prep(const rl_coder *c, uint32_t k)
{
    /* every place preposition, and "of", is locative: one AND for most tokens */
    if (!(rl_wc(&c->r, k) & RL_W_LOC))
        return 0;
    if (pw(c, k) & RL_PW_PREP)
        return 1;
    return (rl_wc(&c->r, k) & RL_W_OF) && k > 0 && (pw(c, k - 1) & RL_PW_OFHEAD);
}

/* The longest gazetteer name starting at token k (capitalised) within clause
 * cl; *end gets the token after it, *rank how the name names it
 * (rl_places_find). NULL if none. */
static const rl_place *name_at(const rl_reading *r, const rl_places *pl, uint32_t k, uint16_t cl,
                               const char *prefer, uint32_t *end, int *rank)
{
    if (k >= r->n || !(r->tok[k].flags & RL_T_CAP) || (r->tok[k].flags & RL_T_PUNCT))
        return NULL;
    char key[256];
    size_t len = 0, ends[8];
    unsigned maxw = rl_places_max_words(pl), nw = 0;
    if (maxw > 8)
        maxw = 8;
    for (uint32_t j = k; j < r->n && nw < maxw && r->clause[j] == cl; j++) {
        const rl_token *t = &r->tok[j];
        if (t->flags & RL_T_PUNCT)
            break;
        if (len && len + 1 < sizeof key)
            key[len++] = ' ';
        size_t m = rl_places_key(r->text + t->off, t->len, key + len, sizeof key - len);
        if (!m)
            break;
        len += m;
        ends[nw++] = len;
    }
    for (unsigned w = nw; w > 0; w--) {
        int rk = 0;
        const rl_place *p = rl_places_find(pl, key, ends[w - 1], prefer, &rk);
        /* a region's short form inside a longer actor name is none: the
         * "Kivu" of an actor "North Kivu militia" stays, but not a "Sudan"
         * cut from "South Sudan" */
        int32_t ch = r->chunk_of[k + w - 1];
        if (p && rk == 0 && ch >= 0 && r->chunk[ch].end > k + w)
            continue;
        if (p) {
            *end = k + w;
            if (rank)
                *rank = rk;
            return p;
        }
    }
    return NULL;
}

typedef struct loc_found {
    const rl_place *place;
    char country[4];
    int prec;
    uint32_t at;           /* the phrase's first token, for the trace */
} loc_found;

static int place_prec(const rl_place *p) { return p->kind == RL_PK_REGION ? RL_LOC_REGION : RL_LOC_PLACE; }

/* The chunk at token k names a country ("Ukraine", "Russia's"): its code. */
static const char *country_at(const rl_reading *r, const rl_places *pl, uint32_t k)
{
    int32_t ch = k < r->n ? r->chunk_of[k] : -1;
    if (ch < 0 || r->chunk[ch].person || strlen(r->chunk[ch].code) != 3 ||
        !rl_places_has_country(pl, r->chunk[ch].code))
        return NULL;
    return r->chunk[ch].code;
}

/* What the place phrase opened by the preposition at token k names, if
 * anything: a gazetteer place, else a country. "in Ukraine's Kharkiv region"
 * reads through the possessive country to the place. */
static int phrase_at(const rl_coder *c, const rl_places *pl, uint32_t k, uint16_t cl, const char *prefer,
                     loc_found *out)
{
    const rl_reading *r = &c->r;
    uint32_t j = k + 1, end;
    int rank = 0;
    while (j < r->n && r->clause[j] == cl && ((rl_wc(r, j) & RL_W_THE) || (pw(c, j) & RL_PW_DIR)))
        j++;
    const rl_place *p = name_at(r, pl, j, cl, prefer, &end, &rank);
    const char *cc = country_at(r, pl, j);
    /* a region's short form is no match for a country's name: "in Niger" is
     * the country, not Nigeria's Niger State; "in Georgia" not the US state */
    if (p && rank == 0 && cc && r->chunk[r->chunk_of[j]].end >= end)
        p = NULL;
    if (p) {
        *out = (loc_found){p, "", place_prec(p), k};
        memcpy(out->country, p->country, 4);
        return 1;
    }
    if (!cc)
        return 0;
    int32_t ch = r->chunk_of[j];
    if (r->chunk[ch].possessive && (p = name_at(r, pl, r->chunk[ch].end + 1, cl, cc, &end, NULL)) != NULL) {
        *out = (loc_found){p, "", place_prec(p), k};
        memcpy(out->country, p->country, 4);
        return 1;
    }
    *out = (loc_found){NULL, "", RL_LOC_COUNTRY, k};
    memcpy(out->country, cc, 4);
    return 1;
}

/* The most precise place phrase of the clause: those after the act first,
 * then those before it; among equals, the nearest after it. */
static int clause_phrase(const rl_coder *c, const rl_places *pl, const rl_pmatch *m, const char *prefer,
                         loc_found *best)
{
    const rl_reading *r = &c->r;
    uint16_t cl = r->clause[m->head];
    uint32_t a = m->start, b = m->end;
    while (a > 0 && r->clause[a - 1] == cl)
        a--;
    while (b < r->n && r->clause[b] == cl)
        b++;
    int found = 0;
    for (int pass = 0; pass < 2; pass++) {
        uint32_t from = pass ? a : m->end, to = pass ? m->start : b;
        for (uint32_t k = from; k < to; k++) {
            loc_found f;
            if (!place_prep(c, k) || !phrase_at(c, pl, k, cl, prefer, &f))
                continue;
            if (!found || f.prec > best->prec) {
                *best = f;
                found = 1;
            }
        }
    }
    return found;
}

/* Roots whose target is the place acted on: force (18-20). */
static int force_root(int root) { return root >= 18 && root <= 20; }

/* An act done to a place: material acts (quad classes 2 and 4) and visits (042). */
static int target_is_site(const rl_event *e)
{
    return e->quad == 2 || e->quad == 4 || !strncmp(e->code, "042", 3);
}

/* The target chunk's own name as a place: "shelled Kharkiv", "strikes on Gaza City"
 * (a name may run past the chunk: the actor "Gaza" in "Gaza City"). */
static int target_place(const rl_reading *r, const rl_places *pl, int32_t tgt, const char *prefer,
                        loc_found *out)
{
    if (tgt < 0 || r->chunk[tgt].person)
        return 0;
    const rl_chunk *x = &r->chunk[tgt];
    uint32_t k = x->start, end;
    while (k < x->end && (rl_wc(r, k) & RL_W_THE))
        k++;
    uint16_t cl = r->clause[k < r->n ? k : 0];
    const rl_place *p = name_at(r, pl, k, cl, prefer, &end, NULL);
    /* "shelled Ukraine's Kharkiv region": the place after the possessive */
    if (!p && x->possessive)
        p = name_at(r, pl, x->end + 1, cl, prefer, &end, NULL);
    if (!p)
        return 0;
    *out = (loc_found){p, "", place_prec(p), k};
    memcpy(out->country, p->country, 4);
    return 1;
}

static void country3(const char *code, const rl_places *pl, char out[4])
{
    out[0] = '\0';
    if (strlen(code) >= 3 && rl_places_code3(code) >= 0) {
        char c[4] = {code[0], code[1], code[2], '\0'};
        if (rl_places_has_country(pl, c))
            memcpy(out, c, 4);
    }
}

void rl_place_locate(const rl_coder *c, rl_pred *pr, rl_buf *trace)
{
    const rl_reading *r = &c->r;
    rl_event *e = &pr->e;
    const rl_places *pl = rl_dict_places(r->dict);
    e->place = NULL;
    e->loc_country[0] = '\0';
    e->loc_precision = RL_LOC_UNKNOWN;
    if (!pl)
        return;
    char tc[4] = "", sc[4] = "";
    if (pr->nt > 0)
        country3(pr->tgts[0], pl, tc);
    if (pr->ns > 0)
        country3(pr->srcs[0], pl, sc);
    loc_found f;
    const char *why = "place phrase";
    int ok = clause_phrase(c, pl, pr->m, tc[0] ? tc : NULL, &f);
    if ((!ok || f.prec == RL_LOC_COUNTRY) && target_is_site(e)) {
        loc_found t;
        if (target_place(r, pl, pr->tgt, tc[0] ? tc : NULL, &t) && (!ok || !strcmp(t.country, f.country))) {
            f = t;
            ok = 1;
            why = "target";
        }
    }
    if (!ok && ((force_root(rl_code_root(e->code)) && tc[0]) ||
                (tc[0] && !strcmp(tc, sc)))) {
        f = (loc_found){NULL, "", RL_LOC_COUNTRY, 0};
        memcpy(f.country, tc, 4);
        ok = 1;
        why = force_root(rl_code_root(e->code)) ? "target's country" : "both sides' country";
    }
    if (!ok)
        return;
    e->place = f.place;
    memcpy(e->loc_country, f.country, 4);
    e->loc_precision = (uint8_t)f.prec;
    if (trace)
        rl_buf_printf(trace, "location: %s%s%s (%s), %s, from the %s\n", f.place ? f.place->name : "",
                      f.place ? " " : "", f.country, f.place && f.place->region[0] ? f.place->region : "-",
                      rl_loc_precision_name(f.prec), why);
}
