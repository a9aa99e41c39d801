package dev.disque.tasque;

import java.time.Duration;

/**
 * Per-handler settings for {@link Worker.Builder#handle(Handler, HandlerOptions)}. Immutable; the {@code with*}
 * methods return copies. Unset values fall back to the worker's.
 *
 * @param maxConcurrency at most this many of the handler's tasks run at once (0: only the worker's limit)
 * @param timeout interrupt the handler after this long and count a failure (null: no timeout)
 * @param maxAttempts dead-letter after this many attempts (0: the worker's)
 * @param retryPolicy what to do after a failure (null: the worker's)
 */
public record HandlerOptions(int maxConcurrency, Duration timeout, int maxAttempts, RetryPolicy retryPolicy) {

    /** Nothing set. */
    public static final HandlerOptions DEFAULTS = new HandlerOptions(0, null, 0, null);

    /** Validates. */
    public HandlerOptions {
        if (maxConcurrency < 0) throw new IllegalArgumentException("maxConcurrency must not be negative");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) throw new IllegalArgumentException("timeout must be positive");
        if (maxAttempts < 0) throw new IllegalArgumentException("maxAttempts must not be negative");
    }

    /** @return no per-handler settings */
    public static HandlerOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param n at most this many at once
     * @return a copy
     */
    public HandlerOptions withMaxConcurrency(int n) {
        return new HandlerOptions(n, timeout, maxAttempts, retryPolicy);
    }

    /**
     * @param t the handler timeout
     * @return a copy
     */
    public HandlerOptions withTimeout(Duration t) {
        return new HandlerOptions(maxConcurrency, t, maxAttempts, retryPolicy);
    }

    /**
     * @param n the attempt limit
     * @return a copy
     */
    public HandlerOptions withMaxAttempts(int n) {
        return new HandlerOptions(maxConcurrency, timeout, n, retryPolicy);
    }

    /**
     * @param p the retry policy
     * @return a copy
     */
    public HandlerOptions withRetryPolicy(RetryPolicy p) {
        return new HandlerOptions(maxConcurrency, timeout, maxAttempts, p);
    }
}
