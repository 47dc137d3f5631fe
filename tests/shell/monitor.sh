#!/usr/bin/env bash
# monitor.sh BUILD: the dyad monitor's counting rules and its alerts against
# the binaries in BUILD: a symmetric act counts once, scheduled events apart,
# near-duplicate reports merge into one incident that keeps every report;
# `redline alerts` on synthetic series (a quiet dyad with a busy news week, a
# slow build-up, a sudden strike) replayed day by day, and on the VOA stories
# of ../shared when present. Every command is bounded by timeout. Ends with
# "monitor: N passed, N failed".
set -u
BUILD=${1:-build}
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"
RL="$BUILD/redline"
SHARED="$here/../shared"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
T="timeout 120"

echo "== monitor: counting"
printf '%s\n' '{"id":"acc1","date":"2026-01-14","text":"Russia and Ukraine held talks on Monday. Russia attacked Ukraine on Tuesday. Ukraine and Russia are due to meet in Geneva on January 20."}' >"$tmp/acc.jsonl"
$T "$RL" ingest -q "$tmp/acc.db" "$tmp/acc.jsonl" 2>"$tmp/err" || bad "ingest the acceptance story: $(cat "$tmp/err")"
$T "$RL" trend "$tmp/acc.db" RUS UKR --json >"$tmp/acc.json" 2>"$tmp/err"
timeout 60 python3 - "$tmp/acc.json" <<'PY' && ok || bad "talks held, an attack and a meeting due: 1 talks, 1 force, 1 scheduled"
import json, sys
t = json.load(open(sys.argv[1]))["total"]
assert (t["talks"], t["force"], t["scheduled"]) == (1, 1, 1), t
PY
timeout 60 python3 - "$tmp/acc.json" <<'PY' && ok || bad "the held talks are one mirrored event keeping both stored directions"
import json, sys
p = json.load(open(sys.argv[1]))["periods"]
ev = p[0]["evidence"]["talks"]
assert len(ev) == 1 and ev[0]["mirror"] and ev[0]["merged_count"] == 1 and len(ev[0]["merged"]) == 1, ev
assert p[0]["reading"] == "no reading (first period)" and p[1]["reading"] == "too little evidence", p
assert [x["reading"] for x in p if x["start"] == "2026-01-20"] == ["quiet"]   # scheduled only: no reading
PY
$T "$RL" top "$tmp/acc.db" --from 2026-01-12 --to 2026-01-20 --json >"$tmp/top.json" 2>"$tmp/err"
timeout 60 python3 - "$tmp/top.json" <<'PY' && ok || bad "top counts the held talks once and not the announced meeting"
import json, sys
d = [(x["a"], x["b"], x["talks"], x["force"]) for x in json.load(open(sys.argv[1]))["dyads"]]
assert d == [("RUS", "UKR", 1, 1)], d
PY
# the same story without a date: its events are in no period, but counted
printf '%s\n' 'Russia and Ukraine held talks on Monday. Russia attacked Ukraine on Tuesday. Ukraine and Russia are due to meet in Geneva on January 20.' >"$tmp/acc.txt"
$T "$RL" ingest -q "$tmp/nodate.db" "$tmp/acc.txt" 2>/dev/null
$T "$RL" trend "$tmp/nodate.db" RUS UKR --json >"$tmp/nodate.json" 2>"$tmp/err"
timeout 60 python3 - "$tmp/nodate.json" <<'PY' && grep -q "have no date" "$tmp/err" && ok || bad "an undated story: 1 talks, 1 force, 1 scheduled in total and under undated, no period; says so"
import json, sys
t = json.load(open(sys.argv[1]))
for c in (t["total"], t["undated"]):
    assert (c["talks"], c["force"], c["scheduled"]) == (1, 1, 1), c
