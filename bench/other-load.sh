# other-load.sh: sourced by the bench scripts; defines other_mark and other_load.
#
# Other work on the machine can only slow a run down, so every figure is shown
# with the share of all CPU time that processes other than the measured
# servers and the load generator took meanwhile. other_mark, called in the
# shell that then runs the load generator, records the counters; other_load
# SERVER_TICKS prints that share (%) since the mark, given the CPU ticks the
# measured servers used meanwhile. The load generator counts as the marking
# shell's own once it has finished (a process's finished children are in its
# /proc stat).
jiffies_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8; exit }' /proc/stat; }
jiffies_all() { awk '/^cpu / { print $2 + $3 + $4 + $5 + $6 + $7 + $8; exit }' /proc/stat; }
# jiffies_of PID: the process's CPU time with that of its finished children.
jiffies_of() { sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 + $14 + $15 }'; }

other_mark() { OTHER_AT="$BASHPID $(jiffies_busy) $(jiffies_all) $(jiffies_of "$BASHPID")"; }
other_load() {
    local pid b0 a0 o0
    read -r pid b0 a0 o0 <<<"$OTHER_AT"
    awk -v b=$(( $(jiffies_busy) - b0 )) -v a=$(( $(jiffies_all) - a0 )) -v o=$(( $(jiffies_of "$pid") - o0 )) -v s="$1" \
        'BEGIN { x = b - s - o; if (x < 0) x = 0; if (x > a) x = a; printf "%.0f", 100 * x / (a > 0 ? a : 1) }'
}
