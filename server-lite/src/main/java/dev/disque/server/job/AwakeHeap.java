/*
 * AwakeHeap: every registered job, ordered by the time it next needs work.
 *
 * The original keeps a skip list ordered by "awakeme"; an indexed binary
 * heap does the same job with one array slot per job (the job remembers its
 * slot), which matters when a node holds millions of jobs. Ties break by
 * creation time, then ID, so the order is total and deterministic.
 */
package dev.disque.server.job;

import java.util.Arrays;

final class AwakeHeap {
    private Job[] heap = new Job[64];
    private int size;

    int size() {
        return size;
    }

    Job peek() {
        return size == 0 ? null : heap[0];
    }

    private static boolean less(Job a, Job b) {
        if (a.awakeme() != b.awakeme()) return a.awakeme() < b.awakeme();
        if (a.ctime() != b.ctime()) return a.ctime() < b.ctime();
        return a.id().compareTo(b.id()) < 0;
    }

    void add(Job j) {
        if (size == heap.length) heap = Arrays.copyOf(heap, size * 2);
        heap[size] = j;
        j.heapIndex = size;
        size++;
        siftUp(j.heapIndex);
    }

    void remove(Job j) {
        int i = j.heapIndex;
        if (i < 0) return;
        size--;
        Job last = heap[size];
        heap[size] = null;
        j.heapIndex = -1;
        if (i != size) {
            heap[i] = last;
            last.heapIndex = i;
            siftDown(i);
            siftUp(last.heapIndex);
        }
        if (heap.length > 64 && size < heap.length / 4) heap = Arrays.copyOf(heap, heap.length / 2);
    }

    /** Re-establishes order after the job's awake time changed. */
    void update(Job j) {
        if (j.heapIndex < 0) {
            add(j);
            return;
        }
        siftUp(j.heapIndex);
        siftDown(j.heapIndex);
    }

    void clear() {
        for (int i = 0; i < size; i++) heap[i].heapIndex = -1;
        heap = new Job[64];
        size = 0;
    }

    private void siftUp(int i) {
        Job x = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Job p = heap[parent];
            if (!less(x, p)) break;
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = x;
        x.heapIndex = i;
    }

    private void siftDown(int i) {
        Job x = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Job c = heap[child];
            int right = child + 1;
            if (right < size && less(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!less(c, x)) break;
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = x;
        x.heapIndex = i;
    }
}
