/*
 * ClusterMethodScopeTest: @EmbeddedDisque(nodes = N) on a method gives that
 * method a cluster of its own, whole before the method runs, in place of
 * the class's single server, with the annotation's config on every node:
 * a password for clients and one for the cluster bus do not keep the
 * extension from joining the nodes.
 */
package dev.disque.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.model.Hello;
import dev.disque.client.model.HelloNode;
import dev.disque.server.DisqueServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@EmbeddedDisque
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterMethodScopeTest {
    private static DisqueServer classServer;

    @BeforeAll
    static void remember(DisqueServer server) {
        classServer = server;
    }

    @Test
    void theClassHasOneNodeAlone(List<DisqueServer> nodes, DisqueURI uri, StatefulDisqueConnection<String, String> disque) {
        assertEquals(List.of(classServer), nodes);
        assertEquals(1, uri.getNodes().size());
        assertEquals(1, disque.sync().hello().nodes().size());
    }

    @Test
    @EmbeddedDisque(nodes = 4)
    void getsAFourNodeClusterOfItsOwn(List<DisqueServer> nodes, DisqueURI uri,
            StatefulDisqueConnection<String, String> disque) {
        assertEquals(4, nodes.size());
        assertFalse(nodes.contains(classServer));
        assertHealthyMesh(nodes, uri, disque.sync().hello());
    }

    @Test
    @EmbeddedDisque(nodes = 2, config = {"requirepass s3cret", "cluster-password bus-s3cret"})
    void joinsNodesThatAskForPasswords(DisqueServer first, List<DisqueServer> nodes, DisqueURI uri,
            StatefulDisqueConnection<String, String> disque) {
        assertSame(nodes.get(0), first);
        for (DisqueServer node : nodes) assertEquals("bus-s3cret", node.config().get("cluster-password"));
        assertEquals("s3cret", new String(uri.getPassword()));
        assertHealthyMesh(nodes, uri, disque.sync().hello());
    }

    /** HELLO names every node at the URI's address, each with priority 1: known, linked, not failing. */
    private static void assertHealthyMesh(List<DisqueServer> nodes, DisqueURI uri, Hello hello) {
        Map<String, Integer> portById = new HashMap<>();
        for (DisqueServer node : nodes) portById.put(node.nodeId(), node.port());
        assertEquals(nodes.size(), hello.nodes().size(), hello.toString());
        for (HelloNode n : hello.nodes()) {
            assertEquals(portById.get(n.id()), Integer.valueOf(n.port()), hello.toString());
            assertEquals("127.0.0.1", n.host(), hello.toString());
            assertEquals(1, n.priority(), hello.toString());
        }
        for (int i = 0; i < nodes.size(); i++) assertEquals(nodes.get(i).port(), uri.getNodes().get(i).port());
    }
}
