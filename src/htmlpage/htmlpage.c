/* htmlpage.c: the main text and metadata of a saved web page (htmlpage.h).
 *
 * The page is parsed by libxml2's HTML parser with recovery on, so broken
 * markup (unclosed tags, stray entities) still gives a tree. The main text is
 * the subtree of the first of: the <article> holding the most text, <main>,
 * an element with role="main", <body>. Within it, boilerplate elements are
 * skipped whole; block elements end a paragraph; inline text is joined with
 * its white space collapsed. */
#include "htmlpage/htmlpage.h"
#include "base/buf.h"
#include "base/day.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int name_is(const xmlNode *n, const char *tag)
{
    return n->type == XML_ELEMENT_NODE && n->name && !strcasecmp((const char *)n->name, tag);
}

static int name_in(const xmlNode *n, const char *const *tags)
{
    for (int i = 0; tags[i]; i++)
        if (name_is(n, tags[i]))
            return 1;
    return 0;
}

/* a class or id word that marks page furniture, not the story */
static int furniture_word(const char *w, size_t n)
{
    static const char *const words[] = {
        "nav", "navbar", "navigation", "menu", "footer", "sidebar", "share", "sharing", "social",
        "related", "comments", "comment", "newsletter", "subscribe", "advert", "advertisement",
        "ad", "ads", "cookie", "cookies", "promo", "breadcrumb", "breadcrumbs", "masthead", NULL,
    };
    for (int i = 0; words[i]; i++)
        if (strlen(words[i]) == n && !strncasecmp(w, words[i], n))
            return 1;
    return 0;
}

static int furniture_attr(const xmlNode *n, const char *attr)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    if (!v)
        return 0;
    int hit = 0;
    const char *s = (const char *)v;
    while (*s && !hit) {
        size_t k = strcspn(s, " \t-_");
        hit = k && furniture_word(s, k);
        s += k;
        s += strspn(s, " \t-_");
    }
    xmlFree(v);
    return hit;
}

static int is_boilerplate(const xmlNode *n)
{
    static const char *const drop[] = {
        "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
        "svg", "button", "select", "figure", "template", "object", "embed", "canvas", NULL,
    };
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    return name_in(n, drop) || furniture_attr(n, "class") || furniture_attr(n, "id") ||
           furniture_attr(n, "role");
}

static int is_block(const xmlNode *n)
{
    static const char *const blocks[] = {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
        "ul", "ol", "blockquote", "pre", "br", "tr", "table", "dd", "dt", "hr", NULL,
    };
    return name_in(n, blocks);
}

/* appends text with runs of white space as one blank; 0 or -1 */
static int add_text(rl_buf *b, const char *s)
{
    for (; *s; s++) {
        int sp = isspace((unsigned char)*s);
        if (sp) {
            if (b->len && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\n' &&
                rl_buf_addc(b, ' '))
                return -1;
        } else if (rl_buf_addc(b, *s)) {
            return -1;
        }
    }
    return 0;
}

/* ends the paragraph being written (one per line) */
static int end_block(rl_buf *b)
{
    while (b->len && b->data[b->len - 1] == ' ')
        b->len--;
    if (b->len && b->data[b->len - 1] != '\n')
        return rl_buf_addc(b, '\n');
    return 0;
}

static int collect(const xmlNode *n, rl_buf *b, int depth)
{
    if (depth > 200) /* a pathological nesting is not a story */
        return 0;
    for (; n; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content && add_text(b, (const char *)n->content))
                return -1;
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || is_boilerplate(n))
            continue;
        int block = is_block(n);
        if ((block && end_block(b)) || collect(n->children, b, depth + 1) ||
            (block && end_block(b)))
            return -1;
    }
    return 0;
}

/* the length of the text under n, boilerplate left out */
static size_t text_len(const xmlNode *n, int depth)
{
    size_t len = 0;
    for (; n && depth < 200; n = n->next) {
        if (n->type == XML_TEXT_NODE && n->content)
            len += strlen((const char *)n->content);
        else if (n->type == XML_ELEMENT_NODE && !is_boilerplate(n))
            len += text_len(n->children, depth + 1);
    }
    return len;
}

typedef struct found {
    const xmlNode *article, *main, *role_main, *body, *title;
    size_t article_len;
} found;

static void find(const xmlNode *n, found *f, int depth)
{
    for (; n && depth < 200; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(n, "article")) {
            size_t len = text_len(n->children, 0);
            if (!f->article || len > f->article_len) {
                f->article = n;
                f->article_len = len;
            }
        } else if (name_is(n, "main") && !f->main) {
            f->main = n;
        } else if (name_is(n, "body") && !f->body) {
            f->body = n;
        } else if (name_is(n, "title") && !f->title) {
            f->title = n;
        }
        if (!f->role_main) {
            xmlChar *role = xmlGetProp(n, (const xmlChar *)"role");
            if (role && !strcasecmp((const char *)role, "main"))
                f->role_main = n;
            xmlFree(role);
        }
        find(n->children, f, depth + 1);
    }
}

static char *dup_prop(const xmlNode *n, const char *attr)
{
    xmlChar *v = xmlGetProp(n, (const xmlChar *)attr);
    char *s = v && *v ? strdup((const char *)v) : NULL;
    xmlFree(v);
    return s;
}

