/*
 * TasqueFixture: a fresh embedded Disque server (port 0, manual clock) per
 * test, a Disque client on shared Lettuce resources, a TasqueClient, and
 * helpers to build workers that are closed after the test.
 */
package dev.disque.tasque;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueClientOptions;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.api.DisqueCommands;
import dev.disque.client.model.Job;
import dev.disque.server.DisqueServer;
import dev.disque.server.core.ManualClock;
import dev.disque.testkit.Poll;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

abstract class TasqueFixture {
    static final ClientResources RESOURCES = DefaultClientResources.builder().ioThreadPoolSize(2)
            .computationThreadPoolSize(2).build();

    protected ManualClock clock;
    protected DisqueServer server;
    protected DisqueClient disque;
    protected StatefulDisqueConnection<String, String> connection;
    protected DisqueCommands<String, String> sync;
    protected TasqueClient client;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startServerAndClients() {
        clock = new ManualClock();
        server = DisqueServer.builder().port(0).clock(clock).build().start();
        disque = DisqueClient.create(RESOURCES,
                DisqueURI.builder().withNode("127.0.0.1", server.port()).withTimeout(Duration.ofSeconds(10)).build());
        disque.setOptions(DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ZERO).build());
        connection = disque.connect();
        sync = connection.sync();
        client = TasqueClient.builder(disque).build();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) toClose.get(i).close();
        client.close();
        connection.close();
        disque.shutdown();
        server.close();
    }

    /** A worker builder on the test's client, with test-friendly defaults; close() is automatic. */
    protected Worker.Builder workerBuilder() {
        return Worker.builder(disque).fetchTimeout(Duration.ofSeconds(30)).shutdownGrace(Duration.ofSeconds(5));
    }

    /** Builds, starts and registers for closing. */
    protected Worker startWorker(Consumer<Worker.Builder> config) {
        Worker.Builder b = workerBuilder();
        config.accept(b);
        Worker w = b.build();
        toClose.add(w);
        w.start();
        return w;
    }

    protected void closeLater(AutoCloseable c) {
        toClose.add(c);
    }

    /** Moves the server clock and runs its timers. */
    protected void advance(Duration d) {
        clock.advance(d);
        server.tick();
    }

    /** The server's manual clock as a java.time.Clock, for workers and clients that must agree with the server. */
    protected java.time.Clock serverClock() {
        ManualClock c = clock;
        return new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                throw new UnsupportedOperationException("UTC only");
            }

            @Override
            public java.time.Instant instant() {
                return java.time.Instant.ofEpochMilli(c.millis());
            }
        };
    }

    /** Bounded polling for an effect on another thread. */
    protected static void await(String what, BooleanSupplier condition) {
        Poll.until(what, Duration.ofSeconds(10), condition);
    }

    /** Number of clients blocked in GETJOB on a queue. */
    protected long blocked(String queue) {
        var st = sync.qstat(queue);
        return st == null ? 0 : st.blocked();
    }

    /** The jobs queued (not delivered) in a queue, oldest first. */
    protected List<Job<String, String>> queued(String queue) {
        return sync.qpeek(queue, 1000);
    }

    /** calls=N of a command in INFO commandstats. */
    protected long calls(String command) {
        for (String line : sync.info("commandstats").split("\r\n")) {
            if (line.startsWith("cmdstat_" + command + ":calls=")) {
                String v = line.substring(("cmdstat_" + command + ":calls=").length());
                return Long.parseLong(v.substring(0, v.indexOf(',')));
            }
        }
        return 0;
    }
}
