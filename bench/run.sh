#!/usr/bin/env bash
# Single-node benchmark of the Java Disque server (server-lite): throughput,
# latency, server CPU per request, Unix socket, AOF and memory.
#
#   bench/run.sh            full run (about 3 minutes, twice that with the original)
#   bench/run.sh --quick    smaller run, for a quick look
#   bench/run.sh --busy     on a machine busy with other work anyway: no waiting
#                           for it to calm down and no extra runs (combines with --quick)
#   DISQUE_C_SERVER=../shared/anchor/disque-server bench/run.sh
#                           the original C server beside ours: same load, same
#                           pinning, same run; the table gives ours / original
#
# Builds the server jar if it is missing or older than its sources, installs
# redis-benchmark (Debian's redis-tools) if needed, starts its own servers on
# free 127.0.0.1 ports (and Unix sockets in a private temporary directory) and
# prints Markdown tables. Every server it starts is stopped again (by PID),
# also on error or Ctrl-C. See bench/README.md.
#
# Environment: JAVA_OPTS are extra JVM options for our throughput server.
set -euo pipefail
[[ -n ${BENCH_TRACE:-} ]] && set -x

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR="server-lite/target/disque-server.jar"

MODE=full
BUSY=0
for arg in "$@"; do
    case "$arg" in
        --quick) MODE=quick ;;
        --busy) BUSY=1 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done

if [[ $MODE == full ]]; then
    N=200000          # requests per redis-benchmark run
    REPEAT=3          # runs per figure (the best is shown)
    EXTRA=3           # more runs when other processes disturbed every run
    WARMUP=200000     # unmeasured warm-up requests of each kind
    CYCLE_JOBS=500000 # jobs in the queue at the start of a driver cycle run
    MEM_JOBS=1000000
    QUIET_WAIT=20     # most seconds to wait for an idle machine before each figure
else
    N=50000
    REPEAT=1
    EXTRA=1
    WARMUP=50000
    CYCLE_JOBS=100000
    MEM_JOBS=200000
    QUIET_WAIT=4
fi
if (( BUSY )); then EXTRA=0; QUIET_WAIT=0; fi
CLIENTS=50
OTHER_MAX=20   # a run is clean when other processes took at most this % of the CPU
CYCLE_CONNS=8
MEM_BODY=64

KINDS=(ours)
if [[ -n ${DISQUE_C_SERVER:-} ]]; then
    [[ -x $DISQUE_C_SERVER ]] || { echo "DISQUE_C_SERVER=$DISQUE_C_SERVER is not an executable" >&2; exit 2; }
    DISQUE_C_SERVER="$(cd "$(dirname "$DISQUE_C_SERVER")" && pwd)/$(basename "$DISQUE_C_SERVER")"
    KINDS+=(orig)
fi
CLK_TCK=$(getconf CLK_TCK)

WORK="$(mktemp -d "${TMPDIR:-/tmp}/disque-bench.XXXXXX")"
# The driver is compiled once and run with C1 alone: with C2 its JVM spent over a third of its
# CPU compiling its own code while it measured (and, started from source, javac's before it).
mkdir -p "$WORK/driver"
javac -d "$WORK/driver" bench/Driver.java
DRIVER=(java -XX:TieredStopAtLevel=1 -cp "$WORK/driver" Driver)
SERVER_PIDS=()
SERVER_EXTRA=()   # extra server arguments for the next start_server

# alive PID: the process exists and is not a zombie waiting to be reaped.
alive() { [[ -e /proc/$1 ]] && [[ $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) != Z ]]; }

