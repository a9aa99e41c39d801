/*
 * ClusterTables: the shell's view of CLUSTER NODES and HELLO. Their
 * replies are made for programs (a line of six space-separated fields per
 * node; nested arrays of ID, IP, port and priority); on a terminal the
 * shell shows them as tables with headings, HELLO's priorities named
 * (1 healthy, 5 not linked, 10 possibly failing, 100 failing or leaving).
 * --raw, --csv and --json keep the replies as they are, for scripts. A
 * reply of another shape (an error, a future format) is left to the
 * usual renderer.
 */
package dev.disque.cli.render;

import dev.disque.cli.cluster.NodeLine;
import dev.disque.cli.net.Reply;
import java.nio.charset.StandardCharsets;
import java.util.List;

public final class ClusterTables {
    private ClusterTables() {
    }

    /** The table for the reply to this command, or null when it gets none. */
    public static String render(List<byte[]> args, Reply reply) {
        if (args.isEmpty()) return null;
        String cmd = new String(args.get(0), StandardCharsets.UTF_8);
        if (cmd.equalsIgnoreCase("hello") && args.size() == 1) return hello(reply);
        if (cmd.equalsIgnoreCase("cluster") && args.size() == 2
                && new String(args.get(1), StandardCharsets.UTF_8).equalsIgnoreCase("nodes")) {
            return nodes(reply);
        }
        return null;
    }

    static String nodes(Reply reply) {
        if (!(reply instanceof Reply.Bulk b)) return null;
        List<NodeLine> lines = NodeLine.parse(b.text());
        if (lines == null || lines.isEmpty()) return null;
        TextTable t = new TextTable("ID", "ADDRESS", "FLAGS", "PING-SENT", "PONG-RECEIVED", "LINK");
        for (NodeLine n : lines) {
            t.row(n.id(), n.address(), n.flagText(), n.pingSent(), n.pongReceived(),
                    n.connected() ? "connected" : "disconnected");
        }
        return t.toString();
    }

    static String hello(Reply reply) {
        if (!(reply instanceof Reply.Multi m) || m.items().size() < 2) return null;
        String version = m.items().get(0).asText();
        String myId = m.items().get(1).asText();
        if (version == null || myId == null) return null;
        TextTable t = new TextTable("ID", "ADDRESS", "PRIORITY", "");
        for (Reply r : m.items().subList(2, m.items().size())) {
            if (!(r instanceof Reply.Multi n) || n.items().size() != 4) return null;
            String id = n.items().get(0).asText();
            String priority = n.items().get(3).asText();
            t.row(id, n.items().get(1).asText() + ":" + n.items().get(2).asText(),
                    priority + " (" + meaning(priority) + ")", myId.equals(id) ? "myself" : "");
        }
        return "HELLO version " + version + ", this node " + myId + "\n" + t;
    }

    static String meaning(String priority) {
        switch (priority == null ? "" : priority) {
            case "1": return "healthy";
            case "5": return "not linked";
            case "10": return "possibly failing";
            case "100": return "failing or leaving";
            default: return "unknown";
        }
    }
}
