/*
 * NodeSet: an immutable, small set of nodes.
 *
 * Every job carries the set of nodes that may hold a copy of it. Sets are
 * tiny (the replication factor) and rarely change, so they are immutable
 * arrays and are shared: on a lone node every job points at the same
 * one-element set, which costs nothing per job.
 *
 * In a cluster the sets are built one node at a time (with, without), and
 * nearly every job of a cluster ends up with one of a few sets. Each set
 * remembers the results of its last few steps, so building the same set
 * again returns the same instance: a job copy then holds no set of its own,
 * which is two objects fewer for the collector to copy per job held.
 */
package dev.disque.server.cluster;

import java.util.Arrays;
import java.util.Iterator;

public final class NodeSet implements Iterable<Node> {
    public static final NodeSet EMPTY = new NodeSet(new Node[0]);

    private static final int REMEMBERED_STEPS = 4;

    /** One remembered step: this set with (or without) node is result. Immutable, so safe to share. */
    private record Step(Node node, boolean add, NodeSet result) { }

    private final Node[] nodes;
    private byte[] idList;
    private Step[] steps;
    private int nextStep;

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
        NodeSet known = recall(n, true);
        if (known != null) return known;
        Node[] copy = Arrays.copyOf(nodes, nodes.length + 1);
        copy[nodes.length] = n;
        return remember(n, true, new NodeSet(copy));
    }

    public NodeSet without(Node n) {
        if (!contains(n)) return this;
        NodeSet known = recall(n, false);
        if (known != null) return known;
        Node[] copy = new Node[nodes.length - 1];
        int i = 0;
        for (Node x : nodes) if (x != n) copy[i++] = x;
        return remember(n, false, copy.length == 0 ? EMPTY : new NodeSet(copy));
    }

    private NodeSet recall(Node n, boolean add) {
        Step[] s = steps;
        if (s == null) return null;
        for (Step step : s) {
            if (step != null && step.node == n && step.add == add) return step.result;
        }
        return null;
    }

    // The oldest step makes room. Servers embedded in one JVM share EMPTY and
    // the sets built from it, so loop threads may race here: a step is an
    // immutable record (final fields), so a race can lose a remembered step,
    // never show a wrong one.
    private NodeSet remember(Node n, boolean add, NodeSet result) {
        Step[] s = steps;
        if (s == null) steps = s = new Step[REMEMBERED_STEPS];
        int i = nextStep;
        s[i] = new Step(n, add, result);
        nextStep = (i + 1) % REMEMBERED_STEPS;
        return result;
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
