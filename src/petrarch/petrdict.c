/* petrdict.c: reads PETRARCH/TABARI dictionaries into an rl_dict.
 *
 * Each entry is translated into redline's pattern language and added with
 * rl_dict_add_pattern, so the ordinary matcher and coder use it:
 *   verbs    each verb of a block (its forms, lemma first, marked '@' as the
 *            pattern head) alone, and inside each of the block's patterns
 *            (one pattern per verb when the verb comes first, else the verbs
 *            share one alternatives item); '_' joins words, a blank becomes a
 *            gap '*', '&SET' an alternatives item (multi-word members give one
 *            pattern each), '+' '$' '^' stay slots, a leading '+', '$' or '%'
 *            is the subject's role; codes "A:B" and "---" are kept for the
 *            coder; every pattern carries [petrarch] (dict.h RL_PF_PETRARCH);
 *   actors   one actor per entry; dated restrictions become roles, ordered so
 *            that the first restriction in force wins and the undated code
 *            is the fallback;
 *   agents   "[~X]" stacks X after the actor code, "[X~]" before it;
 *            plurals and !SUBSTITUTION! sets are expanded;
 *   discards modal patterns of the discard class.
 * Issue files are checked and reported as not coded. Anything approximated
 * or dropped is reported once per construct and file. The matching itself is
 * match.c's job. */
#include "petrarch/petrdict.h"
#include "base/buf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- constructs reported once per file ---- */

enum {
    N_OPEN_PHRASE, N_NUMBER, N_STORY_DISCARD, N_DISCARD_STEM, N_ISSUES, N_TRANSFORM,
    N_LEAD_EXTRA, N_LEAD_SKIP, N_COMPOUND_SLOT, N_COMPLEX_CODE, N_ACTOR_CODE, N_BLOCK_CODE2,
    N_VARIANTS, N_SYNSET_IN_PHRASE, N_COUNT
};

static const char *const note_text[N_COUNT] = {
    [N_OPEN_PHRASE] = "a blank between the words of a phrase (an open connector) is matched "
                      "as adjacent words",
    [N_NUMBER] = "a phrase with a number never matches: numbers are not words to redline",
    [N_STORY_DISCARD] = "a story discard ('+') discards the sentence that contains it, not the "
                        "whole story",
    [N_DISCARD_STEM] = "a discard stem (no final '_') matches the word and its plural, not every "
                       "word it begins",
    [N_ISSUES] = "issue coding is not supported: issues are checked but not coded",
    [N_TRANSFORM] = "verb transformations ('~') are not supported: skipped",
    [N_LEAD_EXTRA] = "only the first actor slot before a pattern's first word is used",
    [N_LEAD_SKIP] = "'^' before a pattern's first word is ignored",
    [N_COMPOUND_SLOT] = "'%' after a pattern's first word is read as the target slot '+'",
    [N_COMPLEX_CODE] = "codes '+++' and '###' (TABARI complex and discard markers) are not "
                       "supported: pattern skipped",
    [N_ACTOR_CODE] = "actor codes '+++' and '###' are read as no code",
    [N_BLOCK_CODE2] = "a second code in a verb block header is ignored",
    [N_VARIANTS] = "synonym sets expand this pattern into more than 256 patterns: the rest "
                   "are dropped",
    [N_SYNSET_IN_PHRASE] = "a synonym set inside a multi-word synonym is not supported: "
                           "that synonym is skipped",
};

#define MAX_VARIANTS 256

typedef struct pline { char *s; int no; } pline;

typedef struct wlist { char **v; size_t n, cap; } wlist;

typedef struct synset {
    char *name;            /* without '&' and final '_' */
    int noplural;
    int line;
    wlist members;         /* as written, '+' removed */
    int state;             /* 0 unresolved, 1 resolving, 2 resolved */
    wlist singles;         /* one-word forms */
    wlist multis;          /* several words, blank-separated */
} synset;

typedef struct pctx {
    rl_dict *d;
    const char *file;
    rl_diag *dg;
    unsigned flags;
    rl_petr_stats *st;
    int note_line[N_COUNT];
    unsigned note_n[N_COUNT];
    pline *lines;
    size_t nlines, clines;
    char *mem;             /* the file, cut into lines */
    char **pool;           /* strings freed at the end */
    size_t npool, cpool;
    synset *syn;
    size_t nsyn, csyn;
    int oom;
} pctx;

static void note(pctx *c, int what, int line)
{
    c->st->unsupported++;
    if (c->note_n[what]++ == 0)
        c->note_line[what] = line;
    if (c->note_n[what] == 1 || (c->flags & RL_PETR_EVERY_NOTE))
        rl_warn(c->dg, c->file, line, "%s", note_text[what]);
}

static void notes_summary(pctx *c)
{
    if ((c->flags & RL_PETR_EVERY_NOTE) || !c->dg || !c->dg->out)
        return;
    for (int i = 0; i < N_COUNT; i++)
        if (c->note_n[i] > 1)
            fprintf(c->dg->out, "%s: note: %u more like line %d, %.40s... (redline dict check -v lists them)\n",
                    c->file, c->note_n[i] - 1, c->note_line[i], note_text[i]);
}

/* ---- memory ---- */

static char *pdup(pctx *c, const char *s, size_t n)
{
    if (c->npool == c->cpool) {
        size_t nc = c->cpool ? c->cpool * 2 : 256;
        char **v = realloc(c->pool, nc * sizeof *v);
        if (!v) {
            c->oom = 1;
            return NULL;
        }
        c->pool = v;
        c->cpool = nc;
    }
    char *p = malloc(n + 1);
    if (!p) {
        c->oom = 1;
        return NULL;
    }
    memcpy(p, s, n);
    p[n] = '\0';
    c->pool[c->npool++] = p;
    return p;
}

static int wl_push(pctx *c, wlist *w, char *s)
{
    if (!s)
        return RL_ENOMEM;
    if (w->n == w->cap) {
        size_t nc = w->cap ? w->cap * 2 : 8;
        char **v = realloc(w->v, nc * sizeof *v);
        if (!v) {
            c->oom = 1;
            return RL_ENOMEM;
        }
        w->v = v;
        w->cap = nc;
    }
    w->v[w->n++] = s;
    return RL_OK;
}

static int wl_has(const wlist *w, const char *s)
{
    for (size_t i = 0; i < w->n; i++)
        if (strcmp(w->v[i], s) == 0)
            return 1;
    return 0;
}

static void ctx_release(pctx *c)
{
    for (size_t i = 0; i < c->npool; i++)
        free(c->pool[i]);
    free(c->pool);
    for (size_t i = 0; i < c->nsyn; i++) {
        free(c->syn[i].members.v);
        free(c->syn[i].singles.v);
        free(c->syn[i].multis.v);
    }
    free(c->syn);
    free(c->lines);
    free(c->mem);
}

/* ---- lines ---- */

/* Reads the file into lines without comments: '#' (outside [...]) to the end
 * of the line, lines starting with '#' or "<!", and <!-- ... --> comments,
 * which may span lines. Empty lines are dropped; line numbers are kept. */
