#!/usr/bin/env bash
# store.sh BUILD: the event store and the dyad monitor (`redline ingest`,
# `trend`, `top`) against the binaries in BUILD. Stores the examples and
# checks the rows against `redline code`; re-ingests and checks nothing is
# duplicated; checks the distinct-event counts; stores the seed article
# (skipped when ../shared is absent) and reads both tracks of USA-RUS; kills
# an ingest with SIGKILL and checks the store holds whole batches and passes
# integrity_check; feeds bad stores, actors and ranges. Database checks use
# Python's sqlite3 module. Ends with "store: N passed, N failed".
set -u
BUILD=${1:-build}
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"
# shellcheck source=tests/lib/bound.sh
. tests/lib/bound.sh
SHARED="$here/../shared"
tmp=$(mktemp -d)
bound_redline "$BUILD" "$tmp"
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
sql() { # sql DB QUERY: prints the rows, tab-separated
    py - "$1" "$2" <<'PY'
import sqlite3, sys
con = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
for row in con.execute(sys.argv[2]):
    print("\t".join("" if v is None else str(v) for v in row))
PY
}
# every stored count equals a count from the mentions themselves
counts_ok() {
    py - "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
bad = con.execute("""
  SELECT e.id FROM events e WHERE
    e.num_mentions != (SELECT count(*) FROM mentions m WHERE m.event_id = e.id) OR
    e.num_stories != (SELECT count(DISTINCT story_id) FROM mentions m WHERE m.event_id = e.id) OR
    e.num_publishers != (SELECT count(DISTINCT coalesce(s.publisher, 'story:' || s.id))
                      FROM mentions m JOIN stories s ON s.id = m.story_id WHERE m.event_id = e.id)
""").fetchall()
orphans = con.execute("SELECT count(*) FROM mentions WHERE date IS NOT NULL AND "
                      "event_id NOT IN (SELECT id FROM events)").fetchone()[0]
empty = con.execute("SELECT count(*) FROM events WHERE num_mentions < 1").fetchone()[0]
keys = con.execute("SELECT count(*) FROM mentions m JOIN events e ON e.id = m.event_id WHERE "
                   "m.date != e.date OR m.source != e.source OR m.target != e.target OR "
                   "m.cameo != e.cameo OR m.modality != e.modality").fetchone()[0]
sys.exit(1 if bad or orphans or empty or keys else 0)
PY
}

echo "== store: command line"
for c in ingest trend top; do
    "$RL" $c --help >/dev/null 2>&1 && ok || bad "$c --help"
done
"$RL" ingest >/dev/null 2>&1; [ $? = 2 ] && ok || bad "ingest without DB is a usage error"
"$RL" trend "$tmp/x.db" USA >/dev/null 2>&1; [ $? = 2 ] && ok || bad "trend with one actor is a usage error"

echo "== store: examples"
db="$tmp/ex.db"
"$RL" code -q examples/stories.jsonl >"$tmp/ex.jsonl"
want=$(wc -l <"$tmp/ex.jsonl")
"$RL" ingest -q "$db" examples/stories.jsonl 2>"$tmp/err"
[ $? = 0 ] && ok || bad "ingest examples exits 0: $(cat "$tmp/err")"
[ "$(sql "$db" 'SELECT count(*) FROM stories')" = 6 ] && ok || bad "6 stories stored"
[ "$want" -gt 0 ] && [ "$(sql "$db" 'SELECT count(*) FROM mentions')" = "$want" ] && ok || bad "mentions = the $want events of 'redline code'"
# the stored rows are the events `redline code` prints
py - "$db" "$tmp/ex.jsonl" <<'PY' && ok || bad "stored mentions equal the coded events field by field"
import json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
got = sorted(con.execute("SELECT story_id, sentence, source, target, cameo, root, quad_class, "
                         "modality, date, story_date, coalesce(date_expr, ''), evidence, text "
                         "FROM mentions"))
want = []
for line in open(sys.argv[2], encoding="utf-8"):
    o = json.loads(line)
    key = (o["publisher"] + "/" if o.get("publisher") else "") + o["story_id"]  # stored under its publisher
    want.append((key, o["sentence"], o["source"], o["target"], o["cameo"], o["root"],
                 o["quad_class"], o["modality"], o["date"], o["story_date"], o["date_expr"] or "",
                 o["evidence"], o["text"]))
