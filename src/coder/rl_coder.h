/* rl_coder.h: sentences to events: date expressions, the shallow reading
 * (match), roles, codes, modality and event dates (code), and the per-story
 * pipeline (story). Depends on lexicon, text and base; no I/O library. This is
 * the subsystem's interface: code outside src/coder/ includes this header
 * only. */
#ifndef RL_CODER_SUBSYSTEM_H
#define RL_CODER_SUBSYSTEM_H

#include "coder/date.h"
#include "coder/match.h"
#include "coder/code.h"
#include "coder/story.h"

#endif
