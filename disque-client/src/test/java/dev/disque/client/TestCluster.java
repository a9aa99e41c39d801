/*
 * TestCluster: N embedded server-lite nodes in this JVM joined into one
 * cluster over real sockets, for the client's cluster tests. disque-junit
 * has the same machinery (@EmbeddedDisque(nodes = N)) but depends on this
 * module, so this is a small copy: every node but the first MEETs the first
 * at its bus port (port-0 servers do not use port + 10000), then a bounded
 * poll waits until every node reaches all the others. Nodes can be stopped,
 * and new ones started and joined later.
 */
package dev.disque.client;

import dev.disque.server.DisqueServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

final class TestCluster implements AutoCloseable {
    /** Short enough that a stopped node is flagged failing within a test, long enough for a busy 2-core machine. */
    static final String NODE_TIMEOUT_MS = "2000";
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);

    private final List<DisqueServer> nodes = new ArrayList<>();
    private final Set<DisqueServer> stopped = new HashSet<>();

    /** Starts and joins {@code n} nodes. */
    TestCluster(int n) {
        for (int i = 0; i < n; i++) nodes.add(start());
        for (DisqueServer s : nodes.subList(1, n)) meet(s, nodes.get(0));
        awaitMesh();
    }

    private static DisqueServer start() {
        return DisqueServer.builder().port(0).config("cluster-node-timeout", NODE_TIMEOUT_MS).build().start();
    }

    /** @return node {@code i} */
    DisqueServer node(int i) {
        return nodes.get(i);
    }

    /** @return the running nodes */
    List<DisqueServer> running() {
        List<DisqueServer> out = new ArrayList<>();
        for (DisqueServer s : nodes) if (!stopped.contains(s)) out.add(s);
        return out;
    }

    /** @return the node listening on {@code port} */
    DisqueServer byPort(int port) {
        for (DisqueServer s : nodes) if (s.port() == port) return s;
        throw new IllegalArgumentException("no node on port " + port);
    }

    /** @return {@code disque://} seeds of the given nodes, with a 5 s command timeout */
    String uri(DisqueServer... seeds) {
        StringBuilder sb = new StringBuilder("disque://");
        for (int i = 0; i < seeds.length; i++) {
            if (i > 0) sb.append(',');
            sb.append("127.0.0.1:").append(seeds[i].port());
        }
        return sb.append("?timeout=5s").toString();
    }

    /** Starts one more node, MEETs it with the first running one and waits for the full mesh. */
    DisqueServer addNode() {
        DisqueServer s = start();
        DisqueServer existing = running().get(0);
        nodes.add(s);
        meet(s, existing);
        awaitMesh();
        return s;
    }

    /** Stops a node (its clients lose their connections; the survivors flag it failing after the node timeout). */
    void stop(DisqueServer s) {
        stopped.add(s);
        s.close();
    }

    private static void meet(DisqueServer from, DisqueServer to) {
        Object r = call(from, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(to.port()),
                Integer.toString(to.clusterPort()));
        if (!"OK".equals(r)) throw new IllegalStateException("CLUSTER MEET answered " + r);
    }

    /** Polls CLUSTER INFO until every running node reaches all the other running ones. */
    void awaitMesh() {
        List<DisqueServer> up = running();
        String want = "cluster_reachable_nodes:" + (up.size() - 1);
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        while (true) {
            String lacking = null;
            for (DisqueServer s : up) {
                String info = (String) call(s, "CLUSTER", "INFO");
                if (!info.lines().anyMatch(l -> l.trim().equals(want))) {
                    lacking = "node " + s.port() + " has " + info.lines().filter(l -> l.startsWith("cluster_reach"))
                            .findFirst().orElse("no reachable count");
                    break;
                }
            }
            if (lacking == null) return;
            if (System.nanoTime() - deadline > 0) throw new IllegalStateException("no full mesh: " + lacking);
            sleep(50);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One command over a plain socket, independent of the client under test; replies as String, Long or List. */
    static Object call(DisqueServer s, String... args) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", s.port()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                byte[] b = a.getBytes(StandardCharsets.UTF_8);
                sb.append('$').append(b.length).append("\r\n").append(a).append("\r\n");
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException("node " + s.port() + ": " + String.join(" ", args), e);
        }
    }

    private static Object read(InputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                return new IllegalStateException(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int n = Integer.parseInt(line);
                if (n < 0) return null;
                byte[] b = in.readNBytes(n + 2);
                return new String(b, 0, n, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) return null;
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) items.add(read(in));
                return items;
            }
            default:
                throw new IOException("unexpected reply type " + type);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) throw new IOException("connection closed");
            b.write(c);
        }
        in.read();
        return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (DisqueServer s : nodes) s.close();
    }
}
