/*
 * AcksLeavingPauseTest: acknowledgements collected on every node (with
 * holders up, down, back and unknown to the acking node), FASTACK, a node
 * leaving the cluster, PAUSE ... BCAST and the memory rules, on a 5-node
 * cluster of real processes with the AOF on.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.RespClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcksLeavingPauseTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private ClusterHarness c;
    private final Random random = new Random(5);

    @BeforeAll
    void startCluster() throws IOException {
        c = ClusterHarness.startMeshed("disque-acks-test", 5, WAIT, "appendonly yes");
    }

    @AfterAll
    void stopCluster() {
        if (c != null) c.close();
    }

    @BeforeEach
    void healthy() throws IOException {
        for (ClusterHarness.Member m : c.members()) if (!m.alive()) m.start();
        // A failed leaving test must not leave a node out of the others' reach.
        for (ClusterHarness.Member m : c.members()) m.call("cluster", "leaving", "no");
        c.awaitFullMesh(WAIT);
    }

    private String add(ClusterHarness.Member m, Object... args) {
        Object r = m.call(args);
        assertInstanceOf(RespClient.Status.class, r, String.valueOf(r));
        return ((RespClient.Status) r).text();
    }

    /** The members holding a copy, per SHOW. */
    private List<ClusterHarness.Member> holders(String id) {
        List<ClusterHarness.Member> out = new ArrayList<>();
        for (ClusterHarness.Member m : c.members()) if (m.alive() && m.call("show", id) != null) out.add(m);
        return out;
    }

    private List<ClusterHarness.Member> nonHolders(String id) {
        List<ClusterHarness.Member> out = new ArrayList<>(c.members());
        out.removeAll(holders(id));
        return out;
    }

    private void awaitGoneEverywhere(String id) {
        awaitGoneEverywhere(id, WAIT, "");
    }

    private void awaitGoneEverywhere(String id, Duration max, String when) {
        ClusterHarness.await("job " + id + " gone from every node" + when, max, () -> {
            for (ClusterHarness.Member m : c.members()) if (m.call("show", id) != null) return false;
            return true;
        });
    }

    /** Kills the node that took the ADDJOB and acks the job on another holder, which it returns. */
    private ClusterHarness.Member killOriginAndAckElsewhere(ClusterHarness.Member origin, String id) {
        List<ClusterHarness.Member> holders = holders(id);
        ClusterHarness.Member acker = holders.get(0) == origin ? holders.get(1) : holders.get(0);
        origin.kill();
        assertEquals(1L, acker.call("ackjob", id));
        return acker;
    }

    @Test
    void anAckRemovesEveryCopy() {
        ClusterHarness.Member origin = c.get(random.nextInt(5));
        String id = add(origin, "addjob", "acks", "body", "5000", "replicate", "3");
        // At least 3: a replication that stalls 50 ms (a busy machine) tries one node more, as the original does.
        assertTrue(holders(id).size() >= 3);
        assertEquals(1L, origin.call("ackjob", id));
        awaitGoneEverywhere(id);
    }

    @Test
    void ackedCopiesWaitForADeadHolderAndGoWhenItIsBack() throws IOException {
        ClusterHarness.Member origin = c.get(0);
        String id = add(origin, "addjob", "acks", "body", "5000", "replicate", "3");
        ClusterHarness.Member acker = killOriginAndAckElsewhere(origin, id);
        ClusterHarness.await("the acker keeps its acked copy while a holder is down", WAIT,
                () -> "acked".equals(ClusterHarness.field(acker.call("show", id), "state")));
        origin.start();
        awaitGoneEverywhere(id);
    }

    @Test
    void aHolderThatComesBackHearsOfTheAckAtOnceNotAtTheNextRetry() throws IOException {
        ClusterHarness.Member origin = c.get(3);
        String id = add(origin, "addjob", "returns", "body", "5000", "replicate", "3");
        ClusterHarness.Member acker = killOriginAndAckElsewhere(origin, id);
        // The acker's GC tries again after 2, 4, 8, 16 s ...: wait until its next try is at least
        // 15 s away, so that a copy gone before then was collected because the holder came back.
        ClusterHarness.await("the acker's next GC try is 15 s away", WAIT,
                () -> nextAwakeMillis(acker, id) >= 15_000);
        long nextTry = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(nextAwakeMillis(acker, id));
        origin.start();
        long left = TimeUnit.NANOSECONDS.toMillis(nextTry - System.nanoTime()) - 1000;
        assertTrue(left > 0, "the origin took until the next GC try to restart");
        awaitGoneEverywhere(id, Duration.ofMillis(left), " before the acker's next GC try");
    }

    private static long nextAwakeMillis(ClusterHarness.Member m, String id) {
        Object show = m.call("show", id);
        Object within = show == null ? null : ClusterHarness.field(show, "next-awake-within");
        return within == null ? 0 : ((Number) within).longValue();
    }

    @Test
    void anAckOnANodeThatNeverHadTheJobStillReachesTheHolders() {
        String id = add(c.get(1), "addjob", "dummy", "body", "5000", "replicate", "2");
        ClusterHarness.Member stranger = nonHolders(id).get(0);
        assertEquals(0L, stranger.call("ackjob", id), "unknown here: a dummy ack");
        awaitGoneEverywhere(id);
    }

    @Test
    void anAckWhileEveryHolderIsDownCompletesWhenTheyReturn() throws IOException {
        String id = add(c.get(2), "addjob", "down", "body", "5000", "replicate", "2");
        List<ClusterHarness.Member> holders = holders(id);
        ClusterHarness.Member stranger = nonHolders(id).get(0);
        for (ClusterHarness.Member h : holders) h.kill();
        assertEquals(0L, stranger.call("ackjob", id));
        for (ClusterHarness.Member h : holders) h.start();
        awaitGoneEverywhere(id);
    }

    @Test
    void fastAckOnAHolderAndOnANonHolder() {
        String a = add(c.get(3), "addjob", "fast", "body", "5000", "replicate", "3");
        assertEquals(1L, holders(a).get(1).call("fastack", a));
        awaitGoneEverywhere(a);
        String b = add(c.get(3), "addjob", "fast", "body", "5000", "replicate", "2");
        assertEquals(0L, nonHolders(b).get(0).call("fastack", b));
        awaitGoneEverywhere(b);
    }

    @Test
    void aLeavingNodeIsDrainedAndSaysWhenItCanBeStopped() throws Exception {
        // Start from empty nodes: safe_to_stop must not wait for another test's copies.
        for (ClusterHarness.Member m : c.members()) m.call("debug", "flushall");
        ClusterHarness.Member leaver = c.get(4);
        String local = add(leaver, "addjob", "drain", "body", "5000", "replicate", "1");
        CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(
                () -> leaver.call("getjob", "timeout", "60000", "from", "empty"));
        ClusterHarness.await("the consumer is blocked", WAIT,
                () -> ((String) leaver.call("info", "clients")).contains("blocked_clients:1"));
        assertEquals(new RespClient.Status("OK"), leaver.call("cluster", "leaving", "yes"));
        assertEquals(new RespClient.Status("yes"), leaver.call("cluster", "leaving"));
        String leavingError = "LEAVING This node is leaving the cluster, please connect to a different one";
        assertEquals(new RespClient.Err(leavingError), waiting.get(30, TimeUnit.SECONDS));
        for (ClusterHarness.Member m : c.members()) {
            ClusterHarness.await("node " + m.index + " sees the node leaving", WAIT, () -> {
                if (!m.flagsOf(leaver.id).contains("leaving")) return false;
                for (Object o : ((List<?>) m.call("hello")).subList(2, c.size() + 2)) {
                    List<?> node = (List<?>) o;
                    if (node.get(0).equals(leaver.id)) return "100".equals(node.get(3));
                }
                return false;
            });
        }
        // New jobs get their copies elsewhere; the local queue is still served.
        String moved = add(leaver, "addjob", "elsewhere", "body", "5000", "replicate", "2");
        assertNull(leaver.call("show", moved));
        assertTrue(holders(moved).size() >= 2);
        assertTrue(((String) leaver.call("info", "cluster")).contains("safe_to_stop:no"));
        List<?> got = (List<?>) leaver.call("getjob", "nohang", "from", "drain");
        assertEquals(local, ((List<?>) got.get(0)).get(1));
        assertEquals(new RespClient.Err(leavingError), leaver.call("getjob", "from", "drain"));
        leaver.call("ackjob", local);
        c.get(0).call("ackjob", moved);
        ClusterHarness.await("the node reports it holds nothing", WAIT,
                () -> ((String) leaver.call("info", "cluster")).contains("safe_to_stop:yes"));
        assertEquals(new RespClient.Status("OK"), leaver.call("cluster", "leaving", "no"));
        for (ClusterHarness.Member m : c.members()) {
            ClusterHarness.await("node " + m.index + " sees it back", WAIT, () -> !m.flagsOf(leaver.id).contains("leaving"));
        }
    }

    @Test
    void pauseBcastPausesTheQueueEverywhere() {
        assertEquals(new RespClient.Status("in"), c.get(0).call("pause", "pq", "in", "bcast"));
        for (ClusterHarness.Member m : c.members()) {
            ClusterHarness.await("node " + m.index + " has pq paused in", WAIT,
                    () -> "in".equals(ClusterHarness.field(m.call("qstat", "pq"), "pause")));
        }
        assertEquals(new RespClient.Err("PAUSED Queue paused in input, try later"),
                c.get(3).call("addjob", "pq", "body", "1000"));
        assertEquals(new RespClient.Status("none"), c.get(2).call("pause", "pq", "none", "bcast"));
        for (ClusterHarness.Member m : c.members()) {
            ClusterHarness.await("node " + m.index + " has pq running", WAIT,
                    () -> "none".equals(ClusterHarness.field(m.call("qstat", "pq"), "pause")));
        }
    }

    @Test
    void expiredJobsLeaveEveryNode() {
        // Start from empty nodes, so registered_jobs counts only these.
        for (ClusterHarness.Member m : c.members()) m.call("debug", "flushall");
        for (int i = 0; i < 1000; i++) add(c.get(random.nextInt(5)), "addjob", "ttl", "x", "5000", "ttl", "5");
        for (ClusterHarness.Member m : c.members()) {
            ClusterHarness.await("node " + m.index + " has no job left", WAIT,
                    () -> m.info("jobs", "registered_jobs") == 0);
        }
    }

    @Test
    void underMemoryPressureEmptyQueuesGo() {
        ClusterHarness.Member m = c.get(1);
        for (int i = 0; i < 1000; i++) {
            add(m, "addjob", "mq" + i, "x", "5000", "replicate", "1");
            m.call("getjob", "nohang", "from", "mq" + i);
        }
        assertTrue(m.info("queues", "registered_queues") >= 1000);
        try {
            m.call("config", "set", "maxmemory", "1");
            ClusterHarness.await("every emptied queue is collected", WAIT,
                    () -> m.info("queues", "registered_queues") == 0);
        } finally {
            m.call("config", "set", "maxmemory", "1gb");
        }
    }
}
