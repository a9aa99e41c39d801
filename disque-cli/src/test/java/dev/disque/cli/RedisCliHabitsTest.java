/*
 * RedisCliHabitsTest: the redis-cli options scripts already use work the
 * same in disque: -e, -x and -X <tag>, --quoted-input, -t, -2/-3 (never
 * sent to the server), --verbose, --askpass off a terminal, -u with the
 * redis:// and disques:// schemes, and `disque help <command>` answered
 * from the catalog, without a server.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.net.Reply;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisCliHabitsTest extends CliFixture {
    @Test
    void dashEStopsAtTheFirstErrorAndPrintsItOnStandardError() {
        Result r = run("", "-e", "-r", "3", "nosuch");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("ERR unknown command 'nosuch'\n", r.err());
        Result ok = run("", "-e", "ping");
        assertEquals(0, ok.code());
        assertEquals("PONG\n", ok.out());
        Result piped = run("ping\nnosuch\nping\n", "-e");
        assertEquals(1, piped.code());
        assertEquals("PONG\n", piped.out()); // the second ping never ran
        assertEquals("ERR unknown command 'nosuch'\n", piped.err());
    }

    @Test
    void dashXTagReplacesTheArgumentEqualToTheTag() {
        Result r = run("{\"to\": \"ada\"}\n", "-X", "BODY", "addjob", "mail", "BODY", "0");
        assertEquals(0, r.code(), r.err());
        String id = r.out().trim();
        assertEquals("{\"to\": \"ada\"}\n", show(id, "body"));
        // Only the first match is replaced (here the queue name), as in redis-cli.
        String second = run("x", "-X", "T", "addjob", "T", "T", "0").out().trim();
        assertEquals("x", show(second, "queue"));
        assertEquals("T", show(second, "body"));
        Result none = run("x", "-X", "BODY", "addjob", "mail", "body", "0");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("-X BODY: no argument of the command is BODY"), none.err());
        Result both = run("x", "-x", "-X", "BODY", "ping");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("-x and -X exclude each other"), both.err());
    }

    private static String show(String id, String field) {
        try {
            Reply r = call("SHOW", id);
            java.util.List<Reply> items = ((Reply.Multi) r).items();
            for (int i = 0; i + 1 < items.size(); i += 2) {
                if (items.get(i).asText().equals(field)) return items.get(i + 1).asText();
            }
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void quotedInputReadsArgumentsAsQuotedStrings() {
        String id = run("", "--quoted-input", "addjob", "q", "\"a\\x00b\\n\"", "0").out().trim();
        assertEquals("a\u0000b\n", show(id, "body"));
        assertEquals("PONG\n", run("", "--quoted-input", "ping").out());
        Result bad = run("", "--quoted-input", "ping", "\"unterminated");
        assertEquals(1, bad.code());
        assertTrue(bad.err().contains("--quoted-input: invalid quoted string"), bad.err());
        assertEquals(1, run("", "--quoted-input", "ping", "two words").code());
    }

    @Test
    void respVersionFlagsAreUnderstoodNotSent() {
        Result two = run("", "-2", "ping");
        assertEquals("PONG\n", two.out());
        assertEquals("", two.err());
        Result three = run("", "-3", "ping");
        assertEquals("PONG\n", three.out());
        assertTrue(three.err().contains("RESP2 only"), three.err());
        assertEquals(2, run("", "-2", "-3", "ping").code());
        Result shell = run("ping\n", "-3");
        assertEquals("PONG\n", shell.out());
    }

    @Test
    void connectTimeout() throws Exception {
        int dead = deadPort();
        Result r = runWith("", false, false, Map.of(), "-t", "0.5", "-p", Integer.toString(dead), "ping");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("Could not connect to Disque at 127.0.0.1:" + dead), r.err());
        assertEquals("PONG\n", run("", "-t", "2", "ping").out());
        assertEquals(2, run("", "-t", "-1", "ping").code());
        assertEquals(2, run("", "-t", "soon", "ping").code());
    }

    @Test
    void verboseSaysWhereItConnects() {
        Result r = run("", "--verbose", "ping");
        assertEquals("PONG\n", r.out());
        assertEquals("Connected to 127.0.0.1:" + port + " (TCP)\n", r.err());
        assertEquals("", run("", "ping").err());
    }

    @Test
    void askpassReadsTheFirstLineOffATerminal() throws Exception {
        assertEquals("OK", call("CONFIG", "SET", "requirepass", "s3cret").asText());
        try {
            Result r = run("s3cret\n", "--askpass", "ping");
            assertEquals(0, r.code(), r.err());
            assertEquals("PONG\n", r.out());
            Result none = run("", "--askpass", "ping");
            assertEquals(1, none.code());
            assertTrue(none.err().contains("--askpass: no password given"), none.err());
        } finally {
            run("", "-a", "s3cret", "--no-auth-warning", "config", "set", "requirepass", "");
        }
    }

    @Test
    void uriSchemes() {
        Result redis = runWith("", false, false, Map.of(), "-u", "redis://127.0.0.1:" + port, "ping");
        assertEquals("PONG\n", redis.out(), redis.err());
        Result bad = runWith("", false, false, Map.of(), "-u", "http://127.0.0.1:" + port, "ping");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("-u: the URI must start with disque:// (or disques:// for TLS)"), bad.err());
        Result tlsOnUnix = runWith("", false, false, Map.of(), "-u", "disques://127.0.0.1:1", "-s", "/tmp/x.sock", "ping");
        assertEquals(2, tlsOnUnix.code());
        assertTrue(tlsOnUnix.err().contains("--tls and -s exclude each other"), tlsOnUnix.err());
        assertEquals(2, run("", "--insecure", "ping").code());
    }

    @Test
    void helpIsAnsweredWithoutAServer() throws Exception {
        String dead = Integer.toString(deadPort());
        Result r = runWith("", false, false, Map.of(), "-p", dead, "help", "addjob");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\n  ADDJOB queue job <ms-timeout> [REPLICATE <count>]"), r.out());
        assertTrue(r.out().contains("\n  summary: Add a job to a queue"), r.out());
        assertFalse(r.out().contains("\u001b"), r.out());
        Result sub = runWith("", false, false, Map.of(), "-p", dead, "help", "cluster", "nodes");
        assertTrue(sub.out().contains("  CLUSTER NODES\n"), sub.out());
        Result group = runWith("", false, false, Map.of(), "-p", dead, "help", "@queues");
        assertTrue(group.out().contains("  QLEN queue\n"), group.out());
        Result none = runWith("", false, false, Map.of(), "-p", dead, "help", "nosuch");
        assertEquals(1, none.code());
        assertTrue(none.out().startsWith("No help for 'nosuch'"), none.out());
        Result piped = run("help qlen\nping\n");
        assertTrue(piped.out().contains("  QLEN queue\n"), piped.out());
        assertTrue(piped.out().endsWith("PONG\n"), piped.out());
    }
}
