/* rl_base.h: the ground floor: error codes and diagnostics, growable buffers,
 * CSV rows and calendar days (no dependency). This is the subsystem's interface: code
 * outside src/base/ includes this header only. */
#ifndef RL_BASE_SUBSYSTEM_H
#define RL_BASE_SUBSYSTEM_H

#include "base/rl.h"
#include "base/buf.h"
#include "base/day.h"
#include "base/csv.h"

#endif
