/* store.c: the SQLite event store: schema and its migrations, batched writes
 * of coded stories, the distinct-event counts, and the scans series.c reads.
 * It does not code text (story.c) nor aggregate time series (series.c).
 * Every value reaches SQLite as a bound parameter; the only SQL text built at
 * run time is a PRAGMA with an integer constant of this file. */
#include "store/store.h"
#include "base/day.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ======================== schema ======================== */

/* migrations[i] takes a store from schema version i to i + 1. Append only:
 * a released entry is never edited, a change is a new entry. */
static const char *const migrations[] = {
    /* 1: stories, distinct events, mentions (one per coded event), actors */
    "CREATE TABLE stories (\n"
    "  id TEXT PRIMARY KEY,\n"
    "  date TEXT,\n"              /* YYYY-MM-DD; NULL when unknown */
    "  source TEXT,\n"            /* publisher */
    "  url TEXT,\n"
    "  title TEXT\n"
    ");\n"
    "CREATE INDEX stories_date ON stories(date);\n"
    "CREATE TABLE events (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  date TEXT NOT NULL,\n"
    "  source TEXT NOT NULL,\n"
    "  target TEXT NOT NULL,\n"
    "  cameo TEXT NOT NULL,\n"
    "  modality TEXT NOT NULL,\n"
    "  root TEXT NOT NULL,\n"
    "  quad_class INTEGER NOT NULL,\n"
    "  goldstein REAL NOT NULL,\n"
    "  plover TEXT NOT NULL,\n"
    "  num_mentions INTEGER NOT NULL,\n"
    "  num_stories INTEGER NOT NULL,\n"
    "  num_sources INTEGER NOT NULL,\n"
    "  UNIQUE (date, source, target, cameo, modality)\n"
    ");\n"
    /* covers the trend scan: a dyad's events are read from the index alone */
    "CREATE INDEX events_dyad ON events(substr(source, 1, 3), substr(target, 1, 3), date, "
    "source, target, cameo, modality, quad_class, goldstein, num_mentions);\n"
    "CREATE TABLE mentions (\n"
    "  story_id TEXT NOT NULL REFERENCES stories(id),\n"
    "  sentence INTEGER NOT NULL,\n"
    "  event_id INTEGER REFERENCES events(id),\n" /* NULL when the event has no date */
    "  source TEXT NOT NULL,\n"
    "  target TEXT NOT NULL,\n"
    "  cameo TEXT NOT NULL,\n"
    "  root TEXT NOT NULL,\n"
    "  quad_class INTEGER NOT NULL,\n"
    "  goldstein REAL NOT NULL,\n"
    "  plover TEXT NOT NULL,\n"
    "  modality TEXT NOT NULL,\n"
    "  date TEXT,\n"
    "  story_date TEXT,\n"
    "  date_expr TEXT,\n"
    "  evidence TEXT NOT NULL,\n"
    "  source_text TEXT NOT NULL,\n"
    "  target_text TEXT NOT NULL,\n"
    "  quantity REAL,\n"
    "  quantity_unit TEXT,\n"
    "  text TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX mentions_story ON mentions(story_id);\n"
    "CREATE INDEX mentions_event ON mentions(event_id, story_id);\n"
    /* stories per event and publisher: keeps num_sources exact as stories
     * come and go, without rescanning an event's mentions */
    "CREATE TABLE event_sources (\n"
    "  event_id INTEGER NOT NULL REFERENCES events(id),\n"
    "  source TEXT NOT NULL,\n"
    "  stories INTEGER NOT NULL,\n"
    "  PRIMARY KEY (event_id, source)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE actors (code TEXT PRIMARY KEY) WITHOUT ROWID;\n",
    /* 2: full-text search (FTS5) over the mentions: the sentence, the words
     * naming the actors, the actor codes and the CAMEO code. The index keeps
     * no copy of the text (external content: mentions, by rowid). Existing
     * mentions are indexed by the rebuild; store.c indexes the mentions of a
     * batch in one statement before it commits (an insert trigger, or an
     * insert per mention among the batch's other writes, made FTS5 write a
     * segment per event and took ingest from 2.1 to 0.9 million events a
     * minute); triggers take deleted and changed mentions out. */
    "CREATE VIRTUAL TABLE mentions_fts USING fts5(\n"
    "  text, source_text, target_text, source, target, cameo,\n"
    "  content = 'mentions', tokenize = 'unicode61 remove_diacritics 2'\n"
    ");\n"
    "INSERT INTO mentions_fts(mentions_fts) VALUES('rebuild');\n"
    "CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN\n"
    "  INSERT INTO mentions_fts(mentions_fts, rowid, text, source_text, target_text, source,\n"
    "                           target, cameo)\n"
    "  VALUES ('delete', old.rowid, old.text, old.source_text, old.target_text, old.source,\n"
    "          old.target, old.cameo);\n"
    "END;\n"
    "CREATE TRIGGER mentions_fts_update AFTER UPDATE ON mentions BEGIN\n"
    "  INSERT INTO mentions_fts(mentions_fts, rowid, text, source_text, target_text, source,\n"
    "                           target, cameo)\n"
    "  VALUES ('delete', old.rowid, old.text, old.source_text, old.target_text, old.source,\n"
    "          old.target, old.cameo);\n"
    "  INSERT INTO mentions_fts(rowid, text, source_text, target_text, source, target, cameo)\n"
    "  VALUES (new.rowid, new.text, new.source_text, new.target_text, new.source, new.target,\n"
    "          new.cameo);\n"
    "END;\n",
    /* 3: one meaning per word: the outlet is the publisher (stories.source,
     * events.num_sources and event_sources were named for it), and a story
     * is keyed by its publisher and id, so that two feeds' "1" are two
     * stories: "PUBLISHER/ID" ('%' and '/' of the publisher escaped as %25
     * and %2F), the id alone when there is no publisher. */
    "ALTER TABLE stories RENAME COLUMN source TO publisher;\n"
    "ALTER TABLE events RENAME COLUMN num_sources TO num_publishers;\n"
    "ALTER TABLE event_sources RENAME TO event_publishers;\n"
    "ALTER TABLE event_publishers RENAME COLUMN source TO publisher;\n"
    "UPDATE mentions SET story_id = (SELECT replace(replace(s.publisher, '%', '%25'), '/', '%2F') "
    "|| '/' || s.id FROM stories s WHERE s.id = mentions.story_id)\n"
    "  WHERE story_id IN (SELECT id FROM stories WHERE publisher <> '');\n"
    "UPDATE stories SET id = replace(replace(publisher, '%', '%25'), '/', '%2F') || '/' || id\n"
    "  WHERE publisher <> '';\n",
    /* 4: the sentences that gave no event, with why (rl_miss_name), so that a
     * miss can be audited and read in its story */
    "CREATE TABLE uncoded (\n"
    "  story_id TEXT NOT NULL REFERENCES stories(id),\n"
    "  sentence INTEGER NOT NULL,\n"
    "  reason TEXT NOT NULL,\n"
    "  text TEXT NOT NULL,\n"
    "  PRIMARY KEY (story_id, sentence)\n"
    ") WITHOUT ROWID;\n",
    /* 5: the actor whose claim a mention reports ("Ukraine said Russia
     * shelled Kharkiv": UKR), NULL when the sentence states it as fact; older
     * mentions were coded before claims were read and stay NULL. The news
     * volume of a dyad and the alerts' replay read stories by date. */
    "ALTER TABLE mentions ADD COLUMN claimed_by TEXT;\n",
};
_Static_assert(sizeof migrations / sizeof migrations[0] == RL_STORE_VERSION,
               "one migration per schema version");

