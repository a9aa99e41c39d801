// ProducerTracker: names the node prefix that created a strict majority of a full window of recent jobs.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ProducerTrackerTest {
    private static String id(String node) {
        return "D-" + node + "-AAAAAAAAAAAAAAAAAAAAAAAA-0001";
    }

    @Test
    void majorityOfAFullWindow() {
        ProducerTracker t = new ProducerTracker(4);
        t.record(id("aaaaaaaa"));
        t.record(id("aaaaaaaa"));
        t.record(id("aaaaaaaa"));
        assertNull(t.dominant(), "window not full yet");
        t.record(id("bbbbbbbb"));
        assertEquals("aaaaaaaa", t.dominant());
        t.record(id("bbbbbbbb"));
        assertNull(t.dominant(), "2 of 4 is no majority");
        t.record(id("bbbbbbbb"));
        assertEquals("bbbbbbbb", t.dominant());
        t.record("not-a-job-id");
        assertEquals("bbbbbbbb", t.dominant());
    }
}
