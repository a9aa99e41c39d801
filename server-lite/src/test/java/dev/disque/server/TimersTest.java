/*
 * TimersTest: everything that happens because time passes, driven by the
 * ManualClock (advance() moves it and runs the due timers): retry requeue
 * and its delivery counter, NACK, TTL expiry wherever the job is, DELAY,
 * WORKING (postponing, -TOOLATE, -NOJOB), the SHOW timer fields, requeue
 * under PAUSE in, idle-queue collection and GETJOB TIMEOUT.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimersTest extends ServerFixture {
    /** Requeue times carry a random error of [-250, 250) ms; this much past RETRY is surely due. */
    private static final Duration SLACK = Duration.ofMillis(500);

    // ---------------------------------------------------------------- helpers

    private Map<String, Object> show(String id) throws IOException {
        Object r = call("SHOW", id);
        assertInstanceOf(List.class, r, () -> "SHOW replied " + r);
        List<?> l = (List<?>) r;
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < l.size(); i += 2) m.put((String) l.get(i), l.get(i + 1));
        return m;
    }

    private long infoField(String name) throws IOException {
        String info = (String) call("INFO");
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) return Long.parseLong(line.substring(name.length() + 1));
        }
        throw new AssertionError("INFO has no field " + name);
    }

    /** Clients blocked right now, read on the server thread. */
    private int blocked() {
        return server.inspect(e -> e.blockedCount());
    }

    /** Moves the clock by that many seconds and runs the timers that became due. */
    private void seconds(double s) {
        advance(Duration.ofMillis(Math.round(s * 1000)));
    }

    /** GETJOB WITHCOUNTERS of the one job in the queue: [queue, id, body, "nacks", n, "additional-deliveries", n]. */
    private List<?> getWithCounters(String queue) throws IOException {
        Object r = call("GETJOB", "NOHANG", "WITHCOUNTERS", "FROM", queue);
        assertInstanceOf(List.class, r, () -> "GETJOB replied " + r);
        assertEquals(1, ((List<?>) r).size());
        List<?> job = (List<?>) ((List<?>) r).get(0);
        assertEquals(7, job.size(), () -> "job with counters: " + job);
        assertEquals("nacks", job.get(3));
        assertEquals("additional-deliveries", job.get(5));
        return job;
    }

    // ------------------------------------------------------------------ retry

    @Test
    void retryRequeuesAnUnackedJobAndCountsTheAdditionalDelivery() throws Exception {
        String id = addJob("q", "work", "RETRY", "5");
        List<?> first = getWithCounters("q");
        assertEquals(List.of("q", id, "work", "nacks", 0L, "additional-deliveries", 0L), first);
        assertEquals(0L, call("QLEN", "q"));

        seconds(4);
        assertEquals(0L, call("QLEN", "q"), "requeued before RETRY elapsed");
        assertEquals("active", show(id).get("state"));

        seconds(1);
        advance(SLACK);
        assertEquals(1L, call("QLEN", "q"), "not requeued after RETRY");
        assertEquals("queued", show(id).get("state"));
        assertEquals(1L, show(id).get("additional-deliveries"));
        assertEquals(0L, show(id).get("nacks"));

        assertEquals(List.of("q", id, "work", "nacks", 0L, "additional-deliveries", 1L), getWithCounters("q"));

        // Not acked again: one more retry period, one more delivery.
        seconds(5);
        advance(SLACK);
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(List.of("q", id, "work", "nacks", 0L, "additional-deliveries", 2L), getWithCounters("q"));
        assertEquals(2L, show(id).get("additional-deliveries"));
    }

    @Test
    void retryRequeueWakesABlockedConsumer() throws Exception {
        String id = addJob("q", "work", "RETRY", "5");
        call("GETJOB", "FROM", "q");
        RespClient consumer = newClient();
        consumer.send("GETJOB", "WITHCOUNTERS", "FROM", "q");
        await("consumer blocked", () -> blocked() == 1);
        seconds(5);
        advance(SLACK);
        assertEquals(List.of(List.of("q", id, "work", "nacks", 0L, "additional-deliveries", 1L)), consumer.read());
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("active", show(id).get("state"));
    }

    @Test
    void aQueuedJobThatNobodyFetchesIsNotCountedAsRedelivered() throws Exception {
        String id = addJob("q", "work", "RETRY", "2");
        seconds(10);
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(0L, show(id).get("additional-deliveries"));
    }

    @Test
    void atMostOnceJobIsNeverRequeuedAfterItsDelivery() throws Exception {
        String id = addJob("q", "once", "RETRY", "0", "TTL", "3600");
        assertEquals(List.of(List.of("q", id, "once")), call("GETJOB", "FROM", "q"));
        Map<String, Object> s = show(id);
        assertEquals(0L, s.get("retry"));
        assertNull(s.get("next-requeue-within"), "an at-most-once job has no requeue time");

        for (int i = 0; i < 10; i++) seconds(300);
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("active", show(id).get("state"));
        assertEquals(0L, show(id).get("additional-deliveries"));
        // Not even ENQUEUE or NACK can deliver it a second time.
        assertEquals(0L, call("ENQUEUE", id));
        assertEquals(0L, call("NACK", id));
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void nackRequeuesAtOnceAndCountsANack() throws Exception {
        String id = addJob("q", "work", "RETRY", "60");
        getWithCounters("q");
        assertEquals(1L, call("NACK", id));
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(List.of("q", id, "work", "nacks", 1L, "additional-deliveries", 0L), getWithCounters("q"));
        assertEquals(1L, call("NACK", id));
        Map<String, Object> s = show(id);
        assertEquals(2L, s.get("nacks"));
        assertEquals(0L, s.get("additional-deliveries"));
        // A queued job cannot be NACKed again.
        assertEquals(0L, call("NACK", id));
        assertEquals(2L, show(id).get("nacks"));
    }

    @Test
    void nackRearmsTheRetryTimer() throws Exception {
        String id = addJob("q", "work", "RETRY", "10");
        call("GETJOB", "FROM", "q");
        seconds(8);
        assertEquals(1L, call("NACK", id));
        call("GETJOB", "FROM", "q");
        // The original requeue (at ~10 s) no longer applies: the NACK armed a new one at ~18 s.
        seconds(5);
        assertEquals(0L, call("QLEN", "q"));
        seconds(5);
        advance(SLACK);
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(1L, show(id).get("additional-deliveries"));
    }

    // -------------------------------------------------------------------- TTL

    @Test
    void ttlExpiresAQueuedJob() throws Exception {
        long before = infoField("expired_jobs");
        String id = addJob("q", "x", "TTL", "10", "RETRY", "100");
        seconds(9);
        assertEquals(1L, call("QLEN", "q"));
        seconds(2);
        assertNull(call("SHOW", id));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(before + 1, infoField("expired_jobs"));
        assertEquals(0L, infoField("registered_jobs"));
        assertSame(RespClient.NULL_ARRAY, call("GETJOB", "NOHANG", "FROM", "q"));
    }

    @Test
    void ttlExpiresAnActiveJob() throws Exception {
        String id = addJob("q", "x", "TTL", "10", "RETRY", "100");
        call("GETJOB", "FROM", "q");
        assertEquals("active", show(id).get("state"));
        seconds(9);
        assertEquals("active", show(id).get("state"));
        seconds(2);
        assertNull(call("SHOW", id));
        assertEquals(1L, infoField("expired_jobs"));
        assertEquals(0L, call("ACKJOB", id));
    }

    @Test
    void ttlExpiresADelayedJobThatWasNeverQueued() throws Exception {
        String id = addJob("q", "x", "TTL", "10", "DELAY", "5", "RETRY", "4");
        // Paused for input, the delayed job keeps being postponed instead of queued.
        assertStatus("in", call("PAUSE", "q", "in"));
        seconds(6);
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("active", show(id).get("state"));
        seconds(5);
        assertNull(call("SHOW", id));
        assertEquals(1L, infoField("expired_jobs"));
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void jobWhoseDelayAndTtlPassTogetherIsExpiredNotQueued() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "q");
        await("consumer blocked", () -> blocked() == 1);
        String id = addJob("q", "late", "TTL", "10", "DELAY", "9");
        assertEquals(0L, call("QLEN", "q"));
        seconds(11);
        assertNull(call("SHOW", id));
        assertEquals(1L, infoField("expired_jobs"));
        // The waiting consumer was not handed the expired job.
        assertEquals(1, blocked());
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void aHugeTtlOrDelayMeansFarAwayNotAlreadyPast() throws Exception {
        String max = Long.toString(Long.MAX_VALUE);
        String forever = addJob("q", "forever", "TTL", max);
        String later = addJob("d", "much later", "TTL", max, "DELAY", Long.toString(Long.MAX_VALUE - 1));
        seconds(86400);
        assertEquals(0L, infoField("expired_jobs"));
        assertEquals("queued", show(forever).get("state"));
        assertTrue((Long) show(forever).get("ttl") > 1_000_000_000_000L, "ttl " + show(forever).get("ttl"));
        assertEquals("active", show(later).get("state"));
        assertEquals(0L, call("QLEN", "d"), "a delay of ~2^63 seconds already elapsed");
    }

    // ------------------------------------------------------------------ DELAY

    @Test
    void delayQueuesTheJobOnlyWhenDue() throws Exception {
        String id = addJob("q", "later", "DELAY", "5", "RETRY", "30");
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(5L, show(id).get("delay"));
        assertEquals("active", show(id).get("state"));
        assertSame(RespClient.NULL_ARRAY, call("GETJOB", "NOHANG", "FROM", "q"));
        seconds(4.9);
        assertEquals(0L, call("QLEN", "q"));
        seconds(0.1);
        assertEquals(1L, call("QLEN", "q"));
        assertEquals("queued", show(id).get("state"));
        // The first queueing is the delivery, not a re-delivery.
        assertEquals(List.of("q", id, "later", "nacks", 0L, "additional-deliveries", 0L), getWithCounters("q"));
    }

    @Test
    void delayedJobWakesABlockedConsumerWhenDue() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "q");
        await("consumer blocked", () -> blocked() == 1);
        String id = addJob("q", "later", "DELAY", "3");
        seconds(2);
        assertEquals(1, blocked());
        seconds(1);
        assertEquals(List.of(List.of("q", id, "later")), consumer.read());
    }

    // ---------------------------------------------------------------- WORKING

    @Test
    void workingReturnsRetryAndPostponesTheRequeue() throws Exception {
        String id = addJob("q", "slow", "RETRY", "10", "TTL", "3600");
        call("GETJOB", "FROM", "q");
        seconds(8);
        assertEquals(10L, call("WORKING", id));
        // The requeue due at ~10 s is now due at ~18 s.
        seconds(5);
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("active", show(id).get("state"));
        long requeue = (Long) show(id).get("next-requeue-within");
        assertTrue(requeue >= 4750 && requeue <= 5250, "next-requeue-within " + requeue);
        seconds(5);
        advance(SLACK);
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(1L, show(id).get("additional-deliveries"));
    }

    @Test
    void workingOnAQueuedJobTakesItOutOfTheQueue() throws Exception {
        String id = addJob("q", "x", "RETRY", "10", "TTL", "3600");
        assertEquals(10L, call("WORKING", id));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("active", show(id).get("state"));
        seconds(10);
        advance(SLACK);
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void workingIsRefusedOnceHalfTheTtlElapsed() throws Exception {
        String id = addJob("q", "x", "RETRY", "10", "TTL", "100");
        call("GETJOB", "FROM", "q");
        seconds(50);
        assertEquals(10L, call("WORKING", id), "exactly half the TTL is still allowed");
        advance(Duration.ofMillis(1));
        Object r = call("WORKING", id);
        assertEquals(new RespClient.Err("TOOLATE Half of job TTL already elapsed, you are no longer allowed to "
                + "postpone the next delivery."), r);
        // Refused means nothing was postponed: the requeue armed at 50 s still comes at ~60 s.
        seconds(10);
        advance(SLACK);
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void workingOnUnknownOrAckedJobIsNoJob() throws Exception {
        String id = addJob("q", "x");
        String unknown = id.substring(0, 11) + (id.charAt(11) == 'A' ? 'B' : 'A') + id.substring(12);
        assertEquals(new RespClient.Err("NOJOB Job not known in the context of this node."), call("WORKING", unknown));
        call("GETJOB", "FROM", "q");
        assertEquals(1L, call("ACKJOB", id));
        assertEquals(new RespClient.Err("NOJOB Job not known in the context of this node."), call("WORKING", id));
        assertError("BADID", call("WORKING", "not-a-job-id"));
    }

    // ------------------------------------------------------------------- SHOW

    @Test
    void showTimersCountDownAsTimePasses() throws Exception {
        String id = addJob("q", "x", "RETRY", "10", "TTL", "3600");
        Map<String, Object> s0 = show(id);
        long requeue0 = (Long) s0.get("next-requeue-within");
        long awake0 = (Long) s0.get("next-awake-within");
        assertEquals(3600L, s0.get("ttl"));
        assertTrue(requeue0 >= 9750 && requeue0 <= 10250, "next-requeue-within " + requeue0);
        // The node wakes up a little before the requeue, to announce it.
        assertTrue(awake0 < requeue0, "awake " + awake0 + " not before requeue " + requeue0);

        seconds(3);
        Map<String, Object> s1 = show(id);
        assertEquals(requeue0 - 3000, s1.get("next-requeue-within"));
        assertEquals(awake0 - 3000, s1.get("next-awake-within"));
        assertEquals(3597L, s1.get("ttl"));

        advance(Duration.ofMillis(1234));
        Map<String, Object> s2 = show(id);
        assertEquals(requeue0 - 4234, s2.get("next-requeue-within"));
        assertEquals(awake0 - 4234, s2.get("next-awake-within"));
    }

    @Test
    void showNextRequeueIsReArmedAfterARequeue() throws Exception {
        String id = addJob("q", "x", "RETRY", "10", "TTL", "3600");
        call("GETJOB", "FROM", "q");
        seconds(10);
        advance(SLACK);
        assertEquals("queued", show(id).get("state"));
        long requeue = (Long) show(id).get("next-requeue-within");
        assertTrue(requeue > 9000 && requeue <= 10250, "next-requeue-within " + requeue);
    }

    // ------------------------------------------------------------------ PAUSE

    @Test
    void pausedInQueuePostponesTheRequeue() throws Exception {
        String id = addJob("q", "x", "RETRY", "5", "TTL", "3600");
        call("GETJOB", "FROM", "q");
        assertStatus("in", call("PAUSE", "q", "in"));
        seconds(5);
        advance(SLACK);
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("active", show(id).get("state"));
        long requeue = (Long) show(id).get("next-requeue-within");
        assertTrue(requeue > 4000 && requeue <= 5250, "postponed by one retry period, got " + requeue);
        seconds(5);
        advance(SLACK);
        assertEquals(0L, call("QLEN", "q"), "still paused");

        assertStatus("none", call("PAUSE", "q", "none"));
        seconds(5);
        advance(SLACK);
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(1L, show(id).get("additional-deliveries"));
    }

    @Test
    void pausedOutQueueStillRequeues() throws Exception {
        String id = addJob("q", "x", "RETRY", "5", "TTL", "3600");
        call("GETJOB", "FROM", "q");
        assertStatus("out", call("PAUSE", "q", "out"));
        seconds(5);
        advance(SLACK);
        assertEquals(1L, call("QLEN", "q"));
        assertEquals("queued", show(id).get("state"));
    }

    // ------------------------------------------------------------- queue GC

    @Test
    void idleEmptyQueueIsCollectedAfterFiveMinutes() throws Exception {
        String id = addJob("q", "x");
        call("GETJOB", "FROM", "q");
        assertEquals(1L, call("FASTACK", id));
        assertEquals(1L, infoField("registered_queues"));

        seconds(299);
        List<?> stat = (List<?>) call("QSTAT", "q");
        assertEquals(299L, stat.get(stat.indexOf("idle") + 1));
        assertEquals(299L, stat.get(stat.indexOf("age") + 1));
        assertEquals(1L, infoField("registered_queues"));

        seconds(2);
        assertSame(RespClient.NULL_ARRAY, call("QSTAT", "q"));
        assertEquals(0L, infoField("registered_queues"));
    }

    @Test
    void activityKeepsAQueueAlive() throws Exception {
        String id = addJob("q", "x", "RETRY", "0", "TTL", "3600");
        seconds(200);
        call("GETJOB", "FROM", "q");
        seconds(200);
        // Idle for 200 s since the last fetch: kept.
        assertInstanceOf(List.class, call("QSTAT", "q"));
        seconds(101);
        assertSame(RespClient.NULL_ARRAY, call("QSTAT", "q"));
        assertEquals("active", show(id).get("state"), "collecting the queue does not touch its jobs");
    }

    @Test
    void nonEmptyQueueIsNotCollected() throws Exception {
        addJob("q", "x", "TTL", "3600", "RETRY", "0");
        seconds(1000);
        assertEquals(1L, call("QLEN", "q"));
        assertInstanceOf(List.class, call("QSTAT", "q"));
    }

    @Test
    void pausedQueueIsNotCollected() throws Exception {
        assertStatus("in", call("PAUSE", "p", "in"));
        String id = addJob("idle", "x");
        call("GETJOB", "FROM", "idle");
        assertEquals(1L, call("FASTACK", id));
        assertEquals(2L, infoField("registered_queues"));
        seconds(301);
        // Collection samples queues at random: give it a few more rounds, without moving time.
        for (int i = 0; i < 20 && infoField("registered_queues") > 1; i++) server.tick();
        assertSame(RespClient.NULL_ARRAY, call("QSTAT", "idle"));
        List<?> stat = (List<?>) call("QSTAT", "p");
        assertEquals("in", stat.get(stat.indexOf("pause") + 1));
        assertEquals(1L, infoField("registered_queues"));

        seconds(3600);
        assertInstanceOf(List.class, call("QSTAT", "p"));
        // Unpaused, it is idle and empty: collected on the next cron.
        assertStatus("none", call("PAUSE", "p", "none"));
        server.tick();
        assertSame(RespClient.NULL_ARRAY, call("QSTAT", "p"));
        assertEquals(0L, infoField("registered_queues"));
    }

    @Test
    void queueWithABlockedClientIsNotCollected() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "FROM", "waiting");
        await("consumer blocked", () -> blocked() == 1);
        seconds(1000);
        List<?> stat = (List<?>) call("QSTAT", "waiting");
        assertEquals(1L, stat.get(stat.indexOf("blocked") + 1));
        String id = addJob("waiting", "finally");
        assertEquals(List.of(List.of("waiting", id, "finally")), consumer.read());
    }

    // -------------------------------------------------------- GETJOB TIMEOUT

    @Test
    void blockedGetjobTimesOutWithTheNullArray() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "TIMEOUT", "1500", "FROM", "q");
        await("consumer blocked", () -> blocked() == 1);
        advance(Duration.ofMillis(1499));
        assertEquals(1, blocked(), "timed out early");
        advance(Duration.ofMillis(1));
        assertEquals("*-1", consumer.readLine());
        assertEquals(0, blocked());
        // The connection is usable again.
        assertStatus("PONG", consumer.call("PING"));
    }

    @Test
    void timedOutClientDoesNotTakeALaterJob() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "TIMEOUT", "100", "FROM", "q");
        await("consumer blocked", () -> blocked() == 1);
        advance(Duration.ofMillis(100));
        assertSame(RespClient.NULL_ARRAY, consumer.read());
        addJob("q", "x");
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void timeoutZeroWaitsForever() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "TIMEOUT", "0", "FROM", "q");
        await("consumer blocked", () -> blocked() == 1);
        for (int i = 0; i < 10; i++) seconds(86400);
        assertEquals(1, blocked());
        String id = addJob("q", "at last");
        assertEquals(List.of(List.of("q", id, "at last")), consumer.read());
    }

    @Test
    void aHugeTimeoutWaitsInsteadOfTimingOutAtOnce() throws Exception {
        RespClient consumer = newClient();
        consumer.send("GETJOB", "TIMEOUT", Long.toString(Long.MAX_VALUE), "FROM", "q");
        await("consumer blocked", () -> blocked() == 1);
        server.tick();
        seconds(86400);
        assertEquals(1, blocked(), "a timeout of Long.MAX_VALUE ms expired at once");
        String id = addJob("q", "x");
        assertEquals(List.of(List.of("q", id, "x")), consumer.read());
    }

    @Test
    void timeoutIsCountedFromWhenTheClientBlocked() throws Exception {
        seconds(1000);
        RespClient a = newClient();
        RespClient b = newClient();
        a.send("GETJOB", "TIMEOUT", "2000", "FROM", "q");
        await("a blocked", () -> blocked() == 1);
        seconds(1);
        b.send("GETJOB", "TIMEOUT", "2000", "FROM", "q");
        await("b blocked", () -> blocked() == 2);
        seconds(1);
        assertSame(RespClient.NULL_ARRAY, a.read());
        assertEquals(1, blocked());
        seconds(1);
        assertSame(RespClient.NULL_ARRAY, b.read());
        assertEquals(0, blocked());
    }
}
