/*
 * Replication: the copies of a job on other nodes (REPLJOB / GOTJOB).
 *
 * ADDJOB with REPLICATE n > 1 creates the job in wait-repl on this node and
 * sends REPLJOB to n-1 reachable nodes picked at random; the client waits.
 * Each peer stores its copy (in its AOF first, when on) and answers GOTJOB.
 * When n nodes hold it, the job becomes active, is queued here, logged,
 * and the client gets its ID. While copies are missing, every 50 ms one
 * more node is tried and REPLJOB resent to the holders that did not answer.
 * If the timeout or the job's TTL ends first, the client gets -NOREPL and
 * the copies made so far are deleted (DELJOB). ASYNC replies at once and
 * replicates once, best effort. A node short of memory or leaving keeps no
 * copy: it replicates to n other nodes and asks one of them (ENQUEUE) to
 * queue the job.
 *
 * A client that pipelines synchronous ADDJOBs has them replicated together
 * (up to MAX_WAITING_PER_CLIENT at a time), each with its own deadline: one
 * batch of REPLJOBs and GOTJOBs and one write of replies for many jobs,
 * instead of a round trip per job. Each job becomes active as soon as its
 * copies exist; the replies keep the order of the requests.
 */
package dev.disque.server.cluster;

import dev.disque.server.cluster.bus.ClusterBus;
import dev.disque.server.cluster.bus.Message;
import dev.disque.server.core.Blocked;
import dev.disque.server.core.ByteString;
import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import dev.disque.server.core.HeldReply;
import dev.disque.server.core.LateReply;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobReplies;
import dev.disque.server.job.JobState;
import dev.disque.server.net.Resp;
import dev.disque.server.queue.Queue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

public final class Replication implements Blocked.Waiter {
    /** A stalled replication tries one more node this often. */
    static final long ADD_NODE_PERIOD_MILLIS = 50;
    /**
     * How many ADDJOBs of one client may wait for copies at once: enough for
     * the usual pipelines (redis-benchmark -P 16, a producer's batch), while
     * one client's burst of copies, and the replies held behind its slowest
     * job, stay small.
     */
    static final int MAX_WAITING_PER_CLIENT = 64;

    private final Engine engine;
    private final ClusterBus bus;
    /** Jobs waiting for copies, with the client waiting for each and when a node was last added. */
    // Keyed by ID: a Job has only its identity hash, which the JVM computes slowly the first time.
    // What each client waits for is found from the client itself: its late replies name their Pending.
    private final Map<JobId, Pending> pending = new HashMap<>();

    private static final class Pending {
        final Job job;
        final Client client;
        final LateReply reply;
        /** When the client gets -NOREPL, or 0 for never. */
        final long deadline;
        long addedNodeTime;

        Pending(Job job, Client client, long deadline, long now) {
            this.job = job;
            this.client = client;
            this.reply = client.keepPlace(this);
            this.deadline = deadline;
            this.addedNodeTime = now;
        }
    }

    public Replication(Engine engine, ClusterBus bus) {
        this.engine = engine;
        this.bus = bus;
        engine.jobs().onReplicationExpired(this::expired);
    }

    private ClusterState cluster() {
        return engine.cluster();
    }

    // ---------------------------------------------------------------- ADDJOB

    /**
     * Replicates a new job (not yet registered) that needs {@code additional}
     * copies on other nodes; {@code external}: this node keeps none.
     * Replies to the client now (ASYNC) or when the copies exist.
     */
    public void start(Client c, Job job, int additional, boolean async, boolean external, long deadline) {
        long now = engine.clock().millis();
        job.setNodesDelivered(external ? NodeSet.EMPTY : cluster().onlyMyself());
        if (async) {
            job.setState(JobState.ACTIVE);
            if (!external) {
                engine.registry().registerMinted(job);
                engine.jobs().activate(job);
            }
            replicate(job, additional, true);
            if (external) sendEnqueue(job, job.nodesDelivered());
            JobReplies.idStatus(c.out(), job.id());
            return;
        }
        job.setState(JobState.WAIT_REPL);
        job.setNodesConfirmed(external ? NodeSet.EMPTY : cluster().onlyMyself());
        engine.registry().registerMinted(job);
        engine.schedule().updateAwakeTime(job);
        pending.put(job.id(), new Pending(job, c, deadline, now));
        blockUntilEarliestDeadline(c);
        replicate(job, additional, false);
    }

    /** Pipelined ADDJOBs start while earlier ones of the same client wait for copies. */
    @Override
    public boolean admits(Client c, byte[][] argv) {
        return ByteString.equalsIgnoreCase(argv[0], "addjob") && c.lateReplyCount() < MAX_WAITING_PER_CLIENT;
    }

