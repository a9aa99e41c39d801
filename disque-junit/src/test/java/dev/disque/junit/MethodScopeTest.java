/*
 * MethodScopeTest: @EmbeddedDisque on a method gives that method a fresh
 * server of its own, configured by the annotation, in place of the class's
 * server; the class's server stays for the other methods.
 */
package dev.disque.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.disque.client.StatefulDisqueConnection;
import dev.disque.server.DisqueServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@EmbeddedDisque
class MethodScopeTest {
    private static DisqueServer classServer;

    @BeforeAll
    static void remember(DisqueServer server, StatefulDisqueConnection<String, String> disque) {
        classServer = server;
        disque.sync().addjob("method-scope", "only on the class's server");
    }

    @Test
    void usesTheClassServerWithoutItsOwnAnnotation(DisqueServer server, StatefulDisqueConnection<String, String> disque) {
        assertSame(classServer, server);
        assertEquals(1L, disque.sync().qlen("method-scope"));
    }

    @Test
    @EmbeddedDisque(config = {"maxmemory 100mb", "maxmemory-policy noeviction"})
    void getsItsOwnConfiguredServer(DisqueServer server, StatefulDisqueConnection<String, String> disque) {
        assertNotSame(classServer, server);
        assertEquals(Long.valueOf(100L * 1024 * 1024), Long.valueOf(server.config().getLong("maxmemory")));
        assertEquals("noeviction", server.config().get("maxmemory-policy"));
        assertEquals(0L, disque.sync().qlen("method-scope"), "a fresh server has none of the class's jobs");
        assertEquals(server.port(), disque.getURI().getNodes().get(0).port());
    }

    @Test
    @EmbeddedDisque(config = "requirepass s3cret")
    void authenticatesWhenThePasswordIsSet(StatefulDisqueConnection<String, String> disque) {
        // The injected URI carries requirepass, so the connection is already authenticated.
        assertEquals("PONG", disque.sync().ping());
        assertEquals("s3cret", new String(disque.getURI().getPassword()));
    }
}
