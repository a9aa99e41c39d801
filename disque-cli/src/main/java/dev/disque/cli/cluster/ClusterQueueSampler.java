/*
 * ClusterQueueSampler: `disque --cluster top`: the queues of every node of
 * a cluster, summed per queue name, because in Disque one queue lives on
 * many nodes at once (each holds the jobs queued there). Every sample asks
 * the seed node for CLUSTER NODES, so nodes that join or go away show up
 * without a restart; each node's QSTATs are read over its own connection,
 * kept between samples. A node that does not answer is left out of the
 * sums and named in the warning line rather than blanking the screen.
 */
package dev.disque.cli.cluster;

import dev.disque.cli.modes.NodeQueueSampler;
import dev.disque.cli.modes.QueueSampler;
import dev.disque.cli.modes.TopModel;
import dev.disque.cli.net.Endpoint;
import dev.disque.cli.net.Session;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ClusterQueueSampler implements QueueSampler, Closeable {
    private final Endpoint base;
    private final String password;
    private final Session seed;
    private final Map<String, Session> sessions = new HashMap<>();
    private int nodes;
    private String warning;

    public ClusterQueueSampler(Endpoint base, String password, NodeAddress seedAddress) {
        this.base = base;
        this.password = password;
        this.seed = new Session(base.retarget(seedAddress.host(), seedAddress.port()), password, m -> { });
    }

    @Override
    public String label() {
        return "cluster of " + nodes + (nodes == 1 ? " node" : " nodes") + " via " + seed.address();
    }

    @Override
    public List<TopModel.Stat> sample() throws IOException {
        List<NodeLine> lines;
        try {
            lines = NodeLine.parse(NodeProbe.text(seed, "CLUSTER", "NODES"));
            if (lines == null) throw new IOException("CLUSTER NODES: not a node table");
        } catch (IOException e) {
            seed.disconnect();
            throw e;
        }
        nodes = lines.size();
        Map<String, TopModel.Stat> sums = new LinkedHashMap<>();
        List<String> silent = new ArrayList<>();
        for (NodeLine n : lines) {
            if (n.has("handshake") || n.has("noaddr")) continue;
            Session s = n.myself() ? seed : sessions.computeIfAbsent(n.address(), this::open);
            try {
                for (TopModel.Stat st : new NodeQueueSampler(s).sample()) sums.merge(st.name(), st, ClusterQueueSampler::add);
            } catch (IOException e) {
                silent.add(n.address());
            }
        }
        warning = silent.isEmpty() ? null : "not counted, no answer from: " + String.join(", ", silent);
        return new ArrayList<>(sums.values());
    }

    @Override
    public String warning() {
        return warning;
    }

    private Session open(String address) {
        NodeAddress a = NodeAddress.parse(address);
        return new Session(base.retarget(a.host(), a.port()), password, m -> { });
    }

    /** One queue over two nodes: counts add up, the age is the oldest, a pause on any node shows. */
    static TopModel.Stat add(TopModel.Stat a, TopModel.Stat b) {
        String pause = "none".equals(a.pause()) || a.pause().isEmpty() ? b.pause() : a.pause();
        return new TopModel.Stat(a.name(), a.len() + b.len(), Math.max(a.age(), b.age()), a.blocked() + b.blocked(),
                a.importRate() + b.importRate(), a.jobsIn() + b.jobsIn(), a.jobsOut() + b.jobsOut(), pause);
    }

    @Override
    public void close() {
        seed.close();
        for (Session s : sessions.values()) s.close();
    }
}
