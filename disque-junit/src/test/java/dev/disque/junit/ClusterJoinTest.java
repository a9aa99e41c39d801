/*
 * ClusterJoinTest: the wait for a full mesh is bounded, and when the mesh
 * does not form it fails saying what each node saw. Two real servers that
 * were never told to meet cannot form one, whatever the machine's speed,
 * so the wait must give up after its bound, not before and not never.
 */
package dev.disque.junit;

import dev.disque.testkit.ClusterJoin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ClusterJoinTest {
    @Test
    void givesUpAfterItsBoundSayingWhatEachNodeSaw() throws Exception {
        try (EmbeddedNode a = EmbeddedNode.start(new String[0]); EmbeddedNode b = EmbeddedNode.start(new String[0])) {
            List<ClusterJoin.Node> nodes = List.of(node(a), node(b));
            Duration bound = Duration.ofSeconds(2);
            long start = System.nanoTime();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> ClusterJoin.awaitFullMesh(nodes, "", bound));
            long waited = System.nanoTime() - start;

            assertTrue(waited >= bound.toNanos(), "gave up after " + waited / 1_000_000 + " ms, before its bound");
            String m = e.getMessage();
            assertTrue(m.startsWith("the 2 Disque nodes did not form a full mesh within 2000 ms:"), m);
            assertTrue(m.contains("node 0 (127.0.0.1:" + a.server.port() + "): does not know "
                    + b.server.nodeId().substring(0, 8)), m);
            assertTrue(m.contains("node 1 (127.0.0.1:" + b.server.port() + "): does not know "
                    + a.server.nodeId().substring(0, 8)), m);
            assertTrue(m.contains("reaches 0 of the 1 others"), m);
        }
    }

    private static ClusterJoin.Node node(EmbeddedNode n) {
        return new ClusterJoin.Node("127.0.0.1", n.server.port(), "127.0.0.1", n.server.port(), n.server.clusterPort());
    }
}
