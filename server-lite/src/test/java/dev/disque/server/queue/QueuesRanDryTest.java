/*
 * QueuesRanDryTest: the queue layer tells its listener (federation) when a
 * consumer takes the last job of a queue, and only then: not while jobs
 * are left, and not when the last job moves to another node.
 */
package dev.disque.server.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.core.ByteString;
import dev.disque.server.core.ManualClock;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobIdGenerator;
import dev.disque.server.job.JobRegistry;
import dev.disque.server.job.JobSchedule;
import dev.disque.server.job.JobState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueuesRanDryTest {
    private final ManualClock clock = new ManualClock(1_000_000L);
    private final JobRegistry registry = new JobRegistry();
    private final Queues queues = new Queues(clock, new JobSchedule(registry, clock));
    private final JobIdGenerator ids = new JobIdGenerator("0123abcd" + "0".repeat(32));
    private final List<ByteString> ranDry = new ArrayList<>();

    QueuesRanDryTest() {
        queues.onRanDry(q -> ranDry.add(q.name()));
    }

    private void queue(String name) {
        Job j = new Job(ids.next(3600, 300), ByteString.of(name), new byte[0], JobState.ACTIVE);
        j.setRetry(300);
        j.setQtime(clock.millis());
        registry.register(j);
        assertTrue(queues.enqueue(j, false));
    }

    @Test
    void takingTheLastJobIsReportedOnce() {
        queue("q");
        queue("q");
        Queue q = queues.lookup(ByteString.of("q"));
        assertNotNull(queues.fetch(q));
        assertEquals(List.of(), ranDry);
        assertNotNull(queues.fetch(q));
        assertEquals(List.of(ByteString.of("q")), ranDry);
        assertNull(queues.fetch(q));
        assertEquals(1, ranDry.size());
    }

    @Test
    void movingTheLastJobToAnotherNodeIsNotReported() {
        queue("q");
        assertNotNull(queues.fetchForPeer(queues.lookup(ByteString.of("q"))));
        assertEquals(List.of(), ranDry);
    }
}
