/* rl_text.h: story text made readable: character repair and debris removal
 * (clean), sentences and tokens (tok). Depends on base and utf8proc. This is
 * the subsystem's interface: code outside src/text/ includes this header only. */
#ifndef RL_TEXT_SUBSYSTEM_H
#define RL_TEXT_SUBSYSTEM_H

#include "text/clean.h"
#include "text/tok.h"

#endif
