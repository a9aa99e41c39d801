// The client on a real 3-node cluster of server processes: discovery from one seed, spreading over equal nodes,
// carrying on when the connected node is killed, leaving a leaving node, and HELLO refreshes (periodic and on a lost
// connection) that find a node that joined later.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.cluster.DisqueNode;
import dev.disque.client.model.Job;
import dev.disque.testkit.NodeProcess;
import dev.disque.testkit.ProcessCluster;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterClientTest extends ClientFixture {
    /** Short enough that a killed node is flagged failing within a test, long enough for a busy 2-core machine. */
    static final String NODE_TIMEOUT = "cluster-node-timeout 2000";

    private ProcessCluster cluster;

    @BeforeEach
    void threeNodes() throws IOException {
        cluster = ProcessCluster.start(3, NODE_TIMEOUT);
    }

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    /** {@code disque://} seeds of the given nodes, with a 5 s command timeout. */
    static String uri(NodeProcess... seeds) {
        return "disque://" + ProcessCluster.addresses(seeds) + "?timeout=5s";
    }

    private DisqueClient clusterClient(String uri, DisqueClientOptions options) {
        DisqueClient c = newClient(DisqueURI.create(uri));
        c.setOptions(options);
        return c;
    }

    private static DisqueClientOptions.Builder stayOnSeed() {
        return DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ZERO);
    }

    private NodeProcess currentServer(StatefulDisqueConnection<?, ?> c) {
        return cluster.byPort(c.getCurrentNode().address().port());
    }

    private static long connectedClients(NodeProcess s) {
        return Long.parseLong(s.info("clients", "connected_clients"));
    }

    @Test
    void learnsTheWholeClusterFromOneSeed() {
        NodeProcess seed = cluster.node(0);
        try (StatefulDisqueConnection<String, String> c =
                clusterClient(uri(seed), stayOnSeed().build()).connect()) {
            Set<String> ids = new HashSet<>();
            for (DisqueNode n : c.getNodes()) {
                ids.add(n.id());
                assertEquals(1, n.priority(), "a healthy member: " + n);
            }
            Set<String> want = new HashSet<>();
            for (int i = 0; i < 3; i++) want.add(cluster.node(i).id());
            assertEquals(want, ids);
            assertEquals(seed, currentServer(c));
        }
    }

    @Test
    void oneSeedWithoutSpreadingMeansThatNode() {
        DisqueClient client = clusterClient(uri(cluster.node(2)), stayOnSeed().build());
        for (int i = 0; i < 10; i++) {
            try (StatefulDisqueConnection<String, String> c = client.connect()) {
                assertEquals(cluster.node(2).id(), c.sync().clusterMyId());
            }
        }
    }

    @Test
    void connectionsSharingOneSeedSpreadOverTheCluster() {
        DisqueClient client = clusterClient(uri(cluster.node(0)),
                DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ZERO).spreadOverEqualNodes(true).build());
        Map<Integer, Integer> perNode = new HashMap<>();
        List<StatefulDisqueConnection<String, String>> open = new ArrayList<>();
        // 30 connections on 3 equal nodes: the chance that one node gets none is 3 * (2/3)^30, about 1e-5.
        for (int i = 0; i < 30; i++) {
            StatefulDisqueConnection<String, String> c = client.connect();
            open.add(c);
            perNode.merge(c.getCurrentNode().address().port(), 1, Integer::sum);
        }
        System.out.println("connections per node: " + perNode);
        assertEquals(3, perNode.size(), "every node got connections: " + perNode);
        for (StatefulDisqueConnection<String, String> c : open) assertEquals("PONG", c.sync().ping());
        open.forEach(StatefulDisqueConnection::close);
    }

    @Test
    void carriesOnWithAnotherNodeWhenTheConnectedOneIsKilled() {
        NodeProcess first = cluster.node(0);
        try (StatefulDisqueConnection<String, String> c =
                clusterClient(uri(first), stayOnSeed().build()).connect()) {
            assertEquals(first, currentServer(c));
            // Queued on the node about to be killed, replicated to the two others, not yet delivered.
            String early = c.sync().addjob("cluster-q", "before", AddJobArgs.Builder.replicate(3).retry(1));
            first.kill();
            // The first command may still go out on the old connection before the client sees it reset: a PING
            // is sent again on another node, an ADDJOB would be reported and not repeated (see FailoverTest).
            assertEquals("PONG", c.sync().ping());

            String late = c.sync().addjob("cluster-q", "after", AddJobArgs.Builder.replicate(2).retry(1));
            NodeProcess now = currentServer(c);
            assertNotEquals(first, now);
            assertTrue(now.isAlive());
            assertTrue(late.startsWith("D-" + now.id().substring(0, 8)), late);

            // Both jobs reach a consumer on the survivors: the early one requeued there by its copies when its
            // retry time passed without an acknowledgement from the dead node.
            Set<String> seen = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < 2 && System.nanoTime() < deadline) {
                for (Job<String, String> j : c.sync().getjob(new GetJobArgs().timeout(Duration.ofMillis(500)).count(10),
                        "cluster-q")) {
                    seen.add(j.id());
                    c.sync().ackjob(j.id());
                }
            }
            assertEquals(Set.of(early, late), seen);
        }
    }

    @Test
    void aKilledNodeRestartedFromItsDirectoryIsAMemberAgain() throws IOException {
        NodeProcess node = cluster.node(2);
        String id = node.id();
        try (StatefulDisqueConnection<String, String> c =
                clusterClient(uri(cluster.node(0)), stayOnSeed().nodeRefreshPeriod(Duration.ofMillis(100)).build())
                        .connect()) {
            node.kill();
            await("the client sees the killed node failing",
                    () -> c.getNodes().stream().anyMatch(n -> id.equals(n.id()) && n.priority() > 1));
            cluster.restartKilled();
            assertEquals(id, node.call("CLUSTER", "MYID"), "the same node ID, read back from its nodes.conf");
            await("the client sees it healthy again",
                    () -> c.getNodes().stream().anyMatch(n -> id.equals(n.id()) && n.priority() == 1));
        }
        try (StatefulDisqueConnection<String, String> c = clusterClient(uri(node), stayOnSeed().build()).connect()) {
            assertEquals(id, c.sync().clusterMyId());
            assertEquals(3, c.getNodes().size());
        }
    }

    @Test
    void clientsLeaveALeavingNodeAndItsJobsStillGetConsumed() {
        NodeProcess leaving = cluster.node(0);
        DisqueClient client = clusterClient(uri(leaving),
                stayOnSeed().nodeRefreshPeriod(Duration.ofMillis(200)).build());
        List<StatefulDisqueConnection<String, String>> clients = new ArrayList<>();
        for (int i = 0; i < 5; i++) clients.add(client.connect());
        for (StatefulDisqueConnection<String, String> c : clients) assertEquals(leaving, currentServer(c));
        Set<String> added = new HashSet<>();
        for (int i = 0; i < 20; i++) added.add(clients.get(0).sync().addjob("drain-q", "job-" + i));

        assertEquals("OK", leaving.call("CLUSTER", "LEAVING", "yes"));
        // Every client moves away by itself (HELLO shows priority 100); a GETJOB sent there would be told -LEAVING.
        await("every client off the leaving node", () -> clients.stream().allMatch(c -> currentServer(c) != leaving));
        await("the leaving node has no clients left but this probe", () -> connectedClients(leaving) == 1);

        Set<String> consumed = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumed.size() < added.size() && System.nanoTime() < deadline) {
            for (StatefulDisqueConnection<String, String> c : clients) {
                for (Job<String, String> j : c.sync().getjob(new GetJobArgs().timeout(Duration.ofMillis(200)).count(5),
                        "drain-q")) {
                    consumed.add(j.id());
                    c.sync().ackjob(j.id());
                }
            }
        }
        assertEquals(added, consumed, "the leaving node's jobs were consumed on the other nodes");
        clients.forEach(StatefulDisqueConnection::close);
    }

    @Test
    void losingTheConnectionRefreshesTheTable() throws IOException {
        NodeProcess first = cluster.node(0);
        try (StatefulDisqueConnection<String, String> c =
                clusterClient(uri(first), stayOnSeed().build()).connect()) {
            NodeProcess late = cluster.addNode();
            // No periodic refresh: the table still has the three nodes of the first HELLO.
            assertEquals(3, c.getNodes().size());
            first.kill();
            assertEquals("PONG", c.sync().ping());
            // The reconnect ran HELLO on the new node, which knows the fourth one.
            assertTrue(c.getNodes().stream().anyMatch(n -> late.id().equals(n.id())), c.getNodes().toString());
            assertNotEquals(first, currentServer(c));
        }
    }

    @Test
    void helloRefreshFindsANodeThatJoinedLater() throws IOException {
        try (StatefulDisqueConnection<String, String> c = clusterClient(uri(cluster.node(1)),
                stayOnSeed().nodeRefreshPeriod(Duration.ofMillis(100)).build()).connect()) {
            assertEquals(3, c.getNodes().size());
            NodeProcess late = cluster.addNode();
            String lateId = late.id();
            await("the refresh learns the fourth node",
                    () -> c.getNodes().stream().anyMatch(n -> lateId.equals(n.id()) && n.priority() == 1));
            DisqueNode n = c.getNodes().stream().filter(x -> lateId.equals(x.id())).findFirst().orElseThrow();
            assertEquals(late.port(), n.address().port());
        }
    }
}