# kill_server PID: SIGTERM (clean shutdown), SIGKILL after 10 s, then reap it.
kill_server() {
    local pid=$1
    if alive "$pid"; then
        # A server stopped between its turns would hold SIGTERM until continued.
        kill -CONT "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
        if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
    fi
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local pid
    for pid in "${SERVER_PIDS[@]+"${SERVER_PIDS[@]}"}"; do kill_server "$pid"; done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

log() { printf '%s\n' "$*" >&2; }

# ------------------------------------------------------------------ setup

need_build() {
    [[ ! -f $JAR ]] && return 0
    [[ -n $(find pom.xml server-lite/pom.xml server-lite/src/main -newer "$JAR" -print -quit) ]]
}
if need_build; then
    log "Building $JAR ..."
    mvn -B -q -DskipTests package -pl server-lite -am
fi

if ! command -v redis-benchmark >/dev/null || ! command -v redis-cli >/dev/null; then
    log "Installing redis-tools (redis-benchmark, redis-cli) ..."
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-tools >/dev/null
fi
for tool in java jcmd jstat; do
    command -v "$tool" >/dev/null || { log "$tool not found (a JDK 17+ is needed)"; exit 1; }
done

# Server on core 0, load generators on the other core(s), where possible.
SERVER_PIN=()
LOAD_PIN=()
CORES=$(nproc)
if command -v taskset >/dev/null && (( CORES >= 2 )); then
    SERVER_PIN=(taskset -c 0)
    if (( CORES == 2 )); then LOAD_PIN=(taskset -c 1); else LOAD_PIN=(taskset -c "1-$((CORES - 1))"); fi
fi

# shellcheck source=bench/free-port.sh
. "$ROOT/bench/free-port.sh"
# shellcheck source=bench/other-load.sh
. "$ROOT/bench/other-load.sh"

# start_server KIND NAME JVM_OPTS... : starts our server (KIND ours, with the JVM
# options) or the original (KIND orig) with SERVER_EXTRA, in a directory of its
# own, and waits for PING; sets PORT and PID.
start_server() {
    local kind=$1 name=$2; shift 2
    local dir="$WORK/$name"
    mkdir -p "$dir"
    PORT=$(free_port)
    if [[ $kind == ours ]]; then
        "${SERVER_PIN[@]+"${SERVER_PIN[@]}"}" java "$@" -jar "$JAR" --port "$PORT" --bind 127.0.0.1 --dir "$dir" \
            "${SERVER_EXTRA[@]+"${SERVER_EXTRA[@]}"}" >"$dir/out" 2>&1 &
    else
        "${SERVER_PIN[@]+"${SERVER_PIN[@]}"}" "$DISQUE_C_SERVER" --port "$PORT" --bind 127.0.0.1 --dir "$dir" \
            --logfile "$dir/log" "${SERVER_EXTRA[@]+"${SERVER_EXTRA[@]}"}" >"$dir/out" 2>&1 &
    fi
    PID=$!
    SERVER_PIDS+=("$PID")
    TARGET=(-p "$PORT")
    for _ in $(seq 300); do
        if ! alive "$PID"; then
            log "server exited during startup:"; cat "$dir/out" "$dir/log" >&2 2>/dev/null; exit 1
        fi
        [[ $(redis-cli -p "$PORT" PING 2>/dev/null) == PONG ]] && return
        sleep 0.1
    done
    log "server did not answer PING within 30 s"; exit 1
}

stop_server() {
    kill_server "$PID"
    local rest=() p
    for p in "${SERVER_PIDS[@]}"; do [[ $p == "$PID" ]] || rest+=("$p"); done
    SERVER_PIDS=("${rest[@]+"${rest[@]}"}")
}

cli() { redis-cli -p "$PORT" "$@"; }
# cpu_ticks PID: CPU time (user + system, all threads) the process has used, in clock ticks.
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
qlen() { cli QLEN q; }

# The server redis-benchmark talks to: "-p PORT" (set by start_server), or "-s SOCKET".
TARGET=()

# bench_rps P COMMAND... : one redis-benchmark run; prints "rps p50 p99 p99.9" (ms).
# p50 and p99 are from its summary; p99.9 is the first step of its percentile
# distribution at or above 99.9% (99.902% with its HdrHistogram steps).
bench_rps() {
    local p=$1; shift
    timeout 300 "${LOAD_PIN[@]+"${LOAD_PIN[@]}"}" redis-benchmark "${TARGET[@]}" -n "$N" -c "$CLIENTS" -P "$p" "$@" \
        2>/dev/null | tr '\r' '\n' | awk '
        /^Latency by percentile distribution/ { dist = 1; next }
        /^Cumulative distribution/ { dist = 0 }
        dist && /% <= / && p999 == "" { pct = $1; sub(/%/, "", pct); if (pct + 0 >= 99.9) p999 = $3 }
        /throughput summary:/ { rps = $3 }
        /latency summary/ { getline; getline; p50 = $3; p99 = $5 }
        END { if (rps == "") exit 1; printf "%.0f %s %s %s\n", rps, p50, p99, p999 }'
}

driver() {
    timeout 300 "${LOAD_PIN[@]+"${LOAD_PIN[@]}"}" "${DRIVER[@]}" "$@" --port "$PORT" | tail -1
}

# driver_rate ARGS... : runs the driver and prints its jobs/s.
driver_rate() {
    local line
    line=$(driver "$@")
    log "  $line"
    field jobs_per_sec <<<"$line"
}

# Prints the value of key=... from a driver result line.
field() { sed -n "s/.*\\b$1=\\([^ ]*\\).*/\\1/p"; }

fmt_int() {  # 1234567 -> "1 234 567"
    awk -v n="$1" 'BEGIN { n = sprintf("%.0f", n); s = "";
        while (length(n) > 3) { s = " " substr(n, length(n) - 2) s; n = substr(n, 1, length(n) - 3) }
        print n s }'
}

