/*
 * JobStream: a reactive consumer with real backpressure.
 *
 * Each subscription runs one fetch loop: while the subscriber has
 * outstanding demand, it sends GETJOB COUNT min(demand, maxBatch) with a
 * short server-side TIMEOUT on a blocking connection, emits what arrives
 * and subtracts it from the demand. With no demand nothing is fetched, so a
 * slow subscriber never holds more jobs than it requested: the others stay
 * queued on the server, where other consumers can have them.
 *
 * Following producers (an option): each job ID names the node that created
 * it; once one node created the majority of the last jobs, the fetches go
 * to that node, where those jobs are queued, instead of having the
 * consumer's node import them by federation. A producer's node the table
 * does not know yet triggers a HELLO refresh.
 *
 * Cancelling stops the loop. A fetch already waiting on the server finishes
 * by its TIMEOUT; jobs it still brings back are NACKed, so they are queued
 * again at once instead of waiting for their retry time.
 */
package dev.disque.client;

import dev.disque.client.args.GetJobArgs;
import dev.disque.client.cluster.NodeAddress;
import dev.disque.client.error.DisqueErrors;
import dev.disque.client.impl.CommandType;
import dev.disque.client.impl.DisqueCommandBuilder;
import dev.disque.client.impl.NodeRouter;
import dev.disque.client.impl.Spec;
import dev.disque.client.model.Job;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * A reactive consumer of one or more queues: a {@link Flux} of jobs that fetches only what its subscriber
 * requested, with explicit {@link #ack(Job)}, {@link #nack(Job)} and {@link #working(Job)} per job.
 *
 * <pre>{@code
 * JobStream<String, String> stream = connection.jobStream().queues("emails").build();
 * stream.flux()
 *       .concatMap(job -> send(job.body()).then(stream.ack(job)))
 *       .subscribe();
 * }</pre>
 *
 * @param <K> queue name type
 * @param <V> body type
 */
public final class JobStream<K, V> {
    private final StatefulDisqueConnectionImpl<K, V> connection;
    private final NodeRouter<K, V> router;
    private final DisqueCommandBuilder<K, V> commands;
    private final K[] queues;
    private final Duration pollTimeout;
    private final long maxBatch;
    private final boolean withCounters;
    private final boolean followProducers;
    private final boolean nackOnCancel;

    private JobStream(Builder<K, V> b) {
        this.connection = b.connection;
        this.router = b.connection.router();
        this.commands = b.connection.builder();
        this.queues = b.queues;
        this.pollTimeout = b.pollTimeout;
        this.maxBatch = b.maxBatch;
        this.withCounters = b.withCounters;
        this.followProducers = b.followProducers;
        this.nackOnCancel = b.nackOnCancel;
    }

    /**
     * @param connection the connection to consume with
     * @param <K> queue name type
     * @param <V> body type
     * @return a builder
     */
    public static <K, V> Builder<K, V> builder(StatefulDisqueConnection<K, V> connection) {
        if (!(connection instanceof StatefulDisqueConnectionImpl<K, V> impl)) {
            throw new IllegalArgumentException("not a connection of DisqueClient: " + connection);
        }
        return new Builder<>(impl);
    }

    /**
     * The jobs, fetched on demand. Each subscription runs its own fetch loop.
     *
     * @return the stream of jobs
     */
    public Flux<Job<K, V>> flux() {
        return Flux.create(sink -> new Fetcher(sink).start(), FluxSink.OverflowStrategy.BUFFER);
    }

    /**
     * @param job a received job
     * @return ACKJOB of it (1 if acknowledged)
     */
    public Mono<Long> ack(Job<K, V> job) {
        return connection.reactive().ackjob(job.id());
    }

    /**
     * @param job a received job
     * @return FASTACK of it
     */
    public Mono<Long> fastack(Job<K, V> job) {
        return connection.reactive().fastack(job.id());
    }

    /**
     * @param job a received job
     * @return NACK of it (queued again at once)
     */
    public Mono<Long> nack(Job<K, V> job) {
        return connection.reactive().nack(job.id());
    }

    /**
     * @param job a received job
     * @return WORKING on it: the seconds its next delivery was postponed by
     */
    public Mono<Long> working(Job<K, V> job) {
        return connection.reactive().working(job.id());
    }

    /** @return the queues consumed */
    public List<K> queues() {
        return Arrays.asList(queues.clone());
    }

    private final class Fetcher {
        private final FluxSink<Job<K, V>> sink;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicBoolean fetching = new AtomicBoolean();
        private final AtomicBoolean refreshing = new AtomicBoolean();
        private final ProducerTracker tracker = new ProducerTracker(20);
        private volatile boolean cancelled;
        private volatile NodeAddress preferred;

        Fetcher(FluxSink<Job<K, V>> sink) {
            this.sink = sink;
        }

        void start() {
            sink.onDispose(() -> cancelled = true);
            sink.onRequest(n -> {
                demand.getAndUpdate(d -> Operators.addCap(d, n));
                drain();
            });
        }

        void drain() {
            while (!cancelled && demand.get() > 0) {
                if (!fetching.compareAndSet(false, true)) return;
                long want = demand.get();
                if (cancelled || want == 0) {
                    fetching.set(false);
                    continue;
                }
                GetJobArgs args = new GetJobArgs().count(Math.min(want, maxBatch)).timeout(pollTimeout);
                if (withCounters) args.withCounters();
                Spec<K, V, List<Job<K, V>>> spec;
                try {
                    spec = commands.getjob(args, queues).preferred(preferred);
                } catch (RuntimeException e) {
                    fetching.set(false);
                    sink.error(e);
                    return;
                }
                router.execute(spec).whenComplete(this::received);
                return;
            }
        }

        private void received(List<Job<K, V>> jobs, Throwable error) {
            if (cancelled) {
                fetching.set(false);
                if (jobs != null && !jobs.isEmpty() && nackOnCancel) {
                    String[] ids = jobs.stream().map(Job::id).toArray(String[]::new);
                    router.execute(commands.ids(CommandType.NACK, ids));
                }
                return;
            }
            if (error != null) {
                fetching.set(false);
                sink.error(DisqueErrors.translate(error));
                return;
            }
            for (Job<K, V> job : jobs) {
                demand.decrementAndGet();
                if (followProducers) tracker.record(job.id());
                sink.next(job);
            }
            if (followProducers) follow();
            fetching.set(false);
            drain();
        }

        private void follow() {
            String prefix = tracker.dominant();
            if (prefix == null) return;
            NodeAddress node = router.table().byIdPrefix(prefix);
            if (node != null) {
                preferred = node;
            } else if (refreshing.compareAndSet(false, true)) {
                // A producer on a node the table does not know yet (it joined after the last HELLO): ask now
                // rather than at the next periodic refresh; the next batch finds it.
                router.refresh().whenComplete((h, e) -> refreshing.set(false));
            }
        }
    }

    /**
     * Builds a {@link JobStream}.
     *
     * @param <K> queue name type
     * @param <V> body type
     */
    public static final class Builder<K, V> {
        private final StatefulDisqueConnectionImpl<K, V> connection;
        private K[] queues;
        private Duration pollTimeout = Duration.ofSeconds(1);
        private long maxBatch = 100;
        private boolean withCounters;
        private boolean followProducers;
        private boolean nackOnCancel = true;

        private Builder(StatefulDisqueConnectionImpl<K, V> connection) {
            this.connection = connection;
        }

        /**
         * @param names the queues to consume (at least one)
         * @return this
         */
        @SafeVarargs
        @SuppressWarnings("varargs") // the array is only read (or copied), never exposed
        public final Builder<K, V> queues(K... names) {
            Objects.requireNonNull(names, "queues");
            if (names.length == 0) throw new IllegalArgumentException("at least one queue");
            this.queues = names.clone();
            return this;
        }

        /**
         * @param timeout how long one GETJOB waits on the server before the loop asks again (and notices a
         *     cancellation); default 1 second
         * @return this
         */
        public Builder<K, V> pollTimeout(Duration timeout) {
            if (timeout == null || timeout.toMillis() <= 0) throw new IllegalArgumentException("pollTimeout must be positive");
            this.pollTimeout = timeout;
            return this;
        }

        /**
         * @param n the largest COUNT of one GETJOB, even with more demand; default 100
         * @return this
         */
        public Builder<K, V> maxBatch(long n) {
            if (n <= 0) throw new IllegalArgumentException("maxBatch must be positive");
            this.maxBatch = n;
            return this;
        }

        /**
         * Fetches with WITHCOUNTERS, so each job carries its nacks and additional deliveries.
         *
         * @return this
         */
        public Builder<K, V> withCounters() {
            this.withCounters = true;
            return this;
        }

        /**
         * Moves the fetches to the node that created most of the recent jobs (by the node prefix in their IDs),
         * as the original Disque suggests for consumers; off by default.
         *
         * @param follow true to follow producers
         * @return this
         */
        public Builder<K, V> followProducers(boolean follow) {
            this.followProducers = follow;
            return this;
        }

        /**
         * @param nack true (default) to NACK jobs that arrive after cancellation, so they are queued again at once
         * @return this
         */
        public Builder<K, V> nackOnCancel(boolean nack) {
            this.nackOnCancel = nack;
            return this;
        }

        /** @return the stream */
        public JobStream<K, V> build() {
            if (queues == null) throw new IllegalStateException("queues(...) is required");
            return new JobStream<>(this);
        }
    }
}
