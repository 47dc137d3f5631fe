# bound.sh: time bounds for the shell suites, sourced by tests/run.sh and
# tests/shell/*.sh so that no test can hang the suite.
#   bound_redline BUILD DIR   sets RL to a wrapper around BUILD/redline that
#                             runs every call under `timeout` (RL_TIMEOUT
#                             seconds, default 300; `serve` with RL_BACKGROUND=1
#                             gets RL_SERVE_TIMEOUT, default 900) and logs each
#                             expiry to DIR/timeouts
#   py ARGS...                python3 under a bound (PY_TIMEOUT, default 120 s)
#   timed_out                 prints the logged expiries (empty when none)
#   part NAME SECS CMD...     runs a sub-suite under a bound, printing NAME as
#                             it starts and streaming its output; its output is
#                             kept in $PART_OUT, its exit status in $PART_RC
#                             (124 when it ran out of time)
bound_redline() {
    local bin dir=$2
    bin=$(cd "$(dirname "$1/redline")" && pwd)/redline
    : >"$dir/timeouts"
    cat >"$dir/redline" <<SH
#!/bin/sh
# redline under a time bound (tests/lib/bound.sh)
if [ "\$1" = serve ] && [ -n "\${RL_BACKGROUND:-}" ]; then
    # a server in the background: exec, so that a signal to this pid reaches
    # timeout, which hands it to the server
    exec timeout -k 5 "\${RL_SERVE_TIMEOUT:-900}" "$bin" "\$@"
fi
timeout -k 5 "\${RL_TIMEOUT:-300}" "$bin" "\$@"
rc=\$?
if [ \$rc = 124 ] || [ \$rc = 137 ]; then
    echo "redline \$* ran out of time (\${RL_TIMEOUT:-300} s)" >>"$dir/timeouts"
    echo "redline: ran out of time (\${RL_TIMEOUT:-300} s): redline \$*" >&2
fi
exit \$rc
SH
    chmod +x "$dir/redline"
    RL="$dir/redline"
}
py() {
    timeout -k 5 "${PY_TIMEOUT:-120}" python3 "$@"
}
timed_out() {
    [ -s "$1/timeouts" ] && cat "$1/timeouts"
    return 0
}
part() {
    local name=$1 secs=$2
    shift 2
    echo "== $name"
    PART_OUT=$(mktemp)
    # to a file, followed by tail: a pipe could be held open by a stray child
    timeout -k 10 "$secs" "$@" >"$PART_OUT" 2>&1 &
    local pid=$!
    tail -n +1 -s 0.2 -f --pid="$pid" "$PART_OUT"
    wait "$pid"
    PART_RC=$?
    if [ "$PART_RC" = 124 ] || [ "$PART_RC" = 137 ]; then
        echo "FAIL: $name ran out of time ($secs s); its output is above"
    fi
}
