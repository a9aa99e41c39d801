package dev.disque.tasque;

import java.time.Duration;

/**
 * One option of {@link TasqueClient#submit(Task, SubmitOption...)}, e.g. {@link Delay#of(Duration)}.
 */
@FunctionalInterface
public interface SubmitOption {

    /**
     * @param options the options so far
     * @return them with this one applied
     */
    SubmitOptions applyTo(SubmitOptions options);

    /**
     * @param delay wait this long before the task is queued (Go's {@code Delay})
     * @return the option
     */
    static SubmitOption delay(Duration delay) {
        return Delay.of(delay);
    }

    /**
     * @param retry requeue the task if not acknowledged within this time
     * @return the option
     */
    static SubmitOption retry(Duration retry) {
        return o -> o.withRetry(retry);
    }

    /**
     * @param ttl give up on the task after this time
     * @return the option
     */
    static SubmitOption ttl(Duration ttl) {
        return o -> o.withTtl(ttl);
    }

    /**
     * @param copies how many nodes keep a copy
     * @return the option
     */
    static SubmitOption replicate(int copies) {
        return o -> o.withReplicate(copies);
    }

    /** @return ASYNC: the server answers before replicating */
    static SubmitOption async() {
        return o -> o.withAsync(true);
    }

    /**
     * @param n refuse the task if its queue already holds this many jobs
     * @return the option
     */
    static SubmitOption maxlen(long n) {
        return o -> o.withMaxlen(n);
    }
}
