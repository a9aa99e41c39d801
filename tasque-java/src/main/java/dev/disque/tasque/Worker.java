/*
 * Worker: runs named handlers on a pool of threads (Go tasque's Worker),
 * fixing what Go's lacks.
 *
 * One fetch thread asks GETJOB ... COUNT <free slots> WITHCOUNTERS FROM
 * <queues> with a server-side TIMEOUT, so the pool is never over-filled
 * and an idle worker waits on the server. The queue order rotates between
 * fetches (fairness; strict priority is an option). Each job runs on a
 * pool thread: decode, WORKING at once and then at about half its retry
 * time (heartbeat), the execute interceptors and the handler, with an
 * optional timeout. Then:
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
 * close(): stop fetching (the fetch connection is closed, which ends a
 * blocked GETJOB), NACK jobs that never started, let running handlers
 * finish within the grace period, interrupt the rest and NACK their jobs,
 * then close the connections.
 */
package dev.disque.tasque;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.error.DisqueErrors;
import dev.disque.client.error.NoSuchJobException;
import dev.disque.client.error.TooLateException;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobInfo;
import dev.disque.tasque.json.JsonException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
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
    private static final long SERVER_DEFAULT_TTL = TasqueClient.SERVER_DEFAULT_TTL_SECONDS;
    /** Set on a pool thread while it runs a task: close() from a handler must not wait for itself. */
    private static final ThreadLocal<Worker> RUNNING_IN = new ThreadLocal<>();
    /** How often a fetch that leaves a handler out (at its limit) polls the other queues. */
    private static final long PARTIAL_POLL_MILLIS = 200;

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
    private final int concurrency;
    private final boolean virtualThreads;
    private final int maxAttempts;
    private final RetryPolicy retryPolicy;
    private final boolean fastAck;
    private final boolean strictPriority;
    private final boolean heartbeats;
    private final Duration heartbeatInterval;
    private final Duration shutdownGrace;
    private final Duration fetchTimeout;
    private final Duration enqueueTimeout;
    private final Duration deadLetterTtl;
    private final List<ExecuteInterceptor> interceptors;
    private final List<WorkerListener> listeners;
    private final Clock clock;

    private final ReentrantLock stateLock = new ReentrantLock();
    private final Map<String, Registration> handlers = new LinkedHashMap<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Set<TaskRun> runs = ConcurrentHashMap.newKeySet();
    private volatile State state = State.NEW;
    private Map<String, Registration> byQueue;
    private Slots slots;
    private volatile StatefulDisqueConnection<String, String> fetchConnection;
    private volatile StatefulDisqueConnection<String, String> commands;
    private ExecutorService pool;
    private ScheduledExecutorService timer;
    private Thread fetcher;

    private final LongAdder fetched = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final LongAdder succeeded = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder nacked = new LongAdder();

    private Worker(Builder b) {
        this.ownsClient = b.client == null;
        this.concurrency = b.concurrency;
        this.virtualThreads = b.virtualThreads;
        this.maxAttempts = b.maxAttempts;
        this.retryPolicy = b.retryPolicy != null ? b.retryPolicy : RetryPolicy.withBackoff(b.backoff);
        this.fastAck = b.fastAck;
        this.strictPriority = b.strictPriority;
        this.heartbeats = b.heartbeats;
        this.heartbeatInterval = b.heartbeatInterval;
        this.shutdownGrace = b.shutdownGrace;
        this.fetchTimeout = b.fetchTimeout;
        this.enqueueTimeout = b.enqueueTimeout;
        this.deadLetterTtl = b.deadLetterTtl;
        this.interceptors = List.copyOf(b.interceptors);
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
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
            int attempts = options.maxAttempts() > 0 ? options.maxAttempts() : maxAttempts;
            RetryPolicy p = options.retryPolicy() != null ? options.retryPolicy() : retryPolicy;
            handlers.put(name, new Registration(handler, name, options.maxConcurrency(), options.timeout(), attempts, p));
        } finally {
            stateLock.unlock();
        }
        return this;
    }

    /**
     * Connects and starts fetching; returns at once.
     *
     * @throws IllegalStateException if already started or closed, or no handler is registered
     * @throws io.lettuce.core.RedisConnectionException if no node can be reached
     */
    public void start() {
        stateLock.lock();
        try {
            if (state != State.NEW) throw new IllegalStateException("the worker is already " + state.name().toLowerCase());
            if (handlers.isEmpty()) throw new IllegalStateException("no handler registered: call handle(...) first");
            StatefulDisqueConnection<String, String> cmd = disque.connect();
            StatefulDisqueConnection<String, String> fetch;
            try {
                fetch = disque.connect();
            } catch (RuntimeException e) {
                cmd.close();
                throw e;
            }
            commands = cmd;
            fetchConnection = fetch;
            List<Registration> regs = new ArrayList<>(handlers.values());
            byQueue = new LinkedHashMap<>();
            for (Registration r : regs) byQueue.put(r.queue, r);
            slots = new Slots(concurrency, regs, strictPriority);
            pool = newPool();
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, threads("tasque-timer-", true));
            t.setRemoveOnCancelPolicy(true);
            timer = t;
            fetcher = threads("tasque-fetch-", true).newThread(this::fetchLoop);
            state = State.RUNNING;
            fetcher.start();
            log.log(Level.DEBUG, () -> "tasque worker started: " + handlers.keySet() + ", concurrency " + concurrency);
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
                    slots.stop();
                    Thread t = new Thread(this::shutdown, "tasque-close");
                    t.setDaemon(true);
                    t.start();
                }
            }
        } finally {
            stateLock.unlock();
        }
        if (RUNNING_IN.get() == this) return; // called by a handler: the close thread finishes the job
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

    /** @return the registered task names, in registration order */
    public List<String> handlerNames() {
        stateLock.lock();
        try {
            return List.copyOf(handlers.keySet());
        } finally {
            stateLock.unlock();
        }
    }

    /** @return counters since start */
    public WorkerStats stats() {
        return new WorkerStats(fetched.sum(), started.sum(), succeeded.sum(), failed.sum(), retried.sum(),
                deadLettered.sum(), nacked.sum(), slots == null ? 0 : slots.inFlight());
    }

    // ------------------------------------------------------------ threads

    private ExecutorService newPool() {
        if (virtualThreads) {
            try {
                return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("virtual threads need Java 21 or later", e);
            }
        }
        return new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threads("tasque-worker-", true));
    }

    private static ThreadFactory threads(String prefix, boolean daemon) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(daemon);
            return t;
        };
    }

    static boolean virtualThreadsAvailable() {
        try {
            Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    // --------------------------------------------------------------- fetch

    private void fetchLoop() {
        while (state == State.RUNNING) {
            try {
                fetchUntilStopped();
                return;
            } catch (Throwable t) {
                // Never let the worker stop fetching silently.
                log.log(Level.ERROR, "tasque: unexpected error in the fetch loop; going on", t);
                try {
                    if (slots.awaitStop(1000)) return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void fetchUntilStopped() {
        long backoffMs = 0;
        while (true) {
            Slots.Reservation r;
            try {
                r = slots.reserve();
            } catch (InterruptedException e) {
                return;
            }
            if (r == null) return;
            List<Job<String, String>> jobs;
            try {
                GetJobArgs args = new GetJobArgs().count(r.count()).withCounters();
                // A handler at its limit is left out of the fetch. Blocking on the others would keep it waiting
                // after it frees a slot, so in that case only take what is there, and try again when a slot frees
                // (or after a short while, for new jobs on the other queues).
                if (r.partial()) args.nohang();
                else args.timeout(fetchTimeout);
                jobs = fetchConnection.sync().getjob(args, r.queues());
                backoffMs = 0;
                if (r.partial() && jobs.isEmpty()) {
                    slots.cancel(r);
                    try {
                        if (slots.awaitRelease(r, PARTIAL_POLL_MILLIS)) return;
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            } catch (RuntimeException e) {
                slots.cancel(r);
                if (state != State.RUNNING) return;
                log.log(Level.WARNING, "tasque: fetching jobs failed: " + e);
                fire(l -> l.fetchFailed(e));
                backoffMs = backoffMs == 0 ? 100 : Math.min(backoffMs * 2, 5000);
                try {
                    if (slots.awaitStop(backoffMs)) return;
                } catch (InterruptedException ie) {
                    return;
                }
                reconnectFetchIfClosed();
                continue;
            }
            dispatch(r, jobs);
        }
    }

    private void reconnectFetchIfClosed() {
        if (fetchConnection.isOpen() || state != State.RUNNING) return;
        try {
            StatefulDisqueConnection<String, String> c = disque.connect();
            stateLock.lock();
            try {
                if (state == State.RUNNING) {
                    fetchConnection = c;
                    c = null;
                }
            } finally {
                stateLock.unlock();
            }
            if (c != null) c.close();
        } catch (RuntimeException e) {
            log.log(Level.DEBUG, () -> "tasque: reconnecting failed: " + e);
        }
    }

    private void dispatch(Slots.Reservation r, List<Job<String, String>> jobs) {
        List<Registration> taken = new ArrayList<>(jobs.size());
        for (Job<String, String> j : jobs) taken.add(byQueue.get(j.queue()));
        slots.commit(r, taken);
        fetched.add(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            Job<String, String> job = jobs.get(i);
            Registration reg = taken.get(i);
            if (reg == null || state != State.RUNNING) {
                // Not ours to run (cannot happen: we only fetch our queues), or fetched while stopping.
                nackQuietly(job.id());
                nacked.increment();
                slots.release(reg);
                continue;
            }
            TaskRun run = new TaskRun(reg, job);
            runs.add(run);
            try {
                pool.execute(run);
            } catch (RejectedExecutionException e) {
                if (run.abandon()) {
                    nackQuietly(job.id());
                    nacked.increment();
                }
            }
        }
    }

    // ------------------------------------------------------------ shutdown

    private void shutdown() {
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        try {
            // 1. Stop fetching: closing the fetch connection ends a GETJOB blocked on the server.
            fetchConnection.closeAsync();
            joinQuietly(fetcher, Math.max(1000, remainingMillis(deadline)));
            // 2. Jobs fetched but never started go back at once.
            for (TaskRun run : runs) {
                if (run.abandon()) {
                    nackQuietly(run.job.id());
                    nacked.increment();
                }
            }
            // 3. Running handlers get the grace period, then are interrupted (their jobs are NACKed).
            pool.shutdown();
            if (!pool.awaitTermination(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                log.log(Level.WARNING, "tasque: " + runs.size() + " task(s) still running after the grace period of "
                        + shutdownGrace.toMillis() + " ms; interrupting them");
                for (TaskRun run : runs) run.cancel(TaskContext.CancelReason.SHUTDOWN);
                if (!pool.awaitTermination(Math.min(5000, Math.max(500, shutdownGrace.toMillis())), TimeUnit.MILLISECONDS)) {
                    for (TaskRun run : runs) {
                        if (run.orphan()) {
                            log.log(Level.WARNING, "tasque: handler of " + run.job.id() + " ignores interrupts; NACKing its job");
                            nackQuietly(run.job.id());
                            nacked.increment();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "tasque: error while closing the worker", e);
        } finally {
            timer.shutdownNow();
            pool.shutdownNow();
            commands.close();
            fetchConnection.close();
            if (ownsClient) disque.shutdown();
            state = State.TERMINATED;
            terminated.countDown();
            log.log(Level.DEBUG, "tasque worker closed");
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static void joinQuietly(Thread t, long millis) throws InterruptedException {
        if (t != null) t.join(millis);
    }

    // ------------------------------------------------------------ commands

    private void nackQuietly(String id) {
        try {
            commands.sync().nack(id);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "tasque: NACK of " + id + " failed (Disque delivers it again after its retry time): " + e);
        }
    }

    private void ack(String id) {
        if (fastAck) commands.sync().fastack(id);
        else commands.sync().ackjob(id);
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private void fire(java.util.function.Consumer<WorkerListener> event) {
        for (WorkerListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "tasque: listener " + l + " failed", e);
            }
        }
    }

    // ------------------------------------------------------------ one task

    /** One fetched job, from decoding to acknowledgement, on a pool thread. */
    private final class TaskRun implements Runnable {
        private static final int PENDING = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int ABANDONED = 3;

        final Registration reg;
        final Job<String, String> job;
        final AtomicInteger phase = new AtomicInteger(PENDING);
        volatile RunContext context;

        TaskRun(Registration reg, Job<String, String> job) {
            this.reg = reg;
            this.job = job;
        }

        /** Takes a run that never started away from the pool; true if it was still pending. */
        boolean abandon() {
            if (!phase.compareAndSet(PENDING, ABANDONED)) return false;
            runs.remove(this);
            slots.release(reg);
            return true;
        }

        /** Gives up on a handler that does not stop; true if it was still running. */
        boolean orphan() {
            return phase.compareAndSet(RUNNING, ABANDONED);
        }

        void cancel(TaskContext.CancelReason reason) {
            RunContext c = context;
            if (c != null) c.cancel(reason);
        }

        @Override
        public void run() {
            if (!phase.compareAndSet(PENDING, RUNNING)) return;
            RUNNING_IN.set(Worker.this);
            try {
                process();
            } catch (Throwable t) {
                log.log(Level.ERROR, "tasque: unexpected error handling job " + job.id(), t);
            } finally {
                RUNNING_IN.remove();
                RunContext c = context;
                if (c != null) c.stopHeartbeats();
                Thread.interrupted();
                phase.compareAndSet(RUNNING, DONE);
                runs.remove(this);
                slots.release(reg);
            }
        }

        private void process() {
            Task task;
            try {
                task = TaskCodec.decode(job.body());
            } catch (JsonException e) {
                undecodable(e);
                return;
            }
            task.attach(job.id(), job.queue(), job.nacks(), job.additionalDeliveries());
            if (!task.name().equals(reg.name)) {
                deadLetter(task, DeadReason.UNKNOWN_HANDLER, new IllegalStateException("no handler for task '"
                        + task.name() + "' (received on queue " + job.queue() + ")"));
                return;
            }
            RunContext ctx = new RunContext(task, reg.timeout);
            context = ctx;
            task.context(ctx);
            if (heartbeats) ctx.startHeartbeats();
            int attempt = task.attempt();
            if (attempt > reg.maxAttempts) {
                deadLetter(task, DeadReason.MAX_ATTEMPTS, new IllegalStateException("delivered " + attempt
                        + " times (NACKed or never acknowledged), more than the " + reg.maxAttempts + " attempts allowed"));
                return;
            }
            Duration wait = task.enqueueTime().map(t -> Duration.between(t, clock.instant()))
                    .map(d -> d.isNegative() ? Duration.ZERO : d).orElse(null);
            fire(l -> l.taskStarted(task, wait));
            started.increment();
            long t0 = System.nanoTime();
            Throwable error = ctx.execute(() -> chain(0, task));
            Duration runTime = Duration.ofNanos(System.nanoTime() - t0);
            ctx.stopHeartbeats();
            if (error == null) {
                try {
                    ack(job.id());
                } catch (RuntimeException e) {
                    log.log(Level.WARNING, "tasque: acknowledging " + job.id() + " failed; Disque will deliver it again: " + e);
                }
                fire(l -> l.taskSucceeded(task, runTime));
                succeeded.increment();
                return;
            }
            if (ctx.cancelReason().orElse(null) == TaskContext.CancelReason.SHUTDOWN) {
                log.log(Level.INFO, "tasque: task " + task.name() + " (" + job.id() + ") interrupted by shutdown; NACKing it");
                nackQuietly(job.id());
                nacked.increment();
                return;
            }
            fire(l -> l.taskFailed(task, error, runTime));
            failed.increment();
            RetryDecision decision;
            if (attempt >= reg.maxAttempts) {
                decision = RetryDecision.deadLetter(DeadReason.MAX_ATTEMPTS);
            } else {
                try {
                    decision = Objects.requireNonNull(reg.policy.decide(task, error), "retry decision");
                } catch (RuntimeException e) {
                    log.log(Level.WARNING, "tasque: the retry policy failed; retrying with the default backoff", e);
                    decision = RetryDecision.retryAfter(Backoff.defaults().delay(attempt));
                }
            }
            if (decision.isDeadLetter()) {
                deadLetter(task, decision.deadReason(), error);
            } else if (decision.delay().isZero()) {
                log.log(Level.DEBUG, () -> "tasque: task " + task.name() + " (" + job.id() + ") attempt " + attempt
                        + " failed, retrying now: " + error);
                try {
                    if (commands.sync().nack(job.id()) > 0) {
                        fire(l -> l.taskRetried(task, Duration.ZERO));
                        retried.increment();
                    } else {
                        notRequeued(task, error);
                    }
                } catch (RuntimeException e) {
                    log.log(Level.WARNING, "tasque: NACK of " + job.id() + " failed; Disque will deliver it again: " + e);
                }
            } else {
                retryLater(task, attempt, decision.delay(), error);
            }
        }

        private void chain(int i, Task task) throws Exception {
            if (i == interceptors.size()) {
                reg.handler.handle(task);
                return;
            }
            interceptors.get(i).intercept(task, () -> chain(i + 1, task));
        }

        /**
         * NACK did not queue the job again: it is an at-most-once job (RETRY 0), which Disque never delivers twice,
         * or it is gone (acknowledged by another delivery, deleted, expired). The first goes to the dead letters.
         */
        private void notRequeued(Task task, Throwable error) {
            JobInfo<String, String> info = commands.sync().show(job.id());
            if (info != null && info.retry() == 0) {
                deadLetter(task, DeadReason.NON_RETRYABLE, error);
            } else {
                log.log(Level.INFO, "tasque: task " + task.name() + " (" + job.id() + ") failed but the job is gone "
                        + "(acknowledged elsewhere or deleted); nothing to retry: " + error);
            }
        }

        /** A delayed retry: a new job with DELAY and the next attempt number, then ACKJOB of this one. */
        private void retryLater(Task task, int attempt, Duration delay, Throwable error) {
            long delaySec = SubmitOptions.seconds(delay);
            JobInfo<String, String> info = null;
            try {
                info = commands.sync().show(job.id());
            } catch (RuntimeException e) {
                log.log(Level.DEBUG, () -> "tasque: SHOW " + job.id() + " failed: " + e);
            }
            AddJobArgs args = new AddJobArgs().timeout(enqueueTimeout).delay(delaySec);
            if (info != null) {
                if (info.retry() == 0) {
                    // At-most-once: the producer asked for no second delivery.
                    deadLetter(task, DeadReason.NON_RETRYABLE, error);
                    return;
                }
                if (info.ttl() <= delaySec) {
                    deadLetter(task, DeadReason.EXPIRING, error);
                    return;
                }
                args.ttl(info.ttl()).retry(info.retry());
            } else {
                args.ttl(delaySec + SERVER_DEFAULT_TTL);
            }
            TaskMeta m = task.meta();
            OffsetDateTime first = m.firstEnqueueTime() != null ? m.firstEnqueueTime() : task.rawEnqueueTime();
            TaskMeta next = new TaskMeta(attempt + 1, task.originalJobId(), first, DeadLetters.errorText(error),
                    null, null, null, null);
            String body = TaskCodec.encode(task.name(), task.rawParams(), task.paramsNull(), now(), next);
            try {
                String id = commands.sync().addjob(job.queue(), body, args);
                ack(job.id());
                log.log(Level.DEBUG, () -> "tasque: task " + task.name() + " (" + job.id() + ") attempt " + attempt
                        + " failed, retrying in " + delaySec + " s as " + id + ": " + error);
                fire(l -> l.taskRetried(task, Duration.ofSeconds(delaySec)));
                retried.increment();
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "tasque: could not re-add " + job.id() + " for a delayed retry; Disque will "
                        + "deliver it again after its retry time: " + e);
            }
        }

        private void deadLetter(Task task, DeadReason reason, Throwable error) {
            String body = DeadLetters.deadBody(task, task.attempt(), reason, error, now());
            if (addDead(task.name(), body)) {
                log.log(Level.WARNING, "tasque: task " + task.name() + " (" + job.id() + ") moved to "
                        + Tasque.deadQueueName(task.name()) + " (" + reason.wire() + "): " + error);
                fire(l -> l.taskDeadLettered(task, reason, error));
                deadLettered.increment();
            }
        }

        private void undecodable(JsonException e) {
            String body = DeadLetters.undecodableBody(reg.name, job.id(), job.body(), e, now());
            if (addDead(reg.name, body)) {
                log.log(Level.WARNING, "tasque: job " + job.id() + " on " + job.queue() + " is not a task; moved to "
                        + Tasque.deadQueueName(reg.name) + ": " + e.getMessage());
                Task stub = Task.decoded(reg.name, null, null, TaskMeta.NONE);
                stub.attach(job.id(), job.queue(), job.nacks(), job.additionalDeliveries());
                fire(l -> l.taskDeadLettered(stub, DeadReason.UNDECODABLE, e));
                deadLettered.increment();
            }
        }

        /** Writes the dead letter, then acknowledges the job; on failure leaves the job to Disque's redelivery. */
        private boolean addDead(String name, String body) {
            try {
                AddJobArgs args = new AddJobArgs().timeout(enqueueTimeout).ttl(SubmitOptions.seconds(deadLetterTtl));
                commands.sync().addjob(Tasque.deadQueueName(name), body, args);
            } catch (RuntimeException e) {
                log.log(Level.ERROR, "tasque: could not write the dead letter of " + job.id() + "; Disque will deliver "
                        + "it again after its retry time: " + e);
                return false;
            }
            try {
                ack(job.id());
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "tasque: acknowledging dead-lettered " + job.id() + " failed: " + e);
            }
            return true;
        }

        /** The context of the running handler: timeout, cancellation, heartbeats. */
        private final class RunContext implements TaskContext {
            private final Task task;
            private final Duration timeout;
            private final Instant deadline;
            private final List<Runnable> cancelActions = new ArrayList<>();
            private Thread thread;
            private boolean running;
            private volatile CancelReason reason;
            private volatile boolean leaseLost;
            private volatile boolean heartbeating;
            private ScheduledFuture<?> next;

            RunContext(Task task, Duration timeout) {
                this.task = task;
                this.timeout = timeout;
                this.deadline = timeout == null ? null : Instant.now().plus(timeout);
            }

            Throwable execute(ExecuteInterceptor.Execution body) {
                synchronized (this) {
                    running = true;
                    thread = Thread.currentThread();
                }
                ScheduledFuture<?> timeoutTask = null;
                if (timeout != null) {
                    try {
                        timeoutTask = timer.schedule(() -> cancel(CancelReason.TIMEOUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
                    } catch (RejectedExecutionException e) {
                        // closing: no timeout needed any more
                    }
                }
                Throwable error = null;
                try {
                    body.proceed();
                } catch (Throwable t) {
                    error = t;
                } finally {
                    synchronized (this) {
                        running = false;
                        thread = null;
                    }
                    if (timeoutTask != null) timeoutTask.cancel(false);
                    Thread.interrupted();
                }
                if (reason == CancelReason.TIMEOUT) {
                    return error instanceof TaskTimeoutException ? error : new TaskTimeoutException(task.name(), timeout, error);
                }
                return error;
            }

            void cancel(CancelReason why) {
                List<Runnable> actions;
                synchronized (this) {
                    if (!running || reason != null) return;
                    reason = why;
                    thread.interrupt();
                    actions = new ArrayList<>(cancelActions);
                }
                for (Runnable a : actions) {
                    try {
                        a.run();
                    } catch (RuntimeException e) {
                        log.log(Level.WARNING, "tasque: onCancel action failed", e);
                    }
                }
            }

            // ------------------------------------------------ heartbeats

            void startHeartbeats() {
                heartbeating = true;
                sendWorking();
            }

            synchronized void stopHeartbeats() {
                heartbeating = false;
                if (next != null) next.cancel(false);
            }

            private void sendWorking() {
                if (!heartbeating) return;
                java.util.concurrent.CompletionStage<Long> reply;
                try {
                    reply = commands.async().working(job.id());
                } catch (RuntimeException e) {
                    heartbeating = false;
                    return;
                }
                reply.whenComplete((seconds, err) -> {
                    if (err != null) {
                        Throwable c = DisqueErrors.unwrap(err);
                        if (c instanceof TooLateException || c instanceof NoSuchJobException) {
                            loseLease(c);
                            return;
                        }
                        schedule(heartbeatInterval != null ? heartbeatInterval.toMillis() : 1000);
                        return;
                    }
                    if (seconds == null || seconds <= 0) {
                        heartbeating = false; // at-most-once job: nothing to postpone
                        return;
                    }
                    long ms = heartbeatInterval != null ? heartbeatInterval.toMillis() : Math.max(250, seconds * 500);
                    schedule(ms);
                });
            }

            private synchronized void schedule(long ms) {
                if (!heartbeating) return;
                try {
                    next = timer.schedule(this::sendWorking, ms, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    heartbeating = false;
                }
            }

            private void loseLease(Throwable why) {
                leaseLost = true;
                heartbeating = false;
                log.log(Level.INFO, () -> "tasque: task " + task.name() + " (" + job.id() + ") can no longer be postponed: "
                        + why.getMessage());
            }

            // ------------------------------------------------ TaskContext

            @Override
            public boolean isCancelled() {
                return reason != null;
            }

            @Override
            public Optional<CancelReason> cancelReason() {
                return Optional.ofNullable(reason);
            }

            @Override
            public boolean isLeaseLost() {
                return leaseLost;
            }

            @Override
            public boolean heartbeat() {
                if (leaseLost) return false;
                try {
                    Long s = commands.sync().working(job.id());
                    return s != null && s > 0;
                } catch (TooLateException | NoSuchJobException e) {
                    loseLease(e);
                    return false;
                }
            }

            @Override
            public Optional<Instant> deadline() {
                return Optional.ofNullable(deadline);
            }

            @Override
            public void onCancel(Runnable action) {
                Objects.requireNonNull(action, "action");
                synchronized (this) {
                    if (reason == null) {
                        cancelActions.add(action);
                        return;
                    }
                }
                action.run();
            }
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
        private Clock clock = Clock.systemUTC();

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
            } catch (RuntimeException e) {
                w.close();
                throw e;
            }
            return w;
        }
    }
}
