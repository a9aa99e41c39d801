#!/usr/bin/env bash
# Cluster benchmark on a 3-node cluster on this machine (all nodes pinned to
# core 0, the load to core 1): ADDJOB with synchronous replication
# (redis-benchmark), and jobs moving from a producer on node A to consumers
# on node B (federation): 100k jobs filled on A, 8 consumers doing
# GETJOB COUNT 16 + ACKJOB (or FASTACK) on B, and the ADDJOB -> GETJOB time.
#
#   bench/cluster.sh              ours alone
#   DISQUE_C_SERVER=../shared/anchor/disque-server bench/cluster.sh
#                                 the original's 3-node cluster beside ours, same
#                                 load, same pinning, same run; prints ratios
#
# With the original, both clusters run for the whole benchmark and take turns:
# every measured run of ours is followed by the same run of the original, and
# the cluster not measured is stopped (SIGSTOP) meanwhile, so neither pays for
# the other's idle work and a machine that slows down for a while slows both.
#
# Options: --quick (fewer requests). Builds the server jar if missing and
# installs redis-benchmark (Debian's redis-tools) if needed. Every server it
# starts listens on 127.0.0.1 only and is stopped again (by PID) at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Each node runs in its own directory: the original's path must not be relative.
if [[ -n ${DISQUE_C_SERVER:-} ]]; then
    [[ -x $DISQUE_C_SERVER ]] || { echo "DISQUE_C_SERVER=$DISQUE_C_SERVER is not an executable" >&2; exit 2; }
    DISQUE_C_SERVER="$(cd "$(dirname "$DISQUE_C_SERVER")" && pwd)/$(basename "$DISQUE_C_SERVER")"
fi
cd "$ROOT"
JAR="server-lite/target/disque-server.jar"
N=200000
REPEAT=3
WARMUP=200000
for arg in "$@"; do
    case "$arg" in
        --quick) N=50000; REPEAT=1; WARMUP=50000 ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $arg (try --help)" >&2; exit 2 ;;
    esac
done
CLIENTS=50

