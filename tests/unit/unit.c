/* unit.c: unit tests of the library modules (tokenizer, cleanup, dates, morphology,
 * dictionary loader). Prints one line per failed check and a closing
 * "N passed, N failed" line; exit status 1 if any check failed. */
#include "store/rl_store.h"
#include "text/rl_text.h"
#include "coder/rl_coder.h"
#include "lexicon/rl_lexicon.h"
#include "web/rl_web.h"
#include "htmlpage/rl_htmlpage.h"
#include "base/rl_base.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int passed, failed;

#define CHECK(cond, ...)                                               \
    do {                                                               \
        if (cond) {                                                    \
            passed++;                                                  \
        } else {                                                       \
            failed++;                                                  \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                \
            printf(__VA_ARGS__);                                       \
            printf("\n");                                              \
        }                                                              \
    } while (0)

/* ---- tokenizer ---- */

static size_t sentences(const char *text, char out[][256], size_t max)
{
    rl_toks t;
    rl_toks_init(&t);
    rl_tok_paragraph(text, strlen(text), &t, 1000, NULL);
    size_t ns = 0, b = 0;
    for (size_t i = 0; i < t.n && ns < max; i++) {
        if (!t.v[i].sent_end)
            continue;
        size_t s = t.v[b].off, e = t.v[i].off + t.v[i].len;
        snprintf(out[ns++], 256, "%.*s", (int)(e - s), text + s);
        b = i + 1;
    }
    rl_toks_release(&t);
    return ns;
}

static void tokens(const char *text, char *out, size_t cap)
{
    rl_toks t;
    rl_toks_init(&t);
    rl_tok_paragraph(text, strlen(text), &t, 1000, NULL);
    out[0] = '\0';
    for (size_t i = 0; i < t.n; i++) {
        size_t l = strlen(out);
        snprintf(out + l, cap - l, "%s%.*s", i ? "|" : "", (int)t.v[i].len, text + t.v[i].off);
    }
    rl_toks_release(&t);
}

static void test_story_dates(void)
{
    static const struct { const char *in, *out; } ok[] = {
        {"2025-03-14", "2025-03-14"}, {"2025-03-14 20:30:26Z", "2025-03-14"},
        {"2025-03-14T20:30:26+02:00", "2025-03-14"}, {"2025-03-14T20:30:26.5-0500", "2025-03-14"},
        {"20240112", "2024-01-12"}, {"Jan 12, 2024", "2024-01-12"}, {"January 12 2024", "2024-01-12"},
        {"12 January 2024", "2024-01-12"}, {"Sept. 3, 2021", "2021-09-03"}, {" 2024-02-29 ", "2024-02-29"},
    };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
        char b[11];
        rl_day_format(rl_day_parse_story(ok[i].in), b);
        CHECK(!strcmp(b, ok[i].out), "story date '%s' -> '%s', want %s", ok[i].in, b, ok[i].out);
    }
    static const char *const bad[] = {"2022-02-24garbage", "Feb 30, 2022", "2022-02-30", "2023-02-29",
                                      "10000-01-01", "0000-01-01", "2022-13-01", "Janu 12, 2024",
                                      "2025-03-14T25:00", "12 January", "", "yesterday"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(rl_day_parse_story(bad[i]) == RL_NODATE, "story date '%s' should be refused", bad[i]);
}

