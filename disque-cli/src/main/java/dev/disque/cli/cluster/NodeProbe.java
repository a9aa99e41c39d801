/*
 * NodeProbe: what one node says about itself and the cluster at one
 * moment: its ID, its CLUSTER NODES and CLUSTER INFO, the priorities its
 * HELLO gives, and its INFO fields (jobs, queues, memory, leaving). The
 * cluster tools take one probe per node and compare them; a node that
 * does not answer is a probe with an error rather than an exception, so
 * that one dead node still leaves a report about the others.
 */
package dev.disque.cli.cluster;

import dev.disque.cli.net.Endpoint;
import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.cli.net.Session;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public record NodeProbe(String address, String error, String myId, List<NodeLine> nodes,
                        Map<String, String> clusterInfo, Map<String, String> info, Map<String, String> priorities) {

    /** Connects to host:port (with the CLI's TLS, timeout and password) and asks. */
    public static NodeProbe take(Endpoint base, String password, String host, int port) {
        String address = host + ":" + port;
        try (Session s = new Session(base.retarget(host, port), password, m -> { })) {
            String id = text(s, "CLUSTER", "MYID");
            List<NodeLine> nodes = NodeLine.parse(text(s, "CLUSTER", "NODES"));
            if (nodes == null) throw new IOException("CLUSTER NODES: not a node table");
            Map<String, String> clusterInfo = fields(text(s, "CLUSTER", "INFO"));
            Map<String, String> info = fields(text(s, "INFO"));
            info.putAll(fields(text(s, "INFO", "cluster")));
            return new NodeProbe(address, null, id, nodes, clusterInfo, info, priorities(call(s, "HELLO")));
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new NodeProbe(address, why, null, List.of(), Map.of(), Map.of(), Map.of());
        }
    }

    public boolean ok() {
        return error == null;
    }

    /** An INFO or CLUSTER INFO field, or "-" when not known. */
    public String field(String name) {
        String v = info.get(name);
        if (v == null) v = clusterInfo.get(name);
        return v == null ? "-" : v;
    }

    static Reply call(Session s, String... args) throws IOException {
        Reply r = s.call(RespConnection.args(args));
        if (r.isError()) throw new IOException(args[0] + ": " + r.asText());
        return r;
    }

    static String text(Session s, String... args) throws IOException {
        String t = call(s, args).asText();
        if (t == null) throw new IOException(args[0] + ": unexpected reply");
        return t;
    }

    /** "name:value" lines of INFO and CLUSTER INFO. */
    static Map<String, String> fields(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) m.put(line.substring(0, colon), line.substring(colon + 1).trim());
        }
        return m;
    }

    /** HELLO's [1, myid, [id, ip, port, priority] ...] as id to priority. */
    static Map<String, String> priorities(Reply hello) {
        Map<String, String> m = new HashMap<>();
        if (!(hello instanceof Reply.Multi top)) return m;
        for (Reply r : top.items().subList(Math.min(2, top.items().size()), top.items().size())) {
            if (r instanceof Reply.Multi n && n.items().size() >= 4) m.put(n.items().get(0).asText(), n.items().get(3).asText());
        }
        return m;
    }
}
