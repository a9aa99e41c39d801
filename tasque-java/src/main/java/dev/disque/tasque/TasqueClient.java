/*
 * TasqueClient: the producer side (Go tasque's Client). submit() is Go's
 * Do, submit(task, Delay.of(d)) its Delay; submit(task, at(instant))
 * runs it at a given time. A task becomes one ADDJOB to
 * __tasque__<name> with the Go-format JSON body; the enqueue timeout is
 * ADDJOB's replication timeout, as in Go.
 */
package dev.disque.tasque;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.AddJobArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Submits tasks.
 *
 * <pre>{@code
 * try (TasqueClient client = TasqueClient.create(Duration.ofSeconds(5), "127.0.0.1:7711")) {
 *     client.submit(Task.named("download").set("url", "http://example.org"));
 *     client.submit(Task.named("foo").set("text", "later"), Delay.of(Duration.ofMinutes(10)));
 * }
 * }</pre>
 *
 * <p>Thread-safe; share one per application. {@link #close()} releases its connection (and the Disque client it
 * created, if it created one).
 */
public final class TasqueClient implements AutoCloseable {
    /** Disque's default TTL (one day), used to keep a long DELAY below the TTL. */
    static final long SERVER_DEFAULT_TTL_SECONDS = 86400;

    private final DisqueClient disque;
    private final boolean ownsClient;
    private final StatefulDisqueConnection<String, String> connection;
    private final Duration enqueueTimeout;
    private final Clock clock;
    private final SubmitOptions defaults;
    private final List<SubmitInterceptor> interceptors;
    private final DeadLetters deadLetters;

    private TasqueClient(Builder b) {
        this.ownsClient = b.client == null;
        this.disque = ownsClient ? DisqueClient.create(b.uri) : b.client;
        this.enqueueTimeout = b.enqueueTimeout;
        this.clock = b.clock;
        this.defaults = b.defaults;
        this.interceptors = List.copyOf(b.interceptors);
        try {
            this.connection = disque.connect();
        } catch (RuntimeException e) {
            if (ownsClient) disque.shutdown();
            throw e;
        }
        this.deadLetters = new DeadLetters(connection, enqueueTimeout, clock);
    }

    /**
     * Go's {@code NewClient(enqueueTimeout, addrs...)}.
     *
     * @param enqueueTimeout how long ADDJOB may wait for replication
     * @param addresses {@code host:port} (Go style) or {@code disque://host:port} URIs
     * @return a connected client
     */
    public static TasqueClient create(Duration enqueueTimeout, String... addresses) {
        return builder(addresses).enqueueTimeout(enqueueTimeout).build();
    }

    /**
     * @param addresses {@code host:port} or {@code disque://} URIs
     * @return a builder
     */
    public static Builder builder(String... addresses) {
        Builder b = new Builder();
        b.addresses = addresses.clone();
        return b;
    }

    /**
     * @param uri the Disque nodes and settings
     * @return a builder
     */
    public static Builder builder(DisqueURI uri) {
        Builder b = new Builder();
        b.uri = Objects.requireNonNull(uri, "uri");
        return b;
    }

    /**
     * @param client an existing Disque client; not shut down by {@link #close()}
     * @return a builder
     */
    public static Builder builder(DisqueClient client) {
        Builder b = new Builder();
        b.client = Objects.requireNonNull(client, "client");
        return b;
    }

    /**
     * Adds a task to its queue (Go's {@code Do}, or {@code Delay} with {@link Delay}).
     *
     * @param task the task
     * @param options e.g. {@link Delay#of(Duration)}, {@link SubmitOption#retry(Duration)}
     * @return the Disque job ID
     * @throws io.lettuce.core.RedisException if the server refuses it or cannot be reached
     */
    public String submit(Task task, SubmitOption... options) {
        return Connections.join(submitAsync(task, options));
    }

