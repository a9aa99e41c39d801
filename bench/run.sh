#!/usr/bin/env bash
# Throughput and memory benchmark of the Java Disque server (server-lite).
#
#   bench/run.sh            full run (a few minutes at most)
#   bench/run.sh --quick    smaller run, for a quick look
#
# Builds the server jar if it is missing or older than its sources, installs
# redis-benchmark (Debian's redis-tools) if needed, starts its own server on a
# free 127.0.0.1 port, and prints a Markdown table of the results next to the
# original C server's reference figures. Every server it starts is stopped
# again (by PID), also on error or Ctrl-C. See bench/README.md.
#
# Environment: JAVA_OPTS are extra JVM options for the throughput server.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JAR="server-lite/target/disque-server.jar"
DRIVER="bench/Driver.java"

MODE=full
for arg in "$@"; do
    case "$arg" in
        --quick) MODE=quick ;;
        -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
CLIENTS=50
OTHER_MAX=20   # a run is clean when other processes took at most this % of the CPU
CYCLE_THREADS=8
MEM_BODY=64

# C server reference figures (original Disque, same kind of machine).
REF_ADDJOB_P16="85 000/s"
REF_GETJOB_P16="64 000/s"
REF_CYCLE="29 000/s"
REF_MEM="515 B"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/disque-bench.XXXXXX")"
SERVER_PIDS=()
SERVER_EXTRA=()   # extra server arguments for the next start_server

# alive PID: the process exists and is not a zombie waiting to be reaped.
alive() { [[ -e /proc/$1 ]] && [[ $(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) != Z ]]; }

# kill_server PID: SIGTERM (clean shutdown), SIGKILL after 10 s, then reap it.
kill_server() {
    local pid=$1
    if alive "$pid"; then
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
    mvn -B -q -DskipTests package -pl server-lite
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

free_port() {
    local p
    for _ in $(seq 100); do
        p=$(( 20000 + RANDOM % 40000 ))
        # Nothing answers on it: connecting fails.
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    log "no free port found"
    exit 1
}

# start_server NAME JVM_OPTS... : starts a server, waits for PING; sets PORT and PID.
start_server() {
    local name=$1; shift
    PORT=$(free_port)
    "${SERVER_PIN[@]+"${SERVER_PIN[@]}"}" java "$@" -jar "$JAR" --port "$PORT" --bind 127.0.0.1 \
        "${SERVER_EXTRA[@]+"${SERVER_EXTRA[@]}"}" >"$WORK/$name.log" 2>&1 &
    PID=$!
    SERVER_PIDS+=("$PID")
    for _ in $(seq 300); do
        if ! alive "$PID"; then
            log "server exited during startup:"; cat "$WORK/$name.log" >&2; exit 1
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
qlen() { cli QLEN q; }

# bench_rps P COMMAND... : one redis-benchmark run; prints "rps p50_ms".
bench_rps() {
    local p=$1; shift
    timeout 300 "${LOAD_PIN[@]+"${LOAD_PIN[@]}"}" redis-benchmark -p "$PORT" -n "$N" -c "$CLIENTS" -P "$p" --csv "$@" \
        2>/dev/null | tail -1 | awk -F'","' '{ gsub(/"/, "", $2); gsub(/"/, "", $5); print $2, $5 }'
}

driver() {
    timeout 300 "${LOAD_PIN[@]+"${LOAD_PIN[@]}"}" java "$DRIVER" "$@" --port "$PORT" | tail -1
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

# CPU jiffies: all busy time, the server's, and this script's with its children.
jiffies_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat; }
jiffies_all() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8; exit }' /proc/stat; }
jiffies_of() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 + $14 + $15 }'; }