if [[ ! -f $JAR ]]; then mvn -B -q -pl server-lite -am package -DskipTests; fi
if ! command -v redis-benchmark >/dev/null; then
    (apt-get update -qq && apt-get install -y -qq redis-tools) >/dev/null
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/disque-cluster-bench.XXXXXX")"
PIDS=()
cleanup() {
    local pid
    # A stopped process would hold SIGTERM until continued.
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

# shellcheck source=bench/free-port.sh
. "$ROOT/bench/free-port.sh"
# shellcheck source=bench/other-load.sh
. "$ROOT/bench/other-load.sh"

wait_ping() {
    for _ in $(seq 300); do
        [[ $(redis-cli -p "$1" ping 2>/dev/null) == PONG ]] && return 0
        sleep 0.1
    done
    echo "server on port $1 did not start" >&2; exit 1
}

# start_cluster KIND: starts 3 nodes (ours or the original) and meets them; their ports go
# to PORTS_KIND and their PIDs to PIDS_KIND (and PIDS, for cleanup). Not run in a subshell:
# the PIDs must stay in PIDS. The node timeout is long for both kinds, so that a cluster
# stopped while the other is measured finds no peer failed when it is continued.
start_cluster() {
    local kind=$1 ports=() pids=() i p dir
    for i in 1 2 3; do
        p=$(free_port)
        dir="$WORK/$kind-$i"; mkdir -p "$dir"
        if [[ $kind == ours ]]; then
            (cd "$dir" && exec taskset -c 0 java ${DISQUE_JAVA_OPTS:--Xms256m -Xmx1g -XX:+UseSerialGC} -jar "$ROOT/$JAR" \
                --port "$p" --bind 127.0.0.1 --dir "$dir" --logfile "$dir/log" \
                --cluster-node-timeout "$NODE_TIMEOUT") >"$dir/out" 2>&1 &
        else
            (cd "$dir" && exec taskset -c 0 "$DISQUE_C_SERVER" --port "$p" --bind 127.0.0.1 --dir "$dir" \
                --logfile "$dir/log" --cluster-node-timeout "$NODE_TIMEOUT") >"$dir/out" 2>&1 &
        fi
        PIDS+=($!)
        pids+=($!)
        ports+=("$p")
    done
    for p in "${ports[@]}"; do wait_ping "$p"; done
    redis-cli -p "${ports[1]}" cluster meet 127.0.0.1 "${ports[0]}" >/dev/null
    redis-cli -p "${ports[2]}" cluster meet 127.0.0.1 "${ports[1]}" >/dev/null
    wait_healthy "${ports[@]}"
    eval "PORTS_$kind=(${ports[*]})"
    eval "PIDS_$kind=(${pids[*]})"
}

# wait_healthy PORTS...: until every node reaches the two others and flags none as failing
# (at most 30 s per node; a cluster that stays unhealthy is reported, and its figures suspect).
wait_healthy() {
    local p ok
    for p in "$@"; do
        ok=0
        for _ in $(seq 300); do
            if redis-cli -p "$p" cluster info | grep -q 'cluster_reachable_nodes:2' \
                && ! redis-cli -p "$p" cluster nodes | grep -q 'fail'; then ok=1; break; fi
            sleep 0.1
        done
        (( ok )) || echo "WARNING: the node on port $p does not reach the other two after 30 s" >&2
    done
}

# park KIND / unpark KIND: stop a cluster while the other is measured, and continue it.
park() {
    (( ${#KINDS[@]} > 1 )) || return 0
    local pid pids
    eval "pids=(\"\${PIDS_$1[@]}\")"
    for pid in "${pids[@]}"; do kill -STOP "$pid"; done
}
unpark() {
    (( ${#KINDS[@]} > 1 )) || return 0
    local pid pids ports
    eval "pids=(\"\${PIDS_$1[@]}\")"
    eval "ports=(\"\${PORTS_$1[@]}\")"
    for pid in "${pids[@]}"; do kill -CONT "$pid"; done
    wait_healthy "${ports[@]}"
}

# flush_all PORTS...: forget every job on every node, so each figure starts from empty nodes
# (millions of jobs left over would take a node past 75 % of maxmemory).
flush_all() {
    local p
    for p in "$@"; do redis-cli -p "$p" debug flushall >/dev/null; done
}

# cpu_ticks KIND: utime + stime of that cluster's three servers, in clock ticks (from /proc,
# JIT and GC included).
cpu_ticks() {
    local pid t=0 pids
    eval "pids=(\"\${PIDS_$1[@]}\")"
    for pid in "${pids[@]}"; do t=$(( t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") )); done
    echo "$t"
}
TICK=$(getconf CLK_TCK)

# cpu_per TICKS COUNT: microseconds of server CPU (all three nodes) per request or job.
cpu_per() { awk -v t="$1" -v n="$2" -v hz="$TICK" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }'; }

# ports KIND: that cluster's node ports.
ports_of() { eval "echo \"\${PORTS_$1[*]}\""; }

# one_rate KIND PIPELINE ARGS...: one redis-benchmark run on empty nodes of KIND's cluster,
# sent to its first node: "RATE CPU OTHER" (requests/s, the three servers' CPU per request,
# and other processes' share of the CPU meanwhile, in %).
one_rate() {
    local kind=$1 pipe=$2; shift 2
    local ports=($(ports_of "$kind")) r t0 t
    flush_all "${ports[@]}"
    t0=$(cpu_ticks "$kind")
    other_mark
    r=$(taskset -c 1 timeout 120 redis-benchmark -p "${ports[0]}" -c "$CLIENTS" -n "$N" -P "$pipe" -q "$@" 2>/dev/null \
        | tr '\r' '\n' | awk '/requests per second/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+$/) v = $i } END { print int(v) }')
    t=$(( $(cpu_ticks "$kind") - t0 ))
    echo "${r:-0} $(cpu_per "$t" "$N") $(other_load "$t")"
}

# The driver is compiled once and run with C1 alone: with C2 its JVM spent over a third of its
# CPU compiling its own code while it measured (and, started from source, javac's before it).
mkdir -p "$WORK/driver"
javac -d "$WORK/driver" "$ROOT/bench/Driver.java"
DRIVER=(java -XX:TieredStopAtLevel=1 -cp "$WORK/driver" Driver)
FED_JOBS=100000

WORKLOADS=(
    "REPLICATE 3, -P 1|1|ADDJOB q body 0 REPLICATE 3"
    "REPLICATE 3, -P 16|16|ADDJOB q body 0 REPLICATE 3"
    "REPLICATE 1, -P 1|1|ADDJOB q body 0 REPLICATE 1"
    "REPLICATE 1, -P 16|16|ADDJOB q body 0 REPLICATE 1"
    "REPLICATE 3 ASYNC, -P 16|16|ADDJOB q body 0 REPLICATE 3 ASYNC"
)

# field NAME LINE: the value of NAME=... in the driver's result line.
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p" <<<"$2"; }

# one_cross KIND ACKVERB: on empty nodes of KIND's cluster, jobs/s moved from a fill on its
# first node (A) to consumers on its second (B), and the three servers' CPU per job while the
# consumers drained them, and other processes' share of the CPU meanwhile ("RATE CPU OTHER").
one_cross() {
    local kind=$1 verb=$2 ports=($(ports_of "$1")) q="fed$RANDOM" line t0 t
    flush_all "${ports[@]}"
    taskset -c 1 "${DRIVER[@]}" fill --port "${ports[0]}" --queue "$q" --jobs "$FED_JOBS" --conns 4 >/dev/null
    t0=$(cpu_ticks "$kind")
    other_mark
    line=$(taskset -c 1 timeout 300 "${DRIVER[@]}" cycle --port "${ports[1]}" --queue "$q" --conns 8 --count 16 \
        --timeout 2000 --jobs "$FED_JOBS" --ack "$verb" | tail -n 1)
    t=$(( $(cpu_ticks "$kind") - t0 ))
    printf '%.0f %s %s\n' "$(field jobs_per_sec "$line")" "$(cpu_per "$t" "$FED_JOBS")" "$(other_load "$t")"
}

# BEST[KIND] holds "RATE CPU OTHER" of the best run so far of the row being measured.
declare -A BEST
keep_best() {
    local kind=$1 r
    read -r r _ <<<"$2"
    if [[ -z ${BEST[$kind]:-} ]] || (( r > ${BEST[$kind]%% *} )); then BEST[$kind]="$2"; fi
}

# row COMMAND ARGS...: REPEAT rounds of "COMMAND KIND ARGS..." for each kind in turn (the
# other cluster stopped meanwhile); appends each kind's best "RATE CPU OTHER" to RESULT_KIND.
row() {
    local i kind
    BEST=()
    for i in $(seq "$REPEAT"); do
        for kind in "${KINDS[@]}"; do
            unpark "$kind"
            keep_best "$kind" "$("$1" "$kind" "${@:2}")"
            park "$kind"
        done
    done
    for kind in "${KINDS[@]}"; do eval "RESULT_$kind+=(${BEST[$kind]})"; done
}

# untimed KIND COMMAND ARGS...: runs "COMMAND KIND ARGS..." once, unmeasured, on that cluster.
untimed() {
    local kind=$1
    unpark "$kind"
    "$2" "$kind" "${@:3}" >/dev/null
    park "$kind"
}

warm_up() {
    local kind=$1 ports=($(ports_of "$1")) w pipe repl async
    # The same unmeasured warm-up for both servers, on every path the rows measure: a JVM
    # needs a few hundred thousand requests before its JIT has compiled the hot paths and
    # its heap has grown to the load (with less, the first row measured the warm-up: ours
    # moved between 50k and 71k/s at REPLICATE 3 -P 1 from one run to the next).
    for w in "16 3" "1 3" "1 1" "16 3 ASYNC"; do
        read -r pipe repl async <<<"$w"
        # shellcheck disable=SC2086
        taskset -c 1 redis-benchmark -p "${ports[0]}" -c "$CLIENTS" -n "$WARMUP" -P "$pipe" -q \
            ADDJOB warm body 0 REPLICATE "$repl" $async >/dev/null 2>&1 || true
        flush_all "${ports[@]}"
    done
    # Two unmeasured drains of each kind warm up the federation and ack paths (the JIT, for
    # ours: with three busy nodes on one core its compiler threads get little time, and a
    # single drain of a fifth of the jobs left a third drain still partly interpreted).
    one_cross "$kind" ACKJOB >/dev/null
    one_cross "$kind" ACKJOB >/dev/null
    one_cross "$kind" FASTACK >/dev/null
    one_cross "$kind" FASTACK >/dev/null
}

one_latency() {
    local ports=($(ports_of "$1")) line
    flush_all "${ports[@]}"
    line=$(taskset -c 1 timeout 300 "${DRIVER[@]}" latency --port "${ports[0]}" --consumer-port "${ports[1]}" \
        --queue "lat$RANDOM" --jobs 3000 --rate 500 | tail -n 1)
    echo "$(field p50_ms "$line") $(field p99_ms "$line")"
}

KINDS=(ours)
[[ -n ${DISQUE_C_SERVER:-} ]] && KINDS+=(orig)
NODE_TIMEOUT=120000
echo "3-node cluster, nodes pinned to core 0, redis-benchmark ($CLIENTS clients, $N requests, best of $REPEAT) on core 1" >&2
for kind in "${KINDS[@]}"; do
    start_cluster "$kind"
    park "$kind"
done
for kind in "${KINDS[@]}"; do untimed "$kind" warm_up; done
RESULT_ours=()
RESULT_orig=()
for w in "${WORKLOADS[@]}"; do
    IFS='|' read -r label pipe cmd <<<"$w"
    # shellcheck disable=SC2086
    row one_rate "$pipe" $cmd
done
row one_cross ACKJOB
row one_cross FASTACK
for kind in "${KINDS[@]}"; do
    unpark "$kind"
    read -r p50 p99 <<<"$(one_latency "$kind")"
    park "$kind"
    eval "RESULT_$kind+=($p50 - - $p99 - -)"
done
OURS=("${RESULT_ours[@]}")
ORIG=("${RESULT_orig[@]+"${RESULT_orig[@]}"}")

if [[ -n ${DISQUE_C_SERVER:-} ]]; then
    echo "| work | original | ours | ours / original | server CPU per request or job, original / ours (all 3 nodes) | other load (original / ours) |"
    echo "|---|---:|---:|---:|---:|---:|"
else
    echo "| work | ours | server CPU per request or job (all 3 nodes) | other load |"
    echo "|---|---:|---:|---:|"
fi
LABELS=()
for w in "${WORKLOADS[@]}"; do IFS='|' read -r label _ _ <<<"$w"; LABELS+=("ADDJOB $label|/s|higher"); done
LABELS+=("A -> B, GETJOB COUNT 16 + ACKJOB, 8 consumers|/s|higher")
LABELS+=("A -> B, GETJOB COUNT 16 + FASTACK, 8 consumers|/s|higher")
LABELS+=("A -> B, ADDJOB to GETJOB p50| ms|lower")
LABELS+=("A -> B, ADDJOB to GETJOB p99| ms|lower")
# Three words per row: the figure, the CPU per request and the other load ("-" where none).
cpu_cell() { [[ $1 == - ]] && echo "" || echo "$1 µs"; }
pct_cell() { [[ $1 == - ]] && echo "" || echo "$1%"; }
i=0
for l in "${LABELS[@]}"; do
    IFS='|' read -r label unit better <<<"$l"
    ours=${OURS[3 * i]} ours_cpu=$(cpu_cell "${OURS[3 * i + 1]}") ours_other=$(pct_cell "${OURS[3 * i + 2]}")
    if [[ -n ${DISQUE_C_SERVER:-} ]]; then
        orig=${ORIG[3 * i]} orig_cpu=$(cpu_cell "${ORIG[3 * i + 1]}") orig_other=$(pct_cell "${ORIG[3 * i + 2]}")
        ratio=$(awk -v a="$ours" -v b="$orig" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }')
        cpu=""
        [[ -n $ours_cpu ]] && cpu="$orig_cpu / $ours_cpu"
        other=""
        [[ -n $ours_other ]] && other="$orig_other / $ours_other"
        echo "| $label | $orig$unit | $ours$unit | $ratio ($better is better) | $cpu | $other |"
    else
        echo "| $label | $ours$unit | $ours_cpu | $ours_other |"
    fi
    i=$((i + 1))
done
