/*
 * JobCommandsTest: ADDJOB, GETJOB, SHOW, DELJOB and LOADJOB over a socket,
 * checked against the original Disque's replies: every ADDJOB option and
 * error text in the original's order of checks, the defaults, the job ID
 * layout, GETJOB's round-robin and reply shapes, SHOW's 30-element
 * description, and DELJOB's counts. The node is alone, so any replication
 * level above 1 cannot be honoured.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JobCommandsTest extends ServerFixture {
    private static final Pattern ID = Pattern.compile("D-[0-9a-f]{8}-[A-Za-z0-9+/]{24}-[0-9a-f]{4}");
    private static final String UNKNOWN_ID = "D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-05a1";

    /** SHOW as an ordered map; fails unless the reply is the 30-element key/value array. */
    private Map<String, Object> show(String id) throws Exception {
        Object r = call("SHOW", id);
        assertInstanceOf(List.class, r, () -> "SHOW replied " + r);
        List<?> l = (List<?>) r;
        assertEquals(30, l.size());
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < l.size(); i += 2) m.put((String) l.get(i), l.get(i + 1));
        return m;
    }

    private String myId() throws Exception {
        return (String) call("CLUSTER", "MYID");
    }

    private Object addjob(Object... args) throws Exception {
        Object[] full = new Object[args.length + 1];
        full[0] = "ADDJOB";
        System.arraycopy(args, 0, full, 1, args.length);
        return call(full);
    }

    // ------------------------------------------------------------ ADDJOB errors

    @Test
    void addjobArityNeedsQueueBodyAndTimeout() throws Exception {
        assertError("ERR wrong number of arguments for 'addjob' command", call("ADDJOB", "q", "body"));
    }

    @Test
    void replicateOutOfBounds() throws Exception {
        String msg = "ERR REPLICATE must be between 1 and 65535";
        for (String v : new String[] {"0", "-1", "65536", "abc", "1.5", " 1"}) {
            assertEquals(new RespClient.Err(msg), addjob("q", "b", "0", "REPLICATE", v), v);
        }
        // 65535 passes the bounds check and is then refused for lack of nodes.
        assertError("NOREPL ", addjob("q", "b", "0", "REPLICATE", "65535"));
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void ttlMustBePositive() throws Exception {
        for (String v : new String[] {"0", "-5", "x", "10s"}) {
            assertEquals(new RespClient.Err("ERR TTL must be a number > 0"), addjob("q", "b", "0", "TTL", v), v);
        }
    }

    @Test
    void retryMustBeNonNegative() throws Exception {
        for (String v : new String[] {"-1", "soon"}) {
            assertEquals(new RespClient.Err("ERR RETRY time must be a non negative number"),
                    addjob("q", "b", "0", "RETRY", v), v);
        }
    }

    @Test
    void delayMustBeNonNegative() throws Exception {
        for (String v : new String[] {"-1", "later"}) {
            assertEquals(new RespClient.Err("ERR DELAY time must be a non negative number"),
                    addjob("q", "b", "0", "DELAY", v), v);
        }
    }

    @Test
    void maxlenMustBePositive() throws Exception {
        for (String v : new String[] {"0", "-3", "many"}) {
            assertEquals(new RespClient.Err("ERR MAXLEN must be a positive number"),
                    addjob("q", "b", "0", "MAXLEN", v), v);
        }
    }

    @Test
    void unknownOrIncompleteOptionIsASyntaxError() throws Exception {
        RespClient.Err syntax = new RespClient.Err("ERR syntax error");
        assertEquals(syntax, addjob("q", "b", "0", "FOO"));
        assertEquals(syntax, addjob("q", "b", "0", "FOO", "1"));
        // An option that needs a value but is the last argument is not recognised.
        for (String opt : new String[] {"REPLICATE", "TTL", "RETRY", "DELAY", "MAXLEN"}) {
            assertEquals(syntax, addjob("q", "b", "0", opt), opt);
        }
        // Options are parsed left to right: the first bad one decides.
        assertEquals(syntax, addjob("q", "b", "0", "TTL", "10", "BOGUS", "TTL", "0"));
        assertError("ERR TTL must be", addjob("q", "b", "0", "TTL", "0", "BOGUS"));
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void badTimeoutTexts() throws Exception {
        assertEquals(new RespClient.Err("ERR timeout is not an integer or out of range"), addjob("q", "b", "soon"));
        assertEquals(new RespClient.Err("ERR timeout is not an integer or out of range"), addjob("q", "b", "1.5"));
        assertEquals(new RespClient.Err("ERR timeout is negative"), addjob("q", "b", "-1"));
        // A positive timeout is fine for a job that needs no other copy.
        assertInstanceOf(RespClient.Status.class, addjob("q", "b", "5000"));
    }

    @Test
    void numbersParseLikeStrtoll() throws Exception {
        // The original reads integers with strtoll: an optional sign is fine,
        // and an empty string is 0; spaces and trailing garbage are not.
        Map<String, Object> m = show(((RespClient.Status) addjob("q", "b", "+0", "TTL", "+100", "DELAY", "")).text());
        assertEquals(100L, m.get("ttl"));
        assertEquals(0L, m.get("delay"));
        assertEquals("queued", m.get("state"));
        assertEquals(10L, m.get("retry"));
        String id = ((RespClient.Status) addjob("q", "b", "", "RETRY", "", "TTL", "000000000000000000000060")).text();
        assertTrue(id.endsWith("-0000"), id);
        assertEquals(0L, show(id).get("retry"));
        assertError("ERR TTL must be", addjob("q", "b", "0", "TTL", ""));
        assertError("ERR TTL must be", addjob("q", "b", "0", "TTL", "+"));
        assertError("ERR TTL must be", addjob("q", "b", "0", "TTL", "-"));
        assertError("ERR TTL must be", addjob("q", "b", "0", "TTL", "10 "));
        assertError("ERR TTL must be", addjob("q", "b", "0", "TTL", "+-10"));
        assertError("ERR TTL must be", addjob("q", "b", "0", "TTL", "9223372036854775808"));
        assertError("ERR timeout is not an integer", addjob("q", "b", " 0"));
        assertEquals(2, ((List<?>) call("GETJOB", "COUNT", "+2", "FROM", "q")).size());
        assertError("ERR COUNT must be", call("GETJOB", "COUNT", "", "FROM", "q"));
    }

    @Test
    void optionsAreCheckedBeforeTheTimeout() throws Exception {
        assertError("ERR TTL must be a number > 0", addjob("q", "b", "notatimeout", "TTL", "0"));
        assertError("ERR syntax error", addjob("q", "b", "-1", "NOPE"));
    }

    @Test
    void retryZeroNeedsReplicateOne() throws Exception {
        assertEquals(new RespClient.Err(
                "ERR With RETRY set to 0 please explicitly set  REPLICATE to 1 (at-most-once delivery)"),
                addjob("q", "b", "0", "RETRY", "0", "REPLICATE", "2"));
        // Checked after the timeout...
        assertError("ERR timeout is negative", addjob("q", "b", "-1", "RETRY", "0", "REPLICATE", "2"));
        // ...and before DELAY >= TTL.
        assertError("ERR With RETRY set to 0", addjob("q", "b", "0", "RETRY", "0", "REPLICATE", "2",
                "TTL", "10", "DELAY", "10"));
        assertInstanceOf(RespClient.Status.class, addjob("q", "b", "0", "RETRY", "0", "REPLICATE", "1"));
    }

    @Test
    void delayMustBeBelowTtl() throws Exception {
        String msg = "ERR The specified DELAY is greater than TTL. Job refused since would never be delivered";
        assertEquals(new RespClient.Err(msg), addjob("q", "b", "0", "TTL", "10", "DELAY", "10"));
        assertEquals(new RespClient.Err(msg), addjob("q", "b", "0", "TTL", "10", "DELAY", "11"));
        assertEquals(new RespClient.Err(msg), addjob("q", "b", "0", "DELAY", "86400"));
        // Checked before the replication level.
        assertEquals(new RespClient.Err(msg), addjob("q", "b", "0", "TTL", "10", "DELAY", "10", "REPLICATE", "2"));
        assertInstanceOf(RespClient.Status.class, addjob("q", "b", "0", "TTL", "10", "DELAY", "9"));
    }

    @Test
    void replicateTwoOnALoneNodeIsNorepl() throws Exception {
        RespClient.Err norepl = new RespClient.Err("NOREPL Not enough reachable nodes for the requested replication level");
        assertEquals(norepl, addjob("q", "b", "0", "REPLICATE", "2"));
        assertEquals(norepl, addjob("q", "b", "0", "REPLICATE", "3", "ASYNC"));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(List.of("0", List.of()), call("JSCAN"));
    }

    @Test
    void leavingNodeCannotHoldTheOnlyCopy() throws Exception {
        String id = addJob("q", "before");
        assertStatus("OK", call("CLUSTER", "LEAVING", "yes"));
        // Leaving means replicating elsewhere: with one copy wanted, one more node would have done.
        assertEquals(new RespClient.Err("NOREPL Not enough reachable nodes for the requested replication level, "
                + "since I'm unable to hold a copy of the message for the following reason: I'm leaving the cluster"),
                addjob("q", "b", "0"));
        assertEquals(new RespClient.Err("NOREPL Not enough reachable nodes for the requested replication level"),
                addjob("q", "b", "0", "REPLICATE", "2"));
        // Argument errors still come first.
        assertError("ERR TTL must be", addjob("q", "b", "0", "TTL", "0"));
        // Jobs already here can still be fetched; waiting for more cannot.
        assertEquals(List.of(List.of("q", id, "before")), call("GETJOB", "FROM", "q"));
        assertSame(RespClient.NULL_ARRAY, call("GETJOB", "NOHANG", "FROM", "q"));
        assertEquals(new RespClient.Err("LEAVING This node is leaving the cluster, please connect to a different one"),
                call("GETJOB", "FROM", "q"));
        assertStatus("OK", call("CLUSTER", "LEAVING", "no"));
        assertInstanceOf(RespClient.Status.class, addjob("q", "b", "0"));
    }

    @Test
    void underMemoryPressureALoneNodeCannotHoldTheOnlyCopy() throws Exception {
        String id = addJob("q", "before");
        // Above 75% of maxmemory (but below 100%, so nothing is refused with -OOM)
        // new jobs are only replicated to other nodes, and a lone node has none.
        long used = server.inspect(e -> e.usedMemory());
        // About 85% of maxmemory. A multiple of 100, since the levels are computed on
        // maxmemory / 100, as the original does: with a few hundred bytes that truncation counts,
        // so the nearest multiple (rounding up could land below 75%).
        long max = Math.round(used / 85.0) * 100;
        assertStatus("OK", call("CONFIG", "SET", "maxmemory", String.valueOf(max)));
        assertEquals(1, (int) server.inspect(e -> e.memoryWarningLevel()));
        assertEquals(new RespClient.Err("NOREPL Not enough reachable nodes for the requested replication level, "
                + "since I'm unable to hold a copy of the message for the following reason: I'm out of memory"),
                addjob("q", "b", "0"));
        assertEquals(new RespClient.Err("NOREPL Not enough reachable nodes for the requested replication level"),
                addjob("q", "b", "0", "REPLICATE", "2"));
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(List.of(List.of("q", id, "before")), call("GETJOB", "FROM", "q"));
        assertStatus("OK", call("CONFIG", "SET", "maxmemory", "1gb"));
        assertInstanceOf(RespClient.Status.class, addjob("q", "b", "0"));
    }

    @Test
    void maxlenRefusesWhenTheQueueIsFull() throws Exception {
        addJob("q", "one");
        addJob("q", "two");
        RespClient.Err maxlen = new RespClient.Err("MAXLEN Queue is already longer than the specified MAXLEN count");
        assertEquals(maxlen, addjob("q", "b", "0", "MAXLEN", "1"));
        assertEquals(maxlen, addjob("q", "b", "0", "MAXLEN", "2"));
        assertInstanceOf(RespClient.Status.class, addjob("q", "three", "0", "MAXLEN", "3"));
        assertEquals(3L, call("QLEN", "q"));
        // An unknown queue is empty: any MAXLEN accepts.
        assertInstanceOf(RespClient.Status.class, addjob("other", "b", "0", "MAXLEN", "1"));
        // NOREPL comes before MAXLEN.
        assertError("NOREPL ", addjob("q", "b", "0", "MAXLEN", "1", "REPLICATE", "2"));
    }

    @Test
    void pausedInRefusesAndMaxlenComesFirst() throws Exception {
        addJob("q", "one");
        assertStatus("in", call("PAUSE", "q", "in"));
        assertEquals(new RespClient.Err("PAUSED Queue paused in input, try later"), addjob("q", "b", "0"));
        assertError("MAXLEN ", addjob("q", "b", "0", "MAXLEN", "1"));
        assertStatus("out", call("PAUSE", "q", "out"));
        assertInstanceOf(RespClient.Status.class, addjob("q", "b", "0"));
        assertEquals(2L, call("QLEN", "q"));
    }

    @Test
    void optionNamesAreCaseInsensitiveAndAsyncIsAccepted() throws Exception {
        Object r = addjob("q", "b", "0", "ttl", "100", "Retry", "7", "dElAy", "3", "maxlen", "5", "async", "replicate", "1");
        assertInstanceOf(RespClient.Status.class, r);
        Map<String, Object> m = show(((RespClient.Status) r).text());
        assertEquals(100L, m.get("ttl"));
        assertEquals(7L, m.get("retry"));
        assertEquals(3L, m.get("delay"));
        assertEquals(1L, m.get("repl"));
        assertEquals("active", m.get("state"));
    }

    // ------------------------------------------------------------ ADDJOB values

    @Test
    void defaultsSeenThroughShow() throws Exception {
        Map<String, Object> m = show(addJob("q", "b"));
        assertEquals(86400L, m.get("ttl"));
        assertEquals(300L, m.get("retry"));
        assertEquals(1L, m.get("repl"));
        assertEquals(0L, m.get("delay"));
        assertEquals("queued", m.get("state"));
    }

    @Test
    void defaultRetryIsATenthOfTtlCappedAndAtLeastOne() throws Exception {
        long[][] ttlRetry = {{100, 10}, {2999, 299}, {3000, 300}, {5000, 300}, {86400, 300}, {10, 1}, {9, 1}, {1, 1}};
        for (long[] tr : ttlRetry) {
            Map<String, Object> m = show(addJob("q", "b", "TTL", tr[0]));
            assertEquals(tr[1], m.get("retry"), "TTL " + tr[0]);
            assertEquals(tr[0], m.get("ttl"));
        }
    }

    @Test
    void jobIdLayout() throws Exception {
        String node = myId();
        assertEquals(40, node.length());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String id = addJob("q", "b" + i);
            assertEquals(40, id.length());
            assertTrue(ID.matcher(id).matches(), id);
            assertEquals("D-" + node.substring(0, 8) + "-", id.substring(0, 11));
            assertTrue(seen.add(id), "duplicate " + id);
        }
    }

    @Test
    void jobIdCarriesTtlInMinutesWithRetryParity() throws Exception {
        // 86400 s = 1440 min = 0x5a0: odd when the job may be retried, even for at-most-once.
        assertTrue(addJob("q", "b").endsWith("-05a1"));
        assertTrue(addJob("q", "b", "RETRY", "0").endsWith("-05a0"));
        assertTrue(addJob("q", "b", "TTL", "3600").endsWith("-003d"));
        assertTrue(addJob("q", "b", "TTL", "3600", "RETRY", "0").endsWith("-003c"));
        assertTrue(addJob("q", "b", "TTL", "30").endsWith("-0001"));
        assertTrue(addJob("q", "b", "TTL", "30", "RETRY", "0").endsWith("-0000"));
        assertTrue(addJob("q", "b", "TTL", "1021", "RETRY", "5").endsWith("-0011"));
        // Capped at 65535 minutes.
        assertTrue(addJob("q", "b", "TTL", "10000000").endsWith("-ffff"));
        assertTrue(addJob("q", "b", "TTL", "10000000", "RETRY", "0").endsWith("-fffe"));
    }

    @Test
    void delayedJobIsActiveAndQueuedWhenTheDelayPasses() throws Exception {
        String id = addJob("q", "later", "DELAY", "5");
        Map<String, Object> m = show(id);
        assertEquals("active", m.get("state"));
        assertEquals(5000L, m.get("next-requeue-within"));
        assertEquals(5000L, m.get("next-awake-within"));
        assertEquals(0L, call("QLEN", "q"));
        advance(Duration.ofMillis(4999));
        assertEquals(0L, call("QLEN", "q"));
        advance(Duration.ofMillis(1));
        assertEquals(1L, call("QLEN", "q"));
        assertEquals("queued", show(id).get("state"));
    }

    // ------------------------------------------------------------------ GETJOB

    @Test
    void getjobReturnsQueueIdBody() throws Exception {
        String id = addJob("q", "payload");
        assertEquals(List.of(List.of("q", id, "payload")), call("GETJOB", "FROM", "q"));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("active", show(id).get("state"));
    }

    @Test
    void nohangOnEmptyQueuesIsTheNullArray() throws Exception {
        assertSame(RespClient.NULL_ARRAY, call("GETJOB", "NOHANG", "FROM", "q1", "q2"));
        client.sendRaw(RespClient.encode("GETJOB", "NOHANG", "FROM", "q1"));
        assertEquals("*-1", client.readLine());
    }

    @Test
    void countRoundRobinsAcrossQueuesLeftToRight() throws Exception {
        String a1 = addJob("a", "a1");
        String a2 = addJob("a", "a2");
        String a3 = addJob("a", "a3");
        String b1 = addJob("b", "b1");
        String c1 = addJob("c", "c1");
        String c2 = addJob("c", "c2");
        Object r = call("GETJOB", "COUNT", "10", "FROM", "c", "missing", "a", "b");
        List<String> ids = new ArrayList<>();
        for (Object o : (List<?>) r) ids.add((String) ((List<?>) o).get(1));
        assertEquals(List.of(c1, a1, b1, c2, a2, a3), ids);
        assertSame(RespClient.NULL_ARRAY, call("GETJOB", "NOHANG", "FROM", "a", "b", "c"));
    }

    @Test
    void countStopsAtTheRequestedNumber() throws Exception {
        String a1 = addJob("a", "a1");
        addJob("a", "a2");
        String b1 = addJob("b", "b1");
        List<?> r = (List<?>) call("GETJOB", "COUNT", "2", "FROM", "a", "b");
        assertEquals(2, r.size());
        assertEquals(a1, ((List<?>) r.get(0)).get(1));
        assertEquals(b1, ((List<?>) r.get(1)).get(1));
        assertEquals(1L, call("QLEN", "a"));
        // The default COUNT is 1.
        assertEquals(1, ((List<?>) call("GETJOB", "FROM", "a")).size());
    }

    @Test
    void withcountersShape() throws Exception {
        String id = addJob("q", "body");
        assertEquals(List.of(List.of("q", id, "body", "nacks", 0L, "additional-deliveries", 0L)),
                call("GETJOB", "WITHCOUNTERS", "FROM", "q"));
        assertEquals(1L, call("NACK", id));
        assertEquals(List.of(List.of("q", id, "body", "nacks", 1L, "additional-deliveries", 0L)),
                call("GETJOB", "withcounters", "FROM", "q"));
        assertEquals(1L, call("ENQUEUE", id));
        assertEquals(List.of(List.of("q", id, "body", "nacks", 1L, "additional-deliveries", 1L)),
                call("GETJOB", "NOHANG", "WITHCOUNTERS", "COUNT", "3", "FROM", "q"));
    }

    @Test
    void countErrors() throws Exception {
        RespClient.Err err = new RespClient.Err("ERR COUNT must be a number greater than zero");
        for (String v : new String[] {"0", "-1", "x", "FROM"}) {
            assertEquals(err, call("GETJOB", "COUNT", v, "FROM", "q"), v);
        }
        assertError("ERR syntax error", call("GETJOB", "NOHANG", "COUNT"));
    }

    @Test
    void fromIsMandatoryAndNeedsAQueue() throws Exception {
        RespClient.Err syntax = new RespClient.Err("ERR syntax error");
        assertEquals(syntax, call("GETJOB", "NOHANG"));
        assertEquals(syntax, call("GETJOB", "NOHANG", "COUNT", "2"));
        assertEquals(syntax, call("GETJOB", "FROM"));
        assertEquals(syntax, call("GETJOB", "NOHANG", "FROM"));
        assertEquals(syntax, call("GETJOB", "q"));
        assertEquals(syntax, call("GETJOB", "BOGUS", "FROM", "q"));
        assertError("ERR wrong number of arguments for 'getjob' command", call("GETJOB"));
    }

    @Test
    void getjobTimeoutTexts() throws Exception {
        assertEquals(new RespClient.Err("ERR timeout is not an integer or out of range"),
                call("GETJOB", "TIMEOUT", "x", "FROM", "q"));
        assertEquals(new RespClient.Err("ERR timeout is negative"), call("GETJOB", "TIMEOUT", "-1", "FROM", "q"));
    }

    @Test
    void optionsAfterFromAreQueueNames() throws Exception {
        String id = addJob("NOHANG", "b");
        assertEquals(List.of(List.of("NOHANG", id, "b")), call("GETJOB", "FROM", "NOHANG"));
    }

    @Test
    void blockedGetjobTimesOutWithTheNullArray() throws Exception {
        client.send("GETJOB", "TIMEOUT", "1000", "FROM", "q");
        await("client blocked", () -> server.inspect(e -> e.queues().blockedClients()) == 1);
        advance(Duration.ofMillis(999));
        assertEquals(1, (int) server.inspect(e -> e.queues().blockedClients()));
        advance(Duration.ofMillis(1));
        assertSame(RespClient.NULL_ARRAY, client.read());
        assertStatus("PONG", call("PING"));
    }

    @Test
    void blockedGetjobIsServedByAnAddjob() throws Exception {
        client.send("GETJOB", "WITHCOUNTERS", "FROM", "q1", "q2");
        await("client blocked", () -> server.inspect(e -> e.queues().blockedClients()) == 1);
        RespClient producer = newClient();
        Object r = producer.call("ADDJOB", "q2", "hello", "0");
        String id = ((RespClient.Status) r).text();
        assertEquals(List.of(List.of("q2", id, "hello", "nacks", 0L, "additional-deliveries", 0L)), client.read());
        assertEquals(0L, call("QLEN", "q2"));
    }

    // -------------------------------------------------------------------- SHOW

    @Test
    void showFullShapeForAQueuedJob() throws Exception {
        long now = clock.millis();
        String id = addJob("q", "the body");
        Object raw = call("SHOW", id);
        List<?> l = (List<?>) raw;
        assertEquals(30, l.size());
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 30; i += 2) keys.add((String) l.get(i));
        assertEquals(List.of("id", "queue", "state", "repl", "ttl", "ctime", "delay", "retry", "nacks",
                "additional-deliveries", "nodes-delivered", "nodes-confirmed", "next-requeue-within",
                "next-awake-within", "body"), keys);

        Map<String, Object> m = show(id);
        assertEquals(id, m.get("id"));
        assertEquals("q", m.get("queue"));
        assertEquals("queued", m.get("state"));
        assertEquals(1L, m.get("repl"));
        assertEquals(86400L, m.get("ttl"));
        long ctime = (Long) m.get("ctime");
        assertEquals(now, ctime / 1_000_000L, "ctime is milliseconds times a million");
        assertEquals(0L, m.get("delay"));
        assertEquals(300L, m.get("retry"));
        assertEquals(0L, m.get("nacks"));
        assertEquals(0L, m.get("additional-deliveries"));
        assertEquals(List.of(myId()), m.get("nodes-delivered"));
        assertEquals(List.of(), m.get("nodes-confirmed"));
        // Requeued after RETRY seconds, give or take the 500 ms spread...
        long requeue = (Long) m.get("next-requeue-within");
        assertTrue(requeue >= 300_000 - 250 && requeue < 300_000 + 250, "requeue " + requeue);
        // ...and looked at 500 ms earlier to announce it.
        assertEquals(requeue - 500, m.get("next-awake-within"));
        assertEquals("the body", m.get("body"));
    }

    @Test
    void showTracksTimeAndAtMostOnceJobs() throws Exception {
        String id = addJob("q", "b", "RETRY", "0", "TTL", "100");
        Map<String, Object> m = show(id);
        assertEquals(0L, m.get("retry"));
        assertNull(m.get("next-requeue-within"), "at-most-once jobs are never requeued");
        assertEquals(101_000L, m.get("next-awake-within"), "looked at one second after expiry");
        advance(Duration.ofSeconds(40));
        m = show(id);
        assertEquals(60L, m.get("ttl"));
        assertEquals(61_000L, m.get("next-awake-within"));
    }

    @Test
    void ctimeIncreasesWithinOneMillisecond() throws Exception {
        long c1 = (Long) show(addJob("q", "1")).get("ctime");
        long c2 = (Long) show(addJob("q", "2")).get("ctime");
        long c3 = (Long) show(addJob("other", "3")).get("ctime");
        assertTrue(c1 < c2 && c2 < c3);
        assertEquals(c1 / 1_000_000L, c3 / 1_000_000L);
    }

    @Test
    void showUnknownAndBadIds() throws Exception {
        assertNull(call("SHOW", UNKNOWN_ID));
        RespClient.Err badid = new RespClient.Err("BADID Invalid Job ID format.");
        assertEquals(badid, call("SHOW", "nope"));
        assertEquals(badid, call("SHOW", UNKNOWN_ID + "0"));
        assertEquals(badid, call("SHOW", "X" + UNKNOWN_ID.substring(1)));
        assertEquals(badid, call("SHOW", UNKNOWN_ID.replace("-05a1", "+05a1")));
        assertError("ERR wrong number of arguments for 'show' command", call("SHOW"));
        assertError("ERR wrong number of arguments for 'show' command", call("SHOW", UNKNOWN_ID, UNKNOWN_ID));
    }

    @Test
    void showExpiredJobIsGone() throws Exception {
        String id = addJob("q", "b", "TTL", "5");
        advance(Duration.ofSeconds(6));
        assertNull(call("SHOW", id));
        assertEquals(0L, call("QLEN", "q"));
    }

    // ------------------------------------------------------------------ DELJOB

    @Test
    void deljobCountsKnownJobsAndForgetsThem() throws Exception {
        String a = addJob("q", "a");
        String b = addJob("q", "b");
        String c = addJob("q", "c");
        // a is delivered (active), b and c are queued: DELJOB removes jobs in any state.
        assertEquals(List.of(List.of("q", a, "a")), call("GETJOB", "FROM", "q"));
        assertEquals(2L, call("DELJOB", a, UNKNOWN_ID, b, a));
        assertNull(call("SHOW", a));
        assertNull(call("SHOW", b));
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(1L, call("DELJOB", c));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(0L, call("DELJOB"));
    }

    @Test
    void deljobValidatesEveryIdFirst() throws Exception {
        String a = addJob("q", "a");
        assertEquals(new RespClient.Err("BADID Invalid Job ID format."), call("DELJOB", a, "bad"));
        assertNotEquals(null, call("SHOW", a));
        assertEquals(1L, call("QLEN", "q"));
    }

    // ----------------------------------------------------------------- LOADJOB

    @Test
    void loadjobIsRefusedFromClients() throws Exception {
        assertEquals(new RespClient.Err("ERR LOADJOB is a special command only processed from AOF"),
                call("LOADJOB", "anything"));
        assertError("ERR wrong number of arguments for 'loadjob' command", call("LOADJOB"));
        assertError("ERR wrong number of arguments for 'loadjob' command", call("LOADJOB", "a", "b"));
        assertEquals(List.of("0", List.of()), call("JSCAN"));
    }
}