# Percentage of all CPU time spent busy over one second (by anything on the machine).
cpu_busy() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
        busy = y[1] - x[1]; idle = y[2] - x[2]; printf "%.0f", 100 * busy / (busy + idle + 0.0001) }'
}

# ------------------------------------------------ measuring on a shared machine
#
# Other work on the machine can only slow a run down, so each figure is the
# best of its runs, shown with how much CPU other processes took meanwhile.

# measure NAME REQUESTS COMMAND... : runs COMMAND (which prints "rate [p50 p99 p99.9]")
# and appends "rate p50 p99 p99.9 cpu_us other%" to $WORK/NAME: cpu_us is the
# server's CPU time (utime + stime from /proc/PID/stat) over the run divided by
# REQUESTS, in microseconds; other% the share of all CPU time that processes
# other than the server and the load generators used during the run.
measure() {
    local name=$1 requests=$2; shift 2
    local c0 c out other rate p50 p99 p999 cpu
    c0=$(cpu_ticks "$PID")
    other_mark
    out=$("$@")
    c=$(( $(cpu_ticks "$PID") - c0 ))
    other=$(other_load "$c")
    cpu=$(awk -v t="$c" -v hz="$CLK_TCK" -v n="$requests" 'BEGIN { printf "%.2f", t * 1e6 / hz / n }')
    read -r rate p50 p99 p999 _ <<<"$out"
    [[ -n $rate ]] || { log "no result from: $*"; exit 1; }
    log "  $rate/s${p50:+, p50 $p50 ms, p99 $p99 ms, p99.9 $p999 ms}, server CPU $cpu us/request, other processes: $other% CPU"
    echo "$rate ${p50:--} ${p99:--} ${p999:--} $cpu $other" >>"$WORK/$name"
}

# best NAME: the line of the fastest run.
best() { sort -g -r -k1,1 "$WORK/$1" | head -1; }

# wait_quiet: waits (a bounded time) until the machine is nearly idle.
wait_quiet() {
    local waited=0 busy
    while (( waited < QUIET_WAIT )); do
        busy=$(cpu_busy)
        if (( busy < 15 )); then return; fi
        if (( waited == 0 )); then
            log "  waiting up to ${QUIET_WAIT}s for other work on the machine to calm down (${busy}% busy) ..."
        fi
        waited=$((waited + 2))
        sleep 1
    done
}


# Every run starts from the same state, made by a setup step (not measured).
flush() { cli DEBUG FLUSHALL >/dev/null; }
prefill() {  # prefill JOBS: an empty server with JOBS queued jobs (4-byte bodies) in q
    flush
    driver fill --jobs "$1" --body 4 >/dev/null
}

