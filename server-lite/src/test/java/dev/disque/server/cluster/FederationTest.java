/*
 * FederationTest: a consumer on one node gets the jobs queued on others,
 * on a 7-node cluster of real processes.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.RespClient;
import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FederationTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private ClusterHarness c;
    private final Random random = new Random(42);

    @BeforeAll
    void startCluster() throws IOException {
        c = ClusterHarness.startMeshed("disque-federation-test", 7, WAIT);
    }

    @AfterAll
    void stopCluster() {
        if (c != null) c.close();
    }

    /** GETJOB TIMEOUT 5000 + ACKJOB on one connection until n jobs came; returns their IDs. */
    private Set<String> consume(ClusterHarness.Member consumer, String queue, int n) throws IOException {
        Set<String> got = new HashSet<>();
        try (RespClient client = new RespClient(consumer.port)) {
            while (got.size() < n) {
                Object r = client.call("getjob", "timeout", "5000", "from", queue);
                assertInstanceOf(List.class, r, "GETJOB timed out after " + got.size() + " jobs");
                String id = (String) ((List<?>) ((List<?>) r).get(0)).get(1);
                assertTrue(got.add(id), "delivered twice: " + id);
                assertEquals(1L, client.call("ackjob", id));
            }
        }
        return got;
    }

    @Test
    void aConsumerOnOneNodeGetsJobsAddedOnRandomNodes() throws IOException {
        ClusterHarness.Member consumer = c.get(3);
        Set<String> added = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            ClusterHarness.Member producer = c.get(random.nextInt(7));
            Object r = producer.call("addjob", "fed", "job" + i, "5000", "replicate", "3");
            added.add(((RespClient.Status) r).text());
        }
        assertEquals(added, consume(consumer, "fed", 100));
        List<?> qstat = (List<?>) consumer.call("qstat", "fed");
        assertTrue(((List<?>) qstat.get(qstat.indexOf("import-from") + 1)).size() > 0, String.valueOf(qstat));
        ClusterHarness.await("the acks remove every copy", WAIT, () -> {
            for (ClusterHarness.Member m : c.members()) {
                Object jobs = m.call("jscan", "queue", "fed", "count", "1000");
                if (!((List<?>) ((List<?>) jobs).get(1)).isEmpty()) return false;
            }
            return true;
        });
    }

    @Test
    void atMostOnceJobsMoveToTheConsumer() throws IOException {
        ClusterHarness.Member producer = c.get(0);
        ClusterHarness.Member consumer = c.get(6);
        Set<String> added = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            Object r = producer.call("addjob", "once", "job" + i, "5000", "replicate", "1", "retry", "0");
            added.add(((RespClient.Status) r).text());
        }
        assertEquals(added, consume(consumer, "once", 100));
        assertEquals(0L, producer.call("qlen", "once"));
    }

    @Test
    void qscanFiltersOnTheImportRate() throws IOException {
        ClusterHarness.Member producer = c.get(1);
        ClusterHarness.Member consumer = c.get(2);
        for (int i = 0; i < 40; i++) producer.call("addjob", "imp" + (i % 2), "x", "5000", "replicate", "1");
        for (int i = 0; i < 2; i++) producer.call("addjob", "local" + i, "x", "5000", "replicate", "1");
        consume(consumer, "imp0", 10);
        consume(consumer, "imp1", 10);
        consumer.call("addjob", "local0", "x", "0", "replicate", "1");
        consumer.call("addjob", "local1", "x", "0", "replicate", "1");
        Object r = consumer.call("qscan", "count", "1000", "importrate", "1");
        List<?> names = (List<?>) ((List<?>) r).get(1);
        assertEquals(Set.of("imp0", "imp1"), new HashSet<>(names));
    }
}
