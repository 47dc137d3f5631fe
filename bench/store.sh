#!/usr/bin/env bash
# bench/store.sh [BUILD]: scale figures for the event store (`make bench-store`).
#  1. ingest rate through the store API: bench/storegen.c writes N1 synthetic
#     events (10 a story, 15% repeats of recent events) into a new store;
#  2. end-to-end `redline ingest` rate (coding + storing) on the bench corpus
#     of bench/corpus.py (the examples, development sentences and, when
#     ../shared is present, the GigaWord sample and the seed article);
#  3. the store grown to N10 events, then `redline trend` and `redline top`
#     latency over it (best and median of 5 runs, warm page cache).
# Not a test: nothing here asserts on timing. The 10,000,000-event store takes
# about 4 GB; it lives in $BENCH_DIR (default: a temporary folder, removed).
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RL="$BUILD/redline"
GEN="$BUILD/storegen"
N1=${N1:-1000000}
N10=${N10:-10000000}
SENTS=${SENTS:-100000}
if [ -n "${BENCH_DIR:-}" ]; then
  dir=$BENCH_DIR
  mkdir -p "$dir"
else
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
fi
db="$dir/bench-store.db"
rm -f "$db" "$db-wal" "$db-shm" "$dir/ingest.db" "$dir/ingest.db-wal" "$dir/ingest.db-shm"

now() { date +%s.%N; }
# timeit LABEL CMD...: best and median wall time of 5 runs
timeit() {
  local label=$1; shift
  local times=()
  for i in 1 2 3 4 5; do
    local t0 t1
    t0=$(now)
    "$@" >/dev/null
    t1=$(now)
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')")
  done
  printf '%s\n' "${times[@]}" | sort -g | awk -v l="$label" \
    '{t[NR]=$1} END {printf "%-44s best %.3f s, median %.3f s\n", l, t[1], t[3]}'
}

echo "== 1. store API: $N1 synthetic events into a new store"
"$GEN" "$db" "$N1"

echo "== 2. redline ingest: coding and storing the bench corpus"
python3 bench/corpus.py "$SENTS" ../shared >"$dir/corpus.jsonl"
t0=$(now)
"$RL" ingest -q "$dir/ingest.db" "$dir/corpus.jsonl"
t1=$(now)
ev=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM mentions').fetchone()[0])" "$dir/ingest.db")
python3 -c "import sys; ev, s = int(sys.argv[1]), float(sys.argv[2]); print(f'redline ingest: {sys.argv[3]} stories, {ev} events in {s:.2f} s: {ev / s * 60:.0f} events/min')" \
  "$ev" "$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" "$(wc -l <"$dir/corpus.jsonl")"

echo "== 3. growing the store to $N10 events"
"$GEN" "$db" $((N10 - N1)) $((N1 / 10))
python3 - "$db" <<'PY'
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
m, = con.execute("SELECT count(*) FROM mentions").fetchone()
e, = con.execute("SELECT count(*) FROM events").fetchone()
lo, hi = con.execute("SELECT min(date), max(date) FROM events").fetchone()
usa_rus, = con.execute("SELECT count(*) FROM events WHERE (substr(source,1,3) = 'USA' AND substr(target,1,3) = 'RUS') OR (substr(source,1,3) = 'RUS' AND substr(target,1,3) = 'USA')").fetchone()
print(f"store: {m} stored events (mentions), {e} distinct events, {lo} to {hi}, "
      f"{os.path.getsize(sys.argv[1]) / 1e9:.2f} GB; USA-RUS: {usa_rus} distinct events")
PY
last=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT max(date) FROM stories').fetchone()[0])" "$db")
year=$(python3 -c "import datetime,sys; print(datetime.date.fromisoformat(sys.argv[1]) - datetime.timedelta(days=364))" "$last")
timeit "trend USA RUS (all years, by month)" "$RL" trend "$db" USA RUS
timeit "trend USA RUS --json (all years)" "$RL" trend "$db" USA RUS --json
timeit "trend USA RUS --svg (all years)" "$RL" trend "$db" USA RUS -e 0 --svg "$dir/c.svg"
timeit "trend USAGOV RUSMIL (all years)" "$RL" trend "$db" USAGOV RUSMIL
timeit "trend USA RUS --by week (last year)" "$RL" trend "$db" USA RUS --by week --from "$year" --to "$last"
timeit "trend SYR TUR --by day (last year)" "$RL" trend "$db" SYR TUR --by day --from "$year" --to "$last"
timeit "top (last 30 days)" "$RL" top "$db"
