/*
 * AwakeHeap: every registered job, ordered by the time it next needs work.
 *
 * The original keeps a skip list ordered by "awakeme"; an indexed heap does
 * the same job with one array slot per job (the job remembers its slot),
 * which matters when a node holds millions of jobs. Ties break by creation
 * time, then ID, so the order is total and deterministic.
 *
 * Two choices keep it cheap when the jobs are many and cold. The sort keys
 * (awake time, creation time) live in arrays beside the jobs, so sifting
 * compares numbers in two arrays instead of dereferencing a job that has
 * not been touched for minutes at every step; only exact ties read the
 * jobs' IDs. And the heap is 4-ary: half the depth of a binary heap (10
 * levels for a million jobs), with the four children of a slot side by side
 * in one cache line. GETJOB moves each job it delivers to its next requeue
 * time, the bottom of the heap, and ACKJOB removes it: both walk the full
 * depth.
 */
package dev.disque.server.job;

import java.util.Arrays;

final class AwakeHeap {
    private static final int MIN_CAPACITY = 64;

    private Job[] jobs = new Job[MIN_CAPACITY];
    private long[] awake = new long[MIN_CAPACITY];
    private long[] ctime = new long[MIN_CAPACITY];
    private int size;

    int size() {
        return size;
    }

    Job peek() {
        return size == 0 ? null : jobs[0];
    }

    void add(Job j) {
        if (size == jobs.length) resize(size * 2);
        int i = size++;
        set(i, j, j.awakeme(), j.ctime());
        siftUp(i);
    }

    void remove(Job j) {
        int i = j.heapIndex;
        if (i < 0) return;
        j.heapIndex = -1;
        int last = --size;
        Job moved = jobs[last];
        jobs[last] = null;
        if (i != last) {
            set(i, moved, awake[last], ctime[last]);
            siftDown(i);
            siftUp(moved.heapIndex);
        }
        if (jobs.length > MIN_CAPACITY && size < jobs.length / 4) resize(jobs.length / 2);
    }

    /** Re-establishes order after the job's awake time changed. */
    void update(Job j) {
        int i = j.heapIndex;
        if (i < 0) {
            add(j);
            return;
        }
        awake[i] = j.awakeme();
        ctime[i] = j.ctime();
        siftUp(i);
        siftDown(j.heapIndex);
    }

    void clear() {
        for (int i = 0; i < size; i++) jobs[i].heapIndex = -1;
        jobs = new Job[MIN_CAPACITY];
        awake = new long[MIN_CAPACITY];
        ctime = new long[MIN_CAPACITY];
        size = 0;
    }

    private void resize(int capacity) {
        jobs = Arrays.copyOf(jobs, capacity);
        awake = Arrays.copyOf(awake, capacity);
        ctime = Arrays.copyOf(ctime, capacity);
    }

    private void set(int i, Job j, long awakeAt, long created) {
        jobs[i] = j;
        awake[i] = awakeAt;
        ctime[i] = created;
        j.heapIndex = i;
    }

    /** True if the entry (a1, c1, j1) comes before (a2, c2, j2). */
    private static boolean precedes(long a1, long c1, Job j1, long a2, long c2, Job j2) {
        if (a1 != a2) return a1 < a2;
        if (c1 != c2) return c1 < c2;
        return j1.id().compareTo(j2.id()) < 0;
    }

    /** True if slot k comes before slot i. */
    private boolean precedes(int k, int i) {
        return precedes(awake[k], ctime[k], jobs[k], awake[i], ctime[i], jobs[i]);
    }

    private void siftUp(int i) {
        Job x = jobs[i];
        long a = awake[i];
        long c = ctime[i];
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!precedes(a, c, x, awake[parent], ctime[parent], jobs[parent])) break;
            set(i, jobs[parent], awake[parent], ctime[parent]);
            i = parent;
        }
        set(i, x, a, c);
    }

    private void siftDown(int i) {
        Job x = jobs[i];
        long a = awake[i];
        long c = ctime[i];
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) break;
            int least = first;
            int end = Math.min(first + 4, size);
            for (int k = first + 1; k < end; k++) {
                if (precedes(k, least)) least = k;
            }
            if (!precedes(awake[least], ctime[least], jobs[least], a, c, x)) break;
            set(i, jobs[least], awake[least], ctime[least]);
            i = least;
        }
        set(i, x, a, c);
    }
}