# GETJOB runs start with N + 20000 jobs queued, so every GETJOB finds one.
getjob_run() {
    local out
    out=$(bench_rps "$@")
    if [[ $(qlen) == 0 ]]; then log "WARNING: the queue ran dry during a GETJOB run"; fi
    echo "$out"
}

# socket_run P COMMAND... : bench_rps over the server's Unix socket.
socket_run() {
    local TARGET=(-s "$SOCKET")
    bench_rps "$@"
}

# warm P COMMAND... : an unmeasured redis-benchmark run of WARMUP requests.
warm() {
    local p=$1; shift
    timeout 300 "${LOAD_PIN[@]+"${LOAD_PIN[@]}"}" redis-benchmark "${TARGET[@]}" -n "$WARMUP" -c "$CLIENTS" \
        -P "$p" -q "$@" >/dev/null 2>&1
}

socket_warm() {
    local TARGET=(-s "$SOCKET")
    warm "$@"
}

# ------------------------------------------------------------- throughput
#
# With the original, both servers run side by side and take turns: each run of
# ours is followed by the same run of the original, and the server not
# measured is stopped (SIGSTOP) meanwhile, so that neither pays for the
# other's idle work and a machine that slows down for a while slows both.
# Both get the same warm-up and load, pinned the same way; figures go to
# KIND.NAME.

