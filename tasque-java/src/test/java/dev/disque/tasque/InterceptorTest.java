// Middleware and metrics: submit interceptors and execute interceptors run in the order added, can add parameters and
// make retry decisions; listeners and the Micrometer meters see started, succeeded, failed, retried and dead tasks.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.tasque.metrics.TasqueMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InterceptorTest extends TasqueFixture {

    @Test
    void submitInterceptorsRunInOrderAndMayChangeTheTask() {
        List<String> calls = new CopyOnWriteArrayList<>();
        try (TasqueClient c = TasqueClient.builder(disque)
                .interceptor((task, options, next) -> {
                    calls.add("outer");
                    task.set("trace", "t-1");
                    return next.proceed(task, options).thenApply(id -> {
                        calls.add("outer done");
                        return id;
                    });
                })
                .interceptor((task, options, next) -> {
                    calls.add("inner " + task.param("trace"));
                    return next.proceed(task, options.withDelay(Duration.ofSeconds(30)));
                })
                .interceptor((task, options, next) -> {
                    if (task.name().equals("forbidden")) return CompletableFuture.failedFuture(new SecurityException("no"));
                    return next.proceed(task, options);
                })
                .build()) {
            String id = c.submit(Task.named("traced"));
            assertEquals(List.of("outer", "inner t-1", "outer done"), calls);
            assertEquals(30, sync.show(id).delay());
            assertTrue(sync.show(id).body().contains("\"Params\":{\"trace\":\"t-1\"}"));
            assertThrows(SecurityException.class, () -> c.submit(Task.named("forbidden")));
        }
    }

    @Test
    void executeInterceptorsWrapTheHandlerInOrderAndDecideRetries() {
        List<String> calls = new CopyOnWriteArrayList<>();
        client.submit(Task.named("work").set("fail", true));
        client.submit(Task.named("work").set("fail", false));
        Worker w = startWorker(b -> b.concurrency(1)
                .interceptor((task, next) -> {
                    calls.add("1 before " + task.param("fail"));
                    try {
                        next.proceed();
                    } finally {
                        calls.add("1 after");
                    }
                })
                .interceptor((task, next) -> {
                    try {
                        next.proceed();
                    } catch (IllegalArgumentException e) {
                        // A custom decision: this error is permanent.
                        throw new NonRetryableException("permanent", e);
                    }
                })
                .handle(Handler.of("work", t -> {
                    calls.add("handler");
                    if (t.param("fail", Boolean.class)) throw new IllegalArgumentException("bad input");
                })));
        await("both", () -> w.stats().succeeded() == 1 && w.stats().deadLettered() == 1);
        assertEquals(List.of("1 before true", "handler", "1 after", "1 before false", "handler", "1 after"), calls);
        assertEquals("non-retryable", client.deadLetters().list("work", 1).get(0).reason());
    }

    @Test
    void micrometerMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        client.submit(Task.named("m").set("mode", "ok"));
        client.submit(Task.named("m").set("mode", "retry"));
        client.submit(Task.named("m").set("mode", "dead"));
        Worker w = startWorker(b -> b.concurrency(1).maxAttempts(2).backoff(Backoff.immediate())
                .listener(new TasqueMetrics(registry)).handle(Handler.of("m", t -> {
                    String mode = t.param("mode", String.class);
                    if (mode.equals("dead")) throw new IllegalStateException("always");
                    if (mode.equals("retry") && t.attempt() == 1) throw new IllegalStateException("once");
                })));
        await("all", () -> w.stats().succeeded() == 2 && w.stats().deadLettered() == 1);
        assertEquals(5.0, registry.get("tasque.tasks.started").tag("handler", "m").counter().count());
        assertEquals(2.0, registry.get("tasque.tasks.succeeded").tag("handler", "m").counter().count());
        assertEquals(3.0, registry.get("tasque.tasks.failed").tag("exception", "IllegalStateException").counter().count());
        assertEquals(2.0, registry.get("tasque.tasks.retried").tag("delayed", "false").counter().count());
        assertEquals(1.0, registry.get("tasque.tasks.dead").tag("reason", "max-attempts").counter().count());
        assertEquals(2, registry.get("tasque.task.run").tag("outcome", "success").timer().count());
        assertEquals(5, registry.get("tasque.task.queue.wait").tag("handler", "m").timer().count());
    }
}
