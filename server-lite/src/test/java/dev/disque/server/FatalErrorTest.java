/*
 * FatalErrorTest: an Error thrown by work on the event loop (here a task
 * the state machine scheduled, as its timers do) stops the node for good
 * instead of leaving it half alive: the port closes, terminated() completes
 * exceptionally with the cause, and the onFatal action runs (the standalone
 * server exits non-zero there).
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FatalErrorTest {
    private static final class Boom extends Error {
        private static final long serialVersionUID = 1L;

        Boom() {
            super("injected by the test");
        }
    }

    @Test
    void anErrorInALoopTaskStopsTheNode() throws Exception {
        DisqueServer server = DisqueServer.builder().port(0).build().start();
        int port = server.port();
        try (RespClient c = new RespClient(port)) {
            Wire.assertPong(c);
            server.inspect(e -> {
                e.loop().execute(() -> {
                    throw new Boom();
                });
                return null;
            });
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> server.terminated().get(60, TimeUnit.SECONDS));
            assertInstanceOf(Boom.class, failed.getCause());
            assertThrows(IOException.class, () -> new RespClient(port).close(), "the port no longer accepts");
        } finally {
            server.close();
        }
    }

    @Test
    void theOnFatalActionDecidesWhatHappensNext() throws Exception {
        CompletableFuture<Throwable> seen = new CompletableFuture<>();
        AtomicInteger calls = new AtomicInteger();
        try (DisqueServer server = DisqueServer.builder().port(0).onFatal(t -> {
            calls.incrementAndGet();
            seen.complete(t);
        }).build().start()) {
            server.inspect(e -> {
                e.loop().schedule(() -> {
                    throw new Boom();
                }, 1);
                return null;
            });
            assertInstanceOf(Boom.class, seen.get(60, TimeUnit.SECONDS));
            // Reported once: a second error does not call the action again.
            server.inspect(e -> {
                e.loop().execute(() -> {
                    throw new Boom();
                });
                return null;
            });
            // Tasks run in order: once this one ran, so did the failing one.
            server.inspect(e -> null);
            assertEquals(1, calls.get());
        }
    }
}