# start_kind KIND: starts KIND's throughput server (with a Unix socket) and stops it until used.
start_kind() {
    local kind=$1
    SERVER_EXTRA=(--unixsocket "$WORK/$kind.sock" --unixsocketperm 700)
    # shellcheck disable=SC2086
    start_server "$kind" "$kind-throughput" ${JAVA_OPTS:-}
    SERVER_EXTRA=()
    printf -v "PORT_$kind" '%s' "$PORT"
    printf -v "PID_$kind" '%s' "$PID"
    if (( ${#SERVER_PIN[@]} )); then
        log "  $kind: pid $PID, port $PORT, socket $WORK/$kind.sock (server: ${SERVER_PIN[*]}, load: ${LOAD_PIN[*]})"
    else
        log "  $kind: pid $PID, port $PORT, socket $WORK/$kind.sock (not pinned)"
    fi
    kill -STOP "$PID"
}

# use KIND: continues KIND's server and makes it the target of what follows; park stops it again.
use() {
    local port_var="PORT_$1" pid_var="PID_$1"
    PORT=${!port_var}
    PID=${!pid_var}
    SOCKET="$WORK/$1.sock"
    TARGET=(-p "$PORT")
    kill -CONT "$PID"
}
park() { kill -STOP "$PID"; }

warm_up() {
    log "Warm-up of $1 (not measured) ..."
    use "$1"
    warm 16 ADDJOB q body 0
    warm 1 ADDJOB q body 0
    socket_warm 1 ADDJOB q body 0
    warm 16 GETJOB NOHANG FROM q
    driver cycle --conns "$CYCLE_CONNS" --count 16 >/dev/null   # drains what is left
    driver fill --jobs "$WARMUP" --body "$MEM_BODY" >/dev/null
    driver cycle --conns "$CYCLE_CONNS" --count 16 >/dev/null
    park
}

# figure NAME LABEL SETUP REQUESTS COMMAND... : for each server in TURNS, in turn, runs
# SETUP then measures COMMAND (REQUESTS requests) into KIND.NAME; REPEAT rounds, and while
# some server had other processes taking over OTHER_MAX% of the CPU in every run, up to
# EXTRA more, looking for a clean one.
figure() {
    local name=$1 label=$2 setup=$3 requests=$4; shift 4
    local i=0 kind other all_clean
    local -A clean=()
    wait_quiet
    while :; do
        i=$((i + 1))
        for kind in "${TURNS[@]}"; do
            use "$kind"
            eval "$setup"
            log "[$kind] $label, run $i ..."
            measure "$kind.$name" "$requests" "$@"
            park
            other=$(tail -1 "$WORK/$kind.$name" | awk '{ print $NF }')
            if (( other <= OTHER_MAX )); then clean[$kind]=$(( ${clean[$kind]:-0} + 1 )); fi
        done
        (( i >= REPEAT )) || continue
        all_clean=1
        for kind in "${TURNS[@]}"; do (( ${clean[$kind]:-0} > 0 )) || all_clean=0; done
        if (( all_clean || i >= REPEAT + EXTRA )); then break; fi
        wait_quiet
    done
}

log "Mode: $MODE. Throughput: ${KINDS[*]} ..."
for kind in "${KINDS[@]}"; do start_kind "$kind"; done
for kind in "${KINDS[@]}"; do warm_up "$kind"; done
TURNS=("${KINDS[@]}")
for p in 1 16; do
    figure "addjob$p" "ADDJOB q body 0, -P $p, $N requests" flush "$N" bench_rps "$p" ADDJOB q body 0
done
for p in 1 16; do
    figure "getjob$p" "GETJOB NOHANG FROM q, -P $p, $N requests" "prefill $((N + 20000))" "$N" \
        getjob_run "$p" GETJOB NOHANG FROM q
done
figure socket1 "ADDJOB q body 0, -P 1, Unix socket, $N requests" flush "$N" socket_run 1 ADDJOB q body 0
figure cycle "Driver cycle: GETJOB NOHANG COUNT 16 + ACKJOB, $CYCLE_CONNS connections, $CYCLE_JOBS jobs" \
    "prefill $CYCLE_JOBS" "$CYCLE_JOBS" driver_rate cycle --conns "$CYCLE_CONNS" --count 16
figure fill "Driver fill: $CYCLE_JOBS jobs, 64-byte bodies, pipelined" flush "$CYCLE_JOBS" \
    driver_rate fill --jobs "$CYCLE_JOBS" --body "$MEM_BODY"
for kind in "${KINDS[@]}"; do use "$kind"; stop_server; done

# ------------------------------------------------ append-only file (ours)
#
# ADDJOB -P 16 with the AOF on, to set beside the in-memory figure; with
# appendfsync always also -P 1 at 1, 10 and 50 clients: replies wait for the
# fsync, and one fsync serves every client waiting meanwhile (group commit),
# so the rate grows with the number of clients.
# aof_server POLICY: starts ours with the AOF on, as the only server taking turns (kind aof).
aof_server() {
    SERVER_EXTRA=(--appendonly yes --appendfsync "$1")
    start_server ours "aof-$1"
    SERVER_EXTRA=()
    PORT_aof=$PORT
    PID_aof=$PID
    TURNS=(aof)
}
# bench_clients C N P COMMAND... : bench_rps with C clients and N requests.
bench_clients() {
    local c=$1 n=$2; shift 2
    CLIENTS=$c N=$n bench_rps "$@"
}
SLOW_N=$(( N / 20 ))
for policy in everysec always; do
    log "AOF server, appendfsync $policy ..."
    aof_server "$policy"
    warm 16 ADDJOB q body 0
    figure "${policy}16" "ADDJOB q body 0, -P 16, appendfsync $policy" flush "$N" bench_rps 16 ADDJOB q body 0
    if [[ $policy == always ]]; then
        for c in 1 10 50; do
            figure "always_c$c" "ADDJOB q body 0, -P 1, appendfsync always, $c clients" flush "$SLOW_N" \
                bench_clients "$c" "$SLOW_N" 1 ADDJOB q body 0
        done
    fi
    stop_server
done

# ----------------------------------------------------------------- memory

heap_used() {  # bytes in use in the Java heap (young + old), from jstat
    jstat -gc "$PID" | awk 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
        NR == 2 { printf "%.0f\n", ($col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]) * 1024 }'
}
rss() { awk '/^VmRSS:/ { print $2 * 1024 }' "/proc/$PID/status"; }
used_memory() { cli INFO memory | tr -d '\r' | awk -F: '$1 == "used_memory" { print $2 }'; }
full_gc() { jcmd "$PID" GC.run >/dev/null; sleep 0.5; }
per_job() { awk -v a="$1" -v b="$2" -v n="$MEM_JOBS" 'BEGIN { printf "%.0f", (b - a) / n }'; }

# memory KIND: heap (ours only), RSS and used_memory per job, into MEM_<KIND>_{heap,rss,used}.
MEM_JVM=(-Xmx2g -XX:+UseSerialGC)
memory() {
    local kind=$1 heap0=0 heap1=0 rss0 rss1 used0 used1
    if [[ $kind == ours ]]; then log "Memory, ours (${MEM_JVM[*]}) ..."; else log "Memory, original ..."; fi
    start_server "$kind" "$kind-memory" "${MEM_JVM[@]}"
    # Warm up with a small fill, then forget it, so the baseline includes the
    # buffers and code the measured fill will use.
    driver fill --jobs 20000 --body "$MEM_BODY" >/dev/null
    cli DEBUG FLUSHALL >/dev/null
    if [[ $kind == ours ]]; then full_gc; heap0=$(heap_used); fi
    rss0=$(rss); used0=$(used_memory)
    log "  baseline: heap $heap0 B, RSS $rss0 B, used_memory $used0 B"
    log "  adding $MEM_JOBS jobs with $MEM_BODY-byte bodies ..."
    driver fill --jobs "$MEM_JOBS" --body "$MEM_BODY" >/dev/null
    [[ $(qlen) == "$MEM_JOBS" ]] || { log "expected $MEM_JOBS jobs queued, got $(qlen)"; exit 1; }
    if [[ $kind == ours ]]; then full_gc; heap1=$(heap_used); fi
    rss1=$(rss); used1=$(used_memory)
    log "  after:    heap $heap1 B, RSS $rss1 B, used_memory $used1 B"
    stop_server
    printf -v "MEM_${kind}_heap" '%s' "$(per_job "$heap0" "$heap1")"
    printf -v "MEM_${kind}_rss" '%s' "$(per_job "$rss0" "$rss1")"
    printf -v "MEM_${kind}_used" '%s' "$(per_job "$used0" "$used1")"
}
for kind in "${KINDS[@]}"; do memory "$kind"; done

# ------------------------------------------------------------------ report

# col NAME N: field N of the best run of NAME (1 rate, 2 p50, 3 p99, 4 p99.9, 5 CPU us, 6 other%).
col() { best "$1" | awk -v n="$2" '{ print $n }'; }
# show VALUE UNIT: a figure as printed in the table.
show() {
    case $2 in
        /s) echo "$(fmt_int "$1")/s" ;;
        *) echo "$1 $2" ;;
    esac
}
# ratio OURS ORIG BETTER: ours / original, and which way is better.
ratio() {
    awk -v a="$1" -v b="$2" -v w="$3" 'BEGIN { if (b > 0) printf "%.2f (%s is better)", a / b, w; else print "n/a" }'
}