/* ======================== statements ======================== */

enum {
    Q_STORY_PUT, Q_STORY_OLD, Q_STORY_DEL, Q_EVENT_GET, Q_EVENT_ADD, Q_MENTION_ADD,
    Q_MENTIONED, Q_ESRC_INC, Q_ESRC_DEC, Q_ESRC_DEL, Q_EVENT_COUNT, Q_EVENT_UNCOUNT,
    Q_ACTOR_ADD, Q_EVENT_DROP, Q_ACTOR_RANGE, Q_ACTOR_EQ, Q_ACTORS_LIKE,
    Q_SCAN_DYAD, Q_SCAN_DATE, Q_SPAN, Q_LAST_STORY, Q_FIRST_MENTION, Q_FTS_ADD, Q_UNCODED_DEL,
    Q_UNCODED_ADD, Q_FACTS, Q_MIRROR, Q_COUNT
};

#define EVENT_COLS "id, date, source, target, cameo, quad_class, goldstein, modality, num_mentions"
#define DYAD_WHERE "substr(source, 1, 3) = ?1 AND substr(target, 1, 3) = ?2 " \
                   "AND (?5 IS NULL OR source = ?5) AND (?6 IS NULL OR target = ?6)"

static const char *const sql[Q_COUNT] = {
    [Q_STORY_PUT] = "INSERT INTO stories(id, date, publisher, url, title) VALUES(?1, ?2, ?3, ?4, ?5) "
                    "ON CONFLICT(id) DO UPDATE SET date = excluded.date, publisher = excluded.publisher, "
                    "url = excluded.url, title = excluded.title",
    [Q_STORY_OLD] = "SELECT coalesce(publisher, 'story:' || id) FROM stories WHERE id = ?1",
    [Q_STORY_DEL] = "DELETE FROM mentions WHERE story_id = ?1 RETURNING event_id",
    [Q_EVENT_GET] = "SELECT id FROM events WHERE date = ?1 AND source = ?2 AND target = ?3 "
                    "AND cameo = ?4 AND modality = ?5",
    [Q_EVENT_ADD] = "INSERT INTO events(date, source, target, cameo, modality, root, quad_class, "
                    "goldstein, plover, num_mentions, num_stories, num_publishers) "
                    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1, 1, 1)",
    [Q_MENTION_ADD] = "INSERT INTO mentions(story_id, sentence, event_id, source, target, cameo, "
                      "root, quad_class, goldstein, plover, modality, date, story_date, date_expr, "
                      "evidence, source_text, target_text, quantity, quantity_unit, text, claimed_by) "
                      "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                      "?16, ?17, ?18, ?19, ?20, ?21)",
    [Q_ACTOR_ADD] = "INSERT OR IGNORE INTO actors(code) VALUES(?1)",
    [Q_MENTIONED] = "SELECT 1 FROM mentions WHERE event_id = ?1 AND story_id = ?2 LIMIT 1",
    [Q_ESRC_INC] = "INSERT INTO event_publishers(event_id, publisher, stories) VALUES(?1, ?2, 1) "
                   "ON CONFLICT(event_id, publisher) DO UPDATE SET stories = stories + 1 "
                   "RETURNING stories",
    [Q_ESRC_DEC] = "UPDATE event_publishers SET stories = stories - 1 WHERE event_id = ?1 "
                   "AND publisher = ?2 RETURNING stories",
    [Q_ESRC_DEL] = "DELETE FROM event_publishers WHERE event_id = ?1 AND publisher = ?2",
    [Q_EVENT_COUNT] = "UPDATE events SET num_mentions = num_mentions + 1, "
                      "num_stories = num_stories + ?2, num_publishers = num_publishers + ?3 WHERE id = ?1",
    [Q_EVENT_UNCOUNT] = "UPDATE events SET num_mentions = num_mentions - ?2, "
                        "num_stories = num_stories - 1, num_publishers = num_publishers - ?3 WHERE id = ?1",
    [Q_EVENT_DROP] = "DELETE FROM events WHERE id = ?1 AND num_mentions <= 0",
    [Q_ACTOR_RANGE] = "SELECT 1 FROM actors WHERE code >= ?1 AND code < ?2 LIMIT 1",
    [Q_ACTOR_EQ] = "SELECT 1 FROM actors WHERE code = ?1",
    [Q_ACTORS_LIKE] = "SELECT code FROM actors WHERE code >= ?1 AND code < ?2 ORDER BY code LIMIT ?3",
    [Q_SCAN_DYAD] = "SELECT " EVENT_COLS " FROM events WHERE " DYAD_WHERE
                    " AND date BETWEEN ?3 AND ?4",
    [Q_SCAN_DATE] = "SELECT " EVENT_COLS " FROM events WHERE date BETWEEN ?3 AND ?4",
    [Q_SPAN] = "SELECT min(date), max(date) FROM events WHERE " DYAD_WHERE,
    [Q_LAST_STORY] = "SELECT max(date) FROM stories",
    [Q_FIRST_MENTION] = "SELECT m.story_id, m.sentence, m.story_date, m.text, m.date_expr, "
                        "m.evidence, s.publisher, s.url, m.quantity, m.quantity_unit, "
                        "e.num_stories, e.num_publishers, m.claimed_by FROM mentions m "
                        "JOIN events e ON e.id = m.event_id "
                        "LEFT JOIN stories s ON s.id = m.story_id WHERE m.event_id = ?1 "
                        "ORDER BY m.story_date IS NULL, m.story_date, m.story_id, m.sentence LIMIT 1",
    [Q_UNCODED_DEL] = "DELETE FROM uncoded WHERE story_id = ?1",
    [Q_UNCODED_ADD] = "INSERT OR REPLACE INTO uncoded(story_id, sentence, reason, text) "
                      "VALUES(?1, ?2, ?3, ?4)",
    [Q_FACTS] = "SELECT e.num_stories, e.num_publishers, min(m.story_id), "
                "min(m.claimed_by IS NOT NULL), min(m.story_date), min(m.claimed_by), "
                "(SELECT group_concat(evidence, ' ') FROM (SELECT evidence FROM mentions "
                "WHERE event_id = ?1 LIMIT 8)) "
                "FROM events e JOIN mentions m ON m.event_id = e.id WHERE e.id = ?1",
    [Q_MIRROR] = "SELECT 1 FROM mentions a JOIN mentions b ON b.event_id = ?2 AND "
                 "b.story_id = a.story_id AND b.sentence = a.sentence WHERE a.event_id = ?1 LIMIT 1",
    [Q_FTS_ADD] = "INSERT INTO mentions_fts(rowid, text, source_text, target_text, source, target, "
                  "cameo) SELECT rowid, text, source_text, target_text, source, target, cameo "
                  "FROM mentions WHERE rowid BETWEEN ?1 AND ?2",
};

/* ======================== types ======================== */

/* actor codes already written in this session, so each costs one insert */
typedef struct codeset {
    char (*v)[24];
    size_t n, cap;   /* cap is 0 or a power of two */
} codeset;

struct rl_store {
    sqlite3 *db;
    char *path;
    rl_diag *dg;
    int mode;
    unsigned batch;         /* stories per transaction */
    unsigned in_batch;      /* stories ended in the open transaction */
    int in_tx, in_story;
    sqlite3_stmt *q[Q_COUNT];
    int64_t *removed;       /* scratch: events of a replaced story's mentions */
    size_t nremoved, capremoved;
    int64_t *unindexed;     /* rowids of mentions stored but not yet in mentions_fts */
    size_t nunindexed, capunindexed;
    char *publisher;        /* the story being stored: its publisher, or "story:KEY" */
    char *story_key;        /* and its key: "PUBLISHER/ID", or the id alone */
    codeset actors;
    rl_store_stats done, pending;
};

