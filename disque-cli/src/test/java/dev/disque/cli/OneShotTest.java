/*
 * OneShotTest: `disque [options] command args`: the reply on stdout in the
 * format the terminal calls for, exit codes (0, 1 for an error reply or no
 * server, 2 for a bad command line), -x, -r/-i, AUTH from -a, -u and
 * DISQUE_AUTH, --help and --version.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OneShotTest extends CliFixture {
    @Test
    void printsTheReplyRawWhenStdoutIsNotATerminal() {
        Result r = run("", "ping");
        assertEquals(0, r.code());
        assertEquals("PONG\n", r.out());
        assertEquals("", r.err());
        Result add = run("", "addjob", "q1", "hello world", "0");
        assertEquals(0, add.code());
        assertTrue(add.out().matches("D-[0-9a-f]{8}-[A-Za-z0-9+/]{24}-[0-9a-f]{4}\n"), add.out());
        assertEquals("1\n", run("", "qlen", "q1").out());
    }

    @Test
    void formatsForPeopleOnATerminalOrWithNoRaw() {
        run("", "addjob", "q2", "body", "0");
        assertEquals("(integer) 1\n", runOnTty(Map.of("NO_COLOR", "1"), "qlen", "q2").out());
        assertEquals("(integer) 1\n", run("", "--no-raw", "qlen", "q2").out());
        assertEquals("(nil)\n", run("", "--no-raw", "qstat", "nosuchqueue").out());
        assertEquals("1\n", runOnTty(Map.of(), "--raw", "qlen", "q2").out());
    }

    @Test
    void colourOnlyOnAColourTerminal() {
        String coloured = runOnTty(Map.of(), "qlen", "nothing").out();
        assertTrue(coloured.contains("\u001b["), coloured);
        assertFalse(runOnTty(Map.of("NO_COLOR", "1"), "qlen", "nothing").out().contains("\u001b"));
        assertFalse(runOnTty(Map.of("TERM", "dumb"), "qlen", "nothing").out().contains("\u001b"));
        assertFalse(runOnTty(Map.of(), "--no-color", "qlen", "nothing").out().contains("\u001b"));
        assertFalse(run("", "--no-raw", "qlen", "nothing").out().contains("\u001b"));
    }

    @Test
    void anErrorReplyExitsOne() {
        Result r = run("", "nosuchcommand", "x");
        assertEquals(1, r.code());
        assertEquals("ERR unknown command 'nosuchcommand'\n", r.out());
        Result tty = run("", "--no-raw", "addjob", "q", "body");
        assertEquals(1, tty.code());
        assertEquals("(error) ERR wrong number of arguments for 'addjob' command\n", tty.out());
    }

    @Test
    void noServerExitsOneWithRedisCliMessage() throws Exception {
        int dead = deadPort();
        Result r = runWith("", false, false, Map.of(), "-p", Integer.toString(dead), "ping");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("Could not connect to Disque at 127.0.0.1:" + dead + ": Connection refused\n", r.err());
    }

    @Test
    void hostComesFromDashHNotHelp() {
        Result r = runWith("", false, false, Map.of(), "-h", "127.0.0.1", "-p", Integer.toString(port), "ping");
        assertEquals("PONG\n", r.out());
        Result bad = runWith("", false, false, Map.of(), "-h", "no-such-host.invalid", "-p", "1", "ping");
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("Could not connect to Disque at no-such-host.invalid:1: "), bad.err());
    }

    @Test
    void dashXReadsTheLastArgumentFromStdin() {
        Result r = run("line one\nline two", "--no-raw", "-x", "ping");
        assertEquals("\"line one\\nline two\"\n", r.out());
    }

    @Test
    void repeatAndInterval() {
        assertEquals("PONG\nPONG\nPONG\n", run("", "-r", "3", "ping").out());
        long start = System.nanoTime();
        Result r = run("", "-r", "3", "-i", "0.05", "ping");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("PONG\nPONG\nPONG\n", r.out());
        assertTrue(millis >= 100, "three commands 50 ms apart took " + millis + " ms");
        Result errors = run("", "-r", "2", "nosuch");
        assertEquals(1, errors.code());
        assertEquals(2, errors.out().split("\n").length);
    }

    @Test
    void argumentsArePassedVerbatimAfterTheCommand() {
        // Options after the command belong to it (GETJOB's COUNT, a negative count, an @word).
        run("", "addjob", "q3", "@not-a-file", "0");
        Result r = run("", "getjob", "nohang", "count", "5", "from", "q3");
        assertTrue(r.out().contains("@not-a-file"), r.out());
        assertEquals(0, run("", "slowlog", "get", "-1").code());
        assertEquals("-h\n", run("", "ping", "-h").out());
    }

    @Test
    void passwordFromOptionUriOrEnvironment() throws Exception {
        assertEquals("OK", call("CONFIG", "SET", "requirepass", "s3cret").asText());
        try {
            Result denied = run("", "ping");
            assertEquals(1, denied.code());
            assertTrue(denied.out().startsWith("NOAUTH"), denied.out());

            Result withA = run("", "-a", "s3cret", "ping");
            assertEquals("PONG\n", withA.out());
            assertTrue(withA.err().contains("Warning: Using a password"), withA.err());
            assertEquals("", run("", "-a", "s3cret", "--no-auth-warning", "ping").err());

            Result uri = runWith("", false, false, Map.of(), "-u", "disque://:s3cret@127.0.0.1:" + port, "ping");
            assertEquals("PONG\n", uri.out());

            Result env = runWith("", false, false, Map.of("DISQUE_AUTH", "s3cret"), "-p", Integer.toString(port), "ping");
            assertEquals("PONG\n", env.out());
            assertEquals("", env.err());

            Result wrong = run("", "-a", "nope", "--no-auth-warning", "ping");
            assertTrue(wrong.err().contains("AUTH failed: ERR invalid password"), wrong.err());
            assertEquals(1, wrong.code());
        } finally {
            run("", "-a", "s3cret", "--no-auth-warning", "config", "set", "requirepass", "");
        }
        assertEquals("PONG\n", run("", "ping").out());
    }

    @Test
    void badCommandLinesExitTwo() {
        Result r = run("", "--bogus", "ping");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Unknown option: '--bogus'"), r.err());
        assertTrue(r.err().contains("Try 'disque --help'"), r.err());
        assertEquals(2, run("", "--raw", "--csv", "ping").code());
        assertEquals(2, run("", "-p").code());
        assertEquals(2, runWith("", false, false, Map.of(), "-p", "99999", "ping").code());
        assertEquals(2, run("", "-u", "http://x", "ping").code());
    }

    @Test
    void helpAndVersion() {
        Result help = runWith("", false, false, Map.of(), "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Usage: disque [options] [command [arg ...]]"), help.out());
        assertTrue(help.out().matches("(?s).*\\n  -h +<hostname> +Server hostname.*"), help.out());
        assertTrue(help.out().contains("--latency-history"), help.out());
        Result version = runWith("", false, false, Map.of(), "--version");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("disque \\S+ \\(Java .*\\)\n"), version.out());
    }

    @Test
    void csvAndJson() {
        run("", "addjob", "q4", "x", "0");
        assertEquals("1\n", run("", "--json", "qlen", "q4").out());
        Result json = run("", "--json", "qpeek", "q4", "1");
        assertTrue(json.out().matches("\\[\\[\"q4\",\"D-[^\"]+\",\"x\"\\]\\]\n"), json.out());
        assertEquals("{\"error\":\"ERR unknown command 'x'\"}\n", run("", "--json", "x").out());
        assertTrue(run("", "--csv", "hello").out().startsWith("1,\""), run("", "--csv", "hello").out());
    }
}
