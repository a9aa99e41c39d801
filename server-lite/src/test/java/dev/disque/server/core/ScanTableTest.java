/*
 * ScanTableTest: the map operations, and the cursor walk's guarantee: every
 * key present for the whole walk is returned at least once, however much the
 * table grows or shrinks between two calls; with no resize, exactly once.
 * The table is intrusive, so the tests store small keyed items.
 */
package dev.disque.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanTableTest {
    /** A keyed value, the way a job or a queue is held. */
    private static final class Item<K> extends ScanTable.Entry<K, Item<K>> {
        final K key;
        final int value;

        Item(K key, int value) {
            this.key = key;
            this.value = value;
        }

        @Override
        protected K tableKey() {
            return key;
        }
    }

    private static <K> Integer valueOf(Item<K> item) {
        return item == null ? null : item.value;
    }

    private static <K> ScanTable<K, Item<K>> table() {
        return new ScanTable<>();
    }

    @Test
    void behavesLikeAMap() {
        ScanTable<String, Item<String>> t = table();
        Map<String, Integer> ref = new HashMap<>();
        Random r = new Random(1);
        for (int i = 0; i < 50_000; i++) {
            String k = "k" + r.nextInt(3000);
            if (r.nextInt(3) == 0) {
                assertEquals(ref.remove(k), valueOf(t.remove(k)));
            } else if (!ref.containsKey(k) && r.nextBoolean()) {
                // A key its caller knows to be new (a minted job ID) goes in without a search.
                ref.put(k, i);
                t.add(new Item<>(k, i));
            } else {
                assertEquals(ref.putIfAbsent(k, i), valueOf(t.putIfAbsent(new Item<>(k, i))));
            }
            assertEquals(ref.size(), t.size());
        }
        for (Map.Entry<String, Integer> e : ref.entrySet()) {
            assertEquals(e.getValue(), valueOf(t.get(e.getKey())));
            String k = e.getKey();
            assertEquals(e.getValue(), valueOf(t.get(k.hashCode(), item -> item.key.equals(k))));
        }
        assertNull(t.get("absent"));
        assertNull(t.get("absent".hashCode(), item -> item.key.equals("absent")));
        Map<String, Integer> walked = new HashMap<>();
        long cursor = 0;
        do {
            cursor = t.scan(cursor, item -> walked.put(item.key, item.value));
        } while (cursor != 0);
        assertEquals(ref, walked);
        t.clear();
        assertTrue(t.isEmpty());
        assertEquals(0, t.scan(0, item -> { }));
    }

    @Test
    void stableTableReturnsEachKeyExactlyOnce() {
        ScanTable<Integer, Item<Integer>> t = table();
        for (int i = 0; i < 5000; i++) t.putIfAbsent(new Item<>(i, i));
        List<Integer> seen = new ArrayList<>();
        long cursor = 0;
        int calls = 0;
        do {
            cursor = t.scan(cursor, item -> seen.add(item.key));
            calls++;
        } while (cursor != 0);
        assertEquals(5000, seen.size());
        assertEquals(5000, new HashSet<>(seen).size());
        assertTrue(calls >= 5000 / 8, "one bucket per call");
    }

    /**
     * Walks while another key set is added or removed every few calls,
     * swinging the table between large and near-empty sizes.
     */
    private static void walkWhileChanging(long seed, int stable, int churnMax, int every) {
        Random r = new Random(seed);
        ScanTable<String, Item<String>> t = table();
        for (int i = 0; i < stable; i++) t.putIfAbsent(new Item<>("s" + i, i));
        List<String> churn = new ArrayList<>();
        int next = 0;
        Set<String> seen = new HashSet<>();
        long cursor = 0;
        int steps = 0;
        int changes = 0;
        do {
            cursor = t.scan(cursor, item -> seen.add(item.key));
            if (++steps % every != 0) continue;
            int target = (changes++ / 3) % 2 == 0 ? churnMax : 0;
            int delta = 1 + r.nextInt(churnMax / 2);
            if (churn.size() < target) {
                for (int i = 0; i < delta; i++) {
                    String k = "c" + next++;
                    churn.add(k);
                    t.putIfAbsent(new Item<>(k, 0));
                }
            } else {
                for (int i = 0; i < delta && !churn.isEmpty(); i++) {
                    int victim = r.nextInt(churn.size());
                    String k = churn.get(victim);
                    churn.set(victim, churn.get(churn.size() - 1));
                    churn.remove(churn.size() - 1);
                    t.remove(k);
                }
            }
            assertTrue(steps < 1_000_000);
        } while (cursor != 0);
        for (int i = 0; i < stable; i++) assertTrue(seen.contains("s" + i), "missed s" + i + " seed " + seed);
    }

    @Test
    void walkSurvivesGrowthAndShrinkBetweenCalls() {
        for (long seed = 0; seed < 20; seed++) walkWhileChanging(seed, 50, 1000, 1);
        for (long seed = 100; seed < 103; seed++) walkWhileChanging(seed, 2000, 20_000, 50);
        for (long seed = 200; seed < 220; seed++) walkWhileChanging(seed, 1, 300, 1);
    }

    @Test
    void walkSurvivesAOneShotGrowthAndAOneShotShrink() {
        ScanTable<Integer, Item<Integer>> t = table();
        for (int i = 0; i < 100; i++) t.putIfAbsent(new Item<>(i, i));
        Set<Integer> seen = new HashSet<>();
        long cursor = 0;
        for (int i = 0; i < 5; i++) cursor = t.scan(cursor, item -> seen.add(item.key));
        for (int i = 1000; i < 200_000; i++) t.putIfAbsent(new Item<>(i, i)); // 16 -> 262144 buckets
        for (int i = 0; i < 1000; i++) cursor = t.scan(cursor, item -> seen.add(item.key));
        for (int i = 1000; i < 200_000; i++) t.remove(i);                      // and back down
        do {
            cursor = t.scan(cursor, item -> seen.add(item.key));
        } while (cursor != 0);
        for (int i = 0; i < 100; i++) assertTrue(seen.contains(i), "missed " + i);
    }

    @Test
    void randomReachesEveryElement() {
        ScanTable<Integer, Item<Integer>> t = table();
        assertNull(t.random(new Random()));
        for (int i = 0; i < 20; i++) t.putIfAbsent(new Item<>(i, i));
        Set<Integer> seen = new HashSet<>();
        Random r = new Random(3);
        for (int i = 0; i < 5000; i++) seen.add(t.random(r).key);
        assertEquals(20, seen.size());
    }

    @Test
    void aRemovedElementLetsGoOfItsChain() {
        ScanTable<Integer, Item<Integer>> t = table();
        for (int i = 0; i < 10_000; i++) t.putIfAbsent(new Item<>(i, i));
        for (int i = 0; i < 10_000; i += 7) {
            Item<Integer> gone = t.remove(i);
            assertEquals(i, gone.key);
            assertNull(gone.tableNext);
            // It can be added again, to this table or another.
            assertNull(t.putIfAbsent(gone));
            assertEquals(gone, t.remove(i));
        }
        assertEquals(10_000 - (10_000 + 6) / 7, t.size());
    }
}