/* ======================== helpers ======================== */

static int sq_err(rl_store *s, const char *what)
{
    int code = sqlite3_errcode(s->db);
    rl_error(s->dg, s->path, 0, "%s: %s", what, sqlite3_errmsg(s->db));
    return code == SQLITE_NOMEM ? RL_ENOMEM : RL_EIO;
}

static sqlite3_stmt *stmt(rl_store *s, int i)
{
    if (!s->q[i] && sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->q[i], NULL)) {
        sq_err(s, "cannot prepare a query");
        return NULL;
    }
    return s->q[i];
}

static void bind_day(sqlite3_stmt *q, int i, rl_day d, char buf[11])
{
    if (d == RL_NODATE) {
        sqlite3_bind_null(q, i);
        return;
    }
    rl_day_format(d, buf);
    sqlite3_bind_text(q, i, buf, 10, SQLITE_STATIC);
}

static void bind_opt(sqlite3_stmt *q, int i, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(q, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(q, i);
}

/* Runs a statement expected to return no rows (or to ignore them). */
static int run(rl_store *s, sqlite3_stmt *q, const char *what)
{
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        ;
    if (rc != SQLITE_DONE) {
        int e = sq_err(s, what);
        sqlite3_reset(q);
        return e;
    }
    sqlite3_reset(q);
    return RL_OK;
}

static int exec(rl_store *s, const char *text, const char *what)
{
    if (sqlite3_exec(s->db, text, NULL, NULL, NULL) != SQLITE_OK)
        return sq_err(s, what);
    return RL_OK;
}

static int add_removed(rl_store *s, int64_t id)
{
    if (s->nremoved == s->capremoved) {
        size_t cap = s->capremoved ? s->capremoved * 2 : 256;
        int64_t *v = realloc(s->removed, cap * sizeof *v);
        if (!v)
            return RL_ENOMEM;
        s->removed = v;
        s->capremoved = cap;
    }
    s->removed[s->nremoved++] = id;
    return RL_OK;
}

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Returns 1 if code was added (new), 0 if present, RL_ENOMEM. */
static int codeset_add(codeset *c, const char *code)
{
    if ((c->n + 1) * 2 > c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 256;
        char (*v)[24] = calloc(cap, sizeof *v);
        if (!v)
            return RL_ENOMEM;
        for (size_t i = 0; i < c->cap; i++) {
            if (!c->v[i][0])
                continue;
            size_t k = hash_str(c->v[i]) & (cap - 1);
            while (v[k][0])
                k = (k + 1) & (cap - 1);
            memcpy(v[k], c->v[i], sizeof v[k]);
        }
        free(c->v);
        c->v = v;
        c->cap = cap;
    }
    size_t k = hash_str(code) & (c->cap - 1);
    while (c->v[k][0]) {
        if (!strcmp(c->v[k], code))
            return 0;
        k = (k + 1) & (c->cap - 1);
    }
    snprintf(c->v[k], sizeof c->v[k], "%s", code);
    c->n++;
    return 1;
}

static void codeset_clear(codeset *c)
{
    if (c->v)
        memset(c->v, 0, c->cap * sizeof *c->v);
    c->n = 0;
}

/* ======================== lifecycle ======================== */

static int pragma_int(rl_store *s, const char *text, int *out)
{
    sqlite3_stmt *q = NULL;
    int rc = sqlite3_prepare_v2(s->db, text, -1, &q, NULL);
    if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        *out = sqlite3_column_int(q, 0);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(q);
    return rc == SQLITE_OK || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int migrate(rl_store *s, int from)
{
    int rc = exec(s, "BEGIN IMMEDIATE", "cannot lock the store to set up its schema");
    if (rc)
        return rc;
    /* another process may have migrated while we waited for the lock */
    int ver = 0;
    if (pragma_int(s, "PRAGMA user_version", &ver) != SQLITE_OK) {
        rc = sq_err(s, "cannot read the schema version");
        goto fail;
    }
    for (int v = ver; v < RL_STORE_VERSION; v++) {
        if ((rc = exec(s, migrations[v], "cannot create the schema")))
            goto fail;
    }
    char text[96];
    snprintf(text, sizeof text, "PRAGMA user_version = %d; PRAGMA application_id = %d",
             RL_STORE_VERSION, RL_STORE_APP_ID);
    if ((rc = exec(s, text, "cannot record the schema version")))
        goto fail;
    if ((rc = exec(s, "COMMIT", "cannot commit the schema")))
        goto fail;
    if (from > 0)
        rl_warn(s->dg, s->path, 0, "store schema upgraded from version %d to %d", from,
                RL_STORE_VERSION);
    return RL_OK;
fail:
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Checks what the file is and brings the schema up to date (write mode). */
static int check_schema(rl_store *s)
{
    int app = 0, ver = 0, tables = 0;
    if (pragma_int(s, "PRAGMA application_id", &app) != SQLITE_OK) {
        int code = sqlite3_errcode(s->db);
        if (code == SQLITE_NOTADB) {
            rl_error(s->dg, s->path, 0, "not an SQLite database; left unchanged");
            return RL_EPARSE;
        }
        return sq_err(s, "cannot read the store");
    }
    if (pragma_int(s, "PRAGMA user_version", &ver) != SQLITE_OK ||
        pragma_int(s, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", &tables) != SQLITE_OK)
        return sq_err(s, "cannot read the store");
    if (app != 0 && app != RL_STORE_APP_ID) {
        rl_error(s->dg, s->path, 0, "not a redline store (SQLite application id 0x%08x); left "
                 "unchanged", (unsigned)app);
        return RL_EPARSE;
    }
    if (app == 0 && tables > 0) {
        rl_error(s->dg, s->path, 0, "not a redline store (an SQLite database with other tables); "
                 "left unchanged");
        return RL_EPARSE;
    }
    if (ver > RL_STORE_VERSION) {
        rl_error(s->dg, s->path, 0, "store schema version %d is newer than this redline "
                 "understands (%d); use a newer redline. The store was not changed", ver,
                 RL_STORE_VERSION);
        return RL_EPARSE;
    }
    if (s->mode == RL_STORE_READ) {
        if (ver == 0) {
            rl_error(s->dg, s->path, 0, "empty database: no redline store here yet (fill it "
                     "with 'redline ingest')");
            return RL_EPARSE;
        }
        if (ver < RL_STORE_VERSION) {
            rl_error(s->dg, s->path, 0, "store schema version %d is older than %d; run "
                     "'redline ingest %s -' </dev/null to upgrade it", ver, RL_STORE_VERSION,
                     s->path);
            return RL_EPARSE;
        }
        return RL_OK;
    }
    /* WAL: readers never block the writer, and a killed writer leaves only
     * its uncommitted batch behind, which the next open discards */
    sqlite3_stmt *q = NULL;
    int ok = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &q, NULL) == SQLITE_OK &&
             sqlite3_step(q) == SQLITE_ROW &&
             !strcmp((const char *)sqlite3_column_text(q, 0), "wal");
    sqlite3_finalize(q);
    if (!ok)
        return sq_err(s, "cannot switch the store to WAL journal mode");
    if (ver < RL_STORE_VERSION)
        return migrate(s, ver);
    return RL_OK;
}

/* A reader who cannot write the store's folder cannot create the WAL index
 * (PATH-shm) SQLite needs, and could not read a WAL store at all. When that
 * index is absent too, no writer has the store open (a writer keeps it), so
 * the file is read as immutable: a URI "file:PATH?immutable=1" (malloc'd,
 * the caller frees it). NULL when the folder is writable, the index exists,
 * or memory is short: open the path as usual. */
static char *immutable_uri(const char *path)
{
    size_t n = strlen(path);
    char *dir = strdup(path), *slash = dir ? strrchr(dir, '/') : NULL;
    if (!dir)
        return NULL;
    if (slash)
        slash[slash == dir] = '\0';
    int dir_writable = access(slash ? dir : ".", W_OK) == 0;
    free(dir);
    char *shm = malloc(n + 5);
    if (!shm)
        return NULL;
    snprintf(shm, n + 5, "%s-shm", path);
    int has_shm = access(shm, F_OK) == 0;
    free(shm);
    if (dir_writable || has_shm)
        return NULL;
    char *uri = malloc(3 * n + 32), *o = uri;
    if (!uri)
        return NULL;
    o += sprintf(o, "file:");
    for (const char *p = path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#')
            o += sprintf(o, "%%%02X", (unsigned char)*p);
        else
            *o++ = *p;
    }
    strcpy(o, "?immutable=1");
    return uri;
}

int rl_store_open(rl_store **out, const char *path, int mode, rl_diag *dg)
{
    *out = NULL;
    struct stat sb;
    int exists = stat(path, &sb) == 0;
    if (!exists && (mode == RL_STORE_READ || errno != ENOENT)) {
        if (errno == ENOENT)
            rl_error(dg, path, 0, "no such store (create one with 'redline ingest %s FILE...')",
                     path);
        else
            rl_error(dg, path, 0, "cannot open store: %s", strerror(errno));
        return RL_EIO;
    }
    if (exists && S_ISDIR(sb.st_mode)) {
        rl_error(dg, path, 0, "is a directory, not a store");
        return RL_EIO;
    }
    if (exists && mode == RL_STORE_WRITE &&
        ((sb.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 || access(path, W_OK) != 0)) {
        /* a write-protected file stays untouched, even for root */
        rl_error(dg, path, 0, "store is read-only (%s); nothing was stored",
                 access(path, W_OK) ? strerror(errno) : "no write permission bits");
        return RL_EIO;
    }
    rl_store *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return RL_ENOMEM;
    }
    s->dg = dg;
    s->mode = mode;
    s->batch = RL_STORE_BATCH;
    /* a connection is used by one thread at a time (store.h): no per-call
     * mutex (it was 17% of a dyad scan in `redline serve`) */
    int flags = (mode == RL_STORE_READ ? SQLITE_OPEN_READONLY
                                       : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    char *uri = mode == RL_STORE_READ ? immutable_uri(path) : NULL;
    int rc = uri ? sqlite3_open_v2(uri, &s->db, flags | SQLITE_OPEN_URI, NULL)
                 : sqlite3_open_v2(path, &s->db, flags, NULL);
    free(uri);
    if (rc != SQLITE_OK) {
        if (!s->db) {
            free(s->path);
            free(s);
            return RL_ENOMEM;
        }
        /* SQLite says "unable to open database file"; the system says why */
        char *dir = strdup(path), *slash = dir ? strrchr(dir, '/') : NULL;
        const char *why = sqlite3_errmsg(s->db);
        if (slash) {
            *slash = '\0';
            if (stat(*dir ? dir : "/", &sb) != 0)
                why = strerror(errno);
            else if (!S_ISDIR(sb.st_mode))
                why = "a parent is not a directory";
            else if (!exists && access(*dir ? dir : "/", W_OK | X_OK) != 0)
                why = strerror(errno);
        }
        rl_error(dg, path, 0, "cannot %s store: %s", exists ? "open" : "create", why);
        free(dir);
        rl_store_close(s);
        return RL_EIO;
    }
    sqlite3_busy_timeout(s->db, 10000);
    if (mode == RL_STORE_WRITE && sqlite3_db_readonly(s->db, "main") == 1) {
        rl_error(dg, path, 0, "store is read-only; nothing was stored");
        rl_store_close(s);
        return RL_EIO;
    }
    if ((rc = check_schema(s))) {
        rl_store_close(s);
        return rc;
    }
    exec(s, mode == RL_STORE_WRITE ? "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -131072"
                                   : "PRAGMA query_only = 1; PRAGMA cache_size = -65536",
         "cannot set up the connection");
    *out = s;
    return RL_OK;
}

void rl_store_close(rl_store *s)
{
    if (!s)
        return;
    if (s->in_tx)
        rl_store_rollback(s);
    for (int i = 0; i < Q_COUNT; i++)
        sqlite3_finalize(s->q[i]);
    if (s->db && sqlite3_close(s->db) != SQLITE_OK)
        rl_error(s->dg, s->path, 0, "cannot close the store: %s", sqlite3_errmsg(s->db));
    free(s->removed);
    free(s->unindexed);
    free(s->publisher);
    free(s->story_key);
    free(s->actors.v);
    free(s->path);
    free(s);
}

sqlite3 *rl_store_sqlite(rl_store *s) { return s->db; }

void rl_store_set_batch(rl_store *s, unsigned stories) { s->batch = stories ? stories : 1; }

int rl_store_set_coder(rl_store *s, const char *version)
{
    if (s->mode != RL_STORE_WRITE)
        return RL_EIO;
    /* a table any version of the store may hold: no schema version change */
    int rc = exec(s, "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) "
                  "WITHOUT ROWID", "cannot record the coder's version");
    sqlite3_stmt *q = NULL;
    for (int i = 0; i < 2 && !rc; i++) {
        const char *text = i ? "INSERT OR REPLACE INTO meta VALUES ('coder', ?1)"
                            : "INSERT OR IGNORE INTO meta VALUES ('first_coder', ?1)";
        if (sqlite3_prepare_v2(s->db, text, -1, &q, NULL) != SQLITE_OK ||
            sqlite3_bind_text(q, 1, version, -1, SQLITE_TRANSIENT) != SQLITE_OK ||
            sqlite3_step(q) != SQLITE_DONE)
            rc = sq_err(s, "cannot record the coder's version");
        sqlite3_finalize(q);
        q = NULL;
    }
    return rc;
}

void rl_store_stats_get(const rl_store *s, rl_store_stats *st) { *st = s->done; }

/* ======================== writing ======================== */

static int fail_batch(rl_store *s, int rc)
{
    if (s->in_tx) {
        unsigned n = s->in_batch + (unsigned)s->in_story;
        rl_store_rollback(s);
        rl_error(s->dg, s->path, 0, "the batch in flight (%u stor%s) was rolled back; the %lu "
                 "stories committed before it are kept", n, n == 1 ? "y" : "ies", s->done.stories);
    }
    return rc;
}

/* Steps a statement that returns at most one integer; *out = -1 without a row. */
static int step_int(rl_store *s, sqlite3_stmt *q, long long *out, const char *what)
{
    int rc = sqlite3_step(q);
    *out = -1;
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(q, 0);
        rc = sqlite3_step(q) == SQLITE_ROW ? SQLITE_ROW : SQLITE_DONE;
    }
    int ret = rc == SQLITE_DONE ? RL_OK : sq_err(s, what);
    sqlite3_reset(q);
    return ret;
}

/* Puts the mentions stored since the last call into the search index: one
 * statement per run of consecutive rowids (usually one a batch). Called
 * before a commit and before mentions are deleted, so that the delete
 * trigger only ever takes out indexed rows. */
static int index_mentions(rl_store *s)
{
    if (!s->nunindexed)
        return RL_OK;
    qsort(s->unindexed, s->nunindexed, sizeof *s->unindexed, cmp_id);
    sqlite3_stmt *q = stmt(s, Q_FTS_ADD);
    if (!q)
        return RL_EIO;
    for (size_t i = 0, j; i < s->nunindexed; i = j) {
        /* a run lo..hi with every rowid in it stored since the last call:
         * the rows there are exactly those mentions (a rowid stored twice,
         * after a delete, is one row) */
        for (j = i + 1; j < s->nunindexed && s->unindexed[j] <= s->unindexed[j - 1] + 1; j++)
            ;
        sqlite3_bind_int64(q, 1, s->unindexed[i]);
        sqlite3_bind_int64(q, 2, s->unindexed[j - 1]);
        int rc = run(s, q, "cannot index mentions for search");
        if (rc)
            return rc;
    }
    s->nunindexed = 0;
    return RL_OK;
}

/* Takes back what the mentions of an earlier copy of the story counted:
 * mentions, stories and sources of each event they reported. */
static int uncount_story(rl_store *s, const char *id, const char *old_publisher)
{
    int rc;
    if ((rc = index_mentions(s)))
        return rc;
    sqlite3_stmt *q = stmt(s, Q_STORY_DEL);
    if (!q)
        return RL_EIO;
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    s->nremoved = 0;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        if (sqlite3_column_type(q, 0) != SQLITE_NULL &&
            add_removed(s, sqlite3_column_int64(q, 0)) != RL_OK) {
            sqlite3_reset(q);
            return RL_ENOMEM;
        }
    }
    sqlite3_reset(q);
    if (rc != SQLITE_DONE)
        return sq_err(s, "cannot replace a story");
    if (s->nremoved) /* s->removed is NULL until a first event is removed */
        qsort(s->removed, s->nremoved, sizeof *s->removed, cmp_id);
    sqlite3_stmt *dec = stmt(s, Q_ESRC_DEC), *del = stmt(s, Q_ESRC_DEL);
    sqlite3_stmt *unc = stmt(s, Q_EVENT_UNCOUNT), *drop = stmt(s, Q_EVENT_DROP);
    if (!dec || !del || !unc || !drop)
        return RL_EIO;
    for (size_t i = 0, j; i < s->nremoved; i = j) {
        int64_t e = s->removed[i];
        for (j = i; j < s->nremoved && s->removed[j] == e; j++)
            ;
        long long left;
        sqlite3_bind_int64(dec, 1, e);
        sqlite3_bind_text(dec, 2, old_publisher, -1, SQLITE_STATIC);
        if ((rc = step_int(s, dec, &left, "cannot update event publishers")))
            return rc;
        if (left == 0) {
            sqlite3_bind_int64(del, 1, e);
            sqlite3_bind_text(del, 2, old_publisher, -1, SQLITE_STATIC);
            if ((rc = run(s, del, "cannot update event publishers")))
                return rc;
        }
        sqlite3_bind_int64(unc, 1, e);
        sqlite3_bind_int64(unc, 2, (sqlite3_int64)(j - i));
        sqlite3_bind_int(unc, 3, left == 0);
        sqlite3_bind_int64(drop, 1, e);
        if ((rc = run(s, unc, "cannot update event counts")) ||
            (rc = run(s, drop, "cannot drop an event no story reports any more")))
            return rc;
    }
    return RL_OK;
}

char *rl_store_story_key(const rl_story *st)
{
    const char *id = st->id ? st->id : "", *pub = st->publisher ? st->publisher : "";
    size_t n = strlen(id) + 3 * strlen(pub) + 2;
    char *key = malloc(n), *k = key;
    if (!key)
        return NULL;
    for (const char *p = pub; *p; p++) {
        if (*p == '%' || *p == '/') {
            memcpy(k, *p == '%' ? "%25" : "%2F", 3);
            k += 3;
        } else
            *k++ = *p;
    }
    if (*pub)
        *k++ = '/';
    memcpy(k, id, strlen(id) + 1);
    return key;
}

int rl_store_begin_story(rl_store *s, const rl_story *st)
{
    int rc;
    if (!s->in_tx) {
        if ((rc = exec(s, "BEGIN IMMEDIATE", "cannot start a batch")))
            return rc;
        s->in_tx = 1;
        s->in_batch = 0;
    }
    char date[11];
    s->in_story = 1;
    free(s->story_key);
    if (!(s->story_key = rl_store_story_key(st)))
        return fail_batch(s, RL_ENOMEM);
    const char *id = s->story_key;
    /* this story's publisher, counted in num_publishers */
    free(s->publisher);
    size_t n = strlen(id) + 8;
    if (st->publisher && *st->publisher)
        s->publisher = strdup(st->publisher);
    else if ((s->publisher = malloc(n)))
        snprintf(s->publisher, n, "story:%s", id);
    if (!s->publisher)
        return fail_batch(s, RL_ENOMEM);
    sqlite3_stmt *q = stmt(s, Q_STORY_OLD);
    if (!q)
        return fail_batch(s, RL_EIO);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        /* stored before: take its events back before storing it again */
        char *old = strdup((const char *)sqlite3_column_text(q, 0));
        sqlite3_reset(q);
        if (!old)
            return fail_batch(s, RL_ENOMEM);
        s->pending.replaced++;
        rc = uncount_story(s, id, old);
        free(old);
        if (rc)
            return fail_batch(s, rc);
    } else {
        sqlite3_reset(q);
        if (rc != SQLITE_DONE)
            return fail_batch(s, sq_err(s, "cannot look up a story"));
    }
    if (!(q = stmt(s, Q_UNCODED_DEL)))
        return fail_batch(s, RL_EIO);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    if ((rc = run(s, q, "cannot replace a story's uncoded sentences")))
        return fail_batch(s, rc);
    if (!(q = stmt(s, Q_STORY_PUT)))
        return fail_batch(s, RL_EIO);
    sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
    bind_day(q, 2, st->date, date);
    bind_opt(q, 3, st->publisher);
    bind_opt(q, 4, st->url);
    bind_opt(q, 5, st->title);
    if ((rc = run(s, q, "cannot store a story")))
        return fail_batch(s, rc);
    return RL_OK;
}

static int put_actor(rl_store *s, const char *code)
{
    int rc = codeset_add(&s->actors, code);
    if (rc <= 0)
        return rc;
    sqlite3_stmt *q = stmt(s, Q_ACTOR_ADD);
    if (!q)
        return RL_EIO;
    sqlite3_bind_text(q, 1, code, -1, SQLITE_STATIC);
    return run(s, q, "cannot store an actor");
}

/* Counts one more mention of a stored event: a mention, and a story and a
 * source when this is the story's first mention of it. */
static int count_mention(rl_store *s, int64_t e, const char *story)
{
    int rc;
    long long seen, n = 0;
    sqlite3_stmt *q = stmt(s, Q_MENTIONED);
    if (!q)
        return RL_EIO;
    sqlite3_bind_int64(q, 1, e);
    sqlite3_bind_text(q, 2, story, -1, SQLITE_STATIC);
    if ((rc = step_int(s, q, &seen, "cannot look up a mention")))
        return rc;
    if (seen < 0) {
        if (!(q = stmt(s, Q_ESRC_INC)))
            return RL_EIO;
        sqlite3_bind_int64(q, 1, e);
        sqlite3_bind_text(q, 2, s->publisher, -1, SQLITE_STATIC);
        if ((rc = step_int(s, q, &n, "cannot store event publishers")))
            return rc;
    }
    if (!(q = stmt(s, Q_EVENT_COUNT)))
        return RL_EIO;
    sqlite3_bind_int64(q, 1, e);
    sqlite3_bind_int(q, 2, seen < 0);
    sqlite3_bind_int(q, 3, n == 1);
    return run(s, q, "cannot update event counts");
}

int rl_store_put_uncoded(rl_store *s, unsigned sentence, const char *reason, const char *sent,
                         size_t n)
{
    sqlite3_stmt *q = stmt(s, Q_UNCODED_ADD);
    if (!q)
        return fail_batch(s, RL_EIO);
    sqlite3_bind_text(q, 1, s->story_key, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 2, (int)sentence);
    sqlite3_bind_text(q, 3, reason, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 4, sent, (int)n, SQLITE_STATIC);
    int rc = run(s, q, "cannot store an uncoded sentence");
    if (rc)
        return fail_batch(s, rc);
    s->pending.uncoded++;
    return RL_OK;
}

int rl_store_put_event(rl_store *s, const rl_story *st, const rl_event *e, const char *sent,
                       size_t n)
{
    if (!s->in_tx || !s->in_story)
        return RL_ERANGE; /* programmer error: no story begun */
    int rc;
    char date[11], sdate[11];
    const char *mod = rl_modality_name(e->modality);
    const char *plover = e->plover ? e->plover : "";
    sqlite3_int64 event_id = 0;
    if (e->date != RL_NODATE) {
        sqlite3_stmt *q = stmt(s, Q_EVENT_GET);
        if (!q)
            return fail_batch(s, RL_EIO);
        bind_day(q, 1, e->date, date);
        sqlite3_bind_text(q, 2, e->source, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 3, e->target, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 4, e->code, -1, SQLITE_STATIC);
        sqlite3_bind_text(q, 5, mod, -1, SQLITE_STATIC);
        rc = sqlite3_step(q);
        if (rc == SQLITE_ROW) {
            event_id = sqlite3_column_int64(q, 0);
            sqlite3_reset(q);
            if ((rc = count_mention(s, event_id, s->story_key)))
                return fail_batch(s, rc);
        } else if (rc == SQLITE_DONE) {
            sqlite3_reset(q);
            if (!(q = stmt(s, Q_EVENT_ADD)))
                return fail_batch(s, RL_EIO);
            bind_day(q, 1, e->date, date);
            sqlite3_bind_text(q, 2, e->source, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 3, e->target, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 4, e->code, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 5, mod, -1, SQLITE_STATIC);
            sqlite3_bind_text(q, 6, e->root, -1, SQLITE_STATIC);
            sqlite3_bind_int(q, 7, e->quad);
            sqlite3_bind_double(q, 8, e->goldstein);
            sqlite3_bind_text(q, 9, plover, -1, SQLITE_STATIC);
            if ((rc = run(s, q, "cannot store an event")))
                return fail_batch(s, rc);
            event_id = sqlite3_last_insert_rowid(s->db);
            long long nsrc;
            if (!(q = stmt(s, Q_ESRC_INC)))
                return fail_batch(s, RL_EIO);
            sqlite3_bind_int64(q, 1, event_id);
            sqlite3_bind_text(q, 2, s->publisher, -1, SQLITE_STATIC);
            if ((rc = step_int(s, q, &nsrc, "cannot store event publishers")))
                return fail_batch(s, rc);
        } else {
            rc = sq_err(s, "cannot look up an event");
            sqlite3_reset(q);
            return fail_batch(s, rc);
        }
    }
    sqlite3_stmt *q = stmt(s, Q_MENTION_ADD);
    if (!q)
        return fail_batch(s, RL_EIO);
    sqlite3_bind_text(q, 1, s->story_key, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 2, e->sentence);
    if (event_id)
        sqlite3_bind_int64(q, 3, event_id);
    else
        sqlite3_bind_null(q, 3);
    sqlite3_bind_text(q, 4, e->source, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 5, e->target, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 6, e->code, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 7, e->root, -1, SQLITE_STATIC);
    sqlite3_bind_int(q, 8, e->quad);
    sqlite3_bind_double(q, 9, e->goldstein);
    sqlite3_bind_text(q, 10, plover, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 11, mod, -1, SQLITE_STATIC);
    bind_day(q, 12, e->date, date);
    bind_day(q, 13, st->date, sdate);
    bind_opt(q, 14, e->date_expr);
    sqlite3_bind_text(q, 15, e->evidence, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 16, e->source_text, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 17, e->target_text, -1, SQLITE_STATIC);
    if (e->quantity > 0) {
        sqlite3_bind_double(q, 18, e->quantity);
        sqlite3_bind_text(q, 19, e->quantity_unit, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(q, 18);
        sqlite3_bind_null(q, 19);
    }
    sqlite3_bind_text(q, 20, sent ? sent : "", sent ? (int)(n < INT32_MAX ? n : INT32_MAX) : 0,
                      SQLITE_STATIC);
    bind_opt(q, 21, e->claimed_by);
    if ((rc = run(s, q, "cannot store an event mention")))
        return fail_batch(s, rc);
    /* indexed for search at the end of the batch */
    if (s->nunindexed == s->capunindexed) {
        size_t cap = s->capunindexed ? s->capunindexed * 2 : 1024;
        int64_t *v = realloc(s->unindexed, cap * sizeof *v);
        if (!v)
            return fail_batch(s, RL_ENOMEM);
        s->unindexed = v;
        s->capunindexed = cap;
    }
    s->unindexed[s->nunindexed++] = sqlite3_last_insert_rowid(s->db);
    if ((rc = put_actor(s, e->source)) || (rc = put_actor(s, e->target)))
        return fail_batch(s, rc);
    s->pending.mentions++;
    if (!event_id)
        s->pending.undated++;
    return RL_OK;
}

int rl_store_end_story(rl_store *s)
{
    if (!s->in_tx || !s->in_story)
        return RL_ERANGE;
    s->in_story = 0;
    s->in_batch++;
    s->pending.stories++;
    if (s->in_batch >= s->batch)
        return rl_store_commit(s);
    return RL_OK;
}

int rl_store_commit(rl_store *s)
{
    if (!s->in_tx)
        return RL_OK;
    if (s->in_story)
        return RL_ERANGE; /* programmer error: a batch holds whole stories */
    int rc;
    if ((rc = index_mentions(s)) || (rc = exec(s, "COMMIT", "cannot commit a batch")))
        return fail_batch(s, rc);
    s->in_tx = 0;
    s->done.stories += s->pending.stories;
    s->done.replaced += s->pending.replaced;
    s->done.mentions += s->pending.mentions;
    s->done.undated += s->pending.undated;
    s->done.uncoded += s->pending.uncoded;
    s->done.batches++;
    memset(&s->pending, 0, sizeof s->pending);
    s->in_batch = 0;
    return RL_OK;
}

void rl_store_rollback(rl_store *s)
{
    if (s->in_tx)
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_tx = s->in_story = 0;
    s->in_batch = 0;
    s->nunindexed = 0;
    memset(&s->pending, 0, sizeof s->pending);
    codeset_clear(&s->actors); /* rolled-back actor rows may be missing */
}

/* ======================== reading ======================== */

int rl_store_actor_match(const char *code, const char *pattern)
{
    if (strlen(pattern) == 3)
        return strncmp(code, pattern, 3) == 0;
    return strcmp(code, pattern) == 0;
}

/* [lo, hi) bounds of the codes starting with prefix */
static void prefix_range(const char *prefix, char lo[24], char hi[24])
{
    snprintf(lo, 24, "%s", prefix);
    snprintf(hi, 24, "%s", prefix);
    size_t n = strlen(hi);
    if (n)
        hi[n - 1]++;
    else
        snprintf(hi, 24, "\x7f");
}

int rl_store_actor_known(rl_store *s, const char *pattern)
{
    int three = strlen(pattern) == 3;
    sqlite3_stmt *q = stmt(s, three ? Q_ACTOR_RANGE : Q_ACTOR_EQ);
    if (!q)
        return RL_EIO;
    char lo[24], hi[24];
    prefix_range(pattern, lo, hi);
    sqlite3_bind_text(q, 1, lo, -1, SQLITE_STATIC);
    if (three)
        sqlite3_bind_text(q, 2, hi, -1, SQLITE_STATIC);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return sq_err(s, "cannot look up an actor");
}

int rl_store_actors_like(rl_store *s, const char *prefix, size_t max,
                         void (*fn)(const char *code, void *ctx), void *ctx)
{
    sqlite3_stmt *q = stmt(s, Q_ACTORS_LIKE);
    if (!q)
        return RL_EIO;
    char lo[24], hi[24];
    prefix_range(prefix, lo, hi);
    sqlite3_bind_text(q, 1, lo, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, hi, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, (sqlite3_int64)max);
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW)
        fn((const char *)sqlite3_column_text(q, 0), ctx);
    sqlite3_reset(q);
    return rc == SQLITE_DONE ? RL_OK : sq_err(s, "cannot list actors");
}

/* binds ?1 ?2 ?5 ?6 of DYAD_WHERE */
static void bind_dyad(sqlite3_stmt *q, const char *a, const char *b)
{
    sqlite3_bind_text(q, 1, a, 3, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, b, 3, SQLITE_STATIC);
    bind_opt(q, 5, strlen(a) > 3 ? a : NULL);
    bind_opt(q, 6, strlen(b) > 3 ? b : NULL);
}

static rl_day col_day(sqlite3_stmt *q, int i)
{
    const char *t = (const char *)sqlite3_column_text(q, i);
    return t ? rl_day_parse(t) : RL_NODATE;
}

int rl_store_scan(rl_store *s, const char *a, const char *b, rl_day from, rl_day to,
                  rl_store_row_fn fn, void *ctx)
{
    int dyad = a && b && strlen(a) >= 3 && strlen(b) >= 3;
    sqlite3_stmt *q = stmt(s, dyad ? Q_SCAN_DYAD : Q_SCAN_DATE);
    if (!q)
        return RL_EIO;
    char f[11], t[11];
    if (dyad)
        bind_dyad(q, a, b);
    if (from == RL_NODATE)
        sqlite3_bind_text(q, 3, "0000-00-00", -1, SQLITE_STATIC);
    else
        bind_day(q, 3, from, f);
    if (to == RL_NODATE)
        sqlite3_bind_text(q, 4, "9999-99-99", -1, SQLITE_STATIC);
    else
        bind_day(q, 4, to, t);
    int rc, ret = RL_OK;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        rl_store_row r;
        r.id = sqlite3_column_int64(q, 0);
        r.date = col_day(q, 1);
        r.source = (const char *)sqlite3_column_text(q, 2);
        r.target = (const char *)sqlite3_column_text(q, 3);
        r.cameo = (const char *)sqlite3_column_text(q, 4);
        if (!r.source || !r.target || !r.cameo || r.date == RL_NODATE)
            continue;
        if (!dyad && ((a && !rl_store_actor_match(r.source, a)) ||
                      (b && !rl_store_actor_match(r.target, b))))
            continue;
        r.quad = sqlite3_column_int(q, 5);
        r.goldstein = sqlite3_column_double(q, 6);
        const char *m = (const char *)sqlite3_column_text(q, 7);
        r.modality = m ? rl_modality_parse(m) : -1;
        r.mentions = (unsigned)sqlite3_column_int(q, 8);
        if ((ret = fn(&r, ctx)))
            break;
    }
    sqlite3_reset(q);
    if (ret)
        return ret;
    return rc == SQLITE_DONE ? RL_OK : sq_err(s, "cannot read events");
}

int rl_store_span(rl_store *s, const char *a, const char *b, rl_day *first, rl_day *last)
{
    *first = *last = RL_NODATE;
    sqlite3_stmt *q = stmt(s, Q_SPAN);
    if (!q)
        return RL_EIO;
    bind_dyad(q, a, b);
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        *first = col_day(q, 0);
        *last = col_day(q, 1);
    }
    sqlite3_reset(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? RL_OK : sq_err(s, "cannot read events");
}

int rl_store_last_story_date(rl_store *s, rl_day *out)
{
    *out = RL_NODATE;
    sqlite3_stmt *q = stmt(s, Q_LAST_STORY);
    if (!q)
        return RL_EIO;
    int rc = sqlite3_step(q);
    if (rc == SQLITE_ROW)
        *out = col_day(q, 0);
    sqlite3_reset(q);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? RL_OK : sq_err(s, "cannot read stories");
}

static int dup_col(sqlite3_stmt *q, int i, char **out)
{
    const char *t = (const char *)sqlite3_column_text(q, i);
    *out = NULL;
    if (!t)
        return RL_OK;
    return (*out = strdup(t)) ? RL_OK : RL_ENOMEM;
}

int rl_store_first_mention(rl_store *s, int64_t event_id, rl_store_mention *m)
{
    memset(m, 0, sizeof *m);
    sqlite3_stmt *q = stmt(s, Q_FIRST_MENTION);
    if (!q)
        return RL_EIO;
    sqlite3_bind_int64(q, 1, event_id);
    int rc = sqlite3_step(q), ret = RL_OK;
    if (rc == SQLITE_ROW) {
        m->sentence = (unsigned)sqlite3_column_int(q, 1);
        m->story_date = col_day(q, 2);
        m->quantity = sqlite3_column_double(q, 8);
        const char *unit = (const char *)sqlite3_column_text(q, 9);
        snprintf(m->quantity_unit, sizeof m->quantity_unit, "%s", unit ? unit : "");
        m->stories = (unsigned)sqlite3_column_int(q, 10);
        m->publishers = (unsigned)sqlite3_column_int(q, 11);
        const char *cb = (const char *)sqlite3_column_text(q, 12);
        snprintf(m->claimed_by, sizeof m->claimed_by, "%s", cb ? cb : "");
        if (dup_col(q, 0, &m->story_id) || dup_col(q, 3, &m->text) ||
            dup_col(q, 4, &m->date_expr) || dup_col(q, 5, &m->evidence) ||
            dup_col(q, 6, &m->publisher) || dup_col(q, 7, &m->url)) {
            rl_store_mention_release(m);
            ret = RL_ENOMEM;
        }
    } else if (rc == SQLITE_DONE) {
        ret = RL_ERANGE;
    } else {
        ret = sq_err(s, "cannot read a mention");
    }
    sqlite3_reset(q);
    return ret;
}

void rl_store_mention_release(rl_store_mention *m)
{
    free(m->story_id);
    free(m->text);
    free(m->date_expr);
    free(m->evidence);
    free(m->publisher);
    free(m->url);
    memset(m, 0, sizeof *m);
}

int rl_store_event_facts(rl_store *s, int64_t event_id, rl_store_facts *f)
{
    memset(f, 0, sizeof *f);
    f->first_story = RL_NODATE;
    sqlite3_stmt *q = stmt(s, Q_FACTS);
    if (!q)
        return RL_EIO;
    sqlite3_bind_int64(q, 1, event_id);
    int rc = sqlite3_step(q), ret = RL_OK;
    if (rc == SQLITE_ROW && sqlite3_column_type(q, 2) != SQLITE_NULL) {
        f->stories = (unsigned)sqlite3_column_int(q, 0);
        f->sources = (unsigned)sqlite3_column_int(q, 1);
        const char *sid = (const char *)sqlite3_column_text(q, 2);
        snprintf(f->story_id, sizeof f->story_id, "%s", sid ? sid : "");
        f->claim = sqlite3_column_int(q, 3) == 1;
        f->first_story = col_day(q, 4);
        const char *cb = (const char *)sqlite3_column_text(q, 5);
        snprintf(f->claimed_by, sizeof f->claimed_by, "%s", f->claim && cb ? cb : "");
        const char *w = (const char *)sqlite3_column_text(q, 6);
        snprintf(f->words, sizeof f->words, "%s", w ? w : "");
    } else if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
        ret = RL_ERANGE;
    } else {
        ret = sq_err(s, "cannot read an event's reports");
    }
    sqlite3_reset(q);
    return ret;
}

