// Submitting: one ADDJOB per task to __tasque__<name>; DELAY, RETRY and TTL in whole seconds rounded up (never
// truncated to 0), REPLICATE and ASYNC when asked, task-level TTL/retry like Go's SetTTL/SetRetry; async submits.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.error.NoReplicationException;
import dev.disque.client.model.JobInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SubmitTest extends TasqueFixture {

    @Test
    void delayLikeTheSeed() {
        String id = client.submit(Task.named("foo").set("text", "I am the kind of world."), Delay.of(Duration.ofMinutes(10)));
        JobInfo<String, String> info = sync.show(id);
        assertEquals("__tasque__foo", info.queue());
        assertEquals(600, info.delay());
        assertEquals(0, sync.qlen("__tasque__foo"));
        advance(Duration.ofSeconds(601));
        assertEquals(1, sync.qlen("__tasque__foo"));
    }

    @Test
    void secondsAreRoundedUpNeverTruncated() {
        String id = client.submit(Task.named("r").retry(Duration.ofMillis(500)).ttl(Duration.ofMillis(3200)),
                Delay.of(Duration.ofMillis(1500)));
        JobInfo<String, String> info = sync.show(id);
        assertEquals(2, info.delay());
        assertEquals(1, info.retry());
        assertEquals(4, info.ttl());
        assertEquals(0, SubmitOptions.seconds(Duration.ZERO));
        assertEquals(1, SubmitOptions.seconds(Duration.ofNanos(1)));
        assertEquals(5, SubmitOptions.seconds(Duration.ofSeconds(5)));
    }

    @Test
    void optionsOverrideTheTaskAndZeroDelayIsNoDelay() {
        String id = client.submit(Task.named("o").retry(Duration.ofSeconds(10)), SubmitOption.retry(Duration.ofSeconds(20)),
                Delay.of(Duration.ZERO), SubmitOption.replicate(1), SubmitOption.async());
        JobInfo<String, String> info = sync.show(id);
        assertEquals(20, info.retry());
        assertEquals(0, info.delay());
        assertEquals(1, info.replicate());
        assertEquals(1, sync.qlen("__tasque__o"));
    }

    @Test
    void refusalsAreReported() {
        // A single node cannot hold 3 copies.
        assertThrows(NoReplicationException.class, () -> client.submit(Task.named("x"), SubmitOption.replicate(3)));
        assertThrows(IllegalArgumentException.class,
                () -> client.submit(Task.named("x"), Delay.of(Duration.ofSeconds(60)), SubmitOption.ttl(Duration.ofSeconds(60))));
        // A delay longer than the server's default TTL gets a TTL that lets the task run.
        String id = client.submit(Task.named("x"), Delay.of(Duration.ofDays(2)));
        assertTrue(sync.show(id).ttl() > 2 * 86400);
        assertThrows(IllegalArgumentException.class, () -> Delay.of(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> Task.named(""));
    }

    @Test
    void asyncSubmitsArePipelined() {
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) futures.add(client.submitAsync(Task.named("many").set("i", i)));
        CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
        assertEquals(200, sync.qlen("__tasque__many"));
        assertTrue(sync.show(futures.get(199).join()).body().contains("\"Params\":{\"i\":199}"));
    }

    @Test
    void goStyleAddresses() {
        try (TasqueClient c = TasqueClient.create(Duration.ofSeconds(5), "127.0.0.1:" + server.port())) {
            c.submit(Task.named("go"));
        }
        try (TasqueClient c = TasqueClient.create(Duration.ofSeconds(5), "disque://127.0.0.1:" + server.port())) {
            c.submit(Task.named("go"));
        }
        assertEquals(2, sync.qlen("__tasque__go"));
    }
}
