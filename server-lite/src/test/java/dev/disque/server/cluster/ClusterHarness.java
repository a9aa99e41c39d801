/*
 * ClusterHarness: a cluster of real disque-server processes on 127.0.0.1,
 * for the cluster tests.
 *
 * Each node gets its own temporary directory holding a disque.conf (with a
 * relative dir, as a user would write it) and is started from it. Client
 * ports are picked free at run time with their bus port (port + 10000)
 * free too. Nodes can be SIGKILLed and restarted from the same directory,
 * so they come back with the same ID and peers from nodes.conf. Every
 * wait is a bounded poll; close() kills whatever is still running.
 */
package dev.disque.server.cluster;

import dev.disque.server.RespClient;
import dev.disque.server.ServerProcess;
import dev.disque.testkit.FreePorts;
import dev.disque.testkit.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

final class ClusterHarness implements AutoCloseable {
    /** One node: its directory, ports and (while running) its process. */
    final class Member {
        final int index;
        final Path dir;
        int port;
        ServerProcess process;
        String id;

        Member(int index, Path dir) {
            this.index = index;
            this.dir = dir;
        }

        boolean alive() {
            return process != null && process.isAlive();
        }

        /** Sends one command on a fresh connection and returns the decoded reply. */
        Object call(Object... args) {
            try (RespClient c = new RespClient(port)) {
                return c.call(args);
            } catch (IOException e) {
                throw new UncheckedIOException("node " + index + " (port " + port + ")", e);
            }
        }

        String info(String field) {
            String text = (String) call("cluster", "info");
            for (String line : text.split("\r\n")) {
                if (line.startsWith(field + ":")) return line.substring(field.length() + 1);
            }
            return null;
        }

        /** A numeric field of INFO section, e.g. info("jobs", "registered_jobs"). */
        long info(String section, String field) {
            for (String line : ((String) call("info", section)).split("\r\n")) {
                if (line.startsWith(field + ":")) return Long.parseLong(line.substring(field.length() + 1));
            }
            throw new AssertionError("no " + field + " in INFO " + section + " of node " + index);
        }

        int knownNodes() {
            return Integer.parseInt(info("cluster_known_nodes"));
        }

        int reachableNodes() {
            return Integer.parseInt(info("cluster_reachable_nodes"));
        }

        /** The flags this node gives the node with that ID in CLUSTER NODES, or null if unknown. */
        String flagsOf(String nodeId) {
            for (String line : ((String) call("cluster", "nodes")).split("\n")) {
                String[] f = line.split(" ");
                if (f[0].equals(nodeId)) return f[2];
            }
            return null;
        }

        void kill() {
            process.kill();
        }

        /** Starts (or restarts) the node from its directory; returns when it serves. */
        void start() throws IOException {
            process = ServerProcess.startWithConfig(dir, dir.resolve("disque.conf"));
            id = (String) call("cluster", "myid");
        }

        String output() {
            return process == null ? "" : process.output();
        }
    }

    private final Path base;
    private final List<Member> members = new ArrayList<>();
    /** The base directory was made here (startMeshed) and goes with the cluster. */
    private boolean ownsBase;

    private ClusterHarness(Path base) {
        this.base = base;
    }

    /** Starts n nodes, not yet joined; extra are "directive value" lines for every disque.conf. */
    static ClusterHarness start(Path base, int n, String... extra) throws IOException {
        ClusterHarness h = new ClusterHarness(base);
        try {
            for (int i = 0; i < n; i++) h.add(extra);
        } catch (Throwable e) {
            // Errors too (a stale test library's NoSuchMethodError once left seven nodes running).
            h.close();
            throw e;
        }
        return h;
    }

    /** Starts n nodes in a new temporary directory and joins them into a full mesh (shared by a test class). */
    static ClusterHarness startMeshed(String name, int n, Duration max, String... extra) throws IOException {
        ClusterHarness h = start(Files.createTempDirectory(name), n, extra);
        h.ownsBase = true;
        try {
            h.meetChain();
            h.awaitFullMesh(max);
        } catch (Throwable e) {
            h.close();
            throw e;
        }
        return h;
    }

    /** Brings back every killed node (same directory, same ID) and waits for the full mesh again. */
    void restartDeadAndAwaitMesh(Duration max) throws IOException {
        for (Member m : members) if (!m.alive()) m.start();
        awaitFullMesh(max);
    }

    /** A field of a SHOW or QSTAT reply (a flat name/value list), or null. */
    static Object field(Object reply, String name) {
        List<?> l = (List<?>) reply;
        for (int i = 0; i + 1 < l.size(); i += 2) if (name.equals(l.get(i))) return l.get(i + 1);
        return null;
    }

    /** Adds and starts one more node. */
    Member add(String... extra) throws IOException {
        Member m = new Member(members.size(), Files.createDirectories(base.resolve("node" + members.size())));
        for (int attempt = 0; ; attempt++) {
            m.port = FreePorts.pair();
            StringBuilder conf = new StringBuilder()
                    .append("bind 127.0.0.1\n")
                    .append("port ").append(m.port).append('\n')
                    .append("dir .\n")
                    .append("cluster-node-timeout 3000\n");
            for (String line : extra) conf.append(line).append('\n');
            Files.writeString(m.dir.resolve("disque.conf"), conf.toString(), StandardCharsets.UTF_8);
            try {
                m.start();
                break;
            } catch (ServerProcess.StartFailed e) {
                // Someone took one of the two ports between the check and the bind: pick others.
                boolean portTaken = e.output.contains("Could not listen") || e.output.contains("already in use");
                if (attempt >= 5 || !portTaken) throw e;
            }
        }
        members.add(m);
        return m;
    }

    Member get(int i) {
        return members.get(i);
    }

    int size() {
        return members.size();
    }

    List<Member> members() {
        return members;
    }

    /** Joins the nodes with a chain of MEETs: node i meets node i-1 only. */
    void meetChain() {
        for (int i = 1; i < members.size(); i++) {
            Object r = get(i).call("cluster", "meet", "127.0.0.1", get(i - 1).port);
            if (!(r instanceof RespClient.Status)) throw new AssertionError("CLUSTER MEET replied " + r);
        }
    }

    /** Waits until every live node knows every node and can reach every other live one. */
    void awaitFullMesh(Duration max) {
        int n = members.size();
        await("full mesh of " + n + " nodes", max, () -> {
            for (Member m : members) {
                if (!m.alive()) continue;
                if (m.knownNodes() != n || m.reachableNodes() != n - 1) return false;
                for (Member other : members) if (m.flagsOf(other.id) == null) return false;
            }
            return true;
        });
    }

    /**
     * Polls the condition every 50 ms (each check talks to the nodes) until it
     * holds or max has passed; a node that is restarting counts as "not yet".
     */
    static void await(String what, Duration max, BooleanSupplier condition) {
        Poll.until(what, max, Duration.ofMillis(50), () -> {
            try {
                return condition.getAsBoolean();
            } catch (UncheckedIOException e) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        for (Member m : members) {
            if (m.process == null) continue;
            try {
                m.process.close();
            } catch (IOException e) {
                // Best effort: the process is killed either way.
            }
        }
        if (ownsBase) {
            try (var walk = Files.walk(base)) {
                walk.sorted(java.util.Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A temporary directory: left for the system to clean.
            }
        }
    }
}
