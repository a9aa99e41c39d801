/*
 * WorkerCore: what the parts of a started worker share: its settings, its
 * two connections (one for the blocking GETJOB, one for everything else,
 * so that acknowledgements never wait behind a fetch), the task pool, the
 * timer for heartbeats and timeouts, the slots, the processors in flight,
 * the counters, and the few commands every part sends (ACK, NACK).
 *
 * Made by Worker.start(); the Fetcher, the Processors, the Retrier and the
 * Shutdown all work on it.
 */
package dev.disque.tasque;

import dev.disque.client.DisqueClient;
import dev.disque.client.StatefulDisqueConnection;
import java.lang.System.Logger.Level;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

final class WorkerCore {
    private static final System.Logger log = System.getLogger(Worker.class.getName());
    /** Set on a pool thread while it runs a task: close() from a handler must not wait for itself. */
    static final ThreadLocal<WorkerCore> RUNNING_IN = new ThreadLocal<>();

    final WorkerSettings settings;
    final DisqueClient disque;
    final Map<String, Registration> byQueue;
    final Slots slots;
    final ExecutorService pool;
    final ScheduledExecutorService timer;
    final Set<Processor> runs = ConcurrentHashMap.newKeySet();
    /**
     * This worker's own queue, fetched with its task queues and never written to but by Shutdown: one job there
     * ends a blocked GETJOB normally, where closing its connection under it would make the client log errors.
     */
    final String wakeQueue = Tasque.WAKE_PREFIX + UUID.randomUUID();
    final WorkerCounters counters;
    final StatefulDisqueConnection<String, String> commands;
    final Retrier retrier;
    final FailureLog failureLog;
    private volatile StatefulDisqueConnection<String, String> fetchConnection;
    private volatile boolean stopping;
    /** Set by Shutdown when the grace period ran out with handlers still running. */
    volatile boolean tasksInterrupted;

    WorkerCore(WorkerSettings settings, DisqueClient disque, Map<String, Registration> byQueue,
            WorkerCounters counters, StatefulDisqueConnection<String, String> commands,
            StatefulDisqueConnection<String, String> fetchConnection) {
        this.settings = settings;
        this.disque = disque;
        this.byQueue = byQueue;
        this.counters = counters;
        this.commands = commands;
        this.fetchConnection = fetchConnection;
        this.slots = new Slots(settings.concurrency(), List.copyOf(byQueue.values()), settings.strictPriority());
        this.pool = Threads.taskPool(settings.concurrency(), settings.virtualThreads());
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, Threads.named("tasque-timer-"));
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        this.failureLog = new FailureLog(settings.failureLogging());
        this.retrier = new Retrier(this);
    }

    /** @return false once close() began: fetch no more, start no more */
    boolean isRunning() {
        return !stopping;
    }

    void stop() {
        stopping = true;
        slots.stop();
    }

    StatefulDisqueConnection<String, String> fetchConnection() {
        return fetchConnection;
    }

    /** Puts in a new fetch connection unless stopping; true if it was taken. */
    synchronized boolean replaceFetchConnection(StatefulDisqueConnection<String, String> c) {
        if (stopping) return false;
        fetchConnection = c;
        return true;
    }

    void ack(String id) {
        if (settings.fastAck()) commands.sync().fastack(id);
        else commands.sync().ackjob(id);
    }

    void nackQuietly(String id) {
        try {
            commands.sync().nack(id);
        } catch (RuntimeException e) {
            log.log(Level.WARNING, "tasque: NACK of " + id + " failed (Disque delivers it again after its retry time): " + e);
        }
    }

    OffsetDateTime now() {
        return settings.clock().instant().atOffset(ZoneOffset.UTC);
    }

    void fire(Consumer<WorkerListener> event) {
        for (WorkerListener l : settings.listeners()) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "tasque: listener " + l + " failed", e);
            }
        }
    }
}
