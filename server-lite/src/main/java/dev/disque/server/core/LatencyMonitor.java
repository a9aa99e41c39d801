/*
 * LatencyMonitor: the record behind LATENCY of the moments the node was slow.
 *
 * With latency-monitor-threshold set (milliseconds; 0, the default, turns it
 * off), work on the event loop that takes at least that long is noted under
 * the name of an event, the original's names so that its tools read ours:
 * "command" and "fast-command" for commands, "aof-write" for writing the
 * append-only file, "expire-cycle" for the timers that expire, queue and
 * requeue jobs, "eviction-cycle" for freeing memory under pressure. Each
 * event keeps the last 160 seconds that had a spike (the worst spike of each
 * such second) and its worst spike ever, as the original does; a node that
 * is slow all the time thus shows its last few minutes.
 */
package dev.disque.server.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class LatencyMonitor {
    /** Seconds with a spike kept per event. */
    public static final int SAMPLES = 160;

    /** One spike: when (unix seconds) and how long (milliseconds). */
    public record Sample(long time, long millis) {
    }

    /** The spikes of one event, oldest first, and its worst ever. */
    public static final class Series {
        private final long[] times = new long[SAMPLES];
        private final long[] millis = new long[SAMPLES];
        private int next;
        private int size;
        private long worst;

        private void add(long time, long ms) {
            if (size > 0) {
                int last = (next + SAMPLES - 1) % SAMPLES;
                if (times[last] == time) {
                    // One sample per second: the second's worst.
                    if (ms > millis[last]) millis[last] = ms;
                    if (ms > worst) worst = ms;
                    return;
                }
            }
            times[next] = time;
            millis[next] = ms;
            next = (next + 1) % SAMPLES;
            if (size < SAMPLES) size++;
            if (ms > worst) worst = ms;
        }

        /** The worst spike since the event was first recorded (or last reset). */
        public long worst() {
            return worst;
        }

        public Sample latest() {
            int last = (next + SAMPLES - 1) % SAMPLES;
            return new Sample(times[last], millis[last]);
        }

        public List<Sample> samples() {
            List<Sample> out = new ArrayList<>(size);
            for (int j = SAMPLES - size; j < SAMPLES; j++) {
                int i = (next + j) % SAMPLES;
                out.add(new Sample(times[i], millis[i]));
            }
            return out;
        }
    }

    private final Clock clock;
    private long thresholdMillis;
    private final Map<String, Series> events = new LinkedHashMap<>();

    public LatencyMonitor(Clock clock) {
        this.clock = clock;
    }

    public void setThreshold(long millis) {
        thresholdMillis = millis;
    }

    public long threshold() {
        return thresholdMillis;
    }

    /** Whether spikes are recorded at all (a threshold is set). */
    public boolean isOn() {
        return thresholdMillis > 0;
    }

    /** Notes the event if monitoring is on and it took at least the threshold. */
    public void record(String event, long millis) {
        if (thresholdMillis > 0 && millis >= thresholdMillis) {
            events.computeIfAbsent(event, e -> new Series()).add(clock.seconds(), millis);
        }
    }

    /** The events with spikes, in the order they were first seen. */
    public Map<String, Series> events() {
        return Collections.unmodifiableMap(events);
    }

    /** The event's spikes, or null; names are exact, as in the original. */
    public Series series(String event) {
        return events.get(event);
    }

    /** Forgets the event (any case), or every event when null; returns how many went. */
    public int reset(String event) {
        int before = events.size();
        if (event == null) events.clear();
        else events.keySet().removeIf(e -> e.equalsIgnoreCase(event));
        return before - events.size();
    }
}