# crow LABEL UNIT BETTER OURS ORIG OTHER_OURS OTHER_ORIG: one row of the comparison table.
crow() {
    local label=$1 unit=$2 better=$3 ours=$4 orig=$5 oo=$6 ox=$7
    if [[ -n ${DISQUE_C_SERVER:-} ]]; then
        [[ $oo == - ]] || oo="$ox / $oo"
        printf '| %s | %s | %s | %s | %s |\n' "$label" "$(show "$orig" "$unit")" "$(show "$ours" "$unit")" \
            "$(ratio "$ours" "$orig" "$better")" "$oo"
    else
        printf '| %s | %s | %s |\n' "$label" "$(show "$ours" "$unit")" "$oo"
    fi
}
# frow LABEL NAME FIELD UNIT BETTER: a row from the best runs of ours.NAME and orig.NAME.
frow() {
    local label=$1 name=$2 f=$3 unit=$4 better=$5 orig="" ox=""
    if [[ -n ${DISQUE_C_SERVER:-} ]]; then orig=$(col "orig.$name" "$f"); ox="$(col "orig.$name" 6)%"; fi
    crow "$label" "$unit" "$better" "$(col "ours.$name" "$f")" "$orig" "$(col "ours.$name" 6)%" "$ox"
}

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
echo "Disque single-node benchmark, $MODE run, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Machine: ${cpu:-unknown CPU}, $CORES cores, $(java -version 2>&1 | head -1), $(redis-benchmark --version | head -1)"
echo "redis-benchmark -n $N -c $CLIENTS; driver cycle with $CYCLE_CONNS connections over $CYCLE_JOBS queued jobs."
if (( BUSY )); then
    echo "Best of $REPEAT runs (--busy: no waiting for an idle machine, no extra runs);"
