/*
 * JobRegistry: every job this node knows, by ID, plus the awake order.
 *
 * A job is registered whatever its state (even a dummy ack), so lookups by
 * ID always work. The registry also keeps the awake heap, which is how the
 * timers find jobs that need a requeue, an expiry or an ack GC without
 * scanning everything.
 */
package dev.disque.server.job;

import dev.disque.server.core.ScanTable;
import java.util.function.BiConsumer;

public final class JobRegistry {
    private final ScanTable<JobId, Job> jobs = new ScanTable<>();
    private final AwakeHeap awake = new AwakeHeap();
    private long footprint;
    /** Reused by every lookup by raw ID: the registry belongs to the event loop's thread. */
    private final JobId.Probe probe = new JobId.Probe();

    /** Adds the job; returns false if a job with that ID is already known. */
    public boolean register(Job job) {
        if (jobs.putIfAbsent(job) != null) return false;
        footprint += job.footprint();
        return true;
    }

    /**
     * Adds a job whose ID this node has just minted. Such an ID is new by
     * construction (JobIdGenerator: a bijective mix of a counter, a fresh
     * seed per start, this node's prefix), so the table is not searched.
     */
    public void registerMinted(Job job) {
        jobs.add(job);
        footprint += job.footprint();
    }

    /** True if this very job is registered (not merely one with its ID). */
    public boolean holds(Job job) {
        return jobs.holds(job);
    }

    public Job lookup(JobId id) {
        return jobs.get(id);
    }

    /** The job whose ID a client wrote, found without allocating; null when unknown or not an ID. */
    public Job lookup(byte[] rawId) {
        return probe.read(rawId) ? jobs.get(probe.hash(), probe) : null;
    }

    /** Removes the job from the table and the timers; returns false if it was not registered. */
    public boolean unregister(Job job) {
        if (!jobs.removeElement(job)) return false;
        awake.remove(job);
        footprint -= job.footprint();
        return true;
    }

    public int size() {
        return jobs.size();
    }

    /** Sum of the registered jobs' estimated footprints, in bytes. */
    public long footprint() {
        return footprint;
    }

    /** Schedules the job to be looked at by the timers at the given millisecond. */
    public void setAwakeTime(Job job, long at) {
        if (job.awakeme() == at && job.heapIndex >= 0) return;
        job.setAwakeme(at);
        awake.update(job);
    }

    /** The job that needs attention first, or null. */
    public Job nextToAwake() {
        return awake.peek();
    }

    /** A random job, or null; used for sampled eviction. */
    public Job random(java.util.Random random) {
        return jobs.random(random);
    }

    public long scan(long cursor, BiConsumer<JobId, Job> visitor) {
        return jobs.scan(cursor, j -> visitor.accept(j.id(), j));
    }

    public void clear() {
        jobs.clear();
        awake.clear();
        footprint = 0;
    }
}