    /** The job a client's place still waits for, or null (filled, or not a replication's place). */
    private static Pending waitingFor(LateReply r) {
        return !r.isFilled() && r.owner() instanceof Pending p ? p : null;
    }

    /** The client's jobs still waiting for copies, oldest first (a copy: failing them changes the list). */
    private static List<Pending> waitingOf(Client c) {
        List<Pending> out = new ArrayList<>();
        for (LateReply r : c.lateReplies()) {
            Pending p = waitingFor(r);
            if (p != null) out.add(p);
        }
        return out;
    }

    /** (Re)blocks a client until the earliest deadline of the jobs it waits for; unblocks it when none is left. */
    private void blockUntilEarliestDeadline(Client c) {
        if (c.isClosed()) return;
        boolean waits = false;
        long earliest = 0;
        for (LateReply r : c.lateReplies()) {
            Pending p = waitingFor(r);
            if (p == null) continue;
            waits = true;
            if (p.deadline != 0 && (earliest == 0 || p.deadline < earliest)) earliest = p.deadline;
        }
        if (!waits) {
            engine.unblock(c);
            return;
        }
        Blocked b = c.blocked();
        if (b == null || b.waiter() != this || b.deadline() != earliest) engine.block(c, Blocked.on(this, earliest));
    }

    /** Writes the client's reply for a job that no longer waits, and unblocks the client if nothing else waits. */
    private void answer(Pending p, JobId id, String error) {
        pending.remove(p.job.id());
        Client c = p.client;
        if (error == null) JobReplies.idStatus(c.out(p.reply), id);
        else Resp.error(c.out(p.reply), error);
        c.filled(p.reply);
        blockUntilEarliestDeadline(c);
        // A client held at MAX_WAITING_PER_CLIENT may start its next ADDJOBs now.
        engine.admitMore(c);
    }

    /** Sends a client's replies: now if it waits for nothing else, else with the others finished this turn. */
    private static void flush(Client c) {
        if (c.awaitsLateReply()) c.flushSoon();
        else c.flush();
    }

    /**
     * Adds up to {@code count} reachable, linked nodes to the job's holders
     * and sends REPLJOB to the holders: asking for an answer from those that
     * did not confirm, and, when nodes were added, refreshing the holders
     * list of those that did. Returns how many nodes were added.
     */
    private int replicate(Job job, int count, boolean noReply) {
        List<Node> candidates = new ArrayList<>(cluster().reachableNodes());
        Collections.shuffle(candidates, ThreadLocalRandom.current());
        NodeSet delivered = job.nodesDelivered();
        int added = 0;
        for (Node n : candidates) {
            if (added >= count) break;
            if (delivered.contains(n) || !bus.isLinked(n)) continue;
            delivered = delivered.with(n);
            added++;
        }
        job.setNodesDelivered(delivered);
        NodeSet confirmed = job.nodesConfirmed();
        Message.JobCopy copy = null;
        for (Node n : delivered) {
            if (n.has(Node.MYSELF)) continue;
            boolean done = confirmed != null && confirmed.contains(n);
            if (done && added == 0) continue;
            if (copy == null) copy = JobCopies.of(job, engine.clock().seconds());
            bus.send(n, new Message.ReplJob(copy, noReply || done));
        }
        return added;
    }

    /** Every 100 ms: stalled replications try one more node and resend to the silent ones. */
    public void cron() {
        if (pending.isEmpty()) return;
        long now = engine.clock().millis();
        for (Pending p : new ArrayList<>(pending.values())) {
            if (now - p.addedNodeTime < ADD_NODE_PERIOD_MILLIS) continue;
            if (replicate(p.job, 1, false) > 0) p.addedNodeTime = now;
        }
    }

    /** GOTJOB: one more node holds the copy. */
    public void gotJob(Node sender, JobId id) {
        // Every job waiting for copies is in pending, a table of one entry per waiting job that
        // stays in the cache; the registry, millions of jobs on a busy node, costs a cache miss or two.
        Pending p = pending.get(id);
        if (p == null || p.job.state() != JobState.WAIT_REPL) return;
        Job job = p.job;
        job.setNodesConfirmed(job.nodesConfirmed().with(sender));
        if (job.nodesConfirmed().size() >= job.repl()) achieved(job, p);
    }

    /** The replication level is reached: the client gets the ID. Returns false if the local job is gone. */
    public boolean achieved(Job job) {
        return achieved(job, pending.get(job.id()));
    }

