/* newsgold.h: the real-news gold sets (the tests/realnews JSONL files, format in
 * docs/annotation.md): one JSON line per sentence of a story kept elsewhere
 * (../shared), by story id and code-point offsets, with its gold events; and
 * the alignment of the coder's cleaned sentences back onto those offsets.
 * rl_newsgold_load appends to a caller-owned rl_newsgold (released with
 * rl_newsgold_release); the skeleton functions work on caller buffers. */
#ifndef RL_NEWSGOLD_H
#define RL_NEWSGOLD_H

#include "formats/gold.h"

typedef struct rl_news_sentence {
    char *story;                /* story id (owned) */
    size_t start, end;          /* code points into the story text, end exclusive */
    rl_gold g;                  /* the gold events (g.text NULL, g.id the story) */
} rl_news_sentence;

typedef struct rl_newsgold {
    rl_news_sentence *v;
    size_t n, cap;
    char **files;
    size_t nfiles;
} rl_newsgold;

void rl_newsgold_init(rl_newsgold *ng);
void rl_newsgold_release(rl_newsgold *ng);
/* Appends the sentences of one file. Malformed lines (bad JSON, offsets that
 * are not numbers or go backwards, unknown modality, bad dates) are reported
 * as file:line and skipped. Returns RL_OK, RL_EIO or RL_ENOMEM. */
int rl_newsgold_load(rl_newsgold *ng, const char *path, rl_diag *dg);

/* A text's skeleton: its ASCII letters and digits, lowercased, each with the
 * code-point offset it came from. Cleanup (quotes, dashes, spaces, NFC) never
 * changes a skeleton, so a cleaned sentence is found in its story by it. */
typedef struct rl_skeleton {
    char *c;                    /* the characters, NUL-terminated */
    size_t *cp;                 /* code-point offset of each (NULL for a probe) */
    size_t n;
} rl_skeleton;

/* Builds the skeleton of text[0..len); with_offsets fills cp. RL_ENOMEM. */
int rl_skeleton_build(rl_skeleton *sk, const char *text, size_t len, int with_offsets);
void rl_skeleton_release(rl_skeleton *sk);
/* Where the probe (a sentence's skeleton) starts in the story skeleton, at or
 * after position *from; its code-point offset, and *from moved past it.
 * Returns 0 when found, -1 when not. Only the first 48 characters of the
 * probe are compared, so sentences cut differently still align. */
int rl_skeleton_locate(const rl_skeleton *story, const rl_skeleton *probe, size_t *from, size_t *cp);

/* Code-point length of UTF-8 text[0..len). */
size_t rl_utf8_count(const char *text, size_t len);

#endif
