/* quote.c: quoted speech and its speaker. Finds the quotations of a sentence
 * ("...," Biden told reporters; said Casin; Lavrov said: "...") and who said
 * them, so that "we", "us", "I", "our forces" inside a quote stand for the
 * speaker's side rather than for whoever was named last. A quote that ends in
 * this sentence but opened in an earlier one starts at the sentence's start.
 * It decides no events (code.c) and no roles outside quotes (roles.c). */
#include "coder/match.h"

#include <string.h>

/* 1: opening quote, 2: closing quote, 3: straight quote (either), 0: none. */
static int quote_kind(const rl_reading *r, uint32_t k)
{
    const rl_token *t = &r->tok[k];
    if (!(t->flags & RL_T_PUNCT) && !(t->flags & RL_T_NONASCII))
        return 0;
    const char *s = r->text + t->off;
    if (t->len == 1 && s[0] == '"')
        return 3;
    if (t->len == 3 && !memcmp(s, "\xE2\x80\x9C", 3))
        return 1;
    if (t->len == 3 && !memcmp(s, "\xE2\x80\x9D", 3))
        return 2;
    return 0;
}

static void add_span(rl_reading *r, uint32_t a, uint32_t b)
{
    if (r->nquote < RL_MAX_QUOTES && a < b)
        r->quote[r->nquote++] = (rl_quote){a, b, -1};
}

void rl_quote_spans(rl_reading *r)
{
    r->nquote = 0;
    unsigned straight = 0;
    for (uint32_t k = 0; k < r->n; k++)
        straight += quote_kind(r, k) == 3;
    /* a sentence inside a quote opened in an earlier one: the quote runs
     * from its start (to its first closing mark, else to its end) */
    int64_t open = r->quote_carry ? -1 : -2;
    r->quote_open = 0;
    for (uint32_t k = 0; k < r->n; k++) {
        int q = quote_kind(r, k);
        if (!q)
            continue;
        if (q == 3) {
            straight--;
            /* an odd straight quote with none after it closes a quote opened
             * in an earlier sentence */
            q = open >= -1 ? 2 : straight > 0 ? 1 : 2;
            /* the sentence's first token opens, its last closes */
            if (k == 0)
                q = 1;
            else if (k + 1 == r->n)
                q = 2;
        }
        if (q == 1) {
            open = k;
        } else {
            add_span(r, open >= 0 ? (uint32_t)open + 1 : 0, k);
            open = -2;
        }
    }
    if (open >= -1) {
        add_span(r, open >= 0 ? (uint32_t)open + 1 : 0, (uint32_t)r->n);
        r->quote_open = 1;
    }
}

int rl_quote_at(const rl_reading *r, uint32_t k)
{
    for (uint8_t i = 0; i < r->nquote; i++)
        if (r->quote[i].start <= k && k < r->quote[i].end)
            return i;
    return -1;
}

static int is_report(const rl_reading *r, const rl_pmatch *x)
{
    return rl_dict_pattern(r->dict, x->pat)->modal == RL_M_REPORT;
}

static int32_t group_head(const rl_reading *r, int32_t ch)
{
    return ch < 0 ? -1 : (int32_t)r->group[r->chunk[ch].group].first;
}

/* After the closing quote at k: `, X said` / `X told reporters` / `said X`. */
static int32_t speaker_after(const rl_reading *r, uint32_t k)
{
    k++;
    if (k < r->n && rl_is_punct(r, k, ','))
        k++;
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pmatch *x = &r->modal[i];
        /* "..., Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al
         * Thani said": long titles and names stand between */
        if (!is_report(r, x) || x->start < k || x->start > k + 14)
            continue;
        if (x->start == k) { /* said X */
            uint32_t j = x->end;
            while (j < r->n && (rl_wc(r, j) & RL_W_DET) && r->chunk_of[j] < 0)
                j++;
            return j < r->n ? group_head(r, r->chunk_of[j]) : -1;
        }
        int32_t ch = r->chunk_of[x->start - 1 >= k ? x->start - 1 : k];
        uint32_t j = x->start;
        while (j > k && ch < 0 && (rl_wc(r, j - 1) & RL_W_ADV)) /* X also said */
            ch = r->chunk_of[--j - 1 >= k ? j - 1 : k];
        if (ch >= 0 && r->chunk[ch].start >= k)
            return group_head(r, ch);
        return -1;
    }
    return -1;
}

/* Before the opening quote at k: `X said: "` / `X said, "` / `X told VOA "`. */
static int32_t speaker_before(const rl_reading *r, uint32_t k)
{
    uint32_t e = k;
    if (e > 0 && (rl_is_punct(r, e - 1, ':') || rl_is_punct(r, e - 1, ',')))
        e--;
    for (size_t i = 0; i < r->nmodal; i++) {
        const rl_pmatch *x = &r->modal[i];
        if (!is_report(r, x) || x->end > e || x->end + 2 < e)
            continue;
        for (int64_t j = (int64_t)x->start - 1; j >= 0 && j + 4 >= (int64_t)x->start; j--)
            if (r->chunk_of[j] >= 0)
                return group_head(r, r->chunk_of[j]);
    }
    return -1;
}

void rl_quote_speakers(rl_reading *r)
{
    for (uint8_t i = 0; i < r->nquote; i++) {
        rl_quote *q = &r->quote[i];
        int32_t sp = q->end < r->n ? speaker_after(r, q->end) : -1;
        if (sp < 0 && q->start > 0)
            sp = speaker_before(r, q->start - 1);
        /* a speaker inside its own quote is no speaker */
        if (sp >= 0 && r->chunk[sp].start >= q->start && r->chunk[sp].start < q->end)
            sp = -1;
        q->speaker = sp;
    }
}

int rl_quote_first_person(const rl_reading *r, uint32_t k)
{
    static const char *const FIRST[] = {"we", "us", "i", "me"};
    if (rl_quote_at(r, k) < 0)
        return 0;
    for (size_t j = 0; j < sizeof FIRST / sizeof *FIRST; j++)
        if (rl_match_is_word(r, k, FIRST[j]))
            return 1;
    return 0;
}

int32_t rl_quote_speaker_of(const rl_reading *r, uint32_t k)
{
    int q = rl_quote_at(r, k);
    return q >= 0 ? r->quote[q].speaker : -1;
}
