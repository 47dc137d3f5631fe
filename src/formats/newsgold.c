/* newsgold.c: reads the real-news gold sets (newsgold.h) with jansson and
 * aligns coded sentences to them by skeletons. It does not code or score:
 * cli/cmd_eval.c codes the stories and scores with rl_eval_record (gold.c). */
#include "formats/newsgold.h"
#include "base/day.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void rl_newsgold_init(rl_newsgold *ng) { memset(ng, 0, sizeof *ng); }

void rl_newsgold_release(rl_newsgold *ng)
{
    for (size_t i = 0; i < ng->n; i++) {
        free(ng->v[i].story);
        free(ng->v[i].g.ev);
    }
    free(ng->v);
    for (size_t i = 0; i < ng->nfiles; i++)
        free(ng->files[i]);
    free(ng->files);
    rl_newsgold_init(ng);
}

static const char *str_of(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* One gold event object; 0 ok, else a message for the caller to report. */
static const char *read_event(json_t *o, rl_gold_event *e)
{
    memset(e, 0, sizeof *e);
    const char *s = str_of(o, "source"), *t = str_of(o, "target"), *c = str_of(o, "cameo");
    const char *m = str_of(o, "modality"), *d = str_of(o, "date");
    if (!s || !t || !c || strlen(s) >= sizeof e->source || strlen(t) >= sizeof e->target ||
        strlen(c) >= sizeof e->code || !*c)
        return "an event needs string source, target and cameo";
    strcpy(e->source, s);
    strcpy(e->target, t);
    strcpy(e->code, c);
    e->modality = m ? rl_modality_parse(m) : -1;
    if (m && e->modality < 0)
        return "unknown modality";
    e->date = d ? rl_day_parse(d) : RL_NODATE;
    if (d && e->date == RL_NODATE)
        return "bad event date";
    return NULL;
}

/* One line: 1 appended, 0 rejected (reported), RL_ENOMEM. */
static int read_line(rl_newsgold *ng, const char *file, int lineno, const char *line, rl_diag *dg)
{
    json_error_t je;
    json_t *o = json_loads(line, 0, &je);
    const char *why = NULL;
    json_t *st = o ? json_object_get(o, "start") : NULL, *en = o ? json_object_get(o, "end") : NULL;
    json_t *evs = o ? json_object_get(o, "events") : NULL;
    const char *story = o ? str_of(o, "story") : NULL;
    if (!o)
        why = je.text;
    else if (!story || !json_is_integer(st) || !json_is_integer(en) || json_integer_value(st) < 0 ||
             json_integer_value(en) <= json_integer_value(st))
        why = "needs \"story\" and integer \"start\" < \"end\"";
    else if (!json_is_array(evs))
        why = "needs an \"events\" array";
    rl_news_sentence s;
    memset(&s, 0, sizeof s);
    size_t k;
    json_t *x;
    if (!why) {
        s.start = (size_t)json_integer_value(st);
        s.end = (size_t)json_integer_value(en);
        s.g.date = RL_NODATE;
        s.g.file = file;
        s.g.line = lineno;
        s.g.ev = calloc(json_array_size(evs) + 1, sizeof *s.g.ev);
        if (!s.g.ev) {
            json_decref(o);
            return RL_ENOMEM;
        }
        json_array_foreach(evs, k, x) {
            if (!json_is_object(x)) {
                why = "an event must be an object";
                break;
            }
            if ((why = read_event(x, &s.g.ev[s.g.nev])))
                break;
            s.g.nev++;
        }
        s.g.none = s.g.nev == 0;
    }
    if (!why && ng->n && !strcmp(ng->v[ng->n - 1].story, story) && ng->v[ng->n - 1].g.file == file &&
        s.start < ng->v[ng->n - 1].end)
        why = "overlaps or precedes the sentence before it";
    if (why) {
        rl_error(dg, file, lineno, "%s; line skipped", why);
        free(s.g.ev);
        json_decref(o);
        return 0;
    }
    if (ng->n == ng->cap) {
        size_t nc = ng->cap ? ng->cap * 2 : 256;
        rl_news_sentence *v = realloc(ng->v, nc * sizeof *v);
        if (!v) {
            free(s.g.ev);
            json_decref(o);
            return RL_ENOMEM;
        }
        ng->v = v;
        ng->cap = nc;
    }
    s.story = strdup(story);
    json_decref(o);
    if (!s.story) {
        free(s.g.ev);
        return RL_ENOMEM;
    }
    s.g.id = s.story;
    ng->v[ng->n++] = s;
    return 1;
}

int rl_newsgold_load(rl_newsgold *ng, const char *path, rl_diag *dg)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        rl_error(dg, path, 0, "cannot open");
        return RL_EIO;
    }
    char **fv = realloc(ng->files, (ng->nfiles + 1) * sizeof *fv);
    char *fname = fv ? strdup(path) : NULL;
    if (fv)
        ng->files = fv;
    if (!fname) {
        fclose(f);
        return RL_ENOMEM;
    }
    ng->files[ng->nfiles++] = fname;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0, rc = RL_OK;
    while (rc >= 0 && getline(&line, &cap, f) >= 0) {
        lineno++;
        const char *p = line;
        while (isspace((unsigned char)*p))
            p++;
        if (*p)
            rc = read_line(ng, fname, lineno, p, dg);
    }
    free(line);
    fclose(f);
    return rc < 0 ? rc : RL_OK;
}

size_t rl_utf8_count(const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

int rl_skeleton_build(rl_skeleton *sk, const char *text, size_t len, int with_offsets)
{
    sk->n = 0;
    sk->c = malloc(len + 1);
    sk->cp = with_offsets ? malloc((len + 1) * sizeof *sk->cp) : NULL;
    if (!sk->c || (with_offsets && !sk->cp)) {
        rl_skeleton_release(sk);
        return RL_ENOMEM;
    }
    size_t cp = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if ((ch & 0xC0) == 0x80)
            continue;
        if (isalnum(ch)) {
            if (sk->cp)
                sk->cp[sk->n] = cp;
            sk->c[sk->n++] = (char)tolower(ch);
        }
        cp++;
    }
    sk->c[sk->n] = '\0';
    return RL_OK;
}

void rl_skeleton_release(rl_skeleton *sk)
{
    free(sk->c);
    free(sk->cp);
    sk->c = NULL;
    sk->cp = NULL;
    sk->n = 0;
}

int rl_skeleton_locate(const rl_skeleton *story, const rl_skeleton *probe, size_t *from, size_t *cp)
{
    if (!probe->n || *from > story->n)
        return -1;
    size_t k = probe->n < 48 ? probe->n : 48;
    for (size_t i = *from; i + k <= story->n; i++)
        if (story->c[i] == probe->c[0] && !memcmp(story->c + i, probe->c, k)) {
            *cp = story->cp[i];
            *from = i + (probe->n < story->n - i ? probe->n : story->n - i);
            return 0;
        }
    return -1;
}
