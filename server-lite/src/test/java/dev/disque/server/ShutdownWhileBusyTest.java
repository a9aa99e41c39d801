/*
 * ShutdownWhileBusyTest: SIGTERM stops the standalone server within a few
 * seconds even while its event loop is busy (here in DEBUG SLEEP 3600). The
 * clean shutdown needs the loop; the shutdown watchdog sees it does not
 * answer and ends the process with status 1.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShutdownWhileBusyTest {
    @TempDir
    Path dir;

    @Test
    void sigtermStopsAServerStuckInALongCommand() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes");
             RespClient sleeper = new RespClient(server.port());
             RespClient probe = new RespClient(server.port())) {
            sleeper.send("DEBUG", "SLEEP", "3600");
            awaitBusy(probe);
            long start = System.nanoTime();
            int code = server.terminate();
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(1, code, server::output);
            assertTrue(seconds < 25, "stopped after " + seconds + " s");
            assertTrue(server.output().contains("Shutdown watchdog: the event loop did not answer"), server::output);
        }
    }

    /**
     * Waits until a PING goes unanswered for 5 s: the loop is in the sleep
     * (the two connections race, so the sleep may start after a few PINGs).
     * Five seconds, not one, so a merely slow machine is not taken for a
     * stuck loop, which would send SIGTERM before the sleep began.
     */
    private static void awaitBusy(RespClient probe) throws IOException {
        probe.setTimeout(5000);
        while (true) {
            probe.send("PING");
            try {
                probe.read();
            } catch (SocketTimeoutException e) {
                return;
            }
        }
    }
}
