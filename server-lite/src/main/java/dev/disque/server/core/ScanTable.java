/*
 * ScanTable: a chained hash table that can be walked with a stateless cursor.
 *
 * JSCAN and QSCAN hand the client an integer cursor and must return every
 * element present for the whole walk at least once, even if the table grows
 * or shrinks between calls. java.util.HashMap cannot give that guarantee, so
 * this table uses power-of-two bucket arrays and visits buckets in
 * reverse-binary order (the technique Redis documents for SCAN): a bucket
 * visited before a resize maps onto buckets that the cursor has also passed
 * after it.
 *
 * The table is intrusive: what it holds (a job, a queue) extends Entry and
 * is itself the link of its bucket's chain. A node holds millions of jobs,
 * and a separate node object per job would be one more object for the
 * collector to copy and one more cache miss on every lookup by ID.
 */
package dev.disque.server.core;

import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;

public final class ScanTable<K, E extends ScanTable.Entry<K, E>> {
    private static final int MIN_CAPACITY = 16;

    /** An element of one table at a time: it carries its own chain link. */
    public abstract static class Entry<K, E extends Entry<K, E>> {
        // Package-private: only the table touches them (a type variable cannot reach private fields).
        int tableHash;
        E tableNext;

        /** The key the element is found by; it must not change while the element is in a table. */
        protected abstract K tableKey();

        /** The key's hashCode; an element that holds its key unpacked computes it without building the key. */
        protected int tableKeyHash() {
            return tableKey().hashCode();
        }

        /** True if the element's key equals key; likewise, without building the element's key. */
        protected boolean hasTableKey(K key) {
            return tableKey().equals(key);
        }
    }

    private Entry<?, ?>[] table = new Entry<?, ?>[MIN_CAPACITY];
    private int size;

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private E head(int bucket) {
        return (E) table[bucket];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public E get(K key) {
        int h = spread(key.hashCode());
        for (E e = head(h & (table.length - 1)); e != null; e = e.tableNext) {
            if (e.tableHash == h && e.hasTableKey(key)) return e;
        }
        return null;
    }

    /**
     * The element that matches, for callers that can describe a key (its
     * hashCode and a test of an element's key) without building one.
     */
    public E get(int keyHash, Predicate<? super E> matches) {
        int h = spread(keyHash);
        for (E e = head(h & (table.length - 1)); e != null; e = e.tableNext) {
            if (e.tableHash == h && matches.test(e)) return e;
        }
        return null;
    }

    /** Adds the element unless one with its key is there; returns that one, or null if added. */
    public E putIfAbsent(E element) {
        K key = element.tableKey();
        int h = spread(element.tableKeyHash());
        int i = h & (table.length - 1);
        for (E e = head(i); e != null; e = e.tableNext) {
            if (e.tableHash == h && e.hasTableKey(key)) return e;
        }
        link(element, h, i);
        return null;
    }

    /**
     * Adds an element its caller knows to be absent, without walking its
     * chain: for a new key, every element on the chain is a cache miss.
     */
    public void add(E element) {
        assert get(element.tableKey()) == null : "key already present";
        int h = spread(element.tableKeyHash());
        link(element, h, h & (table.length - 1));
    }

    private void link(E element, int hash, int bucket) {
        element.tableHash = hash;
        element.tableNext = head(bucket);
        table[bucket] = element;
        if (++size > table.length) resize(table.length * 2);
    }

    /** Removes and returns the element with this key, or null. */
    public E remove(K key) {
        int h = spread(key.hashCode());
        int i = h & (table.length - 1);
        E prev = null;
        for (E e = head(i); e != null; prev = e, e = e.tableNext) {
            if (e.tableHash == h && e.hasTableKey(key)) {
                unlink(i, prev, e);
                return e;
            }
        }
        return null;
    }

    /**
     * Removes this very element, found by identity in the bucket of the hash
     * it was added with: no key to build or compare. False if it is not here.
     */
    public boolean removeElement(E element) {
        int i = element.tableHash & (table.length - 1);
        E prev = null;
        for (E e = head(i); e != null; prev = e, e = e.tableNext) {
            if (e == element) {
                unlink(i, prev, e);
                return true;
            }
        }
        return false;
    }

    /** True if this very element is in the table (found as removeElement finds it). */
    public boolean holds(E element) {
        for (E e = head(element.tableHash & (table.length - 1)); e != null; e = e.tableNext) {
            if (e == element) return true;
        }
        return false;
    }

    private void unlink(int bucket, E prev, E e) {
        if (prev == null) table[bucket] = e.tableNext;
        else prev.tableNext = e.tableNext;
        // A removed element may live on (a job a client still holds): it must not keep the chain alive.
        e.tableNext = null;
        size--;
        if (table.length > MIN_CAPACITY && size < table.length / 8) {
            resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size)) * 2));
        }
    }

    public void clear() {
        table = new Entry<?, ?>[MIN_CAPACITY];
        size = 0;
    }

    private void resize(int capacity) {
        Entry<?, ?>[] old = table;
        table = new Entry<?, ?>[capacity];
        int mask = capacity - 1;
        for (int b = 0; b < old.length; b++) {
            @SuppressWarnings("unchecked")
            E e = (E) old[b];
            while (e != null) {
                E next = e.tableNext;
                int i = e.tableHash & mask;
                e.tableNext = head(i);
                table[i] = e;
                e = next;
            }
        }
    }

    /**
     * Visits every element of the bucket the cursor points at and returns
     * the next cursor, or 0 once the walk is complete.
     */
    public long scan(long cursor, Consumer<? super E> visitor) {
        if (size == 0) return 0;
        long mask = table.length - 1;
        for (E e = head((int) (cursor & mask)); e != null; e = e.tableNext) visitor.accept(e);
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        cursor = Long.reverse(cursor);
        return cursor;
    }

    /** A random element, or null if empty; used for sampled eviction. */
    public E random(Random random) {
        if (size == 0) return null;
        while (true) {
            E e = head(random.nextInt(table.length));
            if (e == null) continue;
            int len = 0;
            for (E x = e; x != null; x = x.tableNext) len++;
            int pick = random.nextInt(len);
            while (pick-- > 0) e = e.tableNext;
            return e;
        }
    }
}
