#!/usr/bin/env bash
# bench/tasque/run.sh: tasque-java throughput against one Disque server (bin/disque-server).
#
#   bench/tasque/run.sh [--tasks n] [--window n] [--concurrency 10,50]
#
# Starts a server on a free port (or uses $DISQUE_ADDR if set), builds the
# examples jar if needed, runs TasqueBench.java with it, stops the server.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$root/examples/target/tasque-examples.jar"

if [ ! -f "$jar" ] || [ -n "$(find "$root/examples/src/main" "$root/tasque-java/src/main" "$root/disque-client/src/main" \
        -newer "$jar" -print -quit)" ]; then
    echo "building the examples jar..." >&2
    (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests -pl examples -am package)
fi

server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; }
trap cleanup EXIT

addr="${DISQUE_ADDR:-}"
if [ -z "$addr" ]; then
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    "$root/bin/disque-server" --port "$port" --loglevel warning >/dev/null &
    server_pid=$!
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
        sleep 0.1
    done
    addr="127.0.0.1:$port"
fi

# Each worker close ends its blocked GETJOB by closing that connection; the client then closes it a second
# time and Lettuce warns "Connection is already closed" (harmless; reported to disque-client).
java -Xms256m -Dorg.slf4j.simpleLogger.log.io.lettuce.core.RedisChannelHandler=error \
    -cp "$jar" "$here/TasqueBench.java" --addr "$addr" "$@"
