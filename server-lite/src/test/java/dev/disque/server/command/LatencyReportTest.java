/*
 * LatencyReportTest: the text of LATENCY GRAPH and LATENCY DOCTOR for spikes
 * put in the monitor on a test clock.
 */
package dev.disque.server.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.config.ServerConfig;
import dev.disque.server.core.LatencyMonitor;
import dev.disque.server.core.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatencyReportTest {
    private final ManualClock clock = new ManualClock(1_700_000_000_000L);
    private final LatencyMonitor monitor = new LatencyMonitor(clock);

    private void spike(String event, long ms, long secondsLater) {
        clock.advance(Duration.ofSeconds(secondsLater));
        monitor.record(event, ms);
    }

    @Test
    void graphDrawsOneColumnPerSpikeScaledBetweenLowAndHigh() {
        monitor.setThreshold(1);
        spike("command", 10, 0);
        spike("command", 40, 1);
        spike("command", 20, 1);
        spike("command", 10, 70);
        String graph = LatencyGraph.render("command", monitor.series("command"), clock.seconds());
        String expected = """
                command - high 40 ms, low 10 ms (all time high 40 ms)
                --------------------------------------------------------------------------------
                 #
                 #
                 ##
                ####
                1110
                mmms
                """;
        assertEquals(expected, graph);
    }

    @Test
    void graphOfEqualSpikesFillsEveryRow() {
        monitor.setThreshold(1);
        spike("aof-write", 7, 0);
        String graph = LatencyGraph.render("aof-write", monitor.series("aof-write"), clock.seconds() + 3 * 3600);
        assertEquals("aof-write - high 7 ms, low 7 ms (all time high 7 ms)\n" + "-".repeat(80) + "\n#\n#\n#\n#\n3\nh\n",
                graph);
    }

    @Test
    void doctorReportsEveryEventWithItsAdviceOnce() throws Exception {
        ServerConfig config = new ServerConfig();
        config.set("slowlog-log-slower-than", "-1");
        monitor.setThreshold(5);
        spike("command", 10, 0);
        spike("command", 30, 2);
        spike("fast-command", 6, 0);
        spike("aof-write", 50, 1);
        String report = new LatencyDoctor(monitor, config, clock.seconds() + 1).report();
        assertTrue(report.startsWith("Latency spikes recorded on this node:\n\n"
                + "1. command: 2 seconds with a spike (average 20 ms, mean deviation 10 ms), one every 2.00 s;"
                + " worst ever 30 ms.\n"
                + "2. fast-command: 1 seconds with a spike (average 6 ms, mean deviation 0 ms), one every 2.00 s;"
                + " worst ever 6 ms.\n"), report);
        assertTrue(report.contains("\nWhat may help:\n\n- The slow log is off"), report);
        assertTrue(report.contains("'CONFIG SET slowlog-log-slower-than 5000'"), report);
        assertTrue(report.contains("- Even commands that do little work were slow"), report);
        assertTrue(report.contains("- Writing the append-only file was slow"), report);
    }

    @Test
    void doctorWhenOffAndWhenQuiet() {
        ServerConfig config = new ServerConfig();
        assertTrue(new LatencyDoctor(monitor, config, clock.seconds()).report()
                .startsWith("The latency monitor is off on this node"));
        monitor.setThreshold(20);
        assertEquals("No spike of 20 ms or more was recorded on this node since the monitor was turned on (or last"
                + " reset). Nothing to worry about.\n", new LatencyDoctor(monitor, config, clock.seconds()).report());
    }
}
