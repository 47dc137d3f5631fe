#!/usr/bin/env bash
# all.sh: the whole suite, on the normal build and under ASan+UBSan (build/san),
# streaming each pass's output as it runs (each part prints its name as it
# starts) and closing with one total line "N passed, N failed, N skipped" for CI.
# Each pass runs under a time bound (ALL_TIMEOUT seconds, default 3600).
set -u
cd "$(dirname "$0")/.."
# shellcheck source=tests/lib/bound.sh
. tests/lib/bound.sh
p=0 f=0 s=0 rc=0
for b in build build/san; do
  part "tests/run.sh $b" "${ALL_TIMEOUT:-3600}" tests/run.sh "$b"
  [ "$PART_RC" = 0 ] || rc=1
  line=$(tail -1 "$PART_OUT")
  rm -f "$PART_OUT"
  n=$(grep -Eo '[0-9]+ passed' <<<"$line" | grep -Eo '[0-9]+'); p=$((p + ${n:-0}))
  n=$(grep -Eo '[0-9]+ failed' <<<"$line" | grep -Eo '[0-9]+'); f=$((f + ${n:-1}))
  n=$(grep -Eo '[0-9]+ skipped' <<<"$line" | grep -Eo '[0-9]+'); s=$((s + ${n:-0}))
done
echo "total: $p passed, $f failed, $s skipped"
[ "$rc" = 0 ] && [ "$f" = 0 ]
