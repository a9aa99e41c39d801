// A worker process stops gracefully on SIGTERM and exits 0 once its running task finished (Worker.runUntilSignalled),
// or 1 when the grace period ran out and the task was interrupted and NACKed. Real child JVMs, real signals.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.disque.client.model.JobInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "SIGTERM")
class SignalTest extends TasqueFixture {
    @TempDir
    Path dir;
    private Path output;
    private Process child;

    @AfterEach
    void killChild() {
        if (child != null && child.isAlive()) child.destroyForcibly();
    }

    private void startChild(long graceMillis) throws IOException {
        output = dir.resolve("child.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
                SignalledWorkerMain.class.getName(), String.valueOf(server.port()), dir.resolve("marker").toString(),
                String.valueOf(graceMillis));
        // To a file: Process.destroy() closes the pipes, and what the child prints after the signal matters here.
        pb.redirectErrorStream(true).redirectOutput(output.toFile());
        child = pb.start();
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Like await, with room for a JVM to start on a busy machine. */
    private void awaitLong(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what + "; child said " + lines());
            Thread.sleep(10);
        }
    }

    private String last() {
        List<String> l = lines();
        return l.isEmpty() ? "" : l.get(l.size() - 1);
    }

    private int exitCode() throws InterruptedException {
        if (!child.waitFor(60, TimeUnit.SECONDS)) fail("the worker process did not exit; it said " + lines());
        return child.exitValue();
    }

    @Test
    void sigtermLetsTheRunningTaskFinishThenExitsZero() throws Exception {
        String id = client.submit(Task.named("slow"));
        startChild(30_000);
        awaitLong("the task to run", () -> lines().contains("running " + id));
        // Its second slot waits in GETJOB: once it is gone, the worker has begun stopping.
        awaitLong("the idle fetch", () -> blocked("__tasque__slow") == 1);
        child.destroy(); // SIGTERM
        awaitLong("the fetch to stop", () -> blocked("__tasque__slow") == 0);
        assertTrue(child.isAlive(), "it waits for its running task");
        Files.createFile(dir.resolve("marker"));
        assertEquals(0, exitCode(), () -> lines().toString());
        assertTrue(lines().contains("done " + id), () -> lines().toString());
        assertEquals("stopped cleanly", last());
        assertNull(sync.show(id), "acknowledged");
    }

    @Test
    void aTaskStillRunningAfterTheGracePeriodIsNackedAndTheExitIsOne() throws Exception {
        String id = client.submit(Task.named("slow"));
        startChild(300);
        awaitLong("the task to run", () -> lines().contains("running " + id));
        child.destroy();
        assertEquals(1, exitCode(), () -> lines().toString());
        assertEquals("stopped with tasks interrupted", last());
        JobInfo<String, String> info = sync.show(id);
        assertEquals(1, info.nacks(), "NACKed for another worker");
        assertEquals(1, sync.qlen("__tasque__slow"));
    }
}
