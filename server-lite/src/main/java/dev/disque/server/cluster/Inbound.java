/*
 * Inbound: where each received bus message goes.
 *
 * Membership messages go to Gossip, which also answers unknown nodes'
 * PINGs and MEETs. Everything else counts only from a known member, and
 * goes to the concept that owns it: Replication, Requeue, Federation or
 * the ack GC.
 */
package dev.disque.server.cluster;

import dev.disque.server.ack.AckGc;
import dev.disque.server.cluster.bus.ClusterBus;
import dev.disque.server.cluster.bus.Frame;
import dev.disque.server.cluster.bus.Link;
import dev.disque.server.cluster.bus.Message;
import dev.disque.server.core.ByteString;
import dev.disque.server.core.Engine;

final class Inbound implements ClusterBus.Inbound {
    private final Engine engine;
    private final ClusterState state;
    private final Gossip gossip;
    private final Replication replication;
    private final Requeue requeue;
    private final Federation federation;
    private final AckGc ackGc;

    Inbound(Engine engine, Gossip gossip, Replication replication, Requeue requeue, Federation federation,
            AckGc ackGc) {
        this.engine = engine;
        this.state = engine.cluster();
        this.gossip = gossip;
        this.replication = replication;
        this.requeue = requeue;
        this.federation = federation;
        this.ackGc = ackGc;
    }

    @Override
    public void onFrame(Link link, Frame f) {
        Node sender = state.lookup(f.sender());
        if (sender != null) gossip.readHeader(sender, f);
        if (gossip.handle(link, f, sender)) return;
        if (sender == null || sender.has(Node.HANDSHAKE)) return;
        Message m = f.message();
        if (m instanceof Message.Batch b) {
            for (Message one : b.messages()) dispatch(sender, one);
        } else {
            dispatch(sender, m);
        }
        // Messages queue jobs too (QUEUED, ENQUEUE, YOURJOBS): serve consumers waiting for them.
        engine.serveBlocked();
    }

    private void dispatch(Node sender, Message m) {
        if (m instanceof Message.ReplJob r) replication.replJob(sender, r);
        else if (m instanceof Message.GotJob g) replication.gotJob(sender, g.jobId());
        else if (m instanceof Message.WillQueue w) requeue.willQueue(sender, w.jobId());
        else if (m instanceof Message.Queued q) requeue.queued(sender, q.jobId(), q.counter(), false);
        else if (m instanceof Message.Working w) requeue.queued(sender, w.jobId(), 0, true);
        else if (m instanceof Message.Enqueue e) requeue.enqueue(e.jobId(), e.delay());
        else if (m instanceof Message.DelJob d) requeue.delJob(d.jobId());
        else if (m instanceof Message.SetAck s) ackGc.setAckReceived(sender, s.jobId(), s.mayHave());
        else if (m instanceof Message.GotAck g) ackGc.gotAckReceived(sender, g.jobId(), g.known());
        else if (m instanceof Message.NeedJobs n) federation.needJobsReceived(sender, n);
        else if (m instanceof Message.YourJobs y) federation.yourJobsReceived(sender, y);
        else if (m instanceof Message.Pause p) engine.queues().applyPause(ByteString.wrap(p.queue()), p.flags());
    }

    @Override
    public void onLinkReady(Link link) {
        gossip.onLinkReady(link);
        ackGc.linkReady(link.node());
    }

    @Override
    public void onLinkClosed(Link link) {
        // Nothing to do at once: the cron reopens links, and failure detection counts silence.
    }
}
