// Handler timeouts: the handler is interrupted, sees TIMEOUT in its context, and the attempt is a failure (retried,
// then dead-lettered) even if the handler swallows the interrupt and returns normally.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TimeoutTest extends TasqueFixture {

    @Test
    void timedOutHandlersAreInterruptedAndFail() {
        List<Object> seen = new CopyOnWriteArrayList<>();
        client.submit(Task.named("stuck"));
        Worker w = startWorker(b -> b.maxAttempts(2).backoff(Backoff.immediate()).handle(Handler.of("stuck", t -> {
            seen.add(t.context().deadline().isPresent());
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                seen.add(t.context().cancelReason().orElseThrow());
                if (t.attempt() == 2) return; // swallows the interrupt: still a failure
                throw e;
            }
        }), HandlerOptions.defaults().withTimeout(Duration.ofMillis(100))));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        assertEquals(List.of(true, TaskContext.CancelReason.TIMEOUT, true, TaskContext.CancelReason.TIMEOUT), seen);
        assertEquals(0, w.stats().succeeded());
        assertEquals(2, w.stats().failed());
        DeadTask d = client.deadLetters().list("stuck", 1).get(0);
        assertTrue(d.lastError().startsWith("dev.disque.tasque.TaskTimeoutException: task 'stuck' timed out after 100 ms"),
                d.lastError());
    }

    @Test
    void fastHandlersAreNotAffected() {
        client.submit(Task.named("quick"));
        Worker w = startWorker(b -> b.handle(Handler.of("quick", t -> { }),
                HandlerOptions.defaults().withTimeout(Duration.ofSeconds(30))));
        await("done", () -> w.stats().succeeded() == 1);
        assertEquals(0, w.stats().failed());
    }
}