static void test_tok(void)
{
    char s[8][256];
    size_t n = sentences("U.S. Secretary of State Antony Blinken met Gen. Mark Milley on Dec. 7 at "
                         "3:35 p.m. Moscow time. The talks ended.", s, 8);
    CHECK(n == 2, "abbreviations: expected 2 sentences, got %zu", n);
    n = sentences("He spoke at No. 10 Downing Street. Then he left.", s, 8);
    CHECK(n == 2 && strstr(s[0], "Downing Street."), "No. 10: got %zu '%s'", n, s[0]);
    n = sentences("The sanctions target the U.S. The move angered Moscow.", s, 8);
    CHECK(n == 2, "U.S. at sentence end before 'The': got %zu", n);
    n = sentences("George W. Bush met Putin. \"We agreed,\" he said.", s, 8);
    CHECK(n == 2, "initial and quote: got %zu", n);
    n = sentences("It met with Russia. , the United States and others.", s, 8);
    CHECK(n == 1, "stray dot before comma is no boundary: got %zu", n);
    n = sentences("all means are available. exhausted.", s, 8);
    CHECK(n == 2, "lower-case after a real full stop still splits: got %zu", n);
    /* a web page's subheading flattened into the text is a sentence of its own */
    n = sentences("Police fled. Border clashes The army said it shelled the town. Recent attacks Since "
                  "May, the group has attacked police.", s, 8);
    CHECK(n == 5 && !strcmp(s[1], "Border clashes") && !strcmp(s[3], "Recent attacks"),
          "subheadings: got %zu '%s' '%s'", n, s[1], n > 3 ? s[3] : "");
    n = sentences("Diego Garcia The island was leased in 1966.", s, 8);
    CHECK(n == 2 && !strcmp(s[0], "Diego Garcia"), "subheading at the start: got %zu '%s'", n, s[0]);
    n = sentences("He told The Associated Press that talks failed. Officials in The Hague said so. "
                  "Trump said The talks failed.", s, 8);
    CHECK(n == 3, "'told The', 'in The Hague', 'said The' are no headings: got %zu", n);
    char buf[512];
    tokens("Russia's troops don't withdraw 10,000 West-backed", buf, sizeof buf);
    CHECK(!strcmp(buf, "Russia|'s|troops|do|n't|withdraw|10,000|West|backed"), "tokens: %s", buf);
    tokens("\"Kyiv\" (NATO) U.K.-based", buf, sizeof buf);
    CHECK(!strcmp(buf, "\"|Kyiv|\"|(|NATO|)|U.K.|based"), "tokens: %s", buf);
}

/* ---- cleanup ---- */

static void test_clean(void)
{
    rl_buf out;
    rl_buf_init(&out);
    rl_clean_stats st;
    memset(&st, 0, sizeof st);
    const char *page =
        "Leaders meet in Geneva, June 16, 2021. / AP\n\n"
        "Leaders meet in Geneva, June 16, 2021. / AP\n\n"
        "By Jane Roe\n"
        "\xE2\x80\x9CWe agreed,\xE2\x80\x9D he said \xE2\x80\x93 twice.\xC2\xA0" "Done.\n"
        "Contact us at [email protected] today.\n"
        "Comments are closed.\n"
        "A photo of a rally.\n"
        "A photo of a rally.\n";
    rl_clean_text(page, strlen(page), &out, &st);
    CHECK(strstr(out.data, "Geneva") == NULL, "caption removed: %s", out.data);
    CHECK(strstr(out.data, "Jane Roe") == NULL, "byline removed");
    CHECK(strstr(out.data, "\"We agreed,\" he said - twice. Done.") != NULL, "quotes/dash/nbsp folded: %s", out.data);
    CHECK(strstr(out.data, "email") == NULL && strstr(out.data, "Contact us at today.") != NULL,
          "e-mail protection removed: %s", out.data);
    CHECK(strstr(out.data, "Comments") == NULL, "boilerplate removed");
    CHECK(strstr(out.data, "rally") == NULL && st.duplicates == 2, "repeated paragraph removed (%u)", st.duplicates);
    CHECK(st.captions == 2 && st.boilerplate >= 2, "stats: captions %u boilerplate %u", st.captions, st.boilerplate);
    /* invalid UTF-8 and NFC */
    const char *bad = "Erdog\xCC\x86" "an \xFF\xFE ok\nline2 \xC3";
    memset(&st, 0, sizeof st);
    rl_clean_text(bad, strlen(bad), &out, &st);
    CHECK(st.invalid_utf8 == 3 && st.first_invalid_line == 1, "invalid bytes counted: %u line %u",
          st.invalid_utf8, st.first_invalid_line);
    CHECK(strstr(out.data, "Erdo\xC4\x9F" "an") != NULL, "NFC composed: %s", out.data);
    CHECK(strstr(out.data, "\xEF\xBF\xBD") != NULL, "replacement character present");
    rl_buf_release(&out);
}

