/*
 * NodeSet: an immutable, small set of nodes.
 *
 * Every job carries the set of nodes that may hold a copy of it. Sets are
 * tiny (the replication factor) and rarely change, so they are immutable
 * arrays and are shared: on a lone node every job points at the same
 * one-element set, which costs nothing per job.
 */
package dev.disque.server.cluster;

import java.util.Arrays;
import java.util.Iterator;

public final class NodeSet implements Iterable<Node> {
    public static final NodeSet EMPTY = new NodeSet(new Node[0]);

    private final Node[] nodes;
    private byte[] idList;

    private NodeSet(Node[] nodes) {
        this.nodes = nodes;
    }

    public static NodeSet of(Node... nodes) {
        NodeSet s = EMPTY;
        for (Node n : nodes) s = s.with(n);
        return s;
    }

    public int size() {
        return nodes.length;
    }

    public boolean isEmpty() {
        return nodes.length == 0;
    }

    public boolean contains(Node n) {
        for (Node x : nodes) if (x == n) return true;
        return false;
    }

    public NodeSet with(Node n) {
        if (contains(n)) return this;
        Node[] copy = Arrays.copyOf(nodes, nodes.length + 1);
        copy[nodes.length] = n;
        return new NodeSet(copy);
    }

    public NodeSet without(Node n) {
        if (!contains(n)) return this;
        Node[] copy = new Node[nodes.length - 1];
        int i = 0;
        for (Node x : nodes) if (x != n) copy[i++] = x;
        return copy.length == 0 ? EMPTY : new NodeSet(copy);
    }

    /** The node IDs joined by commas (how the AOF records them), computed once per set. */
    public byte[] idList() {
        byte[] l = idList;
        if (l == null) {
            StringBuilder sb = new StringBuilder(nodes.length * 41);
            for (Node n : nodes) {
                if (sb.length() > 0) sb.append(',');
                sb.append(n.id());
            }
            l = sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            idList = l;
        }
        return l;
    }

    @Override
    public Iterator<Node> iterator() {
        return Arrays.asList(nodes).iterator();
    }
}
