/*
 * Shutdown: the ordered stop of a started worker, run on its own thread by
 * Worker.close() (Sidekiq's manager "quiet" then "stop").
 *
 *   1. stop fetching: closing the fetch connection ends a GETJOB blocked
 *      on the server; the fetch thread is joined
 *   2. jobs fetched but never started are NACKed at once
 *   3. running handlers get the grace period; then they are interrupted
 *      (their jobs are NACKed by their processors), and a handler that
 *      ignores the interrupt is given up on and its job NACKed
 *   4. the timer, the pool and the connections are closed
 */
package dev.disque.tasque;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

final class Shutdown {
    private static final System.Logger log = System.getLogger(Worker.class.getName());

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
            // 1. Stop fetching: closing the fetch connection ends a GETJOB blocked on the server.
            core.fetchConnection().closeAsync();
            if (fetcher != null) fetcher.join(Math.max(1000, remainingMillis(deadline)));
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

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
