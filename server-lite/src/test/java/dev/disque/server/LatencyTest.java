/*
 * LatencyTest: LATENCY over real sockets, against the original's replies.
 * A DEBUG SLEEP makes a command slow for real; the test clock sets the
 * seconds the spikes are filed under.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyTest extends ServerFixture {

    private long nowSeconds() {
        return clock.millis() / 1000;
    }

    @Test
    void offByDefaultWithTheOriginalsRepliesWhenEmpty() throws IOException {
        assertEquals(List.of("latency-monitor-threshold", "0"), call("CONFIG", "GET", "latency-monitor-threshold"));
        assertStatus("OK", call("DEBUG", "SLEEP", "0.02"));
        assertEquals(List.of(), call("LATENCY", "LATEST"), "nothing is recorded while off");
        assertEquals(List.of(), call("LATENCY", "HISTORY", "command"));
        assertEquals(new RespClient.Err("ERR No samples available for event 'command'"),
                call("LATENCY", "GRAPH", "command"));
        assertEquals(0L, call("LATENCY", "RESET"));
        assertTrue(((String) call("LATENCY", "DOCTOR")).startsWith("The latency monitor is off on this node"));
        assertEquals(new RespClient.Err("ERR syntax error"), call("LATENCY", "NOSUCH"));
        assertEquals(new RespClient.Err("ERR syntax error"), call("LATENCY", "LATEST", "extra"));
        assertEquals(new RespClient.Err("ERR syntax error"), call("LATENCY", "HISTORY"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'latency' command"), call("LATENCY"));
        assertEquals(new RespClient.Err("ERR Invalid argument '-1' for CONFIG SET 'latency-monitor-threshold'"),
                call("CONFIG", "SET", "latency-monitor-threshold", "-1"));
    }

    /** The LATENCY LATEST entry of the event (a busy machine may add others). */
    private List<?> latest(String event) throws IOException {
        for (Object o : (List<?>) call("LATENCY", "LATEST")) {
            if (((List<?>) o).get(0).equals(event)) return (List<?>) o;
        }
        return null;
    }

    @Test
    void slowCommandsAreRecordedOnePerSecond() throws IOException {
        // A threshold far above what a stall of a busy machine costs a command here.
        assertStatus("OK", call("CONFIG", "SET", "latency-monitor-threshold", "100"));
        long first = nowSeconds();
        assertStatus("OK", call("DEBUG", "SLEEP", "0.2"));
        assertStatus("OK", call("DEBUG", "SLEEP", "0.4"));
        List<?> command = latest("command");
        assertEquals(first, command.get(1));
        long worst = (Long) command.get(3);
        assertTrue(worst >= 400, "the second's worst spike: " + command);
        assertEquals(worst, command.get(2), "one sample per second, its worst");

        advance(Duration.ofSeconds(3));
        assertStatus("OK", call("DEBUG", "SLEEP", "0.15"));
        List<?> history = (List<?>) call("LATENCY", "HISTORY", "command");
        assertEquals(2, history.size());
        assertEquals(List.of(first, worst), history.get(0));
        List<?> later = (List<?>) history.get(1);
        assertEquals(first + 3, later.get(0));
        long low = (Long) later.get(1);
        assertTrue(low >= 150, "the later spike: " + later);
        assertEquals(List.of(), call("LATENCY", "HISTORY", "COMMAND"), "event names are exact");

        String graph = (String) call("LATENCY", "GRAPH", "command");
        assertTrue(graph.startsWith("command - high " + Math.max(worst, low) + " ms, low " + Math.min(worst, low)
                + " ms (all time high " + Math.max(worst, low) + " ms)\n" + "-".repeat(80) + "\n"), graph);
        String doctor = (String) call("LATENCY", "DOCTOR");
        assertTrue(doctor.contains(". command: 2 seconds with a spike"), doctor);
        assertTrue(doctor.contains("SLOWLOG GET"), doctor);

        assertEquals(0L, call("LATENCY", "RESET", "nosuch"));
        assertEquals(1L, call("LATENCY", "RESET", "COMMAND", "nosuch"), "reset matches any case");
        assertEquals(null, latest("command"));
        call("LATENCY", "RESET");
        assertTrue(((String) call("LATENCY", "DOCTOR")).startsWith("No spike of 100 ms or more"));
    }

    @Test
    void theThresholdIsAConfigParameter() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "latency-monitor-threshold", "250"));
        assertEquals(List.of("latency-monitor-threshold", "250"), call("CONFIG", "GET", "latency-*"));
        assertStatus("OK", call("CONFIG", "SET", "latency-monitor-threshold", "0"));
        assertStatus("OK", call("DEBUG", "SLEEP", "0.01"));
        assertEquals(List.of(), call("LATENCY", "LATEST"), "0 turns it off again");
    }
}
