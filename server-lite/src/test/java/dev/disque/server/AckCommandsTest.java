/*
 * AckCommandsTest: ACKJOB and FASTACK over a socket on a lone node, checked
 * against the original Disque: the reply counts jobs that were known (and,
 * for ACKJOB, not yet acknowledged), an acknowledged job disappears at once
 * because no other node can hold a copy, unknown IDs leave no trace, and
 * every ID is validated before any job is touched.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckCommandsTest extends ServerFixture {
    private static final String UNKNOWN_ID = "D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-05a1";
    private static final String UNKNOWN_AT_MOST_ONCE_ID = "D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-05a0";
    private static final RespClient.Err BADID = new RespClient.Err("BADID Invalid Job ID format.");

    private long registeredJobs() {
        return server.inspect(e -> e.registry().size());
    }

    @Test
    void ackjobCountsKnownJobsAndForgetsThem() throws Exception {
        String delivered = addJob("q", "a");
        String queued = addJob("q", "b");
        String delayed = addJob("q", "c", "DELAY", "30");
        assertEquals(List.of(List.of("q", delivered, "a")), call("GETJOB", "FROM", "q"));
        assertEquals(3L, call("ACKJOB", queued, delivered, delayed, UNKNOWN_ID));
        // A lone node holds the only copy: the ack is collected immediately.
        for (String id : new String[] {queued, delivered, delayed}) assertNull(call("SHOW", id), id);
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(0L, registeredJobs());
        assertEquals(List.of("0", List.of()), call("JSCAN"));
        // Nothing comes back later.
        advance(Duration.ofSeconds(60));
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void ackingTheSameIdTwiceCountsOnce() throws Exception {
        String id = addJob("q", "a");
        assertEquals(1L, call("ACKJOB", id, id));
        assertEquals(0L, call("ACKJOB", id));
    }

    @Test
    void unknownIdsReturnZeroAndCreateNoDummyAck() throws Exception {
        assertEquals(0L, call("ACKJOB", UNKNOWN_ID));
        assertEquals(0L, call("ACKJOB", UNKNOWN_AT_MOST_ONCE_ID));
        assertNull(call("SHOW", UNKNOWN_ID));
        assertEquals(0L, registeredJobs());
        assertEquals(0L, call("FASTACK", UNKNOWN_ID));
    }

    @Test
    void noArgumentsReturnZero() throws Exception {
        addJob("q", "a");
        assertEquals(0L, call("ACKJOB"));
        assertEquals(0L, call("FASTACK"));
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void everyIdIsValidatedBeforeActing() throws Exception {
        String id = addJob("q", "a");
        assertEquals(BADID, call("ACKJOB", id, "not-an-id"));
        assertEquals(BADID, call("ACKJOB", id, UNKNOWN_ID + "x"));
        assertEquals(BADID, call("FASTACK", id, ""));
        assertEquals(1L, call("QLEN", "q"));
        assertInstanceOf(List.class, call("SHOW", id));
        assertEquals(1L, call("ACKJOB", id));
    }

    @Test
    void ackedJobIsNotDeliveredAgainAfterRetry() throws Exception {
        String id = addJob("q", "a", "RETRY", "1");
        call("GETJOB", "FROM", "q");
        assertEquals(1L, call("ACKJOB", id));
        advance(Duration.ofSeconds(5));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(0L, call("ENQUEUE", id));
    }

    @Test
    void fastackCountsAndDeletesInAnyState() throws Exception {
        String delivered = addJob("q", "a");
        String queued = addJob("q", "b");
        String atMostOnce = addJob("q", "c", "RETRY", "0");
        assertEquals(List.of(List.of("q", delivered, "a")), call("GETJOB", "FROM", "q"));
        assertEquals(3L, call("FASTACK", queued, delivered, UNKNOWN_ID, atMostOnce, queued));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(0L, registeredJobs());
        assertEquals(0L, call("FASTACK", queued));
        assertEquals(0L, call("ACKJOB", delivered));
    }
}
