/*
 * Blocked: what a blocked client is waiting for, and until when.
 *
 * A client blocks in GETJOB when its queues are empty, or in ADDJOB while
 * the copies of its job are being made on other nodes. While blocked, the
 * connection stops reading further pipelined commands, like Redis. A wait
 * for replication names the job and the Waiter that answers the client
 * when the wait ends without success (timeout, disconnection).
 */
package dev.disque.server.core;

import dev.disque.server.job.Job;
import java.util.List;

public final class Blocked {
    /** Who ends a wait that is not on queues. */
    public interface Waiter {
        /** The deadline passed: reply to the client and clean up. */
        void timedOut(Client c, Job job);

        /** The client went away while waiting. */
        void clientGone(Client c, Job job);
    }

    /** The queues a GETJOB waits on, in the order given. */
    private final List<ByteString> queues;
    /** Absolute deadline in milliseconds, or 0 to wait forever. */
    private final long deadline;
    private final boolean withCounters;
    private final Job job;
    private final Waiter waiter;

    public Blocked(List<ByteString> queues, long deadline, boolean withCounters) {
        this(queues, deadline, withCounters, null, null);
    }

    private Blocked(List<ByteString> queues, long deadline, boolean withCounters, Job job, Waiter waiter) {
        this.queues = queues;
        this.deadline = deadline;
        this.withCounters = withCounters;
        this.job = job;
        this.waiter = waiter;
    }

    /** A wait for the job's replication (ADDJOB). */
    public static Blocked onJob(Job job, long deadline, Waiter waiter) {
        return new Blocked(List.of(), deadline, false, job, waiter);
    }

    public List<ByteString> queues() { return queues; }
    public long deadline() { return deadline; }
    public boolean withCounters() { return withCounters; }

    /** The job whose replication the client waits for, or null for a GETJOB. */
    public Job job() { return job; }
    public Waiter waiter() { return waiter; }
}
