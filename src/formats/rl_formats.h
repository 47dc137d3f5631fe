/* rl_formats.h: the edges of the pipeline: story readers (JSONL, plain text),
 * event writers (JSONL, TSV, Phoenix) and the gold reader and scorer. Depends
 * on coder and jansson. This is the subsystem's interface: code outside
 * src/formats/ includes this header only. */
#ifndef RL_FORMATS_SUBSYSTEM_H
#define RL_FORMATS_SUBSYSTEM_H

#include "formats/input.h"
#include "formats/emit.h"
#include "formats/gold.h"
#include "formats/newsgold.h"

#endif
