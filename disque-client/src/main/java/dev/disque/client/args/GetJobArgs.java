package dev.disque.client.args;

import io.lettuce.core.CompositeArgument;
import io.lettuce.core.protocol.CommandArgs;
import java.time.Duration;

/**
 * Options of GETJOB. Without {@link #nohang()} the command blocks on the server until a job arrives or the
 * {@link #timeout(Duration)} passes (forever without a timeout); the client sends blocking fetches on a connection of
 * their own and waits for them as long as the server may.
 */
public class GetJobArgs implements CompositeArgument {
    private boolean nohang;
    private long timeoutMillis = -1;
    private long count = -1;
    private boolean withCounters;

    /** Default options: block until one job arrives. */
    public GetJobArgs() {
    }

    /** Static shortcuts that start a new {@link GetJobArgs}. */
    public static final class Builder {
        private Builder() {
        }

        /** @return new args with NOHANG */
        public static GetJobArgs nohang() {
            return new GetJobArgs().nohang();
        }

        /**
         * @param timeout blocking timeout
         * @return new args with it
         */
        public static GetJobArgs timeout(Duration timeout) {
            return new GetJobArgs().timeout(timeout);
        }

        /**
         * @param n maximum number of jobs
         * @return new args with it
         */
        public static GetJobArgs count(long n) {
            return new GetJobArgs().count(n);
        }

        /** @return new args with WITHCOUNTERS */
        public static GetJobArgs withCounters() {
            return new GetJobArgs().withCounters();
        }
    }

    /**
     * Returns at once, with no jobs if none is queued.
     *
     * @return this
     */
    public GetJobArgs nohang() {
        this.nohang = true;
        return this;
    }

    /**
     * @param timeout how long to block; 0 blocks forever
     * @return this
     */
    public GetJobArgs timeout(Duration timeout) {
        long ms = timeout.toMillis();
        if (ms < 0) throw new IllegalArgumentException("TIMEOUT must not be negative");
        this.timeoutMillis = ms;
        return this;
    }

    /**
     * @param n at most this many jobs, more than 0
     * @return this
     */
    public GetJobArgs count(long n) {
        if (n <= 0) throw new IllegalArgumentException("COUNT must be greater than 0");
        this.count = n;
        return this;
    }

    /**
     * Asks for the nacks and additional-deliveries counters of each job.
     *
     * @return this
     */
    public GetJobArgs withCounters() {
        this.withCounters = true;
        return this;
    }

    /** @return true with NOHANG */
    public boolean isNohang() {
        return nohang;
    }

    /** @return the blocking timeout in milliseconds, 0 for none, -1 if not set (none) */
    public long getTimeoutMillis() {
        return timeoutMillis;
    }

    /** @return the requested count, or -1 for the server's default (1) */
    public long getCount() {
        return count;
    }

    /** @return true with WITHCOUNTERS */
    public boolean isWithCounters() {
        return withCounters;
    }

    /** @return a copy of these options */
    public GetJobArgs copy() {
        GetJobArgs c = new GetJobArgs();
        c.nohang = nohang;
        c.timeoutMillis = timeoutMillis;
        c.count = count;
        c.withCounters = withCounters;
        return c;
    }

    @Override
    public <K, V> void build(CommandArgs<K, V> args) {
        if (nohang) args.add("NOHANG");
        if (timeoutMillis >= 0) args.add("TIMEOUT").add(timeoutMillis);
        if (count > 0) args.add("COUNT").add(count);
        if (withCounters) args.add("WITHCOUNTERS");
    }
}
