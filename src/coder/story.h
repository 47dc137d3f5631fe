/* story.h: a news story and the pipeline that codes it: clean (clean.h),
 * split into sentences (tok.h), code each sentence (code.h), hand each event
 * to a callback. An rl_pipeline is per-thread scratch (rl_pipeline_new/_free);
 * stories and the strings in them are borrowed. */
#ifndef RL_STORY_H
#define RL_STORY_H

#include "text/clean.h"
#include "coder/code.h"

typedef struct rl_story {
    const char *id;
    rl_day date;           /* RL_NODATE if unknown */
    const char *text;
    size_t len;
    const char *publisher; /* optional: the outlet (JSONL "publisher", formerly "source") */
    const char *url;       /* optional */
    const char *title;     /* optional */
    const char *file;      /* where it came from, for messages */
    long line;
} rl_story;

/* Called for each event; sent/sent_len is the sentence text. Non-zero stops. */
typedef int (*rl_event_fn)(const rl_story *s, const rl_event *e, const char *sent,
                           size_t sent_len, void *ctx);

/* Called for each sentence that gave no event, with why (enum rl_miss of
 * code.h) and its 0-based index. Non-zero stops. */
typedef int (*rl_miss_fn)(const rl_story *s, unsigned sentence, int miss, const char *sent,
                          size_t sent_len, void *ctx);

typedef struct rl_pipeline rl_pipeline;

rl_pipeline *rl_pipeline_new(const rl_dict *d, rl_diag *dg);
void rl_pipeline_free(rl_pipeline *p);
/* Sentences without events go to fn from now on (NULL: nowhere, the default). */
void rl_pipeline_set_miss(rl_pipeline *p, rl_miss_fn fn, void *ctx);

/* Codes one story. Returns RL_OK, RL_ENOMEM, or the callback's non-zero value.
 * Problems with the text (invalid UTF-8, cut sentences) are reported to dg. */
int rl_code_story(rl_pipeline *p, const rl_story *s, rl_event_fn fn, void *ctx);

/* Totals since creation. */
typedef struct rl_pipeline_stats {
    unsigned long stories, sentences, events, cut_sentences;
    unsigned long invalid_utf8, boilerplate, captions, duplicates;
} rl_pipeline_stats;
void rl_pipeline_stats_get(const rl_pipeline *p, rl_pipeline_stats *st);

/* Codes a single sentence with a trace of the reading into trace (explain). */
int rl_explain_sentence(rl_pipeline *p, const char *sentence, rl_day story_date,
                        rl_events *out, rl_buf *trace);

#endif
