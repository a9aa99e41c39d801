/*
 * Worker: runs named handlers on a pool of threads (Go tasque's Worker),
 * fixing what Go's lacks. This file is the worker's life (Sidekiq's
 * "launcher"): building, registering handlers, start, run, close; the
 * work itself is done by
 *   Fetcher    the fetch loop: GETJOB ... COUNT <free slots> into the pool
 *   Processor  one job: decode, heartbeats, interceptors, handler, ACK
 *   RunContext a running handler's timeout, cancellation and heartbeats
 *   Retrier    a failed task: retry now, retry later, or dead letters
 *   FailureLog what is logged about failed tasks
 *   Scheduler  one recurring task's chain of occurrence jobs
 *   Shutdown   the ordered stop
 *   Signals    SIGTERM/SIGINT for runUntilSignalled()
 * sharing one WorkerCore.
 *
 * What becomes of a job:
 *   success          -> ACKJOB (or FASTACK)
 *   failure          -> the retry policy: NACK for an immediate retry, or a
 *                       new job with DELAY and Meta.Attempt+1 followed by
 *                       ACKJOB of the old one; dead-letter queue after the
 *                       last attempt or for a NonRetryableException
 *   undecodable body, unknown name -> dead-letter queue
 * A dead letter is written before the job is acknowledged; when a write
 * fails the job is left alone and Disque delivers it again after its retry
 * time, so no failure loses a task. Attempts are counted from Meta.Attempt
 * plus the job's NACKs and additional deliveries, so a task that keeps
 * crashing its workers is dead-lettered too.
 *
 * On a cluster: the Disque connection moves the fetches to another node
 * when the one they use dies or answers -LEAVING (a GETJOB may be sent
 * again, an ADDJOB is not); the tasks that were in flight on a dead node
 * are queued again by their copies after their retry time and run again,
 * which is why delivery is at least once (see Handler).
 *
 * close(): stop fetching (a job in the worker's own wake queue ends a
 * blocked GETJOB), NACK jobs that never started, let running handlers
 * finish within the grace period, interrupt the rest and NACK their jobs,
 * then close the connections.
 */
package dev.disque.tasque;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs task handlers.
 *
 * <pre>{@code
 * Worker worker = Worker.builder("127.0.0.1:7711").concurrency(10).handle(downloader).build();
 * worker.run();   // blocks until SIGTERM or close(); or start() ... close() when embedded
 * }</pre>
 */
public final class Worker implements AutoCloseable {
    private static final System.Logger log = System.getLogger(Worker.class.getName());

    /** The life of a worker. */
    public enum State {
        /** Built; handlers may be registered. */
        NEW,
        /** Fetching and running tasks. */
        RUNNING,
        /** {@link #close()} is draining it. */
        STOPPING,
        /** Stopped; connections closed. */
        TERMINATED
    }

    private final DisqueClient disque;
    private final boolean ownsClient;
    private final WorkerSettings settings;

    private final ReentrantLock stateLock = new ReentrantLock();
    private final Map<String, Registration> handlers = new LinkedHashMap<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final WorkerCounters counters = new WorkerCounters();
    private volatile State state = State.NEW;
    private volatile WorkerCore core;
    private Thread fetcher;

    private Worker(Builder b) {
        this.ownsClient = b.client == null;
        RetryPolicy policy = b.retryPolicy != null ? b.retryPolicy : RetryPolicy.withBackoff(b.backoff);
        this.settings = new WorkerSettings(b.concurrency, b.virtualThreads, b.maxAttempts, policy, b.fastAck,
                b.strictPriority, b.heartbeats, b.heartbeatInterval, b.shutdownGrace, b.fetchTimeout,
                b.enqueueTimeout, b.deadLetterTtl, b.interceptors, b.listeners, b.clock, b.failureLogging);
        this.disque = ownsClient ? DisqueClient.create(b.uri) : b.client;
    }

