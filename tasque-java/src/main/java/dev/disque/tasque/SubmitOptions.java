/*
 * SubmitOptions: the ADDJOB options of one submission, resolved from the
 * client's defaults, the task's TTL/retry and the SubmitOptions given. A
 * time to run at is kept as a time and turned into a DELAY by the client
 * when it sends the job, against its own clock.
 */
package dev.disque.tasque;

import java.time.Duration;
import java.time.Instant;

/**
 * How a task is added: DELAY, RETRY, TTL (whole seconds, rounded up, never truncated to 0), REPLICATE, ASYNC and
 * MAXLEN. Null or 0 means "not sent" (the server's default). Immutable; {@code with*} methods return copies.
 *
 * @param delay wait this long before queueing the task (DELAY)
 * @param retry requeue it when not acknowledged within this time (RETRY)
 * @param ttl give up on it after this time (TTL)
 * @param replicate copies to keep in the cluster (REPLICATE); 0 for the server's default
 * @param async let the server replicate in the background (ASYNC)
 * @param maxlen refuse the task when the queue already holds this many (MAXLEN); 0 for no limit
 * @param at queue it at this time instead of after {@code delay} (the later of the two options set wins)
 */
public record SubmitOptions(Duration delay, Duration retry, Duration ttl, int replicate, boolean async, long maxlen,
        Instant at) {

    /** Nothing set: the server's defaults. */
    public static final SubmitOptions DEFAULTS = new SubmitOptions(null, null, null, 0, false, 0, null);

    /**
     * The options without a time to run at.
     *
     * @param delay DELAY
     * @param retry RETRY
     * @param ttl TTL
     * @param replicate REPLICATE
     * @param async ASYNC
     * @param maxlen MAXLEN
     */
    public SubmitOptions(Duration delay, Duration retry, Duration ttl, int replicate, boolean async, long maxlen) {
        this(delay, retry, ttl, replicate, async, maxlen, null);
    }

    /** Validates. */
    public SubmitOptions {
        if (delay != null && delay.isNegative()) throw new IllegalArgumentException("delay must not be negative");
        if (retry != null && (retry.isNegative() || retry.isZero())) throw new IllegalArgumentException("retry must be positive");
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) throw new IllegalArgumentException("TTL must be positive");
        if (replicate < 0 || replicate > 65535) throw new IllegalArgumentException("replicate must be 0 to 65535");
        if (maxlen < 0) throw new IllegalArgumentException("maxlen must not be negative");
    }

    /**
     * @param d the delay
     * @return a copy with it
     */
    public SubmitOptions withDelay(Duration d) {
        return new SubmitOptions(d, retry, ttl, replicate, async, maxlen, null);
    }

    /**
     * @param t when the task should be queued; the delay is counted from the moment it is submitted, in whole
     *        seconds rounded up, so it never runs early; a time in the past queues it at once
     * @return a copy with it (and no delay)
     */
    public SubmitOptions withAt(Instant t) {
        return new SubmitOptions(null, retry, ttl, replicate, async, maxlen, t);
    }

    /**
     * @param now the submitting client's time
     * @return the delay to send: until {@link #at()} if set, else {@link #delay()}
     */
    public Duration delayAt(Instant now) {
        if (at == null) return delay;
        Duration d = Duration.between(now, at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * @param d the retry time
     * @return a copy with it
     */
    public SubmitOptions withRetry(Duration d) {
        return new SubmitOptions(delay, d, ttl, replicate, async, maxlen, at);
    }

    /**
     * @param d the TTL
     * @return a copy with it
     */
    public SubmitOptions withTtl(Duration d) {
        return new SubmitOptions(delay, retry, d, replicate, async, maxlen, at);
    }

    /**
     * @param n the replication level
     * @return a copy with it
     */
    public SubmitOptions withReplicate(int n) {
        return new SubmitOptions(delay, retry, ttl, n, async, maxlen, at);
    }

    /**
     * @param a true for ASYNC
     * @return a copy with it
     */
    public SubmitOptions withAsync(boolean a) {
        return new SubmitOptions(delay, retry, ttl, replicate, a, maxlen, at);
    }

    /**
     * @param n the MAXLEN
     * @return a copy with it
     */
    public SubmitOptions withMaxlen(long n) {
        return new SubmitOptions(delay, retry, ttl, replicate, async, n, at);
    }

    /**
     * Whole seconds, rounded up: any positive duration gives at least 1.
     *
     * @param d a duration, or null
     * @return its seconds rounded up; 0 for null or zero
     */
    public static long seconds(Duration d) {
        if (d == null || d.isZero() || d.isNegative()) return 0;
        return d.getNano() > 0 ? Math.addExact(d.getSeconds(), 1) : d.getSeconds();
    }
}
