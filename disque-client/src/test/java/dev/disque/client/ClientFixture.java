/*
 * ClientFixture: a fresh embedded Disque server (port 0, manual clock) and
 * a client connected to it, for each test. Client resources (event loops,
 * timer) are shared by all tests so that a test costs only its sockets.
 */
package dev.disque.client;

import dev.disque.client.api.DisqueCommands;
import dev.disque.server.DisqueServer;
import dev.disque.server.core.ManualClock;
import dev.disque.testkit.Poll;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

abstract class ClientFixture {
    static final ClientResources RESOURCES = DefaultClientResources.builder().ioThreadPoolSize(2)
            .computationThreadPoolSize(2).build();

    protected ManualClock clock;
    protected DisqueServer server;
    protected DisqueClient client;
    protected StatefulDisqueConnection<String, String> connection;
    protected DisqueCommands<String, String> sync;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    /** Server builder hook: tests may add directives. */
    protected DisqueServer.Builder serverBuilder() {
        return DisqueServer.builder().port(0).clock(clock);
    }

    /** The URI the default client uses. */
    protected DisqueURI uri() {
        return DisqueURI.builder().withNode("127.0.0.1", server.port()).withTimeout(Duration.ofSeconds(5)).build();
    }

    @BeforeEach
    void startServerAndClient() {
        clock = new ManualClock();
        server = serverBuilder().build().start();
        client = newClient(uri());
        connection = client.connect();
        sync = connection.sync();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        server.close();
    }

    /** A client on the shared resources, shut down after the test, with the periodic refresh off. */
    protected DisqueClient newClient(DisqueURI u) {
        DisqueClient c = DisqueClient.create(RESOURCES, u);
        c.setOptions(DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ZERO).build());
        toClose.add(c::shutdown);
        return c;
    }

    /**
     * Client resources of the test's own, shut down after the clients made with them. For tests whose connects
     * are cut short on purpose: Lettuce leaves their handshake timeouts scheduled, and on the shared resources those
     * would fire during later tests, on event loops already released.
     */
    protected ClientResources ownResources() {
        ClientResources r = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1).build();
        toClose.add(() -> r.shutdown(0, 2, java.util.concurrent.TimeUnit.SECONDS).get());
        return r;
    }

    /** A client on the given resources, shut down after the test, with the periodic refresh off. */
    protected DisqueClient newClient(ClientResources resources, DisqueURI u) {
        DisqueClient c = DisqueClient.create(resources, u);
        c.setOptions(DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ZERO).build());
        toClose.add(c::shutdown);
        return c;
    }

    /** Another embedded server, closed after the test. */
    protected DisqueServer newServer(DisqueServer.Builder b) {
        DisqueServer s = b.build().start();
        toClose.add(s);
        return s;
    }

    /** Moves the server clock and runs its timers. */
    protected void advance(Duration d) {
        clock.advance(d);
        server.tick();
    }

    /** Bounded polling (10 s) for an effect on another thread. */
    protected static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(10), condition);
    }

    /** Bounded polling for an effect on another thread, for at most bound. */
    protected static void await(String what, Duration bound, BooleanSupplier condition) {
        Poll.until(what, bound, condition);
    }
}
