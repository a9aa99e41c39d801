/*
 * JobOrderTest: the chunked job order against a TreeSet with the same
 * comparator, over long random runs of appends, inserts in the middle,
 * removals and polls, with every chunk boundary crossed many times.
 */
package dev.disque.server.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.core.ByteString;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobIdGenerator;
import dev.disque.server.job.JobState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobOrderTest {
    private final JobIdGenerator ids = new JobIdGenerator("0123abcd" + "0".repeat(32));
    private final ByteString queue = ByteString.of("q");

    private Job job(long ctime) {
        Job j = new Job(ids.next(3600, 300), queue, new byte[0], JobState.QUEUED);
        j.setCtime(ctime);
        return j;
    }

    @Test
    void appendsAndPollsInOrderAcrossChunks() {
        JobOrder order = new JobOrder(Queue.ORDER);
        List<Job> added = new ArrayList<>();
        for (int i = 0; i < JobOrder.CHUNK * 5 + 3; i++) {
            Job j = job(i);
            order.add(j);
            added.add(j);
        }
        assertEquals(added.size(), order.size());
        assertEquals(added, list(order.iterator(false)));
        for (Job j : added) assertSame(j, order.pollFirst());
        assertNull(order.pollFirst());
        assertEquals(0, order.size());
        assertFalse(order.iterator(true).hasNext());
    }

    @Test
    void anEmptyOrderHasNothingToGive() {
        JobOrder order = new JobOrder(Queue.ORDER);
        assertNull(order.pollFirst());
        assertFalse(order.remove(job(1)));
        Iterator<Job> it = order.iterator(false);
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void aJobNotQueuedIsNotRemovedAndTheOthersStay() {
        JobOrder order = new JobOrder(Queue.ORDER);
        Job a = job(1);
        Job c = job(3);
        order.add(a);
        order.add(c);
        assertFalse(order.remove(job(2)));
        assertFalse(order.remove(job(4)));
        assertFalse(order.remove(job(0)));
        assertEquals(List.of(a, c), list(order.iterator(false)));
        assertTrue(order.remove(a));
        assertFalse(order.remove(a));
        assertEquals(List.of(c), list(order.iterator(true)));
    }

    /**
     * Mixed work against the model. The weights stand for a FIFO under
     * load (mostly appends and polls) or for heavy requeueing (inserts and
     * removals in the middle, which split and empty chunks).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void behavesLikeATreeSet(int seed) {
        Random r = new Random(seed);
        boolean churn = seed % 2 == 0;
        JobOrder order = new JobOrder(Queue.ORDER);
        TreeSet<Job> model = new TreeSet<>(Queue.ORDER);
        List<Job> present = new ArrayList<>();
        long clock = 1_000;
        for (int step = 0; step < 40_000; step++) {
            int op = r.nextInt(100);
            if (op < (churn ? 30 : 55)) {
                Job j = job(clock++);
                order.add(j);
                model.add(j);
                present.add(j);
            } else if (op < 60) {
                // An old stamp (a requeue or an imported job), sometimes equal to a queued one's.
                Job j = job(r.nextInt(2) == 0 || model.isEmpty() ? r.nextInt((int) clock) : model.first().ctime());
                order.add(j);
                model.add(j);
                present.add(j);
            } else if (op < (churn ? 85 : 65) && !present.isEmpty()) {
                Job j = present.remove(r.nextInt(present.size()));
                assertTrue(order.remove(j));
                assertTrue(model.remove(j));
            } else {
                Job j = order.pollFirst();
                assertSame(model.pollFirst(), j);
                if (j != null) present.remove(j);
            }
            assertEquals(model.size(), order.size());
            if (step % 997 == 0) {
                assertEquals(new ArrayList<>(model), list(order.iterator(false)));
                assertEquals(new ArrayList<>(model.descendingSet()), list(order.iterator(true)));
            }
        }
        assertEquals(new ArrayList<>(model), list(order.iterator(false)));
        while (!model.isEmpty()) assertSame(model.pollFirst(), order.pollFirst());
        assertNull(order.pollFirst());
    }

    private static List<Job> list(Iterator<Job> it) {
        List<Job> out = new ArrayList<>();
        while (it.hasNext()) out.add(it.next());
        return out;
    }
}
