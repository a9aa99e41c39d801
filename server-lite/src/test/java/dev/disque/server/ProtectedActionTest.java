/*
 * ProtectedActionTest: enable-debug-command and enable-protected-configs
 * (Redis 7). DEBUG is allowed to loopback clients by default (local), CONFIG
 * SET dir and logfile to nobody (no); "no" refuses with Redis 7's texts;
 * neither switch can be changed with CONFIG SET, or a remote client could
 * open it. The non-local side is in ProtectedModeTest.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectedActionTest {
    private static final String DEBUG_REFUSED = "ERR DEBUG command not allowed. If the enable-debug-command option is"
            + " set to \"local\", you can run it from a local connection, otherwise you need to set this option in"
            + " the configuration file, and then restart the server.";

    @TempDir
    Path dir;

    private static RespClient.Err configRefused(String name) {
        return new RespClient.Err("ERR CONFIG SET failed (possibly related to argument '" + name
                + "') - can't set protected config");
    }

    @Test
    void defaults() throws IOException {
        try (DisqueServer s = DisqueServer.builder().port(0).build().start(); RespClient c = new RespClient(s.port())) {
            assertEquals(List.of("enable-debug-command", "local"), c.call("CONFIG", "GET", "enable-debug-command"));
            assertEquals(List.of("enable-protected-configs", "no"), c.call("CONFIG", "GET", "enable-protected-configs"));
            assertEquals(new RespClient.Status("OK"), c.call("DEBUG", "SLEEP", "0"));
            assertEquals(configRefused("dir"), c.call("CONFIG", "SET", "dir", dir.toString()));
            assertEquals(configRefused("logfile"), c.call("CONFIG", "SET", "logfile", "x.log"));
            assertEquals(List.of("dir", "."), c.call("CONFIG", "GET", "dir"), "unchanged");
            for (String name : List.of("enable-debug-command", "enable-protected-configs")) {
                assertEquals(new RespClient.Err("ERR Unsupported CONFIG parameter: " + name),
                        c.call("CONFIG", "SET", name, "yes"));
            }
        }
    }

    @Test
    void noRefusesDebugEvenToLoopbackClients() throws IOException {
        try (DisqueServer s = DisqueServer.builder().port(0).config("enable-debug-command", "no").build().start();
             RespClient c = new RespClient(s.port())) {
            assertEquals(new RespClient.Err(DEBUG_REFUSED), c.call("DEBUG", "FLUSHALL"));
            assertEquals(new RespClient.Err(DEBUG_REFUSED), c.call("debug", "sleep", "0"));
            assertEquals(new RespClient.Status("PONG"), c.call("PING"));
        }
    }

    @Test
    void localAllowsProtectedConfigsFromLoopback() throws IOException {
        try (DisqueServer s = DisqueServer.builder().port(0).config("enable-protected-configs", "local").build().start();
             RespClient c = new RespClient(s.port())) {
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "dir", dir.toString()));
            assertEquals(List.of("dir", dir.toString()), c.call("CONFIG", "GET", "dir"));
        }
    }
}
