/*
 * DisqueClusterContainerCommandTest: what can be checked of the cluster
 * container without Docker. The command line and network each node gets,
 * the MEET the others are sent, the URI it reports; and that servers
 * configured as those nodes are (the image's config file, then the
 * container's arguments) really join into a full mesh through this
 * module's ClusterJoin, run here in-process on 127.0.0.1 with free ports
 * instead of 7711 and 17711 in containers.
 */
package dev.disque.testcontainers;

import dev.disque.testkit.ClusterJoin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.model.JobInfo;
import dev.disque.server.DisqueServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DisqueClusterContainerCommandTest {
    private static final Path SERVER_LITE = Path.of(System.getProperty("disque.serverLite"));

    @TempDir
    Path work;

    // Constructing containers and their network talks to no Docker daemon; only start() does.
    private static DisqueClusterContainer cluster(int nodes) {
        return new DisqueClusterContainer("disque-java:test", nodes);
    }

    @Test
    void everyNodeGetsTheBusPortAndTheConfigOnOneNetwork() {
        DisqueClusterContainer c = cluster(3).withConfig("requirepass", "s3cret").withConfig("cluster-password", "bus s3cret");
        assertEquals(3, c.getNodes().size());
        for (int i = 0; i < 3; i++) {
            DisqueContainer node = c.getNodes().get(i);
            assertEquals(List.of("--cluster-port", "17711", "--requirepass", "s3cret", "--cluster-password", "bus s3cret"),
                    List.of(node.getCommandParts()));
            assertSame(c.getNetwork(), node.getNetwork());
            assertTrue(node.getNetworkAliases().contains("disque-" + i), node.getNetworkAliases().toString());
            // Only the client port is published; the bus is for the other nodes, inside the network.
            assertEquals(List.of(DisqueContainer.DISQUE_PORT), node.getExposedPorts());
        }
    }

    @Test
    void theOthersMeetTheFirstAtItsNetworkAddressAndBusPort() {
        assertEquals(List.of("CLUSTER", "MEET", "172.18.0.2", "7711", "17711"), DisqueClusterContainer.meetCommand("172.18.0.2"));
    }

    @Test
    void theUriNamesEveryMappedPortInOrder() {
        String uri = DisqueContainer.uri("localhost", List.of(32770, 32771, 32772), "s3 cret");
        assertEquals("disque://:s3%20cret@localhost:32770,localhost:32771,localhost:32772", uri);
        DisqueURI parsed = DisqueURI.create(uri);
        assertEquals(List.of(32770, 32771, 32772), parsed.getNodes().stream().map(n -> n.port()).toList());
        assertEquals("s3 cret", new String(parsed.getPassword()));
    }

    @Test
    void refusesWhatWouldBreakTheCluster() {
        assertThrows(IllegalArgumentException.class, () -> cluster(0));
        DisqueClusterContainer c = cluster(2);
        assertThrows(IllegalArgumentException.class, () -> c.withConfig("cluster-port", "17712"));
        assertThrows(IllegalArgumentException.class, () -> c.withConfig("port", "7712"));
        assertThrows(IllegalArgumentException.class, () -> c.withMeshTimeout(Duration.ZERO));
    }

    @Test
    void serversConfiguredAsTheNodesJoinIntoAFullMesh() throws Exception {
        Path imageConfig = SERVER_LITE.resolve("docker/disque.conf");
        assertTrue(Files.isRegularFile(imageConfig), imageConfig.toString());
        DisqueClusterContainer c = cluster(3).withConfig("requirepass", "s3cret").withConfig("cluster-password", "bus");
        List<DisqueServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Map<String, String> args = c.getNodes().get(i).getConfig();
                DisqueServer.Builder b = DisqueServer.builder().configFile(imageConfig);
                args.forEach(b::config);
                // Only here: this machine's loopback, free ports (the bus too), and a writable dir instead of /data.
                Path dir = Files.createDirectories(work.resolve("node" + i));
                servers.add(b.bind("127.0.0.1").port(0).config("cluster-port", "0").config("dir", dir.toString()).build().start());
            }
            List<ClusterJoin.Node> nodes = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            for (DisqueServer s : servers) {
                assertEquals("bus", s.config().get("cluster-password"));
                nodes.add(new ClusterJoin.Node("127.0.0.1", s.port(), "127.0.0.1", s.port(), s.clusterPort()));
                ports.add(s.port());
            }
            ClusterJoin.join(nodes, "s3cret", Duration.ofSeconds(60));

            DisqueClient client = DisqueClient.create(DisqueContainer.uri("127.0.0.1", ports, "s3cret"));
            String id;
            try (StatefulDisqueConnection<String, String> disque = client.connect()) {
                id = disque.sync().addjob("cluster", "on every node", AddJobArgs.Builder.replicate(3).timeout(Duration.ofSeconds(30)));
            } finally {
                client.shutdown();
            }
            for (DisqueServer s : servers) {
                DisqueClient one = DisqueClient.create(DisqueContainer.uri("127.0.0.1", s.port(), "s3cret"));
                try (StatefulDisqueConnection<String, String> disque = one.connect()) {
                    assertEquals(s.nodeId(), disque.sync().clusterMyId());
                    assertTrue(disque.sync().clusterInfo().contains("cluster_reachable_nodes:2\r\n"));
                    JobInfo<String, String> job = disque.sync().show(id);
                    assertNotNull(job, "no copy on " + s.nodeId());
                    assertEquals("on every node", job.body());
                } finally {
                    one.shutdown();
                }
            }
        } finally {
            for (DisqueServer s : servers) s.close();
        }
    }
}