static int read_lines(pctx *c)
{
    FILE *f = fopen(c->file, "rb");
    if (!f) {
        rl_error(c->dg, c->file, 0, "cannot open dictionary");
        return RL_EIO;
    }
    rl_buf raw;
    rl_buf_init(&raw);
    char tmp[65536];
    size_t r;
    int rc = RL_OK;
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
        if (rl_buf_add(&raw, tmp, r)) {
            rc = RL_ENOMEM;
            break;
        }
    if (!rc && ferror(f)) {
        rl_error(c->dg, c->file, 0, "read error");
        rc = RL_EIO;
    }
    fclose(f);
    if (!rc && rl_buf_reserve(&raw, 1))
        rc = RL_ENOMEM;
    if (rc) {
        rl_buf_release(&raw);
        return rc;
    }
    raw.data[raw.len] = '\0';
    c->mem = raw.data;
    char *p = raw.data, *end = raw.data + raw.len;
    int no = 0, in_comment = 0;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *e = nl ? nl : end;
        *e = '\0';
        no++;
        char *s = p;
        p = e + 1;
        if (in_comment) {
            if (strstr(s, "-->"))
                in_comment = 0;
            continue;
        }
        while (isspace((unsigned char)*s))
            s++;
        if (s[0] == '<' && s[1] == '!') {
            if (!strstr(s, "-->"))
                in_comment = 1;
            continue;
        }
        if (s[0] == '#')
            continue;
        char *o;
        while ((o = strstr(s, "<!--"))) {
            char *ce = strstr(o, "-->");
            if (!ce) {
                *o = '\0';
                in_comment = 1;
                break;
            }
            memmove(o, ce + 3, strlen(ce + 3) + 1);
        }
        int depth = 0;
        for (char *q = s; *q; q++) {
            if (*q == '[')
                depth++;
            else if (*q == ']' && depth)
                depth--;
            else if (*q == '#' && !depth) {
                *q = '\0';
                break;
            }
        }
        size_t n = strlen(s);
        while (n && isspace((unsigned char)s[n - 1]))
            s[--n] = '\0';
        if (!n)
            continue;
        if (c->nlines == c->clines) {
            size_t nc = c->clines ? c->clines * 2 : 1024;
            pline *v = realloc(c->lines, nc * sizeof *v);
            if (!v)
                return RL_ENOMEM;
            c->lines = v;
            c->clines = nc;
        }
        c->lines[c->nlines++] = (pline){s, no};
    }
    return RL_OK;
}

/* ---- words and phrases ---- */

static int is_vowel(char ch) { return ch == 'a' || ch == 'e' || ch == 'i' || ch == 'o' || ch == 'u'; }

/* Regular English plural of the last word of a blank-separated phrase. */
static char *plural_of(pctx *c, const char *ph)
{
    size_t n = strlen(ph);
    char b[512];
    if (n < 2 || n > 500)
        return NULL;
    char last = ph[n - 1], prev = ph[n - 2];
    if (!isalpha((unsigned char)last))
        return NULL;
    if (last == 'y' && !is_vowel(prev))
        snprintf(b, sizeof b, "%.*sies", (int)(n - 1), ph);
    else if (last == 's' || last == 'x' || last == 'z' || (last == 'h' && (prev == 's' || prev == 'c')))
        snprintf(b, sizeof b, "%ses", ph);
    else
        snprintf(b, sizeof b, "%ss", ph);
    return pdup(c, b, strlen(b));
}

/* Words a one-word phrase must match in capitals only: "US" is not "us". */
static int needs_capitals(const char *w)
{
    static const char *const short_words[] = {
        "us", "it", "is", "as", "at", "be", "in", "on", "or", "of", "to", "no", "so", "do",
        "go", "up", "an", "am", "me", "we", "he", "my", "by", "if", NULL,
    };
    for (int i = 0; short_words[i]; i++)
        if (strcmp(w, short_words[i]) == 0)
            return 1;
    return 0;
}

/* A PETRARCH phrase ("NEW_ZEALAND_", "SECURITY SERVICE") as redline words in
 * out ("new zealand"). Sets *open when a blank joined two words and *number
 * when a word holds a digit. Returns the number of words, -1 on a character
 * redline's pattern language reserves. */
static int phrase_words(const char *s, size_t n, rl_buf *out, int *open, int *number)
{
    int words = 0, blank = 0;
    size_t start = out->len;
    for (size_t i = 0; i < n;) {
        if (s[i] == '_' || isspace((unsigned char)s[i])) {
            blank |= s[i] != '_';
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != '_' && !isspace((unsigned char)s[j]))
            j++;
        if (words) {
            if (blank)
                *open = 1;
            rl_buf_addc(out, ' ');
        }
        if (memchr(s + i, '|', j - i) || s[i] == '~' || s[i] == '=' || s[i] == '@' || s[i] == '[' ||
            memchr(s + i, ']', j - i) ||
            (j - i == 1 && (s[i] == '*' || s[i] == '+' || s[i] == '$' || s[i] == '^' || s[i] == '%')))
            return -1;
        for (size_t k = i; k < j; k++) {
            if (isdigit((unsigned char)s[k]))
                *number = 1;
            rl_buf_addc(out, (char)tolower((unsigned char)s[k]));
        }
        words++;
        blank = 0;
        i = j;
    }
    if (words == 1 && needs_capitals(out->data + start))
        for (size_t k = start; k < out->len; k++)
            out->data[k] = (char)toupper((unsigned char)out->data[k]);
    return words;
}

static int add(pctx *c, int kind, const char *code, int modal, uint32_t actor, const char *text,
               int line)
{
    int rc = rl_dict_add_pattern(c->d, kind, code, modal, actor, text, c->file, line, c->dg);
    if (rc == RL_OK)
        c->st->patterns++;
    else if (rc == RL_EPARSE)
        c->st->bad++;
    return rc == RL_ENOMEM ? RL_ENOMEM : RL_OK;
}

/* ---- codes ---- */

/* Event code in "[...]": "064", "031:032", ":173", "---". Returns 0 ok, 1 a
 * complex/discard marker, -1 malformed. */
static int event_code(const char *s, size_t n, char out[16])
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!isspace((unsigned char)s[i])) {
            if (k + 1 >= 16)
                return -1;
            out[k++] = s[i];
        }
    out[k] = '\0';
    if (!k)
        return -1;
    if (strcmp(out, "+++") == 0 || strcmp(out, "###") == 0)
        return 1;
    if (strcmp(out, "---") == 0)
        return 0;
    for (size_t i = 0; i < k; i++)
        if (!isalnum((unsigned char)out[i]) && out[i] != ':' && out[i] != '?')
            return -1;
    return 0;
}

static void lint_code(pctx *c, const char *code, int line)
{
    if (!(c->flags & RL_PETR_LINT) || strcmp(code, "---") == 0)
        return;
    char part[16];
    const char *s = code;
    while (*s) {
        size_t l = strcspn(s, ":");
        snprintf(part, sizeof part, "%.*s", (int)l, s);
        if (l && !rl_dict_cameo(c->d, part))
            rl_warn(c->dg, c->file, line, "code '%s' is not in the CAMEO table", part);
        s += l;
        if (*s == ':')
            s++;
    }
}

/* Actor code "ISRMIL", "FRO/BIL/SAM" (one code each), "---" (none). */
static int actor_code(pctx *c, const char *s, size_t n, char out[16], int line)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = (char)toupper((unsigned char)s[i]);
        if (!isalnum((unsigned char)ch) && ch != '/' && ch != '-' && ch != '+' && ch != '#')
            return -1;
        if (k + 1 >= 16)
            return -1;
        out[k++] = ch;
    }
    out[k] = '\0';
    if (!k)
        return -1;
    if (strcmp(out, "+++") == 0 || strcmp(out, "###") == 0) {
        note(c, N_ACTOR_CODE, line);
        out[0] = '\0';
    } else if (strcmp(out, "---") == 0) {
        out[0] = '\0';
    } else if (strchr(out, '+') || strchr(out, '#')) {
        return -1;
    }
    return 0;
}

/* ---- verbs ---- */

static synset *find_synset(pctx *c, const char *name, size_t n)
{
    while (n && name[n - 1] == '_')
        n--;
    for (size_t i = 0; i < c->nsyn; i++)
        if (strlen(c->syn[i].name) == n && strncasecmp(c->syn[i].name, name, n) == 0)
            return &c->syn[i];
    return NULL;
}

static void add_form(pctx *c, synset *s, char *ph)
{
    if (!ph)
        return;
    wlist *w = strchr(ph, ' ') ? &s->multis : &s->singles;
    if (!wl_has(w, ph))
        wl_push(c, w, ph);
}

/* Expands a synonym set into its one-word and multi-word forms, with plurals
 * unless the set or the member ends with '_'; members may name other sets. */
