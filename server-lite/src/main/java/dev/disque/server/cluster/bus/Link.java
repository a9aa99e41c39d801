/*
 * Link: one TCP connection of the cluster bus.
 *
 * An outbound link is the one this node opened to reach a given peer; it
 * carries what this node sends to that peer and the answers. An inbound
 * link is one a peer opened; the frames it brings name their sender. Both
 * start unauthenticated when the bus has a secret: nothing but the
 * CHALLENGE/RESPONSE exchange is accepted until the peer proved it knows
 * the secret, and frames this node wants to send wait until then.
 */
package dev.disque.server.cluster.bus;

import dev.disque.server.cluster.Node;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Link extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(Link.class);
    /** Frames queued while authenticating; a peer that never answers cannot make this grow much. */
    private static final int MAX_PENDING = 1024;

    private final ClusterBus bus;
    private final Node node;
    private Channel channel;
    private FrameDecoder decoder;
    /** When a frame (or part of one) last arrived, for closing links a peer abandoned. */
    private long lastReadNanos = System.nanoTime();
    private String secret;
    private byte[] nonce;
    private boolean authenticated;
    /** Frames encoded this loop turn, sent in one write at its end. */
    private ByteBuf batch;
    /** Where the last frame of the batch starts when it is a BATCH frame that may take more, else -1. */
    private int openBatch = -1;
    private int openBatchFlags;
    private final NodeIdCache sentIds = new NodeIdCache();
    private final ArrayDeque<Frame> pending = new ArrayDeque<>();

    Link(ClusterBus bus, Node node) {
        this.bus = bus;
        this.node = node;
    }

    /** The peer this link was opened to reach, or null for an inbound link. */
    public Node node() {
        return node;
    }

    public boolean isOutbound() {
        return node != null;
    }

    boolean isActive() {
        return channel != null && channel.isActive();
    }

    boolean isAuthenticated() {
        return authenticated;
    }

    /** The peer's IP address as this connection sees it. */
    public String remoteHost() {
        if (channel == null || !(channel.remoteAddress() instanceof java.net.InetSocketAddress a)) return null;
        return a.getAddress().getHostAddress();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        decoder = ctx.pipeline().get(FrameDecoder.class);
        secret = bus.secret();
        if (secret.isEmpty()) {
            authenticated = true;
            decoder.trust();
            bus.linkReady(this);
        } else {
            nonce = BusAuth.nonce();
            write(bus.frame(new Message.Challenge(nonce)));
        }
        ctx.fireChannelActive();
    }

    /** Notes any bytes arriving (before the decoder), so a peer sending a slow frame is not idle. */
    void touched() {
        lastReadNanos = System.nanoTime();
    }

    /** The handler that goes before the frame decoder and notes every read on this link. */
    io.netty.channel.ChannelHandler activity() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                touched();
                ctx.fireChannelRead(msg);
            }
        };
    }

    /** Milliseconds since anything arrived on this link. */
    long idleMillis() {
        return (System.nanoTime() - lastReadNanos) / 1_000_000;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Frame f = (Frame) msg;
        bus.countReceived(f.message() instanceof Message.Batch b ? b.messages().size() : 1);
        if (f.message() instanceof Message.Challenge c) {
            if (secret.isEmpty()) {
                refuse("the peer requires a cluster-password and this node has none");
                return;
            }
            write(bus.frame(new Message.Response(BusAuth.sign(secret, c.nonce()))));
            return;
        }
        if (f.message() instanceof Message.Response r) {
            if (secret.isEmpty() || authenticated) {
                refuse("unexpected authentication response");
            } else if (!BusAuth.verify(secret, nonce, r.mac())) {
                refuse("wrong cluster-password");
            } else {
                authenticated = true;
                decoder.trust();
                while (!pending.isEmpty()) write(pending.poll());
                bus.linkReady(this);
            }
            return;
        }
        if (!authenticated) {
            refuse("the peer did not authenticate (cluster-password is set here)");
            return;
        }
        bus.received(this, f);
    }

    private void refuse(String why) {
        log.warn("Cluster bus link with {} refused: {}", channel.remoteAddress(), why);
        // Our own answer may still be buffered: let the peer see it, so it can log its side too.
        writeBatch();
        channel.close();
    }

    /** Sends a frame, or keeps it until the link is authenticated; false if the link is down. */
    boolean send(Frame f) {
        if (!isActive()) return false;
        if (!authenticated) {
            if (pending.size() >= MAX_PENDING) return false;
            pending.add(f);
            return true;
        }
        write(f);
        return true;
    }

    private void write(Frame f) {
        // Everything sent on this link in one loop turn is encoded into one buffer and written
        // once: with many jobs replicated per turn, one allocation and one syscall instead of many.
        if (batch == null) {
            batch = channel.alloc().ioBuffer(4096);
            openBatch = -1;
            channel.eventLoop().execute(this::writeBatch);
        }
        bus.countSent();
        // A run of small messages about single jobs shares one header (a BATCH frame).
        if (!MessageCodec.batchable(f.message())) {
            MessageCodec.encode(f, batch, sentIds);
            openBatch = -1;
        } else if (openBatch < 0 || openBatchFlags != f.flags()
                || !MessageCodec.appendToBatch(batch, openBatch, f.message(), sentIds)) {
            openBatch = MessageCodec.encodeBatchOf(f, batch, sentIds);
            openBatchFlags = f.flags();
        }
    }

    private void writeBatch() {
        ByteBuf b = batch;
        batch = null;
        if (b == null) return;
        if (channel.isActive()) channel.writeAndFlush(b, channel.voidPromise());
        else b.release();
    }

    void close() {
        if (channel != null) channel.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pending.clear();
        if (batch != null) {
            batch.release();
            batch = null;
        }
        bus.linkClosed(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (c instanceof BusProtocolException) {
            log.warn("Cluster bus link with {} closed: malformed frame: {}", ctx.channel().remoteAddress(), c.getMessage());
        } else if (!(c instanceof java.io.IOException)) {
            log.warn("Cluster bus link with {} closed: {}", ctx.channel().remoteAddress(), c.toString());
        }
        ctx.close();
    }
}