/* ---- dates ---- */

static rl_day resolve_in(const char *sentence, const char *story, int tense)
{
    rl_toks t;
    rl_toks_init(&t);
    rl_tok_paragraph(sentence, strlen(sentence), &t, 1000, NULL);
    rl_datex x[4];
    size_t n = rl_date_find(sentence, t.v, t.n, x, 4);
    rl_day d = n ? rl_date_resolve(&x[0], rl_day_parse(story), rl_day_parse(story), tense) : RL_NODATE;
    rl_toks_release(&t);
    return d;
}

static void expect_date(const char *sentence, const char *story, int tense, const char *want)
{
    char got[11];
    rl_day_format(resolve_in(sentence, story, tense), got);
    CHECK(!strcmp(got, want), "'%s' (story %s, tense %d): got '%s', want '%s'", sentence, story,
          tense, got, want);
}

static void test_dates(void)
{
    char b[11];
    rl_day_format(rl_day_from_ymd(2021, 12, 31), b);
    CHECK(!strcmp(b, "2021-12-31"), "ymd round trip: %s", b);
    CHECK(rl_day_weekday(rl_day_from_ymd(2022, 2, 24)) == 3, "2022-02-24 was a Thursday");
    CHECK(rl_day_parse("2021-02-29") == RL_NODATE, "no Feb 29 in 2021");
    CHECK(rl_day_parse("2020-02-29") != RL_NODATE, "Feb 29 2020 exists");
    CHECK(rl_day_parse("2021-13-01") == RL_NODATE, "month 13 rejected");
    expect_date("They will meet on January 10.", "2021-12-31", 1, "2022-01-10");
    expect_date("They met on December 7.", "2021-12-31", -1, "2021-12-07");
    expect_date("They meet on January 10.", "2021-12-31", 0, "2022-01-10");
    expect_date("He said so on December 30, 2020.", "2021-12-31", -1, "2020-12-30");
    expect_date("Troops attacked on Tuesday.", "2022-03-02", -1, "2022-03-01");
    expect_date("They will meet on Tuesday.", "2022-03-02", 1, "2022-03-08");
    expect_date("Talks resumed last Wednesday.", "2022-03-02", -1, "2022-02-23");
    expect_date("He arrived yesterday.", "2022-03-02", -1, "2022-03-01");
    expect_date("It happened two days ago.", "2022-03-02", -1, "2022-02-28");
    expect_date("They will vote next month.", "2022-01-31", 1, "2022-02-01");
    expect_date("They met last month.", "2022-03-31", -1, "2022-02-01");
    expect_date("They met last week.", "2024-03-06", -1, "2024-02-26");
    expect_date("They meet next year.", "2024-03-06", 1, "2025-01-01");
    expect_date("Two months ago they met.", "2024-03-31", -1, "2024-01-31");
    expect_date("The talks run until mid-January.", "2021-12-31", 1, "2022-01-15");
    expect_date("Fighting broke out in early March.", "2022-04-10", -1, "2022-03-05");
    expect_date("They clashed on 7 December.", "2021-12-31", -1, "2021-12-07");
    expect_date("They clashed on the 7th of December.", "2021-12-31", -1, "2021-12-07");
    expect_date("They clashed on the 28th.", "2022-03-05", -1, "2022-02-28");
    expect_date("They will meet on the 2nd.", "2022-03-05", 1, "2022-04-02");
    expect_date("They met on the 3rd.", "2022-03-05", -1, "2022-03-03");
    expect_date("They clashed on Dec. 7.", "2021-12-31", -1, "2021-12-07");
    expect_date("Three weeks later they met again.", "2021-12-09", -1, "2021-12-30");
    expect_date("They meet in two weeks.", "2021-12-01", 1, "2021-12-15");
    expect_date("The vote is 2022-05-01.", "2021-12-01", 1, "2022-05-01");
    CHECK(resolve_in("They may meet soon.", "2021-12-01", 1) == RL_NODATE, "'may' is not a month");
    CHECK(resolve_in("They met on Tuesday.", "bad", -1) == RL_NODATE, "unknown story date: unresolved");
}

