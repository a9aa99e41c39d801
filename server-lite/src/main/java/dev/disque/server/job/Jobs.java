/*
 * Jobs: the verbs every layer uses to change a job, in one place.
 *
 * Commands parse their arguments and call these; the cluster's inbound
 * messages (REPLJOB, DELJOB, QUEUED, WORKING...) call the same ones, and so
 * do the timers. Keeping the state changes here, with their side effects
 * (queue, timers, AOF), means a job behaves the same whichever way a
 * change reaches it:
 *   activate  a job every holder has: queue it (or wait its delay), log it
 *   adopt     a copy received from elsewhere: register, schedule, log
 *   restore   a job read back from this node's own file: register, resume
 *   delete    forget it entirely
 *   postpone  push its next requeue one retry period later
 *   process   the timer step: expiry, WILLQUEUE, requeue, ack GC
 */
package dev.disque.server.job;

import dev.disque.server.cluster.NodeSet;
import dev.disque.server.core.Engine;
import dev.disque.server.queue.Queue;
import java.util.function.Consumer;

public final class Jobs {
    private final Engine engine;
    private Consumer<Job> ackDue = j -> { };
    private Consumer<Job> replicationExpired = j -> { };

    public Jobs(Engine engine) {
        this.engine = engine;
    }

    /** Who collects an acked job when its GC is due (the ack GC). */
    public void onAckDue(Consumer<Job> c) {
        this.ackDue = c;
    }

    /** Who answers the client of a job whose TTL ended while it waited for copies (replication). */
    public void onReplicationExpired(Consumer<Job> c) {
        this.replicationExpired = c;
    }

    /** The job exists where it must: queue it here (or after its delay) and log it. */
    public void activate(Job job) {
        job.setState(JobState.ACTIVE);
        if (job.delay() == 0) engine.queues().enqueue(job, false);
        else engine.schedule().updateAwakeTime(job);
        engine.aof().logJob(job);
    }

    /** A copy made elsewhere: keep it, let the timers watch it, and log it. False if known already. */
    public boolean adopt(Job job) {
        if (!engine.registry().register(job)) return false;
        engine.schedule().updateAwakeTime(job);
        engine.aof().logJob(job);
        return true;
    }

    /**
     * A job read back from this node's own file after a (re)start. It
     * resumes as active, held here as well as by the nodes the file named,
     * and waits for its delay or one retry period before it requeues, unless
     * requeueNow (a controlled restart that kept it queued). An at-most-once
     * job may have been delivered already, so it never queues again. Not
     * logged: the file has it. False if known already.
     */
    public boolean restore(Job job, NodeSet holders, boolean requeueNow, long now) {
        job.setState(JobState.ACTIVE);
        job.setNodesDelivered(holders.with(engine.cluster().myself()));
        long firstQueue = job.ctimeMillis() + job.delay() * 1000L;
        if (firstQueue > now) {
            job.setQtime(firstQueue); // still delayed: it was never queued
        } else if (job.retry() > 0) {
            job.setFlag(Job.FLAG_BCAST_WILLQUEUE);
            job.setQtime(now + job.retry() * 1000L + engine.schedule().randomTimeError());
        } else {
            job.setQtime(0);
        }
        if (!engine.registry().register(job)) return false;
        if (requeueNow) {
            if (job.qtime() == 0) job.setQtime(now);
            engine.queues().enqueue(job, false);
        } else {
            engine.schedule().updateAwakeTime(job);
        }
        return true;
    }

    /** Forgets a job entirely: out of its queue, out of the registry and the timers. */
    public void delete(Job job) {
        // Acked jobs were already logged as deleted; unconfirmed ones were never logged.
        if (job.state() == JobState.ACTIVE || job.state() == JobState.QUEUED) engine.aof().logDelete(job.id());
        if (job.state() == JobState.QUEUED) engine.queues().dequeue(job);
        engine.registry().unregister(job);
    }

    /** Moves the next requeue one retry period (with jitter) from now, announcing it shortly before. */
    public void postpone(Job job) {
        if (job.retry() == 0) return;
        job.setFlag(Job.FLAG_BCAST_WILLQUEUE);
        long now = engine.clock().millis();
        engine.schedule().updateRequeueTime(job, now + job.retry() * 1000L + engine.schedule().randomTimeError());
    }

    /** The timer step for a job whose awake time has come. */
    public void process(Job j, long now) {
        if (j.etime() * 1000 <= now) {
            engine.stats().expiredJobs++;
            if (j.state() == JobState.WAIT_REPL) replicationExpired.accept(j);
            else delete(j);
            return;
        }
        if ((j.state() == JobState.ACTIVE || j.state() == JobState.QUEUED)
                && j.hasFlag(Job.FLAG_BCAST_WILLQUEUE)
                && j.qtime() - JobSchedule.WILLQUEUE_ADVANCE_MILLIS <= now) {
            // Only a holder that does not have it queued asks who does.
            if (j.state() == JobState.ACTIVE) engine.outbox().willQueue(j);
            j.clearFlag(Job.FLAG_BCAST_WILLQUEUE);
            engine.schedule().updateAwakeTime(j);
        }
        if (j.state() == JobState.ACTIVE && j.qtime() != 0 && j.qtime() <= now) {
            Queue q = engine.queues().lookup(j.queue());
            if (j.retry() != 0 && q != null && q.pausedIn()) {
                // Paused for input: try again one retry period later (without a new WILLQUEUE).
                engine.schedule().updateRequeueTime(j, now + j.retry() * 1000L + engine.schedule().randomTimeError());
            } else {
                engine.queues().enqueue(j, false);
            }
        }
        if (j.state() == JobState.QUEUED && j.qtime() != 0 && j.qtime() <= now && j.retry() != 0) {
            j.setFlag(Job.FLAG_BCAST_WILLQUEUE);
            j.setQtime(now + j.retry() * 1000L + engine.schedule().randomTimeError());
            engine.schedule().updateAwakeTime(j);
        }
        if (j.state() == JobState.ACKED) ackDue.accept(j);
    }
}
