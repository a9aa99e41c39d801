/*
 * Federation: consumers on one node get jobs queued on others
 * (NEEDJOBS / YOURJOBS).
 *
 * A node whose consumers wait on an empty queue asks the cluster for jobs.
 * With no recent source it broadcasts NEEDJOBS(queue, 1) to every node, at
 * once and then with an exponential delay (2 s doubling, up to 30 s) while
 * the consumers keep waiting. Nodes that sent jobs for the queue in the
 * last five seconds are its sources: they are asked directly, for as many
 * jobs as the queue imports per second shared among them (5 to 1000; the
 * original asks for at most 100, so a fast consumer waited for a round trip
 * every 100 jobs), every 25 ms doubling up to 2 s, and at once when a
 * consumer takes the last job of a queue that is importing. A node asked
 * answers YOURJOBS with jobs moved out of its own queue, unless it has
 * none, is itself importing that queue, or has it paused for output. The
 * asking node queues them and its waiting consumers are served. A leaving
 * node asks for nothing.
 */
package dev.disque.server.cluster;

import dev.disque.server.cluster.bus.ClusterBus;
import dev.disque.server.cluster.bus.Message;
import dev.disque.server.cluster.bus.MessageCodec;
import dev.disque.server.core.Blocked;
import dev.disque.server.core.ByteString;
import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobState;
import dev.disque.server.queue.Queue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

public final class Federation {
    static final long BCAST_MIN_MILLIS = 2000;
    static final long BCAST_MAX_MILLIS = 30_000;
    static final long ADHOC_MIN_MILLIS = 25;
    static final long ADHOC_MAX_MILLIS = 2000;
    /** A node that sent jobs for a queue counts as its source this long. */
    static final long SOURCE_VALIDITY_MILLIS = 5000;
    static final int ADHOC_MIN_JOBS = 5;
    static final int ADHOC_MAX_JOBS = MessageCodec.MAX_YOURJOBS;

    private final Engine engine;
    private final ClusterBus bus;
    private final Map<ByteString, Wanted> wanted = new HashMap<>();

    /** What this node knows about importing one queue. */
    private static final class Wanted {
        final Map<Node, Long> sources = new HashMap<>();
        long bcastTime;
        int bcastAttempt;
        long adhocTime;
        int adhocAttempt;
    }

    public Federation(Engine engine, ClusterBus bus) {
        this.engine = engine;
        this.bus = bus;
        engine.queues().onRanDry(this::tookLast);
    }

    private static long backoff(long min, long max, int attempt) {
        return Math.min(max, min << Math.min(attempt, 20));
    }

    /** Consumers wait on these queues (a GETJOB blocked, or still blocked at the cron). */
    public void consumersWaiting(List<ByteString> queues) {
        for (ByteString q : queues) needJobs(q, false);
    }

    /** A consumer took the last job of a queue: ask its sources at once if it is importing. */
    private void tookLast(Queue q) {
        if (q.length() == 0 && q.importRate().perSecond(engine.clock().millis()) > 0) needJobs(q.name(), true);
    }

    private void needJobs(ByteString name, boolean reachedZero) {
        ClusterState cluster = engine.cluster();
        if (cluster.leaving() || cluster.size() <= 1) return;
        long now = engine.clock().millis();
        Wanted w = wanted.computeIfAbsent(name, k -> new Wanted());
        w.sources.values().removeIf(t -> now - t > SOURCE_VALIDITY_MILLIS);
        if (!w.sources.isEmpty()) {
            if (!reachedZero && now - w.adhocTime < backoff(ADHOC_MIN_MILLIS, ADHOC_MAX_MILLIS, w.adhocAttempt - 1)) return;
            Queue q = engine.queues().lookup(name);
            long rate = q == null ? 0 : q.importRate().perSecond(now);
            long count = Math.max(ADHOC_MIN_JOBS, Math.min(ADHOC_MAX_JOBS, rate / w.sources.size()));
            for (Node n : w.sources.keySet()) bus.send(n, new Message.NeedJobs(name.bytes(), (int) count));
            w.adhocTime = now;
            w.adhocAttempt++;
            return;
        }
        if (w.bcastAttempt > 0 && now - w.bcastTime < backoff(BCAST_MIN_MILLIS, BCAST_MAX_MILLIS, w.bcastAttempt - 1)) {
            return;
        }
        Message m = new Message.NeedJobs(name.bytes(), 1);
        for (Node n : cluster.nodes()) {
            if (!n.has(Node.MYSELF) && !n.has(Node.HANDSHAKE)) bus.send(n, m);
        }
        w.bcastTime = now;
        w.bcastAttempt++;
    }

