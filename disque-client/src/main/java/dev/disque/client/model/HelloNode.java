package dev.disque.client.model;

/**
 * One node as HELLO lists it.
 *
 * @param id the 40-character node ID
 * @param host the address the node advertises
 * @param port its client port
 * @param priority 1 (best) for a healthy node, 5 without a link, 10 when possibly failing, 100 when failing or leaving
 */
public record HelloNode(String id, String host, int port, int priority) {
}
