#!/usr/bin/env bash
# long-functions.sh [MAX]: lists C functions longer than MAX lines (default 150)
# in src/, cli/, tests/ and bench/, as "lines file:line name". A function starts
# at a line that opens with a name and "(" at column 0 and ends at the next "}"
# at column 0, the layout every file of redline follows. Exit 1 if any is found.
max=${1:-150}
cd "$(dirname "$0")/.." || exit 2
found=$(find src cli tests bench -name '*.c' | sort | xargs awk -v max="$max" '
  FNR == 1 { name = "" }
  /^[A-Za-z_][A-Za-z0-9_ \*]*\(/ && !/;[ \t]*$/ { if (name == "") { name = $0; start = FNR } }
  /^}/ { if (name != "") { n = FNR - start + 1; if (n > max) { sub(/\(.*/, "", name); k = split(name, w, /[ *]+/); printf "%d %s:%d %s\n", n, FILENAME, start, w[k] } name = "" } }
' | sort -rn)
[ -z "$found" ] && exit 0
printf '%s\n' "$found"
exit 1