assert t["periods"] == [] and t["undated"]["reports"] == 5, t
PY
# a reading needs its events from two stories: one story's three events (one
# of them a mirrored pair) read "too little evidence"; a second outlet's report
# of one of them makes a reading
printf '%s\n' '{"id":"e1","date":"2026-01-05","text":"Russia and Ukraine held talks."}' \
    '{"id":"e2","date":"2026-01-14","source":"wire A","text":"Russia and Ukraine held talks. Russia attacked Ukraine. Russia threatened Ukraine with sanctions."}' >"$tmp/ev.jsonl"
$T "$RL" ingest -q "$tmp/ev.db" "$tmp/ev.jsonl" 2>/dev/null
$T "$RL" trend "$tmp/ev.db" RUS UKR --by week --json >"$tmp/ev.json" 2>/dev/null
timeout 60 python3 -c "import json,sys; p=json.load(open(sys.argv[1]))['periods']; assert [x['reading'] for x in p] == ['no reading (first period)', 'too little evidence'], p" "$tmp/ev.json" && ok || bad "three events of one story: too little evidence"
printf '%s\n' '{"id":"e3","date":"2026-01-14","source":"wire B","text":"Russia attacked Ukraine."}' >"$tmp/ev2.jsonl"
$T "$RL" ingest -q "$tmp/ev.db" "$tmp/ev2.jsonl" 2>/dev/null
$T "$RL" trend "$tmp/ev.db" RUS UKR --by week --json >"$tmp/ev.json" 2>/dev/null
timeout 60 python3 -c "import json,sys; p=json.load(open(sys.argv[1]))['periods']; assert p[1]['reading'] == 'force gaining' and p[1]['all']['force'] == 2, p" "$tmp/ev.json" && ok || bad "a second story's report of one of them makes a reading"
# the same strike by three outlets: ISR/ISRMIL, 190/195, a day apart; another
# strike three days later stays apart
cat >"$tmp/dup.jsonl" <<'JS'
{"id":"d1","date":"2026-03-03","source":"wire A","text":"Israel launched air strikes on Lebanon on Tuesday."}
{"id":"d2","date":"2026-03-04","source":"wire B","text":"Israeli forces launched air strikes on Lebanon on Wednesday."}
{"id":"d3","date":"2026-03-03","source":"wire C","text":"Israel launched air strikes on Lebanon."}
{"id":"d4","date":"2026-03-07","source":"wire A","text":"Israel launched air strikes on Lebanon."}
JS
$T "$RL" ingest -q "$tmp/dup.db" "$tmp/dup.jsonl" 2>"$tmp/err" || bad "ingest the duplicates: $(cat "$tmp/err")"
$T "$RL" trend "$tmp/dup.db" ISR LBN --by day --json >"$tmp/dup.json" 2>"$tmp/err"
timeout 60 python3 - "$tmp/dup.json" "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM events').fetchone()[0])" "$tmp/dup.db")" <<'PY' && ok || bad "near-duplicate reports merge into one incident with every report kept"
import json, sys
t = json.load(open(sys.argv[1]))
stored = int(sys.argv[2])
assert stored >= 3, stored                     # the store keeps each report's event
assert t["total"]["force"] == 2, t["total"]     # the strike of March 3 and that of March 7
ev = [e for p in t["periods"] for e in p["evidence"]["force"]]
first = [e for e in ev if e["date"] in ("2026-03-03", "2026-03-04")]
assert len(first) == 1 and first[0]["merged_count"] == stored - 2 and first[0]["stories"] == 3, first
assert t["total"]["merged"] == stored - 2
PY
# claims: an incident every report of which is one side's claim
timeout 60 python3 - "$tmp/dup.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
con.execute("UPDATE mentions SET claimed_by = 'LBN' WHERE story_id = 'd4' OR story_id LIKE '%/d4'")
con.commit()
PY
$T "$RL" trend "$tmp/dup.db" ISR LBN --by day --json >"$tmp/dup.json" 2>"$tmp/err"
timeout 60 python3 - "$tmp/dup.json" <<'PY' && ok || bad "an event reported only as one side's claim is shown as a claim"
import json, sys
t = json.load(open(sys.argv[1]))
assert t["total"]["claims"] == 1, t["total"]
ev = [e for p in t["periods"] for e in p["evidence"]["force"]]
assert [e["claimed_by"] for e in ev if e["date"] == "2026-03-07"] == ["LBN"], ev
assert [e["claimed_by"] for e in ev if e["date"] != "2026-03-07"] == [None], ev
PY
# claims read by the coder reach the store: "Pakistan said it shot down five Indian jets"
printf '%s\n' '{"id":"cl1","date":"2025-05-08","text":"Pakistan said it shot down five Indian jets on Wednesday."}' >"$tmp/cl.jsonl"
$T "$RL" ingest -q "$tmp/cl.db" "$tmp/cl.jsonl" 2>"$tmp/err" && $T "$RL" trend "$tmp/cl.db" PAK IND --json >"$tmp/cl.json" 2>"$tmp/err" &&
    timeout 60 python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['total']; assert t['force'] == 1 and t['claims'] == 1, t" "$tmp/cl.json" &&
    ok || bad "a claim coded from the text is stored and counted as a claim: $(cat "$tmp/err")"
