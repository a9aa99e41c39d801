/*
 * ClusterAdminTest: `disque --cluster create|add-node|check|nodes` against
 * several embedded servers in this JVM over real sockets: the nodes join
 * into a full mesh and the table lists them all; check passes on a whole
 * cluster and fails (exit 1) once a node is down; add-node grows it;
 * non-empty nodes, dead nodes and bad command lines are refused with the
 * exit codes the help promises; --json is one document for scripts.
 * Every wait is the CLI's own bounded poll, with a timeout generous for a
 * slow machine.
 */
package dev.disque.cli.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.DisqueCli;
import dev.disque.cli.Io;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterAdminTest {
    /** What a run of the CLI did. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "--- stderr:\n" + err;
        }
    }

    static Result run(boolean tty, String... args) {
        return run(new ByteArrayOutputStream(), tty, args);
    }

    /** Runs the CLI writing to {@code out}, which another thread may watch while it runs. */
    static Result run(ByteArrayOutputStream out, boolean tty, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), false, tty);
        int code = DisqueCli.run(args, io);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) {
        return run(false, args);
    }

    /** `--cluster create` of every node, waiting at most two minutes. */
    static Result create(ClusterNodes c, int n, String... extra) {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("--timeout", "120", "--cluster", "create"));
        for (int i = 0; i < n; i++) args.add(c.address(i));
        return run(args.toArray(new String[0]));
    }

    @Test
    void createJoinsTheNodesAndCheckAgrees() throws IOException {
        try (ClusterNodes c = new ClusterNodes(3)) {
            Result r = create(c, 3);
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().contains("[OK] 3 nodes form one cluster."), r.toString());
            for (int i = 0; i < 3; i++) {
                assertTrue(r.out().contains(c.id(i)), r.toString());
                assertEquals("3", clusterInfo(c, i, "cluster_known_nodes"), "node " + i);
            }
            for (int i = 0; i < 3; i++) {
                Result check = run("-p", Integer.toString(c.port(i)), "--cluster", "check");
                assertEquals(0, check.code(), check.toString());
                assertTrue(check.out().contains("[OK] All 3 nodes see each other"), check.toString());
            }
            Result json = run("--json", "--cluster", "check", c.hostPort(1));
            assertEquals(0, json.code(), json.toString());
            assertEquals("{\"ok\":true,\"nodes\":3,\"problems\":[],\"warnings\":[]}\n", json.out());
        }
    }

    private static String clusterInfo(ClusterNodes c, int i, String field) throws IOException {
        for (String line : c.call(i, "CLUSTER", "INFO").asText().split("\r\n")) {
            if (line.startsWith(field + ":")) return line.substring(field.length() + 1);
        }
        return null;
    }

    @Test
    void nodesListsEveryNodeWithItsJobsQueuesAndMemory() throws IOException {
        try (ClusterNodes c = new ClusterNodes(2)) {
            assertEquals(0, create(c, 2).code());
            assertFalse(c.call(1, "ADDJOB", "q", "body", "0", "REPLICATE", "1").isError());
            Result r = run("-p", Integer.toString(c.port(0)), "--cluster", "nodes");
            assertEquals(0, r.code(), r.toString());
            String[] lines = r.out().split("\n");
            assertEquals(3, lines.length, r.toString());
            assertTrue(lines[0].matches("ID +ADDRESS +FLAGS +PRIORITY +LINK +JOBS +QUEUES +MEMORY"), lines[0]);
            for (String line : List.of(lines[1], lines[2])) {
                String[] f = line.split(" +");
                assertEquals(8, f.length, line);
                assertEquals("1", f[3], "HELLO priority of a healthy node: " + line);
                assertEquals("connected", f[4], line);
                String expectedJobs = f[0].equals(c.id(1)) ? "1" : "0";
                assertEquals(expectedJobs, f[5], line);
                assertTrue(f[7].matches("[0-9.]+[BKMG]?"), line);
            }
            assertTrue(r.out().contains(c.id(0) + "  127.0.0.1:" + c.port(0) + "  myself"), r.toString());

            Result json = run("--json", "--cluster", "nodes", c.hostPort(1));
            assertEquals(0, json.code(), json.toString());
            assertTrue(json.out().startsWith("[{\"id\":") && json.out().endsWith("}]\n"), json.out());
            assertTrue(json.out().contains("\"id\":\"" + c.id(1) + "\",\"address\":\"127.0.0.1:" + c.port(1)
                    + "\",\"flags\":[\"myself\"],\"priority\":1,\"connected\":true,\"jobs\":1,\"queues\":1,"), json.out());
            assertTrue(json.out().contains("\"id\":\"" + c.id(0) + "\",\"address\":\"127.0.0.1:" + c.port(0)
                    + "\",\"flags\":[\"noflags\"],\"priority\":1,\"connected\":true,\"jobs\":0,"), json.out());
        }
    }

    @Test
    void addNodeGrowsTheCluster() throws IOException {
        try (ClusterNodes c = new ClusterNodes(3)) {
            assertEquals(0, create(c, 2).code());
            // Options after the nodes, as redis-cli takes them.
            Result r = run("--cluster", "add-node", c.hostPort(2), c.address(0), "--timeout", "120", "--json");
            assertEquals(0, r.code(), r.toString());
            assertTrue(r.out().startsWith("[{\"id\":\"" + c.id(0) + "\""), r.toString());
            assertEquals(3, r.out().split("\"id\":").length - 1, r.toString());
            Result check = run("--cluster", "check", c.hostPort(2));
            assertEquals(0, check.code(), check.toString());
            assertTrue(check.out().startsWith(">>> Performing Cluster Check (using node 127.0.0.1:" + c.port(2) + ", 3 nodes)"),
                    check.toString());

            Result again = run("--cluster", "add-node", c.hostPort(2), c.address(1));
            assertEquals(1, again.code(), again.toString());
            assertTrue(again.err().contains("is already a node of the cluster"), again.toString());
        }
    }

    @Test
    void checkFailsOnceANodeIsDown() throws IOException {
        try (ClusterNodes c = new ClusterNodes(3)) {
            assertEquals(0, create(c, 3).code());
            c.stop(2);
            Result r = run("--cluster", "check", c.hostPort(0));
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.out().contains("[ERR] 127.0.0.1:" + c.port(2) + ": does not answer"), r.toString());
            assertTrue(r.out().contains("[ERR] The cluster is not whole"), r.toString());
            Result json = run("--json", "--cluster", "check", c.hostPort(1));
            assertEquals(1, json.code(), json.toString());
            assertTrue(json.out().startsWith("{\"ok\":false,\"nodes\":3,\"problems\":[\"127.0.0.1:"), json.out());
            Result nodes = run("--cluster", "nodes", c.hostPort(0));
            assertEquals(1, nodes.code(), "a node without an answer makes the table incomplete: " + nodes);
            assertTrue(nodes.out().contains("127.0.0.1:" + c.port(2) + ": does not answer"), nodes.toString());
        }
    }

    @Test
    void createRefusesANodeThatIsNotEmpty() throws IOException {
        try (ClusterNodes c = new ClusterNodes(3)) {
            assertEquals(0, create(c, 2).code());
            Result r = run("--cluster", "create", c.address(1), c.address(2));
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("127.0.0.1:" + c.port(1) + ": is not empty: it already knows 2 nodes"), r.toString());
            assertEquals("1", clusterInfo(c, 2, "cluster_known_nodes"), "nothing was sent to the empty node");
        }
    }

    @Test
    void aDeadNodeAndBadCommandLinesGiveTheDocumentedExitCodes() throws IOException {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        try (ClusterNodes c = new ClusterNodes(1)) {
            Result r = run("--cluster", "create", c.address(0), "127.0.0.1:" + dead + "@" + dead);
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.err().contains("127.0.0.1:" + dead + ": does not answer"), r.toString());
            Result check = run("--cluster", "check", "127.0.0.1:" + dead);
            assertEquals(1, check.code(), check.toString());

            for (String[] args : new String[][] {{"--cluster", "bogus"}, {"--cluster", "create", c.address(0)},
                    {"--cluster", "create", c.address(0), "nohost"}, {"--cluster", "add-node", c.address(0)},
                    {"--cluster", "check", "a:1", "b:2"}, {"--timeout", "5", "ping"},
                    {"--cluster", "check", "--top"}, {"--cluster", "create", c.address(0), c.address(0), "--timeout"},
                    {"--cluster", "check", "--timeout", "soon"}}) {
                Result bad = run(args);
                assertEquals(2, bad.code(), String.join(" ", args) + ": " + bad);
                assertFalse(bad.err().isEmpty(), String.join(" ", args));
            }
            Result help = run("--cluster", "help");
            assertEquals(0, help.code());
            assertTrue(help.out().contains("add-node new-host:port existing-host:port[@busport]"), help.out());
        }
    }
}
