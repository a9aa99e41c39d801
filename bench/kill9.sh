#!/usr/bin/env bash
# kill -9 rounds under load with appendfsync always: no job the node
# acknowledged may be missing after the restart.
#
#   bench/kill9.sh [--rounds N] [--clients N] [--max-ms MS] [--seed N]
#
# Runs bench/KillRounds.java (see its top comment): each round kills a node
# started by bin/disque-server with SIGKILL at a random moment under load,
# restarts it over the same directory, and checks every confirmed job is
# back, every acknowledged job stays gone, and no temporary rewrite file is
# left. Prints a Markdown table; exits non-zero if anything was lost. The
# default 10 rounds take about a minute. Servers bind 127.0.0.1 only and are
# stopped by PID.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
case "${1:-}" in -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;; esac
# Build first (bin/disque-server would otherwise build inside the first round's start).
"$ROOT/bin/disque-server" --version >/dev/null
exec java "$ROOT/bench/KillRounds.java" --root "$ROOT" "$@"
