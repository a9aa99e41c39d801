package dev.disque.client.args;

import io.lettuce.core.CompositeArgument;
import io.lettuce.core.protocol.CommandArgs;

/** Options of QSCAN: how many queues per call and which queues to return. */
public class QScanArgs implements CompositeArgument {
    private long count = -1;
    private boolean busyloop;
    private long minlen = -1;
    private long maxlen = -1;
    private long importrate = -1;

    /** No filter, the server's default count. */
    public QScanArgs() {
    }

    /** Static shortcuts that start a new {@link QScanArgs}. */
    public static final class Builder {
        private Builder() {
        }

        /**
         * @param n hint of queues per call
         * @return new args with it
         */
        public static QScanArgs count(long n) {
            return new QScanArgs().count(n);
        }

        /** @return new args with BUSYLOOP */
        public static QScanArgs busyloop() {
            return new QScanArgs().busyloop();
        }
    }

    /**
     * @param n about how many queues one call returns, more than 0
     * @return this
     */
    public QScanArgs count(long n) {
        if (n <= 0) throw new IllegalArgumentException("COUNT must be greater than 0");
        this.count = n;
        return this;
    }

    /**
     * Scans everything in one call.
     *
     * @return this
     */
    public QScanArgs busyloop() {
        this.busyloop = true;
        return this;
    }

    /**
     * @param n only queues with at least this many jobs
     * @return this
     */
    public QScanArgs minlen(long n) {
        if (n < 0) throw new IllegalArgumentException("MINLEN must not be negative");
        this.minlen = n;
        return this;
    }

    /**
     * @param n only queues with at most this many jobs
     * @return this
     */
    public QScanArgs maxlen(long n) {
        if (n < 0) throw new IllegalArgumentException("MAXLEN must not be negative");
        this.maxlen = n;
        return this;
    }

    /**
     * @param jobsPerSecond only queues importing at least this many jobs per second
     * @return this
     */
    public QScanArgs importrate(long jobsPerSecond) {
        if (jobsPerSecond < 0) throw new IllegalArgumentException("IMPORTRATE must not be negative");
        this.importrate = jobsPerSecond;
        return this;
    }

    @Override
    public <K, V> void build(CommandArgs<K, V> args) {
        if (count > 0) args.add("COUNT").add(count);
        if (busyloop) args.add("BUSYLOOP");
        if (minlen >= 0) args.add("MINLEN").add(minlen);
        if (maxlen >= 0) args.add("MAXLEN").add(maxlen);
        if (importrate >= 0) args.add("IMPORTRATE").add(importrate);
    }
}
