// Dead letters: bodies that are not tasks and tasks with no handler go to __tasque_dead__<name> (never dropped, as Go
// tasque does), and the tools list, show, requeue, purge and delete them.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.AddJobArgs;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeadLetterTest extends TasqueFixture {

    private String addRaw(String queue, String body) {
        return sync.addjob(queue, body, new AddJobArgs().timeout(Duration.ofSeconds(5)));
    }

    @Test
    void badJsonGoesToTheDeadLetters() {
        String id = addRaw("__tasque__parse", "{\"Name\": \"parse\", \"Params\": [oops");
        AtomicInteger ran = new AtomicInteger();
        Worker w = startWorker(b -> b.handle(Handler.of("parse", t -> ran.incrementAndGet())));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        assertEquals(0, ran.get());
        assertNull(sync.show(id)); // acknowledged once the dead letter was written
        DeadTask d = client.deadLetters().list("parse", 10).get(0);
        assertEquals("parse", d.name());
        assertEquals(DeadReason.UNDECODABLE, d.deadReason().orElseThrow());
        assertEquals("{\"Name\": \"parse\", \"Params\": [oops", d.rawBody());
        assertEquals(id, d.originalJobId());
        assertTrue(d.lastError().contains("JsonException"), d.lastError());
    }

    @Test
    void unknownHandlerGoesToItsOwnDeadLetters() {
        // A task named "nosuch" that ended up in the queue of "download".
        String id = addRaw("__tasque__download", "{\"Name\":\"nosuch\",\"Params\":{\"a\":1},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}");
        List<String> ran = new CopyOnWriteArrayList<>();
        Worker w = startWorker(b -> b.handle(Handler.of("download", t -> ran.add(t.name()))));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        assertEquals(List.of(), ran);
        DeadTask d = client.deadLetters().list("nosuch", 10).get(0);
        assertEquals(DeadReason.UNKNOWN_HANDLER, d.deadReason().orElseThrow());
        assertEquals(1L, d.params().get("a"));
        assertEquals(id, d.originalJobId());
        assertTrue(d.lastError().contains("no handler for task 'nosuch'"), d.lastError());
        assertEquals(List.of("nosuch"), client.deadLetters().names());
    }

    @Test
    void listShowRequeueDeleteAndPurge() {
        Worker w = startWorker(b -> b.handle(Handler.of("job", t -> {
            if (!t.param("ok", Boolean.class, false)) throw new NonRetryableException("refused " + t.param("n"));
        })));
        for (int i = 0; i < 5; i++) client.submit(Task.named("job").set("n", i));
        await("5 dead", () -> w.stats().deadLettered() == 5);
        DeadLetters dl = client.deadLetters();
        assertEquals(5, dl.count("job"));
        List<DeadTask> all = dl.list("job", 100);
        assertEquals(5, all.size());
        assertEquals(2, dl.list("job", 2).size());

        DeadTask first = all.get(0);
        DeadTask shown = dl.show(first.jobId()).orElseThrow();
        assertEquals(first.params(), shown.params());
        assertTrue(shown.deadTime().isPresent());
        assertTrue(dl.show("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-05a1").isEmpty());

        // Requeued as a fresh task (attempt 1): it fails again and comes back with a new dead-letter job.
        String again = dl.requeue(first.jobId());
        assertNull(sync.show(first.jobId()));
        await("dead again", () -> w.stats().deadLettered() == 6);
        assertNull(sync.show(again));
        assertEquals(5, dl.count("job"));
        assertThrows(NoSuchElementException.class, () -> dl.requeue(first.jobId()));

        assertTrue(dl.delete(dl.list("job", 1).get(0).jobId()));
        assertEquals(4, dl.count("job"));
        assertEquals(4, dl.purge("job"));
        assertEquals(0, dl.count("job"));
        assertFalse(dl.delete(first.jobId()));
    }

    @Test
    void requeueAllAfterAFix() {
        List<Long> handled = new CopyOnWriteArrayList<>();
        Worker w1 = startWorker(b -> b.handle(Handler.of("fixme", t -> {
            throw new NonRetryableException("bug");
        })));
        for (int i = 0; i < 3; i++) client.submit(Task.named("fixme").set("n", i));
        await("3 dead", () -> w1.stats().deadLettered() == 3);
        w1.close();
        String raw = addRaw("__tasque_dead__fixme", "not even json");
        assertEquals(4, client.deadLetters().count("fixme"));
        // The fixed code is deployed: requeue everything.
        Worker w2 = startWorker(b -> b.handle(Handler.of("fixme", t -> handled.add(t.param("n", Long.class)))));
        assertEquals(4, client.deadLetters().requeueAll("fixme"));
        await("3 handled", () -> w2.stats().succeeded() == 3 && w2.stats().deadLettered() == 1);
        assertEquals(List.of(0L, 1L, 2L), handled.stream().sorted().toList());
        // The garbage body was put back as it was, and came back as undecodable.
        DeadTask d = client.deadLetters().list("fixme", 10).get(0);
        assertEquals("not even json", d.rawBody());
        assertNull(sync.show(raw));
    }
}
