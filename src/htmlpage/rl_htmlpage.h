/* rl_htmlpage.h: saved web pages (HTML) as stories, read with libxml2's HTML
 * parser. Depends on formats (the reader interface) and libxml2. This is the
 * subsystem's interface: code outside src/htmlpage/ includes this header only. */
#ifndef RL_HTMLPAGE_SUBSYSTEM_H
#define RL_HTMLPAGE_SUBSYSTEM_H

#include "htmlpage/htmlpage.h"

#endif