# a version-4 store (before claims): refused read-only with the way out, upgraded by an ingest
cp "$tmp/acc.db" "$tmp/v2.db"
timeout 60 python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript('ALTER TABLE mentions DROP COLUMN claimed_by; PRAGMA user_version = 4;')" "$tmp/v2.db"
$T "$RL" trend "$tmp/v2.db" RUS UKR >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "older than 5; run 'redline ingest" "$tmp/err" && ok || bad "trend on a version-4 store: exit 1, says how to upgrade: $(cat "$tmp/err")"
$T "$RL" ingest -q "$tmp/v2.db" - </dev/null 2>"$tmp/err"
$T "$RL" trend "$tmp/v2.db" RUS UKR --json >"$tmp/v2.json" 2>"$tmp/err" &&
    timeout 60 python3 -c "import json,sys; t=json.load(open(sys.argv[1]))['total']; assert (t['talks'], t['force'], t['scheduled'], t['claims']) == (1, 1, 1, 0), t" "$tmp/v2.json" &&
    ok || bad "ingest upgrades a version-4 store, its events counted as before: $(cat "$tmp/err")"

echo "== monitor: alerts on synthetic series"
timeout 60 python3 - "$tmp/syn.jsonl" <<'PY'
import datetime, json, sys
out = open(sys.argv[1], "w")
n = 0
def story(day, text, src="wire"):
    global n
    n += 1
    out.write(json.dumps({"id": "s%04d" % n, "date": day.isoformat(), "source": src, "text": text}) + "\n")
D = datetime.date
def days(a, b):
    d = a
    while d <= b:
        yield d
        d += datetime.timedelta(days=1)
for d in days(D(2026, 1, 1), D(2026, 3, 16)):
    if d.weekday() == 0:          # a weekly baseline for every dyad
        story(d, "France and Germany held talks on trade.")
        story(d, "Armenia and Azerbaijan held talks.")
        story(d, "India and Pakistan held talks.")
    if d.weekday() == 0 and d.isocalendar()[1] % 2 == 0 and d < D(2026, 3, 2):
        story(d, "France threatened Germany with sanctions.")
# a quiet dyad's busy news week: five stories a day, three threats
for d in days(D(2026, 3, 2), D(2026, 3, 8)):
    for k in range(5):
        story(d, "France and Germany held talks on trade.", "wire %d" % k)
    if d.day in (3, 5, 7):
        story(d, "France threatened Germany with sanctions.")
# a slow build-up to a strike on March 9
build = {D(2026, 2, 10): 1, D(2026, 2, 13): 1, D(2026, 2, 16): 1, D(2026, 2, 18): 1, D(2026, 2, 20): 1}
for d in days(D(2026, 2, 23), D(2026, 3, 8)):
    build[d] = 2
for d, k in sorted(build.items()):
    for i in range(k):
        story(d, "Azerbaijan threatened Armenia." if (d.day + i) % 2 else
              "Azerbaijan mobilized troops on the border with Armenia.", "wire %d" % i)
