/*
 * ClusterState: this node's view of the cluster.
 *
 * Until the cluster bus exists a node is alone: the cluster has size 1 and
 * no other node is reachable. Commands ask this class, never a constant, for
 * the size and reachability, so replication and federation can fill it in
 * without touching the command code.
 */
package dev.disque.server.cluster;

import java.util.Collection;
import java.util.List;

public final class ClusterState {
    private final Node myself;
    private final NodeSet onlyMyself;
    private boolean leaving;

    public ClusterState(Node myself) {
        this.myself = myself;
        this.onlyMyself = NodeSet.of(myself);
    }

    public Node myself() {
        return myself;
    }

    /** The shared set holding just this node, given to every locally created job. */
    public NodeSet onlyMyself() {
        return onlyMyself;
    }

    /** Number of known nodes, this one included. */
    public int size() {
        return 1;
    }

    /** Number of other nodes that can be reached right now. */
    public int reachableOthers() {
        return 0;
    }

    /** True when this node was asked to leave the cluster (CLUSTER LEAVING). */
    public boolean leaving() {
        return leaving;
    }

    public void setLeaving(boolean leaving) {
        this.leaving = leaving;
    }

    public Collection<Node> nodes() {
        return List.of(myself);
    }
}
