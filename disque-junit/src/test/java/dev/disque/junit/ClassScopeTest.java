/*
 * ClassScopeTest: @EmbeddedDisque on a class gives all its tests, its
 * @BeforeAll method and its @Nested classes one server, so state left by
 * one test is seen by the next, and every injected type points at it.
 */
package dev.disque.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.server.DisqueServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@EmbeddedDisque
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClassScopeTest {
    private static DisqueServer fromBeforeAll;

    @BeforeAll
    static void remember(DisqueServer server) {
        fromBeforeAll = server;
    }

    @Test
    @Order(1)
    void everyTypeNamesTheSameServer(DisqueServer server, DisqueURI uri, DisqueClient client,
            StatefulDisqueConnection<String, String> disque) {
        assertSame(fromBeforeAll, server);
        assertEquals("127.0.0.1", uri.getNodes().get(0).host());
        assertEquals(server.port(), uri.getNodes().get(0).port());
        assertEquals(server.port(), client.getURI().getNodes().get(0).port());
        assertEquals("PONG", disque.sync().ping());
        assertTrue(disque.sync().addjob("class-scope", "left for the next test").startsWith("D-"));
    }

    @Test
    @Order(2)
    void theNextTestSeesTheState(StatefulDisqueConnection<String, String> disque) {
        assertEquals(1L, disque.sync().qlen("class-scope"));
    }

    @Nested
    class Inner {
        @Test
        void sharesTheOuterServer(DisqueServer server) {
            assertSame(fromBeforeAll, server);
        }
    }
}
