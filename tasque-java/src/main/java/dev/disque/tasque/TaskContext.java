/*
 * TaskContext: what a running handler can ask the worker: is it cancelled
 * (timeout, shutdown), has it lost its lease on the job (the server
 * answered TOOLATE or NOJOB to a heartbeat), send a heartbeat now.
 */
package dev.disque.tasque;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The running handler's view of its task: cancellation and heartbeats. Obtained with {@link Task#context()}.
 *
 * <p>The worker sends WORKING for the job when it receives it and then at about half the job's retry time, so a long
 * handler keeps its job. Disque refuses to postpone a job once half of its TTL has passed (TOOLATE): from then on the
 * job will be delivered again at its next retry time, possibly to another worker, and {@link #isLeaseLost()} is
 * true. The handler may finish anyway (its acknowledgement still counts) or give up.
 */
public interface TaskContext {

    /** Why a handler was cancelled. */
    enum CancelReason {
        /** The handler ran past its timeout; it was interrupted and the attempt fails. */
        TIMEOUT,
        /** The worker is shutting down and the grace period is over; it was interrupted and the task is NACKed. */
        SHUTDOWN
    }

    /** @return true once the handler was cancelled (its thread is interrupted too) */
    boolean isCancelled();

    /** @return why the handler was cancelled, if it was */
    Optional<CancelReason> cancelReason();

    /**
     * @throws CancellationException if the handler was cancelled
     */
    default void throwIfCancelled() {
        Optional<CancelReason> r = cancelReason();
        if (r.isPresent()) throw new CancellationException("task cancelled: " + r.get());
    }

    /**
     * @return true when the server no longer lets this worker postpone the job (TOOLATE: half its TTL is gone;
     *         NOJOB: it was acknowledged or deleted): it may be delivered again elsewhere
     */
    boolean isLeaseLost();

    /**
     * Sends a heartbeat (WORKING) now, besides the automatic ones.
     *
     * @return true if the server postponed the next delivery, false if the lease is lost
     */
    boolean heartbeat();

    /** @return when the handler's timeout expires, if it has one */
    Optional<Instant> deadline();

    /**
     * Runs an action when the handler is cancelled (at once if it already is).
     *
     * @param action a quick, non-blocking action (e.g. abort an HTTP request)
     */
    void onCancel(Runnable action);
}
