#!/usr/bin/env bash
# places.sh BUILD: event locations from the gazetteer (docs/gazetteer.md, "Event
# location"): a named place with its country, region and coordinates, a region,
# a country alone, no location; place names never become actors; the
# gazetteer's own check. Every run is bounded by timeout. Ends with
# "places: N passed, N failed".
set -u
BUILD=${1:-build}
cd "$(dirname "$0")/../.."
RL="$BUILD/redline"
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
# loc "sentence" python-condition-on-events "description"
loc() {
    local out
    out=$(printf '%s\n' "$1" | timeout 60 "$RL" code -q --date 2024-03-04 2>/dev/null)
    if [ $? -ne 0 ]; then bad "$3: redline failed: $out"; return; fi
    if python3 -c '
import json, sys
ev = [json.loads(l) for l in sys.argv[1].splitlines() if l.strip()]
sys.exit(0 if (lambda ev: '"$2"')(ev) else 1)' "$out"; then ok; else bad "$3: $out"; fi
}

loc "Russian forces shelled Kharkiv on Monday." \
    'ev and ev[0]["location"]["name"] == "Kharkiv" and ev[0]["location"]["country"] == "UKR" and ev[0]["location"]["region"] == "Kharkiv Oblast" and abs(ev[0]["location"]["lat"] - 50.0) < 0.1 and abs(ev[0]["location"]["lon"] - 36.23) < 0.1 and ev[0]["location_precision"] == "place"' \
    "shelled Kharkiv: place, UKR, Kharkiv Oblast, coordinates"
loc "Russian troops attacked Ukrainian positions near Bakhmut." \
    'ev and ev[0]["location"]["name"] == "Bakhmut" and ev[0]["location"]["region"] == "Donetsk Oblast" and ev[0]["location_precision"] == "place"' \
    "near Bakhmut"
loc "Israeli aircraft struck a house in Khan Younis." \
    'ev and ev[0]["location"]["name"] == "Khan Younis" and ev[0]["location"]["country"] == "PSE" and ev[0]["location_precision"] == "place"' \
    "in Khan Younis"
loc "Russian forces attacked villages in the Sumy region." \
    'ev and ev[0]["location"]["country"] == "UKR" and ev[0]["location_precision"] == "region" and "Sumy" in ev[0]["location"]["name"]' \
    "in the Sumy region: region precision"
loc "Russian forces launched drones at targets in Ukraine." \
    'ev and ev[0]["location"]["country"] == "UKR" and ev[0]["location"]["lat"] is None and ev[0]["location_precision"] == "country"' \
    "in Ukraine: country precision"
loc "Russia attacked Ukraine." \
    'ev and ev[0]["location"]["country"] == "UKR" and ev[0]["location_precision"] == "country"' \
    "force with no place named: the target's country"
loc "France criticized Russia." \
    'ev and ev[0]["location"] is None and ev[0]["location_precision"] == "unknown"' \
    "a statement between two countries: unknown"
loc "Russian forces shelled a hospital in Kupiansk." \
    'ev and all("Kupiansk" not in e["source_text"] + e["target_text"] for e in ev) and ev[0]["target"] == "UKRHLH" and ev[0]["location"]["name"] == "Kupiansk"' \
    "a gazetteer town is a location, never an actor"
loc "Sudanese paramilitaries attacked civilians in El Fasher." \
    'ev and ev[0]["location"]["name"] == "El Fasher" and ev[0]["location"]["country"] == "SDN"' \
    "El Fasher"

loc "Israeli tanks shelled Gaza City." \
    'ev and ev[0]["location"]["name"] == "Gaza City" and ev[0]["location"]["region"] == "Gaza Strip"' \
    "the longest name: Gaza City, not Gaza"
loc "Russian forces shelled villages on the outskirts of Kherson." \
    'ev and ev[0]["location"]["name"] == "Kherson" and ev[0]["location_precision"] == "place"' \
    "on the outskirts of Kherson"
loc "Jihadists attacked soldiers in Niger." \
    'ev and ev[0]["location"]["country"] == "NER" and ev[0]["location_precision"] == "country"' \
    "a country's name beats a region's short form (Niger, not Niger State)"
loc "The U.N. Security Council imposed sanctions on North Korea." \
    'all(e["location"] is None or e["location"]["country"] == "PRK" for e in ev)' \
    "no short form cut from a longer actor name (North Korea)"
loc "Putin criticized Kyiv." \
    'ev and ev[0]["location_precision"] == "unknown"' \
    "a capital as government metonym is no location"

# TSV carries the same location in its last columns
out=$(printf 'Russian forces shelled Kharkiv on Monday.\n' | timeout 60 "$RL" code -q -o tsv --date 2024-03-04 2>/dev/null)
row=$(printf '%s\n' "$out" | grep -v "^#" | sed -n 2p)
[ "$(printf '%s' "$row" | awk -F'\t' '{print $(NF-5) "|" $(NF-4) "|" $(NF-3) "|" $NF}')" = "Kharkiv|UKR|Kharkiv Oblast|place" ] && ok || bad "TSV location columns: $row"

# the gazetteer's check: clean on our files, an error with file:line on a bad one
out=$(timeout 60 "$RL" dict check 2>&1)
if [ $? -eq 0 ] && n=$(printf '%s' "$out" | grep -Eo '[0-9]+ places' | grep -Eo '[0-9]+') && [ "$n" -ge 5000 ]; then ok; else bad "dict check: gazetteer clean, at least 5000 places: $out"; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r dict "$tmp/dict"
printf 'Atlantis\tUKR\t-\t95.0\t10.0\tcity\n' >"$tmp/dict/places/zz-bad.txt"
out=$(timeout 60 "$RL" dict check "$tmp/dict" 2>&1)
if [ $? -ne 0 ] && printf '%s' "$out" | grep -q 'zz-bad.txt:1: error: latitude'; then ok; else bad "dict check flags a bad latitude: $out"; fi

echo "places: $pass passed, $fail failed"
[ "$fail" = 0 ]
