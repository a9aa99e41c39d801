/*
 * Queue: the jobs of one name that are ready to be delivered on this node.
 *
 * Only queued jobs live here; active and acked jobs are known to the
 * registry but not queued. Order is best-effort FIFO: by creation stamp,
 * then ID, so requeued and NACKed jobs go back in their original place.
 * A queue also remembers who is blocked on it, its pause state, traffic
 * counters and the import-rate meter federation uses.
 */
package dev.disque.server.queue;

import dev.disque.server.core.ByteString;
import dev.disque.server.core.Client;
import dev.disque.server.core.ScanTable;
import dev.disque.server.job.Job;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

public final class Queue extends ScanTable.Entry<ByteString, Queue> {
    public static final int PAUSED_IN = 1;
    public static final int PAUSED_OUT = 2;
    public static final int PAUSED_ALL = PAUSED_IN | PAUSED_OUT;

    static final Comparator<Job> ORDER = (a, b) -> {
        int c = Long.compare(a.ctime(), b.ctime());
        return c != 0 ? c : a.id().compareTo(b.id());
    };

    private final ByteString name;
    private final JobOrder jobs = new JobOrder(ORDER);
    private final long ctime;
    private long atime;
    private int flags;
    private LinkedHashSet<Client> waiters;
    private long jobsIn;
    private long jobsOut;
    private final ImportRate importRate;

    Queue(ByteString name, long nowMillis) {
        this.name = name;
        this.ctime = nowMillis / 1000;
        this.atime = this.ctime;
        this.importRate = new ImportRate(nowMillis);
    }

    public ByteString name() { return name; }
    @Override protected ByteString tableKey() { return name; }
    public int length() { return jobs.size(); }
    public long ctime() { return ctime; }
    public long atime() { return atime; }
    void touch(long nowMillis) { atime = nowMillis / 1000; }
    public int flags() { return flags; }
    void setFlags(int f) { flags = f; }
    public boolean pausedIn() { return (flags & PAUSED_IN) != 0; }
    public boolean pausedOut() { return (flags & PAUSED_OUT) != 0; }
    public long jobsIn() { return jobsIn; }
    public long jobsOut() { return jobsOut; }
    public ImportRate importRate() { return importRate; }

    public int blockedCount() {
        return waiters == null ? 0 : waiters.size();
    }

    void add(Job job) {
        jobs.add(job);
        jobsIn++;
    }

    boolean remove(Job job) {
        return jobs.remove(job);
    }

    Job pollFirst() {
        Job j = jobs.pollFirst();
        if (j != null) jobsOut++;
        return j;
    }

    /** Oldest first, or newest first when descending; the queue must not change meanwhile. */
    public Iterator<Job> iterator(boolean descending) {
        return jobs.iterator(descending);
    }

    void addWaiter(Client c) {
        if (waiters == null) waiters = new LinkedHashSet<>();
        waiters.add(c);
    }

    void removeWaiter(Client c) {
        if (waiters != null) {
            waiters.remove(c);
            if (waiters.isEmpty()) waiters = null;
        }
    }

    /** The clients waiting on this queue, longest waiting first (a copy). */
    List<Client> waitersInOrder() {
        return waiters == null ? List.of() : new ArrayList<>(waiters);
    }

    /** The pause state as clients see it: in, out, all or none. */
    public static String pauseName(int flags) {
        switch (flags & PAUSED_ALL) {
            case PAUSED_ALL: return "all";
            case PAUSED_IN: return "in";
            case PAUSED_OUT: return "out";
            default: return "none";
        }
    }
}
