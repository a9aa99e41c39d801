/*
 * JobCopies: a job as it travels between nodes (Message.JobCopy), and back.
 *
 * REPLJOB and YOURJOBS carry the same copy. The TTL travels as seconds
 * left, so two nodes need not agree on the time; the holders travel as
 * node IDs and come back as the nodes the receiver knows, plus the sender
 * and the receiver itself.
 */
package dev.disque.server.cluster;

import dev.disque.server.cluster.bus.Message;
import dev.disque.server.core.ByteString;
import dev.disque.server.core.Engine;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobState;
import java.util.ArrayList;
import java.util.List;

final class JobCopies {
    private JobCopies() {
    }

    static Message.JobCopy of(Job j, long nowSeconds) {
        List<String> ids = new ArrayList<>(j.nodesDelivered().size());
        for (Node n : j.nodesDelivered()) ids.add(n.id());
        long ttlLeft = Math.max(1, j.etime() - nowSeconds + 1);
        return new Message.JobCopy(j.id(), j.queue().bytes(), j.body(), j.repl(), j.ctime(), ttlLeft,
                j.delay(), j.retry(), j.nacks(), j.deliveries(), ids);
    }

    /** The holders a copy names, as nodes this node knows, with the sender and this node added. */
    static NodeSet holders(ClusterState cluster, Message.JobCopy c, Node sender) {
        NodeSet holders = NodeSet.EMPTY;
        for (String nid : c.nodesDelivered()) {
            Node n = cluster.lookup(nid);
            if (n != null) holders = holders.with(n);
        }
        return holders.with(sender).with(cluster.myself());
    }

    /** A new, active, unqueued job from a copy; its requeue time is left to the caller. */
    static Job toJob(Engine engine, Message.JobCopy c, ByteString queue, NodeSet holders) {
        Job job = new Job(c.id(), queue, c.body(), JobState.ACTIVE);
        job.setRepl(c.repl());
        job.setCtime(c.ctime());
        job.setEtime(engine.clock().seconds() + c.ttlLeft());
        job.setDelay(c.delay());
        job.setRetry(c.retry());
        job.setNacks(c.nacks());
        job.setDeliveries(c.deliveries());
        job.setNodesDelivered(holders);
        return job;
    }
}
