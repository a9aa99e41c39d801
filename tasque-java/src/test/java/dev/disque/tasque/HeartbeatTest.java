// Heartbeats: WORKING on receipt and while the handler runs keeps a long task from being delivered again past its
// retry time; once half the TTL is gone the server answers TOOLATE and the handler sees it in its context.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.model.JobInfo;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HeartbeatTest extends TasqueFixture {

    private long requeueWithin(String id) {
        JobInfo<String, String> info = sync.show(id);
        return info == null || info.nextRequeueWithin() == null ? -1 : info.nextRequeueWithin();
    }

    @Test
    void heartbeatsKeepALongTaskFromBeingRedelivered() {
        String id = client.submit(Task.named("long"), SubmitOption.retry(Duration.ofSeconds(2)));
        Gate gate = new Gate();
        Worker w = startWorker(b -> b.concurrency(2).heartbeatInterval(Duration.ofMillis(20))
                .handle(Handler.of("long", t -> gate.pass())));
        await("running", () -> gate.running.get() == 1);
        for (int i = 0; i < 10; i++) {
            // One second of server time, then a heartbeat resets the next requeue to ~2 s again.
            advance(Duration.ofSeconds(1));
            await("a heartbeat after second " + (i + 1), () -> requeueWithin(id) > 1500);
        }
        // Ten seconds with a 2 s retry time: still not queued again, still one delivery.
        assertEquals(0, sync.qlen("__tasque__long"));
        assertEquals(1, gate.entered.get());
        gate.open();
        await("done", () -> w.stats().succeeded() == 1);
        assertNull(sync.show(id));
    }

    @Test
    void withoutHeartbeatsTheTaskIsDeliveredAgain() {
        client.submit(Task.named("long"), SubmitOption.retry(Duration.ofSeconds(2)));
        Gate gate = new Gate();
        startWorker(b -> b.concurrency(2).heartbeats(false).handle(Handler.of("long", t -> gate.pass())));
        await("running", () -> gate.running.get() == 1);
        advance(Duration.ofSeconds(3));
        await("a second delivery", () -> gate.entered.get() == 2);
        gate.open();
    }

    @Test
    void tooLateIsVisibleInTheContext() throws InterruptedException {
        String id = client.submit(Task.named("late"), SubmitOption.retry(Duration.ofSeconds(2)),
                SubmitOption.ttl(Duration.ofSeconds(10)));
        AtomicReference<TaskContext> ctx = new AtomicReference<>();
        AtomicBoolean manualBeat = new AtomicBoolean(true);
        CountDownLatch returned = new CountDownLatch(1);
        Worker w = startWorker(b -> b.heartbeatInterval(Duration.ofMillis(20)).handle(Handler.of("late", t -> {
            ctx.set(t.context());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!t.context().isLeaseLost() && System.nanoTime() < deadline) Thread.sleep(5);
            manualBeat.set(t.context().heartbeat());
            returned.countDown();
        })));
        await("running", () -> ctx.get() != null);
        assertFalse(ctx.get().isLeaseLost());
        for (int i = 0; i < 6 && !ctx.get().isLeaseLost(); i++) {
            advance(Duration.ofSeconds(1));
            await("a heartbeat or TOOLATE", () -> ctx.get().isLeaseLost() || requeueWithin(id) > 1500);
        }
        assertTrue(returned.await(10, TimeUnit.SECONDS));
        assertTrue(ctx.get().isLeaseLost());
        assertFalse(manualBeat.get());
        assertFalse(ctx.get().isCancelled());
        // The handler finished anyway: its acknowledgement still counts.
        await("acknowledged", () -> w.stats().succeeded() == 1 && sync.show(id) == null);
    }
}
