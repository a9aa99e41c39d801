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
 */
package dev.disque.server.core;

import java.util.Random;
import java.util.function.BiConsumer;

public final class ScanTable<K, V> {
    private static final int MIN_CAPACITY = 16;

    private static final class Node<K, V> {
        final int hash;
        final K key;
        V value;
        Node<K, V> next;

        Node(int hash, K key, V value, Node<K, V> next) {
            this.hash = hash;
            this.key = key;
            this.value = value;
            this.next = next;
        }
    }

    private Node<K, V>[] table = newTable(MIN_CAPACITY);
    private int size;

    @SuppressWarnings("unchecked")
    private static <K, V> Node<K, V>[] newTable(int capacity) {
        return (Node<K, V>[]) new Node<?, ?>[capacity];
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public V get(K key) {
        int h = spread(key.hashCode());
        for (Node<K, V> n = table[h & (table.length - 1)]; n != null; n = n.next) {
            if (n.hash == h && n.key.equals(key)) return n.value;
        }
        return null;
    }

    /**
     * The value of the key that matches, for callers that can describe a key
     * (its hashCode and an equality test) without building one.
     */
    public V get(int keyHash, java.util.function.Predicate<? super K> matches) {
        int h = spread(keyHash);
        for (Node<K, V> n = table[h & (table.length - 1)]; n != null; n = n.next) {
            if (n.hash == h && matches.test(n.key)) return n.value;
        }
        return null;
    }

    /** Adds the mapping only if the key is absent; returns the existing value otherwise. */
    public V putIfAbsent(K key, V value) {
        int h = spread(key.hashCode());
        int i = h & (table.length - 1);
        for (Node<K, V> n = table[i]; n != null; n = n.next) {
            if (n.hash == h && n.key.equals(key)) return n.value;
        }
        table[i] = new Node<>(h, key, value, table[i]);
        if (++size > table.length) resize(table.length * 2);
        return null;
    }

    public V remove(K key) {
        int h = spread(key.hashCode());
        int i = h & (table.length - 1);
        Node<K, V> prev = null;
        for (Node<K, V> n = table[i]; n != null; prev = n, n = n.next) {
            if (n.hash == h && n.key.equals(key)) {
                if (prev == null) table[i] = n.next;
                else prev.next = n.next;
                size--;
                if (table.length > MIN_CAPACITY && size < table.length / 8) {
                    resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, size)) * 2));
                }
                return n.value;
            }
        }
        return null;
    }

    public void clear() {
        table = newTable(MIN_CAPACITY);
        size = 0;
    }

    private void resize(int capacity) {
        Node<K, V>[] old = table;
        Node<K, V>[] fresh = newTable(capacity);
        int mask = capacity - 1;
        for (Node<K, V> head : old) {
            for (Node<K, V> n = head; n != null; ) {
                Node<K, V> next = n.next;
                int i = n.hash & mask;
                n.next = fresh[i];
                fresh[i] = n;
                n = next;
            }
        }
        table = fresh;
    }

    /**
     * Visits every entry of the bucket the cursor points at and returns the
     * next cursor, or 0 once the walk is complete.
     */
    public long scan(long cursor, BiConsumer<K, V> visitor) {
        if (size == 0) return 0;
        long mask = table.length - 1;
        for (Node<K, V> n = table[(int) (cursor & mask)]; n != null; n = n.next) {
            visitor.accept(n.key, n.value);
        }
        cursor |= ~mask;
        cursor = Long.reverse(cursor);
        cursor++;
        cursor = Long.reverse(cursor);
        return cursor;
    }

    /** A random value, or null if empty; used for sampled eviction. */
    public V randomValue(Random random) {
        if (size == 0) return null;
        while (true) {
            Node<K, V> n = table[random.nextInt(table.length)];
            if (n == null) continue;
            int len = 0;
            for (Node<K, V> x = n; x != null; x = x.next) len++;
            int pick = random.nextInt(len);
            while (pick-- > 0) n = n.next;
            return n.value;
        }
    }

    public void forEach(BiConsumer<K, V> visitor) {
        for (Node<K, V> head : table) {
            for (Node<K, V> n = head; n != null; n = n.next) visitor.accept(n.key, n.value);
        }
    }
}
