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
python3 - "$tmp/acc.json" <<'PY' && ok || bad "talks held, an attack and a meeting due: 1 talks, 1 force, 1 scheduled"
import json, sys
t = json.load(open(sys.argv[1]))["total"]
assert (t["talks"], t["force"], t["scheduled"]) == (1, 1, 1), t
PY
python3 - "$tmp/acc.json" <<'PY' && ok || bad "the held talks are one mirrored event keeping both stored directions"
import json, sys
p = json.load(open(sys.argv[1]))["periods"]
ev = p[0]["evidence"]["talks"]
assert len(ev) == 1 and ev[0]["mirror"] and ev[0]["merged_count"] == 1 and len(ev[0]["merged"]) == 1, ev
assert p[0]["reading"] == "no reading (first period)" and p[1]["reading"] == "too little evidence", p
assert [x["reading"] for x in p if x["start"] == "2026-01-20"] == ["quiet"]   # scheduled only: no reading
PY
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
python3 - "$tmp/dup.json" "$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM events').fetchone()[0])" "$tmp/dup.db")" <<'PY' && ok || bad "near-duplicate reports merge into one incident with every report kept"
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

echo "monitor: $pass passed, $fail failed"
[ "$fail" = 0 ]
