/*
 * LateReply: a place kept in a client's reply stream for a reply that is
 * not known yet, with the replies of the client's later requests queued
 * behind it.
 *
 * A client that pipelines synchronous ADDJOBs has each of them waiting for
 * copies at once, and they may finish in any order; the client must still
 * read one reply per request, in request order. So each waiting request
 * keeps its place, and what was written after it leaves only once every
 * place before it is filled. The place names its owner (the request that
 * will write it), so that whoever keeps places can find its own again from
 * the client, with no table of its own.
 */
package dev.disque.server.core;

import io.netty.buffer.ByteBuf;

public final class LateReply {
    private final Object owner;
    /** The reply itself, once written. */
    ByteBuf reply;
    /** Replies of the requests that came after this one and answered before it. */
    ByteBuf after;
    boolean filled;

    LateReply(Object owner) {
        this.owner = owner;
    }

    /** What will write this reply, as given to Client.keepPlace. */
    public Object owner() {
        return owner;
    }

    public boolean isFilled() {
        return filled;
    }

    int bytes() {
        return (reply == null ? 0 : reply.readableBytes()) + (after == null ? 0 : after.readableBytes());
    }

    void release() {
        if (reply != null) reply.release();
        if (after != null) after.release();
        reply = null;
        after = null;
    }
}