static int resolve(pctx *c, synset *s, int depth)
{
    if (s->state == 2)
        return 0;
    if (s->state == 1 || depth > 8) {
        rl_error(c->dg, c->file, s->line, "synonym set '&%s' contains itself", s->name);
        c->st->bad++;
        return -1;
    }
    s->state = 1;
    for (size_t i = 0; i < s->members.n && !c->oom; i++) {
        const char *m = s->members.v[i];
        size_t n = strlen(m);
        int np = s->noplural;
        while (n && (m[n - 1] == '_' || isspace((unsigned char)m[n - 1]))) {
            np |= m[n - 1] == '_';
            n--;
        }
        if (!n)
            continue;
        if (m[0] == '&') {
            synset *t = find_synset(c, m + 1, n - 1);
            const char *sp = strpbrk(m + 1, " _");
            if (!t || (sp && sp < m + n)) {
                if (t || memchr(m, ' ', n) || memchr(m, '_', n))
                    note(c, N_SYNSET_IN_PHRASE, s->line);
                else {
                    rl_error(c->dg, c->file, s->line, "undefined synonym set '%.*s' in '&%s'", (int)n,
                             m, s->name);
                    c->st->bad++;
                }
                continue;
            }
            if (resolve(c, t, depth + 1) == 0) {
                for (size_t k = 0; k < t->singles.n; k++)
                    add_form(c, s, t->singles.v[k]);
                for (size_t k = 0; k < t->multis.n; k++)
                    add_form(c, s, t->multis.v[k]);
            }
            continue;
        }
        if (memchr(m, '&', n)) {
            note(c, N_SYNSET_IN_PHRASE, s->line);
            continue;
        }
        rl_buf b;
        rl_buf_init(&b);
        int open = 0, number = 0;
        int nw = phrase_words(m, n, &b, &open, &number);
        if (nw > 0 && b.data) {
            /* synonyms are matched as written: no capitals rule */
            for (size_t k = 0; k < b.len; k++)
                b.data[k] = (char)tolower((unsigned char)b.data[k]);
            char *ph = pdup(c, b.data, b.len);
            add_form(c, s, ph);
            if (!np && ph)
                add_form(c, s, plural_of(c, ph));
        } else if (nw < 0) {
            rl_error(c->dg, c->file, s->line, "reserved character in synonym '%.*s'", (int)n, m);
            c->st->bad++;
        }
        rl_buf_release(&b);
    }
    s->state = 2;
    return 0;
}

/* One verb with its forms: front words, the verb, back words ("wire @tap"). */
typedef struct vunit {
    char *front, *forms, *back;   /* front/back: blank-separated words or "" */
    char code[16];                /* the verb's own code, "" for the block's */
    int line;
} vunit;

typedef struct vblock {
    char code[16];
    int line;
    vunit *u;
    size_t nu, cu;
    size_t *pat;                  /* indexes of pattern lines */
    size_t np, cp;
} vblock;

typedef struct form_acc { pctx *c; rl_buf *b; } form_acc;

static int acc_form(const char *form, size_t len, void *ctx)
{
    form_acc *a = ctx;
    if (a->b->len)
        rl_buf_addc(a->b, '|');
    rl_buf_add(a->b, form, len);
    return 0;
}

/* Splits "A_B_+C_D" into front "a b", verb "c", back "d"; without '+' the
 * first word is the verb. Writes lower-case words. */
static void split_multiword(pctx *c, const char *s, size_t n, char **front, char **verb, char **back)
{
    char tmp[512];
    if (n >= sizeof tmp)
        n = sizeof tmp - 1;
    for (size_t i = 0; i < n; i++)
        tmp[i] = isspace((unsigned char)s[i]) ? '_' : (char)tolower((unsigned char)s[i]);
    tmp[n] = '\0';
    char *plus = strchr(tmp, '+');
    char *vs, *ve;
    if (plus) {
        vs = plus + 1;
    } else {
        vs = tmp;
        while (*vs == '_')
            vs++;
    }
    ve = vs;
    while (*ve && *ve != '_')
        ve++;
    /* front: tmp .. (plus or vs), back: ve .. end; '_' become blanks */
    char f[512], b[512];
    size_t fl = 0, bl = 0;
    for (char *q = tmp; q < (plus ? plus : vs); q++)
        if (*q != '+')
            f[fl++] = *q == '_' ? ' ' : *q;
    while (fl && f[fl - 1] == ' ')
        fl--;
    size_t fs = 0;
    while (fs < fl && f[fs] == ' ')
        fs++;
    for (char *q = ve; *q; q++)
        b[bl++] = *q == '_' ? ' ' : *q;
    size_t bs = 0;
    while (bs < bl && b[bs] == ' ')
        bs++;
    while (bl > bs && b[bl - 1] == ' ')
        bl--;
    *front = pdup(c, f + fs, fl - fs);
    *verb = pdup(c, vs, (size_t)(ve - vs));
    *back = pdup(c, b + bs, bl - bs);
}

