/* match.h: the shallow reading of one tokenized sentence against a dictionary:
 * actor and agent mentions, noun-phrase chunks with their codes, compound
 * groups ("Russian and US officials"), clause boundaries, and the verb and modal
 * patterns that match. code.h turns this reading into events.
 * An rl_reading is caller-owned scratch (rl_reading_init/_release) reused for
 * every sentence; it borrows the dictionary, the text and the tokens. */
#ifndef RL_MATCH_H
#define RL_MATCH_H

#include "coder/date.h"
#include "lexicon/dict.h"
#include "lexicon/fwords.h"

#define RL_MAX_EVID 8

typedef struct rl_mention {
    uint32_t start, end;   /* token span */
    uint32_t pat;          /* dictionary pattern */
} rl_mention;

enum { RL_CH_PRONOUN = 1, RL_CH_PLURAL_ANAPHOR = 2, RL_CH_IT = 3, RL_CH_FIRST = 4 /* we, I inside a quote */,
       RL_CH_COUNTRY = 5 /* "the country", "the Central African nation" */,
       RL_CH_ORG = 6 /* "the group", "the separatist group", "the organization" */,
       RL_CH_IGO = 7 /* "the bloc", "the regional body", "the alliance" */ };

typedef struct rl_chunk {
    uint32_t start, end;   /* token span */
    char code[24];         /* resolved actor code ("" if only an agent and no country) */
    char suffix[4];        /* agent suffix, if any */
    const char *role;      /* person's role description, if a person */
    int8_t person;         /* contains a person */
    int8_t country;        /* has a country/organisation code */
    int8_t anaphor;        /* RL_CH_* : pronoun to resolve from the story */
    int8_t possessive;     /* followed by 's */
    int32_t appos;         /* possessive before its own actor: "Turkey's rival Greece" -> Greece; -1 */
    int8_t hyphen;         /* modifier in a hyphenated compound */
    int8_t lends;          /* "the ambassadors of A": its stacked agents go to its group */
    char stack[16];        /* PETRARCH agent codes stacked after the actor's (dict.h RL_PF_STACK) */
    int32_t prep;          /* token index of the preposition before it, -1 none */
    int32_t group;         /* group index */
} rl_chunk;

typedef struct rl_group {
    uint32_t first, n;     /* chunks [first, first+n) */
} rl_group;

typedef struct rl_pmatch {
    uint32_t pat;
    uint32_t start, end;   /* token span of the match */
    uint32_t head;         /* token of the first word item */
    int32_t target;        /* chunk at '+', -1 none */
    int32_t source;        /* chunk at '$', -1 none */
    uint8_t partial;       /* matched without its final '+' or '$' */
    uint8_t nominal;       /* a verb pattern used as a noun ("Russia's attack on +") */
    uint8_t fronted;       /* its object noun heads a relative before it ("the sanctions the EU imposed on +") */
    uint8_t nevid;
    uint32_t evid[RL_MAX_EVID]; /* tokens matched by word items */
} rl_pmatch;

#define RL_MAX_QUOTES 8
#define RL_MAX_SURNAMES 48

/* Persons already named in full in this story, by surname ("Jovenel Moise"
 * then "Moise said"): owned by the coder, borrowed by the reading. */
typedef struct rl_surnames {
    struct {
        char name[32];     /* the surname as written */
        uint32_t len;      /* its length in bytes */
        char code[24];     /* the person's code on the story date */
        const char *role;
    } v[RL_MAX_SURNAMES];
    int n;
} rl_surnames;

/* A quotation: tokens [start, end) and the chunk of its speaker, -1 unknown. */
typedef struct rl_quote {
    uint32_t start, end;
    int32_t speaker;
} rl_quote;

typedef struct rl_reading {
    const rl_dict *dict;
    const char *text;
    rl_token *tok;
    size_t n;
    rl_day story;
    /* per-token */
    uint32_t *wc;          /* function-word class of each token (fwords.h) */
    int32_t *chunk_of;     /* chunk index covering the token, -1 */
    uint16_t *clause;      /* clause number */
    uint8_t *skip;         /* 1: a date phrase that patterns read through ("on Monday") */
    uint8_t *present;      /* per word id: 1 if in the sentence (a quick "can it match") */
    uint32_t npresent;
    uint64_t sig;          /* rl_word_bit of every word of the sentence */
    size_t tcap;
    rl_mention *ment; size_t nment, cment;
    rl_chunk *chunk; size_t nchunk, cchunk;
    rl_group *group; size_t ngroup, cgroup;
    rl_pmatch *verb; size_t nverb, cverb;
    rl_pmatch *modal; size_t nmodal, cmodal;
    rl_datex dates[16]; size_t ndates;
    rl_quote quote[RL_MAX_QUOTES]; uint8_t nquote;
    uint8_t quote_carry;   /* set by the coder: the sentence starts inside a quote opened before */
    uint8_t quote_open;    /* set by rl_quote_spans: a quote is still open at the sentence's end */
    const rl_surnames *surnames; /* NULL: none (set by the coder per story) */
} rl_reading;

void rl_reading_init(rl_reading *r, const rl_dict *d);
void rl_reading_release(rl_reading *r);

/* Reads tokens t[0..n) of text (sets t[i].word). story is the story date, used
 * to pick office-holders' roles. Returns RL_OK or RL_ENOMEM. */
int rl_match_sentence(rl_reading *r, const char *text, rl_token *t, size_t n, rl_day story);

/* Helpers shared with code.c */
int rl_match_is_word(const rl_reading *r, uint32_t i, const char *w);
/* Class mask of token i; 0 beyond the sentence. */
static inline uint32_t rl_wc(const rl_reading *r, int64_t i)
{
    return (i >= 0 && (uint64_t)i < r->n) ? r->wc[i] : 0;
}
/* Is token i the punctuation character c? */
static inline int rl_is_punct(const rl_reading *r, int64_t i, char c)
{
    return i >= 0 && (uint64_t)i < r->n && (r->tok[i].flags & RL_T_PUNCT) && r->text[r->tok[i].off] == c;
}
int rl_match_is_locative(const rl_reading *r, int32_t prep);
/* Does some verb or modal pattern start with the word of token i? */
int rl_match_starts_verb(const rl_reading *r, uint32_t i);

/* quote.c: quotations and their speakers. rl_quote_spans runs on the tokens
 * before chunks are built, rl_quote_speakers once modals are matched. */
void rl_quote_spans(rl_reading *r);
void rl_quote_speakers(rl_reading *r);
/* Index of the quote holding token k, -1 none. */
int rl_quote_at(const rl_reading *r, uint32_t k);
/* Whether token k is "we", "us", "I" or "me" inside a quote. */
int rl_quote_first_person(const rl_reading *r, uint32_t k);
/* Speaker chunk of the quote holding token k, -1 none or unknown. */
int32_t rl_quote_speaker_of(const rl_reading *r, uint32_t k);

#endif
