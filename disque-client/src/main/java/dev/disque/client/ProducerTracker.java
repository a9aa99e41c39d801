/*
 * ProducerTracker: which node created most of the jobs a consumer receives.
 *
 * A job ID carries 8 characters of the creating node's ID. The original
 * Disque README suggests that a consumer move to the node that produces most
 * of its jobs, since that node has them queued locally. The tracker keeps the
 * prefixes of the last `window` jobs and names a prefix once it holds a
 * strict majority of a full window.
 */
package dev.disque.client;

import dev.disque.client.model.Job;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

final class ProducerTracker {
    private final int window;
    private final ArrayDeque<String> recent = new ArrayDeque<>();
    private final Map<String, Integer> counts = new HashMap<>();

    ProducerTracker(int window) {
        if (window < 1) throw new IllegalArgumentException("window must be positive");
        this.window = window;
    }

    synchronized void record(String jobId) {
        String prefix = Job.nodePrefix(jobId);
        if (prefix == null) return;
        recent.addLast(prefix);
        counts.merge(prefix, 1, Integer::sum);
        if (recent.size() > window) {
            String old = recent.removeFirst();
            counts.computeIfPresent(old, (k, v) -> v == 1 ? null : v - 1);
        }
    }

    /** @return the prefix of a strict majority over a full window, or null */
    synchronized String dominant() {
        if (recent.size() < window) return null;
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() * 2 > recent.size()) return e.getKey();
        }
        return null;
    }
}