static int add_unit(pctx *c, vblock *b, vunit u)
{
    if (!u.front || !u.forms || !u.back)
        return RL_ENOMEM;
    if (b->nu == b->cu) {
        size_t nc = b->cu ? b->cu * 2 : 8;
        vunit *v = realloc(b->u, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        b->u = v;
        b->cu = nc;
    }
    b->u[b->nu++] = u;
    c->st->entries++;
    return RL_OK;
}

/* A verb line: "WORD {FORMS} [CODE]", "+CORDON_OFF {+CORDONED_OFF ...}",
 * "WIRE_+TAP". Without {...} the regular forms are generated. */
static int verb_line(pctx *c, vblock *b, const char *s, int line)
{
    char code[16] = "";
    const char *lb = strrchr(s, '['), *rb = lb ? strchr(lb, ']') : NULL;
    size_t n = strlen(s);
    if (lb && rb) {
        int k = event_code(lb + 1, (size_t)(rb - lb - 1), code);
        if (k < 0) {
            rl_error(c->dg, c->file, line, "bad code in verb line '%s'", s);
            c->st->bad++;
            return RL_OK;
        }
        if (k > 0) {
            note(c, N_COMPLEX_CODE, line);
            return RL_OK;
        }
        lint_code(c, code, line);
        n = (size_t)(lb - s);
    }
    const char *ob = memchr(s, '{', n), *cb = ob ? memchr(ob, '}', n - (size_t)(ob - s)) : NULL;
    if (ob && !cb) {
        rl_error(c->dg, c->file, line, "unclosed '{' in verb line");
        c->st->bad++;
        return RL_OK;
    }
    size_t pn = ob ? (size_t)(ob - s) : n;
    while (pn && isspace((unsigned char)s[pn - 1]))
        pn--;
    if (!pn) {
        rl_error(c->dg, c->file, line, "verb line without a verb");
        c->st->bad++;
        return RL_OK;
    }
    char *front, *verb, *back;
    split_multiword(c, s, pn, &front, &verb, &back);
    if (!verb)
        return RL_ENOMEM;
    if (!*verb || strpbrk(verb, "|~=@*$^%[]")) {
        rl_error(c->dg, c->file, line, "bad verb '%.*s'", (int)pn, s);
        c->st->bad++;
        return RL_OK;
    }
    rl_buf fb;
    rl_buf_init(&fb);
    if (!ob) {
        form_acc a = {c, &fb};
        rl_morph_forms(NULL, verb, acc_form, &a);
    } else {
        rl_buf_adds(&fb, verb);
        /* each {...} form; one whose other words differ gets its own unit */
        /* forms are separated by blanks, and by commas in some files */
        const char *q = ob + 1;
        while (q < cb) {
            while (q < cb && (isspace((unsigned char)*q) || *q == ','))
                q++;
            const char *e = q;
            while (e < cb && !isspace((unsigned char)*e) && *e != ',')
                e++;
            if (e > q) {
                char *f2, *v2, *b2;
                split_multiword(c, q, (size_t)(e - q), &f2, &v2, &b2);
                if (!v2 || !f2 || !b2) {
                    rl_buf_release(&fb);
                    return RL_ENOMEM;
                }
                if (!*v2 || strpbrk(v2, "|~=@*$^%[]")) {
                    rl_error(c->dg, c->file, line, "bad verb form '%.*s' skipped", (int)(e - q), q);
                    c->st->bad++;
                } else if (strcmp(f2, front) == 0 && strcmp(b2, back) == 0) {
                    rl_buf_addc(&fb, '|');
                    rl_buf_adds(&fb, v2);
                } else {
                    vunit u = {f2, v2, b2, "", line};
                    rl_strlcpy(u.code, code, sizeof u.code);
                    if (add_unit(c, b, u)) {
                        rl_buf_release(&fb);
                        return RL_ENOMEM;
                    }
                }
            }
            q = e;
        }
    }
    vunit u = {front, fb.data ? pdup(c, fb.data, fb.len) : NULL, back, "", line};
    rl_strlcpy(u.code, code, sizeof u.code);
    rl_buf_release(&fb);
    return add_unit(c, b, u);
}

enum { E_WORD, E_SYN, E_VERB, E_TARGET, E_SOURCE, E_COMPOUND, E_SKIP };

typedef struct elem {
    int kind;
    int open;              /* other words may come between it and the previous one */
    char *w;               /* E_WORD */
    synset *syn;           /* E_SYN */
} elem;

#define MAX_ELEMS 48

/* Appends the words of unit u: front words, the '@' verb forms, back words. */
static void put_unit(rl_buf *b, const vunit *u)
{
    if (*u->front) {
        rl_buf_addc(b, '@');
        rl_buf_adds(b, u->front);
        rl_buf_addc(b, ' ');
        rl_buf_adds(b, u->forms);
    } else {
        rl_buf_addc(b, '@');
        rl_buf_adds(b, u->forms);
    }
    if (*u->back) {
        rl_buf_addc(b, ' ');
        rl_buf_adds(b, u->back);
    }
}

/* The elements of a pattern line, in order. */
typedef struct pelems {
    elem el[MAX_ELEMS];
    int ne, nverb;
    int first;             /* the first word, synonym set or verb */
    char lead;             /* the slot before it: '+', '$', '%' or 0 */
    size_t nvar;           /* synonym-set variants to write */
} pelems;

/* Reports a pattern line that is skipped; returns 0 for the callers'
 * "rejected" result. */
static int reject_pattern(pctx *c, int line, const char *why, int n, const char *what)
{
    if (what)
        rl_error(c->dg, c->file, line, "%s '%.*s'%s", why, n, what,
                 strncmp(why, "undefined", 9) ? "" : ": pattern skipped");
    else
        rl_error(c->dg, c->file, line, "%s", why);
    c->st->bad++;
    return 0;
}

/* The code in "[...]" of pattern line s into code; 1 ok, 0 rejected or noted.
 * *lbp is set to the '['. */
static int pattern_code(pctx *c, const char *s, int line, char code[16], const char **lbp)
{
    const char *lb = strrchr(s, '['), *rb = lb ? strchr(lb, ']') : NULL;
    if (!lb || !rb)
        return reject_pattern(c, line, "pattern without a code [...]", 0, NULL);
    int k = event_code(lb + 1, (size_t)(rb - lb - 1), code);
    if (k < 0)
        return reject_pattern(c, line, "bad code", (int)(rb - lb + 1), lb);
    if (k > 0) {
        note(c, N_COMPLEX_CODE, line);
        return 0;
    }
    lint_code(c, code, line);
    *lbp = lb;
    return 1;
}

/* "&NAME...": the longest defined set name ("&FIGHT_OF_WORDS" is one set,
 * "&FIGHT_GAMES" is &FIGHT then GAMES). Returns the end of the name used and
 * sets *syn, or NULL (reported) when no prefix names a set. */
static const char *synset_ref(pctx *c, const char *q, const char *end, int line, synset **syn)
{
    const char *e = q + 1;
    while (e < end && (isalnum((unsigned char)*e) || *e == '_'))
        e++;
    while (e > q + 1 && e[-1] == '_')
        e--;
    const char *cut = e;
    for (;;) {
        if ((*syn = find_synset(c, q + 1, (size_t)(cut - q - 1))) || cut <= q + 1)
            break;
        do
            cut--;
        while (cut > q + 1 && *cut != '_');
    }
    if (!*syn) {
        reject_pattern(c, line, "undefined synonym set", (int)(e - q), q);
        return NULL;
    }
    return cut;
}

/* A literal word of a pattern, lowercased into the pool; NULL and *rc = 0 when
 * rejected, *rc = RL_ENOMEM when out of memory. */
static char *pattern_word(pctx *c, const char *st, size_t n, int line, int *rc)
{
    *rc = 0;
    if (memchr(st, '|', n) || memchr(st, '@', n) || *st == '~' || *st == '=' ||
        memchr(st, '*', n) || memchr(st, '&', n) || memchr(st, '[', n) || memchr(st, ']', n)) {
        reject_pattern(c, line, "reserved character in", (int)n, st);
        return NULL;
    }
    char low[128];
    if (n >= sizeof low) {
        reject_pattern(c, line, "word too long in pattern", 0, NULL);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        low[i] = (char)tolower((unsigned char)st[i]);
    char *w = pdup(c, low, n);
    if (!w)
        *rc = RL_ENOMEM;
    return w;
}

/* Reads the elements of s[1..end); 1 ok, 0 rejected, RL_ENOMEM. */
static int pattern_elements(pctx *c, const char *s, const char *end, int line, pelems *pe)
{
    int closed = 0;
    const char *q = s + 1;
    pe->ne = pe->nverb = 0;
    while (q < end) {
        if (*q == '_') {
            closed = 1;
            q++;
            continue;
        }
        if (isspace((unsigned char)*q) || strchr("{}()", *q)) {
            q++;
            continue;
        }
        if (pe->ne == MAX_ELEMS)
            return reject_pattern(c, line, "pattern too long", 0, NULL);
        int open = pe->ne > 0 && !closed;
        closed = 0;
        if (*q == '&') {
            synset *syn;
            const char *cut = synset_ref(c, q, end, line, &syn);
            if (!cut)
                return 0;
            pe->el[pe->ne++] = (elem){E_SYN, open, NULL, syn};
            q = cut;
            continue;
        }
        const char *st = q;
        while (q < end && *q != '_' && !isspace((unsigned char)*q) && !strchr("{}()", *q))
            q++;
        size_t n = (size_t)(q - st);
        int kind = E_WORD;
        if (n == 1 && strchr("*+$%^", *st))
            kind = *st == '*' ? E_VERB : *st == '+' ? E_TARGET : *st == '$' ? E_SOURCE
                   : *st == '%' ? E_COMPOUND : E_SKIP;
        char *w = NULL;
        if (kind == E_WORD) {
            int rc;
            if (!(w = pattern_word(c, st, n, line, &rc)))
                return rc;
        }
        pe->nverb += kind == E_VERB;
        pe->el[pe->ne++] = (elem){kind, open, w, NULL};
    }
    if (pe->nverb != 1) {
        rl_error(c->dg, c->file, line, "a pattern needs one verb position '*' (found %d)", pe->nverb);
        c->st->bad++;
        return 0;
    }
    return 1;
}

/* The slots before the first word, and compound slots read as targets. */
static void pattern_slots(pctx *c, pelems *pe, int line)
{
    elem *el = pe->el;
    int first = 0;
    pe->lead = 0;
    while (first < pe->ne && el[first].kind != E_WORD && el[first].kind != E_SYN && el[first].kind != E_VERB) {
        if (first > 0)
            note(c, N_LEAD_EXTRA, line);
        else if (el[first].kind == E_TARGET)
            pe->lead = '+';
        else if (el[first].kind == E_SOURCE)
            pe->lead = '$';
        else if (el[first].kind == E_COMPOUND)
            pe->lead = '%';
        else if (el[first].kind == E_SKIP)
            note(c, N_LEAD_SKIP, line);
        first++;
    }
    pe->first = first;
    for (int i = first; i < pe->ne; i++)
        if (el[i].kind == E_COMPOUND) {
            note(c, N_COMPOUND_SLOT, line);
            el[i].kind = E_TARGET;
        }
}

/* Synonym-set variants: the one-word forms as one group, each multi-word form
 * alone. 1 ok, 0 rejected (or a set could not be resolved). */
static int pattern_variants(pctx *c, pelems *pe, int line)
{
    int capped = 0;
    pe->nvar = 1;
    for (int i = pe->first; i < pe->ne; i++) {
        if (pe->el[i].kind != E_SYN)
            continue;
        if (resolve(c, pe->el[i].syn, 0))
            return 0;
        size_t opts = (pe->el[i].syn->singles.n ? 1 : 0) + pe->el[i].syn->multis.n;
        if (!opts) {
            rl_error(c->dg, c->file, line, "empty synonym set '&%s'", pe->el[i].syn->name);
            c->st->bad++;
            return 0;
        }
        if (pe->nvar * opts > MAX_VARIANTS) {
            capped = 1;
            pe->nvar = MAX_VARIANTS;
        } else {
            pe->nvar *= opts;
        }
    }
    if (capped)
        note(c, N_VARIANTS, line);
    return 1;
}

/* When words come before the verb, verbs with the same other words share one
 * alternatives item: one pattern for the block, not one per verb (the
 * verb-first check of a lone form is not needed there). Returns the merged
 * units (caller frees) with their count in *n, or NULL to use b's own. */
static vunit *merge_units(pctx *c, const vblock *b, size_t *n)
{
    vunit *merged = calloc(b->nu, sizeof *merged);
    if (!merged)
        return NULL;
    size_t nunits = 0;
    for (size_t ui = 0; ui < b->nu; ui++) {
        size_t g = 0;
        while (g < nunits && (strcmp(merged[g].front, b->u[ui].front) || strcmp(merged[g].back, b->u[ui].back)))
            g++;
        if (g == nunits) {
            merged[nunits++] = b->u[ui];
            continue;
        }
        size_t l1 = strlen(merged[g].forms), l2 = strlen(b->u[ui].forms);
        char *f = malloc(l1 + l2 + 2);
        if (!f) {
            c->oom = 1;
            break;
        }
        memcpy(f, merged[g].forms, l1);
        f[l1] = '|';
        memcpy(f + l1 + 1, b->u[ui].forms, l2 + 1);
        merged[g].forms = pdup(c, f, l1 + l2 + 1);
        free(f);
        if (!merged[g].forms)
            break;
    }
    *n = nunits;
    return merged;
}

/* Writes variant var of the pattern for verb unit u into t. */
static void write_variant(rl_buf *t, const pelems *pe, const vunit *u, size_t var)
{
    if (pe->lead) {
        rl_buf_addc(t, pe->lead);
        rl_buf_addc(t, ' ');
    }
    size_t rest = var;
    for (int i = pe->first; i < pe->ne; i++) {
        const elem *e = &pe->el[i];
        if (i > pe->first)
            rl_buf_adds(t, e->open ? " * " : " ");
        switch (e->kind) {
        case E_WORD: rl_buf_adds(t, e->w); break;
        case E_VERB: put_unit(t, u); break;
        case E_TARGET: rl_buf_addc(t, '+'); break;
        case E_SOURCE: rl_buf_addc(t, '$'); break;
        case E_SKIP: rl_buf_addc(t, '^'); break;
        case E_SYN: {
            const synset *y = e->syn;
            size_t opts = (y->singles.n ? 1 : 0) + y->multis.n, pick = rest % opts;
            rest /= opts;
            if (y->singles.n && pick == 0) {
                for (size_t w = 0; w < y->singles.n; w++) {
                    if (w)
                        rl_buf_addc(t, '|');
                    rl_buf_adds(t, y->singles.v[w]);
                }
            } else {
                rl_buf_adds(t, y->multis.v[pick - (y->singles.n ? 1 : 0)]);
            }
            break;
        }
        }
    }
    rl_buf_adds(t, " [petrarch]");
}

/* A pattern line "- PRE * POST [CODE]" for every verb of block b. */
static int pattern_line(pctx *c, const vblock *b, const char *s, int line)
{
    c->st->patterns_read++;
    char code[16];
    const char *lb = NULL;
    pelems pe;
    int ok = pattern_code(c, s, line, code, &lb);
    if (ok == 1)
        ok = pattern_elements(c, s, lb, line, &pe);
    if (ok != 1)
        return ok < 0 ? ok : RL_OK;
    pattern_slots(c, &pe, line);
    if (!pattern_variants(c, &pe, line))
        return RL_OK;
    const vunit *units = b->u;
    size_t nunits = b->nu;
    vunit *merged = NULL;
    if (pe.el[pe.first].kind != E_VERB && b->nu > 1 && (merged = merge_units(c, b, &nunits)))
        units = merged;
    rl_buf t;
    rl_buf_init(&t);
    int rc = c->oom ? RL_ENOMEM : RL_OK;
    for (size_t ui = 0; ui < nunits && rc == RL_OK; ui++)
        for (size_t var = 0; var < pe.nvar && rc == RL_OK; var++) {
            rl_buf_clear(&t);
            write_variant(&t, &pe, &units[ui], var);
            if (t.data)
                rc = add(c, RL_P_VERB, code, 0, 0, t.data, line);
        }
    rl_buf_release(&t);
    free(merged);
    return rc;
}

/* Adds a block's verbs alone (with their own or the block's code) and its
 * patterns for every verb. */
static int flush_block(pctx *c, vblock *b)
{
    if (b->np && !b->nu)
        rl_warn(c->dg, c->file, b->line, "verb block without verbs: its %zu pattern%s unused", b->np,
                b->np == 1 ? " is" : "s are");
    rl_buf t;
    rl_buf_init(&t);
    int rc = RL_OK;
    for (size_t i = 0; i < b->nu && rc == RL_OK; i++) {
        const char *code = b->u[i].code[0] ? b->u[i].code : b->code;
        if (!code[0] || strcmp(code, "---") == 0)
            continue;
        rl_buf_clear(&t);
        put_unit(&t, &b->u[i]);
        rl_buf_adds(&t, " [petrarch]");
        if (t.data)
            rc = add(c, RL_P_VERB, code, 0, 0, t.data, b->u[i].line);
    }
    rl_buf_release(&t);
    for (size_t i = 0; i < b->np && rc == RL_OK; i++)
        rc = pattern_line(c, b, c->lines[b->pat[i]].s, c->lines[b->pat[i]].no);
    b->nu = b->np = 0;
    return rc;
}

/* "--- NAME [CODE] ---" */
static void block_header(pctx *c, vblock *b, const char *s, int line)
{
    b->line = line;
    strcpy(b->code, "---");
    const char *lb = strchr(s, '[');
    if (!lb)
        return;
    const char *rb = strchr(lb, ']');
    if (!rb) {
        rl_error(c->dg, c->file, line, "unclosed '[' in verb block header");
        c->st->bad++;
        return;
    }
    char code[16];
    int k = event_code(lb + 1, (size_t)(rb - lb - 1), code);
    if (k < 0) {
        rl_error(c->dg, c->file, line, "bad code in verb block header");
        c->st->bad++;
    } else if (k > 0) {
        note(c, N_COMPLEX_CODE, line);
    } else {
        lint_code(c, code, line);
        rl_strlcpy(b->code, code, sizeof b->code);
    }
    if (strchr(rb, '['))
        note(c, N_BLOCK_CODE2, line);
}

static int load_verbs(pctx *c)
{
    /* synonym sets first: a set may be used before the line defining it */
    for (size_t i = 0; i < c->nlines; i++) {
        char *s = c->lines[i].s;
        if (s[0] != '&')
            continue;
        size_t n = strcspn(s + 1, " \t");
        int np = n && s[n] == '_';
        synset *old = find_synset(c, s + 1, n);
        if (old) {
            rl_error(c->dg, c->file, c->lines[i].no, "synonym set '&%.*s' defined again (first at line %d)",
                     (int)n, s + 1, old->line);
            c->st->bad++;
            continue;
        }
        if (c->nsyn == c->csyn) {
            size_t nc = c->csyn ? c->csyn * 2 : 32;
            synset *v = realloc(c->syn, nc * sizeof *v);
            if (!v)
                return RL_ENOMEM;
            c->syn = v;
            c->csyn = nc;
        }
        synset *y = &c->syn[c->nsyn++];
        memset(y, 0, sizeof *y);
        y->name = pdup(c, s + 1, n - (size_t)np);
        y->noplural = np;
        y->line = c->lines[i].no;
        c->st->synsets++;
        for (size_t j = i + 1; j < c->nlines && c->lines[j].s[0] == '+'; j++)
            wl_push(c, &y->members, c->lines[j].s + 1);
        if (c->oom)
            return RL_ENOMEM;
    }
    vblock b;
    memset(&b, 0, sizeof b);
    int rc = RL_OK, in_block = 0, in_set = 0;
    for (size_t i = 0; i < c->nlines && rc == RL_OK; i++) {
        char *s = c->lines[i].s;
        int no = c->lines[i].no;
        if (s[0] == '&') {
            in_set = 1;
            continue;
        }
        if (s[0] == '+' && in_set)
            continue;
        in_set = 0;
        if (strncmp(s, "---", 3) == 0) {
            if (in_block)
                rc = flush_block(c, &b);
            block_header(c, &b, s, no);
            in_block = 1;
        } else if (s[0] == '~') {
            note(c, N_TRANSFORM, no);
        } else if (!in_block) {
            rl_error(c->dg, c->file, no, "line outside a verb block ('--- NAME [CODE] ---')");
            c->st->bad++;
        } else if (s[0] == '-') {
            if (b.np == b.cp) {
                size_t nc = b.cp ? b.cp * 2 : 16;
                size_t *v = realloc(b.pat, nc * sizeof *v);
                if (!v) {
                    rc = RL_ENOMEM;
                    break;
                }
                b.pat = v;
                b.cp = nc;
            }
            b.pat[b.np++] = i;
        } else {
            rc = verb_line(c, &b, s, no);
        }
    }
    if (rc == RL_OK && in_block)
        rc = flush_block(c, &b);
    free(b.u);
    free(b.pat);
    return c->oom ? RL_ENOMEM : rc;
}

/* ---- actors ---- */

typedef struct restr { char code[16]; rl_day from, to; int line; } restr;

typedef struct actor_entry {
    char name[128];
    int line;
    int has_default;
    char def[16];
    restr *r;
    size_t nr, cr;
    const char **phs;      /* phrases (in the file's lines) and their line numbers */
    int *phl;
    size_t nph, cph;
} actor_entry;

/* YYYYMMDD or YYMMDD (years up to 30 are 20YY) */
static rl_day petr_day(const char *s, size_t n)
{
    char iso[11];
    if (n == 8)
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", s, s + 4, s + 6);
    else if (n == 6)
        snprintf(iso, sizeof iso, "%s%.2s-%.2s-%.2s", (s[0] - '0') * 10 + (s[1] - '0') <= 30 ? "20" : "19",
                 s, s + 2, s + 4);
    else
        return RL_NODATE;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return RL_NODATE;
    return rl_date_parse_iso(iso, 10, 0);
}

/* One "[CODE]", "[CODE <date]", "[CODE >date]" or "[CODE d1-d2]". */
static int restriction(pctx *c, actor_entry *a, const char *s, size_t n, int line)
{
    while (n && isspace((unsigned char)*s))
        s++, n--;
    size_t cl = 0;
    while (cl < n && !isspace((unsigned char)s[cl]) && s[cl] != '<' && s[cl] != '>')
        cl++;
    restr r;
    memset(&r, 0, sizeof r);
    r.line = line;
    r.from = r.to = RL_NODATE;
    /* a code glued to a date ("AAA950601") is malformed */
    if (actor_code(c, s, cl, r.code, line) < 0) {
        rl_error(c->dg, c->file, line, "bad actor code '%.*s'", (int)cl, s);
        c->st->bad++;
        return RL_OK;
    }
    char d[32];
    size_t dl = 0;
    for (size_t i = cl; i < n && dl + 1 < sizeof d; i++)
        if (!isspace((unsigned char)s[i]))
            d[dl++] = s[i];
    d[dl] = '\0';
    if (!dl) {
        a->has_default = 1;
        rl_strlcpy(a->def, r.code, sizeof a->def);
        return RL_OK;
    }
    if (d[0] == '<') {
        r.to = petr_day(d + 1, dl - 1);
        if (r.to == RL_NODATE)
            goto bad;
    } else if (d[0] == '>') {
        r.from = petr_day(d + 1, dl - 1);
        if (r.from == RL_NODATE)
            goto bad;
    } else {
        char *dash = strchr(d, '-');
        if (!dash)
            goto bad;
        r.from = petr_day(d, (size_t)(dash - d));
        r.to = petr_day(dash + 1, strlen(dash + 1));
        if (r.from == RL_NODATE || r.to == RL_NODATE || r.to < r.from)
            goto bad;
    }
    if (a->nr == a->cr) {
        size_t nc = a->cr ? a->cr * 2 : 4;
        restr *v = realloc(a->r, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        a->r = v;
        a->cr = nc;
    }
    a->r[a->nr++] = r;
    return RL_OK;
bad:
    rl_error(c->dg, c->file, line, "bad date restriction '%s' (want <DATE, >DATE or DATE-DATE, "
             "dates YYYYMMDD or YYMMDD)", d);
    c->st->bad++;
    return RL_OK;
}

/* All "[...]" groups of a line; returns the length before the first one. */
static int restrictions(pctx *c, actor_entry *a, const char *s, int line, size_t *before)
{
    const char *lb = strchr(s, '[');
    *before = lb ? (size_t)(lb - s) : strlen(s);
    while (lb) {
        const char *rb = strchr(lb, ']');
        if (!rb) {
            rl_error(c->dg, c->file, line, "unclosed '['");
            c->st->bad++;
            return RL_OK;
        }
        if (restriction(c, a, lb + 1, (size_t)(rb - lb - 1), line))
            return RL_ENOMEM;
        lb = strchr(rb, '[');
    }
    return RL_OK;
}

static int entry_phrase(actor_entry *a, const char *s, int line)
{
    if (a->nph == a->cph) {
        size_t nc = a->cph ? a->cph * 2 : 8;
        const char **v = realloc(a->phs, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        a->phs = v;
        int *l = realloc(a->phl, nc * sizeof *l);
        if (!l)
            return RL_ENOMEM;
        a->phl = l;
        a->cph = nc;
    }
    a->phs[a->nph] = s;
    a->phl[a->nph++] = line;
    return RL_OK;
}

static int flush_actor(pctx *c, actor_entry *a)
{
    int rc = RL_OK;
    if (!a->nph)
        goto done;
    if (!a->has_default && !a->nr) {
        rl_error(c->dg, c->file, a->line, "actor '%s' has no code", a->name);
        c->st->bad++;
        goto done;
    }
    uint32_t idx;
    c->st->entries++;
    if (!a->nr) {
        rc = rl_dict_add_actor(c->d, a->def, 0, a->name, &idx);
    } else {
        /* rl_dict_actor_code takes the last role in force: the undated code
         * first, then the restrictions in reverse, so the first written wins */
        rc = rl_dict_add_actor(c->d, "", 1, a->name, &idx);
        if (!rc)
            rc = rl_dict_add_role(c->d, idx, a->has_default ? a->def : "", RL_NODATE, RL_NODATE,
                                  "default code");
        for (size_t i = a->nr; i-- > 0 && !rc;)
            rc = rl_dict_add_role(c->d, idx, a->r[i].code, a->r[i].from, a->r[i].to,
                                  "dated code");
    }
    rl_buf t;
    rl_buf_init(&t);
    for (size_t i = 0; i < a->nph && !rc; i++) {
        rl_buf_clear(&t);
        int open = 0, number = 0;
        int nw = phrase_words(a->phs[i], strlen(a->phs[i]), &t, &open, &number);
        if (nw < 0) {
            rl_error(c->dg, c->file, a->phl[i], "reserved character in actor phrase '%s'", a->phs[i]);
            c->st->bad++;
            continue;
        }
        if (nw == 0 || !t.data) {
            rl_error(c->dg, c->file, a->phl[i], "empty actor phrase");
            c->st->bad++;
            continue;
        }
        if (open)
            note(c, N_OPEN_PHRASE, a->phl[i]);
        if (number)
            note(c, N_NUMBER, a->phl[i]);
        rc = add(c, RL_P_ACTOR, a->nr ? "" : a->def, 0, idx, t.data, a->phl[i]);
    }
    rl_buf_release(&t);
done:
    a->nph = a->nr = 0;
    a->has_default = 0;
    a->def[0] = '\0';
    return rc;
}

static int load_actors(pctx *c)
{
    actor_entry a;
    memset(&a, 0, sizeof a);
    int rc = RL_OK;
    for (size_t i = 0; i < c->nlines && rc == RL_OK; i++) {
        char *s = c->lines[i].s;
        int no = c->lines[i].no;
        size_t before;
        if (s[0] == '[') {
            if (!a.nph) {
                rl_error(c->dg, c->file, no, "code line outside an actor entry");
                c->st->bad++;
                continue;
            }
            rc = restrictions(c, &a, s, no, &before);
            continue;
        }
        if (s[0] != '+') {
            if ((rc = flush_actor(c, &a)))
                break;
            a.line = no;
        } else if (!a.nph) {
            rl_error(c->dg, c->file, no, "synonym outside an actor entry");
            c->st->bad++;
            continue;
        } else {
            s++;
        }
        if ((rc = restrictions(c, &a, s, no, &before)))
            break;
        while (before && isspace((unsigned char)s[before - 1]))
            before--;
        s[before] = '\0';
        if (!before) {
            rl_error(c->dg, c->file, no, "entry without a phrase");
            c->st->bad++;
            continue;
        }
        if (a.nph == 0) {
            size_t k = 0;
            for (size_t j = 0; j < before && k + 1 < sizeof a.name; j++)
                a.name[k++] = s[j] == '_' ? ' ' : s[j];
            while (k && a.name[k - 1] == ' ')
                k--;
            a.name[k] = '\0';
        }
        rc = entry_phrase(&a, s, no);
    }
    if (rc == RL_OK)
        rc = flush_actor(c, &a);
    free(a.r);
    free(a.phs);
    free(a.phl);
    return rc;
}

/* ---- agents ---- */

typedef struct subst { char *name; wlist values; } subst;

static int agent_phrase(pctx *c, const char *ph, size_t n, const char *code, int prefix, int line)
{
    rl_buf t;
    rl_buf_init(&t);
    int open = 0, number = 0;
    int nw = phrase_words(ph, n, &t, &open, &number);
    int rc = RL_OK;
    if (nw < 0) {
        rl_error(c->dg, c->file, line, "reserved character in agent phrase '%.*s'", (int)n, ph);
        c->st->bad++;
    } else if (nw == 0 || !t.data) {
        rl_error(c->dg, c->file, line, "empty agent phrase");
        c->st->bad++;
    } else {
        if (open)
            note(c, N_OPEN_PHRASE, line);
        if (number)
            note(c, N_NUMBER, line);
        rl_buf_adds(&t, prefix ? " [stack] [prefix]" : " [stack]");
        rc = add(c, RL_P_AGENT, code, 0, 0, t.data, line);
    }
    rl_buf_release(&t);
    return rc;
}

/* "!PERSON! = MAN, MEN, WOMAN": appends a substitution set to *subs. */
static int substitution_line(pctx *c, int no, char *bang, char *eq, subst **subs, size_t *nsub)
{
    char *b2 = strchr(bang + 1, '!');
    if (!b2 || b2 > eq) {
        rl_error(c->dg, c->file, no, "substitution set must be '!NAME! = a, b, c'");
        c->st->bad++;
        return RL_OK;
    }
    subst *v = realloc(*subs, (*nsub + 1) * sizeof *v);
    if (!v)
        return RL_ENOMEM;
    *subs = v;
    subst *x = &v[(*nsub)++];
    memset(x, 0, sizeof *x);
    x->name = pdup(c, bang + 1, (size_t)(b2 - bang - 1));
    for (char *q = eq + 1; *q;) {
        while (*q == ' ' || *q == '\t' || *q == ',')
            q++;
        char *e = q;
        while (*e && *e != ',')
            e++;
        char *t = e;
        while (t > q && isspace((unsigned char)t[-1]))
            t--;
        if (t > q)
            wl_push(c, &x->values, pdup(c, q, (size_t)(t - q)));
        q = e;
    }
    return RL_OK;
}

/* The "[~CODE]" or "[CODE~]" of an agent line into code; *cs points at the
 * code proper and *prefix tells which side the '~' was on. 1 ok, 0 rejected. */
static int agent_code(pctx *c, int no, const char *lb, const char *rb, char code[16], char **cs, int *prefix)
{
    size_t k = 0;
    int toolong = 0;
    for (const char *q = lb + 1; q < rb; q++)
        if (!isspace((unsigned char)*q)) {
            if (k + 1 < 16)
                code[k++] = (char)toupper((unsigned char)*q);
            else
                toolong = 1;
        }
    code[k] = '\0';
    if (toolong) {
        rl_error(c->dg, c->file, no, "agent code too long (at most 14 letters)");
        c->st->bad++;
        return 0;
    }
    *prefix = k > 1 && code[k - 1] == '~';
    if (!(k > 1 && (code[0] == '~' || *prefix))) {
        rl_error(c->dg, c->file, no, "agent code '%s' needs a '~' before (suffix) or after (prefix)", code);
        c->st->bad++;
        return 0;
    }
    *cs = *prefix ? code : code + 1;
    (*cs)[k - 1] = '\0';
    int okc = **cs != '\0';
    for (char *q = *cs; *q; q++)
        okc &= isalnum((unsigned char)*q) != 0;
    if (!okc) {
        rl_error(c->dg, c->file, no, "bad agent code '%.*s'", (int)(rb - lb - 1), lb + 1);
        c->st->bad++;
        return 0;
    }
    return 1;
}

/* "PHRASE !SET! REST [~CODE]": one agent phrase per value of the set. */
static int agent_substituted(pctx *c, const char *s, size_t base, const char *m1, const subst *subs,
                             size_t nsub, const char *cs, int prefix, int no, rl_buf *ph)
{
    const char *m2 = memchr(m1 + 1, '!', base - (size_t)(m1 + 1 - s));
    const subst *x = NULL;
    for (size_t j = 0; m2 && j < nsub; j++)
        if (strlen(subs[j].name) == (size_t)(m2 - m1 - 1) &&
            strncmp(subs[j].name, m1 + 1, (size_t)(m2 - m1 - 1)) == 0)
            x = &subs[j];
    if (!x) {
        rl_error(c->dg, c->file, no, "undefined substitution marker in '%.*s'", (int)base, s);
        c->st->bad++;
        return RL_OK;
    }
    int rc = RL_OK;
    for (size_t j = 0; j < x->values.n && rc == RL_OK; j++) {
        rl_buf_clear(ph);
        rl_buf_add(ph, s, (size_t)(m1 - s));
        rl_buf_adds(ph, x->values.v[j]);
        rl_buf_add(ph, m2 + 1, base - (size_t)(m2 + 1 - s));
        if (ph->data)
            rc = agent_phrase(c, ph->data, ph->len, cs, prefix, no);
    }
    return rc;
}

/* The plural of an agent phrase: explicit in "{...}" (none for "{}"), else
 * made by the English rules. */
static int agent_plural(pctx *c, const char *s, size_t base, const char *ob, const char *cb,
                        const char *cs, int prefix, int no, rl_buf *ph)
{
    if (ob) {
        const char *q = ob + 1;
        while (q < cb && isspace((unsigned char)*q))
            q++;
        const char *e = cb;
        while (e > q && isspace((unsigned char)e[-1]))
            e--;
        return e > q ? agent_phrase(c, q, (size_t)(e - q), cs, prefix, no) : RL_OK;
    }
    rl_buf_clear(ph);
    int open = 0, number = 0;
    if (phrase_words(s, base, ph, &open, &number) <= 0 || !ph->data)
        return RL_OK;
    for (size_t j = 0; j < ph->len; j++)
        ph->data[j] = (char)tolower((unsigned char)ph->data[j]);
    char *pl = plural_of(c, ph->data);
    for (char *q = pl; q && *q; q++)
        if (*q == ' ')
            *q = '_'; /* the words were joined in the file */
    return pl ? agent_phrase(c, pl, strlen(pl), cs, prefix, no) : RL_OK;
}

/* One agent line "PHRASE {PLURAL} [~CODE]". */
static int agent_line(pctx *c, char *s, int no, const subst *subs, size_t nsub, rl_buf *ph)
{
    char *lb = strchr(s, '['), *rb = lb ? strchr(lb, ']') : NULL;
    if (!lb || !rb) {
        rl_error(c->dg, c->file, no, "agent without a code ('PHRASE [~CODE]')");
        c->st->bad++;
        return RL_OK;
    }
    char code[16], *cs;
    int prefix;
    if (!agent_code(c, no, lb, rb, code, &cs, &prefix))
        return RL_OK;
    c->st->entries++;
    size_t pn = (size_t)(lb - s);
    char *ob = memchr(s, '{', pn), *cb = ob ? memchr(ob, '}', pn - (size_t)(ob - s)) : NULL;
    if (ob && !cb) {
        rl_error(c->dg, c->file, no, "unclosed '{'");
        c->st->bad++;
        return RL_OK;
    }
    size_t base = ob ? (size_t)(ob - s) : pn;
    while (base && isspace((unsigned char)s[base - 1]))
        base--;
    if (!base) {
        rl_error(c->dg, c->file, no, "agent without a phrase");
        c->st->bad++;
        return RL_OK;
    }
    char *m1 = memchr(s, '!', base);
    if (m1)
        return agent_substituted(c, s, base, m1, subs, nsub, cs, prefix, no, ph);
    int rc = agent_phrase(c, s, base, cs, prefix, no);
    return rc ? rc : agent_plural(c, s, base, ob, cb, cs, prefix, no, ph);
}

static int load_agents(pctx *c)
{
    subst *subs = NULL;
    size_t nsub = 0;
    int rc = RL_OK;
    rl_buf ph;
    rl_buf_init(&ph);
    for (size_t i = 0; i < c->nlines && rc == RL_OK; i++) {
        char *s = c->lines[i].s;
        int no = c->lines[i].no;
        char *bang = strchr(s, '!'), *eq = strchr(s, '=');
        if (bang && eq && !strchr(s, '['))
            rc = substitution_line(c, no, bang, eq, &subs, &nsub);
        else
            rc = agent_line(c, s, no, subs, nsub, &ph);
    }
    rl_buf_release(&ph);
    for (size_t j = 0; j < nsub; j++)
        free(subs[j].values.v);
    free(subs);
    return c->oom ? RL_ENOMEM : rc;
}

/* ---- discards and issues ---- */

static int load_discards(pctx *c)
{
    rl_buf t;
    rl_buf_init(&t);
    int rc = RL_OK;
    for (size_t i = 0; i < c->nlines && rc == RL_OK; i++) {
        char *s = c->lines[i].s;
        int no = c->lines[i].no;
        if (*s == '+') {
            note(c, N_STORY_DISCARD, no);
            s++;
        }
        size_t n = strlen(s);
        int exact = n && s[n - 1] == '_';
        rl_buf_clear(&t);
        int open = 0, number = 0;
        int nw = phrase_words(s, n, &t, &open, &number);
        if (nw < 0) {
            rl_error(c->dg, c->file, no, "reserved character in discard '%s'", s);
            c->st->bad++;
            continue;
        }
        if (nw == 0 || !t.data) {
            rl_error(c->dg, c->file, no, "empty discard phrase");
            c->st->bad++;
            continue;
        }
        c->st->entries++;
        for (size_t j = 0; j < t.len; j++)
            t.data[j] = (char)tolower((unsigned char)t.data[j]);
        if (number)
            note(c, N_NUMBER, no);
        if (!exact) {
            note(c, N_DISCARD_STEM, no);
            char *pl = plural_of(c, t.data);
            const char *last = strrchr(pl ? pl : "", ' ');
            if (pl) {
                rl_buf_addc(&t, '|');
                rl_buf_adds(&t, last ? last + 1 : pl);
            }
        }
        if (t.data)
            rc = add(c, RL_P_MODAL, "", RL_M_DISCARD, 0, t.data, no);
    }
    rl_buf_release(&t);
    return rc;
}

static int load_issues(pctx *c)
{
    for (size_t i = 0; i < c->nlines; i++) {
        const char *s = c->lines[i].s;
        int no = c->lines[i].no;
        if (strncasecmp(s, "<ISSUE", 6) == 0 || strncasecmp(s, "</ISSUE", 7) == 0)
            continue;
        const char *lb = strchr(s, '[');
        if (s[0] != '~' && (!lb || !strchr(lb, ']'))) {
            rl_error(c->dg, c->file, no, "issue line must be 'PHRASE [CODE]' or '~PHRASE'");
            c->st->bad++;
            continue;
        }
        if (c->st->entries++ == 0)
            note(c, N_ISSUES, no);
    }
    return RL_OK;
}

/* ---- entry points ---- */

static const char *const kind_names[RL_PETR_NKINDS] = {
    "unknown", "verbs", "actors", "agents", "discards", "issues",
};

const char *rl_petr_kind_name(int kind)
{
    return kind >= 0 && kind < RL_PETR_NKINDS ? kind_names[kind] : "unknown";
}

int rl_petr_kind_of(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char low[256];
    size_t n = 0;
    for (; base[n] && n + 1 < sizeof low; n++)
        low[n] = (char)tolower((unsigned char)base[n]);
    low[n] = '\0';
    if (strstr(low, "verb") || strstr(low, "cameo"))
        return RL_PETR_VERBS;
    if (strstr(low, "actor"))
        return RL_PETR_ACTORS;
    if (strstr(low, "agent"))
        return RL_PETR_AGENTS;
    if (strstr(low, "discard"))
        return RL_PETR_DISCARDS;
    if (strstr(low, "issue"))
        return RL_PETR_ISSUES;
    FILE *f = fopen(path, "r");
    if (!f)
        return RL_PETR_AUTO;
    char line[1024];
    int kind = RL_PETR_AUTO, brackets = 0, lines = 0;
    while (kind == RL_PETR_AUTO && lines < 5000 && fgets(line, sizeof line, f)) {
        lines++;
        if (line[0] == '#')
            continue;
        if (strncmp(line, "---", 3) == 0 && strchr(line, '['))
            kind = RL_PETR_VERBS;
        else if (strstr(line, "[~") || strstr(line, "~]"))
            kind = RL_PETR_AGENTS;
        else if (strncasecmp(line, "<ISSUE", 6) == 0)
            kind = RL_PETR_ISSUES;
        else if (strchr(line, '['))
            brackets++;
    }
    fclose(f);
    if (kind == RL_PETR_AUTO && brackets)
        kind = RL_PETR_ACTORS;
    return kind;
}

int rl_petr_load(rl_dict *d, const char *path, int kind, unsigned flags, rl_petr_stats *st,
                 rl_diag *dg)
{
    rl_petr_stats local;
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    if (kind == RL_PETR_AUTO)
        kind = rl_petr_kind_of(path);
    st->kind = kind;
    if (kind <= RL_PETR_AUTO || kind >= RL_PETR_NKINDS) {
        rl_error(dg, path, 0, "cannot tell which kind of PETRARCH dictionary this is; name it "
                 "*.verbs.txt, *.actors.txt, *.agents.txt, *.discards.txt or *issues*");
        return RL_EIO;
    }
    pctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.file = path;
    c.dg = dg;
    c.flags = flags;
    c.st = st;
    int rc = read_lines(&c);
    if (rc == RL_OK) {
        switch (kind) {
        case RL_PETR_VERBS: rc = load_verbs(&c); break;
        case RL_PETR_ACTORS: rc = load_actors(&c); break;
        case RL_PETR_AGENTS: rc = load_agents(&c); break;
        case RL_PETR_DISCARDS: rc = load_discards(&c); break;
        default: rc = load_issues(&c); break;
        }
    }
    if (c.oom && rc == RL_OK)
        rc = RL_ENOMEM;
    notes_summary(&c);
    ctx_release(&c);
    return rc;
}
