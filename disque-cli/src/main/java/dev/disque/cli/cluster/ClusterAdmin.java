/*
 * ClusterAdmin: `disque --cluster <command> [args]`, the operator's tools
 * in the manner of redis-cli --cluster:
 *   create host:port[@bus] ...   join empty nodes into one cluster
 *   add-node new existing        join an empty node to a cluster
 *   check [host:port]            is the cluster whole, with one view?
 *   nodes [host:port]            every node, with its jobs and memory
 *   leave [host:port]            drain a node before stopping it (LeaveDrain)
 *   top [host:port]              --top summed over every node (ClusterQueueSampler)
 * A node without an address argument is the one -h/-p name. Joining waits
 * (bounded by --timeout) until every node sees every other, polling as
 * the cluster tests do, never sleeping a fixed time and hoping. Exit
 * codes: 0 done and whole, 1 the cluster is not whole, a node did not
 * answer or a wait ran out, 2 the command line is wrong. With --json,
 * standard output is one JSON document; messages go to standard error.
 */
package dev.disque.cli.cluster;

import dev.disque.cli.DisqueCli;
import dev.disque.cli.net.Endpoint;
import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.cli.net.Session;
import dev.disque.cli.render.ReplyRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

public final class ClusterAdmin {
    public static final List<String> COMMANDS = List.of("create", "add-node", "check", "nodes", "leave", "top", "help");
    static final String USAGE = "Usage: disque --cluster <command> [args] [--timeout <seconds>] [--json]\n"
            + "  create host:port[@busport] ...   join empty nodes into one cluster\n"
            + "  add-node new-host:port existing-host:port[@busport]\n"
            + "                                   join an empty node to a cluster\n"
            + "  check [host:port]                check that every node sees every other, none failing\n"
            + "  nodes [host:port]                list the nodes with their jobs, queues and memory\n"
            + "  leave [host:port]                mark a node leaving and wait until it is safe to stop\n"
            + "  top [host:port]                  the --top queue table, summed over every node\n"
            + "The bus port defaults to port + 10000. Exit codes: 0 done, 1 cluster not whole or timed out, 2 usage.\n";
    static final long POLL_MILLIS = 100;

    private final DisqueCli cli;
    private final PrintStream out;
    private final PrintStream err;
    private boolean json;
    private long timeoutMillis;

    public ClusterAdmin(DisqueCli cli) {
        this.cli = cli;
        this.out = cli.io().out();
        this.err = cli.io().err();
        this.json = cli.renderer().format() == ReplyRenderer.Format.JSON;
        this.timeoutMillis = cli.clusterTimeoutMillis();
    }

    public int run() {
        String sub = cli.clusterCommand().toLowerCase(Locale.ROOT);
        try {
            List<String> args = trailingOptions(cli.command());
            switch (sub) {
                case "create":
                    if (args.size() < 2) return usage("create needs at least two nodes");
                    List<NodeAddress> nodes = new ArrayList<>();
                    for (String a : args) nodes.add(NodeAddress.parse(a));
                    return create(nodes);
                case "add-node":
                    if (args.size() != 2) return usage("add-node needs the new node and a node of the cluster");
                    return addNode(NodeAddress.parse(args.get(0)), NodeAddress.parse(args.get(1)));
                case "check":
                    if (args.size() > 1) return usage("check takes at most one node");
                    return check(seed(args));
                case "nodes":
                    if (args.size() > 1) return usage("nodes takes at most one node");
                    return nodes(seed(args));
                case "leave":
                    if (args.size() > 1) return usage("leave takes one node");
                    return new LeaveDrain(cli, this::probe, json, timeoutMillis).run(seed(args));
                case "top":
                    if (args.size() > 1) return usage("top takes at most one node");
                    try (ClusterQueueSampler sampler = new ClusterQueueSampler(cli.endpoint(), cli.password(), seed(args))) {
                        return dev.disque.cli.repl.TerminalLauncher.clusterTop(cli, sampler);
                    }
                case "help":
                    out.print(USAGE);
                    return 0;
                default:
                    return usage("unknown command '" + cli.clusterCommand() + "'");
            }
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } finally {
            out.flush();
        }
    }