for i in range(3):
    story(D(2026, 3, 9), "Azerbaijani forces shelled Armenian villages.", "wire %d" % i)
# a sudden strike on March 9
for i in range(3):
    story(D(2026, 3, 9), "India launched air strikes on Pakistan.", "wire %d" % i)
for i in range(2):
    story(D(2026, 3, 10), "Pakistan shelled Indian positions in Kashmir.", "wire %d" % i)
story(D(2026, 3, 11), "India launched air strikes on Pakistan.")
# a steady war: the same fighting every day from January 1
for d in days(D(2026, 1, 1), D(2026, 3, 16)):
    for i in range(2):
        story(d, "Sudanese forces shelled South Sudan.", "wire %d" % i)
PY
$T "$RL" ingest -q "$tmp/syn.db" "$tmp/syn.jsonl" 2>"$tmp/err" || bad "ingest the synthetic series: $(cat "$tmp/err")"
for d in 2026-01-0{3..9} 2026-01-{10..31} 2026-02-0{1..9} 2026-02-{10..28} 2026-03-0{1..9} 2026-03-{10..16}; do
    $T "$RL" alerts "$tmp/syn.db" --as-of "$d" --json >"$tmp/al-$d.json" 2>"$tmp/err" || bad "alerts --as-of $d exits 0: $(cat "$tmp/err")"
done
timeout 60 python3 - "$tmp" <<'PY' && ok || bad "a quiet dyad's busy news week raises no alert"
import glob, json, sys
for f in sorted(glob.glob(sys.argv[1] + "/al-*.json")):
    for a in json.load(open(f)):
        assert (a["a"], a["b"]) != ("DEU", "FRA"), (f, a)
PY
timeout 60 python3 - "$tmp" <<'PY' && ok || bad "a slow build-up alerts at least 7 days before the strike of March 9"
import json, sys
days = ["2026-02-%02d" % d for d in range(10, 29)] + ["2026-03-01", "2026-03-02"]
hit = [d for d in days for a in json.load(open(sys.argv[1] + "/al-%s.json" % d))
       if (a["a"], a["b"]) == ("ARM", "AZE")]
assert hit, "no alert by March 2"
print("build-up: first alert as of", hit[0])
a = [a for a in json.load(open(sys.argv[1] + "/al-%s.json" % hit[0])) if a["a"] == "ARM"][0]
assert a["since"] <= hit[0] and a["score"] >= 2 and len(a["events"]) >= 3, a
assert all(e["date"] <= hit[0] and e["story_date"] <= hit[0] for e in a["events"]), a
late = [a for a in json.load(open(sys.argv[1] + "/al-2026-03-02.json")) if a["a"] == "ARM"]
assert late and late[0]["since"] == "2026-02-10", late   # the first threat, through a pause
PY
timeout 60 python3 - "$tmp" <<'PY' && ok || bad "a sudden strike: no alert before it, an alert from the stories after it"
import json, sys
load = lambda d: [(a["a"], a["b"]) for a in json.load(open(sys.argv[1] + "/al-%s.json" % d))]
assert ("IND", "PAK") not in load("2026-03-08")
a = [a for a in json.load(open(sys.argv[1] + "/al-2026-03-11.json")) if (a["a"], a["b"]) == ("IND", "PAK")]
assert a and a[0]["since"] == "2026-03-09" and {e["cameo"][:2] for e in a[0]["events"]} == {"19"}, a
PY
timeout 60 python3 - "$tmp" <<'PY' && ok || bad "a steady war alerts when it starts, not every day after"
import glob, json, sys
days = sorted(f[-15:-5] for f in glob.glob(sys.argv[1] + "/al-*.json"))
hit = [d for d in days for a in json.load(open(sys.argv[1] + "/al-%s.json" % d))
       if (a["a"], a["b"]) == ("SDN", "SSD")]
