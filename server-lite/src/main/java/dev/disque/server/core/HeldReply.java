/*
 * HeldReply: something that answers a request only once the records the
 * request wrote are durable: a client's pending replies, or a message a
 * node owes a peer (GOTJOB after storing a replicated job). The output
 * gate (the append-only file) holds it and calls flush() again when the
 * file has caught up.
 */
package dev.disque.server.core;

public interface HeldReply {
    /** The AOF sequence number this reply needs to be durable first. */
    long durableSeq();

    /** Sends the reply if the gate allows it now; otherwise the gate keeps it and calls back. */
    void flush();
}
