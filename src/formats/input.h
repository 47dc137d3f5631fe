/* input.h: story readers: JSONL (one story object per line), plain text (one
 * story per file, date from the caller or a dateline), with format sniffing for
 * stdin. Bad records are reported as file:line and skipped; the rest is read.
 * Stories passed to the callback are borrowed and valid only during the call. */
#ifndef RL_INPUT_H
#define RL_INPUT_H

#include "coder/story.h"

enum rl_format { RL_FMT_AUTO, RL_FMT_JSONL, RL_FMT_TEXT, RL_FMT_XML, RL_FMT_HTML };

typedef int (*rl_story_fn)(const rl_story *s, void *ctx);
typedef struct rl_input_stats rl_input_stats;

/* A reader for XML story input (PETRARCH/TABARI records: petrarch/petrxml.c,
 * rl_petrxml_read). It lives above this layer so that the coder's libraries
 * need no libxml2; prefix[0..plen) holds bytes already read from f. */
typedef int (*rl_xml_reader)(FILE *f, const char *name, const char *prefix, size_t plen,
                             rl_story_fn fn, void *ctx, rl_diag *dg, rl_input_stats *st);

typedef struct rl_input_opts rl_input_opts;
/* A reader for saved web pages (htmlpage/htmlpage.c, rl_htmlpage_read), above
 * this layer for the same reason; it takes the options for --date. */
typedef int (*rl_html_reader)(FILE *f, const char *name, const char *prefix, size_t plen,
                              const rl_input_opts *o, rl_story_fn fn, void *ctx, rl_diag *dg,
                              rl_input_stats *st);

struct rl_input_opts {
    int format;            /* enum rl_format */
    rl_day date;           /* --date: story date for text input, RL_NODATE if none */
    rl_xml_reader xml;     /* XML input; NULL: XML is reported as unsupported */
    rl_html_reader html;   /* HTML pages; NULL: reported as unsupported */
};

struct rl_input_stats {
    unsigned long stories;
    unsigned long bad_records;  /* skipped with a message */
};

/* Reads every story of f (named name in messages) and calls fn on it.
 * Returns RL_OK; RL_EIO when the input as a whole is unusable (unreadable,
 * binary); RL_ENOMEM; or fn's non-zero value. */
int rl_input_read(FILE *f, const char *name, const rl_input_opts *o, rl_story_fn fn, void *ctx,
                  rl_diag *dg, rl_input_stats *st);

/* Format from a file name: .jsonl/.json/.ndjson -> JSONL, .xml -> XML,
 * .html/.htm -> HTML, else text. */
int rl_input_format_for(const char *name);

/* Finds a dateline date ("MOSCOW, Dec 31 (Reuters) -", "December 31, 2021")
 * in the first lines of a text; RL_NODATE if none. */
rl_day rl_input_dateline(const char *text, size_t n);

#endif