/* ---- morphology ---- */

typedef struct forms { char all[1024]; } forms;

static int add(const char *f, size_t n, void *ctx)
{
    forms *x = ctx;
    size_t l = strlen(x->all);
    snprintf(x->all + l, sizeof x->all - l, " %.*s ", (int)n, f);
    return 0;
}

static void test_morph(void)
{
    rl_diag dg = {NULL, 0, 0};
    rl_morph *m = rl_morph_new(NULL, &dg);
    CHECK(m != NULL, "morph loads");
    forms f = {""};
    rl_morph_forms(m, "withdraw", add, &f);
    CHECK(strstr(f.all, " withdraws ") && strstr(f.all, " withdrawing "), "regular forms: %s", f.all);
    if (rl_morph_has_wordnet(m))
        CHECK(strstr(f.all, " withdrew ") && strstr(f.all, " withdrawn "), "irregular forms: %s", f.all);
    memset(&f, 0, sizeof f);
    rl_morph_forms(m, "criticize", add, &f);
    CHECK(strstr(f.all, " criticised ") && strstr(f.all, " criticizing "), "-ize/-ise: %s", f.all);
    memset(&f, 0, sizeof f);
    rl_morph_forms(m, "deny", add, &f);
    CHECK(strstr(f.all, " denies ") && strstr(f.all, " denied "), "y -> ies/ied: %s", f.all);
    rl_morph_free(m);
}

/* ---- dictionary loader: bad lines reported, the rest loaded ---- */

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_dict(void)
{
    char dir[] = "/tmp/rl-unit-XXXXXX";
    if (!mkdtemp(dir)) {
        CHECK(0, "mkdtemp");
        return;
    }
    char p[256], actors[256];
    snprintf(actors, sizeof actors, "%s/actors", dir);
    if (mkdir(actors, 0700) != 0) {
        CHECK(0, "mkdir");
        return;
    }
    snprintf(p, sizeof p, "%s/cameo.tsv", dir);
    write_file(p, "036\t4.0\tAGREE\tIntent to meet\n04\t1.0\tCONSULT\tConsult\n040\t1.0\tCONSULT\tConsult\nxx\tbad\n19\t-10.0\tASSAULT\tFight\n");
    snprintf(p, sizeof p, "%s/actors/a.txt", dir);
    write_file(p, "RUS  Russia; Russian\nbad line here\n+ Vladimir Putin; Putin\n"
                  "    RUSGOV 2000-05-07.. president\n    RUSGOV 2030-99-01.. broken\n"
                  "USA  US; United States\n"
                  "= Taliban; Taleban\n    AFGREB ..2021-08-14 insurgency\n    AFGGOV 2021-08-15.. government\n");
    snprintf(p, sizeof p, "%s/agents.txt", dir);
    write_file(p, "GOV officials; official\nTOOLONG x\n");
    snprintf(p, sizeof p, "%s/verbs.txt", dir);
    write_file(p, "040 ~meet with +; ~meet [sym]\n19x ~fight +\n040 * bad start\n040 ~meet [bogus]\n");
    snprintf(p, sizeof p, "%s/modals.txt", dir);
    write_file(p, "future will\nnonsense foo\n");
    snprintf(p, sizeof p, "%s/modal-codes.txt", dir);
    write_file(p, "040 - 036 - -\n04 x\n");
    char errs[4096] = "";
    FILE *mem = fmemopen(errs, sizeof errs - 1, "w");
    rl_diag dg = {mem, 0, 0};
    rl_dict *d = rl_dict_new();
    int rc = rl_dict_load_dir(d, dir, &dg);
    fclose(mem);
    CHECK(rc == RL_OK, "loads despite bad lines (rc %d)", rc);
    CHECK(dg.errors == 9, "9 bad lines reported, got %u:\n%s", dg.errors, errs);
    CHECK(strstr(errs, "a.txt:2:") && strstr(errs, "a.txt:5:") && strstr(errs, "verbs.txt:2:") &&
          strstr(errs, "unknown CAMEO code '19x'") && strstr(errs, "cameo.tsv:4:"),
          "messages name file and line:\n%s", errs);
    uint32_t a, pe, g, v, mo;
    rl_dict_counts(d, &a, &pe, &g, &v, &mo);
    CHECK(pe == 1 && g == 2 && v == 2 && mo == 1, "counts: persons %u agents %u verbs %u modals %u", pe, g, v, mo);
    CHECK(rl_dict_modal_code(d, "0401", RL_MC_INTENT) && !strcmp(rl_dict_modal_code(d, "0401", RL_MC_INTENT), "036"),
          "modal code lookup by prefix");
    /* a dated group: its code by the story date, never a person, never the bare country */
    int found = 0;
    for (uint32_t i = 0; i < a; i++) {
        const rl_actor *x = rl_dict_actor(d, i);
        if (strcmp(x->name, "Taliban"))
            continue;
        found = 1;
        const char *c19 = rl_dict_actor_code(d, i, rl_day_from_ymd(2019, 6, 1), NULL);
        const char *c23 = rl_dict_actor_code(d, i, rl_day_from_ymd(2023, 6, 1), NULL);
        CHECK(!x->person && x->dated && !strcmp(c19, "AFGREB") && !strcmp(c23, "AFGGOV"),
              "dated group: person %d dated %d, 2019 %s, 2023 %s", x->person, x->dated, c19, c23);
    }
    CHECK(found, "the '= Taliban' group was loaded");
    rl_dict_free(d);
    snprintf(p, sizeof p, "rm -rf '%s'", dir);
    if (system(p) != 0)
        printf("note: could not remove %s\n", dir);
}