assert hit and all(d < "2026-02-15" for d in hit), hit
print("steady war: alerts as of %s to %s" % (hit[0], hit[-1]))
PY
$T "$RL" alerts "$tmp/syn.db" --as-of 2025-01-01 >"$tmp/out" 2>"$tmp/err"
[ $? = 0 ] && grep -q "no alert as of 2025-01-01" "$tmp/out" && ok || bad "no alert: exit 0, says so"
$T "$RL" alerts "$tmp/syn.db" --as-of 2026-03-11 >"$tmp/out" 2>"$tmp/err"
grep -q "^IND - PAK  since 2026-03-09" "$tmp/out" && ok || bad "alerts text names the dyad and the start of the rise"
$T "$RL" alerts "$tmp/syn.db" --as-of 2026-13-01 >/dev/null 2>&1; [ $? = 2 ] && ok || bad "a bad --as-of is a usage error"
# the dashboard's overview shows the alerts as of its last day, with evidence
"$RL" serve --bind 127.0.0.1 --port 0 "$tmp/syn.db" >"$tmp/url" 2>"$tmp/server.err" &
srv=$!
url=""
for _ in $(seq 1 100); do
    url=$(head -1 "$tmp/url" 2>/dev/null)
    [ -n "$url" ] && break
    kill -0 "$srv" 2>/dev/null || break
    sleep 0.1
done
if [ -n "$url" ]; then
    curl -s --max-time 30 "${url%/}/?from=2026-02-10&to=2026-03-11" >"$tmp/overview.html"
    grep -q 'id="alerts-table"' "$tmp/overview.html" && grep -q "IND &ndash; PAK" "$tmp/overview.html" &&
        grep -q "shelled</mark> Indian positions" "$tmp/overview.html" && ok || bad "the overview lists the alert with its evidence"
    curl -s --max-time 30 "${url%/}/api/overview?to=2026-03-11" >"$tmp/overview.json"
    timeout 60 python3 -c "import json,sys; a=json.load(open(sys.argv[1]))['alerts']; assert ('IND','PAK') in [(x['a'],x['b']) for x in a]" "$tmp/overview.json" && ok || bad "/api/overview has the alerts"
else
    bad "serve did not start: $(cat "$tmp/server.err")"
fi
kill "$srv" 2>/dev/null
wait "$srv" 2>/dev/null

echo "== monitor: alerts on the VOA stories"
voa="$SHARED/data/news/voa.jsonl"
if [ -f "$voa" ]; then
    $T "$RL" ingest -q "$tmp/voa.db" "$voa" 2>"$tmp/err" || bad "ingest the VOA stories: $(cat "$tmp/err")"
    timeout 60 python3 -c "import json,sys; print('\n'.join(sorted({json.loads(l)['published'][:10] for l in open(sys.argv[1])})))" "$voa" >"$tmp/voa-days"
    while read -r d; do
        $T "$RL" alerts "$tmp/voa.db" --as-of "$d" --json >>"$tmp/voa-alerts" 2>"$tmp/err" || bad "VOA alerts --as-of $d: $(cat "$tmp/err")"
    done <"$tmp/voa-days"
    timeout 60 python3 - "$tmp/voa-alerts" <<'PY' && ok || bad "VOA: every day's alerts are a JSON array of well-formed alerts"
import json, re, sys
dec = json.JSONDecoder()
text, i, days, total = open(sys.argv[1]).read(), 0, 0, 0
while i < len(text):
    while i < len(text) and text[i].isspace():
        i += 1
    if i == len(text):
        break
    v, i = dec.raw_decode(text, i)
    assert isinstance(v, list)
    days += 1
    for a in v:
        total += 1
        assert re.fullmatch(r"[A-Z]{3}|(IGO|NGO|MNC|IMG)[A-Z]*", a["a"]) and a["a"] < a["b"], a
        assert a["score"] >= 2 and a["events"] and a["since"], a
print("VOA: %d alerts over %d story days" % (total, days))
PY
else
    echo "skipped: $voa not present"
fi

echo "monitor: $pass passed, $fail failed"
[ "$fail" = 0 ]