else
    echo "Best of $REPEAT runs (up to $((REPEAT + EXTRA)) when other processes took over $OTHER_MAX% of the CPU in every run);"
fi
echo "'other load' is the CPU share that processes other than the server and the load generator took during that run."
echo
if [[ -n ${DISQUE_C_SERVER:-} ]]; then
    echo "| Benchmark | original | ours | ours / original | other load (original / ours) |"
    echo "| --- | ---: | ---: | ---: | ---: |"
else
    echo "| Benchmark | ours | other load |"
    echo "| --- | ---: | ---: |"
fi
frow "ADDJOB q body 0, -P 1" addjob1 1 /s higher
frow "ADDJOB q body 0, -P 16" addjob16 1 /s higher
frow "GETJOB NOHANG FROM q, -P 1" getjob1 1 /s higher
frow "GETJOB NOHANG FROM q, -P 16" getjob16 1 /s higher
frow "ADDJOB q body 0, -P 1, Unix socket" socket1 1 /s higher
for w in "addjob1|ADDJOB -P 1" "getjob1|GETJOB NOHANG -P 1" "socket1|ADDJOB -P 1, Unix socket"; do
    IFS='|' read -r name label <<<"$w"
    frow "$label latency p50" "$name" 2 ms lower
    frow "$label latency p99" "$name" 3 ms lower
    frow "$label latency p99.9" "$name" 4 ms lower
done
frow "Server CPU per request: ADDJOB -P 1" addjob1 5 µs lower
frow "Server CPU per request: ADDJOB -P 16" addjob16 5 µs lower
frow "Server CPU per request: GETJOB NOHANG -P 1" getjob1 5 µs lower
frow "Server CPU per request: GETJOB NOHANG -P 16" getjob16 5 µs lower
frow "Server CPU per request: ADDJOB -P 1, Unix socket" socket1 5 µs lower
frow "Driver cycle: GETJOB NOHANG COUNT 16 + ACKJOB, $CYCLE_CONNS connections (jobs/s)" cycle 1 /s higher
frow "Server CPU per job in the driver cycle" cycle 5 µs lower
frow "Driver fill: pipelined ADDJOB, 64-byte body (jobs/s)" fill 1 /s higher
crow "Memory per 64-byte job: RSS" B lower "$MEM_ours_rss" "${MEM_orig_rss:-}" - -
crow "Memory per 64-byte job: INFO used_memory" B lower "$MEM_ours_used" "${MEM_orig_used:-}" - -

echo
echo "Ours only:"
echo
echo "| Benchmark | ours | other load | note |"
echo "| --- | ---: | ---: | ---: |"
orow() {  # orow LABEL NAME NOTE
    printf '| %s | %s (p50 %s ms) | %s%% | %s |\n' "$1" "$(show "$(col "$2" 1)" /s)" "$(col "$2" 2)" "$(col "$2" 6)" "$3"
}
of_memory() { awk -v a="$(col "$1" 1)" -v b="$(col ours.addjob16 1)" 'BEGIN { printf "%.0f%% of in-memory", 100 * a / b }'; }
orow "ADDJOB q body 0, -P 16, AOF appendfsync everysec" aof.everysec16 "$(of_memory aof.everysec16)"
orow "ADDJOB q body 0, -P 16, AOF appendfsync always" aof.always16 "$(of_memory aof.always16)"
for c in 1 10 50; do
    orow "ADDJOB q body 0, -P 1, AOF appendfsync always, $c clients ($SLOW_N requests)" "aof.always_c$c" ""
done
printf '| %s | %s | | |\n' "Memory per 64-byte job: Java heap after full GC" "$MEM_ours_heap B"
