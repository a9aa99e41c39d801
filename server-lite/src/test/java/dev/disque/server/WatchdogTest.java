/*
 * WatchdogTest: watchdog-period on a real server process. A DEBUG SLEEP
 * holds the server thread; the watchdog logs that it stopped answering,
 * with the stack that shows the command that holds it, once for the stall.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchdogTest {
    private static final String EXPIRED = "--- WATCHDOG TIMER EXPIRED ---";

    @TempDir
    Path dir;

    @Test
    void aStalledServerThreadIsReportedWithItsStack() throws IOException {
        Path logfile = dir.resolve("server.log");
        try (ServerProcess server = ServerProcess.start(dir, "--enable-protected-configs", "local");
             RespClient c = new RespClient(server.port())) {
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "logfile", "server.log"));
            assertEquals(List.of("watchdog-period", "0"), c.call("CONFIG", "GET", "watchdog-period"));
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "watchdog-period", "300"));
            c.setTimeout(60_000);
            assertEquals(new RespClient.Status("OK"), c.call("DEBUG", "SLEEP", "3"));
            ServerFixture.await("the watchdog's report", () -> {
                try {
                    return ServerProcess.readLog(logfile).contains(EXPIRED);
                } catch (IOException e) {
                    return false;
                }
            });
            String log = ServerProcess.readLog(logfile);
            // Reports of this stall show the command holding the thread; any other stall (a long GC
            // pause on a busy machine) would be reported apart and show other frames.
            int ofThisStall = 0;
            for (String report : log.split(java.util.regex.Pattern.quote(EXPIRED))) {
                if (report.contains("ServerCommands.debug")) ofThisStall++;
            }
            assertEquals(1, ofThisStall, "one report, with the command's stack, for one 3 s stall:\n" + log);
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "watchdog-period", "0"));
            assertEquals(new RespClient.Status("PONG"), c.call("PING"));
        }
    }
}
