/*
 * Blocked: what a blocked client is waiting for, and until when.
 *
 * A client blocks in GETJOB when its queues are empty, or in ADDJOB while
 * the copies of its job are being made on other nodes. While blocked, the
 * connection stops running further pipelined commands, like Redis, unless
 * the wait admits them: a wait for copies lets the client's next ADDJOBs
 * start replicating too (their replies keep their order, see LateReply).
 * A wait that is not on queues names the Waiter that ends it; a client
 * waits on one Waiter at a time, which may stand for several requests.
 */
package dev.disque.server.core;

import java.util.List;

public final class Blocked {
    /** Who ends a wait that is not on queues. */
    public interface Waiter {
        /** Whether the blocked client may run this request now, its reply queued behind the waiting ones. */
        boolean admits(Client c, byte[][] argv);

        /**
         * The wait's deadline passed: reply to the requests whose time is up
         * and clean up. The client was unblocked first; the waiter blocks it
         * again if some of its requests still wait.
         */
        void timedOut(Client c, long now);

        /** Every wait of the client ends now (DEBUG FLUSHALL), with the reply a timeout gets. */
        void flushed(Client c);

        /** The client went away while waiting. */
        void clientGone(Client c);
    }

    /** The queues a GETJOB waits on, in the order given. */
    private final List<ByteString> queues;
    /** Absolute deadline in milliseconds, or 0 to wait forever. */
    private final long deadline;
    private final boolean withCounters;
    /** How many jobs the GETJOB asked for (its COUNT). */
    private final int count;
    private final Waiter waiter;

    public Blocked(List<ByteString> queues, long deadline, boolean withCounters, int count) {
        this(queues, deadline, withCounters, count, null);
    }

    private Blocked(List<ByteString> queues, long deadline, boolean withCounters, int count, Waiter waiter) {
        this.queues = queues;
        this.deadline = deadline;
        this.withCounters = withCounters;
        this.count = count;
        this.waiter = waiter;
    }

    /** A wait ended by the waiter (ADDJOB's replication), with its earliest deadline. */
    public static Blocked on(Waiter waiter, long deadline) {
        return new Blocked(List.of(), deadline, false, 0, waiter);
    }

    public List<ByteString> queues() { return queues; }
    public long deadline() { return deadline; }
    public boolean withCounters() { return withCounters; }
    public int count() { return count; }
    public Waiter waiter() { return waiter; }

    /** Whether the client may run more requests while blocked (GETJOB's wait admits none). */
    public boolean admitsAny() {
        return waiter != null;
    }

    public boolean admits(Client c, byte[][] argv) {
        return waiter != null && waiter.admits(c, argv);
    }
}
