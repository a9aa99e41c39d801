/*
 * DisqueContainerCommandTest: what can be checked without Docker. The
 * command line DisqueContainer gives the image, and that the server really
 * accepts it: the shaded server jar (the one the image copies) runs with the
 * image's own config file and those arguments, as the image's entrypoint
 * would, except that it binds 127.0.0.1 and a free port here instead of
 * 0.0.0.0:7711. Its log line must match the container's wait strategy,
 * and the URI the container would report must reach it.
 */
package dev.disque.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.DisqueClient;
import dev.disque.client.StatefulDisqueConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DisqueContainerCommandTest {
    private static final Path SERVER_LITE = Path.of(System.getProperty("disque.serverLite"));
    private static final Pattern PORT = Pattern.compile("ready to accept connections on 127\\.0\\.0\\.1 port (\\d+)");

    @TempDir
    Path work;

    // Constructing a container talks to no Docker daemon; only start() does.
    private static DisqueContainer container() {
        return new DisqueContainer("disque-java:test");
    }

    @Test
    void configBecomesArgumentsAfterTheImageConfig() {
        try (DisqueContainer c = container().withConfig("maxmemory", "100mb").withConfig("requirepass", "s3 cret")
                .withConfig("maxmemory", "200mb")) {
            // A directive given twice keeps its first place and its last value, as in a config file.
            assertEquals(List.of("--maxmemory", "200mb", "--requirepass", "s3 cret"), List.of(c.getCommandParts()));
            assertEquals(Map.of("maxmemory", "200mb", "requirepass", "s3 cret"), c.getConfig());
            assertEquals(List.of(DisqueContainer.DISQUE_PORT), c.getExposedPorts());
        }
        try (DisqueContainer plain = container()) {
            assertEquals(0, plain.getCommandParts().length, "no arguments: the image's config alone");
        }
    }

    @Test
    void refusesWhatWouldBreakTheContainer() {
        try (DisqueContainer c = container()) {
            assertThrows(IllegalArgumentException.class, () -> c.withConfig("port", "7712"));
            assertThrows(IllegalArgumentException.class, () -> c.withConfig("--maxmemory", "1mb"));
            assertThrows(IllegalArgumentException.class, () -> c.withConfig("max memory", "1mb"));
        }
    }

    @Test
    void theServerRunsWithTheImageConfigAndThoseArguments() throws Exception {
        Path jar = SERVER_LITE.resolve("target/disque-server.jar");
        Path imageConfig = SERVER_LITE.resolve("docker/disque.conf");
        assertTrue(Files.isRegularFile(jar), "package server-lite first: " + jar);
        String imageText = Files.readString(imageConfig);
        assertTrue(imageText.contains("\nbind 0.0.0.0\n") && imageText.contains("\ndir /data\n"), imageText);

        String password = "s3 cret/+";
        try (DisqueContainer c = container().withConfig("maxmemory", "100mb").withConfig("requirepass", password)) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), imageConfig.toString(),
                    // Only here: this machine's loopback and a free port, and a writable dir instead of /data.
                    "--bind", "127.0.0.1", "--port", "0", "--dir", work.toString()));
            cmd.addAll(List.of(c.getCommandParts()));
            Path log = work.resolve("server.log");
            Process server = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                String line = awaitReady(server, log);
                assertTrue((line + "\n").matches(DisqueContainer.READY_LOG), line);
                Matcher m = PORT.matcher(line);
                assertTrue(m.find(), line);

                // The URI getDisqueUri() would build for this host and port, password included.
                String uri = DisqueContainer.uri("127.0.0.1", Integer.parseInt(m.group(1)), c.getConfig().get("requirepass"));
                DisqueClient client = DisqueClient.create(uri);
                try (StatefulDisqueConnection<String, String> disque = client.connect()) {
                    assertEquals("PONG", disque.sync().ping());
                    assertEquals(Map.of("maxmemory", Long.toString(100L * 1024 * 1024)), disque.sync().configGet("maxmemory"));
                } finally {
                    client.shutdown();
                }
            } finally {
                server.destroy();
                if (!server.waitFor(30, TimeUnit.SECONDS)) server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The server's "ready" log line, waited for 60 s at most; fails early if the server exits. */
    private static String awaitReady(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (line.contains("ready to accept connections")) return line;
            }
            if (!server.isAlive()) throw new AssertionError("server exited " + server.exitValue() + ":\n" + Files.readString(log));
            Thread.sleep(50);
        }
        throw new AssertionError("server not ready within 60 s:\n" + Files.readString(log));
    }
}
