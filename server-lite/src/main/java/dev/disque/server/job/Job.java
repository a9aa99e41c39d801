/*
 * Job: one message and everything this node knows about it.
 *
 * Times follow the original: ctime is the creation time in milliseconds
 * times one million plus a counter (a unique, ordered stamp that sorts
 * queues), etime is the Unix second at which the job expires wherever it
 * is, qtime is the millisecond at which it is next (re)queued (0: never,
 * for at-most-once jobs already queued once) and awakeme is when the timer
 * wheel must look at it next. The layout is kept lean on purpose: a node
 * holds millions of these.
 */
package dev.disque.server.job;

import dev.disque.server.cluster.NodeSet;
import dev.disque.server.core.ByteString;
import dev.disque.server.core.ScanTable;

public final class Job extends ScanTable.Entry<JobId, Job> {
    /** Delivered to a client at least once; at-most-once jobs are never queued again. */
    public static final int FLAG_DELIVERED = 1;
    /** The next requeue must tell the other holders (QUEUED) to avoid double delivery. */
    public static final int FLAG_BCAST_QUEUED = 2;
    /** A WILLQUEUE must go out shortly before the next requeue. */
    public static final int FLAG_BCAST_WILLQUEUE = 4;

    // The ID, unpacked (see JobId): finding a job by ID then reads the job alone, not also a
    // separate ID object that the collector has moved away from it, and a job is one object fewer.
    private final long idHigh;
    private final long idMid;
    private final int idNode;
    private final short idLow;
    private final short idTtl;
    private final ByteString queue;
    private final byte[] body;
    private JobState state;
    private int repl;
    private long ctime;
    private long etime;
    private long qtime;
    private long awakeme;
    private int delay;
    private int retry;
    private int nacks;
    private int deliveries;
    private byte flags;
    private byte gcRetry;
    private NodeSet nodesDelivered;
    private NodeSet nodesConfirmed;
    int heapIndex = -1;

    public Job(JobId id, ByteString queue, byte[] body, JobState state) {
        this.idHigh = id.high();
        this.idMid = id.mid();
        this.idNode = id.nodePrefix();
        this.idLow = id.low();
        this.idTtl = (short) id.ttlMinutes();
        this.queue = queue;
        this.body = body;
        this.state = state;
        this.nodesDelivered = NodeSet.EMPTY;
    }

    /** The job's ID, as a new value each time (cheap: five numbers). */
    public JobId id() { return new JobId(idNode, idHigh, idMid, idLow, idTtl & 0xffff); }
    @Override protected JobId tableKey() { return id(); }
    @Override protected int tableKeyHash() { return JobId.hash(idHigh, idMid); }
    @Override protected boolean hasTableKey(JobId key) { return key.is(idNode, idHigh, idMid, idLow, idTtl); }

    /** True if this job's ID has these numbers (see JobId.Probe). */
    boolean hasId(int node, long high, long mid, short low, short ttl) {
        return idHigh == high && idMid == mid && idLow == low && idNode == node && idTtl == ttl;
    }
    public ByteString queue() { return queue; }
    public byte[] body() { return body; }

    public JobState state() { return state; }
    public void setState(JobState state) { this.state = state; }

    public int repl() { return repl; }
    public void setRepl(int repl) { this.repl = repl; }

    public long ctime() { return ctime; }
    public void setCtime(long ctime) { this.ctime = ctime; }

    /** Creation time in milliseconds. */
    public long ctimeMillis() { return ctime / 1_000_000L; }

    public long etime() { return etime; }
    public void setEtime(long etime) { this.etime = etime; }

    public long qtime() { return qtime; }
    public void setQtime(long qtime) { this.qtime = qtime; }

    public long awakeme() { return awakeme; }
    void setAwakeme(long awakeme) { this.awakeme = awakeme; }

    public int delay() { return delay; }
    public void setDelay(int delay) { this.delay = delay; }

    public int retry() { return retry; }
    public void setRetry(int retry) { this.retry = retry; }

    public int nacks() { return nacks; }
    public void setNacks(int nacks) { this.nacks = nacks; }

    public int deliveries() { return deliveries; }
    public void setDeliveries(int deliveries) { this.deliveries = deliveries; }

    public boolean hasFlag(int flag) { return (flags & flag) != 0; }
    public void setFlag(int flag) { flags |= (byte) flag; }
    public void clearFlag(int flag) { flags &= (byte) ~flag; }

    public int gcRetry() { return gcRetry; }
    public void setGcRetry(int n) { gcRetry = (byte) n; }

    public NodeSet nodesDelivered() { return nodesDelivered; }
    public void setNodesDelivered(NodeSet s) { nodesDelivered = s; }

    /** Nodes that confirmed a copy (while waiting for replication) or the ack (during GC); may be null. */
    public NodeSet nodesConfirmed() { return nodesConfirmed; }
    public void setNodesConfirmed(NodeSet s) { nodesConfirmed = s; }

    /** A dummy ack: created by ACKJOB for an ID this node never held. */
    public boolean isDummyAck() { return nodesDelivered.isEmpty(); }

    /** Approximate heap footprint, for the used-memory estimate. */
    public long footprint() {
        return FIXED_FOOTPRINT + (body == null ? 0 : alignedArray(body.length));
    }

    /**
     * Job (its registry link and its unpacked ID included) 128 + its slot in the queue's chunks 4 + the
     * slots of the awake heap (a reference and two longs) and of the registry's table, with the
     * arrays' spare room, about 32: as measured with a heap histogram of 200 000 jobs.
     */
    public static final long FIXED_FOOTPRINT = 128 + 4 + 32;

    private static long alignedArray(int len) {
        return (16L + len + 7) & ~7L;
    }

    @Override
    public String toString() {
        return id() + "[" + state + "]";
    }
}
