/*
 * AwakeHeapTest: the awake heap agrees with a plain sorted set under a long
 * random mix of adds, time changes and removals, including many exact ties
 * on awake time and creation time (which fall back to the ID), and keeps
 * every job's slot index right so that removal by job works.
 */
package dev.disque.server.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AwakeHeapTest {
    private static final Comparator<Job> ORDER = Comparator.comparingLong(Job::awakeme)
            .thenComparingLong(Job::ctime).thenComparing(Job::id);

    @Test
    void agreesWithASortedSetUnderRandomChanges() {
        Random r = new Random(42);
        JobIdGenerator ids = new JobIdGenerator("0123456789abcdef0123456789abcdef01234567", new SecureRandom());
        AwakeHeap heap = new AwakeHeap();
        TreeSet<Job> model = new TreeSet<>(ORDER);
        List<Job> live = new ArrayList<>();
        for (int step = 0; step < 60_000; step++) {
            int op = r.nextInt(10);
            if (op < 5 || live.isEmpty()) {
                Job j = new Job(ids.next(3600, 60), null, null, JobState.ACTIVE);
                j.setCtime(r.nextInt(50));      // few values: ties on creation time are common
                j.setAwakeme(r.nextInt(200));   // and on awake time
                heap.add(j);
                model.add(j);
                live.add(j);
            } else if (op < 8) {
                Job j = live.get(r.nextInt(live.size()));
                model.remove(j);
                j.setAwakeme(r.nextInt(200));
                heap.update(j);
                model.add(j);
            } else {
                Job j = live.remove(r.nextInt(live.size()));
                heap.remove(j);
                model.remove(j);
                assertEquals(-1, j.heapIndex);
            }
            assertEquals(model.size(), heap.size());
            if (!model.isEmpty()) assertSame(model.first(), heap.peek());
        }
        // Draining in order gives exactly the model's order.
        while (!model.isEmpty()) {
            Job expected = model.pollFirst();
            assertSame(expected, heap.peek());
            heap.remove(expected);
        }
        assertNull(heap.peek());
    }

    @Test
    void removingAJobNotInTheHeapChangesNothing() {
        JobIdGenerator ids = new JobIdGenerator("0123456789abcdef0123456789abcdef01234567", new SecureRandom());
        AwakeHeap heap = new AwakeHeap();
        Job in = new Job(ids.next(3600, 60), null, null, JobState.ACTIVE);
        Job out = new Job(ids.next(3600, 60), null, null, JobState.ACTIVE);
        heap.add(in);
        heap.remove(out);
        assertEquals(1, heap.size());
        assertSame(in, heap.peek());
        heap.clear();
        assertEquals(-1, in.heapIndex);
        assertEquals(0, heap.size());
    }
}
