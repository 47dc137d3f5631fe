/* story.c: the per-story pipeline: clean, paragraphs, sentences, coding. */
#include "coder/story.h"

#include <stdlib.h>
#include <string.h>

#define RL_MAX_SENT_TOKENS 400

struct rl_pipeline {
    const rl_dict *d;
    rl_diag *dg;
    rl_coder *coder;
    rl_buf clean;
    rl_toks toks;
    rl_events ev;
    rl_pipeline_stats st;
};

rl_pipeline *rl_pipeline_new(const rl_dict *d, rl_diag *dg)
{
    rl_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->d = d;
    p->dg = dg;
    p->coder = rl_coder_new(d);
    if (!p->coder) {
        free(p);
        return NULL;
    }
    rl_buf_init(&p->clean);
    rl_toks_init(&p->toks);
    rl_events_init(&p->ev);
    return p;
}

void rl_pipeline_free(rl_pipeline *p)
{
    if (!p)
        return;
    rl_coder_free(p->coder);
    rl_buf_release(&p->clean);
    rl_toks_release(&p->toks);
    rl_events_release(&p->ev);
    free(p);
}

void rl_pipeline_stats_get(const rl_pipeline *p, rl_pipeline_stats *st) { *st = p->st; }

int rl_code_story(rl_pipeline *p, const rl_story *s, rl_event_fn fn, void *ctx)
{
    rl_clean_stats cs;
    memset(&cs, 0, sizeof cs);
    int rc = rl_clean_text(s->text, s->len, &p->clean, &cs);
    if (rc)
        return rc;
    if (cs.invalid_utf8)
        rl_warn(p->dg, s->file, s->line + (s->line ? 0 : (long)cs.first_invalid_line),
                "story '%s': %u invalid UTF-8 sequence%s replaced by U+FFFD", s->id,
                cs.invalid_utf8, cs.invalid_utf8 == 1 ? "" : "s");
    p->st.stories++;
    p->st.invalid_utf8 += cs.invalid_utf8;
    p->st.boilerplate += cs.boilerplate;
    p->st.captions += cs.captions;
    p->st.duplicates += cs.duplicates;
    rl_coder_begin_story(p->coder, s->date);
    uint32_t sent_index = 0;
    const char *text = p->clean.data;
    size_t len = p->clean.len;
    size_t pos = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t pend = nl ? (size_t)(nl - text) : len;
        const char *para = text + pos;
        size_t plen = pend - pos;
        unsigned cut = 0;
        if ((rc = rl_tok_paragraph(para, plen, &p->toks, RL_MAX_SENT_TOKENS, &cut)))
            return rc;
        if (cut) {
            p->st.cut_sentences += cut;
            rl_warn(p->dg, s->file, s->line, "story '%s': %u over-long sentence%s cut at %d tokens",
                    s->id, cut, cut == 1 ? "" : "s", RL_MAX_SENT_TOKENS);
        }
        size_t b = 0;
        for (size_t i = 0; i < p->toks.n; i++) {
            if (!p->toks.v[i].sent_end)
                continue;
            rl_token *st = p->toks.v + b;
            size_t nt = i + 1 - b;
            size_t so = st[0].off, se = st[nt - 1].off + st[nt - 1].len;
            p->ev.n = 0;
            /* token offsets are relative to the paragraph */
            if ((rc = rl_coder_sentence(p->coder, para, st, nt, &p->ev, NULL)))
                return rc;
            p->st.sentences++;
            for (size_t k = 0; k < p->ev.n; k++) {
                p->ev.v[k].sentence = sent_index;
                p->st.events++;
                if (fn && (rc = fn(s, &p->ev.v[k], para + so, se - so, ctx)))
                    return rc;
            }
            sent_index++;
            b = i + 1;
        }
        pos = pend + 1;
    }
    return RL_OK;
}

int rl_explain_sentence(rl_pipeline *p, const char *sentence, rl_day story_date,
                        rl_events *out, rl_buf *trace)
{
    rl_clean_stats cs;
    memset(&cs, 0, sizeof cs);
    int rc = rl_clean_text(sentence, strlen(sentence), &p->clean, &cs);
    if (rc)
        return rc;
    if (cs.boilerplate || cs.captions)
        rl_buf_printf(trace, "cleanup: the text was dropped as %s\n",
                      cs.captions ? "a photo caption" : "site boilerplate");
    rl_coder_begin_story(p->coder, story_date);
    const char *text = p->clean.data;
    size_t len = p->clean.len, pos = 0;
    uint32_t si = 0;
    while (pos < len) {
        const char *nl = memchr(text + pos, '\n', len - pos);
        size_t pend = nl ? (size_t)(nl - text) : len;
        if ((rc = rl_tok_paragraph(text + pos, pend - pos, &p->toks, RL_MAX_SENT_TOKENS, NULL)))
            return rc;
        size_t b = 0;
        for (size_t i = 0; i < p->toks.n; i++) {
            if (!p->toks.v[i].sent_end)
                continue;
            size_t before = out->n;
            rl_buf_printf(trace, "--- sentence %u\n", si);
            if ((rc = rl_coder_sentence(p->coder, text + pos, p->toks.v + b, i + 1 - b, out, trace)))
                return rc;
            for (size_t k = before; k < out->n; k++)
                out->v[k].sentence = si;
            si++;
            b = i + 1;
        }
        pos = pend + 1;
    }
    return RL_OK;
}
