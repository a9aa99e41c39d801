/*
 * JobSchedule: when each job next needs the timers' attention.
 *
 * A job is looked at when it expires, when it must be (re)queued, a little
 * before that to announce the requeue to other holders, and when an acked
 * job's garbage collection should be retried. This class computes that
 * moment from the job's fields and files the job in the awake order.
 */
package dev.disque.server.job;

import dev.disque.server.core.Clock;
import java.util.concurrent.ThreadLocalRandom;

public final class JobSchedule {
    /** Spread for requeue times, so nodes holding copies do not act in lockstep. */
    public static final long TIME_ERROR_MILLIS = 500;
    /** WILLQUEUE goes out this long before a requeue. */
    public static final long WILLQUEUE_ADVANCE_MILLIS = 500;
    public static final long GC_RETRY_MIN_MILLIS = 1000;
    public static final long GC_RETRY_MAX_MILLIS = 180_000;
    public static final int GC_RETRY_COUNT_MAX = 10;

    private final JobRegistry registry;
    private final Clock clock;

    public JobSchedule(JobRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /** A random offset in [-250, 250) ms. */
    public long randomTimeError() {
        return ThreadLocalRandom.current().nextLong(TIME_ERROR_MILLIS) - TIME_ERROR_MILLIS / 2;
    }

    public long nextGcRetryTime(Job job) {
        long period = GC_RETRY_MIN_MILLIS << Math.min(job.gcRetry(), 20);
        if (period > GC_RETRY_MAX_MILLIS) period = GC_RETRY_MAX_MILLIS;
        return clock.millis() + period + randomTimeError();
    }

    /** Recomputes the job's awake time from its state and timers. */
    public void updateAwakeTime(Job job) {
        // One second after expiry, so that the job is surely expired when looked at.
        long at = job.etime() * 1000 + 1000;
        if (job.state() == JobState.ACKED) {
            at = Math.min(at, nextGcRetryTime(job));
        } else if ((job.state() == JobState.ACTIVE || job.state() == JobState.QUEUED) && job.qtime() != 0) {
            long q = job.qtime();
            if (job.hasFlag(Job.FLAG_BCAST_WILLQUEUE)) q -= WILLQUEUE_ADVANCE_MILLIS;
            at = Math.min(at, q);
        }
        registry.setAwakeTime(job, at);
    }

    /** Postpones the next requeue; never arms one for an at-most-once job. */
    public void updateRequeueTime(Job job, long qtime) {
        if (job.retry() == 0 || job.qtime() == 0) return;
        job.setQtime(qtime);
        updateAwakeTime(job);
    }
}
