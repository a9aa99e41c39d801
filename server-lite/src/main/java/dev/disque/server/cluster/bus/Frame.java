/*
 * Frame: one message on the bus with its header: who sent it (node ID and
 * the ports it serves), the sender's flags (leaving), and the message.
 */
package dev.disque.server.cluster.bus;

public record Frame(String sender, int port, int busPort, int flags, Message message) {
}
