/*
 * ChaosSoakTest: a 5-node cluster with the AOF on, producers and consumers
 * on random nodes, and nodes SIGKILLed and restarted at random for a
 * bounded time. At the end every job that got an ID has been delivered at
 * least once, and once everything is acknowledged no node holds any job.
 * The counts are printed (produced, delivered, duplicates, kills).
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.RespClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChaosSoakTest {
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final long CHAOS_MILLIS = 40_000;
    /** Longer than the ack GC's longest retry backoff (180 s, as the original's). */
    private static final Duration GC_WAIT = Duration.ofSeconds(240);

    @Test
    void everyJobWithAnIdIsDeliveredAndEveryAckedJobIsGone(@TempDir Path dir) throws Exception {
        try (ClusterHarness c = ClusterHarness.start(dir, 5, "appendonly yes")) {
            c.meetChain();
            c.awaitFullMesh(WAIT);
            Set<String> produced = ConcurrentHashMap.newKeySet();
            Set<String> delivered = ConcurrentHashMap.newKeySet();
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger kills = new AtomicInteger();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CHAOS_MILLIS);
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<?>> tasks = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                int seed = p;
                tasks.add(pool.submit(() -> produce(c, produced, end, new Random(seed))));
            }
            for (int k = 0; k < 2; k++) {
                int seed = 10 + k;
                tasks.add(pool.submit(() -> consume(c, delivered, duplicates, end, new Random(seed))));
            }
            tasks.add(pool.submit(() -> {
                Random r = new Random(99);
                while (System.nanoTime() < end) {
                    ClusterHarness.Member victim = c.get(r.nextInt(c.size()));
                    victim.kill();
                    kills.incrementAndGet();
                    pause(1000 + r.nextInt(2000));
                    victim.start();
                    pause(2000 + r.nextInt(2000));
                }
                return null;
            }));
            for (Future<?> f : tasks) f.get(CHAOS_MILLIS + 120_000, TimeUnit.MILLISECONDS);
            pool.shutdown();

            // Everyone back, then drain whatever is left, from every node in turn.
            for (ClusterHarness.Member m : c.members()) if (!m.alive()) m.start();
            c.awaitFullMesh(WAIT);
            long drainEnd = System.nanoTime() + WAIT.toNanos();
            while (!delivered.containsAll(produced) && System.nanoTime() < drainEnd) {
                for (ClusterHarness.Member m : c.members()) drainOnce(m, delivered, duplicates);
            }
            Set<String> missing = new java.util.HashSet<>(produced);
            missing.removeAll(delivered);
            System.out.printf("chaos soak: %d jobs produced, %d delivered, %d duplicate deliveries, %d kills, %d missing%n",
                    produced.size(), delivered.size(), duplicates.get(), kills.get(), missing.size());
            assertTrue(produced.size() > 100, "the producers got work done: " + produced.size());
            assertEquals(Set.of(), missing, "jobs with an ID never delivered");

            // A copy may outlive every ack of its job: its holder was down while the ack went out,
            // and the node that took the ACKJOB was killed before its GC reached that holder (an
            // ack is not kept across a restart). The holder comes back with the job queued, and,
            // as with the original, a consumer gets it once more and that ACKJOB clears it. So
            // the consumers go on while every node empties, for longer than the ack GC's slowest
            // retry, its safety net when the link-ready path misses a holder.
            try {
                ClusterHarness.await("every node holds no job once all are acked", GC_WAIT, () -> {
                    for (ClusterHarness.Member m : c.members()) drainOnce(m, delivered, duplicates);
                    for (ClusterHarness.Member m : c.members()) if (m.info("jobs", "registered_jobs") != 0) return false;
                    return true;
                });
            } catch (AssertionError e) {
                StringBuilder left = new StringBuilder(e.getMessage());
                for (ClusterHarness.Member m : c.members()) {
                    left.append("\nnode ").append(m.index).append(": ")
                            .append(m.call("jscan", "count", "1000", "busyloop", "reply", "all"));
                }
                throw new AssertionError(left.toString(), e);
            }
            System.out.printf("chaos soak: every node empty, %d duplicate deliveries in all%n", duplicates.get());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Void produce(ClusterHarness c, Set<String> produced, long end, Random r) {
        int i = 0;
        while (System.nanoTime() < end) {
            ClusterHarness.Member m = c.get(r.nextInt(c.size()));
            try (RespClient client = new RespClient(m.port)) {
                for (int n = 0; n < 20 && System.nanoTime() < end; n++) {
                    Object reply = client.call("addjob", "soak", "job" + i++, "2000", "replicate", "3", "retry", "2");
                    if (reply instanceof RespClient.Status s) produced.add(s.text());
                }
            } catch (IOException | RuntimeException e) {
                pause(50); // the node died under us: another one next time
            }
        }
        return null;
    }

    private static Void consume(ClusterHarness c, Set<String> delivered, AtomicInteger duplicates, long end, Random r) {
        while (System.nanoTime() < end) {
            try {
                drainOnce(c.get(r.nextInt(c.size())), delivered, duplicates);
            } catch (RuntimeException e) {
                pause(50);
            }
        }
        return null;
    }

    /** A few GETJOB + ACKJOB rounds on one node. */
    private static void drainOnce(ClusterHarness.Member m, Set<String> delivered, AtomicInteger duplicates) {
        try (RespClient client = new RespClient(m.port)) {
            for (int n = 0; n < 20; n++) {
                Object reply = client.call("getjob", "timeout", "200", "count", "10", "from", "soak");
                if (!(reply instanceof List<?> jobs)) return;
                for (Object o : jobs) {
                    String id = (String) ((List<?>) o).get(1);
                    if (!delivered.add(id)) duplicates.incrementAndGet();
                    client.call("ackjob", id);
                }
            }
        } catch (IOException e) {
            // The node is down or went down: fine, try another.
        }
    }
}
