/*
 * ProcessCluster: N real disque-server processes on 127.0.0.1 joined into
 * one cluster, for the client and worker tests that must see what an
 * operator sees: a node SIGKILLed under its clients, restarted from its
 * directory, leaving, or joining later.
 *
 * Each node is a NodeProcess in its own directory under one temporary
 * base directory, with a client port picked free together with its bus
 * port (port + 10000). The nodes are launched together and then awaited,
 * so a cluster costs about one JVM start, and joined with ClusterJoin.
 * close() kills every node and removes the base directory.
 */
package dev.disque.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

public final class ProcessCluster implements AutoCloseable {
    /** How long the nodes may take to form the full mesh, generous for a slow busy machine. */
    public static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    /** How many times a node is launched again on other ports when someone took its ports meanwhile. */
    private static final int PORT_ATTEMPTS = 5;

    private final Path base;
    private final List<String> configLines;
    private final List<NodeProcess> nodes = new ArrayList<>();
    /** Nodes launched so far, counting relaunches: each gets a directory of its own. */
    private int launches;

    private ProcessCluster(Path base, List<String> configLines) {
        this.base = base;
        this.configLines = List.copyOf(configLines);
    }

    /**
     * Starts {@code n} nodes and joins them into a full mesh.
     *
     * @param configLines "directive value" lines for every node's disque.conf (for example
     *                    "cluster-node-timeout 2000" or "appendonly yes")
     */
    public static ProcessCluster start(int n, String... configLines) throws IOException {
        ProcessCluster c = new ProcessCluster(Files.createTempDirectory("disque-cluster-"), List.of(configLines));
        List<NodeProcess> launched = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) launched.add(c.launchNode());
            for (NodeProcess node : launched) c.nodes.add(c.awaitOrRelaunch(node));
            ClusterJoin.join(c.joinNodes(), null, JOIN_TIMEOUT);
        } catch (IOException | RuntimeException e) {
            launched.forEach(NodeProcess::close);
            c.close();
            throw e;
        }
        return c;
    }

    private NodeProcess launchNode() throws IOException {
        Path dir = Files.createDirectories(base.resolve("node" + launches++));
        return NodeProcess.launch(dir, FreePorts.pair(), configLines);
    }

    /** Waits for a launched node; if its ports were taken meanwhile, launches it again on others. */
    private NodeProcess awaitOrRelaunch(NodeProcess node) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                node.awaitReady();
                return node;
            } catch (NodeProcess.StartFailed e) {
                if (!e.portTaken() || attempt >= PORT_ATTEMPTS) throw e;
                node = launchNode();
            }
        }
    }

    /** Node {@code i}, in the order they were started (added nodes last). */
    public NodeProcess node(int i) {
        return nodes.get(i);
    }

    /** Every node, running or killed. */
    public List<NodeProcess> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** The nodes running now. */
    public List<NodeProcess> running() {
        return nodes.stream().filter(NodeProcess::isAlive).toList();
    }

    /** The node whose client port this is. */
    public NodeProcess byPort(int port) {
        for (NodeProcess n : nodes) if (n.port() == port) return n;
        throw new IllegalArgumentException("no node on port " + port);
    }

    /** "host:port,host:port" of these nodes, as client seeds. */
    public static String addresses(NodeProcess... seeds) {
        return String.join(",", Stream.of(seeds).map(NodeProcess::address).toList());
    }

    /**
     * Starts one more node, MEETs it with the first node and waits until all of them form the full mesh again.
     * Every node must be running: the mesh is whole only when none is failing.
     */
    public NodeProcess addNode() throws IOException {
        if (running().size() != nodes.size()) throw new IllegalStateException("a node is down: " + nodes);
        NodeProcess node = awaitOrRelaunch(launchNode());
        nodes.add(node);
        Object reply = node.call(ClusterJoin.meetCommand(nodes.get(0).joinNode()).toArray(new String[0]));
        if (!"OK".equals(reply)) throw new IllegalStateException("CLUSTER MEET answered " + reply);
        awaitFullMesh();
        return node;
    }

    /** SIGKILLs node {@code i}. */
    public void kill(int i) {
        nodes.get(i).kill();
    }

    /** Starts every killed node again from its directory and waits until the cluster is whole again. */
    public void restartKilled() throws IOException {
        for (NodeProcess n : nodes) if (!n.isAlive()) n.restart();
        awaitFullMesh();
    }

    /** Waits (bounded) until every node sees every other, none failing, leaving or in handshake. */
    public void awaitFullMesh() {
        ClusterJoin.awaitFullMesh(joinNodes(), null, JOIN_TIMEOUT);
    }

    private List<ClusterJoin.Node> joinNodes() {
        return nodes.stream().map(NodeProcess::joinNode).toList();
    }

    /** Kills every node and removes their directories. */
    @Override
    public void close() {
        for (NodeProcess n : nodes) n.close();
        try (Stream<Path> walk = Files.walk(base)) {
            walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A temporary directory: left for the system to clean.
        }
    }
}
