/*
 * QueuesSharedNameTest: copies of one queue's jobs get one instance of its
 * name, a queue created later takes that instance, flushing forgets the
 * names, and names past the bound are still answered correctly.
 */
package dev.disque.server.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.disque.server.core.ByteString;
import dev.disque.server.core.ManualClock;
import dev.disque.server.job.JobRegistry;
import dev.disque.server.job.JobSchedule;
import org.junit.jupiter.api.Test;

class QueuesSharedNameTest {
    private final ManualClock clock = new ManualClock(1_000_000L);
    private final Queues queues = new Queues(clock, new JobSchedule(new JobRegistry(), clock));

    @Test
    void copiesOfOneQueueShareOneNameAndTheQueueTakesIt() {
        ByteString first = queues.sharedName(ByteString.of("orders"));
        ByteString other = queues.sharedName(ByteString.of("mail"));
        assertSame(first, queues.sharedName(ByteString.of("orders")));
        assertSame(other, queues.sharedName(ByteString.of("mail")));
        assertNotSame(first, other);

        Queue q = queues.lookupOrCreate(ByteString.of("orders"));
        assertSame(first, q.name());
        assertSame(first, queues.sharedName(ByteString.of("orders")));
    }

    @Test
    void theQueuesOwnNameIsSharedAndFlushingForgetsNames() {
        Queue q = queues.lookupOrCreate(ByteString.of("q"));
        assertSame(q.name(), queues.sharedName(ByteString.of("q")));
        queues.clear();
        ByteString fresh = ByteString.of("q");
        assertSame(fresh, queues.sharedName(fresh));
        assertEquals(0, queues.size());
    }

    @Test
    void manyNamesStayCorrectPastTheBound() {
        for (int i = 0; i < 10_000; i++) {
            ByteString n = ByteString.of("queue-" + i);
            assertEquals(n, queues.sharedName(n));
        }
        ByteString last = queues.sharedName(ByteString.of("queue-9999"));
        assertSame(last, queues.sharedName(ByteString.of("queue-9999")));
    }
}
