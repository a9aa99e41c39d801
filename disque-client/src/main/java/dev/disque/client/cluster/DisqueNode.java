package dev.disque.client.cluster;

/**
 * A node as the client sees it: from the URI, or learned from HELLO.
 *
 * @param id the node ID, or null until a HELLO named it
 * @param address where it listens
 * @param priority HELLO's priority (1 best ... 100 failing or leaving), raised by the client when it saw the node
 *     fail (10) or answer {@code -LEAVING} (100)
 */
public record DisqueNode(String id, NodeAddress address, int priority) {
}
