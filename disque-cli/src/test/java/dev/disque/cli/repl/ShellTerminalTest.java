/*
 * ShellTerminalTest: in a real terminal (tmux): after the server restarts,
 * the next command in the shell reconnects and says so on one line before
 * its reply; --askpass asks for the password without echoing it; the
 * tasque views print their table in the shell.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.disque.cli.CliFixture;
import dev.disque.cli.TmuxTerminal;
import dev.disque.server.DisqueServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShellTerminalTest extends CliFixture {
    private static final Duration SLOW_START = Duration.ofSeconds(60);

    @TempDir
    Path home;

    @BeforeAll
    static void needsTmux() {
        assumeTrue(TmuxTerminal.available(), "tmux is not installed");
    }

    @Test
    void aRestartedServerIsReconnectedWithANotice() throws Exception {
        DisqueServer first = DisqueServer.builder().port(0).build().start();
        int p = first.port();
        DisqueServer second = null;
        try (TmuxTerminal t = new TmuxTerminal(home, "-p", Integer.toString(p))) {
            t.awaitScreen("127.0.0.1:" + p + "> ", SLOW_START);
            t.line("ping");
            t.awaitScreen("PONG", SLOW_START);
            first.close();
            second = DisqueServer.builder().port(p).build().start();
            t.line("qlen restarted");
            String s = t.awaitScreen("(integer) 0", SLOW_START);
            assertTrue(s.contains("\nConnection to 127.0.0.1:" + p + " lost (Server closed the connection); reconnected.\n"
                    + "(integer) 0"), s);
            // Once reconnected, no more notices.
            t.line("ping");
            s = t.awaitScreen("PONG\n127.0.0.1:" + p + "> ", SLOW_START);
            assertEquals(1, s.split("reconnected\\.", -1).length - 1, s);
        } finally {
            first.close();
            if (second != null) second.close();
        }
    }

    @Test
    void tasqueStatsInTheShell() throws Exception {
        call("ADDJOB", "__tasque__resize", "{\"Name\":\"resize\",\"Params\":{},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}", "0");
        try (TmuxTerminal t = new TmuxTerminal(home, "-p", Integer.toString(port))) {
            t.awaitScreen("127.0.0.1:" + port + "> ", SLOW_START);
            t.line("tasque stats");
            String s = t.awaitScreen("resize", SLOW_START);
            assertTrue(s.contains("\ntask    queued  in-flight  delayed  retried  dead\nresize       1          0        0"
                    + "        0     0\n"), s);
        }
    }

    @Test
    void askpassDoesNotEchoThePassword() throws Exception {
        try (DisqueServer guarded = DisqueServer.builder().port(0).config("requirepass", "hunter2").build().start();
             TmuxTerminal t = new TmuxTerminal(home, "--askpass", "-p", Integer.toString(guarded.port()), "ping")) {
            t.awaitScreen("Please input password: ", SLOW_START);
            t.line("hunter2");
            String s = t.awaitScreen("[exited]", SLOW_START);
            assertTrue(s.contains("\nPONG\n"), s);
            assertFalse(s.contains("hunter2"), s);
        }
    }
}