    /**
     * Adds a task without waiting; many can be in flight on the one connection (pipelined).
     *
     * @param task the task
     * @param options submit options
     * @return completes with the job ID
     */
    public CompletableFuture<String> submitAsync(Task task, SubmitOption... options) {
        Objects.requireNonNull(task, "task");
        SubmitOptions o = defaults;
        if (task.ttl() != null) o = o.withTtl(task.ttl());
        if (task.retry() != null) o = o.withRetry(task.retry());
        for (SubmitOption opt : options) o = Objects.requireNonNull(opt, "option").applyTo(o);
        try {
            return chain(0, task, o).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<String> chain(int i, Task task, SubmitOptions options) {
        if (i == interceptors.size()) return add(task, options);
        return interceptors.get(i).intercept(task, options, (t, o) -> chain(i + 1, t, o));
    }

    private CompletionStage<String> add(Task task, SubmitOptions o) {
        Instant now = clock.instant();
        String body = task.encode(now);
        AddJobArgs args = addJobArgs(enqueueTimeout, o.withDelay(o.delayAt(now)));
        return connection.async().addjob(Tasque.queueName(task.name()), body, args);
    }

    /** ADDJOB options: seconds rounded up; a DELAY beyond the default TTL gets a TTL that lets it run. */
    static AddJobArgs addJobArgs(Duration enqueueTimeout, SubmitOptions o) {
        AddJobArgs args = new AddJobArgs().timeout(enqueueTimeout);
        long delay = SubmitOptions.seconds(o.delay());
        long ttl = SubmitOptions.seconds(o.ttl());
        if (ttl > 0 && delay >= ttl) {
            throw new IllegalArgumentException("the delay (" + delay + " s) must be shorter than the TTL (" + ttl + " s)");
        }
        if (ttl == 0 && delay >= SERVER_DEFAULT_TTL_SECONDS) ttl = delay + SERVER_DEFAULT_TTL_SECONDS;
        if (o.replicate() > 0) args.replicate(o.replicate());
        if (delay > 0) args.delay(delay);
        long retry = SubmitOptions.seconds(o.retry());
        if (retry > 0) args.retry(retry);
        if (ttl > 0) args.ttl(ttl);
        if (o.maxlen() > 0) args.maxlen(o.maxlen());
        if (o.async()) args.async();
        return args;
    }

    /** @return tools to list, show, requeue and purge dead tasks */
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** @return the enqueue timeout */
    public Duration enqueueTimeout() {
        return enqueueTimeout;
    }

    /** @return the connection it submits on */
    public StatefulDisqueConnection<String, String> connection() {
        return connection;
    }

    /** Closes the connection, and the Disque client if this client created it. */
    @Override
    public void close() {
        connection.close();
        if (ownsClient) disque.shutdown();
    }

    /** Builds a {@link TasqueClient}. */
    public static final class Builder {
        private String[] addresses;
        private DisqueURI uri;
        private DisqueClient client;
        private Duration enqueueTimeout = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private SubmitOptions defaults = SubmitOptions.DEFAULTS;
        private final List<SubmitInterceptor> interceptors = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param timeout how long ADDJOB may wait for replication (Go's enqueueTimeout); default 5 s
         * @return this
         */
        public Builder enqueueTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) throw new IllegalArgumentException("timeout must not be negative");
            this.enqueueTimeout = timeout;
            return this;
        }

        /**
         * @param defaults options for every submission (e.g. a replication level)
         * @return this
         */
        public Builder defaults(SubmitOptions defaults) {
            this.defaults = Objects.requireNonNull(defaults, "defaults");
            return this;
        }

        /**
         * @param interceptor runs around every submission, after the ones added before
         * @return this
         */
        public Builder interceptor(SubmitInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * @param clock the clock for EnqueueTime (default UTC system clock)
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return a connected client */
        public TasqueClient build() {
            if (client == null && uri == null) {
                Duration commandTimeout = enqueueTimeout.plusSeconds(5);
                uri = Connections.uri(commandTimeout, addresses);
            }
            return new TasqueClient(this);
        }
    }
}