    /** Every 100 ms: keep asking for the queues consumers still wait on; forget stale state. */
    public void cron(Iterable<Client> blocked) {
        Set<ByteString> waitedOn = new LinkedHashSet<>();
        for (Client c : blocked) {
            Blocked b = c.blocked();
            if (b != null && b.waiter() == null) waitedOn.addAll(b.queues());
        }
        for (ByteString q : waitedOn) needJobs(q, false);
        long now = engine.clock().millis();
        wanted.entrySet().removeIf(e -> !waitedOn.contains(e.getKey())
                && e.getValue().sources.values().stream().allMatch(t -> now - t > SOURCE_VALIDITY_MILLIS)
                && now - Math.max(e.getValue().bcastTime, e.getValue().adhocTime) > BCAST_MAX_MILLIS);
    }

    /** The nodes that recently sent jobs for the queue (QSTAT import-from). */
    public List<Node> sources(ByteString queue) {
        Wanted w = wanted.get(queue);
        List<Node> out = new ArrayList<>();
        if (w == null) return out;
        long now = engine.clock().millis();
        w.sources.forEach((n, t) -> {
            if (now - t <= SOURCE_VALIDITY_MILLIS) out.add(n);
        });
        return out;
    }

    // ------------------------------------------------------------- receiving

    /** NEEDJOBS: move some of our queued jobs to the asking node. */
    public void needJobsReceived(Node sender, Message.NeedJobs m) {
        Queue q = engine.queues().lookup(ByteString.wrap(m.queue()));
        long now = engine.clock().millis();
        if (q == null || q.length() == 0 || q.pausedOut() || q.importRate().perSecond(now) > 0) return;
        int count = Math.max(1, m.count());
        int n = q.length() >= 2L * count ? count : Math.max(1, q.length() / 2);
        n = Math.min(n, MessageCodec.MAX_YOURJOBS);
        long budget = engine.config().getLong("proto-max-bulk-len");
        List<Message.JobCopy> copies = new ArrayList<>(n);
        List<Job> moved = new ArrayList<>(n);
        long bytes = 0;
        while (copies.size() < n) {
            Job j = engine.queues().fetchForPeer(q);
            if (j == null) break;
            j.setNodesDelivered(j.nodesDelivered().with(sender));
            copies.add(JobCopies.of(j, engine.clock().seconds()));
            moved.add(j);
            bytes += j.body().length;
            if (bytes > budget) break;
        }
        if (copies.isEmpty()) return;
        bus.send(sender, new Message.YourJobs(copies));
        for (Job j : moved) {
            // An at-most-once job now lives on the other node only.
            if (j.retry() == 0) engine.jobs().delete(j);
        }
    }

    /** YOURJOBS: queue the jobs a node moved to us and serve our waiting consumers. */
    public void yourJobsReceived(Node sender, Message.YourJobs m) {
        long now = engine.clock().millis();
        for (Message.JobCopy c : m.jobs()) {
            ByteString qname = engine.queues().sharedName(ByteString.wrap(c.queue()));
            Job job = engine.registry().lookup(c.id());
            NodeSet holders = JobCopies.holders(engine.cluster(), c, sender);
            if (job == null) {
                job = JobCopies.toJob(engine, c, qname, holders);
                job.setQtime(now);
                if (!engine.jobs().adopt(job)) continue;
            } else {
                NodeSet merged = job.nodesDelivered();
                for (Node h : holders) merged = merged.with(h);
                job.setNodesDelivered(merged);
                // A retry-0 copy was queued once already here; the move forces one more queueing.
                if (job.qtime() == 0) job.setQtime(now);
            }
            if (job.state() != JobState.ACTIVE) continue;
            job.clearFlag(Job.FLAG_BCAST_QUEUED);
            engine.queues().enqueue(job, false);
            Queue q = engine.queues().lookup(qname);
            if (q != null) q.importRate().record(now);
            Wanted w = wanted.computeIfAbsent(qname, k -> new Wanted());
            w.sources.put(sender, now);
            w.bcastAttempt = 0;
            w.adhocAttempt = 0;
        }
        engine.serveBlocked();
    }
}
