/*
 * LatencyMonitorTest: what the monitor keeps of the spikes it is told of,
 * on a test clock.
 */
package dev.disque.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyMonitorTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final LatencyMonitor monitor = new LatencyMonitor(clock);

    @Test
    void recordsNothingWhileOffOrBelowTheThreshold() {
        monitor.record("command", 500);
        assertEquals(0, monitor.events().size());
        monitor.setThreshold(10);
        monitor.record("command", 9);
        assertEquals(0, monitor.events().size());
        monitor.record("command", 10);
        assertEquals(List.of(new LatencyMonitor.Sample(1_700_000_000L, 10)), monitor.series("command").samples());
    }

    @Test
    void keepsTheWorstOfEachSecondAndTheLast160Seconds() {
        monitor.setThreshold(1);
        monitor.record("command", 5);
        monitor.record("command", 30);
        monitor.record("command", 7);
        assertEquals(List.of(new LatencyMonitor.Sample(1_700_000_000L, 30)), monitor.series("command").samples());
        for (int i = 1; i <= 200; i++) {
            clock.advance(Duration.ofSeconds(1));
            monitor.record("command", i);
        }
        LatencyMonitor.Series s = monitor.series("command");
        List<LatencyMonitor.Sample> samples = s.samples();
        assertEquals(LatencyMonitor.SAMPLES, samples.size());
        assertEquals(new LatencyMonitor.Sample(1_700_000_041L, 41), samples.get(0), "the oldest kept");
        assertEquals(new LatencyMonitor.Sample(1_700_000_200L, 200), s.latest());
        assertEquals(200, s.worst());
        monitor.record("command", 3);
        assertEquals(200, s.latest().millis(), "a lower spike in the same second changes nothing");
    }

    @Test
    void theWorstEverOutlivesTheSamples() {
        monitor.setThreshold(1);
        monitor.record("aof-write", 900);
        for (int i = 0; i < LatencyMonitor.SAMPLES; i++) {
            clock.advance(Duration.ofSeconds(1));
            monitor.record("aof-write", 2);
        }
        assertEquals(2, monitor.series("aof-write").samples().get(0).millis());
        assertEquals(900, monitor.series("aof-write").worst());
    }

    @Test
    void resetForgetsOneEventInAnyCaseOrAll() {
        monitor.setThreshold(1);
        monitor.record("command", 5);
        monitor.record("fast-command", 5);
        monitor.record("aof-write", 5);
        assertEquals(List.of("command", "fast-command", "aof-write"), List.copyOf(monitor.events().keySet()));
        assertEquals(0, monitor.reset("nosuch"));
        assertEquals(1, monitor.reset("Fast-Command"));
        assertNull(monitor.series("fast-command"));
        assertEquals(2, monitor.reset(null));
        assertEquals(0, monitor.events().size());
    }
}
