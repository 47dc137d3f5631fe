/* rl_web.h: the dashboard: an HTTP server (libmicrohttpd) with HTML pages and
 * a JSON API over the store. Depends on store, coder and libmicrohttpd. This
 * is the subsystem's interface: code outside src/web/ includes this header
 * only. */
#ifndef RL_WEB_SUBSYSTEM_H
#define RL_WEB_SUBSYSTEM_H

#include "web/serve.h"
#include "web/html.h"

#endif
