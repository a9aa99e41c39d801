// Graceful shutdown and the worker's life cycle: close() stops fetching, lets running tasks finish within the grace
// period, interrupts and NACKs the rest; close() before run() is fine; handlers cannot be added once started; run()
// blocks until closed.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.model.JobInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ShutdownTest extends TasqueFixture {

    @Test
    void runningTasksFinishAndTheRestStayQueued() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(client.submit(Task.named("slow").set("i", i)));
        Gate gate = new Gate();
        Worker w = startWorker(b -> b.concurrency(3).handle(Handler.of("slow", t -> gate.pass())));
        await("3 running", () -> gate.running.get() == 3);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(w::close);
        await("stopping", () -> w.state() == Worker.State.STOPPING);
        assertEquals(2, sync.qlen("__tasque__slow"));
        gate.open();
        closing.get(10, TimeUnit.SECONDS);
        assertEquals(Worker.State.TERMINATED, w.state());
        assertEquals(3, w.stats().succeeded());
        assertEquals(0, w.stats().nacked());
        assertEquals(2, sync.qlen("__tasque__slow"));
        assertEquals(3, ids.stream().filter(id -> sync.show(id) == null).count());
    }

    @Test
    void afterTheGracePeriodHandlersAreInterruptedAndTheirJobsNacked() throws Exception {
        String a = client.submit(Task.named("stuck"));
        String b = client.submit(Task.named("stuck"));
        List<Object> reasons = new java.util.concurrent.CopyOnWriteArrayList<>();
        Gate started = new Gate();
        Worker w = startWorker(c -> c.concurrency(2).shutdownGrace(Duration.ofMillis(200)).handle(Handler.of("stuck", t -> {
            started.entered.incrementAndGet();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                reasons.add(t.context().cancelReason().orElseThrow());
                throw e;
            }
        })));
        await("2 running", () -> started.entered.get() == 2);
        w.close();
        assertEquals(List.of(TaskContext.CancelReason.SHUTDOWN, TaskContext.CancelReason.SHUTDOWN), reasons);
        assertEquals(2, w.stats().nacked());
        assertEquals(0, w.stats().failed());
        assertEquals(0, client.deadLetters().count("stuck"));
        assertEquals(2, sync.qlen("__tasque__stuck"));
        for (String id : List.of(a, b)) {
            JobInfo<String, String> info = sync.show(id);
            assertEquals(1, info.nacks());
        }
    }

    @Test
    void aClosedWorkerFetchesNothingMore() {
        Worker w = startWorker(b -> b.handle(Handler.of("idle", t -> { })));
        await("blocked", () -> blocked("__tasque__idle") == 1);
        w.close();
        await("unblocked", () -> blocked("__tasque__idle") == 0);
        String id = client.submit(Task.named("idle"));
        assertEquals(1, sync.qlen("__tasque__idle"));
        assertEquals(0, sync.show(id).nacks());
    }

    @Test
    void closeBeforeRunIsFine() {
        Worker w = workerBuilder().handle(Handler.of("x", t -> { })).build();
        w.close();
        w.close();
        assertEquals(Worker.State.TERMINATED, w.state());
        w.run(); // returns at once
        assertThrows(IllegalStateException.class, w::start);
    }

    @Test
    void handlersAreRegisteredBeforeStartOnly() {
        Worker w = startWorker(b -> b.handle(Handler.of("x", t -> { })));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.handle(Handler.of("y", t -> { })));
        assertTrue(e.getMessage().contains("cannot register handler 'y'"), e.getMessage());
        assertTrue(e.getMessage().contains("before start() or run()"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> workerBuilder().handle(Handler.of("x", t -> { })).handle(Handler.of("x", t -> { })).build());
        Worker empty = workerBuilder().build();
        closeLater(empty);
        assertThrows(IllegalStateException.class, empty::start);
        Handler unnamed = t -> { };
        assertThrows(IllegalStateException.class, () -> workerBuilder().handle(unnamed).build());
    }

    @Test
    void runBlocksUntilClosed() throws Exception {
        Worker w = workerBuilder().handle(Handler.of("r", t -> { })).build();
        closeLater(w);
        Thread runner = new Thread(w::run);
        runner.start();
        await("running", () -> w.state() == Worker.State.RUNNING);
        client.submit(Task.named("r"));
        await("task", () -> w.stats().succeeded() == 1);
        assertTrue(runner.isAlive());
        w.close();
        runner.join(5000);
        assertTrue(!runner.isAlive());
    }

    @Test
    void interruptingRunClosesTheWorker() throws Exception {
        Worker w = workerBuilder().handle(Handler.of("r", t -> { })).build();
        closeLater(w);
        Thread runner = new Thread(w::run);
        runner.start();
        await("running", () -> w.state() == Worker.State.RUNNING);
        runner.interrupt();
        runner.join(5000);
        assertEquals(Worker.State.TERMINATED, w.state());
    }

    @Test
    void aHandlerMayCloseItsOwnWorker() throws Exception {
        AtomicReference<Worker> self = new AtomicReference<>();
        String id = client.submit(Task.named("quit"));
        Worker w = workerBuilder().handle(Handler.of("quit", t -> self.get().close())).build();
        closeLater(w);
        self.set(w);
        w.start();
        assertTrue(w.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(1, w.stats().succeeded());
        assertNull(sync.show(id));
    }
}
