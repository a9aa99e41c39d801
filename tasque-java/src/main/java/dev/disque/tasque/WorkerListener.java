package dev.disque.tasque;

import java.time.Duration;

/**
 * Events of a {@link Worker}, for metrics and logs (see {@code dev.disque.tasque.metrics.TasqueMetrics}). Called on
 * the worker's threads; must be quick and must not throw (exceptions are logged and ignored).
 */
public interface WorkerListener {

    /**
     * A handler is about to run.
     *
     * @param task the task
     * @param queueWait from its EnqueueTime to now (delays included), or null when the producer wrote none
     */
    default void taskStarted(Task task, Duration queueWait) {
    }

    /**
     * @param task the task
     * @param runTime how long the handler ran
     */
    default void taskSucceeded(Task task, Duration runTime) {
    }

    /**
     * The handler failed (threw, or timed out); a retry or dead-lettering follows.
     *
     * @param task the task
     * @param error what it threw
     * @param runTime how long it ran
     */
    default void taskFailed(Task task, Throwable error, Duration runTime) {
    }

    /**
     * @param task the failed task
     * @param delay zero for an immediate retry (NACK), else the delay of the re-added task
     */
    default void taskRetried(Task task, Duration delay) {
    }

    /**
     * @param task the task (for an undecodable body: a task with only the name, from its queue)
     * @param reason why
     * @param error the last error, or null
     */
    default void taskDeadLettered(Task task, DeadReason reason, Throwable error) {
    }

    /**
     * @param error why fetching jobs failed; the worker waits a little and tries again
     */
    default void fetchFailed(Throwable error) {
    }
}
