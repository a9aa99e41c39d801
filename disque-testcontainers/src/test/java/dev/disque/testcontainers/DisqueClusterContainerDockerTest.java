/*
 * DisqueClusterContainerDockerTest: a three-node cluster in containers,
 * where a Docker engine runs; elsewhere (as on our build machines) JUnit
 * reports these tests as skipped. The image is built on the fly from
 * server-lite/Dockerfile and the shaded jar, once for the three nodes.
 */
package dev.disque.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.model.JobInfo;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class DisqueClusterContainerDockerTest {
    private static final Path SERVER_LITE = Path.of(System.getProperty("disque.serverLite"));

    @Container
    static final DisqueClusterContainer CLUSTER = new DisqueClusterContainer(
            new ImageFromDockerfile("disque-java-test", true).withDockerfile(SERVER_LITE.resolve("Dockerfile")), 3)
            .withConfig("requirepass", "s3cret")
            .withConfig("cluster-password", "bus-s3cret");

    @Test
    void theUriNamesEveryNodesMappedPort() {
        DisqueURI uri = DisqueURI.create(CLUSTER.getDisqueUri());
        assertEquals(3, uri.getNodes().size());
        for (int i = 0; i < 3; i++) {
            assertEquals(CLUSTER.getNodes().get(i).getMappedPort(DisqueContainer.DISQUE_PORT).intValue(),
                    uri.getNodes().get(i).port());
        }
    }

    @Test
    void aJobReplicatedThreeTimesIsOnEveryNode() {
        String id;
        DisqueClient client = DisqueClient.create(CLUSTER.getDisqueUri());
        try (StatefulDisqueConnection<String, String> disque = client.connect()) {
            id = disque.sync().addjob("containers", "three copies",
                    AddJobArgs.Builder.replicate(3).timeout(Duration.ofSeconds(30)));
        } finally {
            client.shutdown();
        }
        for (DisqueContainer node : CLUSTER.getNodes()) {
            DisqueClient one = DisqueClient.create(node.getDisqueUri());
            try (StatefulDisqueConnection<String, String> disque = one.connect()) {
                assertTrue(disque.sync().clusterInfo().contains("cluster_reachable_nodes:2\r\n"));
                JobInfo<String, String> job = disque.sync().show(id);
                assertNotNull(job, "no copy on the node at " + node.getDisqueUri());
                assertEquals("three copies", job.body());
            } finally {
                one.shutdown();
            }
        }
    }
}
