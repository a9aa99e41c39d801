/*
 * Blocked: what a blocked client is waiting for, and until when.
 *
 * A client blocks in GETJOB when its queues are empty (and, once the
 * cluster exists, in ADDJOB while copies are being made). While blocked,
 * the connection stops reading further pipelined commands, like Redis.
 */
package dev.disque.server.core;

import java.util.List;

public final class Blocked {
    /** The queues a GETJOB waits on, in the order given. */
    private final List<ByteString> queues;
    /** Absolute deadline in milliseconds, or 0 to wait forever. */
    private final long deadline;
    private final boolean withCounters;

    public Blocked(List<ByteString> queues, long deadline, boolean withCounters) {
        this.queues = queues;
        this.deadline = deadline;
        this.withCounters = withCounters;
    }

    public List<ByteString> queues() { return queues; }
    public long deadline() { return deadline; }
    public boolean withCounters() { return withCounters; }
}
