package dev.disque.client.model;

import java.util.List;

/**
 * The HELLO reply: which nodes exist and how good a choice each is.
 *
 * @param version the reply format version (1)
 * @param myId the ID of the node that answered
 * @param nodes every node it knows, itself included
 */
public record Hello(long version, String myId, List<HelloNode> nodes) {

    /** Copies the list. */
    public Hello {
        nodes = List.copyOf(nodes);
    }

    /** @return the entry of the node that answered, or null if it did not list itself */
    public HelloNode myself() {
        for (HelloNode n : nodes) {
            if (n.id().equals(myId)) return n;
        }
        return null;
    }
}