int rl_store_mirrored(rl_store *s, int64_t x, int64_t y)
{
    sqlite3_stmt *q = stmt(s, Q_MIRROR);
    if (!q)
        return RL_EIO;
    sqlite3_bind_int64(q, 1, x);
    sqlite3_bind_int64(q, 2, y);
    int rc = sqlite3_step(q);
    sqlite3_reset(q);
    if (rc == SQLITE_ROW)
        return 1;
    return rc == SQLITE_DONE ? 0 : sq_err(s, "cannot read mentions");
}

/* appends "(col matches one of the patterns)" for actor column col */
static int side_sql(rl_buf *b, const char *const *pat, int n, const char *col)
{
    int rc = rl_buf_adds(b, "(");
    for (int i = 0; i < n; i++)
        rc |= strlen(pat[i]) == 3 ? rl_buf_printf(b, "%ssubstr(m.%s, 1, 3) = ?", i ? " OR " : "", col)
                                  : rl_buf_printf(b, "%sm.%s = ?", i ? " OR " : "", col);
    return rc | rl_buf_adds(b, ")");
}


/* Prepares the statement built in q (bad: building it ran out of memory) and
 * releases q: RL_OK, RL_ENOMEM, or the store's error for `what`. */
static int prepare_built(rl_store *s, rl_buf *q, int bad, sqlite3_stmt **st, const char *what)
{
    int ok = !bad && sqlite3_prepare_v2(s->db, q->data, -1, st, NULL) == SQLITE_OK;
    rl_buf_release(q);
    if (bad)
        return RL_ENOMEM;
    return ok ? RL_OK : sq_err(s, what);
}

