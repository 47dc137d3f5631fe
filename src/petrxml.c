/* petrxml.c: reads PETRARCH/TABARI XML input (<Sentences><Sentence date="YYYYMMDD"
 * id="..." source="..."><Text>...</Text><Parse>...</Parse></Sentence>) with
 * libxml2. Each Sentence becomes one story; the Parse element is ignored
 * (redline reads raw text). Records without a date or text are reported and
 * skipped. */
#include "input.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>

int rl_petrxml_read(FILE *f, const char *name, const char *prefix, size_t plen,
                    rl_story_fn fn, void *ctx, rl_diag *dg, rl_input_stats *st);

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

static rl_day petr_date(const char *s)
{
    if (!s || strlen(s) != 8)
        return RL_NODATE;
    char iso[11];
    snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    return rl_date_parse_iso(iso, 10, 0);
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
    int rc = RL_OK;
    /* Sentence elements may sit directly under the root or one level deeper */
    xmlNodePtr lists[2] = {root ? root->children : NULL, NULL};
    for (xmlNodePtr s = lists[0]; s && !rc; s = s->next) {
        if (s->type != XML_ELEMENT_NODE)
            continue;
        if (xmlStrcmp(s->name, (const xmlChar *)"Sentence") != 0 &&
            xmlStrcmp(s->name, (const xmlChar *)"Article") != 0)
            continue;
        xmlChar *date = xmlGetProp(s, (const xmlChar *)"date");
        xmlChar *id = xmlGetProp(s, (const xmlChar *)"id");
        xmlChar *src = xmlGetProp(s, (const xmlChar *)"source");
        xmlChar *text = NULL;
        for (xmlNodePtr c = s->children; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, (const xmlChar *)"Text") == 0)
                text = xmlNodeGetContent(c);
        long line = (long)xmlGetLineNo(s);
        rl_day day = petr_date((const char *)date);
        if (!text) {
            rl_error(dg, name, line, "record '%s' has no <Text>; skipped", id ? (char *)id : "?");
            st->bad_records++;
        } else if (day == RL_NODATE) {
            rl_error(dg, name, line, "record '%s' has a missing or bad date '%s' (want YYYYMMDD); skipped",
                     id ? (char *)id : "?", date ? (char *)date : "");
            st->bad_records++;
        } else {
            rl_story story;
            memset(&story, 0, sizeof story);
            story.id = id ? (const char *)id : "";
            story.date = day;
            story.text = (const char *)text;
            story.len = strlen((const char *)text);
            story.source = (const char *)src;
            story.file = name;
            story.line = line;
            st->stories++;
            rc = fn(&story, ctx);
        }
        xmlFree(date);
        xmlFree(id);
        xmlFree(src);
        xmlFree(text);
    }
    xmlFreeDoc(doc);
    return rc;
}
