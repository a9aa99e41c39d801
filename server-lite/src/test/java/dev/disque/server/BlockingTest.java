/*
 * BlockingTest: GETJOB clients that wait for jobs. Who is served, with
 * what, in which order; pipelined commands behind a blocked GETJOB; PAUSE
 * out; many producers and consumers on threads; the blocked counters;
 * and what releases a waiting client (DEBUG FLUSHALL, CLUSTER LEAVING,
 * disconnecting).
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BlockingTest extends ServerFixture {
    private static final String LEAVING =
            "LEAVING This node is leaving the cluster, please connect to a different one";

    private int blocked() {
        return server.inspect(e -> e.blockedCount());
    }

    private void awaitBlocked(int n) {
        await(n + " blocked client(s)", () -> blocked() == n);
    }

    private long infoField(String name) throws IOException {
        String info = (String) call("INFO");
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) return Long.parseLong(line.substring(name.length() + 1));
        }
        throw new AssertionError("INFO has no field " + name);
    }

    private Object qstat(String queue, String field) throws IOException {
        Object r = call("QSTAT", queue);
        assertInstanceOf(List.class, r, () -> "QSTAT replied " + r);
        List<?> l = (List<?>) r;
        return l.get(l.indexOf(field) + 1);
    }

    // ----------------------------------------------------------- being served

    @Test
    void blockedGetjobIsServedByAnAddjobFromAnotherConnection() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "q");
        awaitBlocked(1);
        String id = addJob("q", "payload");
        assertEquals(List.of(List.of("q", id, "payload")), consumer.read());
        assertEquals(0, blocked());
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("active", ((List<?>) call("SHOW", id)).get(5));
    }

    @Test
    void blockedGetjobWithCountersGetsTheCounters() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "WITHCOUNTERS", "FROM", "q");
        awaitBlocked(1);
        String id = addJob("q", "payload", "RETRY", "60");
        assertEquals(List.of(List.of("q", id, "payload", "nacks", 0L, "additional-deliveries", 0L)), consumer.read());

        // NACKed back, it reaches the next waiting client with its nack counted.
        consumer.send("GETJOB", "WITHCOUNTERS", "FROM", "q");
        awaitBlocked(1);
        assertEquals(1L, call("NACK", id));
        assertEquals(List.of(List.of("q", id, "payload", "nacks", 1L, "additional-deliveries", 0L)), consumer.read());
    }

    @Test
    void blockedGetjobWithCountGetsTheOneJobThatArrives() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "COUNT", "10", "FROM", "q");
        awaitBlocked(1);
        String a = addJob("q", "a");
        assertEquals(List.of(List.of("q", a, "a")), consumer.read());
    }

    @Test
    void jobsArrivingTogetherAreDealtInTurnToBlockedClientsUpToTheirCount() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) ids.add(addJob("q", "job" + i, "RETRY", "60"));
        assertEquals(6, ((List<?>) call("GETJOB", "COUNT", "6", "FROM", "q")).size());
        RespClient three = newClient();
        three.send("GETJOB", "COUNT", "3", "FROM", "q");
        awaitBlocked(1);
        RespClient ten = newClient();
        ten.send("GETJOB", "COUNT", "10", "FROM", "q");
        awaitBlocked(2);
        RespClient one = newClient();
        one.send("GETJOB", "FROM", "q");
        awaitBlocked(3);
        // One command queues six jobs: each waiting client takes one in turn, longest waiting
        // first, until its COUNT is reached or the jobs run out; each gets its jobs in one reply.
        List<Object> nack = new ArrayList<>(List.of("NACK"));
        nack.addAll(ids);
        assertEquals(6L, call(nack.toArray()));
        List<String> got = new ArrayList<>();
        List<String> toThree = idsOf(three.read());
        List<String> toTen = idsOf(ten.read());
        List<String> toOne = idsOf(one.read());
        assertEquals(List.of(3, 2, 1), List.of(toThree.size(), toTen.size(), toOne.size()));
        got.addAll(toThree);
        got.addAll(toTen);
        got.addAll(toOne);
        assertEquals(new HashSet<>(ids), new HashSet<>(got));
        assertEquals(0, blocked());
        assertEquals(0L, call("QLEN", "q"));
    }

    private static List<String> idsOf(Object reply) {
        List<String> out = new ArrayList<>();
        for (Object job : (List<?>) reply) out.add((String) ((List<?>) job).get(1));
        return out;
    }

    @Test
    void severalBlockedClientsAreServedOneJobEachInArrivalOrder() throws Exception {
        List<RespClient> consumers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RespClient c = newClient();
            c.send("GETJOB", "FROM", "q");
            awaitBlocked(i + 1);
            consumers.add(c);
        }
        assertEquals(4L, qstat("q", "blocked"));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) ids.add(addJob("q", "job" + i));
        for (int i = 0; i < 3; i++) {
            assertEquals(List.of(List.of("q", ids.get(i), "job" + i)), consumers.get(i).read(), "consumer " + i);
        }
        // The last one still waits, and gets the next job.
        assertEquals(1, blocked());
        String last = addJob("q", "job3");
        assertEquals(List.of(List.of("q", last, "job3")), consumers.get(3).read());
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void clientBlockedOnSeveralQueuesIsServedFromTheOneThatGetsAJob() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "a", "b", "c");
        awaitBlocked(1);
        for (String q : List.of("a", "b", "c")) assertEquals(1L, qstat(q, "blocked"), q);
        String id = addJob("b", "from b");
        assertEquals(List.of(List.of("b", id, "from b")), consumer.read());
        // Released from every queue it waited on.
        assertEquals(0, blocked());
        for (String q : List.of("a", "b", "c")) assertEquals(0L, qstat(q, "blocked"), q);
        String later = addJob("a", "for nobody");
        assertEquals(1L, call("QLEN", "a"));
        assertEquals(List.of(List.of("a", later, "for nobody")), call("GETJOB", "FROM", "a"));
    }

    @Test
    void jobsQueuedToSeveralQueuesAtOnceServeAMultiQueueClientOnlyOnce() throws Exception {
        String a = addJob("a", "x", "RETRY", "60");
        String b = addJob("b", "y", "RETRY", "60");
        call("GETJOB", "COUNT", "2", "FROM", "a", "b");
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "a", "b");
        awaitBlocked(1);
        // One command queues to both queues: the client takes one job, the other stays queued.
        assertEquals(2L, call("NACK", a, b));
        assertEquals(List.of(List.of("a", a, "x")), consumer.read());
        assertEquals(0L, call("QLEN", "a"));
        assertEquals(1L, call("QLEN", "b"));
        assertEquals(0, blocked());
    }

    // -------------------------------------------------------------- pipelining

    @Test
    void commandsPipelinedBehindABlockedGetjobRunAfterItInOrder() throws Exception {
        RespClient consumer = newClient();
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        pipeline.writeBytes(RespClient.encode("GETJOB", "FROM", "q"));
        pipeline.writeBytes(RespClient.encode("ADDJOB", "side", "effect", "0"));
        pipeline.writeBytes(RespClient.encode("QLEN", "side"));
        pipeline.writeBytes(RespClient.encode("PING", "after"));
        consumer.sendRaw(pipeline.toByteArray());
        awaitBlocked(1);
        // The ADDJOB behind the GETJOB has not run.
        assertEquals(0L, call("QLEN", "side"));

        String id = addJob("q", "unblock");
        assertEquals(List.of(List.of("q", id, "unblock")), consumer.read());
        Object added = consumer.read();
        assertInstanceOf(RespClient.Status.class, added);
        assertEquals(1L, consumer.read());
        assertEquals("after", consumer.read());
        assertEquals(1L, call("QLEN", "side"));
    }

    @Test
    void aSecondBlockingGetjobInThePipelineBlocksInItsTurn() throws Exception {
        RespClient consumer = newClient();
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        pipeline.writeBytes(RespClient.encode("GETJOB", "FROM", "q"));
        pipeline.writeBytes(RespClient.encode("GETJOB", "FROM", "q"));
        pipeline.writeBytes(RespClient.encode("PING"));
        consumer.sendRaw(pipeline.toByteArray());
        awaitBlocked(1);
        String first = addJob("q", "one");
        assertEquals(List.of(List.of("q", first, "one")), consumer.read());
        awaitBlocked(1);
        String second = addJob("q", "two");
        assertEquals(List.of(List.of("q", second, "two")), consumer.read());
        assertStatus("PONG", consumer.read());
        assertEquals(0, blocked());
    }

    // ------------------------------------------------------------------ PAUSE

    @Test
    void pauseOutBlocksGetjobEvenWithJobsQueuedAndPauseNoneWakesIt() throws Exception {
        String id = addJob("q", "held");
        assertStatus("out", call("PAUSE", "q", "out"));
        assertSame(RespClient.NULL_ARRAY, call("GETJOB", "NOHANG", "FROM", "q"));

        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "q");
        awaitBlocked(1);
        assertEquals(1L, call("QLEN", "q"));
        // More jobs do not wake it either while the queue is paused for output.
        String second = addJob("q", "also held");
        assertEquals(2L, call("QLEN", "q"));
        assertEquals(1, blocked());

        assertStatus("none", call("PAUSE", "q", "none"));
        assertEquals(List.of(List.of("q", id, "held")), consumer.read());
        assertEquals(0, blocked());
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(List.of(List.of("q", second, "also held")), call("GETJOB", "FROM", "q"));
    }

    @Test
    void pausedOutQueueIsSkippedForAnotherQueueTheClientWaitsOn() throws Exception {
        addJob("paused", "held");
        assertStatus("out", call("PAUSE", "paused", "out"));
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "paused", "open");
        awaitBlocked(1);
        String id = addJob("open", "free");
        assertEquals(List.of(List.of("open", id, "free")), consumer.read());
        assertEquals(1L, call("QLEN", "paused"));
    }

    // ------------------------------------------------------------ concurrency

    @Test
    void concurrentProducersAndBlockedConsumersLoseAndDuplicateNothing() throws Exception {
        final int producers = 4;
        final int perProducer = 250;
        final int consumers = 3;
        ExecutorService pool = Executors.newFixedThreadPool(producers + consumers);
        try {
            List<Future<List<String>>> received = new ArrayList<>();
            for (int i = 0; i < consumers; i++) {
                RespClient c = newClient();
                received.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    while (true) {
                        List<?> reply = (List<?>) c.call("GETJOB", "FROM", "work");
                        List<?> job = (List<?>) reply.get(0);
                        if (job.get(2).equals("stop")) return ids;
                        ids.add((String) job.get(1));
                        // Acknowledge half of them; the rest would only come back after RETRY, which never elapses.
                        if (ids.size() % 2 == 0) c.call("ACKJOB", job.get(1));
                    }
                }));
            }
            awaitBlocked(consumers);

            List<Future<List<String>>> sent = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                RespClient c = newClient();
                int me = p;
                sent.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perProducer; i++) {
                        Object r = c.call("ADDJOB", "work", "p" + me + "-" + i, "0", "RETRY", "3600");
                        ids.add(((RespClient.Status) r).text());
                    }
                    return ids;
                }));
            }
            Set<String> produced = new HashSet<>();
            for (Future<List<String>> f : sent) produced.addAll(f.get(30, TimeUnit.SECONDS));
            assertEquals(producers * perProducer, produced.size(), "duplicate job IDs from ADDJOB");
            for (int i = 0; i < consumers; i++) addJob("work", "stop");

            List<String> all = new ArrayList<>();
            for (Future<List<String>> f : received) all.addAll(f.get(30, TimeUnit.SECONDS));
            assertEquals(producers * perProducer, all.size(), "jobs delivered");
            assertEquals(produced, new HashSet<>(all), "every job delivered exactly once");
            assertEquals(0L, call("QLEN", "work"));
            assertEquals(0, blocked());
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- counters

    @Test
    void blockedCountersFollowWaitingClients() throws Exception {
        assertEquals(0L, infoField("blocked_clients"));
        RespClient a = newClient();
        RespClient b = newClient();
        a.send("GETJOB", "FROM", "q1");
        b.send("GETJOB", "FROM", "q1", "q2");
        awaitBlocked(2);
        assertEquals(2L, infoField("blocked_clients"));
        assertEquals(2L, qstat("q1", "blocked"));
        assertEquals(1L, qstat("q2", "blocked"));

        String id = addJob("q1", "x");
        assertEquals(List.of(List.of("q1", id, "x")), a.read());
        assertEquals(1L, infoField("blocked_clients"));
        assertEquals(1L, qstat("q1", "blocked"));
        assertEquals(1L, qstat("q2", "blocked"));

        String id2 = addJob("q2", "y");
        assertEquals(List.of(List.of("q2", id2, "y")), b.read());
        assertEquals(0L, infoField("blocked_clients"));
        assertEquals(0L, qstat("q1", "blocked"));
        assertEquals(0L, qstat("q2", "blocked"));
    }

    @Test
    void aBlockedClientThatDisconnectsIsForgottenAndTakesNoJob() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "q");
        awaitBlocked(1);
        consumer.close();
        awaitBlocked(0);
        assertEquals(0L, qstat("q", "blocked"));
        String id = addJob("q", "kept");
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(List.of(List.of("q", id, "kept")), call("GETJOB", "FROM", "q"));
    }

    // ---------------------------------------------------------------- release

    @Test
    void debugFlushallReleasesBlockedClientsWithTheNullArray() throws Exception {
        RespClient a = newClient();
        RespClient b = newClient();
        a.send("GETJOB", "FROM", "q");
        b.send("GETJOB", "TIMEOUT", "60000", "FROM", "q", "r");
        awaitBlocked(2);
        assertStatus("OK", call("DEBUG", "FLUSHALL"));
        assertEquals("*-1", a.readLine());
        assertEquals("*-1", b.readLine());
        assertEquals(0L, infoField("blocked_clients"));
        assertEquals(0L, infoField("registered_queues"));
        // Both connections work normally afterwards.
        assertStatus("PONG", a.call("PING"));
        assertStatus("PONG", b.call("PING"));
        addJob("q", "fresh");
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void leavingReleasesBlockedClientsOnTheNextCronTick() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "q");
        awaitBlocked(1);
        assertStatus("OK", call("CLUSTER", "LEAVING", "yes"));
        server.tick();
        assertEquals(new RespClient.Err(LEAVING), consumer.read());
        assertEquals(0, blocked());

        // Now a GETJOB that would block is refused at once.
        assertEquals(new RespClient.Err(LEAVING), consumer.call("GETJOB", "FROM", "q"));
        assertEquals(new RespClient.Err(LEAVING), consumer.call("GETJOB", "TIMEOUT", "1000", "FROM", "q"));
        // NOHANG never blocks, so it still gets its empty reply.
        assertSame(RespClient.NULL_ARRAY, consumer.call("GETJOB", "NOHANG", "FROM", "q"));
        assertEquals(new RespClient.Err("NOREPL Not enough reachable nodes for the requested replication level, "
                + "since I'm unable to hold a copy of the message for the following reason: I'm leaving the cluster"),
                call("ADDJOB", "q", "x", "0"));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(0, blocked());
    }

    @Test
    void leavingNodeStillHandsOutJobsItHolds() throws Exception {
        String id = addJob("q", "x");
        assertStatus("OK", call("CLUSTER", "LEAVING", "yes"));
        assertEquals(List.of(List.of("q", id, "x")), call("GETJOB", "FROM", "q"));
        assertStatus("OK", call("CLUSTER", "LEAVING", "no"));
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "q");
        awaitBlocked(1);
        server.tick();
        assertEquals(1, blocked(), "no longer leaving: the client keeps waiting");
        String next = addJob("q", "y");
        assertEquals(List.of(List.of("q", next, "y")), consumer.read());
    }

    @Test
    void blockedClientIsNotClosedForIdleness() throws Exception {
        assertStatus("OK", call("CONFIG", "SET", "timeout", "10"));
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "q");
        awaitBlocked(1);
        advance(Duration.ofSeconds(60));
        // The idle, unblocked connection is closed; the blocked one is kept.
        assertTrue(client.isClosedByServer(), "idle client not closed");
        assertEquals(1, blocked());
        RespClient producer = newClient();
        Object r = producer.call("ADDJOB", "q", "x", "0");
        assertInstanceOf(RespClient.Status.class, r);
        assertEquals(List.of(List.of("q", ((RespClient.Status) r).text(), "x")), consumer.read());
        assertStatus("PONG", consumer.call("PING"));
    }
}
