/*
 * ServerRestartTest: the one node goes away and comes back on the same
 * port. As with Lettuce's auto-reconnect, commands issued meanwhile wait
 * and reconnect within their timeout instead of failing at once, a
 * blocking GETJOB survives the restart, and a command whose timeout passes
 * while no node answers fails with the connection error.
 */
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.GetJobArgs;
import dev.disque.client.model.Job;
import dev.disque.server.DisqueServer;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerRestartTest extends ClientFixture {
    /** More connections than a client that gives up after its failover attempts would ever make. */
    private static final int KEPT_TRYING = 12;

    /** The gate cuts connects short: those clients get resources of their own (see ownResources). */
    private StatefulDisqueConnection<String, String> connectTo(DisqueServer s, Duration timeout) {
        return newClient(ownResources(), DisqueURI.builder().withNode("127.0.0.1", s.port()).withTimeout(timeout)
                .build()).connect();
    }

    @Test
    void aCommandWaitsForTheServerToComeBack() throws Exception {
        DisqueServer first = newServer(DisqueServer.builder().port(0));
        int p = first.port();
        try (StatefulDisqueConnection<String, String> c = connectTo(first, Duration.ofSeconds(60))) {
            assertEquals("PONG", c.sync().ping());
            first.close();
            RedisFuture<String> ping;
            try (PortGate gate = new PortGate(p)) {
                ping = c.async().ping();
                await("the client to keep trying", () -> gate.accepted() >= KEPT_TRYING || ping.isDone());
                assertFalse(ping.isDone(), "PING gave up while the server was down");
            }
            newServer(DisqueServer.builder().port(p));
            assertEquals("PONG", ping.get(30, TimeUnit.SECONDS));
            assertEquals("PONG", c.sync().ping());
        }
    }

    @Test
    void aBlockingGetjobSurvivesARestart() throws Exception {
        DisqueServer first = newServer(DisqueServer.builder().port(0));
        int p = first.port();
        try (StatefulDisqueConnection<String, String> c = connectTo(first, Duration.ofSeconds(5))) {
            RedisFuture<List<Job<String, String>>> f =
                    c.async().getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(60)), "jobs");
            await("GETJOB blocked", () -> first.inspect(e -> e.blockedCount()) == 1);
            first.close();
            try (PortGate gate = new PortGate(p)) {
                await("the GETJOB to keep trying", () -> gate.accepted() >= KEPT_TRYING || f.isDone());
                assertFalse(f.isDone(), "GETJOB gave up while the server was down");
            }
            DisqueServer second = newServer(DisqueServer.builder().port(p));
            await("GETJOB blocked again", () -> second.inspect(e -> e.blockedCount()) == 1);
            try (StatefulDisqueConnection<String, String> producer = connectTo(second, Duration.ofSeconds(5))) {
                String id = producer.sync().addjob("jobs", "after the restart");
                List<Job<String, String>> jobs = f.get(30, TimeUnit.SECONDS);
                assertEquals(1, jobs.size());
                assertEquals(id, jobs.get(0).id());
                assertEquals("after the restart", jobs.get(0).body());
            }
        }
    }

    @Test
    void aGetjobSentAgainAsksOnlyForTheTimeLeft() throws Exception {
        DisqueServer first = newServer(DisqueServer.builder().port(0));
        int p = first.port();
        // A long command timeout: the margin after the GETJOB's own 3 s must outlast a restart on a busy machine.
        try (StatefulDisqueConnection<String, String> c = connectTo(first, Duration.ofSeconds(60))) {
            long start = System.nanoTime();
            RedisFuture<List<Job<String, String>>> f =
                    c.async().getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(3)), "none");
            await("GETJOB blocked", () -> first.inspect(e -> e.blockedCount()) == 1);
            first.close();
            try (PortGate gate = new PortGate(p)) {
                await("the GETJOB to keep trying", () -> gate.accepted() >= KEPT_TRYING || f.isDone());
            }
            newServer(DisqueServer.builder().port(p));
            // No job comes: it ends empty when its own 3 s are up, not 3 s after the restart.
            assertTrue(f.get(90, TimeUnit.SECONDS).isEmpty());
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(tookMs >= 3000, "ended after " + tookMs + " ms");
        }
    }

    @Test
    void aCommandFailsWhenItsTimeoutPassesWithNoServer() throws Exception {
        DisqueServer first = newServer(DisqueServer.builder().port(0));
        try (StatefulDisqueConnection<String, String> c = connectTo(first, Duration.ofMillis(500))) {
            first.close();
            long start = System.nanoTime();
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> c.async().ping().get(30, TimeUnit.SECONDS));
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getCause() instanceof RedisConnectionException, e.getCause().toString());
            assertTrue(tookMs >= 400, "gave up after " + tookMs + " ms, before its timeout");
        }
    }

    @Test
    void aPasswordTheRestartedServerRefusesFailsAtOnce() throws Exception {
        DisqueServer first = newServer(DisqueServer.builder().port(0).config("requirepass", "old"));
        int p = first.port();
        DisqueURI u = DisqueURI.builder().withNode("127.0.0.1", p).withPassword("old")
                .withTimeout(Duration.ofSeconds(60)).build();
        try (StatefulDisqueConnection<String, String> c = newClient(ownResources(), u).connect()) {
            assertEquals("PONG", c.sync().ping());
            first.close();
            newServer(DisqueServer.builder().port(p).config("requirepass", "new"));
            // Not 60 s of reconnecting: the server answered, and its answer is no.
            ExecutionException e = assertThrows(ExecutionException.class, () -> c.async().ping().get(30, TimeUnit.SECONDS));
            assertTrue(refusedByServer(e.getCause()), e.getCause().toString());
        }
    }

    private static boolean refusedByServer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.lettuce.core.RedisCommandExecutionException) return true;
            for (Throwable s : t.getSuppressed()) if (refusedByServer(s)) return true;
        }
        return false;
    }

    @Test
    void theClientIsAutoCloseable() {
        DisqueClient c = DisqueClient.create(RESOURCES, uri());
        try (c; StatefulDisqueConnection<String, String> conn = c.connect()) {
            assertEquals("PONG", conn.sync().ping());
        }
        c.close(); // a second close is harmless, as Lettuce's shutdown is
    }
}
