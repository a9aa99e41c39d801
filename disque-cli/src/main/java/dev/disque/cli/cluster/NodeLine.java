/*
 * NodeLine: one line of CLUSTER NODES as the server writes it,
 *   <id> <ip:port> <flags> <ping-sent> <pong-received> <connected|disconnected>
 * parsed once here so that the cluster tools and the shell's table read
 * the same fields the same way.
 */
package dev.disque.cli.cluster;

import java.util.ArrayList;
import java.util.List;

public record NodeLine(String id, String address, List<String> flags, String pingSent, String pongReceived,
                       boolean connected) {
    /** Flags that mean a peer is not a usable member (yet, or any more). */
    public static final List<String> TROUBLE = List.of("handshake", "fail?", "fail", "noaddr");

    /** The lines of a CLUSTER NODES reply; null when the text is not one. */
    public static List<NodeLine> parse(String text) {
        List<NodeLine> l = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split(" +");
            if (f.length != 6 || !f[5].matches("connected|disconnected")) return null;
            l.add(new NodeLine(f[0], f[1], List.of(f[2].split(",")), f[3], f[4], f[5].equals("connected")));
        }
        return l;
    }

    public boolean myself() {
        return flags.contains("myself");
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** The first eight characters of the ID, as the original's tools print it. */
    public String shortId() {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    public String flagText() {
        return String.join(",", flags);
    }
}
