package dev.disque.tasque;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

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
     * @param time queue the task at this time: {@code client.submit(task, at(Instant.parse("2030-01-01T09:00:00Z")))}.
     *        Sent as a DELAY from the moment of submission, in whole seconds rounded up (never early); a past time
     *        queues it at once
     * @return the option
     */
    static SubmitOption at(Instant time) {
        Objects.requireNonNull(time, "time");
        return o -> o.withAt(time);
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
