/* emit.h: writes events as JSON lines, tab-separated values or the Phoenix
 * event-data layout, the output formats documented in docs/output.md. An rl_emitter owns a reusable
 * JSON object and output buffer (rl_emitter_new/rl_emitter_free); the stream,
 * stories and events are borrowed. */
#ifndef RL_EMIT_H
#define RL_EMIT_H

#include "coder/story.h"
#include "lexicon/names.h"

/* RL_OUT_PHOENIX: the 26 tab-separated columns of Phoenix event data, no header;
 * RL_OUT_CSV: the TSV columns as RFC 4180 CSV, with a header row */
enum rl_out_format { RL_OUT_JSONL, RL_OUT_TSV, RL_OUT_PHOENIX, RL_OUT_CSV };

typedef struct rl_emitter rl_emitter;

/* NULL on allocation failure. Writes the header of RL_OUT_TSV and RL_OUT_CSV;
 * for RL_OUT_TSV after a comment line "# COMMENT" when comment is not NULL (the
 * coder's version; CSV has no comment lines, RFC 4180). */
rl_emitter *rl_emitter_new(FILE *out, int format, const char *comment);
void rl_emitter_free(rl_emitter *em);
/* Actor names for the source_name and target_name fields (borrowed; NULL, the
 * default: the fields are empty). */
void rl_emitter_set_names(rl_emitter *em, const rl_names *names);
/* Events written as no row so far (Phoenix: negated and hypothetical ones). */
unsigned long rl_emitter_left_out(const rl_emitter *em);
/* Writes one event. Returns 0, or -1 on a write or allocation error.
 * RL_OUT_PHOENIX writes no row for a negated or hypothetical event (Phoenix
 * has no modality column: a row is an event that happened); they are counted
 * for rl_emitter_left_out. */
int rl_emit(rl_emitter *em, const rl_story *s, const rl_event *e, const char *sent,
            size_t sent_len);

#endif
