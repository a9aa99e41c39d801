/*
 * ReplicationTest: synchronous replication and requeue on a 7-node cluster
 * of real processes, with nodes SIGKILLed and restarted. One cluster serves
 * every test; each test starts from a healthy full mesh and leaves one.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.RespClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
class ReplicationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private ClusterHarness c;
    private final Random random = new Random(20261129);

    @BeforeAll
    void startCluster() throws IOException {
        c = ClusterHarness.startMeshed("disque-repl-test", 7, WAIT);
    }

    @AfterAll
    void stopCluster() {
        if (c != null) c.close();
    }

    @BeforeEach
    void healthy() throws IOException {
        c.restartDeadAndAwaitMesh(WAIT);
    }

    /** SHOW of the job on every live node that has it. */
    private List<List<?>> copies(String id) {
        List<List<?>> out = new ArrayList<>();
        for (ClusterHarness.Member m : c.members()) {
            if (!m.alive()) continue;
            Object show = m.call("show", id);
            if (show instanceof List<?> l) out.add(l);
        }
        return out;
    }

    private long queuedCopies(String id) {
        return copies(id).stream().filter(s -> "queued".equals(ClusterHarness.field(s, "state"))).count();
    }

    @Test
    void replicateThreeLandsThreeCopiesWithExactlyOneQueued() {
        ClusterHarness.Member origin = c.get(random.nextInt(7));
        Object id = origin.call("addjob", "q3", "body", "5000", "replicate", "3");
        assertInstanceOf(RespClient.Status.class, id, String.valueOf(id));
        String jobId = ((RespClient.Status) id).text();
        List<List<?>> copies = copies(jobId);
        // At least 3: a replication that stalls 50 ms (a busy machine) tries one node more, as the original does.
        assertTrue(copies.size() >= 3, "copies: " + copies.size());
        assertEquals(1, queuedCopies(jobId));
        List<?> delivered = (List<?>) ClusterHarness.field(copies.get(0), "nodes-delivered");
        assertEquals(copies.size(), delivered.size(), "every holder is in nodes-delivered");
        assertTrue(delivered.contains(origin.id));
        assertEquals(1L, origin.call("qlen", "q3"), "queued on the node that took ADDJOB");
        assertEquals(jobId, ((List<?>) ((List<?>) origin.call("getjob", "nohang", "from", "q3")).get(0)).get(1));
        origin.call("ackjob", jobId);
        ClusterHarness.await("the ack removes every copy", WAIT, () -> copies(jobId).isEmpty());
    }

    @Test
    void moreCopiesThanNodesIsRefused() {
        assertEquals(new RespClient.Err("NOREPL Not enough reachable nodes for the requested replication level"),
                c.get(0).call("addjob", "q", "body", "1000", "replicate", "8"));
        Object async = c.get(0).call("addjob", "qa", "body", "1000", "replicate", "3", "async");
        assertInstanceOf(RespClient.Status.class, async, "ASYNC replies at once");
        String id = ((RespClient.Status) async).text();
        ClusterHarness.await("ASYNC copies appear in the background", WAIT, () -> copies(id).size() == 3);
    }

    @Test
    void killedNodesMakeReplicationTimeOutUntilTheyAreFlagged() {
        List<ClusterHarness.Member> order = new ArrayList<>(c.members());
        Collections.shuffle(order, random);
        ClusterHarness.Member origin = order.get(0);
        for (int i = 1; i <= 3; i++) order.get(i).kill();
        // Not flagged yet: 6 look reachable, only 3 answer.
        assertEquals(new RespClient.Err("NOREPL Timeout reached before replicating to the requested number of nodes"),
                origin.call("addjob", "q", "body", "300", "replicate", "5"));
        ClusterHarness.await("the killed nodes are flagged", WAIT, () -> origin.reachableNodes() == 3);
        for (int round = 0; round < 3; round++) {
            Object r = origin.call("addjob", "q", "body" + round, "5000", "replicate", "4");
            assertInstanceOf(RespClient.Status.class, r, String.valueOf(r));
            assertTrue(copies(((RespClient.Status) r).text()).size() >= 4);
        }
        assertEquals(new RespClient.Err("NOREPL Not enough reachable nodes for the requested replication level"),
                origin.call("addjob", "q", "body", "300", "replicate", "5"));
    }

    @Test
    void aTtlEndingDuringReplicationIsReported() {
        ClusterHarness.Member origin = c.get(0);
        c.get(6).kill();
        assertEquals(new RespClient.Err("NOREPL job removed (expired?) before the requested replication level was achieved"),
                origin.call("addjob", "q", "body", "0", "replicate", "7", "ttl", "1"));
    }

    @Test
    void aBlockedAddJobSucceedsWhenAKilledNodeComesBack() throws Exception {
        ClusterHarness.Member origin = c.get(1);
        ClusterHarness.Member victim = c.get(4);
        victim.kill();
        CompletableFuture<Object> add = CompletableFuture.supplyAsync(
                () -> origin.call("addjob", "q7", "body", "120000", "replicate", "7"));
        ClusterHarness.await("six copies made", WAIT, () -> {
            Object jobs = origin.call("jscan", "queue", "q7", "state", "wait-repl", "count", "100");
            return jobs instanceof List<?> l && !((List<?>) l.get(1)).isEmpty();
        });
        assertTrue(!add.isDone(), "ADDJOB waits for the seventh copy");
        victim.start();
        Object r = add.get(90, TimeUnit.SECONDS);
        assertInstanceOf(RespClient.Status.class, r, String.valueOf(r));
        assertEquals(7, copies(((RespClient.Status) r).text()).size());
    }

    @Test
    void aSurvivorRequeuesTheJobWhenTheQueueingNodeDies() throws IOException {
        for (int round = 0; round < 10; round++) {
            healthy();
            List<ClusterHarness.Member> order = new ArrayList<>(c.members());
            Collections.shuffle(order, random);
            ClusterHarness.Member origin = order.get(0);
            String queue = "rq" + round;
            Object r = origin.call("addjob", queue, "payload" + round, "5000", "replicate", "3", "retry", "1");
            assertInstanceOf(RespClient.Status.class, r, String.valueOf(r));
            String id = ((RespClient.Status) r).text();
            origin.kill();
            order.get(1).kill();
            ClusterHarness.await("round " + round + ": a surviving holder queues the job", WAIT, () -> {
                for (ClusterHarness.Member m : c.members()) {
                    if (m.alive() && ((Long) m.call("qlen", queue)) == 1) return true;
                }
                return false;
            });
            for (ClusterHarness.Member m : c.members()) {
                if (!m.alive() || ((Long) m.call("qlen", queue)) != 1) continue;
                List<?> job = (List<?>) ((List<?>) m.call("getjob", "nohang", "from", queue)).get(0);
                assertEquals(List.of(queue, id, "payload" + round), job);
                m.call("ackjob", id);
                break;
            }
        }
    }

    @Test
    void aHealthyClusterDoesNotRequeueAQueuedJob() throws InterruptedException {
        ClusterHarness.Member origin = c.get(3);
        String id = ((RespClient.Status) origin.call("addjob", "calm", "body", "5000", "replicate", "3", "retry", "1"))
                .text();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3500);
        while (System.nanoTime() < end) {
            assertEquals(1, queuedCopies(id), "exactly one holder has the job queued");
            Thread.sleep(100);
        }
        for (List<?> show : copies(id)) assertEquals(0L, ClusterHarness.field(show, "additional-deliveries"));
    }
}
