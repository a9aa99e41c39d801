/*
 * NodeTable: the nodes a connection may use, and how good each one is.
 *
 * Seeds come from the URI; HELLO adds the other nodes of the cluster with
 * their priority (1 healthy, 5 no link, 10 possibly failing, 100 failing or
 * leaving). The client raises a priority itself when it sees a node fail
 * (10) or answer -LEAVING (100), until a fresh HELLO or a successful connect
 * says otherwise. Candidates are ordered by priority, ties in random order,
 * so clients spread over equally good nodes.
 */
package dev.disque.client.cluster;

import dev.disque.client.model.Hello;
import dev.disque.client.model.HelloNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The node table of one connection: thread-safe, ordered by priority. */
public final class NodeTable {
    /** Priority the client gives a node it could not reach. */
    public static final int FAILED_PRIORITY = 10;
    /** Priority of a leaving or failing node. */
    public static final int LEAVING_PRIORITY = 100;

    private static final class Entry {
        String id;
        int priority = 1;
        boolean seed;
        boolean failed;
        boolean leaving;

        int effective() {
            int p = priority;
            if (failed) p = Math.max(p, FAILED_PRIORITY);
            if (leaving) p = Math.max(p, LEAVING_PRIORITY);
            return p;
        }
    }

    private final Map<NodeAddress, Entry> entries = new LinkedHashMap<>();

    /**
     * @param seeds the URI's nodes
     */
    public NodeTable(List<NodeAddress> seeds) {
        for (NodeAddress a : seeds) {
            Entry e = new Entry();
            e.seed = true;
            entries.put(a, e);
        }
    }

    /**
     * Merges a HELLO reply.
     *
     * @param hello the reply
     * @param answeredBy the address the client used to reach the node that answered
     */
    public synchronized void update(Hello hello, NodeAddress answeredBy) {
        Set<String> seen = new HashSet<>();
        for (HelloNode n : hello.nodes()) {
            seen.add(n.id());
            NodeAddress addr;
            if (n.id().equals(hello.myId())) {
                addr = answeredBy;
                // The same node under its advertised address is a duplicate.
                entries.entrySet().removeIf(x -> !x.getKey().equals(answeredBy) && n.id().equals(x.getValue().id)
                        && !x.getValue().seed);
            } else {
                addr = addressOf(n.id());
                if (addr == null) addr = new NodeAddress(n.host(), n.port());
            }
            Entry e = entries.computeIfAbsent(addr, k -> new Entry());
            e.id = n.id();
            e.priority = n.priority();
            e.leaving = false;
            if (n.id().equals(hello.myId())) e.failed = false;
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            Entry e = it.next();
            if (!e.seed && e.id != null && !seen.contains(e.id)) it.remove();
        }
    }

    private NodeAddress addressOf(String id) {
        for (Map.Entry<NodeAddress, Entry> x : entries.entrySet()) {
            if (id.equals(x.getValue().id)) return x.getKey();
        }
        return null;
    }

    /**
     * @param avoid an address to try last (the node just left), or null
     * @return every known address, best first, ties shuffled
     */
    public synchronized List<NodeAddress> candidates(NodeAddress avoid) {
        List<NodeAddress> all = new ArrayList<>(entries.keySet());
        Collections.shuffle(all, ThreadLocalRandom.current());
        all.sort(Comparator.comparingInt((NodeAddress a) -> a.equals(avoid) ? Integer.MAX_VALUE : entries.get(a).effective()));
        return all;
    }

    /**
     * @param addr a node that answered {@code -LEAVING}
     */
    public synchronized void markLeaving(NodeAddress addr) {
        Entry e = entries.get(addr);
        if (e != null) e.leaving = true;
    }

    /**
     * @param addr a node the client could not reach or lost
     */
    public synchronized void markFailed(NodeAddress addr) {
        Entry e = entries.get(addr);
        if (e != null) e.failed = true;
    }

    /**
     * @param addr a node the client connected to
     */
    public synchronized void markConnected(NodeAddress addr) {
        Entry e = entries.computeIfAbsent(addr, k -> new Entry());
        e.failed = false;
    }

    /**
     * @param addr an address
     * @return its effective priority, or {@link Integer#MAX_VALUE} if unknown
     */
    public synchronized int priority(NodeAddress addr) {
        Entry e = entries.get(addr);
        return e == null ? Integer.MAX_VALUE : e.effective();
    }

    /**
     * @param except an address to leave out
     * @return the best effective priority among the other nodes, or {@link Integer#MAX_VALUE} if there are none
     */
    public synchronized int bestPriorityExcept(NodeAddress except) {
        int best = Integer.MAX_VALUE;
        for (Map.Entry<NodeAddress, Entry> x : entries.entrySet()) {
            if (!x.getKey().equals(except)) best = Math.min(best, x.getValue().effective());
        }
        return best;
    }

    /**
     * @param priority an effective priority
     * @return how many known nodes have it
     */
    public synchronized int countWithPriority(int priority) {
        int n = 0;
        for (Entry e : entries.values()) if (e.effective() == priority) n++;
        return n;
    }

    /**
     * @param prefix the first 8 characters of a node ID, as job IDs carry them
     * @return the address of the one known node with that prefix, or null
     */
    public synchronized NodeAddress byIdPrefix(String prefix) {
        NodeAddress found = null;
        for (Map.Entry<NodeAddress, Entry> x : entries.entrySet()) {
            String id = x.getValue().id;
            if (id != null && id.startsWith(prefix)) {
                if (found != null) return null;
                found = x.getKey();
            }
        }
        return found;
    }

    /**
     * @param addr an address
     * @return the node ID known for it, or null
     */
    public synchronized String idOf(NodeAddress addr) {
        Entry e = entries.get(addr);
        return e == null ? null : e.id;
    }

    /** @return the number of known nodes */
    public synchronized int size() {
        return entries.size();
    }

    /** @return every known node, best first */
    public synchronized List<DisqueNode> snapshot() {
        List<DisqueNode> out = new ArrayList<>();
        for (Map.Entry<NodeAddress, Entry> x : entries.entrySet()) {
            out.add(new DisqueNode(x.getValue().id, x.getKey(), x.getValue().effective()));
        }
        out.sort(Comparator.comparingInt(DisqueNode::priority));
        return out;
    }

    /**
     * @param addr an address
     * @return the node as a {@link DisqueNode}, or null if unknown
     */
    public synchronized DisqueNode node(NodeAddress addr) {
        Entry e = entries.get(addr);
        return e == null ? null : new DisqueNode(e.id, addr, e.effective());
    }
}
