/*
 * ClusterState: this node's view of the cluster, by node ID.
 *
 * It holds every known node (this one included), which of them are
 * reachable right now, and the small ban list CLUSTER FORGET keeps so that
 * gossip does not bring a forgotten node straight back. Replication asks it
 * for the reachable nodes, HELLO and CLUSTER NODES list it, and nodes.conf
 * saves it. A lone node is simply a state that knows only itself.
 */
package dev.disque.server.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class ClusterState {
    /** A forgotten node cannot be re-added by gossip for this long, like the original. */
    public static final long FORGET_BAN_MILLIS = 60_000;

    private Node myself;
    private NodeSet onlyMyself;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Long> banned = new HashMap<>();
    private final List<Node> reachable = new ArrayList<>();
    private Runnable onChange = () -> { };

    public ClusterState(Node myself) {
        setMyself(myself);
    }

    private void setMyself(Node me) {
        this.myself = me;
        me.set(Node.MYSELF);
        this.onlyMyself = NodeSet.of(me);
        nodes.put(me.id(), me);
    }

    public Node myself() {
        return myself;
    }

    /** The shared set holding just this node, given to every job only this node holds. */
    public NodeSet onlyMyself() {
        return onlyMyself;
    }

    /** Called whenever membership changes, so nodes.conf can be saved. */
    public void onChange(Runnable r) {
        this.onChange = r;
    }

    public void changed() {
        onChange.run();
    }

    /** Number of known nodes, this one included (nodes in handshake are not members yet). */
    public int size() {
        int n = 0;
        for (Node x : nodes.values()) if (!x.has(Node.HANDSHAKE)) n++;
        return n;
    }

    /** Number of other nodes that can be reached right now. */
    public int reachableOthers() {
        return reachable.size();
    }

    /** The other nodes that can be reached right now (refreshed by the bus). */
    public List<Node> reachableNodes() {
        return Collections.unmodifiableList(reachable);
    }

    public void setReachable(List<Node> nodes) {
        reachable.clear();
        reachable.addAll(nodes);
    }

    /** True when this node was asked to leave the cluster (CLUSTER LEAVING). */
    public boolean leaving() {
        return myself.has(Node.LEAVING);
    }

    public void setLeaving(boolean leaving) {
        if (leaving == leaving()) return;
        if (leaving) myself.set(Node.LEAVING);
        else myself.clear(Node.LEAVING);
        changed();
    }

    public Node lookup(String id) {
        return nodes.get(id);
    }

    /** Every known node, this one first. */
    public Collection<Node> nodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    /** Adds a node; false if one with that ID is known already or it is banned. */
    public boolean add(Node n, long now) {
        if (nodes.containsKey(n.id()) || isBanned(n.id(), now)) return false;
        n.setCreatedMillis(now);
        nodes.put(n.id(), n);
        return true;
    }

    /** Removes a node; it also stops counting as a reporter of others' failures. */
    public void remove(Node n) {
        if (n == myself) return;
        nodes.remove(n.id());
        reachable.remove(n);
        for (Node x : nodes.values()) x.removeFailReport(n);
    }

    /** CLUSTER FORGET: removes the node and keeps gossip from re-adding it for a while. */
    public void forget(Node n, long now) {
        remove(n);
        banned.put(n.id(), now + FORGET_BAN_MILLIS);
    }

    public boolean isBanned(String id, long now) {
        Long until = banned.get(id);
        if (until == null) return false;
        if (until <= now) {
            banned.remove(id);
            return false;
        }
        return true;
    }

    /** CLUSTER RESET: forgets every other node; HARD also takes a new ID. */
    public void reset(Node newMyself) {
        List<Node> others = new ArrayList<>(nodes.values());
        for (Node n : others) if (n != myself) remove(n);
        banned.clear();
        if (newMyself != null) {
            nodes.remove(myself.id());
            boolean wasLeaving = leaving();
            setMyself(newMyself);
            if (wasLeaving) newMyself.set(Node.LEAVING);
        }
        changed();
    }

    /** The quorum of nodes that must agree a node is failing: a majority of the known ones. */
    public int failQuorum() {
        return size() / 2 + 1;
    }
}
