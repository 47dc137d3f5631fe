/* petrxml.h: PETRARCH/TABARI XML story input (<Sentence> and <Article>
 * records), read with libxml2. rl_petrxml_read is an rl_xml_reader
 * (formats/input.h): callers put it in rl_input_opts.xml. */
#ifndef RL_PETRXML_H
#define RL_PETRXML_H

#include "formats/input.h"

/* Reads every record of f (prefix[0..plen) already read from it) as a story
 * and calls fn on it. Returns RL_OK, RL_EIO (not XML), RL_ENOMEM or fn's
 * non-zero value; bad records are reported to dg and skipped. */
int rl_petrxml_read(FILE *f, const char *name, const char *prefix, size_t plen,
                    rl_story_fn fn, void *ctx, rl_diag *dg, rl_input_stats *st);

#endif
