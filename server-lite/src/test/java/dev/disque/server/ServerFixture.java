/*
 * ServerFixture: base class for tests that talk to a real server over a
 * socket. Each test class gets a fresh embedded server on an ephemeral
 * port, bound to 127.0.0.1, with a ManualClock so timers are driven by
 * moving time instead of sleeping. Each test starts from an empty node.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.core.ManualClock;
import dev.disque.testkit.Poll;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

public abstract class ServerFixture {
    protected ManualClock clock;
    protected DisqueServer server;
    protected RespClient client;
    private final List<RespClient> extra = new ArrayList<>();

    /** Override to add directives before start. */
    protected DisqueServer.Builder configure(DisqueServer.Builder b) {
        return b;
    }

    @BeforeEach
    void startServer() throws IOException {
        clock = new ManualClock(1_700_000_000_000L);
        server = configure(DisqueServer.builder().port(0).clock(clock)).build().start();
        client = new RespClient(server.port());
    }

    @AfterEach
    void stopServer() throws IOException {
        for (RespClient c : extra) c.close();
        client.close();
        server.close();
    }

    /** Another connection, closed after the test. */
    protected RespClient newClient() throws IOException {
        RespClient c = new RespClient(server.port());
        extra.add(c);
        return c;
    }

    protected Object call(Object... args) throws IOException {
        return client.call(args);
    }

    /** Moves the clock and runs every timer that became due. */
    protected void advance(Duration d) {
        clock.advance(d);
        server.tick();
    }

    protected String addJob(String queue, String body, Object... options) throws IOException {
        Object[] args = new Object[4 + options.length];
        args[0] = "ADDJOB";
        args[1] = queue;
        args[2] = body;
        args[3] = "0";
        System.arraycopy(options, 0, args, 4, options.length);
        Object r = call(args);
        assertInstanceOf(RespClient.Status.class, r, () -> "ADDJOB replied " + r);
        return ((RespClient.Status) r).text();
    }

    protected static void assertError(String prefix, Object reply) {
        assertInstanceOf(RespClient.Err.class, reply, () -> "expected error " + prefix + " but got " + reply);
        String text = ((RespClient.Err) reply).text();
        assertTrue(text.startsWith(prefix), () -> "expected error starting with '" + prefix + "' but got '" + text + "'");
    }

    protected static void assertStatus(String expected, Object reply) {
        assertEquals(new RespClient.Status(expected), reply);
    }

    /**
     * Polls a condition (for effects of other threads, never for timers) until
     * it holds. The bound is generous on purpose: it only matters when the
     * condition never comes, and a slow, busy machine must not fail a test
     * whose condition comes late.
     */
    public static void await(String what, BooleanSupplier condition) {
        Poll.until(what, Duration.ofSeconds(60), condition);
    }
}
