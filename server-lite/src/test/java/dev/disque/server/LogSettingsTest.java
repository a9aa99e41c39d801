/*
 * LogSettingsTest: CONFIG SET loglevel and logfile take effect at once on
 * the standalone server (they answered OK and changed nothing, because the
 * logger followed a copy of the configuration), and a log file that cannot
 * be opened is refused with the reason while logging goes on as before.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogSettingsTest {
    private static final String REWRITE_DONE = "Background AOF rewrite finished successfully";

    @TempDir
    Path dir;

    /** Runs a rewrite and waits for it to end (its last line is logged at notice level, before it ends). */
    private static void rewrite(RespClient c) throws IOException {
        assertInstanceOf(RespClient.Status.class, c.call("BGREWRITEAOF"));
        ServerFixture.await("the rewrite to end", () -> {
            for (String line : ((String) Wire.call(c, "INFO", "persistence")).split("\r\n")) {
                if (line.equals("aof_rewrite_in_progress:0")) return true;
            }
            return false;
        });
    }

    @Test
    void loglevelAndLogfileChangeAtOnce() throws IOException {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        // Started logging to standard output: ServerProcess reads the ready line there.
        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes", "--enable-protected-configs", "local");
             RespClient c = new RespClient(server.port())) {
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "logfile", "first.log"));
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "loglevel", "warning"));
            rewrite(c);
            assertFalse(ServerProcess.readLog(first).contains(REWRITE_DONE), "notice lines are off at warning level");

            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "loglevel", "notice"));
            rewrite(c);
            assertTrue(ServerProcess.readLog(first).contains(REWRITE_DONE), "notice lines are back");

            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "logfile", "second.log"));
            rewrite(c);
            assertTrue(ServerProcess.readLog(second).contains(REWRITE_DONE), "the new file gets the next lines");
            assertEquals(1, ServerProcess.readLog(first).split(REWRITE_DONE, -1).length - 1, "the old file gets no more");

            Object refused = c.call("CONFIG", "SET", "logfile", "no-such-dir/x.log");
            assertInstanceOf(RespClient.Err.class, refused);
            assertTrue(((RespClient.Err) refused).text()
                    .startsWith("ERR CONFIG SET failed (possibly related to argument 'logfile') - can't open the log file"),
                    refused::toString);
            assertEquals(java.util.List.of("logfile", "second.log"), c.call("CONFIG", "GET", "logfile"));
            rewrite(c);
            assertEquals(2, ServerProcess.readLog(second).split(REWRITE_DONE, -1).length - 1, "still logging to the same file");
        }
    }
}
