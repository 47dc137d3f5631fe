/* rl_petrarch.h: compatibility with PETRARCH/TABARI: their dictionaries read
 * into ours, their XML input and their validation records. Depends on formats,
 * lexicon and libxml2. This is the subsystem's interface: code outside
 * src/petrarch/ includes this header only. */
#ifndef RL_PETRARCH_SUBSYSTEM_H
#define RL_PETRARCH_SUBSYSTEM_H

#include "petrarch/petrdict.h"
#include "petrarch/petrval.h"
#include "petrarch/petrxml.h"

#endif
