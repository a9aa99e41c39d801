// A clean close is silent: no warning or error from tasque, Lettuce or Netty, whether the worker shares the
// application's Disque client or made its own, and its blocked GETJOB ends without its connection being pulled away.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.disque.client.args.JScanArgs;
import dev.disque.server.log.LogSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanCloseTest extends TasqueFixture {
    @TempDir
    Path dir;

    /**
     * Runs the scenario with tasque's logger and the SLF4J sink (where Lettuce and Netty log in the tests) captured,
     * and returns what was logged at warning level or above.
     */
    private List<String> warningsDuring(Runnable scenario) throws IOException {
        Path sink = dir.resolve("slf4j.log");
        LogSink.setFile(sink.toString());
        try (LogCapture tasque = new LogCapture("dev.disque.tasque")) {
            scenario.run();
            List<String> out = new ArrayList<>();
            tasque.warningsAndErrors().forEach(r -> out.add("tasque: " + r.getMessage()));
            LogSink.setFile("");
            // LogSink marks warnings (and errors) with '#'. One is left out: Netty's "Failed to submit a listener
            // notification task", which Lettuce causes when the handshake timer of a connection attempt that failed
            // (a server killed by another test, ReconnectTest) fires after its client is gone, up to the client's
            // timeout later, in whatever test runs then. A worker's close makes no connection attempt.
            for (String line : Files.readAllLines(sink)) {
                if (line.contains(" # ") && !line.contains("Failed to submit a listener notification task")) {
                    out.add("slf4j: " + line);
                }
            }
            return out;
        } finally {
            LogSink.setFile("");
        }
    }

    @Test
    void closingAWorkerOnASharedClientLogsNothing() throws IOException {
        AtomicInteger ran = new AtomicInteger();
        Worker w = workerBuilder().handle(Handler.of("tidy", t -> ran.incrementAndGet())).build();
        closeLater(w);
        List<String> logged = warningsDuring(() -> {
            for (int i = 0; i < 5; i++) client.submit(Task.named("tidy").set("i", i));
            w.start();
            await("5 tasks", () -> w.stats().succeeded() == 5);
            // The fetch thread is now blocked in GETJOB on the server: the case that used to warn on close.
            await("blocked fetch", () -> blocked("__tasque__tidy") == 1);
            w.close();
        });
        assertEquals(List.of(), logged);
        assertEquals(Worker.State.TERMINATED, w.state());
        assertEquals(5, ran.get());
        // The wake-up job is gone, and so is the fetch: nothing left blocked or queued.
        assertEquals(0, blocked("__tasque__tidy"));
        assertFalse(sync.jscanIterator(new JScanArgs()).hasNext(), "no job left on the server");
    }

    @Test
    void closingAWorkerWithItsOwnClientLogsNothing() throws IOException {
        AtomicInteger ran = new AtomicInteger();
        Worker w = Worker.builder("127.0.0.1:" + server.port()).fetchTimeout(Duration.ofSeconds(30))
                .handle(Handler.of("tidy", t -> ran.incrementAndGet())).build();
        closeLater(w);
        List<String> logged = warningsDuring(() -> {
            for (int i = 0; i < 5; i++) client.submit(Task.named("tidy").set("i", i));
            w.start();
            await("5 tasks", () -> w.stats().succeeded() == 5);
            await("blocked fetch", () -> blocked("__tasque__tidy") == 1);
            w.close();
        });
        assertEquals(List.of(), logged);
        assertEquals(5, ran.get());
        assertEquals(0, blocked("__tasque__tidy"));
    }
}
