/*
 * Processor: one fetched job on a pool thread, from its body to its
 * acknowledgement (Sidekiq's "processor").
 *
 * Decode the body (undecodable: dead letters), check the name against the
 * handler (another name: dead letters), start heartbeats, check the
 * attempt count (too many deliveries: dead letters), run the execute
 * interceptors and the handler under the RunContext (timeout,
 * cancellation), then ACK on success or hand the failure to the Retrier.
 * A task interrupted by shutdown is NACKed, not counted as a failure.
 *
 * Its phase lets the Shutdown take back a job that never started
 * (abandon) or give up on a handler that ignores interrupts (orphan),
 * each exactly once.
 */
package dev.disque.tasque;

import dev.disque.client.model.Job;
import dev.disque.tasque.json.JsonException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

final class Processor implements Runnable {
    private static final System.Logger log = System.getLogger(Worker.class.getName());
    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int ABANDONED = 3;

    private final WorkerCore core;
    final Registration reg;
    final Job<String, String> job;
    private final AtomicInteger phase = new AtomicInteger(PENDING);
    private volatile RunContext context;

    Processor(WorkerCore core, Registration reg, Job<String, String> job) {
        this.core = core;
        this.reg = reg;
        this.job = job;
    }

    /** Takes a run that never started away from the pool; true if it was still pending. */
    boolean abandon() {
        if (!phase.compareAndSet(PENDING, ABANDONED)) return false;
        core.runs.remove(this);
        core.slots.release(reg);
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
        WorkerCore.RUNNING_IN.set(core);
        try {
            process();
        } catch (Throwable t) {
            log.log(Level.ERROR, "tasque: unexpected error handling job " + job.id(), t);
        } finally {
            WorkerCore.RUNNING_IN.remove();
            RunContext c = context;
            if (c != null) c.stopHeartbeats();
            Thread.interrupted();
            phase.compareAndSet(RUNNING, DONE);
            core.runs.remove(this);
            core.slots.release(reg);
        }
    }

    private void process() {
        Task task;
        try {
            task = TaskCodec.decode(job.body());
        } catch (JsonException e) {
            core.retrier.undecodable(reg, job, e);
            return;
        }
        task.attach(job.id(), job.queue(), job.nacks(), job.additionalDeliveries());
        if (!task.name().equals(reg.name)) {
            core.retrier.deadLetter(job, task, DeadReason.UNKNOWN_HANDLER, new IllegalStateException(
                    "no handler for task '" + task.name() + "' (received on queue " + job.queue() + ")"));
            return;
        }
        RunContext ctx = new RunContext(core, job.id(), task, reg.timeout);
        context = ctx;
        task.context(ctx);
        if (core.settings.heartbeats()) ctx.startHeartbeats();
        int attempt = task.attempt();
        if (attempt > reg.maxAttempts) {
            core.retrier.deadLetter(job, task, DeadReason.MAX_ATTEMPTS, new IllegalStateException("delivered " + attempt
                    + " times (NACKed or never acknowledged), more than the " + reg.maxAttempts + " attempts allowed"));
            return;
        }
        Duration wait = task.enqueueTime().map(t -> Duration.between(t, core.settings.clock().instant()))
                .map(d -> d.isNegative() ? Duration.ZERO : d).orElse(null);
        core.fire(l -> l.taskStarted(task, wait));
        core.counters.started.increment();
        long t0 = System.nanoTime();
        Throwable error = ctx.execute(() -> chain(0, task));
        Duration runTime = Duration.ofNanos(System.nanoTime() - t0);
        ctx.stopHeartbeats();
        if (error == null) {
            try {
                core.ack(job.id());
            } catch (RuntimeException e) {
                log.log(Level.WARNING, "tasque: acknowledging " + job.id() + " failed; Disque will deliver it again: " + e);
            }
            core.fire(l -> l.taskSucceeded(task, runTime));
            core.counters.succeeded.increment();
            return;
        }
        if (ctx.cancelReason().orElse(null) == TaskContext.CancelReason.SHUTDOWN) {
            log.log(Level.INFO, "tasque: task " + task.name() + " (" + job.id() + ") interrupted by shutdown; NACKing it");
            core.nackQuietly(job.id());
            core.counters.nacked.increment();
            return;
        }
        core.fire(l -> l.taskFailed(task, error, runTime));
        core.counters.failed.increment();
        core.retrier.failed(reg, job, task, attempt, error);
    }

    private void chain(int i, Task task) throws Exception {
        List<ExecuteInterceptor> interceptors = core.settings.interceptors();
        if (i == interceptors.size()) {
            reg.handler.handle(task);
            return;
        }
        interceptors.get(i).intercept(task, () -> chain(i + 1, task));
    }
}
