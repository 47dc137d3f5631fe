/* htmlpage.h: saved web pages as stories. A page is parsed with libxml2's HTML
 * parser (forgiving, as browsers are), its main text found (the <article> with
 * the most text, else <main> or role="main", else <body>) and its boilerplate
 * dropped (script, style, nav, header, footer, aside, form, figures, and blocks
 * whose class or id says navigation, sharing, comments, ads or related links);
 * each block (paragraph, heading, list item) becomes a paragraph of the story.
 * The title, date, publisher and URL come from the page's metadata when it has
 * them. Handed to the story readers as an rl_xml_reader (input.h), so the
 * coder's libraries need no libxml2. */
#ifndef RL_HTMLPAGE_H
#define RL_HTMLPAGE_H

#include "formats/input.h"

/* Reads one HTML page from f (prefix[0..plen) already read) and calls fn with
 * its story: id the file's base name, date from the page's metadata, else
 * --date, else a dateline. Returns RL_OK, RL_EIO (unreadable, not HTML),
 * RL_ENOMEM or fn's value. */
int rl_htmlpage_read(FILE *f, const char *name, const char *prefix, size_t plen,
                     const rl_input_opts *o, rl_story_fn fn, void *ctx, rl_diag *dg,
                     rl_input_stats *st);

/* The main text of an HTML document in memory, one block per line, into a
 * new NUL-terminated string (*out, caller frees); title, date, publisher and
 * url (each may be NULL) get new strings or NULL. RL_OK, RL_EPARSE, RL_ENOMEM. */
typedef struct rl_htmlpage_meta {
    char *title, *date, *publisher, *url;
} rl_htmlpage_meta;
int rl_htmlpage_text(const char *html, size_t n, const char *name, char **out,
                     rl_htmlpage_meta *meta);
void rl_htmlpage_meta_release(rl_htmlpage_meta *m);

#endif
