/*
 * RunContext: the running handler's TaskContext, and the two clocks that
 * run beside it: its timeout and its heartbeats.
 *
 * Timeout: a timer task interrupts the handler's thread when the handler's
 * time is up and runs its onCancel actions; the attempt then fails with a
 * TaskTimeoutException. Shutdown cancels the same way once the grace
 * period is over.
 *
 * Heartbeats: WORKING at once, then at about half the job's retry time
 * (the server's answer) or at the fixed heartbeatInterval, each reply
 * scheduling the next. A TOOLATE or NOJOB reply means the job can no
 * longer be postponed (half its TTL has passed, or it is gone): the lease
 * is lost, heartbeats stop, and the handler can see it. At-most-once jobs
 * (WORKING answers 0) need none.
 */
package dev.disque.tasque;

import dev.disque.client.error.DisqueErrors;
import dev.disque.client.error.NoSuchJobException;
import dev.disque.client.error.TooLateException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

final class RunContext implements TaskContext {
    private static final System.Logger log = System.getLogger(Worker.class.getName());

    private final WorkerCore core;
    private final String jobId;
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

    RunContext(WorkerCore core, String jobId, Task task, Duration timeout) {
        this.core = core;
        this.jobId = jobId;
        this.task = task;
        this.timeout = timeout;
        this.deadline = timeout == null ? null : Instant.now().plus(timeout);
    }

    /** Runs the handler chain on this thread; returns what it threw (a timeout as TaskTimeoutException), or null. */
    Throwable execute(ExecuteInterceptor.Execution body) {
        synchronized (this) {
            running = true;
            thread = Thread.currentThread();
        }
        ScheduledFuture<?> timeoutTask = null;
        if (timeout != null) {
            try {
                timeoutTask = core.timer.schedule(() -> cancel(CancelReason.TIMEOUT), timeout.toNanos(), TimeUnit.NANOSECONDS);
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
        CompletionStage<Long> reply;
        try {
            reply = core.commands.async().working(jobId);
        } catch (RuntimeException e) {
            heartbeating = false;
            return;
        }
        Duration fixed = core.settings.heartbeatInterval();
        reply.whenComplete((seconds, err) -> {
            if (err != null) {
                Throwable c = DisqueErrors.unwrap(err);
                if (c instanceof TooLateException || c instanceof NoSuchJobException) {
                    loseLease(c);
                    return;
                }
                schedule(fixed != null ? fixed.toMillis() : 1000);
                return;
            }
            if (seconds == null || seconds <= 0) {
                heartbeating = false; // at-most-once job: nothing to postpone
                return;
            }
            long ms = fixed != null ? fixed.toMillis() : Math.max(250, seconds * 500);
            schedule(ms);
        });
    }

    private synchronized void schedule(long ms) {
        if (!heartbeating) return;
        try {
            next = core.timer.schedule(this::sendWorking, ms, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            heartbeating = false;
        }
    }

    private void loseLease(Throwable why) {
        leaseLost = true;
        heartbeating = false;
        log.log(Level.INFO, () -> "tasque: task " + task.name() + " (" + jobId + ") can no longer be postponed: "
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
            Long s = core.commands.sync().working(jobId);
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
