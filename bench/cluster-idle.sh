#!/usr/bin/env bash
# Idle cost of a 7-node cluster on this machine: how long each node takes to
# answer PING after its start, and how much CPU the whole idle cluster uses.
#
#   bench/cluster-idle.sh [NODES] [SECONDS]     (defaults: 7 nodes, 30 s)
#
# Nodes are started with bin/disque-server (its default JVM options, or
# DISQUE_JAVA_OPTS), on 127.0.0.1 only, joined with a chain of MEETs; the
# CPU figure is utime+stime from /proc over the measured window, after the
# full mesh formed and a settling pause. Every node is stopped at the end.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODES=${1:-7}
SECONDS_MEASURED=${2:-30}
command -v redis-cli >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-tools) >/dev/null
WORK="$(mktemp -d "${TMPDIR:-/tmp}/disque-idle.XXXXXX")"
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]+"${PIDS[@]}"}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
"$ROOT/bin/disque-server" --version >/dev/null   # builds the jar first if needed

# shellcheck source=bench/free-port.sh
. "$ROOT/bench/free-port.sh"

# start_node I: starts node I and waits until it answers PING; prints the milliseconds that took.
# The node must be our process (its INFO names its PID): another program may take a free port
# between the check and the bind, and then the node exits and is started again on another port.
start_node() {
    local i=$1 p pid start tries
    for tries in 1 2 3 4 5; do
        p=$(free_port)
        rm -rf "$WORK/$i"; mkdir -p "$WORK/$i"
        start=$(date +%s%N)
        (cd "$WORK/$i" && exec "$ROOT/bin/disque-server" --port "$p" --bind 127.0.0.1 --dir . --logfile log) >/dev/null 2>&1 &
        pid=$!
        while kill -0 "$pid" 2>/dev/null; do
            if [[ $(redis-cli -p "$p" info server 2>/dev/null | tr -d '\r' | sed -n 's/^process_id://p') == "$pid" ]]; then
                PIDS+=("$pid"); PORTS+=("$p")
                STARTED_MS=$(( ($(date +%s%N) - start) / 1000000 ))
                return 0
            fi
            sleep 0.01
        done
        wait "$pid" 2>/dev/null || true
    done
    echo "node $i did not start (see $WORK/$i/log)" >&2
    exit 1
}

PORTS=()
for i in $(seq "$NODES"); do
    start_node "$i"
    echo "node $i answered PING $STARTED_MS ms after its start"
done
for i in $(seq 1 $((NODES - 1))); do redis-cli -p "${PORTS[$i]}" cluster meet 127.0.0.1 "${PORTS[$((i - 1))]}" >/dev/null; done
for p in "${PORTS[@]}"; do
    until redis-cli -p "$p" cluster info | grep -q "cluster_reachable_nodes:$((NODES - 1))"; do sleep 0.1; done
done
echo "full mesh formed; settling 10 s"
sleep 10
ticks() { local t=0 pid; for pid in "${PIDS[@]}"; do t=$((t + $(awk '{ print $14 + $15 }' "/proc/$pid/stat"))); done; echo $t; }
hz=$(getconf CLK_TCK)
t0=$(ticks); sleep "$SECONDS_MEASURED"; t1=$(ticks)
awk -v d=$((t1 - t0)) -v hz="$hz" -v s="$SECONDS_MEASURED" -v n="$NODES" \
    'BEGIN { printf "idle cluster of %d nodes: %.1f %% of one core in total (%.2f %% per node)\n", n, 100 * d / hz / s, 100 * d / hz / s / n }'
rss=0; for pid in "${PIDS[@]}"; do rss=$((rss + $(awk '/VmRSS/ { print $2 }' "/proc/$pid/status"))); done
echo "resident memory: $((rss / 1024)) MB in total"
