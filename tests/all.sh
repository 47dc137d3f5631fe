#!/usr/bin/env bash
# all.sh: the whole suite, on the normal build and under ASan+UBSan (build/san),
# closing with one total line "N passed, N failed, N skipped" for CI.
set -u
cd "$(dirname "$0")/.."
p=0 f=0 s=0 rc=0
for b in build build/san; do
  out=$(tests/run.sh "$b" 2>&1) || rc=1
  printf '%s\n' "$out"
  line=$(printf '%s\n' "$out" | tail -1)
  n=$(grep -Eo '[0-9]+ passed' <<<"$line" | grep -Eo '[0-9]+'); p=$((p + ${n:-0}))
  n=$(grep -Eo '[0-9]+ failed' <<<"$line" | grep -Eo '[0-9]+'); f=$((f + ${n:-1}))
  n=$(grep -Eo '[0-9]+ skipped' <<<"$line" | grep -Eo '[0-9]+'); s=$((s + ${n:-0}))
done
echo "total: $p passed, $f failed, $s skipped"
[ "$rc" = 0 ] && [ "$f" = 0 ]
