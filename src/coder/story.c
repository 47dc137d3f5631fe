/* story.c: the per-story pipeline: clean, the story's main country (from its
 * title and dateline, which are not coded), paragraphs, sentences, coding. */
#include "coder/story.h"

#include <ctype.h>
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
    rl_miss_fn miss;
    void *miss_ctx;
};

void rl_pipeline_set_miss(rl_pipeline *p, rl_miss_fn fn, void *ctx)
{
    p->miss = fn;
    p->miss_ctx = ctx;
}

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

/* A dateline at the start of a story: "NAIROBI (Reuters) - ",
 * "GAZA, Oct 9 (Reuters) - ", "ISLAMABAD/PENTAGON - " (dashes are folded by
 * clean.c). Returns the length of the whole prefix (0 if none) and the length
 * of its place part in *place. */
static size_t dateline_prefix(const char *t, size_t n, size_t *place)
{
    size_t i = 0, caps = 0;
    while (i < n && i < 48 && (isupper((unsigned char)t[i]) || strchr(" /.'-", t[i]))) {
        if (t[i] == ' ' && i + 1 < n && t[i + 1] == '-')
            break;
        caps += isupper((unsigned char)t[i]) != 0;
        i++;
    }
    if (caps < 3 || i == 0 || i >= n)
        return 0;
    *place = i;
    while (*place > 0 && t[*place - 1] == ' ')
        (*place)--;
    if (t[i] == ',') { /* ", Oct 9" */
        size_t j = i + 1;
        while (j < n && j < i + 20 && (isalnum((unsigned char)t[j]) || t[j] == ' ' || t[j] == '.'))
            j++;
        i = j;
    }
    while (i < n && t[i] == ' ')
        i++;
    if (i < n && t[i] == '(') { /* "(Reuters)" */
        const char *close = memchr(t + i, ')', n - i < 40 ? n - i : 40);
        if (!close)
            return 0;
        i = (size_t)(close - t) + 1;
        while (i < n && t[i] == ' ')
            i++;
    }
    if (i + 1 >= n || t[i] != '-' || t[i + 1] != ' ')
        return 0;
    return i + 2;
}

/* Counts the countries a short text names toward the story's main country. */
static int note_text(rl_pipeline *p, const char *text, size_t len, unsigned weight)
{
    unsigned cut = 0;
    int rc = rl_tok_paragraph(text, len, &p->toks, RL_MAX_SENT_TOKENS, &cut);
    if (rc == RL_OK && p->toks.n)
        rc = rl_coder_note_text(p->coder, text, p->toks.v, p->toks.n, weight);
    return rc;
}

/* The title and the dateline: counted toward the main country, never coded.
 * Returns how many bytes of the cleaned text the dateline takes. */
static size_t story_context(rl_pipeline *p, const rl_story *s, const char *text, size_t len, int *rc)
{
    *rc = RL_OK;
    if (s->title && *s->title) {
        rl_buf tb;
        rl_buf_init(&tb);
        rl_clean_stats ts;
        memset(&ts, 0, sizeof ts);
        if ((*rc = rl_clean_text(s->title, strlen(s->title), &tb, &ts)) == RL_OK && tb.len)
            *rc = note_text(p, tb.data, tb.len, 2);
        rl_buf_release(&tb);
        if (*rc)
            return 0;
    }
    size_t place = 0, skip = dateline_prefix(text, len, &place);
    if (skip && (*rc = note_text(p, text, place, 3)))
        return 0;
    return skip;
}

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
    size_t pos = story_context(p, s, text, len, &rc);
    if (rc)
        return rc;
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
            if (!p->ev.n && p->miss &&
                (rc = p->miss(s, sent_index, rl_coder_miss(p->coder, 0), para + so, se - so,
                              p->miss_ctx)))
                return rc;
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
