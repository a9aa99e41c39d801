/*
 * QueueCommandsTest: the queue commands over a socket, checked against the
 * original Disque's replies: QLEN, QPEEK (both directions), QSTAT's shape
 * and counters, QSCAN and JSCAN with their filters, cursors and errors (and
 * the scan guarantee while the queue table grows and shrinks), ENQUEUE /
 * NACK / DEQUEUE counts and state changes, and FIFO order by creation.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueueCommandsTest extends ServerFixture {
    private static final String UNKNOWN_ID = "D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-05a1";
    private static final RespClient.Err SYNTAX = new RespClient.Err("ERR syntax error");
    private static final RespClient.Err NOT_INTEGER = new RespClient.Err("ERR value is not an integer or out of range");
    private static final RespClient.Err BAD_CURSOR = new RespClient.Err("ERR invalid cursor or option name");
    private static final RespClient.Err BADID = new RespClient.Err("BADID Invalid Job ID format.");

    private Map<String, Object> pairs(Object reply, int size) {
        assertInstanceOf(List.class, reply, () -> "replied " + reply);
        List<?> l = (List<?>) reply;
        assertEquals(size, l.size());
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < l.size(); i += 2) m.put((String) l.get(i), l.get(i + 1));
        return m;
    }

    private Map<String, Object> qstat(String q) throws Exception {
        return pairs(call("QSTAT", q), 20);
    }

    private String state(String id) throws Exception {
        return (String) pairs(call("SHOW", id), 30).get("state");
    }

    private List<String> ids(Object getjobReply) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) getjobReply) out.add((String) ((List<?>) o).get(1));
        return out;
    }

    /** Follows a scan to the end, collecting names (QSCAN) or IDs (JSCAN). */
    private List<String> scanAll(String cmd, Object... options) throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = "0";
        int calls = 0;
        do {
            Object[] args = new Object[options.length + 2];
            args[0] = cmd;
            args[1] = cursor;
            System.arraycopy(options, 0, args, 2, options.length);
            List<?> r = (List<?>) call(args);
            cursor = (String) r.get(0);
            for (Object o : (List<?>) r.get(1)) seen.add(text(o));
            assertTrue(++calls < 100_000, "scan does not terminate");
        } while (!cursor.equals("0"));
        return seen;
    }

    private static String text(Object o) {
        return o instanceof RespClient.Status ? ((RespClient.Status) o).text() : (String) o;
    }

    private static Set<String> items(Object scanReply) {
        List<?> r = (List<?>) scanReply;
        Set<String> s = new HashSet<>();
        for (Object o : (List<?>) r.get(1)) s.add(text(o));
        return s;
    }

    // -------------------------------------------------------------------- QLEN

    @Test
    void qlenCountsQueuedJobsOnly() throws Exception {
        assertEquals(0L, call("QLEN", "nosuch"));
        addJob("q", "a");
        addJob("q", "b");
        addJob("q", "c", "DELAY", "10");
        assertEquals(2L, call("QLEN", "q"));
        call("GETJOB", "FROM", "q");
        assertEquals(1L, call("QLEN", "q"));
        assertError("ERR wrong number of arguments for 'qlen' command", call("QLEN"));
    }

    // ------------------------------------------------------------------- QPEEK

    @Test
    void qpeekOldestFirstNewestFirstAndZero() throws Exception {
        String a = addJob("q", "A");
        String b = addJob("q", "B");
        String c = addJob("q", "C");
        assertEquals(List.of(List.of("q", a, "A"), List.of("q", b, "B")), call("QPEEK", "q", "2"));
        assertEquals(List.of(List.of("q", c, "C"), List.of("q", b, "B")), call("QPEEK", "q", "-2"));
        assertEquals(List.of(List.of("q", a, "A"), List.of("q", b, "B"), List.of("q", c, "C")),
                call("QPEEK", "q", "100"));
        assertEquals(List.of(List.of("q", c, "C"), List.of("q", b, "B"), List.of("q", a, "A")),
                call("QPEEK", "q", "-100"));
        assertEquals(List.of(), call("QPEEK", "q", "0"));
        assertEquals(3L, call("QLEN", "q"), "QPEEK does not remove jobs");
    }

    @Test
    void qpeekUnknownOrEmptyQueueAndBadCount() throws Exception {
        assertEquals(List.of(), call("QPEEK", "nosuch", "5"));
        assertEquals(List.of(), call("QPEEK", "nosuch", "-5"));
        addJob("q", "x");
        call("GETJOB", "FROM", "q");
        assertEquals(List.of(), call("QPEEK", "q", "1"));
        assertEquals(NOT_INTEGER, call("QPEEK", "q", "one"));
        assertEquals(NOT_INTEGER, call("QPEEK", "q", "1.0"));
        assertError("ERR wrong number of arguments for 'qpeek' command", call("QPEEK", "q"));
    }

    // ------------------------------------------------------------------- QSTAT

    @Test
    void qstatUnknownQueueIsTheNullArray() throws Exception {
        assertSame(RespClient.NULL_ARRAY, call("QSTAT", "nosuch"));
    }

    @Test
    void qstatShape() throws Exception {
        addJob("q", "a");
        assertEquals(List.of("name", "q", "len", 1L, "age", 0L, "idle", 0L, "blocked", 0L, "import-from", List.of(),
                "import-rate", 0L, "jobs-in", 1L, "jobs-out", 0L, "pause", "none"), call("QSTAT", "q"));
    }

    @Test
    void qstatCountersAgeIdleAndPause() throws Exception {
        addJob("q", "a");
        addJob("q", "b");
        String c = addJob("q", "c");
        advance(Duration.ofSeconds(10));
        Map<String, Object> m = qstat("q");
        assertEquals(3L, m.get("len"));
        assertEquals(10L, m.get("age"));
        assertEquals(10L, m.get("idle"));
        assertEquals(3L, m.get("jobs-in"));
        assertEquals(0L, m.get("jobs-out"));

        call("GETJOB", "COUNT", "2", "FROM", "q");
        advance(Duration.ofSeconds(3));
        m = qstat("q");
        assertEquals(1L, m.get("len"));
        assertEquals(13L, m.get("age"));
        assertEquals(3L, m.get("idle"), "fetching touches the queue");
        assertEquals(2L, m.get("jobs-out"));

        assertEquals(1L, call("DEQUEUE", c));
        assertEquals(1L, call("ENQUEUE", c));
        m = qstat("q");
        assertEquals(0L, m.get("idle"), "enqueueing touches the queue");
        assertEquals(4L, m.get("jobs-in"));
        assertEquals(2L, m.get("jobs-out"), "DEQUEUE is not a delivery");

        for (String p : new String[] {"in", "out", "all", "none"}) {
            call("PAUSE", "q", p);
            assertEquals(p, qstat("q").get("pause"));
        }
    }

    @Test
    void qstatCountsBlockedClientsAndGetjobCreatesTheQueue() throws Exception {
        assertSame(RespClient.NULL_ARRAY, call("GETJOB", "NOHANG", "FROM", "fresh"));
        Map<String, Object> m = qstat("fresh");
        assertEquals(0L, m.get("len"));
        assertEquals(0L, m.get("blocked"));

        RespClient waiter = newClient();
        waiter.send("GETJOB", "FROM", "fresh", "other");
        await("client blocked", () -> server.inspect(e -> e.queues().blockedClients()) == 1);
        assertEquals(1L, qstat("fresh").get("blocked"));
        assertEquals(1L, qstat("other").get("blocked"));
        String id = addJob("other", "x");
        assertEquals(List.of(List.of("other", id, "x")), waiter.read());
        assertEquals(0L, qstat("fresh").get("blocked"));
        assertEquals(1L, qstat("other").get("jobs-out"));
    }

    // ------------------------------------------------------------------- QSCAN

    @Test
    void qscanEmptyNode() throws Exception {
        assertEquals(List.of("0", List.of()), call("QSCAN"));
        assertEquals(List.of("0", List.of()), call("QSCAN", "0", "COUNT", "5", "BUSYLOOP"));
    }

    @Test
    void qscanFilters() throws Exception {
        addJob("a", "1");
        addJob("b", "1");
        addJob("b", "2");
        addJob("b", "3");
        call("GETJOB", "NOHANG", "FROM", "c");
        assertEquals(Set.of("a", "b", "c"), items(call("QSCAN", "BUSYLOOP")));
        assertEquals(Set.of("a", "b", "c"), items(call("QSCAN", "busyloop", "COUNT", "1", "MINLEN", "0")));
        assertEquals(Set.of("a", "b"), items(call("QSCAN", "BUSYLOOP", "MINLEN", "1")));
        assertEquals(Set.of("b"), items(call("QSCAN", "BUSYLOOP", "MINLEN", "2")));
        assertEquals(Set.of("c"), items(call("QSCAN", "BUSYLOOP", "MAXLEN", "0")));
        assertEquals(Set.of("a", "c"), items(call("QSCAN", "BUSYLOOP", "MAXLEN", "1")));
        assertEquals(Set.of("a"), items(call("QSCAN", "BUSYLOOP", "MINLEN", "1", "MAXLEN", "1")));
        assertEquals(Set.of(), items(call("QSCAN", "BUSYLOOP", "MINLEN", "4")));
        // Nothing is imported from other nodes on a lone node.
        assertEquals(Set.of("a", "b", "c"), items(call("QSCAN", "BUSYLOOP", "IMPORTRATE", "0")));
        assertEquals(Set.of(), items(call("QSCAN", "BUSYLOOP", "IMPORTRATE", "1")));
        // The cursor may come anywhere among the options.
        assertEquals(Set.of("b"), items(call("QSCAN", "MINLEN", "2", "0", "BUSYLOOP")));
    }

    @Test
    void qscanCountBoundsTheWorkPerCall() throws Exception {
        for (int i = 0; i < 300; i++) client.send("ADDJOB", "q" + i, "b", "0");
        for (int i = 0; i < 300; i++) assertInstanceOf(RespClient.Status.class, client.read());
        List<?> r = (List<?>) call("QSCAN", "COUNT", "10");
        assertNotEquals("0", r.get(0));
        int n = ((List<?>) r.get(1)).size();
        assertTrue(n >= 10 && n < 300, "returned " + n);
        // Following the cursor visits every queue.
        Set<String> all = new HashSet<>(scanAll("QSCAN", "COUNT", "10"));
        assertEquals(300, all.size());
        assertEquals(300, ((List<?>) ((List<?>) call("QSCAN", "BUSYLOOP", "COUNT", "1")).get(1)).size());
        assertEquals(List.of("0", List.of()), call("QSCAN", "0", "MINLEN", "2", "BUSYLOOP"));
    }

    @Test
    void qscanErrors() throws Exception {
        assertEquals(NOT_INTEGER, call("QSCAN", "COUNT", "ten"));
        assertEquals(NOT_INTEGER, call("QSCAN", "MINLEN", "x"));
        assertEquals(NOT_INTEGER, call("QSCAN", "MAXLEN", "1.5"));
        assertEquals(NOT_INTEGER, call("QSCAN", "IMPORTRATE", "fast"));
        assertEquals(BAD_CURSOR, call("QSCAN", "abc"));
        assertEquals(BAD_CURSOR, call("QSCAN", "12x"));
        assertEquals(BAD_CURSOR, call("QSCAN", " 1"));
        assertEquals(BAD_CURSOR, call("QSCAN", "18446744073709551616"));
        // An option missing its value is read as the cursor.
        assertEquals(BAD_CURSOR, call("QSCAN", "COUNT"));
        assertEquals(SYNTAX, call("QSCAN", "0", "COUNT"));
        assertEquals(SYNTAX, call("QSCAN", "0", "0"));
        assertEquals(SYNTAX, call("QSCAN", "0", "nope"));
    }

    @Test
    void cursorsAndCountsParseLikeTheOriginal() throws Exception {
        for (int i = 0; i < 100; i++) client.send("ADDJOB", "q" + i, "b", "0");
        for (int i = 0; i < 100; i++) assertInstanceOf(RespClient.Status.class, client.read());
        // strtoul: an empty cursor is 0, a sign is accepted.
        assertEquals(call("QSCAN", "0", "COUNT", "5"), call("QSCAN", "", "COUNT", "5"));
        assertEquals(call("QSCAN", "0", "COUNT", "5"), call("QSCAN", "+0", "COUNT", "+5"));
        assertEquals(call("JSCAN", "0", "COUNT", "5"), call("JSCAN", "", "COUNT", "5"));
        assertEquals(call("QSCAN", "0"), call("QSCAN", "-0"));
        assertInstanceOf(List.class, call("QSCAN", "-1"));
        assertEquals(BAD_CURSOR, call("QSCAN", "+"));
        assertEquals(BAD_CURSOR, call("QSCAN", "-"));
        assertEquals(BAD_CURSOR, call("QSCAN", "+-1"));
    }

    @Test
    void negativeCountWalksToTheEnd() throws Exception {
        for (int i = 0; i < 100; i++) client.send("ADDJOB", "q" + i, "b", "0");
        for (int i = 0; i < 100; i++) assertInstanceOf(RespClient.Status.class, client.read());
        // A negative COUNT never satisfies the original's loop: it walks to the end.
        List<?> r = (List<?>) call("QSCAN", "COUNT", "-1");
        assertEquals("0", r.get(0));
        assertEquals(100, ((List<?>) r.get(1)).size());
        r = (List<?>) call("JSCAN", "COUNT", "-5");
        assertEquals("0", r.get(0));
        assertEquals(100, ((List<?>) r.get(1)).size());
        // COUNT 0 looks at a single bucket.
        r = (List<?>) call("QSCAN", "COUNT", "0");
        assertNotEquals("0", r.get(0));
        assertTrue(((List<?>) r.get(1)).size() < 100);
    }

    @Test
    void qpeekCountParsesLikeStrtoll() throws Exception {
        String a = addJob("q", "A");
        addJob("q", "B");
        assertEquals(List.of(), call("QPEEK", "q", ""));
        assertEquals(List.of(List.of("q", a, "A")), call("QPEEK", "q", "+1"));
        assertEquals(NOT_INTEGER, call("QPEEK", "q", " 1"));
    }

    @Test
    void qscanReturnsEveryQueueAcrossGrowthAndShrink() throws Exception {
        final int keep = 2000;
        final int extra = 15_000;
        for (int i = 0; i < keep; i += 200) {
            for (int j = i; j < i + 200; j++) client.send("ADDJOB", "keep:" + j, "b", "0");
            for (int j = i; j < i + 200; j++) assertInstanceOf(RespClient.Status.class, client.read());
        }
        Set<String> seen = new HashSet<>();
        String cursor = "0";
        int calls = 0;
        int phase = 0;
        do {
            List<?> r = (List<?>) call("QSCAN", cursor, "COUNT", "50");
            cursor = (String) r.get(0);
            for (Object o : (List<?>) r.get(1)) seen.add((String) o);
            calls++;
            if (phase == 0 && calls == 10) {
                // Grow the table 16-fold with empty queues (GETJOB NOHANG creates them).
                for (int i = 0; i < extra; i += 5000) {
                    Object[] args = new Object[3 + 5000];
                    args[0] = "GETJOB";
                    args[1] = "NOHANG";
                    args[2] = "FROM";
                    for (int j = 0; j < 5000; j++) args[3 + j] = "extra:" + (i + j);
                    assertSame(RespClient.NULL_ARRAY, call(args));
                }
                assertEquals(keep + extra, (int) server.inspect(e -> e.queues().size()));
                phase = 1;
            } else if (phase == 1 && calls == 60) {
                // Shrink it again: empty queues idle for five minutes are collected
                // by random sampling, so the last few may linger; far below an eighth
                // of the table is enough for it to shrink.
                advance(Duration.ofSeconds(301));
                for (int i = 0; i < 1000 && server.inspect(e -> e.queues().size()) > keep + 100; i++) {
                    advance(Duration.ofMillis(100));
                }
                assertTrue(server.inspect(e -> e.queues().size()) <= keep + 100);
                phase = 2;
            }
            assertTrue(calls < 10_000);
        } while (!cursor.equals("0"));
        assertEquals(2, phase, "the walk ended before the table was resized");
        for (int i = 0; i < keep; i++) assertTrue(seen.contains("keep:" + i), "missed keep:" + i);
    }

    // ------------------------------------------------------------------- JSCAN

    @Test
    void jscanFiltersByQueueAndState() throws Exception {
        String j1 = addJob("q1", "1");
        String j2 = addJob("q1", "2");
        String j3 = addJob("q2", "3");
        String j4 = addJob("q2", "4", "DELAY", "60");
        assertEquals(List.of(List.of("q1", j1, "1")), call("GETJOB", "FROM", "q1"));
        // j1 and j4 are active, j2 and j3 queued.
        assertEquals(Set.of(j1, j2, j3, j4), items(call("JSCAN", "BUSYLOOP")));
        assertEquals(Set.of(j1, j2), items(call("JSCAN", "BUSYLOOP", "QUEUE", "q1")));
        assertEquals(Set.of(j2, j3), items(call("JSCAN", "BUSYLOOP", "STATE", "queued")));
        assertEquals(Set.of(j1, j4), items(call("JSCAN", "BUSYLOOP", "STATE", "ACTIVE")));
        assertEquals(Set.of(j1, j2, j3, j4), items(call("JSCAN", "BUSYLOOP", "STATE", "queued", "STATE", "active")));
        assertEquals(Set.of(j4), items(call("JSCAN", "BUSYLOOP", "QUEUE", "q2", "STATE", "active")));
        assertEquals(Set.of(), items(call("JSCAN", "BUSYLOOP", "STATE", "acked", "STATE", "wait-repl")));
        assertEquals(Set.of(), items(call("JSCAN", "BUSYLOOP", "QUEUE", "nosuch")));
    }

    @Test
    void jscanReplyIdIsStatusAndAllIsTheShowDescription() throws Exception {
        String id = addJob("q", "body");
        List<?> r = (List<?>) call("JSCAN");
        assertEquals("0", r.get(0));
        assertEquals(List.of(new RespClient.Status(id)), r.get(1));
        assertEquals(r, call("JSCAN", "REPLY", "id"));
        List<?> all = (List<?>) call("JSCAN", "REPLY", "ALL");
        assertEquals("0", all.get(0));
        List<?> jobs = (List<?>) all.get(1);
        assertEquals(1, jobs.size());
        assertEquals(call("SHOW", id), jobs.get(0));
        Map<String, Object> m = pairs(jobs.get(0), 30);
        assertEquals(id, m.get("id"));
        assertEquals("body", m.get("body"));
    }

    @Test
    void jscanFollowsTheCursorOverManyJobs() throws Exception {
        Set<String> added = new HashSet<>();
        for (int i = 0; i < 500; i++) client.send("ADDJOB", "q" + (i % 7), "b" + i, "0");
        for (int i = 0; i < 500; i++) added.add(((RespClient.Status) client.read()).text());
        List<?> first = (List<?>) call("JSCAN", "COUNT", "20");
        assertNotEquals("0", first.get(0));
        assertTrue(((List<?>) first.get(1)).size() >= 20);
        List<String> seen = scanAll("JSCAN", "COUNT", "20");
        assertEquals(500, seen.size(), "no resize during the walk, so no duplicates");
        assertEquals(added, new HashSet<>(seen));
        Set<String> q3 = new HashSet<>(scanAll("JSCAN", "QUEUE", "q3", "COUNT", "5"));
        assertEquals(500 / 7 + (3 < 500 % 7 ? 1 : 0), q3.size());
    }

    @Test
    void jscanErrors() throws Exception {
        assertEquals(new RespClient.Err("ERR Invalid job state name"), call("JSCAN", "STATE", "done"));
        assertEquals(new RespClient.Err("ERR Invalid REPLY type, try ID or ALL"), call("JSCAN", "REPLY", "json"));
        assertEquals(NOT_INTEGER, call("JSCAN", "COUNT", "x"));
        assertEquals(BAD_CURSOR, call("JSCAN", "x"));
        assertEquals(BAD_CURSOR, call("JSCAN", "STATE"));
        assertEquals(SYNTAX, call("JSCAN", "0", "1"));
        assertEquals(SYNTAX, call("JSCAN", "0", "REPLY"));
    }

    // ----------------------------------------------------- ENQUEUE NACK DEQUEUE

    @Test
    void dequeueAndEnqueueMoveJobsBetweenQueuedAndActive() throws Exception {
        String a = addJob("q", "a");
        String b = addJob("q", "b");
        assertEquals(0L, call("ENQUEUE", a, b), "already queued");
        assertEquals(2L, call("DEQUEUE", a, b, UNKNOWN_ID));
        assertEquals("active", state(a));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(0L, call("DEQUEUE", a), "already active");
        assertEquals(1L, call("ENQUEUE", a, a, UNKNOWN_ID));
        assertEquals("queued", state(a));
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(1L, call("NACK", b));
        assertEquals(2L, call("QLEN", "q"));
    }

    @Test
    void countersDistinguishNacksFromRedeliveries() throws Exception {
        String id = addJob("q", "a");
        call("GETJOB", "FROM", "q");
        assertEquals(1L, call("NACK", id));
        call("GETJOB", "FROM", "q");
        assertEquals(1L, call("NACK", id));
        call("GETJOB", "FROM", "q");
        assertEquals(1L, call("ENQUEUE", id));
        Map<String, Object> m = pairs(call("SHOW", id), 30);
        assertEquals(2L, m.get("nacks"));
        assertEquals(1L, m.get("additional-deliveries"));
    }

    @Test
    void noIdsAndBadIds() throws Exception {
        for (String cmd : new String[] {"ENQUEUE", "NACK", "DEQUEUE"}) {
            assertEquals(0L, call(cmd), cmd);
            assertEquals(0L, call(cmd, UNKNOWN_ID), cmd);
        }
        String a = addJob("q", "a");
        call("GETJOB", "FROM", "q");
        // Every ID is validated before any job is touched.
        assertEquals(BADID, call("ENQUEUE", a, "nope"));
        assertEquals(BADID, call("NACK", a, UNKNOWN_ID.toUpperCase()));
        assertEquals("active", state(a));
        assertEquals(1L, call("ENQUEUE", a));
        assertEquals(BADID, call("DEQUEUE", a, UNKNOWN_ID.substring(1)));
        assertEquals("queued", state(a));
    }

    @Test
    void atMostOnceJobIsNeverQueuedAgain() throws Exception {
        String id = addJob("q", "once", "RETRY", "0");
        assertEquals(List.of(List.of("q", id, "once")), call("GETJOB", "FROM", "q"));
        assertEquals(0L, call("ENQUEUE", id));
        assertEquals(0L, call("NACK", id));
        advance(Duration.ofHours(1));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("active", state(id));

        // Even one taken out of its queue before any delivery stays out.
        String other = addJob("q", "once more", "RETRY", "0");
        assertEquals(1L, call("DEQUEUE", other));
        assertEquals(0L, call("ENQUEUE", other));
        assertEquals("active", state(other));
    }

    @Test
    void unackedJobIsRequeuedAfterRetry() throws Exception {
        String id = addJob("q", "a", "RETRY", "2");
        call("GETJOB", "FROM", "q");
        advance(Duration.ofMillis(1700));
        assertEquals(0L, call("QLEN", "q"));
        advance(Duration.ofMillis(600));
        assertEquals(1L, call("QLEN", "q"));
        Map<String, Object> m = pairs(call("SHOW", id), 30);
        assertEquals("queued", m.get("state"));
        assertEquals(1L, m.get("additional-deliveries"));
        assertEquals(0L, m.get("nacks"));
    }

    // --------------------------------------------------------------- FIFO order

    @Test
    void queuesAreFifoByCreationEvenAfterRequeue() throws Exception {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            added.add(addJob("q", "j" + i));
            if (i % 2 == 1) advance(Duration.ofMillis(1));
        }
        // Take out the first and the fourth, put them back in the other order:
        // each returns to its place by creation time.
        assertEquals(List.of(added.get(0)), ids(call("GETJOB", "FROM", "q")));
        assertEquals(1L, call("DEQUEUE", added.get(3)));
        assertEquals(1L, call("ENQUEUE", added.get(3)));
        assertEquals(1L, call("NACK", added.get(0)));
        assertEquals(added, ids(call("QPEEK", "q", "10")));
        assertEquals(added, ids(call("GETJOB", "COUNT", "10", "FROM", "q")));
    }
}
