/*
 * AckGc: acknowledgements and their garbage collection.
 *
 * An ACKJOB turns a job into an ack: it leaves its queue and is kept only
 * as proof of delivery until every node that may hold a copy has heard of
 * it; then it is deleted. On a lone node (or for a job only this node
 * holds) that is immediate. A dummy ack is an ack for an ID this node never
 * held, kept so the ack can reach the nodes that do hold the job; a lone
 * node knows there are none and creates no dummy acks.
 */
package dev.disque.server.ack;

import dev.disque.server.cluster.ClusterState;
import dev.disque.server.cluster.NodeSet;
import dev.disque.server.core.Engine;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobSchedule;
import dev.disque.server.job.JobState;

public final class AckGc {
    private final Engine engine;

    public AckGc(Engine engine) {
        this.engine = engine;
    }

    /** Marks the job acked (it leaves its queue) and schedules its GC. */
    public void acknowledge(Job job) {
        if (markAcked(job)) engine.schedule().updateAwakeTime(job);
    }

    /** Marks the job acked without scheduling it; returns false if it already was. */
    private boolean markAcked(Job job) {
        if (job.state() == JobState.ACKED) return false;
        engine.queues().dequeue(job);
        // An acked job need not survive a restart: it is logged as deleted.
        if (job.state() != JobState.WAIT_REPL) engine.aof().logDelete(job.id());
        job.setState(JobState.ACKED);
        job.setNodesConfirmed(null);
        return true;
    }

    /**
     * ACKJOB for one ID: returns true if the job was known and not yet
     * acked. Unknown at-least-once IDs get a dummy ack when other nodes
     * exist that may hold the job.
     */
    public boolean ack(JobId id) {
        Job job = engine.registry().lookup(id);
        boolean known = false;
        ClusterState cluster = engine.cluster();
        if (job == null) {
            if (cluster.size() > 1 && !cluster.leaving() && id.isAtLeastOnce()) {
                job = new Job(id, null, null, JobState.ACKED);
                job.setEtime(engine.clock().seconds() + id.ttlMinutes() * 60L);
                engine.registry().register(job);
            }
        } else if (job.state() != JobState.ACKED) {
            // No scheduling here: tryGc below either deletes the job or schedules its GC.
            markAcked(job);
            known = true;
        }
        if (job != null) tryGc(job);
        return known;
    }

    /** Tries to forget an acked job: done once every holder confirmed the ack. */
    public void tryGc(Job job) {
        if (job.state() != JobState.ACKED) return;
        if (job.gcRetry() < JobSchedule.GC_RETRY_COUNT_MAX) job.setGcRetry(job.gcRetry() + 1);
        ClusterState cluster = engine.cluster();
        if (job.nodesConfirmed() == null) job.setNodesConfirmed(NodeSet.of(cluster.myself()));
        boolean dummy = job.isDummyAck();
        boolean allReached = !dummy && job.nodesConfirmed().size() >= job.nodesDelivered().size()
                && containsAll(job.nodesConfirmed(), job.nodesDelivered());
        if (allReached || (dummy && cluster.size() == 1)) {
            engine.deleteJob(job);
            return;
        }
        engine.schedule().updateAwakeTime(job);
    }

    private static boolean containsAll(NodeSet set, NodeSet of) {
        for (dev.disque.server.cluster.Node n : of) if (!set.contains(n)) return false;
        return true;
    }
}
