/* tok.c: tokenizer and sentence splitter for cleaned English news text.
 *
 * Words keep inner apostrophes and dots ("U.S.", "p.m."); the clitics "'s" and
 * "n't" become tokens of their own; hyphenated compounds are split with the
 * second part flagged RL_T_HYPH; numbers keep their thousands separators.
 * A sentence ends at . ! ? (and any closing quotes or brackets) unless the dot
 * belongs to an abbreviation (Gen. Dec. No. p.m.) or an initial (George W. Bush),
 * or the next word starts in lower case. */
#include "text/tok.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void rl_toks_init(rl_toks *t) { t->v = NULL; t->n = t->cap = 0; }

void rl_toks_release(rl_toks *t)
{
    free(t->v);
    rl_toks_init(t);
}

static int push(rl_toks *t, uint32_t off, uint32_t len, uint16_t flags)
{
    if (t->n == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 256;
        rl_token *v = realloc(t->v, nc * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        t->v = v;
        t->cap = nc;
    }
    t->v[t->n++] = (rl_token){off, len, 0, flags, 0};
    return RL_OK;
}

static int is_alpha(unsigned char c) { return isalpha(c) || c >= 0x80; }

int rl_tok_is(const char *text, const rl_token *k, const char *s)
{
    size_t m = strlen(s);
    return k->len == m && memcmp(text + k->off, s, m) == 0;
}

/* Is s[0..n) one of the lower-case words of the NULL-ended list (any case)?
 * Runs for every abbreviation dot: the first letter is compared before the rest. */
static int word_in_list(const char *s, size_t n, const char *const *list)
{
    if (n == 0)
        return 0;
    char c0 = (char)tolower((unsigned char)s[0]);
    for (int i = 0; list[i]; i++)
        if (list[i][0] == c0 && strncasecmp(s, list[i], n) == 0 && list[i][n] == '\0')
            return 1;
    return 0;
}

/* Abbreviations whose dot never ends a sentence when a capital follows. */
static int is_title_abbr(const char *s, size_t n)
{
    static const char *const abbr[] = {
        "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "gov",
        "sen", "rep", "rev", "st", "jr", "sr", "prof", "pres", "brig", "cmdr", "cpl",
        "pvt", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "v", "mt", "ft", "fig",
        "approx", "dept", "est", "gov't", "sec", "amb", "atty", "supt", "messrs", NULL,
    };
    return word_in_list(s, n, abbr);
}

/* Words that start a new sentence after an ambiguous abbreviation (U.S. p.m.). */
static int is_sentence_starter(const char *s, size_t n)
{
    static const char *const w[] = {
        "the", "a", "an", "it", "he", "she", "they", "we", "i", "this", "that", "these",
        "those", "in", "on", "at", "but", "and", "however", "meanwhile", "there", "its",
        "his", "her", "their", "our", "after", "before", "when", "while", "if", "as",
        "some", "many", "no", "both", "on", "officials", "one", NULL,
    };
    return word_in_list(s, n, w);
}

/* A web page's subheading flattened into the text: "... the injured. BLA
 * surges The United States and Pakistan have ...". At a sentence start s, one
 * to four words, the first capitalised and no function word, then a capitalised
 * word that opens sentences ("The", "Since", "Officials") after a word that
 * does not run on into a name ("told The Associated Press"). Sets *last to the
 * heading's last token. */
static int heading_at(const char *text, const rl_toks *t, size_t s, size_t *last)
{
    static const char *const no_first[] = {
        "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there",
        "but", "and", "or", "in", "on", "at", "the", "a", "an", "as", "if", "when", "while",
        "after", "before", "since", "its", "his", "her", "their", "our", "my", "your", NULL,
    };
    static const char *const runs_on[] = {
        "told", "said", "says", "say", "reported", "reports", "wrote", "writes", "tells", "of",
        "in", "at", "to", "from", "with", "and", "or", "for", "on", "about", "against", "than",
        "per", "via", "by", "the", "a", "an", "whose", "which", "who", "into", "like", "called",
        "named", "read", "reads", "titled", "entitled", "watch", "see", NULL,
    };
    static const char *const opener[] = {
        "the", "since", "in", "on", "at", "after", "before", "when", "while", "according", "a",
        "an", "but", "however", "last", "this", "these", "it", "he", "she", "they", "we",
        "meanwhile", "earlier", "later", "despite", "although", "as", "if", "many", "some",
        "both", "officials", "its", "his", "her", "their", "our", NULL,
    };
    if (s >= t->n || !(t->v[s].flags & RL_T_CAP) || !(t->v[s].flags & RL_T_WORD) ||
        word_in_list(text + t->v[s].off, t->v[s].len, no_first))
        return 0;
    size_t words = 0;
    for (size_t j = s; j < t->n && j < s + 8; j++) {
        const rl_token *k = &t->v[j];
        if (!(k->flags & RL_T_WORD) || (k->flags & RL_T_ABBR))
            return 0;
        if (!(k->flags & RL_T_HYPH) && ++words > 4)
            return 0;
        if (j + 3 >= t->n)
            return 0;
        const rl_token *nx = &t->v[j + 1];
        if ((nx->flags & RL_T_CAP) && !(nx->flags & RL_T_HYPH) && !(nx->flags & RL_T_ALLCAP) &&
            word_in_list(text + nx->off, nx->len, opener) &&
            !word_in_list(text + k->off, k->len, runs_on)) {
            *last = j;
            return 1;
        }
    }
    return 0;
}

static void mark_sentences(const char *text, rl_toks *t, size_t max_sent, unsigned *cut)
{
    size_t since = 0, head;
    if (heading_at(text, t, 0, &head)) {
        t->v[head].sent_end = 1;
    }
    for (size_t i = 0; i < t->n; i++) {
        rl_token *k = &t->v[i];
        const char *s = text + k->off;
        since++;
        int end = 0;
        size_t last = i; /* token after which the sentence ends */
        if ((k->flags & RL_T_PUNCT) && (*s == '.' || *s == '!' || *s == '?')) {
            end = 1;
        } else if ((k->flags & RL_T_ABBR) && i + 1 < t->n) {
            /* "U.S." or "p.m." may end a sentence when a sentence starter follows */
            const rl_token *nx = &t->v[i + 1];
            size_t wl = k->len - 1;
            int title = is_title_abbr(s, wl);
            int initial = wl == 1 && isupper((unsigned char)s[0]);
            if (!title && !initial && (nx->flags & RL_T_CAP) &&
                is_sentence_starter(text + nx->off, nx->len))
                end = 1;
        } else if ((k->flags & RL_T_ABBR) && i + 1 == t->n) {
            end = 1;
        }
        if (end) {
            /* absorb closing quotes and brackets, and further ! ? . */
            while (last + 1 < t->n) {
                char c = text[t->v[last + 1].off];
                if ((t->v[last + 1].flags & RL_T_PUNCT) &&
                    (c == '"' || c == '\'' || c == ')' || c == ']' || c == '.' || c == '!' || c == '?')) {
                    /* a quote that opens the next sentence is not absorbed */
                    if ((c == '"' || c == '\'') && last + 2 < t->n &&
                        t->v[last + 2].off == t->v[last + 1].off + 1)
                        break;
                    last++;
                } else {
                    break;
                }
            }
            /* lower-case continuation: "are available. exhausted." still splits,
             * but "e.g. the" style continuations do not end a sentence */
            if (last + 1 < t->n) {
                const rl_token *nx = &t->v[last + 1];
                unsigned char c0 = (unsigned char)text[nx->off];
                if ((nx->flags & RL_T_WORD) && islower(c0) && (k->flags & RL_T_ABBR))
                    end = 0;
            }
        }
        /* "with Russia. , the United States": a stray dot before a comma */
        if (end && last + 1 < t->n && (t->v[last + 1].flags & RL_T_PUNCT) &&
            (text[t->v[last + 1].off] == ',' || text[t->v[last + 1].off] == ';'))
            end = 0;
        if (end) {
            t->v[last].sent_end = 1;
            i = last;
            since = 0;
            if (heading_at(text, t, last + 1, &head)) {
                t->v[head].sent_end = 1;
                i = head;
            }
        } else if (since >= max_sent) {
            k->sent_end = 1;
            since = 0;
            if (cut)
                (*cut)++;
        }
    }
    if (t->n)
        t->v[t->n - 1].sent_end = 1;
}

int rl_tok_paragraph(const char *text, size_t n, rl_toks *t, size_t max_sent, unsigned *cut)
{
    t->n = 0;
    size_t i = 0;
    int hyph = 0;
    while (i < n) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ') {
            i++;
            hyph = 0;
            continue;
        }
        size_t st = i;
        uint16_t fl = 0;
        if (isdigit(c) || (c == '$' && i + 1 < n && isdigit((unsigned char)text[i + 1]))) {
            i++;
            while (i < n) {
                unsigned char d = (unsigned char)text[i];
                if (isdigit(d) || isalpha(d))
                    i++;
                else if ((d == ',' || d == '.' || d == ':') && i + 1 < n &&
                         isdigit((unsigned char)text[i + 1]))
                    i++;
                else
                    break;
            }
            fl = RL_T_NUM;
        } else if ((c == 'n' || c == 'N') && i + 2 < n && text[i + 1] == '\'' &&
                   (text[i + 2] == 't' || text[i + 2] == 'T') &&
                   (i + 3 == n || !is_alpha((unsigned char)text[i + 3]))) {
            i += 3; /* the clitic "n't" */
            fl = RL_T_WORD;
        } else if (is_alpha(c)) {
            int upper = 0, lower = 0, nonascii = 0;
            while (i < n) {
                unsigned char d = (unsigned char)text[i];
                if (is_alpha(d) || isdigit(d)) {
                    if (isupper(d)) upper++;
                    else if (islower(d)) lower++;
                    if (d >= 0x80) nonascii = 1;
                    i++;
                } else if (d == '\'' && i + 1 < n && is_alpha((unsigned char)text[i + 1])) {
                    /* split "'s" and "n't"; keep O'Brien, gov't */
                    if ((i + 2 == n || !is_alpha((unsigned char)text[i + 2])) &&
                        (text[i + 1] == 's' || text[i + 1] == 'S'))
                        break;
                    if (i > st && (text[i - 1] == 'n' || text[i - 1] == 'N') &&
                        (text[i + 1] == 't' || text[i + 1] == 'T') &&
                        (i + 2 == n || !is_alpha((unsigned char)text[i + 2]))) {
                        i--; /* "don't" -> "do" "n't" */
                        break;
                    }
                    i++;
                } else if (d == '.' && i + 1 < n && isalpha((unsigned char)text[i + 1]) &&
                           i + 2 <= n && (i + 2 == n || text[i + 2] == '.')) {
                    /* U.S.  p.m.  e.g. : single letters joined by dots */
                    i += 2;
                } else {
                    break;
                }
            }
            fl = RL_T_WORD;
            if (isupper(c)) fl |= RL_T_CAP;
            if (upper && !lower) fl |= RL_T_ALLCAP;
            if (nonascii) fl |= RL_T_NONASCII;
            /* a trailing dot that belongs to the word: U.S.  Gen.  p.m. */
            if (i < n && text[i] == '.') {
                size_t wl = i - st;
                int dotted = memchr(text + st, '.', wl) != NULL;
                int initial = wl == 1 && isupper(c);
                int numabbr = wl <= 3 && (strncasecmp(text + st, "no", wl) == 0 ||
                                          strncasecmp(text + st, "nos", wl) == 0);
                int digit_next = i + 2 < n && isdigit((unsigned char)text[i + 2]);
                if (dotted || initial || (is_title_abbr(text + st, wl) && (!numabbr || digit_next))) {
                    i++;
                    fl |= RL_T_ABBR;
                }
            }
        } else if (c == '\'' && i + 1 < n && (text[i + 1] == 's' || text[i + 1] == 'S') &&
                   (i + 2 == n || !is_alpha((unsigned char)text[i + 2])) &&
                   (i == 0 || text[i - 1] != ' ')) {
            /* the clitic 's (also alone, as a dictionary pattern word) */
            i += 2;
            fl = RL_T_WORD;
        } else {
            /* one punctuation character, or one multi-byte symbol */
            i++;
            while (i < n && ((unsigned char)text[i] & 0xC0) == 0x80)
                i++;
            fl = RL_T_PUNCT;
        }
        if (i == st)
            i++;
        if (hyph)
            fl |= RL_T_HYPH;
        hyph = 0;
        if (fl & RL_T_PUNCT && text[st] == '-' && t->n > 0 && st > 0 && text[st - 1] != ' ' &&
            i < n && text[i] != ' ') {
            /* inner hyphen: drop it, flag the next token */
            hyph = 1;
            continue;
        }
        if (push(t, (uint32_t)st, (uint32_t)(i - st), fl))
            return RL_ENOMEM;
    }
    mark_sentences(text, t, max_sent ? max_sent : 1000, cut);
    return RL_OK;
}
