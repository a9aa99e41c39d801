/*
 * ClusterJoin: turns started nodes into one cluster, as an operator would
 * with CLUSTER MEET, and waits until it is whole. Every node but the first
 * meets the first, naming its bus port explicitly (it is not always the
 * client port + 10000: with port 0 it is picked free); gossip then
 * introduces the others to each other. The cluster is whole when every node
 * knows exactly the N nodes, none of them in handshake, failing, leaving
 * or without an address, has a connected bus link to each of the others
 * and counts N-1 reachable nodes: only then can a job be replicated to
 * all of them, so tests start from there. The wait is a bounded poll; when
 * it runs out, the error says what each node saw last. Shared by
 * disque-junit (embedded nodes) and disque-testcontainers (containers reached
 * through their mapped ports, meeting at their network addresses).
 */
package dev.disque.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class ClusterJoin {
    /** How long one connection or reply may take before that node counts as not answering. */
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 50;
    /** Flags of a peer in CLUSTER NODES that mean it is not (yet) a usable member. */
    private static final List<String> UNUSABLE = List.of("handshake", "fail?", "fail", "noaddr", "leaving");

    /**
     * One node: where this JVM reaches its client port ({@code host}, {@code port}), and the address its
     * peers meet it at ({@code meetIp}, {@code meetPort}, {@code meetBusPort}).
     */
    public record Node(String host, int port, String meetIp, int meetPort, int meetBusPort) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private ClusterJoin() {
    }

    /** The command sent to every node but the first: meet the first one, at its bus port. */
    public static List<String> meetCommand(Node first) {
        return List.of("CLUSTER", "MEET", first.meetIp(), Integer.toString(first.meetPort()),
                Integer.toString(first.meetBusPort()));
    }

    /** MEETs the nodes, then waits at most {@code max} until they form a full mesh. */
    public static void join(List<Node> nodes, String password, Duration max) {
        List<String> meet = meetCommand(nodes.get(0));
        for (Node n : nodes.subList(1, nodes.size())) {
            Object reply = call(n, password, meet.toArray(new String[0]));
            if (!"OK".equals(reply)) throw new IllegalStateException(n + " answered " + meet + " with " + reply);
        }
        awaitFullMesh(nodes, password, max);
    }

    /** Polls every node until each sees the full mesh, or fails after {@code max} with what each saw last. */
    public static void awaitFullMesh(List<Node> nodes, String password, Duration max) {
        Set<String> ids = new LinkedHashSet<>();
        for (Node n : nodes) ids.add((String) call(n, password, "CLUSTER", "MYID"));
        if (ids.size() != nodes.size()) {
            throw new IllegalStateException("the " + nodes.size() + " nodes have only " + ids.size()
                    + " distinct IDs " + ids + ": nodes sharing an ID cannot form a cluster");
        }
        long deadline = System.nanoTime() + max.toNanos();
        String[] lacking = new String[nodes.size()];
        while (true) {
            boolean whole = true;
            for (int i = 0; i < nodes.size(); i++) {
                lacking[i] = lacking(nodes.get(i), password, ids);
                if (lacking[i] != null) whole = false;
            }
            if (whole) return;
            if (System.nanoTime() - deadline > 0) {
                StringBuilder sb = new StringBuilder("the ").append(nodes.size())
                        .append(" Disque nodes did not form a full mesh within ").append(max.toMillis()).append(" ms:");
                for (int i = 0; i < nodes.size(); i++) {
                    sb.append("\n  node ").append(i).append(" (").append(nodes.get(i)).append("): ")
                      .append(lacking[i] == null ? "sees the full mesh" : lacking[i]);
                }
                throw new IllegalStateException(sb.toString());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the cluster to form", e);
            }
        }
    }

    /** What this node lacks of the full mesh, or null when it sees it whole. */
    private static String lacking(Node node, String password, Set<String> ids) {
        String nodes;
        String info;
        try (RespConnection c = new RespConnection(node.host(), node.port(), password, IO_TIMEOUT)) {
            nodes = (String) c.call("CLUSTER", "NODES");
            info = (String) c.call("CLUSTER", "INFO");
        } catch (IOException e) {
            return "no answer (" + e.getMessage() + ")";
        }
        return lacking(nodes, info, ids);
    }

    /** The check itself, on the text of CLUSTER NODES and CLUSTER INFO; null when the mesh is whole. */
    public static String lacking(String clusterNodes, String clusterInfo, Set<String> ids) {
        List<String> problems = new ArrayList<>();
        Map<String, String[]> seen = new HashMap<>();
        for (String line : clusterNodes.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.trim().split(" ");
            seen.put(f[0], f);
            List<String> flags = List.of(f[2].split(","));
            if (flags.contains("myself")) continue;
            String who = shortId(f[0]) + " (" + f[1] + ")";
            if (!ids.contains(f[0]) && !flags.contains("handshake")) problems.add("knows a stranger " + who);
            for (String flag : UNUSABLE) if (flags.contains(flag)) problems.add(who + " is " + flag);
            if (!f[f.length - 1].equals("connected")) problems.add("has no link to " + who);
        }
        for (String id : ids) if (!seen.containsKey(id)) problems.add("does not know " + shortId(id));
        String reachable = field(clusterInfo, "cluster_reachable_nodes");
        if (!Integer.toString(ids.size() - 1).equals(reachable)) {
            problems.add("reaches " + reachable + " of the " + (ids.size() - 1) + " others");
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    private static String field(String info, String name) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith(name + ":")) return line.substring(name.length() + 1).trim();
        }
        return "?";
    }

    private static String shortId(String id) {
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static Object call(Node n, String password, String... command) {
        try (RespConnection c = new RespConnection(n.host(), n.port(), password, IO_TIMEOUT)) {
            return c.call(command);
        } catch (IOException e) {
            throw new UncheckedIOException("Disque node at " + n + ": " + String.join(" ", command), e);
        }
    }
}
