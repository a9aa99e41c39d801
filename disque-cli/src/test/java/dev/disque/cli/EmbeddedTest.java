/*
 * EmbeddedTest: --embedded starts a server inside the CLI's JVM on a free
 * port, runs the command (or stdin's commands) against it, and stops it.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedTest {
    @Test
    void runsCommandsAgainstAnInProcessServer() {
        CliFixture.Result r = CliFixture.runWith("addjob demo hello 0\nqlen demo\ninfo server\n", false, false,
                Map.of(), "--embedded");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[0].startsWith("D-"), r.out());
        assertEquals("1", lines[1]);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("tcp_port:(\\d+)").matcher(r.out());
        assertTrue(m.find(), r.out());
        int p = Integer.parseInt(m.group(1));
        assertTrue(p > 0);
        assertNotEquals(7711, p);
    }

    @Test
    void oneShotToo() {
        CliFixture.Result r = CliFixture.runWith("", false, false, Map.of(), "--embedded", "ping");
        assertEquals("PONG\n", r.out());
        assertEquals(0, r.code());
    }
}
