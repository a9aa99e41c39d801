package dev.disque.tasque;

/**
 * Decides what happens to a failed task that still has attempts left (the worker dead-letters a task that failed
 * its last allowed attempt whatever the policy says, so no policy can loop forever).
 */
@FunctionalInterface
public interface RetryPolicy {

    /**
     * @param task the failed task ({@link Task#attempt()} is the attempt that failed)
     * @param error what it threw
     * @return retry now, retry later, or dead-letter
     */
    RetryDecision decide(Task task, Throwable error);

    /**
     * The default policy: {@link NonRetryableException} dead-letters, {@link RetryLaterException} retries after
     * its delay, anything else follows the backoff.
     *
     * @param backoff the delays
     * @return the policy
     */
    static RetryPolicy withBackoff(Backoff backoff) {
        return (task, error) -> {
            if (error instanceof NonRetryableException) return RetryDecision.deadLetter(DeadReason.NON_RETRYABLE);
            if (error instanceof RetryLaterException r) return RetryDecision.retryAfter(r.delay());
            return RetryDecision.retryAfter(backoff.delay(task.attempt()));
        };
    }
}
