/*
 * TextBlockTerminalTest: in a real terminal (tmux), INFO in the shell and
 * `disque info jobs` on a tty print the report as lines of text, not as
 * one quoted string full of \r\n; an ordinary string reply stays quoted.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.disque.cli.CliFixture;
import dev.disque.cli.TmuxTerminal;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextBlockTerminalTest extends CliFixture {
    private static final Duration SLOW_START = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @BeforeAll
    static void needsTmux() {
        assumeTrue(TmuxTerminal.available(), "tmux is not installed");
    }

    @Test
    void infoInTheShellIsPlainText() throws Exception {
        try (TmuxTerminal t = new TmuxTerminal(home, "-p", Integer.toString(port))) {
            t.awaitScreen("127.0.0.1:" + port + "> ", SLOW_START);
            t.line("info server");
            String s = t.awaitScreen("tcp_port:" + port, SLOW_START);
            assertTrue(s.contains("\n# Server\n"), s);
            assertTrue(s.contains("\ndisque_version:"), s);
            assertFalse(s.contains("\\r\\n"), s);
            t.line("client list");
            s = t.awaitScreen("cmd=client", SLOW_START);
            assertTrue(s.matches("(?s).*\nid=[0-9]+ addr=127\\.0\\.0\\.1:.*"), s);
            t.line("addjob q \"two\\nlines\" 0");
            t.line("qpeek q 1");
            s = t.awaitScreen("3) \"two\\nlines\"", SLOW_START);
        }
    }

    @Test
    void oneShotInfoOnATtyIsPlainText() throws Exception {
        try (TmuxTerminal t = new TmuxTerminal(home, "-p", Integer.toString(port), "info", "jobs")) {
            String s = t.awaitScreen("[exited]", SLOW_START);
            assertTrue(s.startsWith("# Jobs\n"), s);
            assertTrue(s.contains("\nregistered_jobs:0\n"), s);
            assertFalse(s.contains("\""), s);
        }
    }
}
