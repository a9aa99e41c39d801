/*
 * BusOutbox: the Outbox that sends on the cluster bus, to every other
 * holder of the job (or every node) that has a link (messages to unlinked nodes are lost,
 * as in the original: the timers that sent them try again).
 */
package dev.disque.server.cluster;

import dev.disque.server.cluster.bus.ClusterBus;
import dev.disque.server.cluster.bus.Message;
import dev.disque.server.core.ByteString;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;

final class BusOutbox implements Outbox {
    private final ClusterBus bus;
    private final ClusterState state;

    BusOutbox(ClusterBus bus, ClusterState state) {
        this.bus = bus;
        this.state = state;
    }

    private void toAll(Message m) {
        for (Node n : state.nodes()) if (!n.has(Node.MYSELF) && !n.has(Node.HANDSHAKE)) bus.send(n, m);
    }

    @Override
    public void delJobEverywhere(JobId id) {
        toAll(new Message.DelJob(id));
    }

    @Override
    public void pause(ByteString queue, int flags) {
        toAll(new Message.Pause(queue.bytes(), flags));
    }

    private void toHolders(Job job, Message m) {
        for (Node n : job.nodesDelivered()) if (!n.has(Node.MYSELF)) bus.send(n, m);
    }

    @Override
    public void queued(Job job, int counter) {
        toHolders(job, new Message.Queued(job.id(), counter));
    }

    @Override
    public void willQueue(Job job) {
        toHolders(job, new Message.WillQueue(job.id()));
    }

    @Override
    public void working(Job job) {
        toHolders(job, new Message.Working(job.id()));
    }

    @Override
    public boolean setAck(Job job, Node to) {
        return bus.send(to, new Message.SetAck(job.id(), job.nodesDelivered().size()));
    }

    @Override
    public void delJob(Job job) {
        toHolders(job, new Message.DelJob(job.id()));
    }

    @Override
    public void gotAck(Node to, JobId id, boolean known) {
        bus.send(to, new Message.GotAck(id, known));
    }
}
