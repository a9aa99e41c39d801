// Tasque across the nodes of a 3-node cluster of real server processes: 10 000 tasks submitted on random nodes while
// the node a worker fetches from is SIGKILLed: every task runs at least once, none is lost, duplicates are counted;
// Go-style address lists of every node; and a worker moves off a node that is leaving the cluster.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueClientOptions;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.testkit.NodeProcess;
import dev.disque.testkit.Poll;
import dev.disque.testkit.ProcessCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterWorkerTest {
    private static final int TASKS = 10_000;
    /** Short, so tasks that were in flight on the killed node are queued again by their copies within seconds. */
    private static final Duration RETRY = Duration.ofSeconds(3);
    /** Short enough that the killed node is flagged failing within the test, long enough for a busy machine. */
    private static final String NODE_TIMEOUT = "cluster-node-timeout 2000";

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        toClose.add(c);
        return c;
    }

    /** A Disque client that starts on this one node (and learns the others by HELLO for its failover). */
    private DisqueClient pinned(NodeProcess s, boolean retryAddJob) {
        DisqueClient c = DisqueClient.create(DisqueURI.builder().withNode("127.0.0.1", s.port())
                .withTimeout(Duration.ofSeconds(10)).build());
        c.setOptions(DisqueClientOptions.builder().spreadOverEqualNodes(false).retryAddJob(retryAddJob)
                .nodeRefreshPeriod(Duration.ofSeconds(1)).build());
        closeLater(c::shutdown);
        return c;
    }

    private static long connectedClients(StatefulDisqueConnection<String, String> direct) {
        for (String line : direct.sync().info("clients").split("\r\n")) {
            if (line.startsWith("connected_clients:")) return Long.parseLong(line.substring(18).trim());
        }
        throw new AssertionError("no connected_clients");
    }

    @Test
    void tenThousandTasksSurviveTheKillOfTheNodeAWorkerFetchesFrom() throws Exception {
        List<NodeProcess> nodes = closeLater(ProcessCluster.start(3, NODE_TIMEOUT)).nodes();
        long started = System.nanoTime();
        AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
        AtomicInteger distinct = new AtomicInteger();
        Handler count = Handler.of("count", t -> {
            if (runs.incrementAndGet(t.requireParam("i", Integer.class)) == 1) distinct.incrementAndGet();
        });
        // Worker 1 fetches from node 0, the one that is killed; worker 2 from node 1. Node 2 has none.
        Worker w1 = closeLater(Worker.builder(pinned(nodes.get(0), false)).concurrency(8).fastAck(true)
                .fetchTimeout(Duration.ofSeconds(1)).handle(count).build());
        Worker w2 = closeLater(Worker.builder(pinned(nodes.get(1), false)).concurrency(8).fastAck(true)
                .fetchTimeout(Duration.ofSeconds(1)).handle(count).build());
        w1.start();
        w2.start();

        // Producers on every node; each task goes to a random one. They consent to ADDJOB being sent again after
        // a lost connection: a task may then exist twice, never zero times.
        List<TasqueClient> producers = new ArrayList<>();
        for (NodeProcess s : nodes) {
            producers.add(closeLater(TasqueClient.builder(pinned(s, true)).enqueueTimeout(Duration.ofSeconds(10))
                    .build()));
        }
        Semaphore window = new Semaphore(200);
        AtomicInteger resubmitted = new AtomicInteger();
        List<CompletableFuture<String>> submits = new ArrayList<>();
        long w1BeforeStop = -1;
        for (int i = 0; i < TASKS; i++) {
            if (i == TASKS / 2) {
                Poll.until("worker 1 ran tasks before the kill", Duration.ofSeconds(60), () -> w1.stats().succeeded() > 0);
                nodes.get(0).kill();
                w1BeforeStop = w1.stats().succeeded();
                System.out.println("killed node 0 after " + i + " submits, " + distinct.get() + " tasks run");
            }
            window.acquire();
            CompletableFuture<String> f = submit(producers, i, 5, resubmitted);
            f.whenComplete((id, e) -> window.release());
            submits.add(f);
        }
        for (CompletableFuture<String> f : submits) f.get(60, TimeUnit.SECONDS);

        Poll.until("every task run at least once", Duration.ofSeconds(120), () -> distinct.get() == TASKS);
        int total = 0;
        int twice = 0;
        for (int i = 0; i < TASKS; i++) {
            int n = runs.get(i);
            assertTrue(n >= 1, "task " + i + " never ran");
            total += n;
            if (n > 1) twice++;
        }
        System.out.printf("%d tasks: %d runs, %d duplicate runs (%d tasks ran more than once), %d submits sent again"
                + " after an error%n", TASKS, total, total - TASKS, twice, resubmitted.get());
        assertEquals(TASKS, distinct.get());
        // The killed node's worker carried on with another node.
        long w1After = w1.stats().succeeded() - w1BeforeStop;
        System.out.println("worker 1 ran " + w1After + " tasks after its node was killed, worker 2 "
                + w2.stats().succeeded() + " in all; " + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertTrue(w1After > 0, "worker 1 ran nothing after its node was killed");
    }

    /** Submits task i on a random producer; on an error, again (at most {@code left} more times) on another. */
    private static CompletableFuture<String> submit(List<TasqueClient> producers, int i, int left,
            AtomicInteger resubmitted) {
        TasqueClient p = producers.get(ThreadLocalRandom.current().nextInt(producers.size()));
        Task task = Task.named("count").set("i", i).retry(RETRY);
        return p.submitAsync(task, SubmitOption.replicate(2)).handle((id, e) -> {
            if (e == null) return CompletableFuture.completedFuture(id);
            if (left == 0) return CompletableFuture.<String>failedFuture(e);
            resubmitted.incrementAndGet();
            return submit(producers, i, left - 1, resubmitted);
        }).thenCompose(x -> x);
    }

    @Test
    void tasksInFlightWhenTheNodeDiesRunAgainAndTheWorkerCarriesOn() throws Exception {
        ProcessCluster cluster = closeLater(ProcessCluster.start(3, NODE_TIMEOUT));
        List<NodeProcess> nodes = cluster.nodes();
        // Worker 1 fetches from node 0 and holds its two tasks until told, which fills its two slots (so it cannot
        // take them again itself); no heartbeats, so nothing postpones their requeue. It also runs "count" tasks.
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger counted = new AtomicInteger();
        Worker w1 = closeLater(Worker.builder(pinned(nodes.get(0), false)).concurrency(2).heartbeats(false)
                .fetchTimeout(Duration.ofMillis(500))
                .handle(Handler.of("hold", t -> {
                    held.incrementAndGet();
                    if (!release.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
                }))
                .handle(Handler.of("count", t -> counted.incrementAndGet())).build());
        w1.start();
        TasqueClient onNode0 = closeLater(TasqueClient.builder(pinned(nodes.get(0), false)).build());
        // Three copies: the two surviving nodes both hold one, and queue it again when its retry time passes.
        for (int i = 0; i < 2; i++) onNode0.submit(Task.named("hold").set("i", i).retry(Duration.ofSeconds(2)),
                SubmitOption.replicate(3));
        Poll.until("worker 1 holds both tasks", Duration.ofSeconds(30), () -> held.get() == 2);

        nodes.get(0).kill();
        // Worker 2, started only now so it cannot have taken the tasks first, runs them again: the survivors
        // requeued them, unacknowledged, after their retry time.
        Map<Integer, Integer> attempts = new ConcurrentHashMap<>();
        Worker w2 = closeLater(Worker.builder(pinned(nodes.get(1), false)).concurrency(4)
                .fetchTimeout(Duration.ofMillis(500))
                .handle(Handler.of("hold", t -> attempts.put(t.requireParam("i", Integer.class), t.attempt())))
                .build());
        w2.start();
        Poll.until("the two held tasks run again", Duration.ofSeconds(60), () -> attempts.size() == 2);
        System.out.println("attempt of each task run again after the kill: " + attempts);
        for (int a : attempts.values()) assertTrue(a >= 2, "a redelivery counts as another attempt: " + attempts);
        release.countDown();
        Poll.until("worker 1 finished the held tasks", Duration.ofSeconds(30), () -> w1.stats().running() == 0);
        w2.close();

        // Worker 1 carries on: its fetch connection moved to a surviving node.
        TasqueClient onNode2 = closeLater(TasqueClient.builder(pinned(nodes.get(2), false)).build());
        for (int i = 0; i < 20; i++) onNode2.submit(Task.named("count").set("i", i), SubmitOption.replicate(2));
        Poll.until("worker 1 ran the 20 tasks submitted after the kill", Duration.ofSeconds(60), () -> counted.get() == 20);
        // Counted as succeeded once acknowledged: 2 held tasks and the 20.
        Poll.until("worker 1 acknowledged them", Duration.ofSeconds(30), () -> w1.stats().succeeded() == 22);
    }

    @Test
    void goStyleAddressesOfEveryNode() throws Exception {
        List<NodeProcess> nodes = closeLater(ProcessCluster.start(3, NODE_TIMEOUT)).nodes();
        String[] all = nodes.stream().map(NodeProcess::address).toArray(String[]::new);
        AtomicIntegerArray runs = new AtomicIntegerArray(100);
        Worker w = closeLater(Worker.builder(all).concurrency(4).fetchTimeout(Duration.ofMillis(500))
                .handle(Handler.of("go", t -> runs.incrementAndGet(t.requireParam("i", Integer.class)))).build());
        w.start();
        TasqueClient producer = closeLater(TasqueClient.create(Duration.ofSeconds(10), all));
        for (int i = 0; i < 50; i++) producer.submit(Task.named("go").set("i", i).retry(RETRY), SubmitOption.replicate(2));
        Poll.until("the first 50", Duration.ofSeconds(30), () -> w.stats().succeeded() >= 50);
        // Whichever nodes the worker and the producer use, one of the three is killed; both carry on with the others.
        nodes.get(0).kill();
        producer.connection().sync().ping(); // safe to repeat: it moves the producer if it was on node 0
        for (int i = 50; i < 100; i++) producer.submit(Task.named("go").set("i", i).retry(RETRY), SubmitOption.replicate(2));
        Poll.until("all 100", Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 100; i++) if (runs.get(i) == 0) return false;
            return true;
        });
        // A task counts as succeeded once its acknowledgement returns, which may have to wait for the connection to
        // move off the killed node: the count follows the runs, it is not there with them.
        Poll.until("100 tasks counted as succeeded", Duration.ofSeconds(30), () -> w.stats().succeeded() >= 100);
    }

    @Test
    void aWorkerMovesOffALeavingNode() throws Exception {
        List<NodeProcess> nodes = closeLater(ProcessCluster.start(3)).nodes();
        NodeProcess leaving = nodes.get(0);
        AtomicInteger done = new AtomicInteger();
        Worker w = closeLater(Worker.builder(pinned(leaving, false)).concurrency(4)
                .fetchTimeout(Duration.ofMillis(500)).handle(Handler.of("move", t -> done.incrementAndGet())).build());
        w.start();
        // The probe must stay on node 0 although it leaves: no periodic refresh, and it sends nothing that would
        // be answered -LEAVING.
        DisqueClient direct = DisqueClient.create(DisqueURI.builder().withNode("127.0.0.1", leaving.port()).build());
        direct.setOptions(DisqueClientOptions.builder().spreadOverEqualNodes(false).nodeRefreshPeriod(Duration.ZERO)
                .build());
        closeLater(direct::shutdown);
        StatefulDisqueConnection<String, String> probe = closeLater(direct.connect());
        Poll.until("the worker connected to node 0", Duration.ofSeconds(10), () -> connectedClients(probe) > 1);

        assertEquals("OK", probe.sync().clusterLeaving(true));
        TasqueClient producer = closeLater(TasqueClient.builder(pinned(nodes.get(1), false)).build());
        // A leaving node takes no new copies: wait until the producer's node knows, or it might pick node 0 as a
        // replica and answer NOREPL.
        String leavingId = leaving.id();
        Poll.until("node 1 sees node 0 leaving", Duration.ofSeconds(30), () -> producer.connection().sync().hello().nodes()
                .stream().anyMatch(n -> n.id().equals(leavingId) && n.priority() == 100));
        // Two copies: a leaving node takes no new copies, so the default of three cannot be met.
        for (int i = 0; i < 100; i++) producer.submit(Task.named("move").set("i", i), SubmitOption.replicate(2));
        Poll.until("100 tasks run", Duration.ofSeconds(30), () -> done.get() == 100);
        Poll.until("the worker has left node 0", Duration.ofSeconds(30), () -> connectedClients(probe) == 1);
        assertEquals(leaving.port(), probe.getCurrentNode().address().port(), "the probe counted node 0's clients");
        // As above: the last acknowledgements may still be on their way when the handlers have run.
        Poll.until("100 tasks counted as succeeded", Duration.ofSeconds(30), () -> w.stats().succeeded() >= 100);
        assertEquals(100, w.stats().succeeded());
    }
}
