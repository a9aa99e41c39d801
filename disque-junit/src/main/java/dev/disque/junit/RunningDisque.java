/*
 * RunningDisque: what one @EmbeddedDisque started, alive for the class or
 * method that asked for it: one node, or N nodes joined into a cluster,
 * and the client it hands connections out of, made on first use. If any
 * node fails to start, or the cluster does not form in time, the nodes
 * already started are stopped before the error reaches JUnit. JUnit
 * closes it when the class or method that owns it is done.
 */
package dev.disque.junit;

import dev.disque.testkit.ClusterJoin;

import dev.disque.server.DisqueServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

final class RunningDisque implements AutoCloseable {
    private final List<EmbeddedNode> nodes;
    /** The servers in start order; the first is the one a lone DisqueServer parameter gets. */
    final List<DisqueServer> servers;
    private ClientSupport.Client client;

    private RunningDisque(List<EmbeddedNode> nodes) {
        this.nodes = List.copyOf(nodes);
        this.servers = nodes.stream().map(n -> n.server).toList();
    }

    static RunningDisque start(EmbeddedDisque annotation) throws IOException {
        int count = annotation.nodes();
        if (count < 1) throw new IllegalArgumentException("@EmbeddedDisque(nodes = " + count + "): at least one node");
        if (annotation.meshTimeoutSeconds() < 1) {
            throw new IllegalArgumentException("@EmbeddedDisque(meshTimeoutSeconds = " + annotation.meshTimeoutSeconds()
                    + "): at least one second");
        }
        List<EmbeddedNode> started = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) started.add(EmbeddedNode.start(annotation.config()));
            RunningDisque running = new RunningDisque(started);
            if (count > 1) {
                ClusterJoin.join(running.joinNodes(), running.password(), Duration.ofSeconds(annotation.meshTimeoutSeconds()));
            }
            return running;
        } catch (IOException | RuntimeException e) {
            for (EmbeddedNode n : started) {
                try {
                    n.close();
                } catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /** Each node as the join sees it: reached, and met, on 127.0.0.1 at its own client and bus ports. */
    private List<ClusterJoin.Node> joinNodes() {
        return servers.stream()
                .map(s -> new ClusterJoin.Node("127.0.0.1", s.port(), "127.0.0.1", s.port(), s.clusterPort()))
                .toList();
    }

    /** requirepass, the same on every node (they share the annotation's config); empty for none. */
    String password() {
        return servers.get(0).config().get("requirepass");
    }

    /** The client for these servers, made on first use (only then is disque-client needed). */
    synchronized ClientSupport.Client client() {
        if (client == null) client = ClientSupport.clientFor(servers);
        return client;
    }

    @Override
    public synchronized void close() throws IOException {
        Exception failure = null;
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        for (EmbeddedNode n : nodes) {
            try {
                n.close();
            } catch (IOException | RuntimeException e) {
                if (failure == null) failure = e;
                else failure.addSuppressed(e);
            }
        }
        if (failure instanceof IOException io) throw io;
        if (failure instanceof RuntimeException r) throw r;
    }
}