/* ---- HTML escaping and search queries (the dashboard) ---- */

static const char *html(int (*fn)(rl_buf *, const char *), const char *in, rl_buf *b)
{
    rl_buf_clear(b);
    fn(b, in);
    return b->data ? b->data : "";
}

static void test_html(void)
{
    rl_buf b;
    rl_buf_init(&b);
    CHECK(!strcmp(html(rl_html_esc, "<a href=\"x\" onload='y'>&", &b),
                  "&lt;a href=&quot;x&quot; onload=&#39;y&#39;&gt;&amp;"), "markup escaped: %s", b.data);
    CHECK(!strcmp(html(rl_html_esc, "a\xff\xfe b\xe2\x82 c\xc0\xaf d\xed\xa0\x80", &b),
                  "a\xEF\xBF\xBD\xEF\xBF\xBD b\xEF\xBF\xBD\xEF\xBF\xBD c\xEF\xBF\xBD\xEF\xBF\xBD "
                  "d\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"),
          "invalid UTF-8 (stray, cut, overlong, surrogate) becomes U+FFFD: %s", b.data);
    CHECK(!strcmp(html(rl_html_esc, "caf\xc3\xa9 \xe2\x80\x94 \x01\x7f\xc2\x85\tx\n", &b),
                  "caf\xc3\xa9 \xe2\x80\x94    \tx\n"), "valid text kept, controls dropped: %s", b.data);
    CHECK(!strcmp(html(rl_html_url, "USA,RUS a/b?&=\xc3\xbc", &b), "USA%2CRUS%20a%2Fb%3F%26%3D%C3%BC"),
          "URL parts percent-encoded: %s", b.data);
    CHECK(rl_html_utf8_ok("caf\xc3\xa9", 5) && !rl_html_utf8_ok("a\xff", 2) && !rl_html_utf8_ok("a\x01", 2),
          "UTF-8 text check");
    rl_buf_clear(&b);
    rl_html_marks m = {"imposed sanctions on", "Britain", "Russian banks", "on Tuesday", "bank*"};
    rl_html_sentence(&b, "Britain imposed <new> sanctions on Russian banks on Tuesday, banking on it.", &m);
    CHECK(!strcmp(b.data, "<span class=\"actor\">Britain</span> <mark>imposed</mark> &lt;new&gt; "
                          "<mark>sanctions</mark> <mark>on</mark> <span class=\"actor\">Russian banks</span> "
                          "<span class=\"when\">on Tuesday</span>, <b class=\"hit\">banking</b> on it."),
          "marked sentence: %s", b.data);
    rl_buf_clear(&b);
    rl_html_marks none = {"\xff", NULL, NULL, NULL, "\xa9"};
    rl_html_sentence(&b, "caf\xc3\xa9 <x>", &none);
    CHECK(!strcmp(b.data, "caf\xc3\xa9 &lt;x&gt;"), "no mark inside a character: %s", b.data);
    /* search queries: words only, never FTS5 syntax */
    CHECK(rl_browse_fts_query(&b, "troops \"border\" OR NEAR(x) sanction*", NULL, 0, NULL) == RL_OK &&
          !strcmp(b.data, "text : (\"troops\" \"border\" \"OR\" \"NEAR\" \"x\" \"sanction\"*)"),
          "words quoted: %s", b.data);
    CHECK(rl_browse_fts_query(&b, NULL, "usa", 1, "19") == RL_OK &&
          !strcmp(b.data, "{source target} : (\"usa\"*) AND cameo : (\"19\"*)"),
          "a country code and a CAMEO prefix: %s", b.data);
    CHECK(rl_browse_fts_query(&b, "", "Vladimir Putin", 0, NULL) == RL_OK &&
          !strcmp(b.data, "{source_text target_text} : (\"Vladimir\" \"Putin\")"), "actor name: %s", b.data);
    CHECK(rl_browse_fts_query(&b, "!!! ()", NULL, 0, "") == RL_EPARSE, "nothing searchable");
    CHECK(rl_browse_fts_query(&b, "a b c d e f g h i j k l m n o p q", NULL, 0, NULL) == RL_EPARSE,
          "more than 16 words refused");
    rl_buf_release(&b);
}

