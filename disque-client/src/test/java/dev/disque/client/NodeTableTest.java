// NodeTable: seeds plus HELLO, priorities raised on failure or -LEAVING, candidates best first.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.disque.client.cluster.NodeAddress;
import dev.disque.client.cluster.NodeTable;
import dev.disque.client.model.Hello;
import dev.disque.client.model.HelloNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTableTest {
    private static final NodeAddress SEED = new NodeAddress("seed.example", 7711);
    private static final String ME = "a".repeat(40);
    private static final String OTHER = "b".repeat(40);
    private static final String THIRD = "c".repeat(40);

    private static Hello hello(int otherPriority) {
        return new Hello(1, ME, List.of(new HelloNode(ME, "10.0.0.1", 7711, 1),
                new HelloNode(OTHER, "10.0.0.2", 7711, otherPriority), new HelloNode(THIRD, "10.0.0.3", 7711, 100)));
    }

    @Test
    void helloAddsNodesAndKeepsTheSeedAddressForTheAnsweringNode() {
        NodeTable t = new NodeTable(List.of(SEED));
        t.update(hello(1), SEED);
        assertEquals(3, t.size());
        assertEquals(ME, t.idOf(SEED));
        assertEquals(SEED, t.byIdPrefix("aaaaaaaa"));
        assertEquals(new NodeAddress("10.0.0.3", 7711), t.candidates(null).get(2));
        assertEquals(100, t.priority(new NodeAddress("10.0.0.3", 7711)));
    }

    @Test
    void avoidedNodeComesLastAndFailuresRaisePriority() {
        NodeTable t = new NodeTable(List.of(SEED));
        t.update(hello(1), SEED);
        NodeAddress other = new NodeAddress("10.0.0.2", 7711);
        assertEquals(other, t.candidates(SEED).get(0));
        assertEquals(SEED, t.candidates(SEED).get(2));
        t.markFailed(other);
        assertEquals(NodeTable.FAILED_PRIORITY, t.priority(other));
        assertEquals(SEED, t.candidates(null).get(0));
        t.markConnected(other);
        assertEquals(1, t.priority(other));
        t.markLeaving(other);
        assertEquals(NodeTable.LEAVING_PRIORITY, t.priority(other));
        t.update(hello(5), SEED);
        assertEquals(5, t.priority(other), "a fresh HELLO replaces what the client guessed");
    }

    @Test
    void nodesGoneFromHelloAreDropped() {
        NodeTable t = new NodeTable(List.of(SEED));
        t.update(hello(1), SEED);
        t.update(new Hello(1, ME, List.of(new HelloNode(ME, "10.0.0.1", 7711, 1))), SEED);
        assertEquals(1, t.size());
        assertNull(t.byIdPrefix("bbbbbbbb"));
        assertEquals(Integer.MAX_VALUE, t.bestPriorityExcept(SEED));
    }
}
