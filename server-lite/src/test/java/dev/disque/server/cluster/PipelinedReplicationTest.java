/*
 * PipelinedReplicationTest: a client that pipelines synchronous ADDJOBs has
 * them waiting for copies at the same time, on a 3-node cluster of real
 * processes. Each job is active as soon as its own copies exist; the client
 * still reads one reply per request, in request order, whatever finishes
 * first; each job keeps its own timeout; and a client that leaves drops
 * every job it was waiting for. A SIGKILLed node that is not flagged yet
 * holds the waiting ADDJOBs back.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.RespClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelinedReplicationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String TIMEOUT = "NOREPL Timeout reached before replicating to the requested number of nodes";
    private ClusterHarness c;

    @BeforeAll
    void startCluster() throws IOException {
        c = ClusterHarness.startMeshed("disque-pipelined-repl-test", 3, WAIT);
    }

    @AfterAll
    void stopCluster() {
        if (c != null) c.close();
    }

    @BeforeEach
    void healthy() throws IOException {
        c.restartDeadAndAwaitMesh(WAIT);
        for (ClusterHarness.Member m : c.members()) m.call("debug", "flushall");
    }

    /** The IDs of the node's jobs on the queue that still wait for copies. */
    private static List<?> waitingForCopies(ClusterHarness.Member m, String queue) {
        List<?> scan = (List<?>) m.call("jscan", "queue", queue, "state", "wait-repl", "count", "1000");
        return (List<?>) scan.get(1);
    }

    private int copies(String id) {
        int n = 0;
        for (ClusterHarness.Member m : c.members()) if (m.alive() && m.call("show", id) instanceof List<?>) n++;
        return n;
    }

    @Test
    void laterAddJobsReplicateWhileTheFirstWaitsAndTheRepliesKeepTheirOrder() throws Exception {
        ClusterHarness.Member origin = c.get(0);
        ClusterHarness.Member victim = c.get(2);
        victim.kill();
        try (RespClient client = new RespClient(origin.port)) {
            client.sendRaw(concat(
                    RespClient.encode("addjob", "all", "first", "0", "replicate", "3"),
                    RespClient.encode("addjob", "two", "second", "0", "replicate", "2"),
                    RespClient.encode("addjob", "two", "third", "0", "replicate", "9"),
                    RespClient.encode("addjob", "two", "fourth", "0", "replicate", "3", "async"),
                    RespClient.encode("ping")));
            ClusterHarness.await("the first ADDJOB waits for the killed node", WAIT,
                    () -> waitingForCopies(origin, "all").size() == 1);
            // The second found its two copies and the fourth replied at once: both are queued,
            // while the first still waits and every reply is held behind it.
            ClusterHarness.await("the jobs behind the waiting one are queued", WAIT,
                    () -> Long.valueOf(2).equals(origin.call("qlen", "two")));
            assertEquals(0, client.socket().getInputStream().available(), "no reply before the first one's");
            victim.start();
            Object first = client.read();
            assertInstanceOf(RespClient.Status.class, first, String.valueOf(first));
            Object second = client.read();
            assertInstanceOf(RespClient.Status.class, second, String.valueOf(second));
            assertEquals(new RespClient.Err("NOREPL Not enough reachable nodes for the requested replication level"),
                    client.read());
            assertInstanceOf(RespClient.Status.class, client.read());
            assertEquals(new RespClient.Status("PONG"), client.read());
            assertEquals(3, copies(((RespClient.Status) first).text()));
            assertTrue(copies(((RespClient.Status) second).text()) >= 2);
        }
    }

    @Test
    void eachJobKeepsItsOwnTimeoutAndItsPlaceInTheReplies() throws Exception {
        ClusterHarness.Member origin = c.get(1);
        c.get(0).kill();
        try (RespClient client = new RespClient(origin.port)) {
            client.sendRaw(concat(
                    RespClient.encode("addjob", "all", "slow", "1500", "replicate", "3"),
                    // TTL 1 s: it expires before the first one times out, and answers after it.
                    RespClient.encode("addjob", "all", "short", "0", "replicate", "3", "ttl", "1"),
                    RespClient.encode("addjob", "two", "fine", "0", "replicate", "2")));
            assertEquals(new RespClient.Err(TIMEOUT), client.read());
            assertEquals(new RespClient.Err(
                    "NOREPL job removed (expired?) before the requested replication level was achieved"), client.read());
            Object fine = client.read();
            assertInstanceOf(RespClient.Status.class, fine, String.valueOf(fine));
            assertEquals(new RespClient.Status("PONG"), client.call("ping"), "the client is no longer blocked");
        }
        assertEquals(List.of(), waitingForCopies(origin, "all"));
        assertEquals(0L, origin.call("qlen", "all"));
        assertEquals(1L, origin.call("qlen", "two"));
    }

    @Test
    void aClientThatLeavesDropsEveryJobItWaitedFor() throws Exception {
        ClusterHarness.Member origin = c.get(2);
        c.get(1).kill();
        List<String> ids = new ArrayList<>();
        try (RespClient client = new RespClient(origin.port)) {
            client.sendRaw(concat(
                    RespClient.encode("addjob", "all", "a", "0", "replicate", "3"),
                    RespClient.encode("addjob", "all", "b", "0", "replicate", "3"),
                    RespClient.encode("addjob", "all", "c", "0", "replicate", "3")));
            ClusterHarness.await("three ADDJOBs of one client wait at once", WAIT,
                    () -> waitingForCopies(origin, "all").size() == 3);
            for (Object id : waitingForCopies(origin, "all")) ids.add(((RespClient.Status) id).text());
            assertEquals(1L, origin.info("clients", "blocked_clients"));
        }
        ClusterHarness.await("the jobs and their copies are gone", WAIT,
                () -> ids.stream().allMatch(id -> copies(id) == 0));
        assertEquals(0L, origin.info("clients", "blocked_clients"));
    }

    @Test
    void repliesHeldBehindAWaitingAddJobStopTheParsingOfMore() throws Exception {
        ClusterHarness.Member origin = c.get(0);
        ClusterHarness.Member victim = c.get(1);
        victim.kill();
        int bad = 5000;
        byte[][] parts = new byte[bad + 1][];
        parts[0] = RespClient.encode("addjob", "all", "waits", "0", "replicate", "3");
        // Each fails at once; their error replies, about 200 KB, cannot leave before the first reply.
        for (int i = 1; i <= bad; i++) parts[i] = RespClient.encode("addjob", "all", "x", "0", "replicate", "many");
        try (RespClient client = new RespClient(origin.port)) {
            client.sendRaw(concat(parts));
            // Without the bound, every request would be parsed into a held reply at once: at
            // most a partial request would stay in the input.
            ClusterHarness.await("the waiting client's input stops being parsed", WAIT,
                    () -> unparsedInput(origin) > 10_000);
            victim.start();
            assertInstanceOf(RespClient.Status.class, client.read());
            for (int i = 0; i < bad; i++) assertInstanceOf(RespClient.Err.class, client.read());
            assertEquals(new RespClient.Status("PONG"), client.call("ping"));
        }
    }

    @Test
    void aClientAtTheBoundStartsMoreAddJobsAsSoonAsAPlaceFrees() throws Exception {
        ClusterHarness.Member origin = c.get(0);
        ClusterHarness.Member victim = c.get(1);
        victim.kill();
        int bound = 64;
        byte[][] parts = new byte[bound + 1][];
        // The first finishes at once; the second waits for the killed node; the rest finish, their
        // replies held behind the second. The last one is beyond the bound of 64 waiting places.
        parts[0] = RespClient.encode("addjob", "first", "a", "0", "replicate", "2");
        parts[1] = RespClient.encode("addjob", "stuck", "b", "0", "replicate", "3");
        for (int i = 2; i < bound; i++) parts[i] = RespClient.encode("addjob", "middle", "m" + i, "0", "replicate", "2");
        parts[bound] = RespClient.encode("addjob", "last", "z", "0", "replicate", "2");
        try (RespClient client = new RespClient(origin.port)) {
            client.sendRaw(concat(parts));
            ClusterHarness.await("the job beyond the bound is queued once the first reply frees a place", WAIT,
                    () -> Long.valueOf(1).equals(origin.call("qlen", "last")));
            assertEquals(1, waitingForCopies(origin, "stuck").size(), "the second still waits");
            victim.start();
            for (int i = 0; i <= bound; i++) {
                Object r = client.read();
                assertInstanceOf(RespClient.Status.class, r, i + ": " + r);
            }
        }
    }

    /** The largest qbuf of the node's blocked clients, from CLIENT LIST. */
    private static long unparsedInput(ClusterHarness.Member m) {
        long most = 0;
        for (String line : ((String) m.call("client", "list")).split("\n")) {
            if (!line.contains(" flags=b")) continue;
            for (String f : line.split(" ")) {
                if (f.startsWith("qbuf=")) most = Math.max(most, Long.parseLong(f.substring(5)));
            }
        }
        return most;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
