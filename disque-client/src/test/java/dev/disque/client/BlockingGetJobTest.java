// Blocking GETJOB: its own connection, a deadline of the server timeout plus the command timeout, an empty list
// on a server-side timeout, and no effect on the other commands meanwhile.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.api.DisqueCommands;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.model.Job;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class BlockingGetJobTest extends ClientFixture {

    @Override
    protected DisqueURI uri() {
        // A short command timeout: the blocking fetches below wait far longer than this.
        return DisqueURI.builder().withNode("127.0.0.1", server.port()).withTimeout(Duration.ofMillis(300)).build();
    }

    /**
     * Watches the server for the tests on a connection of its own with an ordinary timeout: on a busy machine a
     * probe on the 300 ms connection may miss its deadline, and then a test fails for the probe, not the client.
     */
    private DisqueCommands<String, String> probe;

    @BeforeEach
    void openProbe() {
        probe = newClient(DisqueURI.builder().withNode("127.0.0.1", server.port())
                .withTimeout(Duration.ofSeconds(10)).build()).connect().sync();
    }

    private void awaitBlocked(String queue, int n) {
        await(n + " blocked client(s) on " + queue, () -> {
            var st = probe.qstat(queue);
            return st != null && st.blocked() == n;
        });
    }

    @Test
    void serverTimeoutLongerThanCommandTimeoutReturnsAnEmptyList() throws Exception {
        RedisFuture<List<Job<String, String>>> f =
                connection.async().getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(30)), "q");
        awaitBlocked("q", 1);
        // Still waiting well past the 300 ms command timeout.
        assertThrows(TimeoutException.class, () -> f.get(600, TimeUnit.MILLISECONDS));
        assertFalse(f.isDone());
        advance(Duration.ofSeconds(31));
        assertEquals(List.of(), f.get(5, TimeUnit.SECONDS));
    }

    @Test
    void blockingWithoutTimeoutWaitsForAJob() throws Exception {
        RedisFuture<List<Job<String, String>>> f = connection.async().getjob("q");
        awaitBlocked("q", 1);
        // The shared connection is not held up by the blocked fetch.
        assertEquals("PONG", sync.ping());
        String id = sync.addjob("q", "late");
        Job<String, String> job = f.get(5, TimeUnit.SECONDS).get(0);
        assertEquals(id, job.id());
    }

    @Test
    void severalBlockingFetchesAtOnceUseSeveralConnections() throws Exception {
        RedisFuture<List<Job<String, String>>> a = connection.async().getjob("qa");
        RedisFuture<List<Job<String, String>>> b = connection.async().getjob("qb");
        awaitBlocked("qa", 1);
        awaitBlocked("qb", 1);
        sync.addjob("qb", "b");
        sync.addjob("qa", "a");
        assertEquals("a", a.get(5, TimeUnit.SECONDS).get(0).body());
        assertEquals("b", b.get(5, TimeUnit.SECONDS).get(0).body());
    }

    @Test
    void syncBlockingFetchReturnsWhenAJobArrives() throws Exception {
        Thread producer = new Thread(() -> {
            awaitBlocked("q", 1);
            probe.addjob("q", "x");
        });
        producer.start();
        List<Job<String, String>> jobs = sync.getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(60)), "q");
        producer.join();
        assertEquals(1, jobs.size());
    }

    @Test
    void reactiveCancelReleasesTheServerSide() {
        Disposable d = connection.reactive().getjob("q").subscribe();
        awaitBlocked("q", 1);
        d.dispose();
        awaitBlocked("q", 0);
        String id = sync.addjob("q", "stays");
        assertEquals(id, sync.qpeek("q", 1).get(0).id());
    }

    @Test
    void ordinaryCommandsStillTimeOut() throws Exception {
        // Holding the server's thread makes PING miss its 300 ms deadline.
        RedisFuture<?> sleep = connection.async().dispatch("DEBUG", "SLEEP", "1");
        ExecutionException e = assertThrows(ExecutionException.class, () -> connection.async().ping().get());
        assertTrue(e.getCause() instanceof RedisCommandTimeoutException, e.getCause().toString());
        assertTrue(sleep.await(10, TimeUnit.SECONDS));
    }
}
