// Failures: the backoff schedule (NACK first, then new jobs with DELAY and Meta.Attempt+1), dead-lettering after the
// last attempt, an Error counts as a failure, NonRetryableException and RetryLaterException, a TTL that would run out,
// and a job redelivered too often (a poison pill) dead-lettered without running.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.args.JScanArgs;
import dev.disque.client.model.JobInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest extends TasqueFixture {
    private final List<Integer> attempts = new CopyOnWriteArrayList<>();
    private final List<String> jobIds = new CopyOnWriteArrayList<>();
    private final List<String> lastErrors = new CopyOnWriteArrayList<>();
    private final List<Duration> retries = new CopyOnWriteArrayList<>();

    private final WorkerListener recorder = new WorkerListener() {
        @Override
        public void taskRetried(Task task, Duration delay) {
            retries.add(delay);
        }
    };

    private Handler failing(String name, Throwable error) {
        return Handler.of(name, t -> {
            attempts.add(t.attempt());
            jobIds.add(t.jobId());
            lastErrors.add(t.lastError().orElse(""));
            if (error instanceof Exception e) throw e;
            throw (Error) error;
        });
    }

    private List<String> jobsIn(String queue) {
        List<String> ids = new ArrayList<>();
        Iterator<String> it = sync.jscanIterator(new JScanArgs().queue(queue));
        while (it.hasNext()) ids.add(it.next());
        return ids;
    }

    @Test
    void backoffScheduleThenDeadLetter() {
        String first = client.submit(Task.named("flaky").set("n", 1));
        Worker w = startWorker(b -> b.concurrency(2).maxAttempts(4).listener(recorder)
                .backoff(Backoff.exponential(Duration.ofSeconds(10), Duration.ofHours(1)).withJitter(0))
                .handle(failing("flaky", new IllegalStateException("boom"))));
        // Attempt 1 fails: NACK, attempt 2 at once (same job).
        await("2 attempts", () -> attempts.size() == 2 && retries.size() == 2);
        assertEquals(List.of(1, 2), attempts);
        assertEquals(List.of(first, first), jobIds);
        assertEquals(List.of(Duration.ZERO, Duration.ofSeconds(10)), retries);
        // Attempt 2 failed: a new delayed job, the old one acknowledged.
        List<String> delayed = jobsIn("__tasque__flaky");
        assertEquals(1, delayed.size());
        assertNotEquals(first, delayed.get(0));
        JobInfo<String, String> info = sync.show(delayed.get(0));
        assertEquals(10, info.delay());
        assertTrue(info.body().contains("\"Meta\":{\"Attempt\":3,\"OriginalJobId\":\"" + first + "\""), info.body());
        assertEquals(null, sync.show(first));

        advance(Duration.ofSeconds(8));
        assertEquals(0, sync.qlen("__tasque__flaky"));
        assertEquals(2, attempts.size());
        advance(Duration.ofSeconds(3));
        await("attempt 3", () -> attempts.size() == 3 && retries.size() == 3);
        assertEquals(Duration.ofSeconds(20), retries.get(2));
        assertEquals("java.lang.IllegalStateException: boom", lastErrors.get(2));

        advance(Duration.ofSeconds(18));
        assertEquals(3, attempts.size());
        advance(Duration.ofSeconds(3));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        assertEquals(List.of(1, 2, 3, 4), attempts);
        assertEquals(0, sync.qlen("__tasque__flaky"));
        assertEquals(List.of(), jobsIn("__tasque__flaky"));

        List<DeadTask> dead = client.deadLetters().list("flaky", 10);
        assertEquals(1, dead.size());
        DeadTask d = dead.get(0);
        assertEquals("flaky", d.name());
        assertEquals(4, d.attempts());
        assertEquals(DeadReason.MAX_ATTEMPTS, d.deadReason().orElseThrow());
        assertEquals("java.lang.IllegalStateException: boom", d.lastError());
        assertTrue(d.stackTrace().contains("RetryTest"), d.stackTrace());
        assertEquals(first, d.originalJobId());
        assertEquals(1L, d.params().get("n"));
        assertEquals(3, w.stats().retried());
        assertEquals(4, w.stats().failed());
        assertEquals(0, w.stats().succeeded());
    }

    @Test
    void anErrorIsAFailureNeverASuccess() {
        client.submit(Task.named("err"));
        Worker w = startWorker(b -> b.maxAttempts(2).backoff(Backoff.immediate())
                .handle(failing("err", new AssertionError("broken invariant"))));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        assertEquals(List.of(1, 2), attempts);
        assertEquals(0, w.stats().succeeded());
        DeadTask d = client.deadLetters().list("err", 1).get(0);
        assertEquals("java.lang.AssertionError: broken invariant", d.lastError());
    }

    @Test
    void nonRetryableGoesStraightToTheDeadLetters() {
        client.submit(Task.named("bad"));
        Worker w = startWorker(b -> b.handle(failing("bad", new NonRetryableException("no such user"))));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        assertEquals(List.of(1), attempts);
        assertEquals("non-retryable", client.deadLetters().list("bad", 1).get(0).reason());
    }

    @Test
    void missingRequiredParamIsNotRetried() {
        client.submit(Task.named("p").set("n", "not a number"));
        Worker w = startWorker(b -> b.handle(Handler.of("p", t -> t.requireParam("n", Integer.class))));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        DeadTask d = client.deadLetters().list("p", 1).get(0);
        assertEquals("non-retryable", d.reason());
        assertTrue(d.lastError().contains("TaskParamException"), d.lastError());
    }

    @Test
    void retryLaterChoosesTheDelay() {
        client.submit(Task.named("limited"));
        AtomicInteger calls = new AtomicInteger();
        Worker w = startWorker(b -> b.listener(recorder).handle(Handler.of("limited", t -> {
            attempts.add(t.attempt());
            if (calls.incrementAndGet() == 1) throw new RetryLaterException(Duration.ofSeconds(100), "rate limited");
        })));
        await("retry", () -> retries.size() == 1);
        assertEquals(Duration.ofSeconds(100), retries.get(0));
        advance(Duration.ofSeconds(98));
        assertEquals(1, attempts.size());
        advance(Duration.ofSeconds(3));
        await("success", () -> w.stats().succeeded() == 1);
        assertEquals(List.of(1, 2), attempts);
    }

    @Test
    void delayedRetryKeepsRetryTimeAndRemainingTtl() {
        client.submit(Task.named("keep"), SubmitOption.retry(Duration.ofSeconds(60)), SubmitOption.ttl(Duration.ofHours(1)));
        advance(Duration.ofSeconds(100));
        startWorker(b -> b.listener(recorder).backoff(Backoff.fixed(Duration.ofMillis(1500)))
                .handle(failing("keep", new RuntimeException("x"))));
        await("retry", () -> retries.size() == 1);
        List<String> ids = jobsIn("__tasque__keep");
        assertEquals(1, ids.size());
        JobInfo<String, String> info = sync.show(ids.get(0));
        assertEquals(60, info.retry());
        assertEquals(2, info.delay()); // 1.5 s rounded up
        assertTrue(info.ttl() <= 3500 && info.ttl() >= 3490, "ttl " + info.ttl());
    }

    @Test
    void aRetryAfterTheTtlIsDeadLetteredNotLost() {
        client.submit(Task.named("short"), SubmitOption.ttl(Duration.ofSeconds(30)));
        Worker w = startWorker(b -> b.backoff(Backoff.fixed(Duration.ofMinutes(1)))
                .handle(failing("short", new RuntimeException("slow backend"))));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        DeadTask d = client.deadLetters().list("short", 1).get(0);
        assertEquals(DeadReason.EXPIRING, d.deadReason().orElseThrow());
        assertEquals("java.lang.RuntimeException: slow backend", d.lastError());
    }

    @Test
    void aFailedAtMostOnceJobIsDeadLetteredNotDropped() {
        // RETRY 0: Disque delivers it once and a NACK does not queue it again.
        String id = sync.addjob("__tasque__once", "{\"Name\":\"once\",\"Params\":{},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}",
                new AddJobArgs().timeout(Duration.ofSeconds(5)).retry(0).replicate(1));
        Worker w = startWorker(b -> b.handle(failing("once", new RuntimeException("failed once"))));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        assertEquals(List.of(1), attempts);
        DeadTask d = client.deadLetters().list("once", 1).get(0);
        assertEquals("non-retryable", d.reason());
        assertEquals(id, d.originalJobId());
        assertEquals(0, w.stats().retried());
    }

    @Test
    void aJobRedeliveredTooOftenIsDeadLetteredWithoutRunning() {
        String id = sync.addjob("__tasque__poison", "{\"Name\":\"poison\",\"Params\":{},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}",
                new AddJobArgs().timeout(Duration.ofSeconds(5)));
        for (int i = 0; i < 3; i++) {
            // A worker that crashed with it, three times.
            assertEquals(id, sync.getjob(GetJobArgs.Builder.nohang(), "__tasque__poison").get(0).id());
            sync.nack(id);
        }
        AtomicInteger ran = new AtomicInteger();
        Worker w = startWorker(b -> b.maxAttempts(3).handle(Handler.of("poison", t -> ran.incrementAndGet())));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        assertEquals(0, ran.get());
        DeadTask d = client.deadLetters().list("poison", 1).get(0);
        assertEquals(4, d.attempts());
        assertEquals("max-attempts", d.reason());
        assertEquals(id, d.originalJobId());
    }
}
