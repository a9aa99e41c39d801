/*
 * LiveModesTest: --stat and --latency/--latency-history against the
 * server, bounded with -r and short intervals, in the table, CSV and JSON
 * forms, and --top refusing to run without a terminal.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveModesTest extends CliFixture {
    @Test
    void statPrintsOneLinePerInterval() throws Exception {
        call("ADDJOB", "s", "x", "0");
        Result r = run("", "--stat", "-i", "0.05", "-r", "3");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals(5, lines.length, r.out());
        assertTrue(lines[0].startsWith("------- data"), r.out());
        assertTrue(lines[1].startsWith("jobs "), r.out());
        // clients: at least this one (a test connection that just closed may still be counted)
        assertTrue(lines[2].matches("1 +1 +\\S+ +[1-9]\\d* +0 +\\d+ \\(\\+\\d+/s\\) +\\d+ +1"), lines[2]);
    }

    @Test
    void statAsCsvAndJson() {
        Result csv = run("", "--stat", "--csv", "-i", "0.01", "-r", "2");
        String[] lines = csv.out().split("\n");
        assertEquals("jobs,queues,used_memory,clients,blocked,requests,requests_per_sec,connections,nodes", lines[0]);
        assertEquals(3, lines.length, csv.out());
        assertTrue(lines[1].matches("0,0,\\d+,[1-9]\\d*,0,\\d+,\\d+,\\d+,1"), lines[1]);
        Result json = run("", "--stat", "--json", "-r", "1");
        assertTrue(json.out().matches("\\{\"jobs\":0,\"queues\":0,\"used_memory\":\\d+,\"clients\":[1-9]\\d*,\"blocked\":0,"
                + "\"requests\":\\d+,\"requests_per_sec\":0,\"connections\":\\d+,\"nodes\":1}\n"), json.out());
    }

    @Test
    void latencyOnePipeLine() {
        Result r = run("", "--latency", "-i", "0.1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("\\d+\\.\\d\\d \\d+\\.\\d\\d \\d+\\.\\d\\d \\d+\n"), r.out());
        Result csv = run("", "--latency", "--csv", "-i", "0.05");
        assertTrue(csv.out().matches("[\\d.]+,[\\d.]+,[\\d.]+,\\d+\n"), csv.out());
    }

    @Test
    void latencyHistoryLinesBoundedByR() {
        Result r = run("", "--latency-history", "--json", "-i", "0.05", "-r", "2");
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[1].matches("\\{\"min\":[\\d.]+,\"max\":[\\d.]+,\"avg\":[\\d.]+,\"samples\":\\d+}"), lines[1]);
    }

    @Test
    void latencyOnATerminalRewritesItsLine() {
        Result r = runOnTty(Map.of(), "--latency-history", "-i", "0.05", "-r", "1");
        assertTrue(r.out().contains("\r\u001b[2Kmin: "), r.out());
        assertTrue(r.out().contains(" -- 0.05 seconds range\n"), r.out());
    }

    @Test
    void topNeedsATerminal() {
        Result r = run("", "--top");
        assertEquals(1, r.code());
        assertEquals("disque: --top needs a terminal\n", r.err());
    }

    @Test
    void modesRefuseACommand() {
        assertEquals(2, run("", "--stat", "ping").code());
        assertEquals(2, run("", "--stat", "--pipe").code());
    }
}