    /** As achieved(job), with the job's pending replication (null if no client waits for it). */
    private boolean achieved(Job job, Pending p) {
        job.setState(JobState.ACTIVE);
        Client c = p == null ? null : p.client;
        if (p != null) answer(p, job.id(), null);
        boolean kept = job.nodesDelivered().contains(cluster().myself());
        if (!kept) {
            sendEnqueue(job, job.nodesConfirmed());
            engine.registry().unregister(job);
        } else {
            job.setNodesConfirmed(null);
            engine.jobs().activate(job);
            if (c != null) c.requireDurable(engine.aof().appendedSeq());
        }
        if (c != null) flush(c);
        return kept;
    }

    private void sendEnqueue(Job job, NodeSet among) {
        List<Node> holders = new ArrayList<>();
        for (Node n : among) if (!n.has(Node.MYSELF)) holders.add(n);
        if (holders.isEmpty()) return;
        Node target = holders.get(ThreadLocalRandom.current().nextInt(holders.size()));
        bus.send(target, new Message.Enqueue(job.id(), job.delay()));
    }

    @Override
    public void timedOut(Client c, long now) {
        fail(c, p -> p.deadline != 0 && p.deadline <= now);
    }

    @Override
    public void flushed(Client c) {
        fail(c, p -> true);
    }

    /** Replies -NOREPL for the client's waiting jobs that match, and drops them. */
    private void fail(Client c, Predicate<Pending> which) {
        for (Pending p : waitingOf(c)) {
            if (!which.test(p)) continue;
            answer(p, null, "NOREPL Timeout reached before replicating to the requested number of nodes");
            abandon(p.job);
        }
        // The engine unblocked the client before calling: it waits again if some jobs are left.
        blockUntilEarliestDeadline(c);
    }

    @Override
    public void clientGone(Client c) {
        // The client is closed: dropping its jobs does not block it again.
        for (Pending p : waitingOf(c)) {
            pending.remove(p.job.id());
            abandon(p.job);
        }
    }

    /** The job's TTL ended while it waited for copies. */
    public void expired(Job job) {
        Pending p = pending.get(job.id());
        if (p != null) {
            answer(p, null, "NOREPL job removed (expired?) before the requested replication level was achieved");
            flush(p.client);
        }
        abandon(job);
    }

    /** Replication failed: delete the copies made so far, best effort, and the local job. */
    private void abandon(Job job) {
        if (job.state() != JobState.WAIT_REPL) return;
        job.setState(JobState.ACTIVE);
        engine.outbox().delJob(job);
        engine.registry().unregister(job);
    }

    // ------------------------------------------------------------- receiving

    /** REPLJOB: store a copy (or learn new holders of a known one) and answer GOTJOB once durable. */
    public void replJob(Node sender, Message.ReplJob m) {
        // Like the original, a node short of memory or leaving takes no new copies, silently.
        if (engine.memoryWarningLevel() > 0 || cluster().leaving()) return;
        Message.JobCopy c = m.job();
        JobId id = c.id();
        ByteString qname = ByteString.wrap(c.queue());
        Queue q = engine.queues().lookup(qname);
        if (q != null && q.pausedIn()) return;
        NodeSet holders = JobCopies.holders(cluster(), c, sender);
        Job job = engine.registry().lookup(id);
        if (job != null) {
            NodeSet merged = job.nodesDelivered();
            for (Node n : holders) merged = merged.with(n);
            job.setNodesDelivered(merged);
        } else {
            engine.jobs().adopt(importCopy(q != null ? q.name() : engine.queues().sharedName(qname), c, holders));
        }
        if (!m.noReply()) new PeerReply(sender, new Message.GotJob(c.id()), engine.aof().appendedSeq()).flush();
    }

    private Job importCopy(ByteString queue, Message.JobCopy c, NodeSet holders) {
        Job job = JobCopies.toJob(engine, c, queue, holders);
        // A copy queues itself only if the queueing node goes silent: after delay + retry.
        if (c.retry() > 0) {
            job.setFlag(Job.FLAG_BCAST_WILLQUEUE);
            long now = engine.clock().millis();
            job.setQtime(now + c.delay() * 1000L + c.retry() * 1000L + engine.schedule().randomTimeError());
        } else {
            job.setQtime(0);
        }
        // Its first queueing is a re-delivery the other holders must hear about.
        job.setFlag(Job.FLAG_BCAST_QUEUED);
        return job;
    }

    /** A message owed to a peer once this node's AOF is durable up to seq. */
    private final class PeerReply implements HeldReply {
        private final Node to;
        private final Message message;
        private final long seq;

        PeerReply(Node to, Message message, long seq) {
            this.to = to;
            this.message = message;
            this.seq = seq;
        }

        @Override
        public long durableSeq() {
            return seq;
        }

        @Override
        public void flush() {
            if (engine.aof().mayReply(this)) bus.send(to, message);
        }
    }
}
