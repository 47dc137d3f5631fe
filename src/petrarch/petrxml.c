/* petrxml.c: reads PETRARCH/TABARI XML input with libxml2: <Sentence> and
 * <Article> records (date="YYYYMMDD" or "YYMMDD", id, source) holding a
 * <Text>, at any depth (<Sentences>, <Articles>, a validation file's
 * <Validation><Sentences>). Each record becomes one story. Inside a Text a
 * line break is a blank, as PETRARCH reads it; in an Article a blank line
 * separates paragraphs. The Parse element is ignored (redline reads raw
 * text). Records without a date or text are reported and skipped. */
#include "petrarch/petrxml.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(FILE *f, const char *prefix, size_t plen, size_t *n)
{
    size_t cap = 1 << 16, len = plen;
    char *b = malloc(cap > plen ? cap : plen + 1);
    if (!b)
        return NULL;
    if (cap < plen + 1)
        cap = plen + 1;
    memcpy(b, prefix, plen);
    for (;;) {
        if (len == cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                return NULL;
            }
            b = nb;
            cap *= 2;
        }
        size_t r = fread(b + len, 1, cap - len, f);
        if (r == 0)
            break;
        len += r;
    }
    *n = len;
    return b;
}

/* YYYYMMDD, or YYMMDD with years up to 30 in the 2000s (PETRARCH's rule) */
static rl_day petr_date(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n != 8 && n != 6)
        return RL_NODATE;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return RL_NODATE;
    char iso[16];
    if (n == 8)
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    else
        snprintf(iso, sizeof iso, "%s%.2s-%.2s-%.2s", (s[0] - '0') * 10 + (s[1] - '0') <= 30 ? "20" : "19",
                 s, s + 2, s + 4);
    return rl_date_parse_iso(iso, 10, 0);
}

/* Folds the record's text in place: line breaks become blanks; in an
 * article a blank line stays a paragraph break. Returns the new length. */
static size_t fold_text(char *s, int article)
{
    size_t k = 0;
    for (size_t i = 0; s[i];) {
        if (s[i] == '\n' || s[i] == '\r') {
            size_t j = i, breaks = 0;
            while (s[j] && isspace((unsigned char)s[j])) {
                breaks += s[j] == '\n';
                j++;
            }
            if (k > 0 && s[j])
                s[k++] = article && breaks > 1 ? '\n' : ' ';
            i = j;
            continue;
        }
        s[k++] = s[i++];
    }
    s[k] = '\0';
    return k;
}

typedef struct walk {
    const char *name;
    rl_story_fn fn;
    void *ctx;
    rl_diag *dg;
    rl_input_stats *st;
} walk;

static int record(walk *w, xmlNodePtr s)
{
    int article = xmlStrcmp(s->name, (const xmlChar *)"Article") == 0;
    xmlChar *date = xmlGetProp(s, (const xmlChar *)"date");
    xmlChar *id = xmlGetProp(s, (const xmlChar *)"id");
    xmlChar *src = xmlGetProp(s, (const xmlChar *)"source");
    xmlChar *text = NULL;
    for (xmlNodePtr c = s->children; c && !text; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, (const xmlChar *)"Text") == 0)
            text = xmlNodeGetContent(c);
    long line = (long)xmlGetLineNo(s);
    rl_day day = petr_date((const char *)date);
    size_t len = text ? fold_text((char *)text, article) : 0;
    int rc = RL_OK;
    if (!text || !len) {
        rl_error(w->dg, w->name, line, "record '%s' has no <Text>; skipped", id ? (char *)id : "?");
        w->st->bad_records++;
    } else if (day == RL_NODATE) {
        rl_error(w->dg, w->name, line, "record '%s' has a missing or bad date '%s' (want YYYYMMDD); skipped",
                 id ? (char *)id : "?", date ? (char *)date : "");
        w->st->bad_records++;
    } else {
        rl_story story;
        memset(&story, 0, sizeof story);
        story.id = id ? (const char *)id : "";
        story.date = day;
        story.text = (const char *)text;
        story.len = len;
        story.publisher = (const char *)src;
        story.file = w->name;
        story.line = line;
        w->st->stories++;
        rc = w->fn(&story, w->ctx);
    }
    xmlFree(date);
    xmlFree(id);
    xmlFree(src);
    xmlFree(text);
    return rc;
}

/* Records at any depth; a record's own children are not searched. */
static int walk_nodes(walk *w, xmlNodePtr first, int depth)
{
    int rc = RL_OK;
    for (xmlNodePtr n = first; n && !rc; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrcmp(n->name, (const xmlChar *)"Sentence") == 0 ||
            xmlStrcmp(n->name, (const xmlChar *)"Article") == 0)
            rc = record(w, n);
        else if (depth < 64)
            rc = walk_nodes(w, n->children, depth + 1);
        else
            rl_warn(w->dg, w->name, (long)xmlGetLineNo(n), "elements nested deeper than 64 levels are not read");
    }
    return rc;
}

int rl_petrxml_read(FILE *f, const char *name, const char *prefix, size_t plen,
                    rl_story_fn fn, void *ctx, rl_diag *dg, rl_input_stats *st)
{
    size_t n = 0;
    char *buf = slurp(f, prefix, plen, &n);
    if (!buf)
        return RL_ENOMEM;
    xmlDocPtr doc = xmlReadMemory(buf, (int)(n > INT32_MAX ? INT32_MAX : n), name, NULL,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                  XML_PARSE_RECOVER | XML_PARSE_HUGE);
    free(buf);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        rl_error(dg, name, e ? e->line : 0, "not readable as XML: %s",
                 e && e->message ? e->message : "parse error");
        return RL_EIO;
    }
    const xmlError *e = xmlGetLastError();
    if (e && e->level >= XML_ERR_ERROR)
        rl_warn(dg, name, e->line, "malformed XML (%s); read what could be recovered",
                e->message ? strtok(e->message, "\n") : "error");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    walk w = {name, fn, ctx, dg, st};
    int rc = RL_OK;
    if (root && (xmlStrcmp(root->name, (const xmlChar *)"Sentence") == 0 ||
                 xmlStrcmp(root->name, (const xmlChar *)"Article") == 0))
        rc = record(&w, root);
    else if (root)
        rc = walk_nodes(&w, root->children, 0);
    xmlFreeDoc(doc);
    return rc;
}