/* HTML: the article's blocks as paragraphs, boilerplate and scripts left out */
static void test_htmlpage(void)
{
    static const char page[] =
        "<html><head><title> A  title </title><script>x = 'Iran';</script></head><body>"
        "<nav>Home News</nav><div id=\"cookie-banner\">We use cookies</div>"
        "<p>Loose body text.</p>"
        "<article><p>First <b>bold</b>\n  paragraph.</p><ul><li>item one</li><li>two</li></ul>"
        "<footer>foot</footer></article><article><p>short</p></article>"
        "<p>unclosed <p>broken &amp; recovered</body>";
    char *text = NULL;
    rl_htmlpage_meta m;
    int rc = rl_htmlpage_text(page, sizeof page - 1, "t.html", &text, &m);
    CHECK(rc == RL_OK && text && !strcmp(text, "First bold paragraph.\nitem one\ntwo\n"),
          "html main text: '%s'", text ? text : "(null)");
    CHECK(m.title && !strcmp(m.title, "A title"), "html title: '%s'", m.title ? m.title : "(null)");
    free(text);
    rl_htmlpage_meta_release(&m);
    rc = rl_htmlpage_text("<p>no article <script>s</script>here</p>", 40, "u.html", &text, &m);
    CHECK(rc == RL_OK && text && !strcmp(text, "no article here\n"), "html without article: '%s'",
          text ? text : "(null)");
    free(text);
    rl_htmlpage_meta_release(&m);
}

