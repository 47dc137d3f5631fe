/* trace.c: the reading of a sentence in words, for `redline explain`: its
 * tokens, the actors and agents found (with the dictionary line behind each),
 * the modal constructions, date expressions and verb patterns. It decides
 * nothing; code.c calls it before the stages run. */
#include "coder/internal.h"

void rl_trace_reading(const rl_coder *c, rl_buf *tr)
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
