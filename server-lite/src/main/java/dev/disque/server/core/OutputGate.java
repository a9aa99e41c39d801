/*
 * OutputGate: decides whether a held reply (a client's, or a message owed
 * to a peer) may be sent yet.
 *
 * With appendfsync always, a reply must not leave before the records its
 * command wrote are on disk; the append-only file implements this gate and
 * releases held clients when the fsync completes.
 */
package dev.disque.server.core;

public interface OutputGate {
    /** True if the replies may go now; otherwise the gate flushes the client later. */
    boolean mayReply(HeldReply r);
}
