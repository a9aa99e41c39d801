package dev.disque.client.args;

import io.lettuce.core.CompositeArgument;
import io.lettuce.core.protocol.CommandArgs;
import java.time.Duration;

/**
 * Options of ADDJOB. Every setter checks its value on the client side, so a wrong value fails before it is sent.
 *
 * <pre>{@code
 * AddJobArgs.Builder.ttl(3600).retry(60)   // or: new AddJobArgs().replicate(2).delay(10).async()
 * AddJobArgs.Builder.ttl(Duration.ofHours(1)).retry(Duration.ofMinutes(1))
 * }</pre>
 */
public class AddJobArgs implements CompositeArgument {
    private long timeoutMillis;
    private Long replicate;
    private Long delay;
    private Long retry;
    private Long ttl;
    private Long maxlen;
    private boolean async;

    /** Options at the server's defaults (replication timeout 0: the command timeout applies). */
    public AddJobArgs() {
    }

    /** Static shortcuts that start a new {@link AddJobArgs}. */
    public static final class Builder {
        private Builder() {
        }

        /**
         * @param timeout replication timeout
         * @return new args with it
         */
        public static AddJobArgs timeout(Duration timeout) {
            return new AddJobArgs().timeout(timeout);
        }

        /**
         * @param n replication level
         * @return new args with it
         */
        public static AddJobArgs replicate(long n) {
            return new AddJobArgs().replicate(n);
        }

        /**
         * @param seconds delay
         * @return new args with it
         */
        public static AddJobArgs delay(long seconds) {
            return new AddJobArgs().delay(seconds);
        }

        /**
         * @param delay delay, rounded up to whole seconds
         * @return new args with it
         */
        public static AddJobArgs delay(Duration delay) {
            return new AddJobArgs().delay(delay);
        }

        /**
         * @param seconds retry period
         * @return new args with it
         */
        public static AddJobArgs retry(long seconds) {
            return new AddJobArgs().retry(seconds);
        }

        /**
         * @param retry retry period, rounded up to whole seconds
         * @return new args with it
         */
        public static AddJobArgs retry(Duration retry) {
            return new AddJobArgs().retry(retry);
        }

        /**
         * @param seconds time to live
         * @return new args with it
         */
        public static AddJobArgs ttl(long seconds) {
            return new AddJobArgs().ttl(seconds);
        }

        /**
         * @param ttl time to live, rounded up to whole seconds
         * @return new args with it
         */
        public static AddJobArgs ttl(Duration ttl) {
            return new AddJobArgs().ttl(ttl);
        }

        /**
         * @param n maximum queue length
         * @return new args with it
         */
        public static AddJobArgs maxlen(long n) {
            return new AddJobArgs().maxlen(n);
        }

        /** @return new args with ASYNC */
        public static AddJobArgs async() {
            return new AddJobArgs().async();
        }
    }

    /**
     * How long the server may wait for the replication level (the positional {@code ms-timeout}); 0 means no limit
     * on the server side. The client waits this long plus its command timeout.
     *
     * @param timeout the replication timeout, 0 or more
     * @return this
     */
    public AddJobArgs timeout(Duration timeout) {
        long ms = timeout.toMillis();
        if (ms < 0) throw new IllegalArgumentException("timeout must not be negative");
        this.timeoutMillis = ms;
        return this;
    }

    /**
     * @param n how many nodes must hold a copy, 1 to 65535
     * @return this
     */
    public AddJobArgs replicate(long n) {
        if (n < 1 || n > 65535) throw new IllegalArgumentException("REPLICATE must be between 1 and 65535");
        this.replicate = n;
        return this;
    }

    /**
     * @param seconds seconds before the job is first queued, 0 or more (and less than the TTL)
     * @return this
     */
    public AddJobArgs delay(long seconds) {
        if (seconds < 0) throw new IllegalArgumentException("DELAY must not be negative");
        this.delay = seconds;
        return this;
    }

    /**
     * @param delay time before the job is first queued, rounded up to whole seconds (Disque counts in seconds)
     * @return this
     */
    public AddJobArgs delay(Duration delay) {
        return delay(seconds(delay, "DELAY"));
    }

    /**
     * @param seconds seconds after a delivery before the job is queued again if not acknowledged; 0 for
     *     at-most-once delivery (which needs {@code replicate(1)})
     * @return this
     */
    public AddJobArgs retry(long seconds) {
        if (seconds < 0) throw new IllegalArgumentException("RETRY must not be negative");
        this.retry = seconds;
        return this;
    }

    /**
     * @param retry time after a delivery before the job is queued again, rounded up to whole seconds, so that
     *     only {@link Duration#ZERO} asks for at-most-once delivery
     * @return this
     */
    public AddJobArgs retry(Duration retry) {
        return retry(seconds(retry, "RETRY"));
    }

    /**
     * @param seconds the job's time to live, more than 0
     * @return this
     */
    public AddJobArgs ttl(long seconds) {
        if (seconds <= 0) throw new IllegalArgumentException("TTL must be greater than 0");
        this.ttl = seconds;
        return this;
    }

    /**
     * @param ttl the job's time to live, rounded up to whole seconds
     * @return this
     */
    public AddJobArgs ttl(Duration ttl) {
        return ttl(seconds(ttl, "TTL"));
    }

    /** Whole seconds, rounded up: a part of a second must not turn into 0 (RETRY 0 means at-most-once). */
    private static long seconds(Duration d, String what) {
        java.util.Objects.requireNonNull(d, what);
        if (d.isNegative()) throw new IllegalArgumentException(what + " must not be negative");
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    /**
     * @param n refuse the job (MAXLEN error) if the queue already holds this many jobs; more than 0
     * @return this
     */
    public AddJobArgs maxlen(long n) {
        if (n <= 0) throw new IllegalArgumentException("MAXLEN must be greater than 0");
        this.maxlen = n;
        return this;
    }

    /**
     * Returns as soon as one copy exists and replicates in the background.
     *
     * @return this
     */
    public AddJobArgs async() {
        this.async = true;
        return this;
    }

    /** @return the replication timeout in milliseconds (0: none) */
    public long getTimeoutMillis() {
        return timeoutMillis;
    }

    /**
     * Checks the combination of options; called before the command is sent.
     *
     * @throws IllegalArgumentException if the options contradict each other
     */
    public void validate() {
        if (retry != null && retry == 0 && replicate != null && replicate > 1) {
            throw new IllegalArgumentException("RETRY 0 (at-most-once) needs REPLICATE 1");
        }
        if (delay != null && delay >= (ttl == null ? 86400 : ttl)) {
            throw new IllegalArgumentException("DELAY must be less than TTL");
        }
    }

    @Override
    public <K, V> void build(CommandArgs<K, V> args) {
        args.add(timeoutMillis);
        if (replicate != null) args.add("REPLICATE").add(replicate);
        if (delay != null) args.add("DELAY").add(delay);
        if (retry != null) args.add("RETRY").add(retry);
        if (ttl != null) args.add("TTL").add(ttl);
        if (maxlen != null) args.add("MAXLEN").add(maxlen);
        if (async) args.add("ASYNC");
    }
}