sys.exit(0 if got == sorted(want) else 1)
PY
[ "$(sql "$db" "SELECT title, publisher FROM stories WHERE id = 'example wire/ex-003'")" = "$(printf 'Invasion\texample wire')" ] && ok || bad "story title and publisher stored, the id namespaced by the publisher"
counts_ok "$db" && ok || bad "event counts match the mentions"
[ "$(sql "$db" 'PRAGMA journal_mode')" = wal ] && ok || bad "store is in WAL mode"
[ "$(sql "$db" 'PRAGMA user_version')" = 5 ] && ok || bad "schema version recorded"
sql "$db" "EXPLAIN QUERY PLAN SELECT id, date, source, target, cameo, quad_class, goldstein, modality, num_mentions FROM events WHERE substr(source, 1, 3) = 'USA' AND substr(target, 1, 3) = 'RUS' AND date BETWEEN '2020-01-01' AND '2023-01-01'" | grep -q "USING COVERING INDEX events_dyad" && ok || bad "the trend scan reads the dyad index alone"
snapshot() { echo "$(sql "$1" 'SELECT count(*) FROM stories') $(sql "$1" 'SELECT count(*) FROM mentions') $(sql "$1" 'SELECT count(*), sum(num_mentions), sum(num_publishers) FROM events')"; }
before=$(snapshot "$db")
"$RL" ingest "$db" examples/stories.jsonl 2>"$tmp/err"
[ $? = 0 ] && ok || bad "re-ingest exits 0"
grep -q "6 replaced" "$tmp/err" && ok || bad "re-ingest says the stories were replaced"
after=$(snapshot "$db")
[ "$before" = "$after" ] && ok || bad "re-ingest adds no duplicates ($before / $after)"
[ "$(sql "$db" 'SELECT count(*) FROM (SELECT story_id, sentence, source, target, cameo FROM mentions GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1)')" = 0 ] && ok || bad "no duplicate mentions"
counts_ok "$db" && ok || bad "event counts still match after re-ingest"

ver=$("$RL" --version)
[ "$(sql "$db" "SELECT value FROM meta WHERE key = 'coder'")" = "$ver" ] && [ "$(sql "$db" "SELECT value FROM meta WHERE key = 'first_coder'")" = "$ver" ] && ok || bad "the store records the coder's version in meta: $(sql "$db" 'SELECT * FROM meta')"

echo "== store: one event, several reports"
db="$tmp/dup.db"
{
  echo '{"id":"r1","date":"2022-02-24","source":"wire A","text":"Russian forces attacked Ukraine on Thursday."}'
  echo '{"id":"r2","date":"2022-02-25","source":"wire B","text":"Russian forces attacked Ukraine on Thursday. NATO condemned Russia."}'
  echo '{"id":"r3","date":"2022-02-24","source":"wire B","text":"Russian forces attacked Ukraine on Thursday."}'
} >"$tmp/dup.jsonl"
"$RL" ingest -q "$db" "$tmp/dup.jsonl"
q="SELECT num_mentions, num_stories, num_publishers FROM events WHERE cameo LIKE '19%' AND source LIKE 'RUS%' AND target = 'UKR'"
[ "$(sql "$db" "$q")" = "$(printf '3\t3\t2')" ] && ok || bad "3 reports from 2 publishers are one event (got '$(sql "$db" "$q")')"
[ "$(sql "$db" "SELECT count(*) FROM events WHERE cameo LIKE '19%' AND target = 'UKR'")" = 1 ] && ok || bad "the attack is stored once as an event"
echo '{"id":"r2","date":"2022-02-25","publisher":"wire B","text":"The weather was fine."}' | "$RL" ingest -q "$db" -
[ "$(sql "$db" "$q")" = "$(printf '2\t2\t2')" ] && ok || bad "replacing a story takes its report back (got '$(sql "$db" "$q")')"
[ "$(sql "$db" "SELECT count(*) FROM events WHERE source = 'IGOWSTNAT'")" = 0 ] && ok || bad "an event no story reports any more is dropped"
echo '{"id":"r3","date":"2022-02-24","source":"wire B","text":"No event here."}' | "$RL" ingest -q "$db" -
[ "$(sql "$db" "$q")" = "$(printf '1\t1\t1')" ] && ok || bad "wire B's last report taken back: one source left (got '$(sql "$db" "$q")')"
counts_ok "$db" && ok || bad "event counts match after a replacement"
[ "$(sql "$db" "SELECT sentence, reason, text FROM uncoded WHERE story_id = 'wire B/r2'")" = "$(printf '0\tno actor\tThe weather was fine.')" ] \
    && [ "$(sql "$db" "SELECT count(*) FROM stories WHERE id = 'wire B/r2'")" = 1 ] \
    && ok || bad "a story that codes nothing is stored with its sentence and why (no actor)"
[ "$(sql "$db" "SELECT count(*) FROM uncoded WHERE story_id = 'wire B/r3'")" = 1 ] && ok || bad "a replaced story's uncoded sentences are replaced"
echo '{"id":"r1","date":"2022-02-24","publisher":"wire C","text":"Russian forces attacked Ukraine on Thursday."}' | "$RL" ingest -q "$db" -
[ "$(sql "$db" "SELECT count(*) FROM stories WHERE id IN ('wire A/r1', 'wire C/r1')")" = 2 ] && [ "$(sql "$db" "$q")" = "$(printf '2\t2\t2')" ] \
    && ok || bad "two publishers' story 'r1' are two stories (ids namespaced by publisher)"
counts_ok "$db" && ok || bad "event counts match with namespaced ids"

