/* trace.c: the reading of a sentence in words, for `redline explain`: its
 * tokens, its clauses (embedded ones marked), quotations and their speakers,
 * the actors and agents found (with the dictionary line behind each), the
 * modal constructions, date expressions and verb patterns. It decides
 * nothing; code.c calls it before the stages run. */
#include "coder/internal.h"

/* "clause 1: Lavrov , ... on Thursday accused NATO ..." - one line per clause
 * number, its words in order; a clause that resumes after an embedded one
 * shows both parts. */
static void trace_clauses(const rl_reading *r, rl_buf *tr)
{
    uint16_t max = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->clause[i] > max)
            max = r->clause[i];
    if (max == 0)
        return;
    for (uint16_t cl = 0; cl <= max; cl++) {
        int any = 0, gap = 0;
        for (size_t i = 0; i < r->n; i++) {
            if (r->clause[i] != cl) {
                gap = any;
                continue;
            }
            if (!any)
                rl_buf_printf(tr, "clause %u:", (unsigned)cl);
            rl_buf_printf(tr, "%s %.*s", gap ? " ..." : "", (int)r->tok[i].len, r->text + r->tok[i].off);
            any = 1;
            gap = 0;
        }
        if (any)
            rl_buf_printf(tr, "\n");
    }
    rl_buf_printf(tr, "  (\"...\" marks an embedded clause left out: a verb after it still finds its subject before it)\n");
}

static void trace_quotes(const rl_reading *r, rl_buf *tr)
{
    for (uint8_t i = 0; i < r->nquote; i++) {
        const rl_quote *q = &r->quote[i];
        char t[80], sp[80] = "not named in this sentence";
        rl_span_text(r, q->start, q->end, t, sizeof t);
        if (q->speaker >= 0)
            rl_span_text(r, r->chunk[q->speaker].start, r->chunk[q->speaker].end, sp, sizeof sp);
        rl_buf_printf(tr, "quote: \"%s\" spoken by %s (\"we\", \"I\", \"our\" inside stand for the speaker)\n", t, sp);
    }
}

void rl_trace_reading(const rl_coder *c, rl_buf *tr)
{
    const rl_reading *r = &c->r;
    rl_buf_printf(tr, "tokens:");
    for (size_t i = 0; i < r->n; i++)
        rl_buf_printf(tr, " %.*s%s", (int)r->tok[i].len, r->text + r->tok[i].off,
                      r->tok[i].word ? "" : "?");
    rl_buf_printf(tr, "\n  (words marked ? are in no dictionary)\n");
    trace_clauses(r, tr);
    trace_quotes(r, tr);
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
                      x->anaphor == RL_CH_FIRST     ? "(first person: the quote's speaker)"
                      : x->anaphor == RL_CH_COUNTRY ? "(description: the country named before it)"
                      : x->anaphor == RL_CH_ORG     ? "(description: the group named before it)"
                      : x->anaphor == RL_CH_IGO     ? "(description: the organization named before it)"
                      : x->anaphor                  ? "(pronoun: resolved from earlier sentences)"
                      : x->code[0]                  ? x->code
                                                    : "(agent only)",
                      x->role ? " [" : "", x->role ? x->role : "", x->role ? "]" : "",
                      x->prep >= 0 ? " after a preposition" : "", x->hyphen ? " (modifier)" : "",
                      (int)x->group);
        if (x->appos >= 0) {
            char h[96];
            rl_span_text(r, r->chunk[x->appos].start, r->chunk[x->appos].end, h, sizeof h);
            rl_buf_printf(tr, "  (a possessive qualifying \"%s\": that actor fills a slot, not this one)\n", h);
        }
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
