/*
 * PipeModeTest: --pipe mass insertion against the server: RESP and inline
 * input, counted replies (no ECHO marker), error reporting, large bodies
 * streamed while replies are read, and input that ends mid-request.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipeModeTest extends CliFixture {
    private static String resp(String... args) {
        StringBuilder b = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        return b.toString();
    }

    @Test
    void insertsEveryJobAndCountsEveryReply() throws Exception {
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 5000; i++) in.append(resp("ADDJOB", "mass", "job " + i, "0"));
        Result r = run(in.toString(), "--pipe");
        assertEquals(0, r.code(), r.err());
        assertEquals("All data transferred. Waiting for the last reply...\nLast reply received from server.\n"
                + "errors: 0, replies: 5000\n", r.out());
        assertEquals("5000", call("QLEN", "mass").asText());
    }

    @Test
    void inlineCommandsBlankLinesAndALastLineWithoutNewline() throws Exception {
        Result r = run("addjob a x 0\n\n   \naddjob a y 0\r\naddjob a \"z z\" 0", "--pipe");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("errors: 0, replies: 3\n"), r.out());
        assertEquals("3", call("QLEN", "a").asText());
    }

    @Test
    void errorsAreCountedAndPrinted() {
        Result r = run(resp("PING") + "nosuch 1\n" + resp("ADDJOB", "q") + "ping\n", "--pipe");
        assertEquals(1, r.code());
        assertTrue(r.out().endsWith("errors: 2, replies: 4\n"), r.out());
        assertTrue(r.err().contains("ERR unknown command 'nosuch'"), r.err());
        assertTrue(r.err().contains("ERR wrong number of arguments for 'addjob' command"), r.err());
    }

    @Test
    void bigBodiesStreamWhileRepliesAreRead() throws Exception {
        String body = "x".repeat(100_000);
        StringBuilder in = new StringBuilder();
        for (int i = 0; i < 150; i++) in.append(resp("ADDJOB", "big", body, "0"));
        Result r = runWith(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)), false, false,
                Map.of(), withPort("--pipe"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("errors: 0, replies: 150\n"), r.out());
        assertEquals("150", call("QLEN", "big").asText());
    }

    @Test
    void emptyInput() {
        Result r = run("", "--pipe");
        assertEquals(0, r.code());
        assertTrue(r.out().endsWith("errors: 0, replies: 0\n"), r.out());
    }

    @Test
    void inputEndingInsideARequestIsReported() {
        Result r = run(resp("PING") + "*2\r\n$4\r\nPING\r\n", "--pipe");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("ends in the middle of a RESP request"), r.err());
        assertTrue(r.out().contains("errors: 0, replies: 1"), r.out());
    }
}