int rl_store_undated(rl_store *s, const char *const *a, int na, const char *const *b, int nb,
                     rl_store_undated_fn fn, void *ctx)
{
    rl_buf q;
    rl_buf_init(&q);
    int bad = rl_buf_adds(&q, "SELECT m.rowid, m.source, m.target, m.cameo, m.quad_class, "
                          "m.goldstein, m.modality, m.story_id, m.sentence FROM mentions m "
                          "WHERE m.event_id IS NULL AND (");
    for (int dir = 0; dir < 2; dir++) {
        bad |= rl_buf_adds(&q, dir ? " OR (" : "(");
        bad |= side_sql(&q, dir ? b : a, dir ? nb : na, "source");
        bad |= rl_buf_adds(&q, " AND ");
        bad |= side_sql(&q, dir ? a : b, dir ? na : nb, "target");
        bad |= rl_buf_adds(&q, ")");
    }
    bad |= rl_buf_adds(&q, ")");
    sqlite3_stmt *st = NULL;
    int prc = prepare_built(s, &q, bad, &st, "cannot count undated mentions");
    if (prc)
        return prc;
    int k = 1;
    for (int dir = 0; dir < 2; dir++) {
        for (int i = 0; i < (dir ? nb : na); i++)
            sqlite3_bind_text(st, k++, dir ? b[i] : a[i], -1, SQLITE_TRANSIENT);
        for (int i = 0; i < (dir ? na : nb); i++)
            sqlite3_bind_text(st, k++, dir ? a[i] : b[i], -1, SQLITE_TRANSIENT);
    }
    int rc, ret = RL_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        rl_store_row r;
        r.id = sqlite3_column_int64(st, 0);
        r.date = RL_NODATE;
        r.source = (const char *)sqlite3_column_text(st, 1);
        r.target = (const char *)sqlite3_column_text(st, 2);
        r.cameo = (const char *)sqlite3_column_text(st, 3);
        r.quad = sqlite3_column_int(st, 4);
        r.goldstein = sqlite3_column_double(st, 5);
        const char *m = (const char *)sqlite3_column_text(st, 6);
        r.modality = m ? rl_modality_parse(m) : -1;
        r.mentions = 1;
        const char *sid = (const char *)sqlite3_column_text(st, 7);
        if (!r.source || !r.target || !r.cameo)
            continue;
        if ((ret = fn(&r, sid ? sid : "", (unsigned)sqlite3_column_int(st, 8), ctx)))
            break;
    }
    if (!ret && rc != SQLITE_DONE)
        ret = sq_err(s, "cannot read undated mentions");
    sqlite3_finalize(st);
    return ret;
}

