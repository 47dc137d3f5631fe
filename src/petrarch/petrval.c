/* petrval.c: reads PETRARCH validation records (petrval.h) with libxml2:
 * the Environment's dictionary files, the Config options in document order
 * (require_dyad is recorded on each record), and every Sentence with its
 * expected EventCoding elements. It codes nothing. */
#include "petrarch/petrval.h"
#include "base/day.h"
#include "petrarch/petrdict.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void rl_petr_valset_init(rl_petr_valset *s) { memset(s, 0, sizeof *s); }

void rl_petr_valset_release(rl_petr_valset *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].id);
        free(s->v[i].category);
        free(s->v[i].text);
        free(s->v[i].ev);
        free(s->v[i].error);
    }
    free(s->v);
    for (int i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->include);
    rl_petr_valset_init(s);
}

static int is_el(xmlNodePtr n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, (const xmlChar *)name) == 0;
}

static char *prop(xmlNodePtr n, const char *name)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

/* Trimmed text content with every whitespace run folded to one blank. */
static char *text_of(xmlNodePtr n)
{
    xmlChar *v = xmlNodeGetContent(n);
    if (!v)
        return NULL;
    const char *s = (const char *)v;
    char *out = malloc(strlen(s) + 1);
    if (out) {
        size_t k = 0;
        int blank = 0;
        for (; *s; s++) {
            if (isspace((unsigned char)*s)) {
                blank = k > 0;
                continue;
            }
            if (blank)
                out[k++] = ' ';
            blank = 0;
            out[k++] = *s;
        }
        out[k] = '\0';
    }
    xmlFree(v);
    return out;
}

static int truthy(const char *v)
{
    return v && (strcasecmp(v, "true") == 0 || strcmp(v, "1") == 0 || strcasecmp(v, "yes") == 0);
}

/* YYYYMMDD or YYMMDD */
static rl_day val_date(const char *s)
{
    if (!s)
        return RL_NODATE;
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return RL_NODATE;
    char iso[16];
    if (n == 8)
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    else if (n == 6)
        snprintf(iso, sizeof iso, "%s%.2s-%.2s-%.2s", (s[0] - '0') * 10 + (s[1] - '0') <= 30 ? "20" : "19",
                 s, s + 2, s + 4);
    else
        return RL_NODATE;
    return rl_date_parse_iso(iso, 10, 0);
}

static int add_file(rl_petr_valset *s, const char *dir, xmlNodePtr n, int kind)
{
    char *name = text_of(n);
    if (!name)
        return RL_ENOMEM;
    if (!*name || s->nfiles == (int)(sizeof s->files / sizeof s->files[0])) {
        free(name);
        return RL_OK;
    }
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path) {
        free(name);
        return RL_ENOMEM;
    }
    if (name[0] == '/' || !*dir)
        snprintf(path, len, "%s", name);
    else
        snprintf(path, len, "%s/%s", dir, name);
    free(name);
    s->kinds[s->nfiles] = kind;
    s->files[s->nfiles++] = path;
    return RL_OK;
}

static int environment(rl_petr_valset *s, const char *dir, xmlNodePtr env)
{
    static const struct { const char *el; int kind; } files[] = {
        {"Verbfile", RL_PETR_VERBS}, {"Actorfile", RL_PETR_ACTORS}, {"Agentfile", RL_PETR_AGENTS},
        {"Discardfile", RL_PETR_DISCARDS}, {"Issuefile", RL_PETR_ISSUES},
    };
    for (xmlNodePtr n = env->children; n; n = n->next) {
        for (size_t k = 0; k < sizeof files / sizeof files[0]; k++)
            if (is_el(n, files[k].el) && add_file(s, dir, n, files[k].kind))
                return RL_ENOMEM;
        if (is_el(n, "Include") && !s->include)
            s->include = text_of(n);
    }
    return RL_OK;
}

typedef struct walk {
    rl_petr_valset *s;
    const char *name;
    rl_diag *dg;
    int require_dyad;
} walk;

