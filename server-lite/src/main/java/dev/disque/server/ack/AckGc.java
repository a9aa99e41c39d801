/*
 * AckGc: acknowledgements and their garbage collection across holders.
 *
 * An ACKJOB turns a job into an ack: it leaves its queue and is kept only
 * as proof of delivery until every node that may hold a copy has heard of
 * it. The ack goes out as SETACK to every holder that did not confirm yet;
 * each answers GOTACK (and acks its own copy); once all confirmed, DELJOB
 * tells them to forget it and this node deletes it too. Unreachable
 * holders are retried with exponential backoff (JobSchedule), so an acked
 * copy survives until they come back; a SETACK that found no link to its
 * holder is offered again as soon as a link to it opens, instead of at the
 * next retry, which may be minutes away by then. A dummy ack is an ack for
 * an ID this node never held: it is offered to every node, and dropped once
 * every node answered (or one that had the job took over the GC).
 */
package dev.disque.server.ack;

import dev.disque.server.cluster.ClusterState;
import dev.disque.server.cluster.Node;
import dev.disque.server.cluster.NodeSet;
import dev.disque.server.core.Engine;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobSchedule;
import dev.disque.server.job.JobState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

public final class AckGc {
    private static final int MAX_UNSENT_PER_NODE = 100_000;
    private final Engine engine;
    /**
     * Acked jobs whose SETACK found no link to a holder, by holder: offered again when a link
     * opens. Bounded per holder (past that, acks reach it at their next retry, as with the
     * original), since the IDs of acks collected or expired meanwhile stay until the link opens.
     */
    private final Map<Node, Set<JobId>> unsent = new HashMap<>();
    /** Called when a SETACK reaches a job still waiting for its copies. */
    private java.util.function.Predicate<Job> replicationAchieved = j -> true;

    public AckGc(Engine engine) {
        this.engine = engine;
        engine.jobs().onAckDue(this::tryGc);
    }

    public void onWaitingJobAcked(java.util.function.Predicate<Job> achieved) {
        this.replicationAchieved = achieved;
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
     * ACKJOB for one well-formed ID, as the client wrote it: returns true
     * if the job was known and not yet acked. Unknown at-least-once IDs get
     * a dummy ack when other nodes exist that may hold the job.
     */
    public boolean ack(byte[] rawId) {
        Job job = engine.registry().lookup(rawId);
        boolean known = false;
        ClusterState cluster = engine.cluster();
        if (job == null) {
            JobId id = cluster.size() > 1 && !cluster.leaving() ? JobId.parse(rawId) : null;
            if (id != null && id.isAtLeastOnce()) {
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

    /** Offers the ack to every holder that has not confirmed it; deletes the job once all have. */
    public void tryGc(Job job) {
        if (job.state() != JobState.ACKED) return;
        if (job.gcRetry() < JobSchedule.GC_RETRY_COUNT_MAX) job.setGcRetry(job.gcRetry() + 1);
        ClusterState cluster = engine.cluster();
        if (job.nodesConfirmed() == null) job.setNodesConfirmed(NodeSet.of(cluster.myself()));
        if (collectIfDone(job)) return;
        boolean dummy = job.isDummyAck();
        Iterable<Node> targets = dummy ? cluster.nodes() : job.nodesDelivered();
        for (Node n : targets) {
            if (n.has(Node.MYSELF) || n.has(Node.HANDSHAKE) || job.nodesConfirmed().contains(n)) continue;
            if (!engine.outbox().setAck(job, n)) rememberUnsent(n, job.id());
        }
        engine.schedule().updateAwakeTime(job);
    }

    /** A link to a peer opened: offers it at once the acks it could not be sent while it was away. */
    public void linkReady(Node n) {
        ClusterState cluster = engine.cluster();
        unsent.keySet().removeIf(k -> cluster.lookup(k.id()) != k); // forgotten nodes
        Set<JobId> ids = unsent.remove(n);
        if (ids == null) return;
        for (JobId id : ids) {
            Job job = engine.registry().lookup(id);
            if (job == null || job.state() != JobState.ACKED || job.nodesConfirmed() == null
                    || job.nodesConfirmed().contains(n)) {
                continue;
            }
            if (!engine.outbox().setAck(job, n)) rememberUnsent(n, id);
        }
    }

    private void rememberUnsent(Node n, JobId id) {
        Set<JobId> ids = unsent.computeIfAbsent(n, k -> new HashSet<>());
        if (ids.size() < MAX_UNSENT_PER_NODE) ids.add(id);
    }

    /** Deletes the ack everywhere if every holder confirmed it; true if it is gone. */
    private boolean collectIfDone(Job job) {
        ClusterState cluster = engine.cluster();
        NodeSet confirmed = job.nodesConfirmed();
        if (job.isDummyAck()) {
            if (cluster.size() == 1 || confirmed.size() >= cluster.size()) {
                engine.jobs().delete(job);
                return true;
            }
            return false;
        }
        for (Node n : job.nodesDelivered()) if (!confirmed.contains(n)) return false;
        engine.outbox().delJob(job);
        engine.jobs().delete(job);
        return true;
    }

    /** SETACK from a peer: ack our copy and confirm; start our own GC if we know of more holders. */
    public void setAckReceived(Node sender, JobId id, int mayHave) {
        Job job = engine.registry().lookup(id);
        if (job != null && job.state() == JobState.WAIT_REPL) {
            if (!replicationAchieved.test(job)) return;
            job = engine.registry().lookup(id); // achieving it may have handed the job to another node
        }
        if (job != null) acknowledge(job);
        if (job == null || job.nodesDelivered().size() <= mayHave) {
            engine.outbox().gotAck(sender, id, job != null);
        } else {
            if (mayHave == 0) engine.outbox().gotAck(sender, id, true);
            tryGc(job);
        }
    }

    /** GOTACK from a peer: it confirmed the ack (and whether it had the job). */
    public void gotAckReceived(Node sender, JobId id, boolean known) {
        Job job = engine.registry().lookup(id);
        if (job == null || job.state() != JobState.ACKED) return;
        if (job.isDummyAck() && known) {
            // A holder has it and runs the GC itself.
            engine.jobs().delete(job);
            return;
        }
        if (job.nodesConfirmed() == null) job.setNodesConfirmed(NodeSet.of(engine.cluster().myself()));
        if (known || job.nodesDelivered().contains(sender)) {
            job.setNodesDelivered(job.nodesDelivered().with(sender));
        }
        job.setNodesConfirmed(job.nodesConfirmed().with(sender));
        collectIfDone(job);
    }
}
