/*
 * ShutdownDisconnectsTest: SHUTDOWN on an embedded server closes every
 * client connection, the one that sent it included, as the process exit of
 * the original does (clients see EOF instead of a socket that never answers).
 * The bug showed only with Lettuce's event loops in the same JVM (see the
 * client's ServerCommandsTest.shutdownStopsTheNode); here it guards the fix.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ShutdownDisconnectsTest extends ServerFixture {
    @Test
    void shutdownClosesEveryClientConnection() throws Exception {
        RespClient idle = newClient();
        assertStatus("PONG", idle.call("PING"));
        client.send("SHUTDOWN");
        server.terminated().get(30, TimeUnit.SECONDS);
        client.setTimeout(5000);
        idle.setTimeout(5000);
        assertTrue(client.isClosedByServer(), "the connection that sent SHUTDOWN stays open");
        assertTrue(idle.isClosedByServer(), "an idle connection stays open");
    }

    @Test
    void sameWithTheSystemClock() throws Exception {
        try (DisqueServer s = DisqueServer.builder().port(0).build().start();
                RespClient c = new RespClient(s.port())) {
            assertStatus("PONG", c.call("PING"));
            c.send("SHUTDOWN");
            s.terminated().get(30, TimeUnit.SECONDS);
            c.setTimeout(5000);
            assertTrue(c.isClosedByServer(), "the connection that sent SHUTDOWN stays open");
        }
    }
}
