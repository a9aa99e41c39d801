/*
 * NodeTable: `disque --cluster nodes`, and the table `create` and
 * `add-node` end with: one row per node of the cluster, with its flags and
 * HELLO priority as the node asked sees them, and the jobs, queues and
 * memory each node reports about itself. A table for people, one JSON
 * array for scripts; a node that does not answer keeps its row, with
 * dashes and its error, so the operator sees what is missing.
 */
package dev.disque.cli.cluster;

import dev.disque.cli.render.ReplyRenderer;
import dev.disque.cli.render.TextTable;
import java.util.ArrayList;
import java.util.List;

public final class NodeTable {
    /** One row: the seed's line about the node, and the node's own probe. */
    public record Row(NodeLine line, String priority, NodeProbe probe) {
    }

    private NodeTable() {
    }

    /** The rows for every node the seed knows, each probed on its own. */
    public static List<Row> rows(NodeProbe seed, java.util.function.Function<String, NodeProbe> probeAt) {
        List<Row> rows = new ArrayList<>();
        for (NodeLine n : seed.nodes()) {
            NodeProbe p = n.myself() ? seed : probeAt.apply(n.address());
            rows.add(new Row(n, seed.priorities().getOrDefault(n.id(), "-"), p));
        }
        return rows;
    }

    public static String human(List<Row> rows) {
        TextTable t = new TextTable("ID", "ADDRESS", "FLAGS", "PRIORITY", "LINK", "JOBS", "QUEUES", "MEMORY");
        for (Row r : rows) {
            NodeProbe p = r.probe();
            t.row(r.line().id(), r.line().address(), r.line().flagText(), r.priority(),
                    r.line().connected() ? "connected" : "disconnected", p.field("registered_jobs"),
                    p.field("registered_queues"), p.field("used_memory_human"));
        }
        StringBuilder b = new StringBuilder(t.toString());
        for (Row r : rows) {
            if (!r.probe().ok()) b.append(r.line().address()).append(": does not answer (").append(r.probe().error()).append(")\n");
        }
        return b.toString();
    }

    public static String json(List<Row> rows) {
        StringBuilder b = new StringBuilder("[");
        for (Row r : rows) {
            if (b.length() > 1) b.append(',');
            NodeProbe p = r.probe();
            b.append("{\"id\":").append(ReplyRenderer.jsonString(r.line().id()))
             .append(",\"address\":").append(ReplyRenderer.jsonString(r.line().address()))
             .append(",\"flags\":[");
            for (int i = 0; i < r.line().flags().size(); i++) {
                if (i > 0) b.append(',');
                b.append(ReplyRenderer.jsonString(r.line().flags().get(i)));
            }
            b.append("],\"priority\":").append(number(r.priority()))
             .append(",\"connected\":").append(r.line().connected())
             .append(",\"jobs\":").append(number(p.field("registered_jobs")))
             .append(",\"queues\":").append(number(p.field("registered_queues")))
             .append(",\"memory\":").append(number(p.field("used_memory")))
             .append(",\"leaving\":").append(p.ok() ? Boolean.toString("yes".equals(p.field("leaving"))) : "null")
             .append(",\"error\":").append(p.ok() ? "null" : ReplyRenderer.jsonString(p.error())).append('}');
        }
        return b.append("]\n").toString();
    }

    private static String number(String s) {
        return s.matches("-?[0-9]{1,18}") ? s : "null";
    }
}
