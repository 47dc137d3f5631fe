#!/usr/bin/env bash
# run.sh BUILD: the whole test suite against the binaries in BUILD (build or
# build/san). Unit tests, coder mechanics cases, command-line behaviour on bad
# input, the seed article (skipped when ../shared is absent), a scale-out run
# under GNU parallel, and the development-set floor. Ends with "N passed, N failed".
set -u
BUILD=${1:-build}
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
SHARED="$here/../shared"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# shellcheck source=tests/lib/bound.sh
. tests/lib/bound.sh
# every redline call runs under a time bound; expiries are failures (below)
bound_redline "$BUILD" "$tmp"
pass=0
fail=0
skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
check() { # check "description" command...
    local d=$1; shift
    if "$@" >/dev/null 2>&1; then ok; else bad "$d"; fi
}
counts() { # adds "N passed, N failed" from a line of output; a third argument
    # "streamed" when the output was already shown
    local line
    line=$(grep -Eo '[0-9]+ passed, [0-9]+ failed' <<<"$1" | tail -1)
    if [ -z "$line" ]; then bad "$2: no result line"; return; fi
    local p f
    p=${line%% passed*}
    f=${line#*, }
    f=${f%% failed*}
    pass=$((pass + p))
    fail=$((fail + f))
    [ "$f" = 0 ] || [ "${3:-}" = streamed ] || echo "$1" | grep -E '^(FAIL|  )' | head -60
}
# runs a sub-suite that ends with "N passed, N failed" under a time bound,
# streaming its output; running out of time is one more failure
suite() { # suite NAME SECONDS COMMAND...
    part "$@"
    [ "$PART_RC" = 124 ] || [ "$PART_RC" = 137 ] && bad "$1 ran out of time ($2 s)"
    counts "$(cat "$PART_OUT")" "$1" streamed
    rm -f "$PART_OUT"
}

suite "unit tests ($BUILD)" 600 "$BUILD/unit"
# the coder's libraries alone (no SQLite, libxml2, libmicrohttpd) code a sentence
if [ -x "$BUILD/coder-only" ]; then
  check "coder-only program codes an attack" timeout 120 "$BUILD/coder-only" dict 2022-02-24 19 "Russian forces shelled Kharkiv on Thursday."
  if command -v ldd >/dev/null && ldd "$BUILD/coder-only" | grep -q 'sqlite\|microhttpd\|xml2'; then bad "coder-only links the store or the web"; else ok; fi
else
  bad "$BUILD/coder-only was not built"
fi

suite "coder mechanics (tests/cases)" 600 "$RL" eval --strict tests/cases/*.test
printf 'id: no-event-line\ndate: 2024-01-01\ntext: Russia attacked Ukraine.\n' >"$tmp/noev.test"
if timeout 60 "$RL" eval --strict "$tmp/noev.test" >"$tmp/noev.out" 2>&1; then
  bad "eval --strict passes a case block with no event: line (it would assert nothing)"
else
  grep -q "noev.test:1: error" "$tmp/noev.out" && ok || bad "a case block with no event: line is named: $(cat "$tmp/noev.out")"
fi

echo "== claims: an act reported by one side carries claimed_by"
printf '%s\n' "India launched missile strikes on Pakistan, and Pakistan said it shot down five Indian jets." \
  "Russian forces shelled Kharkiv on Monday, the Ukrainian military said." \
  "The United Nations said Russian forces shelled Kharkiv on Monday." \
  "Kenyan police said protesters attacked officers in Nairobi." > "$tmp/claims.txt"
claims=$("$RL" code -q --date 2022-03-01 -o tsv "$tmp/claims.txt" 2>/dev/null | awk -F'\t' '!/^#/ && $1 != "story_id" {print $2 ":" $5 ">" $6 "=" $19}' | tr '\n' ' ')
[ "$claims" = "0:IND>PAK= 0:PAK>INDMIL=PAK 1:RUSMIL>UKR=UKRMIL 2:RUSMIL>UKR= 3:KENOPP>KEN= " ] && ok || bad "claimed_by: got '$claims'"

echo "== explain shows the structure it read"
ex=$("$RL" explain --date 2022-01-21 'Lavrov, who met Blinken last week, on Thursday accused NATO. "Our forces struck the base," Ukraine'"'"'s military said.' 2>&1)
grep -q '^clause 0: Lavrov , \.\.\. on Thursday accused NATO' <<<"$ex" && ok || bad "explain: the embedded clause is not shown: $ex"
grep -q '^quote: "Our forces struck the base," spoken by Ukraine' <<<"$ex" && ok || bad "explain: the quote's speaker is not shown"

echo "== command line"
check "redline --help" "$RL" --help
for c in code explain eval dict; do check "$c --help" "$RL" $c --help; done
"$RL" frobnicate >/dev/null 2>&1; [ $? = 2 ] && ok || bad "unknown command exits 2"
"$RL" code --date 2022-13-45 x >/dev/null 2>"$tmp/err"; [ $? = 2 ] && grep -q "bad date" "$tmp/err" && ok || bad "bad --date is a usage error"
check "dictionaries load without errors" "$RL" dict check

# bad JSONL records: reported with file:line, the rest still coded, exit 0
{
  echo '{"id":"a","date":"2022-02-24","text":"Russian forces attacked Ukraine on Thursday."}'
  echo '{"id":"b","date":"2022-02-24","text":"Russian forces att'
  echo '{"id":"c","date":"2022-02-24"}'
  echo '[1,2,3]'
  printf '{"id":"d","date":"2022-02-24","text":"Invalid \xff\xfe bytes: Russian forces attacked Ukraine."}\n'
  echo '{"id":"e","date":"not a date","text":"NATO condemned Russia."}'
  echo '{"date":"2022-02-24","text":"NATO condemned Russia."}'
  echo '{"id":"f","date":"2022-02-24","text":"Russian forces attacked Ukraine."}'
  echo '{"id":"q\"\\\u0001","date":"2022-02-24","text":"NATO said \"no\" \\ and\ttab. NATO condemned Russia.\u0007"}'
  echo '{"id":"g","date":"2022-02-24","text":"NATO condemned Russia.","id":"h"}'
  echo '{"id":"i","date":"2022-02-24","text":"NATO condemned\u0000 Russia."}'
  echo '{"id":"j","date":"2022-02-24","text":"a \\u0000 is text here. NATO condemned Russia."}'
  echo '{"id":17,"date":"2022-02-24","text":"NATO condemned Russia."}'
} >"$tmp/bad.jsonl"
"$RL" code -q "$tmp/bad.jsonl" >"$tmp/out.jsonl" 2>"$tmp/err"
rc=$?
[ $rc = 0 ] && ok || bad "bad records do not fail the run (exit $rc)"
grep -q "bad.jsonl:2: error: invalid JSON" "$tmp/err" && grep -q "truncated" "$tmp/err" && ok || bad "truncated record named with file:line"
grep -q 'bad.jsonl:3: error: record has no "text"' "$tmp/err" && ok || bad "missing text named"
grep -q "bad.jsonl:4: error: record is not a JSON object" "$tmp/err" && ok || bad "non-object named"
grep -q "bad.jsonl:5: warning: story .d.: 2 invalid UTF-8" "$tmp/err" && ok || bad "invalid UTF-8 reported"
grep -q "bad.jsonl:6: warning: story 'e': bad date" "$tmp/err" && ok || bad "bad date reported"
grep -q 'bad.jsonl:7: warning: record has no "id"' "$tmp/err" && ok || bad "missing id reported"
grep -q '"story_id":"q\\"\\\\\\u0001"' "$tmp/out.jsonl" && ok || bad "quotes, backslashes and control characters escaped in output"
grep -q 'bad.jsonl:10: error: invalid JSON record skipped (duplicate key "id")' "$tmp/err" && ! grep -q '"story_id":"[gh]"' "$tmp/out.jsonl" && ok || bad "a record with a duplicate key is skipped and named"
grep -q 'bad.jsonl:11: error: invalid JSON record skipped (NUL character' "$tmp/err" && ! grep -q '"story_id":"i"' "$tmp/out.jsonl" && ok || bad "a NUL inside a string skips the record (it would cut the text)"
grep -q '"story_id":"j"' "$tmp/out.jsonl" && grep -q '"story_id":"17"' "$tmp/out.jsonl" && ok || bad "an escaped backslash before u0000 is text; an integer id is kept"
for id in a d f; do
  grep -q "\"story_id\":\"$id\"" "$tmp/out.jsonl" && ok || bad "story $id still coded after bad records"
done
py - "$tmp/out.jsonl" <<'PY' && ok || bad "output lines are valid JSON with the required fields"
import json, sys
need = {"story_id","sentence","source","target","cameo","root","quad_class","goldstein","plover","date","modality","evidence","text"}
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    o = json.loads(line); n += 1
    assert need <= set(o), set(o)
    assert o["quad_class"] in (1,2,3,4) and o["cameo"].startswith(o["root"])
assert n >= 3
PY

# a 10 MB line and a 10 MB text story: coded, bounded sentences, no crash
py -c "
import json
t = 'Russian forces attacked Ukraine and ' * 300000
print(json.dumps({'id':'huge','date':'2022-02-24','text':t}))
print(json.dumps({'id':'after','date':'2022-02-24','text':'NATO condemned Russia.'}))" >"$tmp/huge.jsonl"
"$RL" code -q "$tmp/huge.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 0 ] && grep -q '"story_id":"after"' "$tmp/out" && ok || bad "10 MB line coded and the next story too (exit $rc)"
grep -q "over-long sentence" "$tmp/err" && ok || bad "over-long sentence reported"

# empty and binary files
: >"$tmp/empty.txt"
"$RL" code -q --date 2022-01-01 "$tmp/empty.txt" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 0 ] && grep -q "empty.txt: warning: empty story" "$tmp/err" && ok || bad "empty file: warning, exit 0 (got $rc)"
head -c 4096 /dev/urandom >"$tmp/blob.bin"; printf '\0\0' >>"$tmp/blob.bin"
echo "NATO condemned Russia." >"$tmp/good.txt"
"$RL" code -q --date 2022-01-01 "$tmp/blob.bin" "$tmp/good.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 1 ] && grep -q "blob.bin: error: binary data" "$tmp/err" && ok || bad "binary file: error, exit 1 (got $rc)"
grep -q '"story_id":"good.txt"' "$tmp/out" && ok || bad "file after a binary file still coded"
"$RL" code -q "$tmp/missing.txt" >/dev/null 2>"$tmp/err"; [ $? = 1 ] && grep -q "cannot open" "$tmp/err" && ok || bad "missing file: exit 1"
echo "NATO condemned Russia on Tuesday." >"$tmp/nodate.txt"
"$RL" code -q "$tmp/nodate.txt" >"$tmp/out" 2>"$tmp/err"
grep -q "no story date" "$tmp/err" && grep -q '"date":null' "$tmp/out" && ok || bad "text without date: warning and null event date"
printf 'MOSCOW, December 31, 2021 (Wire) - NATO condemned Russia.\n' >"$tmp/dateline.txt"
"$RL" code -q "$tmp/dateline.txt" | grep -q '"story_date":"2021-12-31"' && ok || bad "dateline gives the story date"

# lost output: a full disk (/dev/full) or a closed stdout is an error, exit 1,
# never "out of memory"; a directory as input says so
for i in $(seq 1 40); do cat examples/stories.jsonl; done >"$tmp/big.jsonl"
for f in examples/stories.jsonl "$tmp/big.jsonl"; do
  "$RL" code -q "$f" >/dev/full 2>"$tmp/err"; rc=$?
  [ $rc = 1 ] && grep -q "cannot write standard output: No space left on device" "$tmp/err" && ! grep -q "out of memory" "$tmp/err" && ok || bad "code $f >/dev/full: exit 1 and says why (exit $rc): $(head -3 "$tmp/err")"
done
"$RL" code -q examples/stories.jsonl >&- 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "standard output is closed" "$tmp/err" && ok || bad "code with stdout closed: exit 1 (got $rc)"
"$RL" explain --date 2022-02-24 "NATO condemned Russia." >/dev/full 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "cannot write standard output" "$tmp/err" && ok || bad "explain >/dev/full: exit 1 (got $rc)"
"$RL" explain --date 2022-02-24 "NATO condemned Russia." >&- 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "standard output is closed" "$tmp/err" && ok || bad "explain with stdout closed: exit 1 (got $rc)"
# a directory as input is a folder of stories (its files, not its subfolders), never a "read error"
mkdir -p "$tmp/adir/sub"
echo '{"id":"d1","date":"2022-02-24","text":"Russian forces attacked Ukraine."}' >"$tmp/adir/a.jsonl"
"$RL" code -q "$tmp/adir" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && grep -q '"story_id":"d1"' "$tmp/out" && ! grep -q "read error" "$tmp/err" && ok || bad "a directory as input: its files are read, exit 0 (got $rc): $(cat "$tmp/err")"

# strict dates: trailing garbage, days that do not exist, years 0 and past 9999
for d in 2022-02-24garbage 2022-02-30 0000-01-01 10000-01-01 2022-2-24; do
  "$RL" code -q --date "$d" "$tmp/good.txt" >/dev/null 2>"$tmp/err"; rc=$?
  [ $rc = 2 ] && grep -q "bad date" "$tmp/err" && ok || bad "--date $d refused (exit $rc)"
  echo "{\"id\":\"s\",\"date\":\"$d\",\"text\":\"NATO condemned Russia.\"}" | "$RL" code -q 2>"$tmp/err" >"$tmp/out"
  grep -q "bad date '$d'" "$tmp/err" && grep -q '"story_date":null' "$tmp/out" && ok || bad "story date $d refused: $(cat "$tmp/err")"
done
printf 'MOSCOW, Feb. 30, 2022 (Wire) - NATO condemned Russia.\n' >"$tmp/feb30.txt"
"$RL" code -q "$tmp/feb30.txt" 2>/dev/null | grep -q '"story_date":null' && ok || bad "dateline 'Feb. 30, 2022' is no date (was 2022-02-28)"
echo '{"id":"y","date":"9999-12-31","text":"NATO condemned Russia on Friday. NATO will meet Russia tomorrow."}' | "$RL" code -q >"$tmp/out" 2>/dev/null
! grep -q '"date":""' "$tmp/out" && ! grep -q '"date":"0000' "$tmp/out" && grep -q '"story_id":"y"' "$tmp/out" && ok || bad "no event dated past 9999 or empty: $(grep -o '"date":[^,]*' "$tmp/out")"
# the dateline finder reads no byte past a file's last word (valgrind, when installed)
printf 'On February 24, 2022' >"$tmp/d.txt"
if command -v valgrind >/dev/null && [ -n "${BUILD##*san*}" ]; then
  timeout 300 valgrind -q --error-exitcode=99 "$BUILD/redline" code -q "$tmp/d.txt" >/dev/null 2>"$tmp/err"; rc=$?
  [ $rc = 0 ] && ok || bad "valgrind: the dateline finder reads uninitialized memory (exit $rc): $(head -5 "$tmp/err")"
else
  "$RL" code -q "$tmp/d.txt" >/dev/null 2>"$tmp/err"; rc=$?
  [ $rc = 0 ] && ! grep -q Sanitizer "$tmp/err" && ok || bad "a story ending in a date (exit $rc)"
fi

# stdin, TSV, PETRARCH XML
echo '{"id":"s","date":"2022-02-24","text":"NATO condemned Russia."}' | "$RL" code -q | grep -q '"cameo":"1' && ok || bad "JSONL on stdin"
echo '{"id":"s","date":"2022-02-24","text":"NATO condemned Russia."}' | "$RL" code -q -o tsv >"$tmp/out.tsv"
[ "$(sed -n 2p "$tmp/out.tsv" | cut -f1)" = story_id ] && [ "$(awk -F'\t' 'NR==3{print NF}' "$tmp/out.tsv")" = 29 ] && [ "$(awk -F'\t' 'NR==2{print $NF}' "$tmp/out.tsv")" = location_precision ] && ok || bad "TSV header and 29 columns, location_precision last"
[ "$(sed -n 2p "$tmp/out.tsv" | cut -f20,21)" = "$(printf 'source_name\ttarget_name')" ] && [ "$(awk -F'\t' 'NR==3{print $20 "|" $21}' "$tmp/out.tsv")" = "NATO|Russia" ] && ok || bad "TSV: actor names in columns 20 and 21"
echo '{"id":"s","date":"2022-02-24","text":"Russian officials condemned NATO."}' | "$RL" code -q | grep -q '"source":"RUSGOV","target":"IGOWSTNAT","source_name":"Russia: government","target_name":"NATO"' && ok || bad "JSON: source_name and target_name"
"$RL" explain --date 2022-02-24 "Russian forces attacked Ukraine." | grep -q "^    Russia: military -> Ukraine" && ok || bad "explain names the actors"
echo '{"id":"p","date":"2022-02-24","text":"Russian forces shelled Kharkiv. Biden phoned Macron."}' | "$RL" code -q >"$tmp/plover.jsonl"
grep -q '"cameo":"194","root":"19".*"plover":"ASSAULT","plover_mode":"heavy-weapons","plover_context":"military"' "$tmp/plover.jsonl" && grep -q '"cameo":"041".*"plover":"CONSULT","plover_mode":"phone"' "$tmp/plover.jsonl" && ok || bad "PLOVER type, mode and context from the CAMEO code"
printf '{"id":"c,1","date":"2022-02-24","text":"Russian forces attacked Ukraine, \\"the West\\" said."}\n' | "$RL" code -q -o csv >"$tmp/out.csv"
py - "$tmp/out.csv" <<'PY' && ok || bad "code -o csv: RFC 4180 with a header row, quoted fields, the TSV's columns"
import csv, sys
raw = open(sys.argv[1], newline="").read()
rows = list(csv.reader(open(sys.argv[1], newline="")))
assert raw.endswith("\r\n") and raw.split("\r\n", 1)[0].startswith("story_id,sentence,")
assert rows[0][:3] == ["story_id", "sentence", "date"] and len(rows[0]) == 29, rows[0]
assert rows[1][0] == "c,1" and rows[1][4] == "RUSMIL" and rows[1][15].endswith('"the West" said.'), rows[1]
assert rows[1][19] == "Russia: military" and all(len(r) == 29 for r in rows)
PY
# the coder's and the dictionaries' version: --version, the TSV's first line, explain
ver=$("$RL" --version 2>/dev/null)
[[ "$ver" =~ ^redline\ [0-9]+\.[0-9]+\.[0-9]+,\ dictionaries\ [0-9a-f]{16}$ ]] && ok || bad "redline --version prints the version (got '$ver')"
[ "$(head -1 "$tmp/out.tsv")" = "# $ver" ] && ok || bad "the TSV's first line records the coder's version: $(head -1 "$tmp/out.tsv")"
"$RL" explain --date 2022-02-24 "NATO condemned Russia." | head -1 | grep -qF "coder: $ver" && ok || bad "explain names the coder's version"
v2=$("$RL" code -q --dict tests/petrarch/mini.verbs.txt --dict tests/petrarch/mini.actors.txt -o tsv </dev/null 2>/dev/null | head -1)
[ -n "$v2" ] && [ "$v2" != "# $ver" ] && ok || bad "other dictionaries give another version ($v2)"
cat >"$tmp/petr.xml" <<'XML'
<Sentences>
<Sentence date="20220224" id="X_1" source="T"><Text>NATO condemned Russia.</Text></Sentence>
<Sentence id="X_2"><Text>No date here.</Text></Sentence>
<Sentence date="20220224" id="X_3"><Text>Russian forces attacked Ukraine.
XML
"$RL" code -q "$tmp/petr.xml" >"$tmp/out" 2>"$tmp/err"
grep -q '"story_id":"X_1"' "$tmp/out" && grep -q "X_2.*bad date" "$tmp/err" && ok || bad "PETRARCH XML read, bad record reported"
grep -q "malformed XML" "$tmp/err" && ok || bad "unclosed XML reported"

# explain says why
"$RL" explain --date 2022-02-24 "Russian forces attacked Ukraine on Thursday." >"$tmp/out"
grep -q "verb pattern" "$tmp/out" && grep -q "RUSMIL -> UKR" "$tmp/out" && ok || bad "explain shows the pattern and the event"
"$RL" explain --date 2022-02-24 "The weather was fine." | grep -q "no verb pattern matched" && ok || bad "explain says why no event"
# the README's explain example gives what the README says: 106, demand withdrawal
"$RL" explain --date 2021-12-31 "Biden demanded that Russia withdraw its troops." | grep -q "^USAGOV -> RUS  106 Demand withdrawal" && ok || bad "README explain example: USAGOV -> RUS 106"

echo "== seed article"
seed="$SHARED/data/articles/us-russia-talks-2021-12.txt"
if [ -f "$seed" ]; then
  "$RL" code -q --date 2021-12-31 -o tsv "$seed" >"$tmp/seed.tsv"
  want() { # want "description" awk-condition
    if awk -F'\t' "NR>1 && ($2) {f=1} END {exit !f}" "$tmp/seed.tsv"; then ok; else bad "seed: $1"; fi
  }
  want "Biden-Putin talks of December 7" '$3=="2021-12-07" && $5 ~ /^USA/ && $6 ~ /^RUS/ && $8=="04"'
  want "Biden-Putin meeting of December 30" '$3=="2021-12-30" && $5 ~ /^RUS/ && $6 ~ /^USA/ && $8=="04"'
  want "Geneva meeting scheduled for January 10" '$3=="2022-01-10" && $7=="036" && $12=="scheduled" && $5 ~ /^(USA|RUS)/ && $6 ~ /^(USA|RUS)/'
  want "NATO-Russia talks on January 12" '$3=="2022-01-12" && $7=="036" && ($5=="IGOWSTNAT" || $6=="IGOWSTNAT")'
  want "OSCE meeting on January 13" '$3=="2022-01-13" && $7=="036" && $12=="scheduled"'
  want "sanctions threat" '$7=="1312" && $12=="threatened" && $6 ~ /^RUS/'
  want "demand that Russia withdraw" '$8=="10" && $12=="demanded" && $5 ~ /^USA/ && $6 ~ /^RUS/'
  want "10,000 troops withdrawn" '$7=="0874" && $5 ~ /^RUS/ && $14=="10000 troops"'
  if awk -F'\t' 'NR>1 && ($16 ~ /Villa la Grange|special vehicle|Comments are closed|contribute/) {f=1} END {exit f}' "$tmp/seed.tsv"; then ok; else bad "seed: event from a caption or boilerplate"; fi
else
  echo "skip: $seed not found (../shared absent)"
  skip=$((skip + 1))
fi

echo "== PETRARCH dictionaries, XML and validation records (docs/petrarch.md)"
check "validate --help" "$RL" validate --help
"$RL" validate >/dev/null 2>&1; [ $? = 2 ] && ok || bad "validate without a file is a usage error"
"$RL" validate "$tmp/missing.xml" >/dev/null 2>&1; [ $? = 1 ] && ok || bad "validate on a missing file exits 1"
# our hand-made dictionaries and records (tests/petrarch): every record passes
out=$("$RL" validate tests/petrarch/mini.records.xml 2>&1)
counts "$out" "tests/petrarch/mini.records.xml"
"$RL" dict check tests/petrarch/mini.*.txt >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 0 ] && grep -q "mini.verbs.txt:16: warning: codes '+++'" "$tmp/err" && grep -q "mini.verbs.txt:44: warning: verb transformations" "$tmp/err" && ok || bad "dict check: approximations reported with file:line, exit 0 (got $rc)"
# malformed PETRARCH dictionaries: each bad line named, the rest read, exit 1, no crash
printf -- '--- RESTORE [064] ---\nRESTORE {RESTORED\nREINSTATE\n- * TIES\n- * &NOSUCHSET [064]\n- NO VERB HERE [064]\n- * DIPLOMATIC [064]\n' >"$tmp/bad.verbs.txt"
printf '[ORPHAN]\nSAM [HOB]\n\t[HOBGOV 19990101-19981231]\n\t[HOBMIL 2000XX01-20010101]\nGOLLUM\n' >"$tmp/bad.actors.txt"
printf 'OFFICIAL [GOV]\nPOLICE {} [~COP\nCONGRESS!NOSUCH! [~LEG]\nSOLDIER [~MIL]\n' >"$tmp/bad.agents.txt"
"$RL" dict check "$tmp/bad.verbs.txt" "$tmp/bad.actors.txt" "$tmp/bad.agents.txt" >"$tmp/out" 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && ok || bad "dict check on malformed PETRARCH files exits 1 (got $rc)"
for want in "bad.verbs.txt:2: error: unclosed '{'" "bad.verbs.txt:4: error: pattern without a code" \
            "bad.verbs.txt:5: error: undefined synonym set" "bad.verbs.txt:6: error: a pattern needs one verb position" \
            "bad.actors.txt:1: error: code line outside an actor entry" "bad.actors.txt:3: error: bad date restriction" \
            "bad.actors.txt:4: error: bad date restriction" "bad.actors.txt:5: error: actor 'GOLLUM' has no code" \
            "bad.agents.txt:1: error: agent code 'GOV' needs a '~'" "bad.agents.txt:3: error: undefined substitution marker"; do
  grep -qF "$want" "$tmp/err" && ok || bad "dict check names: $want"
done
grep -q "verbs: 1 entries.* -> 2 redline patterns" "$tmp/out" && grep -q "agents: 2 entries" "$tmp/out" && ok || bad "good lines of malformed PETRARCH files still read"
"$RL" explain --dict "$tmp/bad.verbs.txt" --date 2000-01-01 "Russia reinstated diplomatic ties with Ukraine." >"$tmp/out" 2>/dev/null
grep -q "bad.verbs.txt:7" "$tmp/out" && ok || bad "explain names the PETRARCH file and line of a pattern"
"$RL" code -q -o phoenix --dict tests/petrarch/mini.verbs.txt --dict tests/petrarch/mini.actors.txt \
    tests/petrarch/mini.records.xml >"$tmp/out.phx" 2>/dev/null
[ -s "$tmp/out.phx" ] && awk -F'\t' 'NF != 26 {exit 1}' "$tmp/out.phx" && ok || bad "-o phoenix: 26 columns"
# an entry of 40,001 words (once past a 16-bit count: heap corruption): refused with file:line, exit 1, no crash
py -c "open('$tmp/l.actors.txt','w').write('A_'*40000+'B [RUS]\n')"
"$RL" dict check "$tmp/l.actors.txt" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "l.actors.txt:1: error: pattern too long" "$tmp/err" && ! grep -q Sanitizer "$tmp/err" && ok || bad "an actor of 40,001 words is refused (exit $rc): $(head -c 300 "$tmp/err")"
# a saved web page: libxml2's HTML parser, the article's text, no boilerplate
"$RL" code -q tests/html/page.html >"$tmp/page.jsonl" 2>"$tmp/page.err"
py - "$tmp/page.jsonl" <<'PY' && ok || bad "HTML page: the article's events, its date and publisher, none from the boilerplate"
import json, sys
ev = [json.loads(l) for l in open(sys.argv[1])]
codes = {c[:3] for e in ev for c in (e["source"], e["target"])}
assert any(e["source"] == "RUSMIL" and e["target"] == "UKR" for e in ev), ev
assert not codes & {"IRN", "ISR", "CHN", "JPN", "PAK", "IND", "EGY", "QAT", "BRA", "ARG", "DEU", "FRA", "TUR", "GRC"}, codes
assert all(e["story_date"] == "2022-03-01" and e["publisher"] == "Example News" and e["url"] == "https://news.example/kharkiv" for e in ev)
assert any("Izium & Kupiansk" in e["text"] for e in ev)
PY
mkdir -p "$tmp/pages" && cp tests/html/page.html "$tmp/pages/a.html" && cp tests/html/page.html "$tmp/pages/b.htm"
[ "$("$RL" code -q "$tmp/pages" | py -c "import json,sys; print(len({json.loads(l)['story_id'] for l in sys.stdin}))")" = 2 ] && ok || bad "a folder of saved pages: each page a story"
[ "$(cat tests/html/page.html | "$RL" code -q | grep -c RUSMIL)" -ge 2 ] && ok || bad "an HTML page on stdin is sniffed as HTML"
echo '{"id":"n","date":"2022-02-24","text":"Russia did not attack Poland. If Russia attacked Estonia, NATO would respond. Russian forces attacked Ukraine."}' >"$tmp/neg.jsonl"
"$RL" code -q "$tmp/neg.jsonl" | grep -c '"modality":"\(negated\|hypothetical\)"' >"$tmp/n.neg"
"$RL" code -o phoenix "$tmp/neg.jsonl" >"$tmp/neg.phx" 2>"$tmp/neg.err"
[ "$(cat "$tmp/n.neg")" -ge 1 ] && ! cut -f10 "$tmp/neg.phx" | grep -q "POL\|EST" && cut -f10 "$tmp/neg.phx" | grep -q "^UKR$" \
    && grep -q "left out of the Phoenix rows" "$tmp/neg.err" && ok || bad "-o phoenix: no row for a negated or hypothetical event, the count on stderr"
# the community's validation suite and the Phoenix production dictionaries
petr="$SHARED/data/petrarch2"
if [ -f "$petr/PETR.UnitTest.records.xml" ]; then
  pfloor=$(cat tests/petrarch-floor.txt 2>/dev/null || echo 0)
  rate=$("$RL" validate -q "$petr/PETR.UnitTest.records.xml" 2>/dev/null | awk '/^pass rate/ {print $3}')
  if [ -n "$rate" ] && awk "BEGIN{exit !($rate >= $pfloor)}"; then ok; else bad "PETRARCH validation pass rate $rate below recorded floor $pfloor"; fi
  phx=""
  for f in CAMEO.2.0.txt Phoenix.Countries.actors.txt Phoenix.International.actors.txt \
           Phoenix.MilNonState.actors.txt Phoenix.agents.txt Phoenix.discards.txt; do phx="$phx --dict $petr/$f"; done
  # shellcheck disable=SC2086
  "$RL" code $phx -o phoenix "$petr/GigaWord.sample.PETR.xml" >"$tmp/gw.tsv" 2>"$tmp/err"; rc=$?
  [ $rc = 0 ] && [ "$(wc -l <"$tmp/gw.tsv")" -ge 40 ] && grep -q "GigaWord.sample.PETR.xml:630: error: record 'TEST_1' has no <Text>" "$tmp/err" && ok || bad "Phoenix dictionaries code the GigaWord sample (exit $rc)"
else
  echo "skip: $petr not found (../shared absent)"
  skip=$((skip + 1))
fi

echo "== fuzzer finds (tests/fuzz/regress) replayed"
for f in tests/fuzz/regress/*; do
  [ -f "$f" ] || continue
  case $(basename "$f") in
    petrdict-*) "$RL" dict check "$f" >/dev/null 2>"$tmp/err" ;;
    petrxml-*) "$RL" code -q -f xml "$f" >/dev/null 2>"$tmp/err" && "$RL" validate -q "$f" >/dev/null 2>>"$tmp/err" ;;
    *) "$RL" code -q --date 2022-01-01 "$f" >/dev/null 2>"$tmp/err" ;;
  esac
  rc=$?
  if [ $rc -lt 128 ] && ! grep -q "Sanitizer\|runtime error" "$tmp/err"; then ok; else bad "fuzz regression $f (exit $rc)"; fi
done

echo "== scale-out under GNU parallel"
if command -v parallel >/dev/null; then
  for i in $(seq 1 40); do cat examples/stories.jsonl; done | awk '{sub(/"id": "/, "\"id\": \"" NR "-"); print}' >"$tmp/many.jsonl"
  "$RL" code -q "$tmp/many.jsonl" | sort >"$tmp/single"
  parallel --pipe -j4 -N 25 --keep-order "$RL" code -q <"$tmp/many.jsonl" | sort >"$tmp/par"
  [ -s "$tmp/single" ] && cmp -s "$tmp/single" "$tmp/par" && ok || bad "parallel --pipe -j4 output equals single-process output"
else
  echo "skip: GNU parallel not installed"
  skip=$((skip + 1))
fi

echo "== memory stays flat on a long stream"
peak_kb() { # peak RSS in kB of `redline code` reading $1 on stdin
  py -c 'import resource, subprocess, sys
subprocess.run([sys.argv[1], "code", "-q"], stdin=open(sys.argv[2]), stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$RL" "$1"
}
for i in $(seq 1 50); do cat examples/stories.jsonl; done >"$tmp/short.jsonl"
for i in $(seq 1 50); do cat "$tmp/short.jsonl"; done >"$tmp/long.jsonl"
if [ -n "${BUILD##*san*}" ]; then
  short=$(peak_kb "$tmp/short.jsonl"); long=$(peak_kb "$tmp/long.jsonl")
  if [ -n "$short" ] && [ -n "$long" ] && [ "$long" -le $((short * 5 / 4 + 2048)) ]; then ok
  else bad "peak memory grows with the stream: $short kB for 300 stories, $long kB for 15,000"; fi
else
  echo "skip: peak memory is not meaningful under AddressSanitizer (its quarantine holds freed memory)"
  skip=$((skip + 1))
fi

echo "== real-news gold (tests/realnews): shape, offsets, floor"
if [ -f "$SHARED/data/news/voa.jsonl" ]; then
  out=$("$RL" eval --stories "$SHARED/data/news/voa.jsonl" tests/realnews/dev-*.jsonl tests/realnews/heldout-*.jsonl 2>"$tmp/rn.err")
  [ $? = 0 ] && ok || bad "real-news eval exits non-zero"
  [ -s "$tmp/rn.err" ] && bad "real-news gold has bad lines: $(head -3 "$tmp/rn.err")" || ok
  read -r ns nsent <<<"$(awk '/^stories/ {gsub(",", ""); print $2, $4}' <<<"$out")"
  [ "${ns:-0}" -ge 30 ] && [ "${nsent:-0}" -ge 900 ] && ok || bad "real-news gold: ${ns:-0} stories, ${nsent:-0} sentences (want >= 30, >= 900)"
  rfloor=$(cat tests/realnews/floor.txt)
  rf1=$("$RL" eval tests/realnews/dev-*.jsonl 2>/dev/null | awk '/^root/ {for (i=1;i<=NF;i++) if ($i=="F1") print $(i+1)}')
  if [ -n "$rf1" ] && awk "BEGIN{exit !($rf1 >= $rfloor)}"; then ok; else bad "real-news dev root F1 $rf1 below recorded floor $rfloor"; fi
  if command -v python3 >/dev/null; then
    out=$(timeout 60 python3 tools/agreement.py 2>&1); grep -q '^overall root: F1' <<<"$out" && ok || bad "tools/agreement.py: $out"
  fi
else
  echo "skipped: $SHARED/data/news/voa.jsonl is absent (real-news gold needs the VOA stories)"
  skip=$((skip + 4))
fi

echo "== development set floor"
floor=$(cat tests/gold/dev/floor.txt 2>/dev/null || echo 0)
f1=$("$RL" eval tests/gold/dev/*.test 2>/dev/null | awk '/^root/ {for (i=1;i<=NF;i++) if ($i=="F1") print $(i+1)}')
if [ -n "$f1" ] && awk "BEGIN{exit !($f1 >= $floor)}"; then ok; else bad "dev-set root F1 $f1 below recorded floor $floor"; fi

suite "event store and dyad monitor (tests/shell/store.sh)" 1200 tests/shell/store.sh "$BUILD"
suite "event locations (tests/shell/places.sh)" 300 tests/shell/places.sh "$BUILD"
suite "dyad monitor rules and alerts (tests/shell/monitor.sh)" 1200 tests/shell/monitor.sh "$BUILD"
suite "web dashboard (tests/shell/serve.sh)" 1200 tests/shell/serve.sh "$BUILD"
while IFS= read -r line; do bad "$line"; done < <(timed_out "$tmp")
echo "$BUILD: $pass passed, $fail failed, $skip skipped"
[ "$fail" = 0 ]