/* <meta property|name=KEY content=...>, <link rel=canonical>, <time datetime> */
static void meta_from(const xmlNode *n, rl_htmlpage_meta *m, int depth)
{
    for (; n && depth < 200; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (name_is(n, "meta")) {
            char *key = dup_prop(n, "property");
            if (!key)
                key = dup_prop(n, "name");
            char **slot = NULL;
            if (key && (!strcasecmp(key, "og:title") || !strcasecmp(key, "twitter:title")))
                slot = &m->title;
            else if (key && (!strcasecmp(key, "article:published_time") ||
                             !strcasecmp(key, "date") || !strcasecmp(key, "pubdate") ||
                             !strcasecmp(key, "dc.date") || !strcasecmp(key, "publish-date")))
                slot = &m->date;
            else if (key && !strcasecmp(key, "og:site_name"))
                slot = &m->publisher;
            else if (key && !strcasecmp(key, "og:url"))
                slot = &m->url;
            if (slot && !*slot)
                *slot = dup_prop(n, "content");
            free(key);
        } else if (name_is(n, "link") && !m->url) {
            char *rel = dup_prop(n, "rel");
            if (rel && !strcasecmp(rel, "canonical"))
                m->url = dup_prop(n, "href");
            free(rel);
        } else if (name_is(n, "time") && !m->date) {
            m->date = dup_prop(n, "datetime");
        }
        meta_from(n->children, m, depth + 1);
    }
}

void rl_htmlpage_meta_release(rl_htmlpage_meta *m)
{
    free(m->title);
    free(m->date);
    free(m->publisher);
    free(m->url);
    memset(m, 0, sizeof *m);
}

int rl_htmlpage_text(const char *html, size_t n, const char *name, char **out,
                     rl_htmlpage_meta *meta)
{
    *out = NULL;
    memset(meta, 0, sizeof *meta);
    if (n > (size_t)0x7fffffff)
        return RL_EPARSE;
    htmlDocPtr doc = htmlReadMemory(html, (int)n, name, NULL,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED);
    if (!doc)
        return RL_EPARSE;
    found f;
    memset(&f, 0, sizeof f);
    const xmlNode *root = xmlDocGetRootElement(doc);
    find(root, &f, 0);
    const xmlNode *main = f.article && f.article_len ? f.article
                          : f.main                   ? f.main
                          : f.role_main              ? f.role_main
                          : f.body                   ? f.body
                                                     : root;
    rl_buf b;
    rl_buf_init(&b);
    int rc = main ? collect(main->children, &b, 0) : 0;
    if (!rc)
        rc = end_block(&b) || rl_buf_addc(&b, '\0');
    meta_from(root, meta, 0);
    if (!meta->title && f.title) {
        xmlChar *t = xmlNodeGetContent(f.title);
        rl_buf tb;
        rl_buf_init(&tb);
        int bad = !t || add_text(&tb, (const char *)t);
        while (!bad && tb.len && tb.data[tb.len - 1] == ' ')
            tb.len--;
        if (!bad && !rl_buf_addc(&tb, '\0'))
            meta->title = tb.data; /* the buffer's data is the caller's now */
        else
            rl_buf_release(&tb);
        xmlFree(t);
    }
    xmlFreeDoc(doc);
    if (rc) {
        rl_buf_release(&b);
        rl_htmlpage_meta_release(meta);
        return RL_ENOMEM;
    }
    *out = b.data;
    return RL_OK;
}

static char *slurp(FILE *f, const char *prefix, size_t plen, size_t *n)
{
    rl_buf b;
    rl_buf_init(&b);
    if (rl_buf_add(&b, prefix, plen))
        return NULL;
    char chunk[65536];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
        if (rl_buf_add(&b, chunk, r)) {
            rl_buf_release(&b);
            return NULL;
        }
    if (ferror(f) || rl_buf_addc(&b, '\0')) {
        rl_buf_release(&b);
        return NULL;
    }
    *n = b.len - 1;
    return b.data;
}

int rl_htmlpage_read(FILE *f, const char *name, const char *prefix, size_t plen,
                     const rl_input_opts *o, rl_story_fn fn, void *ctx, rl_diag *dg,
                     rl_input_stats *st)
{
    size_t n = 0;
    char *html = slurp(f, prefix, plen, &n);
    if (!html) {
        rl_error(dg, name, 0, "cannot read the page");
        return RL_EIO;
    }
    char *text = NULL;
    rl_htmlpage_meta m;
    int rc = rl_htmlpage_text(html, n, name, &text, &m);
    free(html);
    if (rc == RL_EPARSE) {
        rl_error(dg, name, 0, "not an HTML page libxml2 can read; skipped");
        return RL_EIO;
    }
    if (rc)
        return rc;
    rl_story s;
    memset(&s, 0, sizeof s);
    const char *base = strrchr(name, '/');
    s.id = base ? base + 1 : name;
    s.file = name;
    s.text = text;
    s.len = strlen(text);
    s.title = m.title;
    s.publisher = m.publisher;
    s.url = m.url;
    s.date = m.date ? rl_day_parse_story(m.date) : RL_NODATE;
    if (s.date == RL_NODATE)
        s.date = o->date;
    if (s.date == RL_NODATE)
        s.date = rl_input_dateline(text, s.len);
    if (s.date == RL_NODATE && s.len)
        rl_warn(dg, name, 0, "no story date in the page (give --date YYYY-MM-DD); relative "
                "dates left unresolved");
    if (!s.len) {
        rl_warn(dg, name, 0, "no text in the page once its boilerplate is dropped");
    } else {
        if (st)
            st->stories++;
        rc = fn(&s, ctx);
    }
    free(text);
    rl_htmlpage_meta_release(&m);
    return rc;
}
