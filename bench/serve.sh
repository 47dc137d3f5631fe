#!/usr/bin/env bash
# bench/serve.sh [BUILD]: load on the web dashboard (`make bench-serve`).
# Builds a store of N synthetic events with bench/storegen.c (1,000,000 by
# default; kept in $BENCH_DIR when set), starts `redline serve` on a free
# loopback port and runs wrk (Debian package wrk; installed when missing)
# with CONNS connections for SECS seconds on each of:
#   the dyad page of the heaviest dyad (USA-RUS), its JSON (/api/dyad) and the
#   trend JSON (/api/trend), as an analyst's dashboard sees them (the page
#   cache on: repeated requests are served from memory until the store
#   changes);
#   the same dyad page with the cache off (every request reads the store);
#   a browsing mix with the cache off: 30 dyads, pages 1 to 5, filters.
# Reports requests/s, p50 and p99 latency, non-2xx answers and socket errors
# per run, and checks that the server is still up after each. Not a test:
# nothing asserts on timing. wrk runs on the same machine as the server.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
RL="$BUILD/redline"
GEN="$BUILD/storegen"
N=${N:-1000000}
SECS=${SECS:-20}
CONNS=${CONNS:-50}
THREADS=${THREADS:-2}
if [ -n "${BENCH_DIR:-}" ]; then
  dir=$BENCH_DIR
  mkdir -p "$dir"
else
  dir=$(mktemp -d)
fi
srv=""
cleanup() {
  [ -n "$srv" ] && kill "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
  [ -n "${BENCH_DIR:-}" ] || rm -rf "$dir"
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  echo "installing wrk"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

db="$dir/serve-$N.db"
if [ ! -s "$db" ]; then
  echo "== a store of $N synthetic events"
  rm -f "$db" "$db-wal" "$db-shm"
  "$GEN" "$db" "$N"
fi
python3 - "$db" <<'PY'
import os, sqlite3, sys
con = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
e, = con.execute("SELECT count(*) FROM events").fetchone()
m, = con.execute("SELECT count(*) FROM mentions").fetchone()
lo, hi = con.execute("SELECT min(date), max(date) FROM events").fetchone()
d, = con.execute("SELECT count(*) FROM events WHERE (substr(source,1,3) = 'USA' AND substr(target,1,3) = 'RUS') "
                 "OR (substr(source,1,3) = 'RUS' AND substr(target,1,3) = 'USA')").fetchone()
print(f"store: {m} events stored ({e} distinct), {lo} to {hi}, {os.path.getsize(sys.argv[1]) / 1e6:.0f} MB; "
      f"USA-RUS: {d} distinct events")
PY

start() { # start [serve options]: sets URL and srv
  "$RL" serve --port 0 "$@" "$db" >"$dir/url" 2>"$dir/server.err" &
  srv=$!
  URL=""
  for _ in $(seq 1 100); do
    URL=$(head -1 "$dir/url" 2>/dev/null) && [ -n "$URL" ] && break
    sleep 0.1
  done
  [ -n "$URL" ] || { echo "server did not start: $(cat "$dir/server.err")"; exit 1; }
}
stop() {
  kill "$srv"
  wait "$srv" || true
  tail -1 "$dir/server.err"
  srv=""
}

# the browsing mix: dyads among the busiest countries, pages, filters
cat >"$dir/mix.lua" <<'LUA'
local c = {"USA", "RUS", "CHN", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "TUR", "IND", "PAK"}
local f = {"", "&root=19", "&quad=4", "&track=force", "&modality=realized", "&by=week&from=2010-06-01&to=2010-12-31"}
math.randomseed(7)
request = function()
  local a, b = c[math.random(#c)], c[math.random(#c)]
  if a == b then b = "SYR" end
  local k = math.random(#f)
  -- a filtered table is short: its first page
  local page = k == 1 and math.random(5) or 1
  local path = "/dyad/" .. a .. "/" .. b .. "?page=" .. page .. f[k]
  return wrk.format("GET", path)
end
LUA

results="$dir/results.txt"
: >"$results"
run() { # run LABEL PATH [wrk options]
  local label=$1 path=$2; shift 2
  curl -s -o /dev/null "${URL%/}$path" || true  # warm: the first answer fills the cache
  wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --timeout 10s --latency "$@" "${URL%/}$path" >"$dir/wrk.txt" 2>&1
  python3 - "$dir/wrk.txt" "$label" >>"$results" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v)
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
p50 = ms(re.search(r"\s50%\s+(\S+)", t).group(1))
p99 = ms(re.search(r"\s99%\s+(\S+)", t).group(1))
reqs = int(re.search(r"(\d+) requests in", t).group(1))
non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", t)) else 0
sock = sum(map(int, m.groups())) if (m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)) else 0
print(f"{sys.argv[2]:<44} {rps:>9.0f} {p50:>9.2f} {p99:>9.2f} {reqs:>9} {non2xx:>7} {sock:>7}")
PY
  tail -1 "$results"
  kill -0 "$srv" 2>/dev/null || { echo "the server died"; exit 1; }
}

printf '%-44s %9s %9s %9s %9s %7s %7s\n' "run ($CONNS connections, ${SECS} s each)" "req/s" "p50 ms" "p99 ms" \
  "requests" "non-2xx" "sockerr" | tee "$dir/header.txt"
start
run "dyad page /dyad/USA/RUS" "/dyad/USA/RUS"
run "JSON /api/dyad/USA/RUS" "/api/dyad/USA/RUS"
run "JSON /api/trend/USA/RUS" "/api/trend/USA/RUS"
stop
start --cache-mb 0
run "dyad page /dyad/USA/RUS, no cache" "/dyad/USA/RUS"
run "browsing mix (30 dyads, pages, filters), no cache" "/" -s "$dir/mix.lua"
stop
echo
echo "== summary ($(nproc) CPUs, wrk on the same machine)"
cat "$dir/header.txt" "$results"