static int sentence(walk *w, xmlNodePtr n)
{
    rl_petr_record r;
    memset(&r, 0, sizeof r);
    r.line = (long)xmlGetLineNo(n);
    r.require_dyad = w->require_dyad;
    r.id = prop(n, "id");
    r.category = prop(n, "category");
    char *date = prop(n, "date");
    r.date = val_date(date);
    int rc = RL_OK;
    int codings = 0;
    for (xmlNodePtr c = n->children; c && rc == RL_OK; c = c->next) {
        if (is_el(c, "Text") && !r.text) {
            r.text = text_of(c);
        } else if (is_el(c, "EventCoding")) {
            codings++;
            char *none = prop(c, "noevents"), *err = prop(c, "error");
            char *src = prop(c, "sourcecode"), *tgt = prop(c, "targetcode"), *code = prop(c, "eventcode");
            if (truthy(none)) {
                r.noevents = 1;
            } else if (err) {
                free(r.error);
                r.error = err;
                err = NULL;
            } else if (src && tgt && code) {
                rl_petr_expect *v = realloc(r.ev, (r.nev + 1) * sizeof *v);
                if (!v) {
                    rc = RL_ENOMEM;
                } else {
                    r.ev = v;
                    snprintf(v[r.nev].source, sizeof v->source, "%s", src);
                    snprintf(v[r.nev].target, sizeof v->target, "%s", tgt);
                    snprintf(v[r.nev].code, sizeof v->code, "%s", code);
                    r.nev++;
                }
            } else {
                rl_warn(w->dg, w->name, (long)xmlGetLineNo(c),
                        "EventCoding without sourcecode, targetcode and eventcode (or noevents, error); ignored");
            }
            free(none);
            free(err);
            free(src);
            free(tgt);
            free(code);
        }
    }
    if (!codings)
        r.noevents = 1; /* a record whose expectation was commented out codes nothing */
    const char *why = rc ? NULL : !r.text || !*r.text ? "no <Text>" : r.date == RL_NODATE ? "date" : NULL;
    if (why && *why == 'd')
        rl_error(w->dg, w->name, r.line, "record '%s' has a missing or bad date '%s' (want YYYYMMDD); skipped",
                 r.id ? r.id : "?", date ? date : "");
    else if (why)
        rl_error(w->dg, w->name, r.line, "record '%s' has no <Text>; skipped", r.id ? r.id : "?");
    free(date);
    if (rc || why) {
        free(r.id);
        free(r.category);
        free(r.text);
        free(r.ev);
        free(r.error);
        return rc;
    }
    if (!r.id)
        r.id = strdup("?");
    if (!r.category)
        r.category = strdup("-");
    if (!r.id || !r.category) {
        free(r.id);
        free(r.category);
        free(r.text);
        free(r.ev);
        free(r.error);
        return RL_ENOMEM;
    }
    rl_petr_valset *s = w->s;
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 64;
        rl_petr_record *v = realloc(s->v, nc * sizeof *v);
        if (!v) {
            free(r.id);
            free(r.category);
            free(r.text);
            free(r.ev);
            free(r.error);
            return RL_ENOMEM;
        }
        s->v = v;
        s->cap = nc;
    }
    s->v[s->n++] = r;
    return RL_OK;
}

/* Records and Config options in document order, at any depth. */
static int walk_nodes(walk *w, xmlNodePtr first, int depth)
{
    int rc = RL_OK;
    for (xmlNodePtr n = first; n && rc == RL_OK; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_el(n, "Sentence")) {
            rc = sentence(w, n);
        } else if (is_el(n, "Config")) {
            char *opt = prop(n, "option"), *val = prop(n, "value");
            if (opt && val && strcmp(opt, "require_dyad") == 0)
                w->require_dyad = truthy(val);
            free(opt);
            free(val);
        } else if (!is_el(n, "Environment")) {
            if (depth < 64)
                rc = walk_nodes(w, n->children, depth + 1);
            else
                rl_warn(w->dg, w->name, (long)xmlGetLineNo(n), "elements nested deeper than 64 levels are not read");
        }
    }
    return rc;
}

int rl_petr_val_load(rl_petr_valset *s, const char *path, rl_diag *dg)
{
    xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                                XML_PARSE_RECOVER | XML_PARSE_HUGE);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        rl_error(dg, path, e ? e->line : 0, "not readable as XML%s%s", e && e->message ? ": " : "",
                 e && e->message ? strtok(e->message, "\n") : "");
        return RL_EIO;
    }
    const xmlError *e = xmlGetLastError();
    if (e && e->level >= XML_ERR_ERROR)
        rl_warn(dg, path, e->line, "malformed XML (%s); read what could be recovered",
                e->message ? strtok(e->message, "\n") : "error");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        strcpy(dir, ".");
    xmlNodePtr root = xmlDocGetRootElement(doc);
    int rc = RL_OK;
    for (xmlNodePtr n = root ? root->children : NULL; n && rc == RL_OK; n = n->next)
        if (is_el(n, "Environment"))
            rc = environment(s, dir, n);
    walk w = {s, path, dg, 1};
    if (rc == RL_OK && root)
        rc = is_el(root, "Sentence") ? sentence(&w, root) : walk_nodes(&w, root->children, 0);
    xmlFreeDoc(doc);
    return rc;
}
