/*
 * JobOrder: the jobs of one queue in delivery order (creation stamp, then ID).
 *
 * Nearly every insert is an append (a new job is the newest) and nearly
 * every removal takes the oldest, so the jobs sit in sorted chunks of at
 * most CHUNK references: appending and taking the oldest touch one chunk,
 * and the rare insert or removal in the middle (a NACK, a requeue, an ACK of
 * a queued job) finds its chunk and its slot by binary search and moves at
 * most one chunk's references. A balanced tree would cost a node object per
 * queued job (40 bytes, one more object for the collector) and a walk of
 * cache misses down the tree at every step; this costs four bytes a job.
 *
 * The order must not change while a job is queued: a job's ctime and ID are
 * fixed once it exists.
 */
package dev.disque.server.queue;

import dev.disque.server.job.Job;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;

final class JobOrder {
    static final int CHUNK = 128;
    private static final int FIRST_CAPACITY = 4;

    /** Sorted jobs in items[start, end). */
    private static final class Chunk {
        Job[] items;
        int start;
        int end;

        Chunk(int capacity) {
            items = new Job[capacity];
        }

        int size() {
            return end - start;
        }

        Job last() {
            return items[end - 1];
        }
    }

    private final Comparator<Job> order;
    /** The chunks, in order, in chunks[0, chunkCount); none is empty. */
    private Chunk[] chunks = new Chunk[1];
    private int chunkCount;
    private int size;

    JobOrder(Comparator<Job> order) {
        this.order = order;
    }

    int size() {
        return size;
    }

    void add(Job job) {
        if (chunkCount == 0) {
            insertChunk(0, new Chunk(FIRST_CAPACITY));
            append(job);
        } else if (order.compare(job, chunks[chunkCount - 1].last()) > 0) {
            append(job);
        } else {
            insertInside(job);
        }
        size++;
    }

    /** Adds a job that sorts after every other. */
    private void append(Job job) {
        Chunk c = chunks[chunkCount - 1];
        if (c.end == c.items.length) {
            // Slide when at most half is in use (so sliding stays amortized O(1)), else grow, else start a chunk.
            int n = c.size();
            if (n <= c.items.length / 2) {
                moveToFront(c, c.items);
            } else if (c.items.length < CHUNK) {
                moveToFront(c, bigger(c));
            } else {
                c = new Chunk(CHUNK);
                insertChunk(chunkCount, c);
            }
        }
        c.items[c.end++] = job;
    }

    /** An array twice the chunk's, at most CHUNK long. */
    private static Job[] bigger(Chunk c) {
        return new Job[Math.min(CHUNK, c.items.length * 2)];
    }

    /** Moves the chunk's jobs to the start of to (its own array or a bigger one). */
    private static void moveToFront(Chunk c, Job[] to) {
        int n = c.size();
        System.arraycopy(c.items, c.start, to, 0, n);
        if (to == c.items) Arrays.fill(c.items, Math.max(n, c.start), c.end, null);
        c.items = to;
        c.start = 0;
        c.end = n;
    }

    private void insertInside(Job job) {
        int ci = chunkFor(job);
        Chunk c = chunks[ci];
        int at = slot(c, job);
        if (c.size() == CHUNK) {
            // Split the full chunk in two halves and insert into the one the job belongs to.
            Chunk right = new Chunk(CHUNK);
            int half = CHUNK / 2;
            System.arraycopy(c.items, c.start + half, right.items, 0, CHUNK - half);
            right.end = CHUNK - half;
            Arrays.fill(c.items, c.start + half, c.end, null);
            c.end = c.start + half;
            insertChunk(ci + 1, right);
            if (at > c.end) {
                at -= c.end;
                c = right;
            }
        }
        if (c.end == c.items.length) {
            // No room at the end (the chunk is not full): move its jobs to the front, or to a bigger array.
            at -= c.start;
            moveToFront(c, c.size() < c.items.length ? c.items : bigger(c));
        }
        System.arraycopy(c.items, at, c.items, at + 1, c.end - at);
        c.items[at] = job;
        c.end++;
    }

    /** Removes the job (or the one that sorts equal to it); false if there is none. */
    boolean remove(Job job) {
        if (chunkCount == 0) return false;
        int ci = chunkFor(job);
        Chunk c = chunks[ci];
        int at = slot(c, job);
        if (at == c.end || order.compare(c.items[at], job) != 0) return false;
        System.arraycopy(c.items, at + 1, c.items, at, c.end - at - 1);
        c.items[--c.end] = null;
        size--;
        if (c.size() == 0) removeChunk(ci);
        return true;
    }

    /** Removes and returns the oldest job, or null when empty. */
    Job pollFirst() {
        if (chunkCount == 0) return null;
        Chunk c = chunks[0];
        Job j = c.items[c.start];
        c.items[c.start++] = null;
        size--;
        if (c.size() == 0) removeChunk(0);
        return j;
    }

    /** The first chunk whose last job sorts at or after job (the last chunk if none). */
    private int chunkFor(Job job) {
        int lo = 0;
        int hi = chunkCount - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(chunks[mid].last(), job) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The index in c.items of the first job that sorts at or after job (c.end if none). */
    private int slot(Chunk c, Job job) {
        int lo = c.start;
        int hi = c.end;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (order.compare(c.items[mid], job) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void insertChunk(int at, Chunk c) {
        if (chunkCount == chunks.length) chunks = Arrays.copyOf(chunks, chunks.length * 2);
        System.arraycopy(chunks, at, chunks, at + 1, chunkCount - at);
        chunks[at] = c;
        chunkCount++;
    }

    private void removeChunk(int at) {
        System.arraycopy(chunks, at + 1, chunks, at, chunkCount - at - 1);
        chunks[--chunkCount] = null;
        if (chunks.length > 16 && chunkCount < chunks.length / 4) {
            chunks = Arrays.copyOf(chunks, chunks.length / 2);
        }
    }

    /** Oldest first, or newest first when descending; the queue must not change meanwhile. */
    Iterator<Job> iterator(boolean descending) {
        return descending ? new Descending() : new Ascending();
    }

    private final class Ascending implements Iterator<Job> {
        private int ci;
        private int i = chunkCount == 0 ? 0 : chunks[0].start;

        @Override
        public boolean hasNext() {
            return ci < chunkCount && i < chunks[ci].end;
        }

        @Override
        public Job next() {
            if (!hasNext()) throw new NoSuchElementException();
            Chunk c = chunks[ci];
            Job j = c.items[i++];
            if (i == c.end && ++ci < chunkCount) i = chunks[ci].start;
            return j;
        }
    }

    private final class Descending implements Iterator<Job> {
        private int ci = chunkCount - 1;
        private int i = chunkCount == 0 ? -1 : chunks[chunkCount - 1].end - 1;

        @Override
        public boolean hasNext() {
            return ci >= 0 && i >= chunks[ci].start;
        }

        @Override
        public Job next() {
            if (!hasNext()) throw new NoSuchElementException();
            Chunk c = chunks[ci];
            Job j = c.items[i--];
            if (i < c.start && --ci >= 0) i = chunks[ci].end - 1;
            return j;
        }
    }
}
