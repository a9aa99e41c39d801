package dev.disque.tasque;

import java.time.Duration;
import java.util.Objects;

/**
 * Thrown by a handler (or an interceptor) to retry the task after a chosen delay instead of the backoff schedule
 * (e.g. the {@code Retry-After} of a rate-limited API). It still counts as a failed attempt: after the last attempt
 * the task is dead-lettered.
 */
public class RetryLaterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration delay;

    /**
     * @param delay how long to wait; zero retries at once
     * @param message why
     */
    public RetryLaterException(Duration delay, String message) {
        super(message);
        this.delay = Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) throw new IllegalArgumentException("delay must not be negative");
    }

    /** @return the delay before the next attempt */
    public Duration delay() {
        return delay;
    }
}
