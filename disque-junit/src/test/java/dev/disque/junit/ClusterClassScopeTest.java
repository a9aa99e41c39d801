/*
 * ClusterClassScopeTest: @EmbeddedDisque(nodes = 3) on a class gives its
 * tests one three-node cluster that is already whole: every injected type
 * names the same nodes in the same order, and a job added with REPLICATE 3
 * is at once on all three, as SHOW on each node tells.
 */
package dev.disque.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.model.JobInfo;
import dev.disque.server.DisqueServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@EmbeddedDisque(nodes = 3)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ClusterClassScopeTest {
    @Test
    void everyTypeNamesTheSameNodesInOrder(DisqueServer first, List<DisqueServer> nodes, DisqueURI uri,
            DisqueClient client) {
        assertEquals(3, nodes.size());
        assertSame(nodes.get(0), first);
        assertEquals(3, uri.getNodes().size());
        assertEquals(uri.getNodes(), client.getURI().getNodes());
        Set<Integer> busPorts = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            assertEquals("127.0.0.1", uri.getNodes().get(i).host());
            assertEquals(nodes.get(i).port(), uri.getNodes().get(i).port());
            // Picked free, not port + 10000: the MEETs had to name them.
            busPorts.add(nodes.get(i).clusterPort());
            assertNotEquals(nodes.get(i).port(), nodes.get(i).clusterPort());
        }
        assertEquals(3, busPorts.size(), "each node has its own bus port: " + busPorts);
    }

    @Test
    void everyNodeReachesEveryOther(List<DisqueServer> nodes) {
        for (DisqueServer node : nodes) {
            String info = onNode(node, c -> c.sync().clusterInfo());
            assertTrue(info.contains("cluster_known_nodes:3\r\n"), info);
            assertTrue(info.contains("cluster_reachable_nodes:2\r\n"), info);
        }
    }

    @Test
    void aJobReplicatedThreeTimesIsOnEveryNode(List<DisqueServer> nodes, StatefulDisqueConnection<String, String> disque) {
        String id = disque.sync().addjob("cluster-class", "three copies",
                AddJobArgs.Builder.replicate(3).timeout(Duration.ofSeconds(30)));
        assertTrue(id.startsWith("D-"), id);
        Set<String> ids = new HashSet<>();
        for (DisqueServer node : nodes) ids.add(node.nodeId());
        for (DisqueServer node : nodes) {
            JobInfo<String, String> job = onNode(node, c -> c.sync().show(id));
            assertNotNull(job, "no copy of " + id + " on node " + node.nodeId());
            assertEquals("three copies", job.body());
            assertEquals(3L, job.replicate());
            assertEquals(ids, new HashSet<>(job.nodesDelivered()));
        }
    }

    /** Runs a command on that node itself: a client whose URI names only it, checked with CLUSTER MYID. */
    private static <T> T onNode(DisqueServer node, Function<StatefulDisqueConnection<String, String>, T> command) {
        DisqueClient client = DisqueClient.create(DisqueURI.create("127.0.0.1", node.port()));
        try (StatefulDisqueConnection<String, String> c = client.connect()) {
            assertEquals(node.nodeId(), c.sync().clusterMyId());
            return command.apply(c);
        } finally {
            client.shutdown();
        }
    }
}
