package dev.disque.tasque;

import java.time.Duration;
import java.util.Objects;

/** What to do with a failed task: retry now, retry later, or dead-letter it. */
public final class RetryDecision {
    private static final RetryDecision NOW = new RetryDecision(Duration.ZERO, null);

    private final Duration delay;
    private final DeadReason deadReason;

    private RetryDecision(Duration delay, DeadReason deadReason) {
        this.delay = delay;
        this.deadReason = deadReason;
    }

    /** @return retry at once (NACK) */
    public static RetryDecision retryNow() {
        return NOW;
    }

    /**
     * @param delay how long to wait; zero is {@link #retryNow()}
     * @return retry after it (the task is added again with DELAY)
     */
    public static RetryDecision retryAfter(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative");
        return delay.isZero() ? NOW : new RetryDecision(delay, null);
    }

    /**
     * @param reason why
     * @return move it to the dead-letter queue
     */
    public static RetryDecision deadLetter(DeadReason reason) {
        return new RetryDecision(null, Objects.requireNonNull(reason, "reason"));
    }

    /** @return true to dead-letter */
    public boolean isDeadLetter() {
        return deadReason != null;
    }

    /** @return the delay before the retry (null when dead-lettering) */
    public Duration delay() {
        return delay;
    }

    /** @return why it is dead-lettered (null when retrying) */
    public DeadReason deadReason() {
        return deadReason;
    }

    @Override
    public String toString() {
        return deadReason != null ? "deadLetter(" + deadReason + ")" : "retryAfter(" + delay + ")";
    }
}