/* PLOVER facts from the built-in dict/: type, mode and context by the longest prefix */
static void test_plover(void)
{
    rl_diag dg = {NULL, 0, 0};
    rl_dict *d = rl_dict_new();
    CHECK(d && rl_dict_load_parts(d, RL_DICT_DIR, 0, &dg) == RL_OK, "CAMEO and PLOVER tables load");
    const rl_cameo *c = rl_dict_cameo(d, "041");
    CHECK(c && !strcmp(c->plover, "CONSULT") && !strcmp(c->plover_mode, "phone"), "041: CONSULT/phone");
    c = rl_dict_cameo(d, "194");
    CHECK(c && !strcmp(c->plover, "ASSAULT") && !strcmp(c->plover_mode, "heavy-weapons") &&
              !strcmp(c->plover_context, "military"), "194: ASSAULT/heavy-weapons, military");
    c = rl_dict_cameo(d, "010");
    CHECK(c && !c->plover[0] && !c->plover_mode[0], "010: PLOVER has no type (root 01 is dropped)");
    c = rl_dict_cameo(d, "040");
    CHECK(c && !strcmp(c->plover, "CONSULT") && !c->plover_mode[0], "040: a type without a mode");
    rl_dict_free(d);
}

/* RFC 4180: quoting only where needed, quotes doubled, CRLF, slices by length */
static void test_csv(void)
{
    rl_buf b;
    rl_buf_init(&b);
    const char *cells[] = {"plain", "a,b", "say \"hi\"", "two\nlines", NULL, " pad", ""};
    CHECK(rl_csv_row(&b, cells, NULL, 7) == 0 && b.data &&
              !strcmp(b.data, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\" pad\",\r\n"),
          "csv row: '%s'", b.data ? b.data : "(null)");
    rl_buf_clear(&b);
    const char *slice[] = {"abc,def", "x"};
    size_t lens[] = {3, SIZE_MAX};
    CHECK(rl_csv_row(&b, slice, lens, 2) == 0 && !strcmp(b.data, "abc,x\r\n"), "csv slices: '%s'",
          b.data);
    rl_buf_release(&b);
}

/* actor names: the built-in table plus names added by hand */
static void test_names(void)
{
    rl_names *n = rl_names_new();
    rl_diag dg = {NULL, 0, 0};
    CHECK(n && rl_names_load_dir(n, RL_DICT_DIR, NULL, &dg) == RL_OK, "names load");
    static const struct { const char *code, *want; } cases[] = {
        {"RUSGOV", "Russia: government"}, {"IGOWSTNAT", "NATO"}, {"KENCOP", "Kenya: police"},
        {"USAMILGOV", "United States: military, government"}, {"---GOV", "government"},
        {"RUS", "Russia"}, {"IGOUNOHLHWHO", "World Health Organization"},
        {"RUSXYZ", "Russia: XYZ"}, {"XYZ", ""}, {"", ""}, {"IGO", "intergovernmental organization"},
    };
    char buf[128];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rl_names_format(n, cases[i].code, buf, sizeof buf);
        CHECK(!strcmp(buf, cases[i].want), "name of '%s': '%s', want '%s'", cases[i].code, buf,
              cases[i].want);
    }
    char tiny[8];
    rl_names_format(n, "RUSGOV", tiny, sizeof tiny);
    CHECK(!strcmp(tiny, "Russia:"), "a short buffer truncates: '%s'", tiny);
    CHECK(rl_names_add(n, "RUS", "Muscovy", RL_NAMES_REPLACE) == RL_OK &&
              !strcmp(rl_names_format(n, "RUSMIL", buf, sizeof buf), "Muscovy: military"),
          "a replaced name is used: '%s'", buf);
    CHECK(!strcmp(rl_names_format(NULL, "RUSMIL", buf, sizeof buf), ""), "no table: no name");
    rl_names_free(n);
    rl_names_free(NULL);
    /* no readable dictionaries (a reader without access to dict/): empty
     * tables, no name, no undefined qsort/bsearch on a NULL array */
    n = rl_names_new();
    rl_diag dg2 = {NULL, 0, 0};
    rl_names_load_dir(n, "/nonexistent-redline-dict", NULL, &dg2);
    CHECK(n && rl_names_format(n, "RUSGOV", buf, sizeof buf) != NULL, "names from no dictionaries");
    rl_names_free(n);
}