int rl_store_volume(rl_store *s, const char *const *a, int na, const char *const *b, int nb,
                    rl_day from, rl_day to, void (*fn)(rl_day d, unsigned stories, void *ctx),
                    void *ctx)
{
    rl_buf q;
    rl_buf_init(&q);
    int bad = rl_buf_adds(&q, "SELECT s.date, count(*) FROM stories s WHERE s.date BETWEEN ?1 AND ?2");
    for (int side = 0; side < 2; side++) {
        bad |= rl_buf_adds(&q, " AND EXISTS (SELECT 1 FROM mentions m WHERE m.story_id = s.id AND (");
        bad |= side_sql(&q, side ? b : a, side ? nb : na, "source");
        bad |= rl_buf_adds(&q, " OR ");
        bad |= side_sql(&q, side ? b : a, side ? nb : na, "target");
        bad |= rl_buf_adds(&q, "))");
    }
    bad |= rl_buf_adds(&q, " GROUP BY s.date");
    sqlite3_stmt *st = NULL;
    int prc = prepare_built(s, &q, bad, &st, "cannot count stories");
    if (prc)
        return prc;
    char f[11], t[11];
    bind_day(st, 1, from, f);
    bind_day(st, 2, to, t);
    int k = 3; /* a bare ? numbers on after ?2 */
    for (int side = 0; side < 2; side++)
        for (int rep = 0; rep < 2; rep++)
            for (int i = 0; i < (side ? nb : na); i++)
                sqlite3_bind_text(st, k++, side ? b[i] : a[i], -1, SQLITE_TRANSIENT);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        rl_day d = col_day(st, 0);
        if (d != RL_NODATE)
            fn(d, (unsigned)sqlite3_column_int(st, 1), ctx);
    }
    int ret = rc == SQLITE_DONE ? RL_OK : sq_err(s, "cannot count stories");
    sqlite3_finalize(st);
    return ret;
}
