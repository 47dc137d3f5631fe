/* emit.h: writes events as JSON lines (jansson) or tab-separated values, the
 * output formats documented in docs/output.md. Borrowed arguments only. */
#ifndef RL_EMIT_H
#define RL_EMIT_H

#include "story.h"

enum rl_out_format { RL_OUT_JSONL, RL_OUT_TSV };

void rl_emit_tsv_header(FILE *out);
/* Returns 0, or -1 on a write error. */
int rl_emit_event(FILE *out, int format, const rl_story *s, const rl_event *e,
                  const char *sent, size_t sent_len);

#endif