/* ---- gazetteer (lexicon/places.h) ---- */

static void test_places(void)
{
    char path[] = "/tmp/rl_places_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0, "temp file");
    if (fd < 0)
        return;
    FILE *f = fdopen(fd, "w");
    fputs("# comment\n"
          "Kharkiv | Kharkov\tUKR\tKharkiv Oblast\t49.99\t36.23\tcity\n"
          "Kharkiv Oblast\tUKR\tKharkiv Oblast\t49.6\t36.5\tregion\n"
          "Tripoli\tLBY\tTripoli District\t32.89\t13.19\tcapital\n"
          "Tripoli\tLBN\tNorth Governorate\t34.44\t35.83\tcity\n"
          "Ivano-Frankivsk\tUKR\tIvano-Frankivsk Oblast\t48.92\t24.71\tcity\n"
          "Nowhere\tUKR\t-\t91.0\t10\tcity\n"          /* latitude out of range */
          "Nowhere\tUkraine\t-\t1\t10\tcity\n"         /* not a code */
          "Nowhere\tQQQ\t-\t1\t10\tcity\n"             /* not a country */
          "Nowhere\tUKR\t-\t1\t10\ttown\n"             /* unknown kind */
          "Nowhere\tUKR\t-\t1\n"                         /* too few fields */
          "Kharkiv\tUKR\tKharkiv Oblast\t49.99\t36.23\tcity\n", /* primary name twice */
          f);
    fclose(f);
    rl_diag dg = {NULL, 0, 0};
    rl_places *p = rl_places_new();
    uint8_t *valid = calloc(RL_PLACES_NCODES, 1);
    valid[rl_places_code3("UKR")] = valid[rl_places_code3("LBY")] = valid[rl_places_code3("LBN")] = 1;
    CHECK(rl_places_load_file(p, path, &dg) == RL_OK && rl_places_finish(p, valid, &dg) == RL_OK, "loads");
    CHECK(rl_places_count(p) == 7, "7 places kept (bad lines dropped), got %zu", rl_places_count(p));
    CHECK(dg.errors == 6, "6 errors (range, code, country, kind, fields, duplicate), got %u", dg.errors);
    char key[64];
    size_t n = rl_places_key("IVANO FRANKIVSK", 15, key, sizeof key);
    const rl_place *x = rl_places_find(p, key, n, NULL, NULL);
    CHECK(x && !strcmp(x->name, "Ivano-Frankivsk"), "hyphen and case folded: %s", key);
    n = rl_places_key("Kharkov", 7, key, sizeof key);
    x = rl_places_find(p, key, n, NULL, NULL);
    CHECK(x && !strcmp(x->name, "Kharkiv") && x->lat > 49.9 && !strcmp(x->region, "Kharkiv Oblast"), "variant");
    n = rl_places_key("Kharkiv region", 14, key, sizeof key);
    x = rl_places_find(p, key, n, NULL, NULL);
    CHECK(x && x->kind == RL_PK_REGION, "a region's designation-free forms ('Kharkiv region')");
    n = rl_places_key("Tripoli", 7, key, sizeof key);
    x = rl_places_find(p, key, n, "LBN", NULL);
    CHECK(x && !strcmp(x->country, "LBN"), "shared name: the preferred country's");
    x = rl_places_find(p, key, n, NULL, NULL);
    CHECK(x && !strcmp(x->country, "LBY"), "shared name: the first read");
    CHECK(!rl_places_find(p, "kyiv", 4, NULL, NULL), "unknown name");
    CHECK(rl_places_has_country(p, "UKR") && !rl_places_has_country(p, "RUS"), "countries with places");
    free(valid);
    rl_places_free(p);
    unlink(path);
}

int main(void)
{
    test_tok();
    test_clean();
    test_dates();
    test_morph();
    test_story_dates();
    test_dict();
    test_html();
    test_names();
    test_csv();
    test_plover();
    test_htmlpage();
    test_places();
    printf("unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
