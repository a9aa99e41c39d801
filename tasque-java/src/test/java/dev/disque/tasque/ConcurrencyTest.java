// The concurrency pool: never more tasks running than slots (globally and per handler), GETJOB asks for COUNT = free
// slots WITHCOUNTERS so the rest stay queued on the server, and an idle worker waits on the server (one blocked
// GETJOB per fetch timeout, no spinning, no reconnecting).
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.model.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends TasqueFixture {

    private void submit(String name, int n) {
        for (int i = 0; i < n; i++) client.submit(Task.named(name).set("i", i));
    }

    @Test
    void neverMoreThanConcurrencyAndNoOverFetch() {
        submit("slow", 30);
        Gate gate = new Gate();
        Worker w = startWorker(b -> b.concurrency(5).handle(Handler.of("slow", t -> gate.pass())));
        await("5 running", () -> gate.running.get() == 5);
        // The other 25 are still on the server: the worker asked only for what it could run.
        assertEquals(25, sync.qlen("__tasque__slow"));
        assertEquals(5, w.stats().running());
        gate.open();
        await("all done", () -> w.stats().succeeded() == 30);
        assertEquals(5, gate.max.get());
        assertEquals(0, sync.qlen("__tasque__slow"));
    }

    @Test
    void getjobAsksForTheFreeSlotsWithCounters() {
        sync.configSet("slowlog-log-slower-than", "0");
        submit("slow", 5);
        Gate gate = new Gate();
        Worker w = startWorker(b -> b.concurrency(3).handle(Handler.of("slow", t -> gate.pass())));
        await("3 running", () -> gate.running.get() == 3);
        List<List<String>> getjobs = new ArrayList<>();
        Reply.Array log = (Reply.Array) sync.dispatch("SLOWLOG", "GET", "-1");
        for (Reply entry : log.elements()) {
            List<String> args = new ArrayList<>();
            for (Reply a : ((Reply.Array) ((Reply.Array) entry).get(3)).elements()) args.add(((Reply.Bulk) a).asString());
            if (args.get(0).equalsIgnoreCase("getjob")) getjobs.add(args);
        }
        assertEquals(1, getjobs.size(), getjobs.toString());
        List<String> first = getjobs.get(0);
        assertEquals("3", first.get(first.indexOf("COUNT") + 1), first.toString());
        assertTrue(first.contains("WITHCOUNTERS"), first.toString());
        assertEquals("__tasque__slow", first.get(first.size() - 1));
        gate.open();
        await("all done", () -> w.stats().succeeded() == 5);
    }

    @Test
    void perHandlerLimit() {
        submit("a", 6);
        submit("b", 6);
        Gate ga = new Gate();
        Gate gb = new Gate();
        Worker w = startWorker(b -> b.concurrency(10)
                .handle(Handler.of("a", t -> ga.pass()), HandlerOptions.defaults().withMaxConcurrency(2))
                .handle(Handler.of("b", t -> gb.pass())));
        await("2 a and 6 b running", () -> ga.running.get() == 2 && gb.running.get() == 6);
        assertEquals(4, sync.qlen("__tasque__a"));
        assertEquals(0, sync.qlen("__tasque__b"));
        ga.open();
        // As a's slots free, its queue is fetched again at once, never more than 2 at a time.
        await("a done", () -> ga.done.get() == 6);
        assertEquals(2, ga.max.get());
        gb.open();
        await("all done", () -> w.stats().succeeded() == 12);
        assertEquals(6, gb.max.get());
    }

    @Test
    void idleWorkerWaitsOnTheServer() {
        long connections0 = connectionsReceived();
        Worker w = startWorker(b -> b.concurrency(4).fetchTimeout(Duration.ofSeconds(30))
                .handle(Handler.of("idle", t -> { })));
        await("a blocked GETJOB", () -> blocked("__tasque__idle") == 1);
        long getjobs = calls("getjob");
        long connections = connectionsReceived();
        assertTrue(connections - connections0 <= 4, "connections: " + (connections - connections0));
        for (int i = 1; i <= 3; i++) {
            // Each server-side timeout ends one GETJOB; the worker sends exactly one more, on the same connection.
            advance(Duration.ofSeconds(31));
            long expected = getjobs + i;
            await("GETJOB number " + expected, () -> calls("getjob") == expected && blocked("__tasque__idle") == 1);
        }
        assertEquals(connections, connectionsReceived());
        client.submit(Task.named("idle"));
        await("the task", () -> w.stats().succeeded() == 1);
    }

    @Test
    void virtualThreadsWhenTheJvmHasThem() {
        if (!Worker.virtualThreadsAvailable()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> workerBuilder().virtualThreads(true).handle(Handler.of("v", t -> { })).build());
            assertTrue(e.getMessage().contains("Java 21"), e.getMessage());
            return;
        }
        submit("v", 20);
        Gate gate = new Gate();
        Worker w = startWorker(b -> b.virtualThreads(true).concurrency(4).handle(Handler.of("v", t -> gate.pass())));
        await("4 running", () -> gate.running.get() == 4);
        assertEquals(16, sync.qlen("__tasque__v"));
        gate.open();
        await("all done", () -> w.stats().succeeded() == 20);
        assertEquals(4, gate.max.get());
    }

    private long connectionsReceived() {
        for (String line : sync.info("stats").split("\r\n")) {
            if (line.startsWith("total_connections_received:")) return Long.parseLong(line.substring(27));
        }
        throw new AssertionError("no total_connections_received");
    }
}
