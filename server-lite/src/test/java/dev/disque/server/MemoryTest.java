/*
 * MemoryTest: maxmemory. Above 75% a lone node cannot keep a copy of a new
 * job and ADDJOB answers -NOREPL ("I'm out of memory"); over the limit the
 * commands that need memory (ADDJOB, ENQUEUE, NACK) get -OOM while reads
 * keep working; acked and delivered at-most-once jobs are evicted, jobs that
 * may still be delivered never are.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.cluster.Node;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryTest extends ServerFixture {
    private static final long MAXMEMORY = 100 * 1024;
    private static final RespClient.Err OOM =
            new RespClient.Err("OOM command not allowed when used memory > 'maxmemory'.");
    private static final RespClient.Err OUT_OF_MEMORY = new RespClient.Err("NOREPL Not enough reachable nodes for "
            + "the requested replication level, since I'm unable to hold a copy of the message for the following "
            + "reason: I'm out of memory");

    @Override
    protected DisqueServer.Builder configure(DisqueServer.Builder b) {
        return b.config("maxmemory", "100kb");
    }

    private InfoReply info() throws IOException {
        return InfoReply.parse(call("INFO"));
    }

    private String showState(String id) throws IOException {
        Object r = call("SHOW", id);
        if (r == null) return null;
        List<?> fields = (List<?>) r;
        return (String) fields.get(fields.indexOf("state") + 1);
    }

    @Test
    void aLoneNodeAboveThreeQuartersRefusesNewJobsWithNorepl() throws IOException {
        String body = "x".repeat(4000);
        List<String> accepted = new ArrayList<>();
        Object refused = null;
        for (int i = 0; i < 40 && refused == null; i++) {
            Object r = call("ADDJOB", "q", body, "0");
            if (r instanceof RespClient.Status) accepted.add(((RespClient.Status) r).text());
            else refused = r;
        }
        assertEquals(OUT_OF_MEMORY, refused);
        assertTrue(accepted.size() >= 10, "jobs were accepted below 75%: " + accepted.size());
        InfoReply i = info();
        long used = i.getLong("used_memory");
        assertTrue(used > MAXMEMORY / 100 * 75 && used <= MAXMEMORY, "used " + used + " between 75% and 100%");
        assertEquals(accepted.size(), i.getLong("registered_jobs"), "the refused job was not created");
        assertEquals((long) accepted.size(), call("QLEN", "q"));

        // Any new job is refused, however small, while jobs already held are untouched.
        assertEquals(OUT_OF_MEMORY, call("ADDJOB", "other", "tiny", "0"));
        assertEquals(OUT_OF_MEMORY, call("ADDJOB", "q", "tiny", "0", "REPLICATE", "1", "RETRY", "0"));
        assertEquals("queued", showState(accepted.get(0)));

        // Acknowledging jobs frees memory and ADDJOB works again.
        for (int k = 0; k < 5; k++) assertEquals(1L, call("ACKJOB", accepted.get(k)));
        assertTrue(info().getLong("used_memory") <= MAXMEMORY / 100 * 75);
        addJob("q", "fits again");
    }

    @Test
    void overTheLimitCommandsThatNeedMemoryAreRefusedAndReadsStillWork() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "maxmemory", "1gb"));
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) queued.add(addJob("q", "job " + i + " " + "y".repeat(1000)));
        String delivered = addJob("q2", "in progress");
        assertEquals(List.of(List.of("q2", delivered, "in progress")), call("GETJOB", "FROM", "q2"));
        assertStatus("OK", call("CONFIG", "SET", "maxmemory", "1000"));

        assertEquals(OOM, call("ADDJOB", "q", "more", "0"));
        assertEquals(OOM, call("ENQUEUE", delivered));
        assertEquals(OOM, call("NACK", delivered));
        assertEquals(OOM, call("ENQUEUE", "D-00000000-000000000000000000000000-0001"), "refused before the IDs are read");

        // Reads and commands that free memory still run.
        assertEquals(10L, call("QLEN", "q"));
        assertEquals(List.of(List.of("q", queued.get(0), "job 0 " + "y".repeat(1000))), call("QPEEK", "q", "1"));
        assertEquals("queued", showState(queued.get(3)));
        assertEquals("active", showState(delivered));
        assertInstanceOf(List.class, call("QSTAT", "q"));
        assertInstanceOf(List.class, call("JSCAN"));
        assertStatus("PONG", call("PING"));
        InfoReply i = info();
        assertTrue(i.getLong("used_memory") > 1000);
        assertEquals("1000", i.get("maxmemory"));
        assertEquals(1L, call("ACKJOB", delivered));
        assertNull(call("SHOW", delivered));

        // Moving time and running the housekeeping never drops a queued job.
        for (int k = 0; k < 5; k++) advance(Duration.ofSeconds(3));
        assertEquals(10L, call("QLEN", "q"));
        assertEquals(10, info().getLong("registered_jobs"));
        for (String id : queued) assertEquals("queued", showState(id));

        // With room again everything works.
        assertStatus("OK", call("CONFIG", "SET", "maxmemory", "1gb"));
        addJob("q", "later");
        assertEquals(11L, call("QLEN", "q"));
    }

    /**
     * Makes an acked job that this lone node must keep for a while: as if a
     * copy had been delivered to another node, which has not confirmed the
     * ack yet. A single node cannot produce this state on its own.
     */
    private void ackAsIfReplicated(String id) throws IOException {
        JobId jobId = JobId.parse(id.getBytes(StandardCharsets.US_ASCII));
        server.inspect(e -> {
            Job j = e.registry().lookup(jobId);
            j.setNodesDelivered(j.nodesDelivered().with(new Node(Node.randomId(), "10.0.0.9", 7711)));
            return null;
        });
        assertEquals(1L, call("ACKJOB", id));
        assertEquals("acked", showState(id));
    }

    @Test
    void underPressureAckedAndDeliveredAtMostOnceJobsAreEvictedButQueuedOnesNeverAre() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "maxmemory", "1gb"));
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) queued.add(addJob("q", "z".repeat(1000)));
        List<String> evictable = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = addJob("once", "w".repeat(1000), "RETRY", "0");
            assertEquals(List.of(List.of("once", id, "w".repeat(1000))), call("GETJOB", "FROM", "once"));
            evictable.add(id);
        }
        for (int i = 0; i < 2; i++) {
            String id = addJob("acked", "a".repeat(1000));
            ackAsIfReplicated(id);
            evictable.add(id);
        }
        assertEquals(15, info().getLong("registered_jobs"));

        assertStatus("OK", call("CONFIG", "SET", "maxmemory", "1000"));
        // Each command gives eviction a chance; it samples jobs at random, so allow it a few rounds.
        for (int round = 0; round < 200; round++) {
            boolean left = false;
            for (String id : evictable) left |= call("SHOW", id) != null;
            if (!left) break;
        }
        for (String id : evictable) assertNull(call("SHOW", id), "evicted: " + id);
        InfoReply i = info();
        assertEquals(5, i.getLong("evicted_jobs"));
        assertEquals(10, i.getLong("registered_jobs"));
        assertEquals(10L, call("QLEN", "q"));
        for (String id : queued) assertEquals("queued", showState(id));
        assertEquals(OOM, call("ADDJOB", "q", "more", "0"), "queued jobs alone are still over the limit");
    }

    @Test
    void noevictionPolicyOnlyRefuses() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "maxmemory", "1gb"));
        String acked = addJob("acked", "a".repeat(1000));
        ackAsIfReplicated(acked);
        assertStatus("OK", call("CONFIG", "SET", "maxmemory-policy", "noeviction"));
        assertStatus("OK", call("CONFIG", "SET", "maxmemory", "100"));
        for (int k = 0; k < 20; k++) assertEquals(OOM, call("ADDJOB", "q", "more", "0"));
        advance(Duration.ofSeconds(1));
        assertNotNull(call("SHOW", acked), "nothing is evicted with noeviction");
        assertEquals(0, info().getLong("evicted_jobs"));
    }
}
