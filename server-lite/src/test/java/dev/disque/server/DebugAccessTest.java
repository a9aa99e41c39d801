/*
 * DebugAccessTest: enable-debug-command. The default, local, lets loopback
 * clients run DEBUG; no refuses it to everyone with Redis 7's text; the
 * setting cannot be changed with CONFIG SET (a remote client could
 * otherwise open it). The non-local side is in ProtectedModeTest.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class DebugAccessTest {
    private static final String REFUSED = "ERR DEBUG command not allowed. If the enable-debug-command option is set to"
            + " \"local\", you can run it from a local connection, otherwise you need to set this option in the"
            + " configuration file, and then restart the server.";

    @Test
    void localByDefault() throws IOException {
        try (DisqueServer s = DisqueServer.builder().port(0).build().start(); RespClient c = new RespClient(s.port())) {
            assertEquals(List.of("enable-debug-command", "local"), c.call("CONFIG", "GET", "enable-debug-command"));
            assertEquals(new RespClient.Status("OK"), c.call("DEBUG", "SLEEP", "0"));
            assertEquals(new RespClient.Err("ERR Unsupported CONFIG parameter: enable-debug-command"),
                    c.call("CONFIG", "SET", "enable-debug-command", "yes"));
        }
    }

    @Test
    void noRefusesEvenLoopbackClients() throws IOException {
        try (DisqueServer s = DisqueServer.builder().port(0).config("enable-debug-command", "no").build().start();
             RespClient c = new RespClient(s.port())) {
            assertEquals(new RespClient.Err(REFUSED), c.call("DEBUG", "FLUSHALL"));
            assertEquals(new RespClient.Err(REFUSED), c.call("debug", "sleep", "0"));
            assertEquals(new RespClient.Status("PONG"), c.call("PING"));
        }
    }
}