# measure NAME COMMAND... : runs COMMAND (which prints "rate [p50]") and appends
# "rate p50 other%" to $WORK/NAME, other% being the share of all CPU time that
# processes other than the server and the load generators used during the run.
measure() {
    local name=$1; shift
    local b0 a0 s0 o0 b1 a1 s1 o1 out other rate p50
    b0=$(jiffies_busy); a0=$(jiffies_all); s0=$(jiffies_of "$PID"); o0=$(jiffies_of $$)
    out=$("$@")
    b1=$(jiffies_busy); a1=$(jiffies_all); s1=$(jiffies_of "$PID"); o1=$(jiffies_of $$)
    other=$(awk -v b=$((b1 - b0)) -v a=$((a1 - a0)) -v s=$((s1 - s0)) -v o=$((o1 - o0)) \
        'BEGIN { x = b - s - o; if (x < 0) x = 0; printf "%.0f", 100 * x / (a > 0 ? a : 1) }')
    read -r rate p50 _ <<<"$out"
    log "  $rate/s${p50:+, p50 $p50 ms}, other processes: $other% CPU"
    echo "$rate ${p50:--} $other" >>"$WORK/$name"
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

# ------------------------------------------------------------- throughput

log "Mode: $MODE. Throughput server ..."
# shellcheck disable=SC2086
start_server throughput ${JAVA_OPTS:-}
if (( ${#SERVER_PIN[@]} )); then
    log "  pid $PID, port $PORT (server: ${SERVER_PIN[*]}, load: ${LOAD_PIN[*]})"
else
    log "  pid $PID, port $PORT (not pinned)"
fi

# Every run starts from the same state, made by a setup step (not measured).
flush() { cli DEBUG FLUSHALL >/dev/null; }
prefill() {  # prefill JOBS: an empty server with JOBS queued jobs (4-byte bodies) in q
    flush
    driver fill --jobs "$1" --body 4 >/dev/null
}

# figure NAME LABEL SETUP COMMAND... : runs SETUP then measures COMMAND, REPEAT
# times; when every run had other processes taking over OTHER_MAX% of the CPU,
# runs again, up to EXTRA more times, looking for a clean one.
figure() {
    local name=$1 label=$2 setup=$3; shift 3
    local i=0 clean=0 other
    wait_quiet
    while (( i < REPEAT || (clean == 0 && i < REPEAT + EXTRA) )); do
        i=$((i + 1))
        eval "$setup"
        log "$label, run $i ..."
        measure "$name" "$@"
        other=$(tail -1 "$WORK/$name" | cut -d' ' -f3)
        if (( other <= OTHER_MAX )); then clean=$((clean + 1)); fi
        if (( i >= REPEAT && clean == 0 && i < REPEAT + EXTRA )); then wait_quiet; fi
    done
}

log "Warm-up (not measured) ..."
timeout 300 "${LOAD_PIN[@]+"${LOAD_PIN[@]}"}" redis-benchmark -p "$PORT" -n "$WARMUP" -c "$CLIENTS" -P 16 -q \
    ADDJOB q body 0 >/dev/null 2>&1
timeout 300 "${LOAD_PIN[@]+"${LOAD_PIN[@]}"}" redis-benchmark -p "$PORT" -n "$WARMUP" -c "$CLIENTS" -P 1 -q \
    ADDJOB q body 0 >/dev/null 2>&1
timeout 300 "${LOAD_PIN[@]+"${LOAD_PIN[@]}"}" redis-benchmark -p "$PORT" -n "$WARMUP" -c "$CLIENTS" -P 16 -q \
    GETJOB NOHANG FROM q >/dev/null 2>&1
driver cycle --threads "$CYCLE_THREADS" --count 16 >/dev/null   # drains what is left
driver fill --jobs "$WARMUP" --body "$MEM_BODY" >/dev/null
driver cycle --threads "$CYCLE_THREADS" --count 16 >/dev/null

# GETJOB runs start with N + 20000 jobs queued, so every GETJOB finds one.
getjob_run() {
    local out
    out=$(bench_rps "$@")
    if [[ $(qlen) == 0 ]]; then log "WARNING: the queue ran dry during a GETJOB run"; fi
    echo "$out"
}

for p in 1 16; do
    figure "addjob$p" "ADDJOB q body 0, -P $p, $N requests" flush bench_rps "$p" ADDJOB q body 0
done
for p in 1 16; do
    figure "getjob$p" "GETJOB NOHANG FROM q, -P $p, $N requests" "prefill $((N + 20000))" \
        getjob_run "$p" GETJOB NOHANG FROM q
done
figure cycle "Driver cycle: GETJOB NOHANG COUNT 16 + ACKJOB, $CYCLE_THREADS connections, $CYCLE_JOBS jobs" \
    "prefill $CYCLE_JOBS" driver_rate cycle --threads "$CYCLE_THREADS" --count 16
figure fill "Driver fill: $CYCLE_JOBS jobs, 64-byte bodies, pipelined" flush \
    driver_rate fill --jobs "$CYCLE_JOBS" --body "$MEM_BODY"
stop_server

# -------------------------------------------------------- append-only file
#
# ADDJOB -P 16 with the AOF on, to set beside the in-memory figure; with
# appendfsync always also -P 1 at 1, 10 and 50 clients: replies wait for the
# fsync, and one fsync serves every client waiting meanwhile (group commit),
# so the rate grows with the number of clients.
aof_server() {
    mkdir -p "$WORK/aof-$1"
    SERVER_EXTRA=(--appendonly yes --appendfsync "$1" --dir "$WORK/aof-$1")
    start_server "aof-$1"
    SERVER_EXTRA=()
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
    timeout 300 "${LOAD_PIN[@]+"${LOAD_PIN[@]}"}" redis-benchmark -p "$PORT" -n "$WARMUP" -c "$CLIENTS" -P 16 -q \
        ADDJOB q body 0 >/dev/null 2>&1
    figure "aof_${policy}16" "ADDJOB q body 0, -P 16, appendfsync $policy" flush bench_rps 16 ADDJOB q body 0
    if [[ $policy == always ]]; then
        for c in 1 10 50; do
            figure "aof_always_c$c" "ADDJOB q body 0, -P 1, appendfsync always, $c clients" flush \
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

MEM_JVM=(-Xmx2g -XX:+UseSerialGC)
log "Memory server (${MEM_JVM[*]}) ..."
start_server memory "${MEM_JVM[@]}"
# Warm up with a small fill, then forget it, so the baseline includes the
# buffers and code the measured fill will use.
driver fill --jobs 20000 --body "$MEM_BODY" >/dev/null
cli DEBUG FLUSHALL >/dev/null
full_gc
heap0=$(heap_used); rss0=$(rss); used0=$(used_memory)
log "  baseline: heap $heap0 B, RSS $rss0 B, used_memory $used0 B"
log "  adding $MEM_JOBS jobs with $MEM_BODY-byte bodies ..."
driver fill --jobs "$MEM_JOBS" --body "$MEM_BODY" >/dev/null
[[ $(qlen) == "$MEM_JOBS" ]] || { log "expected $MEM_JOBS jobs queued, got $(qlen)"; exit 1; }
full_gc
heap1=$(heap_used); rss1=$(rss); used1=$(used_memory)
log "  after:    heap $heap1 B, RSS $rss1 B, used_memory $used1 B"
stop_server
per_job() { awk -v a="$1" -v b="$2" -v n="$MEM_JOBS" 'BEGIN { printf "%.0f", (b - a) / n }'; }
mem_heap=$(per_job "$heap0" "$heap1")
mem_rss=$(per_job "$rss0" "$rss1")
mem_used=$(per_job "$used0" "$used1")

# ------------------------------------------------------------------ report

row() { printf '| %s | %s | %s | %s |\n' "$@"; }
# cell NAME: "rate (p50 x ms)" of the best run; other: the other load during it.
cell() {
    local rate p50 other
    read -r rate p50 other <<<"$(best "$1")"
    if [[ $p50 == - ]]; then echo "$(fmt_int "$rate")/s"; else echo "$(fmt_int "$rate")/s (p50 $p50 ms)"; fi
}
other() { local r p o; read -r r p o <<<"$(best "$1")"; echo "$o%"; }
bench_row() { row "$1" "$(cell "$2")" "$(other "$2")" "$3"; }

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
echo "Disque server-lite benchmark, $MODE run, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "Machine: ${cpu:-unknown CPU}, $CORES cores, $(java -version 2>&1 | head -1)"
echo "redis-benchmark -n $N -c $CLIENTS; driver cycle with $CYCLE_THREADS connections over $CYCLE_JOBS queued jobs."
echo "Best of $REPEAT runs (up to $((REPEAT + EXTRA)) when other processes took over $OTHER_MAX% of the CPU in every run);"
echo "'other load' is the CPU share that processes other than the server and the load generator took during that run."
echo
row "Benchmark" "Java server-lite" "other load" "Original C server, or note"
row "---" "---:" "---:" "---:"
bench_row "ADDJOB q body 0, -P 1" addjob1 ""
bench_row "ADDJOB q body 0, -P 16" addjob16 "$REF_ADDJOB_P16"
bench_row "GETJOB NOHANG FROM q, -P 1" getjob1 ""
bench_row "GETJOB NOHANG FROM q, -P 16" getjob16 "$REF_GETJOB_P16"
bench_row "Driver cycle: GETJOB NOHANG COUNT 16 + ACKJOB (jobs/s)" cycle "$REF_CYCLE"
bench_row "Driver fill: pipelined ADDJOB, 64-byte body (jobs/s)" fill ""
ratio() {  # ratio A B: A as a percentage of B, from the best runs
    local a b x
    read -r a x <<<"$(best "$1")"; read -r b x <<<"$(best "$2")"
    awk -v a="$a" -v b="$b" 'BEGIN { printf "%.0f%% of in-memory", 100 * a / b }'
}
bench_row "ADDJOB q body 0, -P 16, AOF appendfsync everysec" aof_everysec16 "$(ratio aof_everysec16 addjob16)"
bench_row "ADDJOB q body 0, -P 16, AOF appendfsync always" aof_always16 "$(ratio aof_always16 addjob16)"
for c in 1 10 50; do
    bench_row "ADDJOB q body 0, -P 1, AOF appendfsync always, $c clients ($SLOW_N requests)" "aof_always_c$c" ""
done
row "Memory per 64-byte job: heap after full GC" "$mem_heap B" "" "$REF_MEM"
row "Memory per 64-byte job: RSS" "$mem_rss B" "" ""
row "Memory per 64-byte job: INFO used_memory" "$mem_used B" "" ""
