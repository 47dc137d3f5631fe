/* rl_store.h: the event store (SQLite) and the dyad monitor over it: series,
 * rankings, reports and the dashboard's read-only queries. Depends on coder,
 * text and sqlite3. This is the subsystem's interface: code outside src/store/
 * includes this header only. */
#ifndef RL_STORE_SUBSYSTEM_H
#define RL_STORE_SUBSYSTEM_H

#include "store/store.h"
#include "store/series.h"
#include "store/report.h"
#include "store/browse.h"
#include "store/alert.h"

#endif
