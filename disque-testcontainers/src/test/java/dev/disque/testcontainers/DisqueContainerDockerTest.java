/*
 * DisqueContainerDockerTest: the container itself, where a Docker engine
 * runs; elsewhere (as on our build machines) JUnit reports these tests as
 * skipped. The image is built on the fly from server-lite/Dockerfile and
 * the shaded jar, exactly as `docker build server-lite` would.
 */
package dev.disque.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.disque.client.DisqueClient;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.model.Job;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

@Testcontainers(disabledWithoutDocker = true)
class DisqueContainerDockerTest {
    private static final Path SERVER_LITE = Path.of(System.getProperty("disque.serverLite"));

    @Container
    static final DisqueContainer DISQUE = new DisqueContainer(
            new ImageFromDockerfile("disque-java-test", true).withDockerfile(SERVER_LITE.resolve("Dockerfile")))
            .withConfig("requirepass", "s3cret");

    @Test
    void servesJobsThroughTheMappedPort() {
        DisqueClient client = DisqueClient.create(DISQUE.getDisqueUri());
        try (StatefulDisqueConnection<String, String> disque = client.connect()) {
            String id = disque.sync().addjob("containers", "hello from the host");
            List<Job<String, String>> jobs = disque.sync().getjob("containers");
            assertEquals(id, jobs.get(0).id());
            assertEquals("hello from the host", jobs.get(0).body());
            assertEquals(1L, disque.sync().ackjob(id));
        } finally {
            client.shutdown();
        }
    }

    @Test
    void runsAsAnUnprivilegedUserWithItsDataInTheVolume() throws Exception {
        ExecResult id = DISQUE.execInContainer("id", "-u");
        assertEquals("10001", id.getStdout().trim());
        DisqueClient client = DisqueClient.create(DISQUE.getDisqueUri());
        try (StatefulDisqueConnection<String, String> disque = client.connect()) {
            assertEquals("/data", disque.sync().configGet("dir").get("dir"));
        } finally {
            client.shutdown();
        }
    }
}
