// JobStream: GETJOB COUNT follows the subscriber's demand (never more in flight than requested), explicit
// ack/nack/working per job, and a clean cancel (jobs that arrive after it are NACKed back).
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.model.Job;
import dev.disque.server.DisqueServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

class JobStreamTest extends ClientFixture {
    private DisqueServer real;
    private StatefulDisqueConnection<String, String> c;

    /** A server on the system clock, so GETJOB's short poll timeout passes by itself. */
    @BeforeEach
    void realClockServer() {
        real = newServer(DisqueServer.builder().port(0));
        c = newClient(DisqueURI.create("127.0.0.1", real.port())).connect();
    }

    /** A subscriber that requests only when told to. */
    static final class Manual extends BaseSubscriber<Job<String, String>> {
        final List<Job<String, String>> received = new CopyOnWriteArrayList<>();

        @Override
        protected void hookOnSubscribe(Subscription s) {
            // no initial demand
        }

        @Override
        protected void hookOnNext(Job<String, String> job) {
            received.add(job);
        }
    }

    private long queued(String q) {
        return c.sync().qlen(q);
    }

    @Test
    void fetchesOnlyWhatWasRequested() {
        for (int i = 0; i < 10; i++) c.sync().addjob("work", "job-" + i);
        JobStream<String, String> stream = c.jobStream().queues("work").pollTimeout(Duration.ofMillis(200)).build();
        Manual sub = new Manual();
        stream.flux().subscribe(sub);
        assertEquals(10, queued("work"), "nothing fetched without demand");
        sub.request(3);
        await("3 jobs", () -> sub.received.size() == 3);
        assertEquals(7, queued("work"), "exactly the demand was fetched");
        sub.request(2);
        await("5 jobs", () -> sub.received.size() == 5);
        assertEquals(5, queued("work"));
        assertEquals(List.of("job-0", "job-1", "job-2", "job-3", "job-4"),
                sub.received.stream().map(Job::body).toList());
        sub.dispose();
    }

    @Test
    void slowSubscriberNeverHoldsMoreThanItRequested() {
        for (int i = 0; i < 20; i++) c.sync().addjob("work", "x" + i);
        JobStream<String, String> stream = c.jobStream().queues("work").maxBatch(4).build();
        Manual sub = new Manual();
        stream.flux().subscribe(sub);
        for (int round = 1; round <= 5; round++) {
            sub.request(1);
            int expected = round;
            await(expected + " jobs", () -> sub.received.size() == expected);
            // Jobs delivered by the server = jobs handed to the subscriber: none waits in the client.
            long delivered = c.sync().qstat("work").jobsOut();
            assertEquals(round, delivered);
            assertEquals(20 - round, queued("work"));
            stream.ack(sub.received.get(round - 1)).block(Duration.ofSeconds(5));
        }
        sub.dispose();
    }

    @Test
    void unboundedDemandDrainsInBatches() {
        for (int i = 0; i < 25; i++) c.sync().addjob("bulk", "b" + i);
        List<Job<String, String>> all = c.reactive().jobs("bulk").take(25).collectList().block(Duration.ofSeconds(10));
        assertEquals(25, all.size());
        assertEquals(0, queued("bulk"));
    }

    @Test
    void ackNackAndWorkingPerJob() {
        String id = c.sync().addjob("q", "task", AddJobArgs.Builder.retry(30));
        JobStream<String, String> stream = c.jobStream().queues("q").withCounters().build();
        Job<String, String> job = stream.flux().blockFirst(Duration.ofSeconds(10));
        assertEquals(id, job.id());
        assertEquals(0, job.nacks());
        assertEquals(30L, stream.working(job).block(Duration.ofSeconds(5)));
        assertEquals(1L, stream.nack(job).block(Duration.ofSeconds(5)));
        Job<String, String> again = stream.flux().blockFirst(Duration.ofSeconds(10));
        assertEquals(1, again.nacks());
        assertEquals(1L, stream.ack(again).block(Duration.ofSeconds(5)));
        assertEquals(0, queued("q"));
        String id2 = c.sync().addjob("q", "fast");
        Job<String, String> fast = stream.flux().blockFirst(Duration.ofSeconds(10));
        assertEquals(id2, fast.id());
        assertEquals(1L, stream.fastack(fast).block(Duration.ofSeconds(5)));
    }

    @Test
    void cancelStopsFetchingAndNacksLateJobs() {
        JobStream<String, String> stream = c.jobStream().queues("idle").pollTimeout(Duration.ofSeconds(5)).build();
        Manual sub = new Manual();
        stream.flux().subscribe(sub);
        sub.request(1);
        await("a blocked fetch", () -> c.sync().qstat("idle") != null && c.sync().qstat("idle").blocked() == 1);
        sub.dispose();
        // The fetch still waiting on the server gets this job after the cancel: it must come back, NACKed.
        String id = c.sync().addjob("idle", "late");
        await("the job back in the queue", () -> queued("idle") == 1);
        assertEquals(1, c.sync().show(id).nacks());
        assertTrue(sub.received.isEmpty());
        assertEquals(0, c.sync().qstat("idle").blocked());
    }

    @Test
    void consumesSeveralQueues() {
        c.sync().addjob("a", "1");
        c.sync().addjob("b", "2");
        List<String> queues = c.reactive().jobs("a", "b").take(2).map(Job::queue).sort().collectList()
                .block(Duration.ofSeconds(10));
        assertEquals(List.of("a", "b"), queues);
    }
}