    /**
     * The node arguments, after taking out --timeout and --json given after them (redis-cli takes its
     * --cluster options anywhere on the line; the main parser stops at the first argument).
     */
    private List<String> trailingOptions(List<String> words) {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--json")) {
                json = true;
            } else if (w.equals("--timeout")) {
                if (i + 1 >= words.size() || !words.get(i + 1).matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) {
                    throw new IllegalArgumentException("--timeout must be a number of seconds >= 0");
                }
                timeoutMillis = Math.round(Double.parseDouble(words.get(++i)) * 1000);
            } else {
                args.add(w);
            }
        }
        return args;
    }

    private int usage(String problem) {
        err.println("disque: --cluster: " + problem);
        err.print(USAGE);
        return 2;
    }

    private NodeAddress seed(List<String> args) {
        return args.isEmpty() ? new NodeAddress(cli.host(), cli.port(), 0) : NodeAddress.parse(args.get(0));
    }

    /** Probes a node named by another node's CLUSTER NODES; an address it cannot use is that node's error. */
    NodeProbe probe(String hostPort) {
        try {
            return probe(NodeAddress.parse(hostPort));
        } catch (IllegalArgumentException e) {
            return new NodeProbe(hostPort, e.getMessage(), null, List.of(), java.util.Map.of(), java.util.Map.of(),
                    java.util.Map.of());
        }
    }

    NodeProbe probe(NodeAddress a) {
        return NodeProbe.take(cli.endpoint(), cli.password(), a.host(), a.port());
    }

    // ---- create ----

    private int create(List<NodeAddress> nodes) {
        List<NodeProbe> probes = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (NodeAddress a : nodes) {
            NodeProbe p = probe(a);
            if (!p.ok()) return fail(a + ": does not answer (" + p.error() + ")");
            if (p.nodes().size() != 1) {
                return fail(a + ": is not empty: it already knows " + p.nodes().size() + " nodes (use add-node, or "
                        + "CLUSTER RESET it first)");
            }
            if (!ids.add(p.myId())) return fail(a + ": has the same ID as another node given (" + p.myId() + ")");
            probes.add(p);
        }
        NodeAddress first = nodes.get(0);
        human(">>> Sending CLUSTER MEET messages to join the cluster (" + (nodes.size() - 1) + " nodes meet " + first + ")");
        List<String> meet;
        try {
            meet = first.meetArgs();
        } catch (IOException e) {
            return fail(first + ": cannot resolve " + first.host());
        }
        for (NodeAddress a : nodes.subList(1, nodes.size())) {
            String problem = send(a, meet);
            if (problem != null) return fail(a + ": " + problem);
        }
        return awaitAndShow(nodes, ids);
    }

    // ---- add-node ----

    private int addNode(NodeAddress fresh, NodeAddress existing) {
        NodeProbe p = probe(fresh);
        if (!p.ok()) return fail(fresh + ": does not answer (" + p.error() + ")");
        NodeProbe e = probe(existing);
        if (!e.ok()) return fail(existing + ": does not answer (" + e.error() + ")");
        for (NodeLine n : e.nodes()) {
            if (n.id().equals(p.myId())) return fail(fresh + ": is already a node of the cluster of " + existing);
        }
        if (p.nodes().size() != 1) {
            return fail(fresh + ": is not empty: it already knows " + p.nodes().size() + " nodes (CLUSTER RESET it first)");
        }
        List<NodeAddress> all = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (NodeLine n : e.nodes()) {
            ids.add(n.id());
            if (n.myself()) {
                all.add(existing);
                continue;
            }
            try {
                all.add(NodeAddress.parse(n.address()));
            } catch (IllegalArgumentException x) {
                return fail(existing + " knows a node without a usable address (" + n.address() + "); check the cluster first");
            }
        }
        ids.add(p.myId());
        all.add(fresh);
        human(">>> Introducing " + fresh + " to the cluster of " + existing + " (" + e.nodes().size() + " nodes)");
        try {
            String problem = send(fresh, existing.meetArgs());
            if (problem != null) return fail(fresh + ": " + problem);
        } catch (IOException x) {
            return fail(existing + ": cannot resolve " + existing.host());
        }
        return awaitAndShow(all, ids);
    }

    /** Waits for the full mesh, then prints the node table (or says what is lacking). */
    private int awaitAndShow(List<NodeAddress> nodes, Set<String> ids) {
        if (!json) out.print("Waiting for the cluster to join");
        out.flush();
        long start = System.nanoTime();
        long lastDot = start;
        MeshCheck.Report report;
        while (true) {
            List<NodeProbe> probes = new ArrayList<>();
            for (NodeAddress a : nodes) probes.add(probe(a));
            report = MeshCheck.check(probes, ids);
            if (report.whole()) break;
            if (timeoutMillis > 0 && System.nanoTime() - start > timeoutMillis * 1_000_000L) {
                if (!json) out.println();
                err.println("[ERR] The " + nodes.size() + " nodes did not form one cluster within "
                        + seconds(timeoutMillis) + ":");
                for (String p : report.problems()) err.println("  " + p);
                return 1;
            }
            if (!json && System.nanoTime() - lastDot > 1_000_000_000L) {
                out.print('.');
                out.flush();
                lastDot = System.nanoTime();
            }
            if (!pause(POLL_MILLIS)) return 1;
        }
        if (!json) out.println();
        NodeProbe seed = probe(nodes.get(0));
        List<NodeTable.Row> rows = NodeTable.rows(seed, this::probe);
        if (json) {
            out.print(NodeTable.json(rows));
        } else {
            out.print(NodeTable.human(rows));
            out.println("[OK] " + nodes.size() + " nodes form one cluster.");
        }
        return 0;
    }

    // ---- check ----

    private int check(NodeAddress seedAddress) {
        NodeProbe seed = probe(seedAddress);
        if (!seed.ok()) return fail(seedAddress + ": does not answer (" + seed.error() + ")");
        List<NodeProbe> probes = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (NodeLine n : seed.nodes()) {
            ids.add(n.id());
            probes.add(n.myself() ? seed : probe(n.address()));
        }
        for (NodeProbe p : probes) if (p.ok()) ids.add(p.myId());
        MeshCheck.Report r = MeshCheck.check(probes, ids);
        if (json) {
            out.print("{\"ok\":" + r.whole() + ",\"nodes\":" + ids.size() + ",\"problems\":" + jsonList(r.problems())
                    + ",\"warnings\":" + jsonList(r.warnings()) + "}\n");
        } else {
            out.println(">>> Performing Cluster Check (using node " + seedAddress + ", " + ids.size() + " nodes)");
            for (String w : r.warnings()) out.println("[WARNING] " + w);
            for (String p : r.problems()) out.println("[ERR] " + p);
            if (r.whole()) out.println("[OK] All " + ids.size() + " nodes see each other, none failing: one view.");
            else out.println("[ERR] The cluster is not whole (" + r.problems().size() + " problems).");
        }
        return r.whole() ? 0 : 1;
    }

    // ---- nodes ----

    private int nodes(NodeAddress seedAddress) {
        NodeProbe seed = probe(seedAddress);
        if (!seed.ok()) return fail(seedAddress + ": does not answer (" + seed.error() + ")");
        List<NodeTable.Row> rows = NodeTable.rows(seed, this::probe);
        out.print(json ? NodeTable.json(rows) : NodeTable.human(rows));
        for (NodeTable.Row r : rows) if (!r.probe().ok()) return 1;
        return 0;
    }

    // ---- helpers ----

    /** Sends one command to a node; null when it answered +OK, else what went wrong. */
    private String send(NodeAddress a, List<String> command) {
        Endpoint e = cli.endpoint().retarget(a.host(), a.port());
        try (Session s = new Session(e, cli.password(), m -> { })) {
            Reply r = s.call(RespConnection.args(command.toArray(new String[0])));
            return "OK".equals(r.asText()) && !r.isError() ? null : String.join(" ", command) + ": " + r.asText();
        } catch (IOException x) {
            return "does not answer (" + x.getMessage() + ")";
        }
    }

    private int fail(String message) {
        err.println("[ERR] " + message);
        return 1;
    }

    private void human(String line) {
        if (!json) out.println(line);
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String jsonList(List<String> l) {
        StringBuilder b = new StringBuilder("[");
        for (String s : l) {
            if (b.length() > 1) b.append(',');
            b.append(ReplyRenderer.jsonString(s));
        }
        return b.append(']').toString();
    }

    /** Sleeps between polls; false when interrupted. */
    static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
