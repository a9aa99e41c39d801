// Fairness across handlers: the queue order rotates between fetches, so a busy first handler cannot starve the
// others (Go tasque always serves the first handler's queue first); strict priority keeps the registration order.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FairnessTest extends TasqueFixture {

    private List<String> runOneAtATime(boolean strict) {
        for (int i = 0; i < 6; i++) client.submit(Task.named("a"));
        for (int i = 0; i < 6; i++) client.submit(Task.named("b"));
        for (int i = 0; i < 6; i++) client.submit(Task.named("c"));
        List<String> order = new CopyOnWriteArrayList<>();
        Worker w = startWorker(b -> b.concurrency(1).strictPriority(strict)
                .handle(Handler.of("a", t -> order.add("a")))
                .handle(Handler.of("b", t -> order.add("b")))
                .handle(Handler.of("c", t -> order.add("c"))));
        await("all", () -> w.stats().succeeded() == 18);
        return order;
    }

    @Test
    void rotationInterleavesTheHandlers() {
        List<String> order = runOneAtATime(false);
        assertEquals(List.of("a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c", "a", "b", "c"), order);
    }

    @Test
    void strictPriorityServesTheFirstHandlerFirst() {
        List<String> order = runOneAtATime(true);
        assertEquals(List.of("a", "a", "a", "a", "a", "a", "b", "b", "b", "b", "b", "b", "c", "c", "c", "c", "c", "c"), order);
    }
}
