/*
 * StdinModeTest: no command and stdin not a terminal: one command per
 * line, quoted as in redis-cli, blank lines skipped, "N cmd" repeats,
 * quit stops; exit 1 if a reply was an error or a line could not be parsed.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StdinModeTest extends CliFixture {
    @Test
    void runsEachLine() throws Exception {
        Result r = run("ping\n\naddjob jobs \"hello world\\n\" 0\n   \nqlen jobs\n3 ping\n");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("PONG", lines[0]);
        assertTrue(lines[1].startsWith("D-"), r.out());
        assertEquals("1", lines[2]);
        assertEquals("PONG", lines[3]);
        assertEquals("PONG", lines[5]);
        assertEquals(6, lines.length, r.out());
        String body = call("QPEEK", "jobs", "1").toString();
        assertTrue(call("QPEEK", "jobs", "1") instanceof dev.disque.cli.net.Reply.Multi, body);
        assertEquals("hello world\n", ((dev.disque.cli.net.Reply.Multi) ((dev.disque.cli.net.Reply.Multi)
                call("QPEEK", "jobs", "1")).items().get(0)).items().get(2).asText());
    }

    @Test
    void singleQuotesAndHexEscapes() {
        Result r = run("ping 'it''s'\nping \"\\x41\\x42\"\nping 'a\\'b'\n");
        assertEquals("Invalid argument(s)\n", r.err());
        assertEquals("AB\na'b\n", r.out());
        assertEquals(1, r.code());
    }

    @Test
    void errorRepliesMakeTheExitCodeOneButTheRestStillRuns() {
        Result r = run("nosuch\nping\n");
        assertEquals(1, r.code());
        assertEquals("ERR unknown command 'nosuch'\nPONG\n", r.out());
    }

    @Test
    void quitStops() {
        assertEquals("PONG\n", run("ping\nquit\nping\n").out());
    }

    @Test
    void terminalFormattingWhenStdoutIsATerminal() {
        Result r = runWith("qlen nothing\n", false, true, Map.of("NO_COLOR", "1"), withPort());
        assertEquals("(integer) 0\n", r.out());
    }

    @Test
    void noServer() throws Exception {
        Result r = runWith("ping\n", false, false, Map.of(), "-p", Integer.toString(deadPort()));
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("Could not connect to Disque at 127.0.0.1:"), r.err());
    }
}
