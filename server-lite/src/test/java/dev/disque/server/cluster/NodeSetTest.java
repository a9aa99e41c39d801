/*
 * NodeSetTest: building an equal set the same way gives the same instance
 * (that is what keeps a replica's copies from each holding a set), and the
 * sets stay right when more steps are taken than a set remembers.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSetTest {
    private static Node node(int i) {
        return new Node(String.format("%040x", i), "127.0.0.1", 7711 + i);
    }

    private static List<Node> list(NodeSet s) {
        List<Node> l = new ArrayList<>();
        s.forEach(l::add);
        return l;
    }

    @Test
    void buildingTheSameSetTwiceGivesTheSameInstance() {
        Node a = node(1), b = node(2), c = node(3);
        NodeSet first = NodeSet.EMPTY.with(a).with(b).with(c);
        NodeSet again = NodeSet.EMPTY.with(a).with(b).with(c);
        assertSame(first, again);
        assertEquals(List.of(a, b, c), list(again));
        assertSame(first.without(b), first.without(b));
        assertEquals(List.of(a, c), list(first.without(b)));
        assertSame(NodeSet.EMPTY, NodeSet.EMPTY.with(a).without(a));
    }

    @Test
    void setsStayCorrectWhenMoreStepsAreTakenThanRemembered() {
        Node base = node(100);
        NodeSet from = NodeSet.of(base);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 10; i++) {
                Node n = node(i);
                NodeSet s = from.with(n);
                assertEquals(List.of(base, n), list(s));
                assertTrue(s.contains(n));
                assertFalse(from.contains(n));
                assertEquals(1, s.without(n).size());
                assertTrue(s.without(n).contains(base));
            }
        }
        assertSame(from, from.with(base));
        assertSame(from, from.without(node(7)));
    }
}
