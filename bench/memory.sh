#!/usr/bin/env bash
# Memory bound of a standalone node: process memory against maxmemory.
#
#   bench/memory.sh           full run (about 2 minutes)
#   bench/memory.sh --quick   smaller run (about 1 minute)
#
# Starts nodes through bin/disque-server (so the launcher's JVM sizing is
# what gets measured) on free 127.0.0.1 ports, and for each maxmemory reads
# the process's resident memory (VmRSS) and its peak (VmHWM) from /proc:
# idle after start; after a fill of 1 000 000 jobs (64-byte bodies) and after
# draining them again (GETJOB + ACKJOB) and idling; when a lone node refuses
# new jobs (-NOREPL above 75% of maxmemory); and at the 100% refusal point
# (-OOM), reached by clients holding unfinished 4 MB requests. Prints a
# Markdown table with the documented bound, 3 x maxmemory + 200 MB, checked
# against every peak. Every server it starts is stopped by PID, also on
# error or Ctrl-C. DISQUE_JAVA_OPTS is passed on to the launcher.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
MODE=full
for arg in "$@"; do
    case "$arg" in
        --quick) MODE=quick ;;
        -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done
if [[ $MODE == full ]]; then
    FILL_JOBS=1000000; SIZES=("64mb" "512mb"); FILL_AT="512mb"; IDLE_AFTER_DRAIN=25
else
    FILL_JOBS=200000; SIZES=("64mb" "256mb"); FILL_AT="256mb"; IDLE_AFTER_DRAIN=25
fi
BOUND_A=3
BOUND_B_MB=200

WORK="$(mktemp -d "${TMPDIR:-/tmp}/disque-memory.XXXXXX")"
PID=""
PROBE_PID=""
cleanup() {
    [[ -n $PROBE_PID ]] && kill "$PROBE_PID" 2>/dev/null || true
    if [[ -n $PID ]] && kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
log() { printf '%s\n' "$*" >&2; }

# shellcheck source=bench/free-port.sh
. "$ROOT/bench/free-port.sh"

# request "RAW" : sends raw RESP (ending with QUIT) and prints the answer.
request() {
    exec 3<>"/dev/tcp/127.0.0.1/$PORT"
    printf '%b' "$1" >&3
    timeout 10 cat <&3 || true
    exec 3<&- 3>&-
}
info_field() { request 'INFO memory\r\nQUIT\r\n' | tr -d '\r' | awk -F: -v f="$1" '$1 == f { print $2 }'; }

start_node() {  # start_node MAXMEMORY
    PORT=$(free_port)
    bin/disque-server --port "$PORT" --bind 127.0.0.1 --maxmemory "$1" --dir "$WORK" >"$WORK/server-$1.log" 2>&1 &
    PID=$!
    for _ in $(seq 600); do
        if [[ $(request 'PING\r\nQUIT\r\n' 2>/dev/null | head -c 5) == "+PONG" ]]; then return; fi
        kill -0 "$PID" 2>/dev/null || { cat "$WORK/server-$1.log" >&2; exit 1; }
        sleep 0.1
    done
    log "the server did not start"; exit 1
}
stop_node() {
    kill "$PID"
    for _ in $(seq 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
    PID=""
}

mb() { awk -v b="$1" 'BEGIN { printf "%.0f", b / 1048576 }'; }
proc_kb() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$PID/status"; }

ROWS=()
FAILED=0
# measure MAXMEMORY PHASE : one row of the table.
measure() {
    local maxmem=$1 phase=$2 rss hwm used maxb bound ok
    rss=$(( $(proc_kb VmRSS) * 1024 ))
    hwm=$(( $(proc_kb VmHWM) * 1024 ))
    used=$(info_field used_memory)
    maxb=$(info_field maxmemory)
    bound=$(( BOUND_A * maxb + BOUND_B_MB * 1048576 ))
    ok=yes
    (( hwm <= bound )) || { ok=NO; FAILED=1; }
    ROWS+=("| $maxmem | $phase | $(mb "$used") MB | $(mb "$rss") MB | $(mb "$hwm") MB | $(mb "$bound") MB | $ok |")
    log "  $maxmem $phase: used_memory $(mb "$used") MB, RSS $(mb "$rss") MB, peak $(mb "$hwm") MB"
}

# The 100% point: clients hold unfinished requests until ADDJOB answers -OOM.
at_oom() {
    local maxmem=$1 fifo="$WORK/probe-in" out="$WORK/probe-out"
    mkfifo "$fifo"
    java bench/MemoryProbe.java hold-until-oom --port "$PORT" <"$fifo" >"$out" &
    PROBE_PID=$!
    exec 4>"$fifo"
    for _ in $(seq 1200); do grep -q '^held' "$out" && break; sleep 0.1; done
    log "  $(cat "$out")"
    measure "$maxmem" "100% (-OOM), $(sed -n 's/.*mb=\([0-9]*\).*/\1/p' "$out") MB held by clients"
    echo >&4; exec 4>&-
    wait "$PROBE_PID" || true
    PROBE_PID=""
    rm -f "$fifo"
}

[[ -f server-lite/target/disque-server.jar ]] || log "The first start builds the server jar."
for size in "${SIZES[@]}"; do
    log "maxmemory $size"
    start_node "$size"
    sleep 2
    measure "$size" "idle after start"
    if [[ $size == "$FILL_AT" ]]; then
        java bench/Driver.java fill --port "$PORT" --jobs "$FILL_JOBS" --body 64 >/dev/null
        measure "$size" "after $FILL_JOBS jobs"
        java bench/Driver.java cycle --port "$PORT" --max-seconds 120 >/dev/null
        sleep "$IDLE_AFTER_DRAIN"
        measure "$size" "drained, idle ${IDLE_AFTER_DRAIN} s"
    fi
    log "  $(java bench/MemoryProbe.java fill-until-refused --port "$PORT")"
    measure "$size" "75% (-NOREPL, jobs refused)"
    at_oom "$size"
    stop_node
done

echo
echo "Bound: process memory <= $BOUND_A x maxmemory + $BOUND_B_MB MB, checked against the peak (VmHWM)."
echo
echo "| maxmemory | when | used_memory | RSS | peak RSS | bound | within |"
echo "| --- | --- | ---: | ---: | ---: | ---: | :---: |"
printf '%s\n' "${ROWS[@]}"
exit "$FAILED"