echo "== store: a version-2 store is upgraded"
db="$tmp/v2.db"
"$RL" ingest -q "$db" examples/stories.jsonl
# turn it back into version 2: the old column names, ids without their publisher
py - "$db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.executescript("""
ALTER TABLE stories RENAME COLUMN publisher TO source;
ALTER TABLE events RENAME COLUMN num_publishers TO num_sources;
ALTER TABLE event_publishers RENAME COLUMN publisher TO source;
ALTER TABLE event_publishers RENAME TO event_sources;
UPDATE mentions SET story_id = substr(story_id, length('example wire/') + 1);
UPDATE stories SET id = substr(id, length('example wire/') + 1);
DROP TABLE uncoded;
ALTER TABLE mentions DROP COLUMN claimed_by;
PRAGMA user_version = 2;
""")
PY
"$RL" ingest -q "$db" - </dev/null 2>"$tmp/err"
[ "$(sql "$db" 'PRAGMA user_version')" = 5 ] && grep -q "upgraded from version 2 to 5" "$tmp/err" && \
  [ "$(sql "$db" "SELECT count(*) FROM stories WHERE id LIKE 'example wire/ex-%'")" = 6 ] && \
  [ "$(sql "$db" "SELECT count(*) FROM mentions WHERE story_id NOT LIKE 'example wire/%'")" = 0 ] && \
  [ "$(sql "$db" "SELECT count(*) FROM mentions_fts WHERE mentions_fts MATCH 'attacked'")" -ge 1 ] && \
  counts_ok "$db" && ok || bad "version 2 -> 5: publisher columns renamed, story ids namespaced, search intact"

echo "== store: readings, directions and ranking on a hand-made store"
db="$tmp/hand.db"
"$RL" ingest -q "$db" </dev/null 2>/dev/null
py - "$db" <<'PY' && ok || bad "hand-made store written through the documented schema"
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
ev = [  # date, source, target, cameo, modality, goldstein, quad
  ("2022-03-01", "USAGOV", "RUSGOV", "040", "realized", 1.0, 1),
  ("2022-03-02", "RUSGOV", "USAGOV", "042", "realized", 1.9, 1),
  ("2022-03-02", "USAGOV", "RUS", "1312", "threatened", -5.8, 3),
  ("2022-03-03", "USAGOV", "RUSGOV", "046", "realized", 7.0, 1),
  ("2022-03-03", "RUSGOV", "USAGOV", "046", "realized", 7.0, 1),
  ("2022-03-03", "RUSMIL", "USA", "154", "realized", -7.2, 4),
  ("2022-03-03", "USA", "RUS", "163", "realized", -8.0, 4),
  ("2022-03-04", "USAGOV", "RUSGOV", "036", "scheduled", 4.0, 1),
  ("2022-03-04", "RUSGOV", "USAGOV", "036", "scheduled", 4.0, 1),
  ("2022-03-04", "USAMIL", "RUS", "138", "threatened", -7.0, 3),
  ("2022-03-04", "RUS", "USA", "139", "threatened", -7.0, 3),
  ("2022-03-04", "USAGOV", "RUSGOV", "010", "realized", 0.0, 1),
  ("2022-03-05", "USAGOV", "RUSGOV", "057", "realized", 8.0, 1),
  ("2022-03-06", "RUSMIL", "USAMIL", "190", "negated", -10.0, 4),
  ("2022-03-07", "RUSMIL", "UKR", "190", "realized", -10.0, 4),
  ("2022-03-07", "RUS", "USA", "190", "realized", -10.0, 4),
  ("2022-03-07", "UKRMIL", "RUSMIL", "190", "realized", -10.0, 4),
  ("2022-03-07", "UKR", "RUS", "193", "realized", -10.0, 4),
  ("2022-02-27", "UKR", "RUS", "040", "realized", 1.0, 1),
]
for i, (d, s, t, c, m, g, q) in enumerate(ev):
    sid = "h%d" % i
    con.execute("INSERT INTO stories(id, date, publisher) VALUES(?, ?, 'hand')", (sid, d))
    cur = con.execute("INSERT INTO events(date, source, target, cameo, modality, root, quad_class, "
                      "goldstein, plover, num_mentions, num_stories, num_publishers) "
                      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, '', 1, 1, 1)", (d, s, t, c, m, c[:2], q, g))
    con.execute("INSERT INTO event_publishers VALUES(?, 'hand', 1)", (cur.lastrowid,))
    con.execute("INSERT INTO mentions(story_id, sentence, event_id, source, target, cameo, root, "
                "quad_class, goldstein, plover, modality, date, story_date, evidence, source_text, "
                "target_text, text) VALUES(?, 0, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?, '', '', '', ?)",
                (sid, cur.lastrowid, s, t, c, c[:2], q, g, m, d, d, "sentence of " + sid))
    for a in (s, t):
        con.execute("INSERT OR IGNORE INTO actors VALUES(?)", (a,))
con.commit()
PY
counts_ok "$db" && ok || bad "hand-made store is consistent"
"$RL" trend "$db" USA RUS --by day --from 2022-03-01 --to 2022-03-07 --json >"$tmp/hand.json"
py - "$tmp/hand.json" <<'PY' && ok || bad "readings, counts, directions and evidence order per day"
import json, sys
t = json.load(open(sys.argv[1]))
p = t["periods"]
# the first day reads nothing; a reading needs 3 talks+force events from 2 stories
want = ["no reading (first period)", "too little evidence", "both rising (coercive bargaining)",
        "too little evidence", "too little evidence", "quiet", "too little evidence"]
assert [x["reading"] for x in p] == want, [x["reading"] for x in p]
assert [(x["all"]["talks"], x["all"]["force"], x["all"]["scheduled"]) for x in p] == \
    [(1, 0, 0), (1, 1, 0), (2, 2, 0), (0, 2, 2), (1, 0, 0), (0, 0, 0), (0, 1, 0)], p
assert abs(p[2]["all"]["force_weighted"] - 15.2) < 1e-6 and abs(p[2]["all"]["talks_weighted"] - 14.0) < 1e-6
assert p[2]["stories"] == 4 and abs(p[2]["per_100_stories"]["force"] - 50.0) < 1e-6, p[2]["stories"]
d3 = p[2]
assert (d3["a_to_b"]["talks"], d3["b_to_a"]["talks"], d3["a_to_b"]["force"], d3["b_to_a"]["force"]) == (1, 1, 1, 1)
assert d3["all"]["quad_class"] == [2, 0, 0, 2] and abs(d3["all"]["goldstein_sum"] - (-1.2)) < 1e-6
assert p[3]["all"]["events"] == 5 and p[3]["all"]["quad_class"] == [3, 0, 2, 0]   # 010 counts, in no track
assert p[5]["uncounted"] == 1 and p[5]["all"]["events"] == 0                        # negated attack
assert [e["cameo"] for e in p[2]["evidence"]["force"]] == ["163", "154"]            # strongest first
assert p[3]["evidence"]["force"][0]["story_id"] == "h9" and p[3]["evidence"]["force"][0]["text"] == "sentence of h9"
assert t["total"]["talks"] == 5 and t["total"]["force"] == 6 and t["total"]["scheduled"] == 2 and t["uncounted"] == 1
assert t["rules"]["weight"] == "|goldstein|"
PY
"$RL" trend "$db" USA RUS --by week --from 2022-03-01 --to 2022-03-13 --json >"$tmp/hand.json"
py - "$tmp/hand.json" <<'PY' && ok || bad "weeks run Monday to Sunday, clipped to the range"
import json, sys
p = json.load(open(sys.argv[1]))["periods"]
assert [(x["start"], x["end"]) for x in p] == [("2022-03-01", "2022-03-06"), ("2022-03-07", "2022-03-13")], p
assert p[0]["all"]["talks"] == 5 and p[0]["all"]["force"] == 5 and p[1]["all"]["force"] == 1
PY
"$RL" trend "$db" USA,UKR RUS --by day --from 2022-03-07 --to 2022-03-07 --json >"$tmp/hand.json"
py - "$tmp/hand.json" <<'PY' && ok || bad "a side of several codes counts each event once"
import json, sys
p = json.load(open(sys.argv[1]))["periods"]
assert p[0]["all"]["force"] == 4 and p[0]["a_to_b"]["force"] == 2 and p[0]["b_to_a"]["force"] == 2, p[0]
PY
"$RL" trend "$db" USAGOV RUSGOV --by day --from 2022-03-01 --to 2022-03-07 --json >"$tmp/hand.json"
py - "$tmp/hand.json" <<'PY' && ok || bad "full actor codes match exactly"
import json, sys
t = json.load(open(sys.argv[1]))
assert t["total"]["talks"] == 5 and t["total"]["scheduled"] == 2 and t["total"]["force"] == 0, t["total"]
PY
"$RL" trend "$db" USA RUS --from 2022-03-02 --to 2022-03-02 --by day --json >"$tmp/hand.json"
py - "$tmp/hand.json" <<'PY' && ok || bad "the first period reads nothing, also after --from"
import json, sys
assert json.load(open(sys.argv[1]))["periods"][0]["reading"] == "no reading (first period)"
PY
"$RL" top "$db" --from 2022-03-04 --to 2022-03-07 --json >"$tmp/top.json"
py - "$tmp/top.json" <<'PY' && ok || bad "top ranks dyads by the rise of force against the previous 4 days"
import json, sys
t = json.load(open(sys.argv[1]))
assert (t["prev_from"], t["prev_to"]) == ("2022-02-28", "2022-03-03")
d = [(x["a"], x["b"], x["force"], x["force_prev"], x["rise"]) for x in t["dyads"]]
assert d == [("RUS", "UKR", 3, 0, 3)], d    # RUS-USA: 3 now, 3 before: no rise
PY
"$RL" top "$db" --from 2022-03-04 --to 2022-03-07 >"$tmp/top.txt"
grep -q "RUS - UKR" "$tmp/top.txt" && grep -q "strongest: 2022-03-07" "$tmp/top.txt" && ok || bad "top text lists the dyad and its strongest event"
grep -q "\[Russia - Ukraine\]" "$tmp/top.txt" && ok || bad "top text names the dyad's actors"
"$RL" top "$db" --from 2022-03-04 --to 2022-03-07 --csv >"$tmp/top.csv"
py - "$tmp/top.csv" <<'PY' && ok || bad "top --csv: header row and one row per dyad"
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert rows[0][:5] == ["rank", "a", "b", "a_name", "b_name"], rows[0]
assert any(r[1:5] == ["RUS", "UKR", "Russia", "Ukraine"] for r in rows[1:]), rows
assert all(len(r) == len(rows[0]) for r in rows)
PY
"$RL" trend "$db" USA RUS --by month --csv >"$tmp/trend.csv"
"$RL" trend "$db" USA RUS --by month --json >"$tmp/trend.json"
py - "$tmp/trend.csv" "$tmp/trend.json" <<'PY' && ok || bad "trend --csv: one row per period, the JSON's counts"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
j = json.load(open(sys.argv[2]))
assert len(rows) == len(j["periods"]) > 0
for r, p in zip(rows, j["periods"]):
    assert r["start"] == p["start"] and int(r["talks"]) == p["all"]["talks"] and int(r["force"]) == p["all"]["force"]
assert rows[0]["a"] == "USA" and rows[0]["a_name"] == "United States"
PY

echo "== store: seed article"
seed="$SHARED/data/articles/us-russia-talks-2021-12.txt"
if [ -f "$seed" ]; then
  db="$tmp/seed.db"
  "$RL" ingest -q --date 2021-12-31 "$db" "$seed" && ok || bad "seed article ingested"
  "$RL" trend "$db" USA RUS --by day >"$tmp/trend.txt" 2>"$tmp/err"
  [ $? = 0 ] && ok || bad "trend USA RUS exits 0: $(cat "$tmp/err")"
  grep -q '^talks ' "$tmp/trend.txt" && grep -q '^force ' "$tmp/trend.txt" && ok || bad "trend shows the talks and force sparklines"
  for d in 2021-12-07 2021-12-30 2022-01-10 2022-01-13; do
    grep -Eq "^    talks $d (USA|RUS)[A-Z]*>(USA|RUS)[A-Z]* 0[34]" "$tmp/trend.txt" && ok || bad "trend USA RUS: talks on $d with its evidence"
  done
  grep -Eq "^    force [0-9-]+ USA[A-Z]*>RUS[A-Z]* 10[0-9]* demanded \(100000 troops\)" "$tmp/trend.txt" && ok || bad "trend USA RUS: the demand to withdraw 100,000 troops on the force side"
  "$RL" trend "$db" USA RUS --by day --json >"$tmp/trend.json" 2>"$tmp/err"
  py - "$tmp/trend.json" <<'PY' && ok || bad "trend --json: talks of Dec 7, Dec 30, Jan 10, Jan 13; the demand (100,000 troops) and the sanctions threat"
import json, sys
t = json.load(open(sys.argv[1]))
assert t["a"] == ["USA"] and t["b"] == ["RUS"] and t["by"] == "day"
assert set(t["tracks"]) == {"talks", "force"}
ev = {"talks": [], "force": []}
for p in t["periods"]:
    for k in ev:
        for e in p["evidence"][k]:
            assert e["story_id"] == "us-russia-talks-2021-12.txt" and e["text"] and e["sentence"] >= 0
            assert p["start"] <= e["date"] <= p["end"]
            ev[k].append(e)
    assert p["all"]["talks"] == p["a_to_b"]["talks"] + p["b_to_a"]["talks"]
    assert len(p["all"]["quad_class"]) == 4 and p["reading"]
dates = {e["date"] for e in ev["talks"]}
assert {"2021-12-07", "2021-12-30", "2022-01-10", "2022-01-13"} <= dates, dates
assert any(e["cameo"].startswith("10") and e["modality"] == "demanded" and "withdraw" in e["text"]
           and e.get("quantity", {}).get("unit") == "troops" for e in ev["force"]), ev["force"]
assert any(e["cameo"] == "1312" and e["modality"] == "threatened" and "sanctions" in e["text"]
           for e in ev["force"]), ev["force"]
PY
  # the West and NATO are their own actors: a side of several codes
  "$RL" trend "$db" USA,WST,IGOWSTNAT RUS --by day --json >"$tmp/west.json" 2>"$tmp/err"
  py - "$tmp/west.json" <<'PY' && ok || bad "trend USA,WST,IGOWSTNAT RUS: NATO talks of January 12 and the sanctions threat"
import json, sys
t = json.load(open(sys.argv[1]))
ev = [e for p in t["periods"] for k in ("talks", "force") for e in p["evidence"][k]]
assert any(e["date"] == "2022-01-12" and "IGOWSTNAT" in (e["source"], e["target"]) for e in ev), ev
assert any(e["cameo"] == "1312" and e["modality"] == "threatened" and "sanctions" in e["text"]
           for e in ev), ev
PY
  "$RL" trend "$db" USA RUS --svg "$tmp/chart.svg" >/dev/null 2>"$tmp/err"
  [ $? = 0 ] && ok || bad "trend --svg exits 0: $(cat "$tmp/err")"
  py - "$tmp/chart.svg" <<'PY' && ok || bad "the SVG is a well-formed standalone chart"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{http://www.w3.org/2000/svg}svg"
rects = root.iter("{http://www.w3.org/2000/svg}rect")
assert sum(1 for r in rects if r.get("fill") in ("#2b6cb0", "#c53030")) >= 4
text = "".join(root.itertext())
assert "USA" in text and "RUS" in text and "2022-01-10" in text
assert "href" not in open(sys.argv[1]).read()   # nothing external
PY
  "$RL" top "$db" --from 2021-12-01 --to 2021-12-31 --json >"$tmp/top.json"
  py - "$tmp/top.json" <<'PY' && ok || bad "top --json lists a dyad whose force rose, with its strongest event"
import json, sys
t = json.load(open(sys.argv[1]))
assert t["prev_to"] == "2021-11-30" and t["prev_from"] == "2021-10-31"
d = t["dyads"]
assert d and all(x["rise"] > 0 and x["force"] - x["force_prev"] == x["rise"] for x in d)
assert any({x["a"], x["b"]} == {"RUS", "USA"} for x in d)
assert all(x["strongest"]["text"] for x in d)
PY
else
  echo "skip: $seed not found (../shared absent)"
fi

echo "== store: killed during ingest"
db="$tmp/kill.db"
py - examples/stories.jsonl >"$tmp/many.jsonl" <<'PY'
import json, sys
stories = [json.loads(l) for l in open(sys.argv[1])]
for i in range(10000):
    for s in stories:
        s = dict(s); s["id"] = "%s-%d" % (s["id"], i); print(json.dumps(s))
PY
total=$(wc -l <"$tmp/many.jsonl")
# the binary itself (not the bounded wrapper), so that kill -9 reaches it;
# the loop below kills it within 30 s
"$BUILD/redline" ingest -q --batch 500 "$db" "$tmp/many.jsonl" 2>/dev/null &
pid=$!
for i in $(seq 1 300); do # until a few batches are in, at most 30 s
  n=$(sql "$db" 'SELECT count(*) FROM stories' 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 2000 ] && break
  sleep 0.1
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
n=$(sql "$db" 'SELECT count(*) FROM stories')
[ "$(sql "$db" 'PRAGMA integrity_check')" = ok ] && ok || bad "integrity_check ok after kill -9"
[ "$n" -gt 0 ] && [ "$n" -lt "$total" ] && ok || bad "killed mid-ingest ($n of $total stories stored)"
[ $((n % 500)) = 0 ] && ok || bad "only whole batches of 500 stored ($n stories)"
# every stored story has all of its events: as many as its template codes to
py - "$db" "$tmp/ex.jsonl" <<'PY' && ok || bad "no story stored with part of its events"
import collections, json, sqlite3, sys
per = collections.Counter(json.loads(l)["story_id"] for l in open(sys.argv[2]))
per = {"example wire/" + k: v for k, v in per.items()}  # the examples' publisher
con = sqlite3.connect(sys.argv[1])
got = collections.Counter(dict(con.execute("SELECT s.id, count(m.story_id) FROM stories s "
                                           "LEFT JOIN mentions m ON m.story_id = s.id GROUP BY s.id")))
sys.exit(0 if all(per[i.rsplit("-", 1)[0]] == n for i, n in got.items()) else 1)
PY
counts_ok "$db" && ok || bad "event counts consistent after kill -9"
"$RL" ingest -q --batch 5000 "$db" "$tmp/many.jsonl" && ok || bad "re-running the killed ingest finishes"
[ "$(sql "$db" 'SELECT count(*) FROM stories')" = "$total" ] && ok || bad "all $total stories stored after the re-run"
[ "$(sql "$db" 'SELECT count(*) FROM mentions')" = "$((want * total / 6))" ] && ok || bad "no duplicates after the re-run"

echo "== store: write failure during ingest"
db="$tmp/full.db"
# a file-size limit makes SQLite's writes fail part-way, as a full disk would
(trap '' XFSZ; ulimit -f 2000; "$RL" ingest -q --batch 100 "$db" "$tmp/many.jsonl") 2>"$tmp/err"
rc=$?
[ $rc = 1 ] && grep -q "rolled back" "$tmp/err" && grep -q "re-run the same command" "$tmp/err" && ok || bad "write failure: exit 1 (got $rc), the batch rolled back, says to re-run"
n=$(sql "$db" 'SELECT count(*) FROM stories')
[ "$(sql "$db" 'PRAGMA integrity_check')" = ok ] && [ "$n" -gt 0 ] && [ $((n % 100)) = 0 ] && ok || bad "after a write failure the store is whole batches ($n stories) and passes integrity_check"
counts_ok "$db" && ok || bad "event counts consistent after a write failure"

echo "== store: bad input"
db="$tmp/ex.db"
# trend --svg: a fresh temporary name (nothing planted is followed), replaces
# only a regular file
mkdir -p "$tmp/svg"
echo precious >"$tmp/svg/victim"
for t in tmpXX tmp00 XXXXXX; do ln -s "$tmp/svg/victim" "$tmp/svg/chart.svg.$t"; ln -s "$tmp/svg/victim" "$tmp/svg/.chart.svg.$t"; done
(umask 022; "$RL" trend "$db" RUS UKR --svg "$tmp/svg/chart.svg" >/dev/null 2>"$tmp/err"); rc=$?
[ $rc = 0 ] && [ -f "$tmp/svg/chart.svg" ] && [ ! -L "$tmp/svg/chart.svg" ] && grep -q '<svg' "$tmp/svg/chart.svg" && ok || bad "trend --svg writes the chart (exit $rc): $(cat "$tmp/err")"
[ "$(cat "$tmp/svg/victim")" = precious ] && ok || bad "trend --svg followed a planted symbolic link"
[ "$(stat -c %a "$tmp/svg/chart.svg")" = 644 ] && ok || bad "the chart is readable like any new file (mode $(stat -c %a "$tmp/svg/chart.svg"))"
[ "$(find "$tmp/svg" -newer "$tmp/svg/victim" -name '.chart.svg.??????' ! -type l | wc -l)" = 0 ] && ok || bad "no temporary file left behind"
ln -s "$tmp/svg/victim" "$tmp/svg/link.svg"
"$RL" trend "$db" RUS UKR --svg "$tmp/svg/link.svg" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "not a regular file (a symbolic link)" "$tmp/err" && [ -L "$tmp/svg/link.svg" ] && [ "$(cat "$tmp/svg/victim")" = precious ] && ok || bad "trend --svg onto a symbolic link is refused (exit $rc): $(cat "$tmp/err")"
mkfifo "$tmp/svg/fifo"
"$RL" trend "$db" RUS UKR --svg "$tmp/svg/fifo" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && [ -p "$tmp/svg/fifo" ] && grep -q "not a regular file" "$tmp/err" && ok || bad "trend --svg onto a pipe is refused (exit $rc)"
"$RL" trend "$tmp/missing.db" USA RUS >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "no such store" "$tmp/err" && ok || bad "trend on a missing store: exit 1, says so"
[ ! -e "$tmp/missing.db" ] && ok || bad "trend does not create a missing store"
"$RL" top "$tmp/missing.db" >/dev/null 2>&1; [ $? = 1 ] && ok || bad "top on a missing store: exit 1"
"$RL" ingest -q "$tmp/no/such/dir/x.db" examples/stories.jsonl 2>"$tmp/err"
[ $? = 1 ] && grep -q "No such file or directory" "$tmp/err" && ok || bad "ingest into a missing directory: exit 1, says why"
cp "$db" "$tmp/ro.db"; chmod 444 "$tmp/ro.db"; sum=$(md5sum <"$tmp/ro.db")
"$RL" ingest -q "$tmp/ro.db" "$tmp/dup.jsonl" 2>"$tmp/err"
[ $? = 1 ] && grep -q "read-only" "$tmp/err" && ok || bad "ingest into a read-only store: exit 1, says so"
[ "$(md5sum <"$tmp/ro.db")" = "$sum" ] && ok || bad "read-only store unchanged"
"$RL" trend "$tmp/ro.db" RUS UKR >/dev/null 2>"$tmp/err" && ok || bad "a read-only store can still be read: $(cat "$tmp/err")"
# a reader who cannot write the store's folder still reads it (as nobody when
# we are root: root writes anywhere)
ro=$(mktemp -d); chmod 755 "$ro"; mkdir "$ro/dir"; cp "$db" "$ro/dir/s.db"; chmod 444 "$ro/dir/s.db"; chmod 555 "$ro/dir"
as_reader=()
[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && as_reader=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [ "$(id -u)" != 0 ] || [ ${#as_reader[@]} -gt 0 ]; then
  timeout 60 "${as_reader[@]}" "$BUILD/redline" trend "$ro/dir/s.db" RUS UKR >"$tmp/out" 2>"$tmp/err"; rc=$?
  [ $rc = 0 ] && grep -q "RUS <-> UKR" "$tmp/out" && ok || bad "a store in a folder the reader cannot write can be read (exit $rc): $(cat "$tmp/err")"
  timeout 60 "${as_reader[@]}" "$BUILD/redline" top "$ro/dir/s.db" >/dev/null 2>"$tmp/err" && ok || bad "top on a store in a read-only folder: $(cat "$tmp/err")"
  [ ! -e "$ro/dir/s.db-shm" ] && ok || bad "reading left a file in the read-only folder"
else
  echo "skip: root without setpriv cannot test a reader without write permission"
fi
chmod 755 "$ro/dir"; rm -rf "$ro"
cp "$db" "$tmp/new.db"
py -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('PRAGMA user_version = 99'); c.commit()" "$tmp/new.db"
sum=$(sql "$tmp/new.db" 'SELECT count(*) FROM mentions')
"$RL" ingest -q "$tmp/new.db" "$tmp/dup.jsonl" 2>"$tmp/err"
[ $? = 1 ] && grep -q "schema version 99 is newer" "$tmp/err" && ok || bad "newer schema refused by ingest with a clear message"
"$RL" trend "$tmp/new.db" RUS UKR >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "newer" "$tmp/err" && ok || bad "newer schema refused by trend"
[ "$(sql "$tmp/new.db" 'SELECT count(*) FROM mentions')" = "$sum" ] && [ "$(sql "$tmp/new.db" 'PRAGMA user_version')" = 99 ] && ok || bad "newer-schema store left as it was"
py -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('CREATE TABLE t(x)'); c.commit()" "$tmp/other.db"
"$RL" ingest -q "$tmp/other.db" "$tmp/dup.jsonl" 2>"$tmp/err"
[ $? = 1 ] && grep -q "not a redline store" "$tmp/err" && [ "$(sql "$tmp/other.db" "SELECT count(*) FROM sqlite_master")" = 1 ] && ok || bad "another application's database refused and untouched"
echo "not a database" >"$tmp/text.db"
"$RL" ingest -q "$tmp/text.db" "$tmp/dup.jsonl" 2>"$tmp/err"
[ $? = 1 ] && grep -q "not an SQLite database" "$tmp/err" && [ "$(cat "$tmp/text.db")" = "not a database" ] && ok || bad "a text file is refused and untouched"
"$RL" trend "$db" RUX UKR >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q "no events yet for 'RUX'" "$tmp/err" && grep -q "RUS" "$tmp/err" && grep -q "no events" "$tmp/out" && ok || bad "a code without events: exit 0, says so, suggests stored codes"
"$RL" trend "$db" RUS UKRXYZ --json >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q "no events yet for 'UKRXYZ'" "$tmp/err" && py -c "import json,sys; assert json.load(open(sys.argv[1]))['periods'] == []" "$tmp/out" && ok || bad "a full code without events: exit 0, empty JSON"
"$RL" top "$db" --from 2010-01-01 --to 2010-01-31 >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q "no events in these periods" "$tmp/out" && ok || bad "top over a range without events: exit 0, says so"
"$RL" trend "$db" 'U$A' RUS >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "bad actor code" "$tmp/err" && ok || bad "malformed actor code: usage error"
"$RL" trend "$db" rus ukr >"$tmp/out" 2>&1 && grep -q "^RUS <-> UKR" "$tmp/out" && ok || bad "lower-case codes accepted"
"$RL" trend "$db" RUS UKR --from 2022-03-01 --to 2022-02-01 >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "reversed range" "$tmp/err" && ok || bad "trend: reversed range is a usage error"
"$RL" top "$db" --from 2022-03-01 --to 2022-02-01 >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "reversed range" "$tmp/err" && ok || bad "top: reversed range is a usage error"
"$RL" trend "$db" RUS UKR --by year >/dev/null 2>&1; [ $? = 2 ] && ok || bad "bad --by is a usage error"
"$RL" trend "$db" RUS UKR --from 2022-02-30 >/dev/null 2>&1; [ $? = 2 ] && ok || bad "bad --from date is a usage error"
"$RL" trend "$db" RUS UKR --by day --from 1900-01-01 --to 2022-01-01 >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "20,000 periods" "$tmp/err" && ok || bad "too many periods: exit 1, says so"
"$RL" trend "$db" RUS UKR --svg "$tmp/no/dir/c.svg" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "cannot write" "$tmp/err" && ok || bad "unwritable --svg: exit 1"
"$RL" trend "$db" RUS UKR --from 2010-01-01 --to 2010-01-31 >"$tmp/out" 2>&1
[ $? = 0 ] && grep -q "quiet" "$tmp/out" && ok || bad "a range without events reads quiet"
# a missing input file: the others are still stored, exit 1
rm -f "$tmp/part.db"
"$RL" ingest -q "$tmp/part.db" "$tmp/nothere.jsonl" "$tmp/dup.jsonl" 2>"$tmp/err"
[ $? = 1 ] && grep -q "cannot open" "$tmp/err" && [ "$(sql "$tmp/part.db" 'SELECT count(*) FROM stories')" = 3 ] && ok || bad "missing input: exit 1, other files stored"
printf '%s\n' '{"id":"g1","date":"2022-02-24","text":"Russian forces attacked Ukraine."}' '{"id":"g2","date":' '{"id":"g3","date":"2022-02-24","text":"NATO condemned Russia."}' >"$tmp/badrec.jsonl"
"$RL" ingest -q "$tmp/part.db" "$tmp/badrec.jsonl" 2>"$tmp/err"
[ $? = 0 ] && grep -q "badrec.jsonl:2: error" "$tmp/err" && [ "$(sql "$tmp/part.db" "SELECT count(*) FROM stories WHERE id IN ('g1','g3')")" = 2 ] && ok || bad "bad record skipped with file:line, the rest stored"
"$RL" ingest -q --batch 0 "$tmp/part.db" "$tmp/dup.jsonl" >/dev/null 2>&1; [ $? = 2 ] && ok || bad "--batch 0 is a usage error"

while IFS= read -r line; do bad "$line"; done < <(timed_out "$tmp")
echo "store: $pass passed, $fail failed"
[ "$fail" = 0 ]
