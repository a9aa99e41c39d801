/*
 * Cluster: this node's part of the Disque cluster, wired together.
 *
 * It owns the bus and the concepts that run over it (Gossip, Replication,
 * Requeue, Federation, and the ack GC's messages through the Outbox), runs their cron
 * every 100 ms on the server's loop, and saves nodes.conf whenever
 * membership changes. Everything here runs on the one event-loop thread.
 */
package dev.disque.server.cluster;

import dev.disque.server.ack.AckGc;
import dev.disque.server.cluster.bus.ClusterBus;
import dev.disque.server.core.Engine;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Cluster {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    private final Engine engine;
    private final ClusterBus bus;
    private final Gossip gossip;
    private final Replication replication;
    private final Federation federation;
    private final Path nodesFile;
    private boolean saveEnabled;

    /** nodesFile: where nodes.conf lives; saveEnabled: whether to write it even before it exists. */
    public Cluster(Engine engine, AckGc ackGc, EventLoopGroup group, Path nodesFile, boolean saveEnabled) {
        this.engine = engine;
        this.nodesFile = nodesFile;
        this.saveEnabled = saveEnabled || java.nio.file.Files.exists(nodesFile);
        ClusterState state = engine.cluster();
        int maxBody = (int) Math.min(Integer.MAX_VALUE / 2 - (1 << 20), engine.config().getLong("proto-max-bulk-len"));
        this.bus = new ClusterBus(group, state, () -> engine.config().get("cluster-password"), maxBody);
        this.gossip = new Gossip(state, bus, engine.clock(), () -> engine.config().getLong("cluster-node-timeout"));
        this.replication = new Replication(engine, bus);
        Requeue requeue = new Requeue(engine, bus);
        this.federation = new Federation(engine, bus);
        ackGc.onWaitingJobAcked(replication::achieved);
        bus.setHandler(new Inbound(engine, gossip, replication, requeue, federation, ackGc));
        engine.setOutbox(new BusOutbox(bus, state));
        state.onChange(this::saveQuietly);
    }

    /** Adds the peers read from nodes.conf; the cron connects to them with a PING. */
    public void addLoadedPeers(List<NodesFile.Entry> entries) {
        long now = engine.clock().millis();
        for (NodesFile.Entry e : entries) {
            if (e.myself()) continue;
            Node n = new Node(e.id(), e.host(), e.port());
            n.setBusPort(e.busPort());
            if (e.leaving()) n.set(Node.LEAVING);
            n.setPongReceived(now);
            engine.cluster().add(n, now);
        }
        gossip.updateReachable();
    }

    /** Starts listening for peers; returns the bus port. Called off the loop: binding waits for it. */
    public int bind(List<String> addresses, int port) throws InterruptedException {
        return bus.bind(addresses, port);
    }

    public ClusterBus bus() { return bus; }
    public Gossip gossip() { return gossip; }
    public Replication replication() { return replication; }
    public Federation federation() { return federation; }

    /** Every 100 ms. */
    public void cron() {
        gossip.cron();
        bus.closeIdleInbound(2 * engine.config().getLong("cluster-node-timeout"));
        replication.cron();
        federation.cron(engine.blockedClients());
    }

    /** CLUSTER SAVECONFIG and membership changes: writes nodes.conf now. */
    public void save() throws IOException {
        saveEnabled = true;
        NodesFile.save(nodesFile, engine.cluster());
    }

    private void saveQuietly() {
        if (!saveEnabled) return;
        try {
            save();
        } catch (IOException e) {
            log.warn("Could not save the cluster config file {}: {}", nodesFile, e.getMessage());
        }
    }

    public void close() {
        bus.close();
    }
}
