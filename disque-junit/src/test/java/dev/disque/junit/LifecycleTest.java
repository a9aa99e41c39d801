/*
 * LifecycleTest: whatever the extension started is gone when the class or
 * method that asked for it is done, failed tests included: the servers (all
 * nodes of a cluster) no longer accept connections, their temporary
 * directories are deleted, and the connections handed to tests are closed. Runs a small test class
 * through JUnit's own engine (EngineTestKit) and looks afterwards.
 */
package dev.disque.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.disque.client.StatefulDisqueConnection;
import dev.disque.server.DisqueServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

class LifecycleTest {
    private static final List<DisqueServer> SERVERS = new CopyOnWriteArrayList<>();
    private static final List<StatefulDisqueConnection<String, String>> CONNECTIONS = new CopyOnWriteArrayList<>();
    /** Cluster bus ports, asked while the nodes run (a stopped server has no loop left to ask). */
    private static final List<Integer> BUS_PORTS = new CopyOnWriteArrayList<>();

    /** Run only through EngineTestKit below: Surefire skips nested classes, and one test here fails on purpose. */
    @EmbeddedDisque
    static class Subject {
        @Test
        void passes(DisqueServer server, StatefulDisqueConnection<String, String> disque) {
            SERVERS.add(server);
            CONNECTIONS.add(disque);
            assertEquals("PONG", disque.sync().ping());
        }

        @Test
        @EmbeddedDisque(nodes = 3)
        void passesWithAClusterOfItsOwn(List<DisqueServer> nodes, StatefulDisqueConnection<String, String> disque) {
            SERVERS.addAll(nodes);
            for (DisqueServer node : nodes) BUS_PORTS.add(node.clusterPort());
            CONNECTIONS.add(disque);
            assertEquals(3, disque.sync().hello().nodes().size());
        }

        @Test
        @EmbeddedDisque
        void failsWithItsOwnServer(DisqueServer server, StatefulDisqueConnection<String, String> disque) {
            SERVERS.add(server);
            CONNECTIONS.add(disque);
            fail("on purpose: the server must be stopped all the same");
        }
    }

    @Test
    void stopsServersAndClosesConnectionsAfterTheirScope() throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(Subject.class)).execute()
                .testEvents().assertStatistics(stats -> stats.started(3).succeeded(2).failed(1));

        assertEquals(5, SERVERS.size(), "each test should have run with its servers");
        Set<DisqueServer> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
        distinct.addAll(SERVERS);
        assertEquals(5, distinct.size(), "the annotated methods get servers of their own");
        for (DisqueServer server : SERVERS) {
            assertTrue(server.terminated().isDone(), "server on port " + server.port() + " still running");
            assertRefused(server.port());
            Path dir = Path.of(server.config().get("dir"));
            assertFalse(Files.exists(dir), "temporary directory left behind: " + dir);
        }
        assertEquals(3, BUS_PORTS.size());
        for (int port : BUS_PORTS) assertRefused(port);
        for (StatefulDisqueConnection<String, String> c : CONNECTIONS) {
            assertFalse(c.isOpen(), "connection left open: " + c.getURI());
        }
    }

    /** Polls (5 s at most) until nothing listens on the port any more. */
    private static void assertRefused(int port) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                return;
            } catch (IOException other) {
                // A timeout is not a refusal: look again.
            }
            if (System.nanoTime() > deadline) fail("port " + port + " still accepts connections");
            Thread.sleep(50);
        }
    }
}
