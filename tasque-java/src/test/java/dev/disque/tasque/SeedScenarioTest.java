// The seed article's scenario end to end: two workers (download, foo) with 10 slots each, a producer that submits
// one task of each with a 5 s enqueue timeout; each handler runs once with its parameter and its job is acknowledged.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SeedScenarioTest extends TasqueFixture {

    @Test
    void twoWorkersAndAProducer() {
        List<String> downloaded = new CopyOnWriteArrayList<>();
        List<String> printed = new CopyOnWriteArrayList<>();
        Handler downloader = Handler.of("download", t -> downloaded.add(t.param("url", String.class)));
        Handler foo = Handler.of("foo", t -> printed.add("foo worker runs, param is " + t.param("text", String.class)));
        Worker w1 = startWorker(b -> b.concurrency(10).handle(downloader));
        Worker w2 = startWorker(b -> b.concurrency(10).handle(foo));

        try (TasqueClient producer = TasqueClient.builder(disque).enqueueTimeout(Duration.ofSeconds(5)).build()) {
            String id1 = producer.submit(Task.named("download").set("url", "http://google.com"));
            String id2 = producer.submit(Task.named("foo").set("text", "I am the kind of world."));
            await("both tasks", () -> w1.stats().succeeded() == 1 && w2.stats().succeeded() == 1);
            assertEquals(List.of("http://google.com"), downloaded);
            assertEquals(List.of("foo worker runs, param is I am the kind of world."), printed);
            // Acknowledged: the server forgot both jobs.
            await("acks", () -> sync.show(id1) == null && sync.show(id2) == null);
        }
        assertEquals(0, sync.qlen("__tasque__download"));
        assertEquals(0, sync.qlen("__tasque__foo"));
        assertTrue(w1.handlerNames().contains("download"));
        assertNull(sync.qstat("__tasque_dead__download"));
    }
}
