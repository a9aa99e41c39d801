// Scheduling: a task submitted to run at an absolute time, and recurring tasks registered by several workers that
// fire once per occurrence, across restarts, when workers raced to register, and when an occurrence is delivered
// again after a worker went away. Time is moved on the server's clock, which the workers share.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.JScanArgs;
import dev.disque.client.model.JobInfo;
import dev.disque.tasque.json.GoTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ScheduleTest extends TasqueFixture {
    private static final String QUEUE = "__tasque_schedule__tick";
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final Schedule tick = Schedule.every("tick", PERIOD, Task.named("tock").set("from", "schedule"));

    private Instant now() {
        return serverClock().instant();
    }

    /** Moves the shared clock to the instant (rounded up to whole seconds, as DELAY is) and runs the server's timers. */
    private void advanceTo(Instant t) {
        long ms = Duration.between(now(), t).toMillis();
        advance(Duration.ofSeconds((ms + 999) / 1000));
    }

    private Worker scheduler() {
        return startWorker(b -> b.clock(serverClock()).schedule(tick));
    }

    private record Occurrence(String id, Instant due, Instant after) {
    }

    /** The schedule's jobs, in any state. */
    private List<Occurrence> occurrences() {
        List<Occurrence> out = new ArrayList<>();
        Iterator<String> it = sync.jscanIterator(new JScanArgs().queue(QUEUE));
        while (it.hasNext()) {
            String id = it.next();
            JobInfo<String, String> info = sync.show(id);
            if (info == null) continue;
            Task t = TaskCodec.decode(info.body());
            String after = t.param("after", String.class);
            out.add(new Occurrence(id, GoTime.parse(t.param("due", String.class)).toInstant(),
                    after == null ? null : GoTime.parse(after).toInstant()));
        }
        return out;
    }

    /** Waits until the chain holds exactly one job, due at {@code due}, and returns it. */
    private Occurrence awaitNext(Instant due) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Occurrence> o = occurrences();
            if (o.size() == 1 && o.get(0).due().equals(due)) return o.get(0);
            if (System.nanoTime() > deadline) {
                List<String> states = new ArrayList<>();
                for (Occurrence x : o) {
                    JobInfo<String, String> i = sync.show(x.id());
                    states.add(x + " " + (i == null ? "gone" : i.state() + " nacks " + i.nacks()));
                }
                fail("timed out waiting for one occurrence due " + due + " (now " + now() + "); the queue holds "
                        + states + ", " + tocks() + " task(s) submitted");
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private long tocks() {
        return sync.qlen("__tasque__tock");
    }

    /** Adds an occurrence job as a worker would. */
    private String addOccurrence(Instant due, Instant after) {
        Task body = Task.named(QUEUE).set("schedule", "tick").set("due", due);
        if (after != null) body.set("after", after);
        long delay = SubmitOptions.seconds(Duration.between(now(), due));
        return sync.addjob(QUEUE, TaskCodec.encode(body, now().atOffset(ZoneOffset.UTC)),
                new AddJobArgs().timeout(Duration.ofSeconds(5)).delay(delay).retry(30).ttl(delay + 3600));
    }

    @Test
    void submitAtAnAbsoluteTime() {
        TasqueClient c = TasqueClient.builder(disque).clock(serverClock()).build();
        closeLater(c);
        String id = c.submit(Task.named("report"), SubmitOption.at(now().plusSeconds(90)));
        assertEquals(90, sync.show(id).delay());
        // Rounded up, never early; a time in the past is now.
        assertEquals(2, sync.show(c.submit(Task.named("report"), SubmitOption.at(now().plusMillis(1200)))).delay());
        assertEquals(0, sync.show(c.submit(Task.named("report"), SubmitOption.at(now().minusSeconds(5)))).delay());
        assertEquals(1, sync.qlen("__tasque__report"));
        advance(Duration.ofSeconds(89));
        assertEquals(2, sync.qlen("__tasque__report"));
        advance(Duration.ofSeconds(1));
        assertEquals(3, sync.qlen("__tasque__report"));
        // The later option wins.
        String later = c.submit(Task.named("report"), Delay.of(Duration.ofSeconds(5)), SubmitOption.at(now().plusSeconds(30)));
        assertEquals(30, sync.show(later).delay());
        assertThrows(NullPointerException.class, () -> SubmitOption.at(null));
    }

    @Test
    void severalWorkersOneChainOneTaskPerOccurrence() {
        for (int i = 0; i < 3; i++) scheduler();
        Instant due = tick.next(now());
        Occurrence first = awaitNext(due);
        assertNull(first.after());
        for (int k = 1; k <= 3; k++) {
            assertEquals(k - 1, tocks());
            advanceTo(due);
            Instant next = due.plus(PERIOD);
            Occurrence o = awaitNext(next);
            assertEquals(due, o.after());
            assertEquals(k, tocks(), "one task for occurrence " + k);
            due = next;
        }
        Task t = TaskCodec.decode(queued("__tasque__tock").get(0).body());
        assertEquals("tock", t.name());
        assertEquals("schedule", t.param("from"));
    }

    @Test
    void workersRacingToRegisterStillFireOnce() throws Exception {
        // Three workers start at the same moment: each may find the queue empty and start a chain; the twins (same
        // due time) are merged when they fire.
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Worker w = workerBuilder().clock(serverClock()).schedule(tick).build();
            closeLater(w);
            starts.add(CompletableFuture.runAsync(w::start));
        }
        for (CompletableFuture<Void> s : starts) s.get();
        Instant due = tick.next(now());
        int chains = occurrences().size();
        advanceTo(due);
        awaitNext(due.plus(PERIOD));
        assertEquals(1, tocks(), "one task from " + chains + " chain(s)");
        advanceTo(due.plus(PERIOD));
        awaitNext(due.plus(PERIOD.multipliedBy(2)));
        assertEquals(2, tocks());
    }

    @Test
    void twinOccurrencesFireOnce() {
        Instant due = tick.next(now());
        addOccurrence(due, null);
        addOccurrence(due, null);
        scheduler();
        scheduler();
        assertEquals(2, occurrences().size()); // registration saw the chain and added nothing
        advanceTo(due);
        awaitNext(due.plus(PERIOD));
        assertEquals(1, tocks());
    }

    @Test
    void aRestartKeepsTheChainAndMissedOccurrencesFireOnce() throws Exception {
        Worker a = scheduler();
        Worker b = scheduler();
        Instant due = tick.next(now());
        String chain = awaitNext(due).id();
        a.close();
        b.close();
        // No worker runs through three occurrences; the job waits on the server.
        advanceTo(due.plus(PERIOD.multipliedBy(2)).plusSeconds(10));
        assertEquals(1, sync.qlen(QUEUE));
        scheduler();
        scheduler();
        Instant next = tick.next(now());
        Occurrence o = awaitNext(next);
        assertEquals(due, o.after()); // the old chain went on: no second one was started
        assertEquals(1, tocks(), "the missed occurrences collapse into one");
        assertNull(sync.show(chain));
    }

    @Test
    void anOccurrenceDeliveredAgainDoesNotSubmitTwice() {
        // A worker took the occurrence due at D, submitted the task, added the next occurrence, and died before
        // acknowledging: Disque delivers D again.
        Instant due = tick.next(now());
        String redelivered = addOccurrence(due, null);
        addOccurrence(due.plus(PERIOD), due);
        scheduler();
        advanceTo(due);
        Occurrence next = awaitNext(due.plus(PERIOD));
        assertNull(sync.show(redelivered));
        assertEquals(due, next.after());
        assertEquals(0, tocks(), "its task had been submitted by the worker that died");
        advanceTo(due.plus(PERIOD));
        awaitNext(due.plus(PERIOD.multipliedBy(2)));
        assertEquals(1, tocks());
    }

    @Test
    void cronSchedulesAndRegistrationRules() {
        Schedule nightly = Schedule.cron("nightly", "0 3 * * *", Task.named("report"));
        Worker w = startWorker(b -> b.clock(serverClock()).schedule(nightly));
        Instant due = nightly.next(now());
        await("first occurrence", () -> sync.qstat("__tasque_schedule__nightly") != null
                && sync.jscanIterator(new JScanArgs().queue("__tasque_schedule__nightly")).hasNext());
        String id = sync.jscanIterator(new JScanArgs().queue("__tasque_schedule__nightly")).next();
        assertEquals(SubmitOptions.seconds(Duration.between(now(), due)), sync.show(id).delay());
        assertEquals(List.of(), w.handlerNames(), "a schedule is not a handler");
        assertThrows(IllegalStateException.class, () -> w.schedule(tick));
        assertThrows(IllegalArgumentException.class, () -> Worker.builder(disque).schedule(nightly).schedule(nightly).build());
    }
}
