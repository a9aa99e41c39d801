/*
 * ClientChannel: what the state machine needs from a client's transport.
 *
 * The Netty connection implements it for real clients; the AOF loader and
 * tests can implement it without a socket. Kept small on purpose.
 */
package dev.disque.server.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

public interface ClientChannel {
    ByteBufAllocator alloc();

    /** Sends the buffer (taking ownership of it) and flushes. */
    void send(ByteBuf buf);

    /** Closes the connection once everything sent so far is written. */
    void close();

    /**
     * Pauses or resumes running the client's requests: off when it blocks; on
     * when the wait ends, or when the wait may admit more of them now.
     */
    void setReading(boolean reading);

    /** Runs the task on the client's event loop once the work in progress is done. */
    void runLater(Runnable task);

    String remoteAddress();

    String localAddress();

    /** The socket's file descriptor where the transport exposes it, otherwise -1. */
    int fd();

    /** Bytes received but not yet parsed into commands. */
    int pendingInput();
}
