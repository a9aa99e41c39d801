/*
 * ReplTest: the shell on a JLine terminal over in-memory streams, against
 * the embedded server: prompt and replies, Tab completion and typing hints
 * as drawn on the screen, the history file (without AUTH), repeat prefix
 * and timing, help, Ctrl-C and Ctrl-D, pasted lines.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.CliFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplTest extends CliFixture {
    @TempDir
    Path tmp;

    @Test
    void promptAndReplies() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            t.awaitText(0, "127.0.0.1:" + port + "> ");
            int m = t.mark();
            t.type("addjob q \"hello world\" 0\r");
            t.awaitText(m, "D-");
            m = t.mark();
            t.type("qpeek q 1\r");
            t.awaitText(m, "1) 1) \"q\"");
            t.awaitText(m, "   3) \"hello world\"");
            m = t.mark();
            t.type("nosuch\r");
            t.awaitText(m, "(error) ERR unknown command 'nosuch'");
            m = t.mark();
            t.type("addjob q a 0 > out\r"); // no shell syntax: '>' and 'out' go to the server
            t.awaitText(m, "(error) ERR syntax error");
            assertFalse(java.nio.file.Files.exists(Path.of("out")));
            t.type("quit\r");
            assertEquals(0, t.awaitExit());
        }
    }

    @Test
    void tabCompletesACommandName() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("qle\t");
            t.type("nothing\r");
            t.awaitText(m, "(integer) 0"); // "qlenothing" would have been an unknown command
            assertFalse(t.since(m).contains("(error)"), t.since(m));
        }
    }

    @Test
    void tabListsTheOptionsLeft() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("ADDJOB q body 0 TTL 60 \t");
            t.awaitText(m, "REPLICATE (<count>)"); // the candidate list, not the hint
            String list = t.since(m).substring(t.since(m).lastIndexOf("options\n"));
            for (String o : new String[] {"ASYNC", "DELAY", "RETRY", "MAXLEN"}) assertTrue(list.contains(o), list);
            assertFalse(list.contains("TTL"), list);
            m = t.mark();
            t.type("\u0003"); // drop the line
            t.awaitText(m, "127.0.0.1:" + port + "> ");
            t.type("ping\r");
            t.awaitText(m, "PONG");
        }
    }

    @Test
    void hintShowsTheRestOfTheSyntaxAsYouType() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("addjob ");
            t.awaitText(m, "addjob queue job <ms-timeout> [REPLICATE <count>] [DELAY <sec>]");
            m = t.mark();
            t.type("jobs body 0 ");
            t.awaitText(m, "[REPLICATE <count>] [DELAY <sec>] [RETRY <sec>] [TTL <sec>] [MAXLEN <count>] [ASYNC]");
            m = t.mark();
            t.type("\u0003");
            t.awaitText(m, "127.0.0.1:" + port + "> ");
        }
    }

    @Test
    void historyFileKeepsCommandsButNotAuth() throws Exception {
        Path history = tmp.resolve("hist");
        try (TermHarness t = new TermHarness(port, history)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("ping\r");
            t.awaitText(m, "PONG");
            m = t.mark();
            t.type("auth secret-password\r");
            t.awaitText(m, "(error) ERR Client sent AUTH, but no password is set");
            m = t.mark();
            t.type("qlen history-check\r");
            t.awaitText(m, "(integer) 0");
            t.type("quit\r");
            t.awaitExit();
        }
        String saved = Files.readString(history);
        assertTrue(saved.contains("ping"), saved);
        assertTrue(saved.contains("qlen history-check"), saved);
        assertFalse(saved.contains("secret-password"), saved);
        // A new session finds the old lines: Up recalls the last one.
        try (TermHarness t = new TermHarness(port, history)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("\u001bOA\u001bOA\r"); // Up twice (past "quit"), as an xterm sends it in keypad mode
            t.awaitText(m, "(integer) 0");
        }
    }

    @Test
    void repeatPrefixAndSlowCommandTime() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("3 ping\r");
            t.awaitText(m, "PONG");
            CliFixture.await("three PONGs", Duration.ofSeconds(5), () -> t.since(m).split("PONG", -1).length == 4);
            int m2 = t.mark();
            t.type("debug sleep 0.6\r");
            t.awaitText(m2, "OK");
            t.awaitText(m2, "s)");
            assertTrue(t.since(m2).matches("(?s).*\\(0\\.[6-9][0-9]s\\).*|(?s).*\\([1-9]\\.[0-9]{2}s\\).*"), t.since(m2));
        }
    }

    @Test
    void help() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("help addjob\r");
            t.awaitText(m, "group: jobs");
            String s = t.since(m);
            assertTrue(s.contains("ADDJOB queue job <ms-timeout> [REPLICATE <count>]"), s);
            assertTrue(s.contains("summary: Add a job to a queue"), s);
            assertTrue(s.contains("since: 1.0.0"), s);
            m = t.mark();
            t.type("help @queues\r");
            t.awaitText(m, "QSCAN");
            assertTrue(t.since(m).contains("QLEN queue"), t.since(m));
            assertFalse(t.since(m).contains("ADDJOB"), t.since(m));
            m = t.mark();
            t.type("help\r");
            t.awaitText(m, "\"help @<group>\" to get a list of commands in <group>");
        }
    }

    @Test
    void ctrlCInterruptsABlockingGetjobAndTheShellGoesOn() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("getjob timeout 0 from never-filled\r");
            CliFixture.await("GETJOB to block", Duration.ofSeconds(10), () -> blockedClients() == 1);
            t.type("\u0003");
            t.awaitText(m, "(interrupted)");
            CliFixture.await("the blocked client to go", Duration.ofSeconds(10), () -> blockedClients() == 0);
            m = t.mark();
            t.type("ping\r");
            t.awaitText(m, "PONG");
            assertTrue(t.since(m).contains("127.0.0.1:" + port + "> "), t.since(m));
            assertTrue(t.running());
        }
    }

    @Test
    void ctrlCDropsTheLineAndCtrlDLeaves() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("qlen dropped");
            t.awaitText(m, "dropped");
            m = t.mark();
            t.type("\u0003"); // a person types the next key long after the signal was handled
            t.awaitText(m, "127.0.0.1:" + port + "> ");
            t.type("ping\r");
            t.awaitText(m, "PONG");
            assertFalse(t.since(m).contains("(integer)"), t.since(m));
            t.type("\u0004");
            assertEquals(0, t.awaitExit());
        }
    }

    @Test
    void pastedLinesRunOneAfterTheOther() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("\u001b[200~addjob pasted a 0\naddjob pasted b 0\nqlen pasted\u001b[201~\r");
            t.awaitText(m, "(integer) 2");
        }
    }
}
