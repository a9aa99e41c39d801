/*
 * ClusterJobsTest: what the job commands do on a 3-node cluster beyond
 * plain replication: external replication when a node is short of memory,
 * NACK and WORKING reaching the other holders.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.disque.server.RespClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterJobsTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private ClusterHarness c;

    @BeforeAll
    void startCluster() throws IOException {
        c = ClusterHarness.startMeshed("disque-cluster-jobs-test", 3, WAIT);
    }

    @AfterAll
    void stopCluster() {
        if (c != null) c.close();
    }

    private String add(ClusterHarness.Member m, Object... args) {
        Object r = m.call(args);
        assertInstanceOf(RespClient.Status.class, r, String.valueOf(r));
        return ((RespClient.Status) r).text();
    }

    @Test
    void aNodeShortOfMemoryKeepsNoCopyAndHasTheJobQueuedElsewhere() {
        ClusterHarness.Member low = c.get(0);
        String body = "x".repeat(1024);
        for (int i = 0; i < 2000; i++) add(low, "addjob", "filler", body, "0", "replicate", "1");
        long used = low.info("memory", "used_memory");
        try {
            // Between 75 % and 100 % of maxmemory: the original's external replication.
            low.call("config", "set", "maxmemory", Long.toString(used * 100 / 80));
            String id = add(low, "addjob", "ext", "body", "5000", "replicate", "2");
            assertNull(low.call("show", id), "no local copy");
            List<Object> copies = new ArrayList<>();
            for (int i = 1; i < 3; i++) copies.add(c.get(i).call("show", id));
            assertEquals(2, copies.stream().filter(s -> s != null).count());
            ClusterHarness.await("one holder queues it (ENQUEUE)", WAIT,
                    () -> (Long) c.get(1).call("qlen", "ext") + (Long) c.get(2).call("qlen", "ext") == 1);
        } finally {
            low.call("config", "set", "maxmemory", "1gb");
            low.call("debug", "flushall");
        }
    }

    @Test
    void aNackIsCountedByEveryHolder() {
        ClusterHarness.Member origin = c.get(1);
        String id = add(origin, "addjob", "nq", "body", "5000", "replicate", "3", "retry", "30");
        origin.call("getjob", "nohang", "from", "nq");
        assertEquals(1L, origin.call("nack", id));
        for (ClusterHarness.Member m : c.members()) {
            ClusterHarness.await("node " + m.index + " counts the NACK", WAIT,
                    () -> Long.valueOf(1).equals(ClusterHarness.field(m.call("show", id), "nacks")));
        }
        assertEquals(1L, origin.call("qlen", "nq"));
        origin.call("ackjob", id);
    }

    @Test
    void workingOnAnyHolderTakesTheJobOutOfTheQueueEverywhere() {
        ClusterHarness.Member origin = c.get(2);
        ClusterHarness.Member other = c.get(0);
        String id = add(origin, "addjob", "wq", "body", "5000", "replicate", "3", "retry", "30");
        assertEquals(1L, origin.call("qlen", "wq"));
        assertEquals(30L, other.call("working", id));
        ClusterHarness.await("the queueing node dequeues it", WAIT, () -> (Long) origin.call("qlen", "wq") == 0);
        assertEquals("active", ClusterHarness.field(origin.call("show", id), "state"));
        origin.call("ackjob", id);
    }
}
