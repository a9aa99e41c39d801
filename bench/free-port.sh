# free-port.sh: sourced by the bench scripts; defines free_port.
#
# free_port prints a 127.0.0.1 port on which nothing answers, nor on its
# cluster bus port (+10000), both below the ephemeral range so that no
# outgoing connection takes them meanwhile. After 100 tries it gives up and
# exits the script. A port can still be taken between this check and the
# server's bind; the scripts that start nodes check that the node they
# reach is theirs.
free_port() {
    local p
    for _ in $(seq 100); do
        p=$(( 10000 + RANDOM % 22000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null \
                && ! (exec 3<>"/dev/tcp/127.0.0.1/$((p + 10000))") 2>/dev/null; then
            echo "$p"
            return
        fi
    done
    echo "no free port found" >&2
    exit 1
}
