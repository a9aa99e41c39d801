/*
 * Requeue: keeping a single holder queueing a job (WILLQUEUE / QUEUED /
 * WORKING / ENQUEUE).
 *
 * Every holder of an active job would requeue it when its retry time
 * passes; to avoid doing it many times, a holder about to requeue first
 * asks the others (WILLQUEUE, 500 ms before). A holder that has it queued
 * answers for everyone with QUEUED, and whoever hears QUEUED pushes its own
 * requeue one retry period later. If two holders have it queued, the one
 * with the smaller node ID (mixed with the job ID, so the choice differs
 * from job to job) drops its copy from its queue. A holder that has it
 * acked answers with SETACK. WORKING is a QUEUED that always wins: every
 * holder dequeues and postpones.
 */
package dev.disque.server.cluster;

import dev.disque.server.cluster.bus.ClusterBus;
import dev.disque.server.cluster.bus.Message;
import dev.disque.server.core.Engine;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobState;
import dev.disque.server.queue.Queue;

public final class Requeue {
    private final Engine engine;
    private final ClusterBus bus;

    public Requeue(Engine engine, ClusterBus bus) {
        this.engine = engine;
        this.bus = bus;
    }

    /** WILLQUEUE: the sender will queue the job unless someone has it queued or acked. */
    public void willQueue(Node sender, JobId id) {
        Job job = engine.registry().lookup(id);
        if (job == null) return;
        if (job.state() == JobState.ACTIVE || job.state() == JobState.QUEUED) {
            job.setNodesDelivered(job.nodesDelivered().with(sender));
        }
        if (job.state() == JobState.QUEUED) {
            engine.outbox().queued(job, Message.Queued.COUNT_NONE);
        } else if (job.state() == JobState.ACKED) {
            bus.send(sender, new Message.SetAck(id, job.nodesDelivered().size()));
        }
    }

    /** QUEUED (or, with working, WORKING): the sender has the job queued or a consumer works on it. */
    public void queued(Node sender, JobId id, int counter, boolean working) {
        Job job = engine.registry().lookup(id);
        if (job == null) return;
        if (job.state() == JobState.ACKED) {
            bus.send(sender, new Message.SetAck(id, job.nodesDelivered().size()));
            return;
        }
        if (job.state() == JobState.QUEUED && (working || senderWins(sender, engine.cluster().myself(), id))) {
            engine.queues().dequeue(job);
        }
        engine.jobs().postpone(job);
        if (!working && job.state() != JobState.WAIT_REPL) {
            if (counter == Message.Queued.COUNT_NACKS) job.setNacks(job.nacks() + 1);
            else if (counter == Message.Queued.COUNT_DELIVERIES) job.setDeliveries(job.deliveries() + 1);
        }
    }

    /**
     * Which of two holders keeps a job queued: compare their IDs after
     * mixing each byte with the job ID's random part, so that over many jobs
     * no node is always the one that keeps or drops its copy.
     */
    static boolean senderWins(Node sender, Node me, JobId id) {
        String job = id.toString();
        String a = sender.id();
        String b = me.id();
        for (int i = 0; i < 40; i++) {
            int mix = job.charAt(11 + i % 24);
            int x = (a.charAt(i) ^ mix) & 0xff;
            int y = (b.charAt(i) ^ mix) & 0xff;
            if (x != y) return x > y;
        }
        return false;
    }

    /** ENQUEUE: a node that keeps no copy asks this holder to queue the job. */
    public void enqueue(JobId id, int delay) {
        Job job = engine.registry().lookup(id);
        if (job == null || (job.state() != JobState.ACTIVE && job.state() != JobState.WAIT_REPL)) return;
        Queue q = engine.queues().lookup(job.queue());
        if (q != null && q.pausedIn()) return;
        job.clearFlag(Job.FLAG_BCAST_QUEUED);
        if (delay == 0) {
            job.setState(JobState.ACTIVE);
            engine.queues().enqueue(job, false);
        } else {
            engine.schedule().updateRequeueTime(job, engine.clock().millis() + delay * 1000L);
        }
    }

    /** DELJOB: the job is gone everywhere (a failed replication, a completed ack, FASTACK). */
    public void delJob(JobId id) {
        Job job = engine.registry().lookup(id);
        if (job != null) engine.jobs().delete(job);
    }
}
