/*
 * FrameDecoder: cuts the bus byte stream into frames and decodes them,
 * refusing a frame by its header before buffering it: a bad magic or
 * version, an unknown type, a small-message type announcing more than
 * MessageCodec.MAX_SMALL_FRAME, or any frame beyond the job-size bound.
 * Before the peer is trusted (authenticated, when the bus has a secret)
 * every frame must be small, so a stranger cannot make the node buffer a
 * job-sized frame.
 * A refusal is a BusProtocolException, which closes the link; whatever
 * follows on that link is dropped unread, so the link is refused (and
 * logged) once.
 */
package dev.disque.server.cluster.bus;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxLargeFrame;
    private final int maxBody;
    private final NodeIdCache ids = new NodeIdCache();
    /** Until the peer proved it knows the bus secret, no frame may be large (see Link). */
    private boolean trusted;
    private boolean refused;

    /** maxBody bounds a job's queue name and body; a REPLJOB frame may be a little more than twice that. */
    FrameDecoder(int maxBody) {
        this.maxBody = maxBody;
        long large = 2L * maxBody + (1 << 20);
        this.maxLargeFrame = (int) Math.min(Integer.MAX_VALUE - 8, large);
    }

    /** Lets job-carrying frames be as large as a job may be. */
    void trust() {
        trusted = true;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeFrames(in, out);
        } catch (RuntimeException e) {
            refused = true;
            throw e;
        }
    }

    private void decodeFrames(ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= 8) {
            int start = in.readerIndex();
            long len = in.getUnsignedInt(start);
            if (in.getByte(start + 4) != 'D' || in.getByte(start + 5) != 'B') throw new BusProtocolException("bad magic");
            int type = in.getUnsignedByte(start + 7);
            if (len < MessageCodec.HEADER_BYTES - 4) throw new BusProtocolException("frame too short: " + len);
            long max = trusted && MessageCodec.mayBeLarge(type) ? maxLargeFrame : MessageCodec.MAX_SMALL_FRAME;
            if (len > max) throw new BusProtocolException("frame of " + len + " bytes for type " + type + " is too large");
            if (in.readableBytes() < 4 + len) return;
            in.skipBytes(4);
            ByteBuf body = in.readSlice((int) len);
            out.add(MessageCodec.decode(body, maxBody, ids));
        }
    }
}