    /**
     * Go's {@code NewWorker(n, addrs...)}: a builder for a worker on these nodes.
     *
     * @param addresses {@code host:port} (Go style) or {@code disque://} URIs
     * @return a builder
     */
    public static Builder builder(String... addresses) {
        Builder b = new Builder();
        b.uri = Connections.uri(DisqueURI.DEFAULT_TIMEOUT, addresses);
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
     * Registers a handler (Go's {@code Handle}); only before {@link #start()}.
     *
     * @param handler the handler, named
     * @return this worker
     * @throws IllegalStateException once the worker has started
     * @throws IllegalArgumentException if a handler of that name is already registered
     */
    public Worker handle(Handler handler) {
        return handle(handler, HandlerOptions.DEFAULTS);
    }

    /**
     * Registers a handler with its own limits; only before {@link #start()}.
     *
     * @param handler the handler, named
     * @param options per-handler concurrency limit, timeout, attempts, retry policy
     * @return this worker
     */
    public Worker handle(Handler handler, HandlerOptions options) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        String name = Tasque.requireName(handler.name());
        stateLock.lock();
        try {
            if (state != State.NEW) {
                throw new IllegalStateException("cannot register handler '" + name + "': the worker is "
                        + state.name().toLowerCase() + "; register every handler before start() or run()");
            }
            if (handlers.containsKey(name)) throw new IllegalArgumentException("a handler named '" + name + "' is already registered");
            int attempts = options.maxAttempts() > 0 ? options.maxAttempts() : settings.maxAttempts();
            RetryPolicy p = options.retryPolicy() != null ? options.retryPolicy() : settings.retryPolicy();
            String queue = handler instanceof Scheduler ? name : Tasque.queueName(name);
            handlers.put(name, new Registration(handler, name, queue, options.maxConcurrency(), options.timeout(), attempts, p));
        } finally {
            stateLock.unlock();
        }
        return this;
    }

    /**
     * Registers a recurring task; only before {@link #start()}. At start the worker starts the schedule's chain of
     * occurrences unless one exists, and from then on it takes its share of the occurrences; each occurrence submits
     * the task once however many workers registered the schedule (see {@link Schedule}).
     *
     * @param schedule the schedule; its name must be unique among this worker's schedules
     * @return this worker
     * @throws IllegalStateException once the worker has started
     * @throws IllegalArgumentException if a schedule of that name is already registered
     */
    public Worker schedule(Schedule schedule) {
        Objects.requireNonNull(schedule, "schedule");
        // Occurrences must never end in the dead letters: that would end the chain.
        return handle(new Scheduler(schedule, settings.clock(), settings.enqueueTimeout()),
                HandlerOptions.DEFAULTS.withMaxAttempts(Integer.MAX_VALUE));
    }

    /**
     * Connects and starts fetching; returns at once.
     *
     * @throws IllegalStateException if already started or closed, or no handler or schedule is registered
     * @throws io.lettuce.core.RedisConnectionException if no node can be reached
     */
    public void start() {
        stateLock.lock();
        try {
            if (state != State.NEW) throw new IllegalStateException("the worker is already " + state.name().toLowerCase());
            if (handlers.isEmpty()) throw new IllegalStateException("no handler registered: call handle(...) or schedule(...) first");
            StatefulDisqueConnection<String, String> cmd = disque.connect();
            StatefulDisqueConnection<String, String> fetch;
            try {
                fetch = disque.connect();
            } catch (RuntimeException e) {
                cmd.close();
                throw e;
            }
            try {
                for (Registration r : handlers.values()) {
                    if (r.handler instanceof Scheduler s) s.start(cmd);
                }
            } catch (RuntimeException e) {
                cmd.close();
                fetch.close();
                throw e;
            }
            Map<String, Registration> byQueue = new LinkedHashMap<>();
            for (Registration r : handlers.values()) byQueue.put(r.queue, r);
            WorkerCore c = new WorkerCore(settings, disque, byQueue, counters, cmd, fetch);
            core = c;
            fetcher = Threads.named("tasque-fetch-").newThread(new Fetcher(c));
            state = State.RUNNING;
            fetcher.start();
            log.log(Level.DEBUG, () -> "tasque worker started: " + handlers.keySet() + ", concurrency "
                    + settings.concurrency());
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * Starts (unless started) and blocks until the worker is closed, by {@link #close()} from another thread or by
     * SIGTERM/SIGINT (a shutdown hook closes it gracefully). Returns at once if it was closed before. If the calling
     * thread is interrupted, the worker is closed and the interrupt flag kept.
     */
    public void run() {
        stateLock.lock();
        try {
            if (state == State.TERMINATED) return;
            if (state == State.NEW) start();
        } finally {
            stateLock.unlock();
        }
        Thread hook = new Thread(this::close, "tasque-shutdown");
        boolean hooked = false;
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
        } catch (IllegalStateException e) {
            // the JVM is already shutting down
        }
        try {
            terminated.await();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
        } finally {
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook is running or ran
                }
            }
        }
    }

    /**
     * The main loop of a worker process: starts (unless started), and on SIGTERM or SIGINT closes the worker
     * gracefully and returns, so that {@code main} returns and the JVM exits with status 0 rather than the 143 of a
     * signalled shutdown. A second signal exits at once. The JVM's own handlers are put back before it returns.
     * Meant for a process that is the worker; an application that embeds one uses {@link #start()} and
     * {@link #close()} and keeps its own signal handling. Where the JVM offers no signal handling, this is
     * {@link #run()}.
     *
     * <pre>{@code
     * public static void main(String[] args) {
     *     Worker worker = Worker.builder("127.0.0.1:7711").handle(downloader).build();
     *     if (!worker.runUntilSignalled()) System.exit(1);   // some task had to be interrupted
     * }
     * }</pre>
     *
     * @return true if every task that had started finished on its own; false if the grace period ran out and some
     *         were interrupted (their jobs were NACKed), or the worker was interrupted while waiting
     */
    public boolean runUntilSignalled() {
        Signals signals = Signals.install(this::close);
        if (signals == null) {
            run();
        } else {
            try {
                stateLock.lock();
                try {
                    if (state == State.NEW) start();
                } finally {
                    stateLock.unlock();
                }
                terminated.await();
            } catch (InterruptedException e) {
                close();
                Thread.currentThread().interrupt();
                return false;
            } finally {
                signals.close();
            }
        }
        WorkerCore c = core;
        return c == null || !c.tasksInterrupted;
    }

    /**
     * Stops gracefully: no more fetching, jobs that never started are NACKed, running handlers get the grace
     * period to finish, then are interrupted and their jobs NACKed; then the connections close. Blocks until done.
     * Safe to call more than once, from any thread, and before {@link #start()}.
     */
    @Override
    public void close() {
        stateLock.lock();
        try {
            switch (state) {
                case NEW -> {
                    state = State.TERMINATED;
                    if (ownsClient) disque.shutdown();
                    terminated.countDown();
                    return;
                }
                case TERMINATED -> {
                    return;
                }
                case STOPPING -> {
                    // another thread is closing it: wait below
                }
                case RUNNING -> {
                    state = State.STOPPING;
                    core.stop();
                    Thread t = new Thread(this::shutdown, "tasque-close");
                    t.setDaemon(true);
                    t.start();
                }
            }
        } finally {
            stateLock.unlock();
        }
        if (WorkerCore.RUNNING_IN.get() == core) return; // called by a handler: the close thread finishes the job
        boolean interrupted = false;
        while (true) {
            try {
                terminated.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /**
     * @param timeout how long to wait
     * @return true if the worker terminated within it
     * @throws InterruptedException if interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the current state */
    public State state() {
        return state;
    }

    /** @return the task names of the registered handlers, in registration order (schedules are not handlers) */
    public List<String> handlerNames() {
        stateLock.lock();
        try {
            return handlers.values().stream().filter(r -> !(r.handler instanceof Scheduler)).map(r -> r.name).toList();
        } finally {
            stateLock.unlock();
        }
    }

    /** @return counters since start */
    public WorkerStats stats() {
        WorkerCore c = core;
        return counters.snapshot(c == null ? 0 : c.slots.inFlight());
    }

    static boolean virtualThreadsAvailable() {
        return Threads.virtualThreadsAvailable();
    }

    /** Runs the Shutdown on the close thread, then marks the worker terminated whatever happened. */
    private void shutdown() {
        try {
            new Shutdown(core, fetcher).run();
        } finally {
            if (ownsClient) disque.shutdown();
            state = State.TERMINATED;
            terminated.countDown();
            log.log(Level.DEBUG, "tasque worker closed");
        }
    }

    // ------------------------------------------------------------- builder

    /** Builds a {@link Worker}. */
    public static final class Builder {
        private DisqueURI uri;
        private DisqueClient client;
        private int concurrency = 10;
        private boolean virtualThreads;
        private int maxAttempts = 25;
        private Backoff backoff = Backoff.defaults();
        private RetryPolicy retryPolicy;
        private boolean fastAck;
        private boolean strictPriority;
        private boolean heartbeats = true;
        private Duration heartbeatInterval;
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private Duration fetchTimeout = Duration.ofSeconds(5);
        private Duration enqueueTimeout = Duration.ofSeconds(5);
        private Duration deadLetterTtl = Duration.ofDays(30);
        private final List<ExecuteInterceptor> interceptors = new ArrayList<>();
        private final List<WorkerListener> listeners = new ArrayList<>();
        private final List<Map.Entry<Handler, HandlerOptions>> handlers = new ArrayList<>();
        private final List<Schedule> schedules = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private FailureLogging failureLogging = FailureLogging.DEFAULTS;

        private Builder() {
        }

        /**
         * @param n how many tasks run at once (default 10, as in the Go example)
         * @return this
         */
        public Builder concurrency(int n) {
            if (n < 1) throw new IllegalArgumentException("concurrency must be at least 1");
            this.concurrency = n;
            return this;
        }

        /**
         * @param on run each task on a virtual thread (Java 21+; the concurrency limit still applies)
         * @return this
         */
        public Builder virtualThreads(boolean on) {
            this.virtualThreads = on;
            return this;
        }

        /**
         * @param handler a named handler
         * @return this
         */
        public Builder handle(Handler handler) {
            return handle(handler, HandlerOptions.DEFAULTS);
        }

        /**
         * @param handler a named handler
         * @param options its limits
         * @return this
         */
        public Builder handle(Handler handler, HandlerOptions options) {
            handlers.add(Map.entry(Objects.requireNonNull(handler, "handler"), Objects.requireNonNull(options, "options")));
            return this;
        }

        /**
         * @param schedule a recurring task (see {@link Worker#schedule(Schedule)})
         * @return this
         */
        public Builder schedule(Schedule schedule) {
            schedules.add(Objects.requireNonNull(schedule, "schedule"));
            return this;
        }

        /**
         * @param n dead-letter a task after this many attempts (default 25)
         * @return this
         */
        public Builder maxAttempts(int n) {
            if (n < 1) throw new IllegalArgumentException("maxAttempts must be at least 1");
            this.maxAttempts = n;
            return this;
        }

        /**
         * @param b the delays between attempts for the default retry policy
         * @return this
         */
        public Builder backoff(Backoff b) {
            this.backoff = Objects.requireNonNull(b, "backoff");
            return this;
        }

        /**
         * @param p decides about failed tasks (replaces the default, which uses {@link #backoff(Backoff)})
         * @return this
         */
        public Builder retryPolicy(RetryPolicy p) {
            this.retryPolicy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /**
         * @param on acknowledge with FASTACK instead of ACKJOB
         * @return this
         */
        public Builder fastAck(boolean on) {
            this.fastAck = on;
            return this;
        }

        /**
         * @param on always fetch the handlers' queues in registration order (the first is served first) instead of
         *        rotating the order between fetches
         * @return this
         */
        public Builder strictPriority(boolean on) {
            this.strictPriority = on;
            return this;
        }

        /**
         * @param on send WORKING on receipt and while handlers run (default true)
         * @return this
         */
        public Builder heartbeats(boolean on) {
            this.heartbeats = on;
            return this;
        }

        /**
         * @param interval a fixed heartbeat interval instead of half the job's retry time
         * @return this
         */
        public Builder heartbeatInterval(Duration interval) {
            if (interval != null && (interval.isNegative() || interval.isZero())) throw new IllegalArgumentException("interval must be positive");
            this.heartbeatInterval = interval;
            return this;
        }

        /**
         * @param grace how long close() lets running tasks finish (default 30 s)
         * @return this
         */
        public Builder shutdownGrace(Duration grace) {
            if (grace.isNegative()) throw new IllegalArgumentException("grace must not be negative");
            this.shutdownGrace = grace;
            return this;
        }

        /**
         * @param timeout how long one GETJOB waits on the server (default 5 s)
         * @return this
         */
        public Builder fetchTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
            this.fetchTimeout = timeout;
            return this;
        }

        /**
         * @param timeout replication timeout of the ADDJOBs the worker sends (retries, dead letters); default 5 s
         * @return this
         */
        public Builder enqueueTimeout(Duration timeout) {
            this.enqueueTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * @param ttl how long dead letters are kept (default 30 days)
         * @return this
         */
        public Builder deadLetterTtl(Duration ttl) {
            if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
            this.deadLetterTtl = ttl;
            return this;
        }

        /**
         * @param interceptor runs around every handler call, inside the ones added before
         * @return this
         */
        public Builder interceptor(ExecuteInterceptor interceptor) {
            interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * @param listener receives task events (e.g. {@code new TasqueMetrics(registry)})
         * @return this
         */
        public Builder listener(WorkerListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param logging how failed attempts (default WARNING) and dead letters (default ERROR) are logged;
         *        {@link FailureLogging#off()} leaves them to listeners
         * @return this
         */
        public Builder failureLogging(FailureLogging logging) {
            this.failureLogging = Objects.requireNonNull(logging, "logging");
            return this;
        }

        /**
         * @param clock the clock for EnqueueTime of re-added tasks and queue-wait times
         * @return this
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the worker, not started */
        public Worker build() {
            if (virtualThreads && !virtualThreadsAvailable()) {
                throw new IllegalStateException("virtual threads need Java 21 or later (running " + Runtime.version() + ")");
            }
            Worker w = new Worker(this);
            try {
                for (Map.Entry<Handler, HandlerOptions> e : handlers) w.handle(e.getKey(), e.getValue());
                for (Schedule sc : schedules) w.schedule(sc);
            } catch (RuntimeException e) {
                w.close();
                throw e;
            }
            return w;
        }
    }
}
