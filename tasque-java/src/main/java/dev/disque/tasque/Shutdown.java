/*
 * Shutdown: the ordered stop of a started worker, run on its own thread by
 * Worker.close() (Sidekiq's manager "quiet" then "stop").
 *
 *   1. stop fetching: a job added to the worker's wake queue ends a GETJOB
 *      blocked on the server, and the fetch thread is joined. Closing the
 *      fetch connection would end it too, but under a command in flight,
 *      which makes the client log a warning and may start a reconnection
 *      that outlives the client; that is only the fallback, for a server
 *      that cannot be reached or a fetch thread that does not stop.
 *   2. jobs fetched but never started are NACKed at once
 *   3. running handlers get the grace period; then they are interrupted
 *      (their jobs are NACKed by their processors), and a handler that
 *      ignores the interrupt is given up on and its job NACKed
 *   4. the timer, the pool and the connections are closed, once nothing
 *      uses them any more, so that a clean shutdown logs nothing
 */
package dev.disque.tasque;

import dev.disque.client.args.AddJobArgs;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

final class Shutdown {
    private static final System.Logger log = System.getLogger(Worker.class.getName());

    private static final long WAKE_TTL_SECONDS = 60;
    /** How long a woken fetch thread may take to notice before its connection is closed under it. */
    private static final long WAKE_WAIT_MILLIS = 10_000;

    private final WorkerCore core;
    private final Thread fetcher;

    Shutdown(WorkerCore core, Thread fetcher) {
        this.core = core;
        this.fetcher = fetcher;
    }

    void run() {
        Duration grace = core.settings.shutdownGrace();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            // 1. Stop fetching.
            stopFetching(deadline);
            // 2. Jobs fetched but never started go back at once.
            for (Processor run : core.runs) {
                if (run.abandon()) {
                    core.nackQuietly(run.job.id());
                    core.counters.nacked.increment();
                }
            }
            // 3. Running handlers get the grace period, then are interrupted (their jobs are NACKed).
            core.pool.shutdown();
            if (!core.pool.awaitTermination(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                log.log(Level.WARNING, "tasque: " + core.runs.size() + " task(s) still running after the grace period of "
                        + grace.toMillis() + " ms; interrupting them");
                core.tasksInterrupted = true;
                for (Processor run : core.runs) run.cancel(TaskContext.CancelReason.SHUTDOWN);
                if (!core.pool.awaitTermination(Math.min(5000, Math.max(500, grace.toMillis())), TimeUnit.MILLISECONDS)) {
                    for (Processor run : core.runs) {
                        if (run.orphan()) {
                            log.log(Level.WARNING, "tasque: handler of " + run.job.id() + " ignores interrupts; NACKing its job");
                            core.nackQuietly(run.job.id());
                            core.counters.nacked.increment();
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.log(Level.ERROR, "tasque: error while closing the worker", e);
        } finally {
            // 4. Nothing runs any more: close what is left.
            core.timer.shutdownNow();
            core.pool.shutdownNow();
            core.commands.close();
            core.fetchConnection().close();
        }
    }

    private void stopFetching(long deadline) throws InterruptedException {
        if (fetcher == null) return;
        String wake = null;
        try {
            // On the fetch connection, so that it reaches the node the GETJOB waits on. One copy, kept a minute at
            // most: it only has to outlive this method.
            wake = core.fetchConnection().sync().addjob(core.wakeQueue, "stop",
                    new AddJobArgs().timeout(core.settings.enqueueTimeout()).replicate(1).ttl(WAKE_TTL_SECONDS));
            fetcher.join(Math.min(WAKE_WAIT_MILLIS, Math.max(1000, remainingMillis(deadline))));
        } catch (RuntimeException e) {
            log.log(Level.DEBUG, () -> "tasque: could not wake the fetch thread: " + e);
        }
        if (fetcher.isAlive()) {
            core.fetchConnection().closeAsync();
            fetcher.join(Math.max(1000, remainingMillis(deadline)));
        }
        if (wake != null) {
            try {
                core.commands.sync().deljob(wake);
            } catch (RuntimeException e) {
                log.log(Level.DEBUG, () -> "tasque: could not delete the wake-up job (it expires soon): " + e);
            }
        }
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
