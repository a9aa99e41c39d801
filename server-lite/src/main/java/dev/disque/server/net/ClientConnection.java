/*
 * ClientConnection: one client's TCP connection, as a Netty handler.
 *
 * It runs on the server's single event loop, the same thread that owns the
 * state, so requests are parsed and executed in place with no hand-off.
 * Replies pile up in the client's buffer while a batch of pipelined
 * requests is processed and go out in one write when the read completes.
 * A blocked client stops reading until it is served, so its later
 * pipelined commands wait, in order, as in Redis.
 */
package dev.disque.server.net;

import dev.disque.server.command.Dispatcher;
import dev.disque.server.core.Client;
import dev.disque.server.core.ClientChannel;
import dev.disque.server.core.Engine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class ClientConnection extends ChannelInboundHandlerAdapter implements ClientChannel {
    private static final Logger log = LoggerFactory.getLogger(ClientConnection.class);
    private static final byte[] MAX_CLIENTS = "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Engine engine;
    private final Dispatcher dispatcher;
    private final RespParser parser;
    private ChannelHandlerContext ctx;
    private Client client;
    private ByteBuf input;
    private boolean reading = true;

    ClientConnection(Engine engine, Dispatcher dispatcher) {
        this.engine = engine;
        this.dispatcher = dispatcher;
        this.parser = new RespParser(engine::protoMaxBulkLen);
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        client = engine.connect(this);
        if (engine.clientCount() > engine.config().getLong("maxclients")) {
            engine.stats().rejectedConnections++;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(MAX_CLIENTS)).addListener(ChannelFutureListener.CLOSE);
            client.markClosed();
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (client.isClosed()) {
            in.release();
            return;
        }
        engine.stats().netInputBytes += in.readableBytes();
        input = cumulate(input, in);
        processInput();
    }

    /** Appends a read to the unparsed input, growing the buffer as needed. */
    private ByteBuf cumulate(ByteBuf acc, ByteBuf in) {
        if (acc == null) return in;
        try {
            if (acc.refCnt() > 1 || acc.isReadOnly() || acc.maxWritableBytes() < in.readableBytes()) {
                ByteBuf bigger = ctx.alloc().buffer(acc.readableBytes() + in.readableBytes());
                bigger.writeBytes(acc);
                acc.release();
                acc = bigger;
            }
            acc.writeBytes(in);
            return acc;
        } finally {
            in.release();
        }
    }

    /** Runs every complete request in the input buffer, unless the client blocks or must close. */
    private void processInput() {
        try {
            while (input != null && !client.isBlocked() && !client.isClosed() && !client.closeAfterReply()) {
                byte[][] argv = parser.next(input);
                if (argv == null) break;
                dispatcher.dispatch(client, argv);
            }
        } catch (ProtocolException e) {
            client.error("ERR Protocol error: " + e.getMessage());
            client.setCloseAfterReply();
        }
        if (input != null) {
            if (!input.isReadable()) {
                input.release();
                input = null;
            } else if (input.readableBytes() > engine.queryBufferLimit()) {
                log.warn("Closing client {}: query buffer over client-query-buffer-limit", client.id());
                input.release();
                input = null;
                client.discardOutput();
                client.markClosed();
                ctx.close();
            } else {
                input.discardSomeReadBytes();
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        client.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (input != null) {
            input.release();
            input = null;
        }
        engine.disconnect(client);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // A client that does not read its replies stops being read from.
        ctx.channel().config().setAutoRead(reading && ctx.channel().isWritable());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) log.warn("Client {} error", client == null ? "?" : client.id(), cause);
        ctx.close();
    }

    // ------------------------------------------------------------ ClientChannel

    @Override
    public ByteBufAllocator alloc() {
        return ctx.alloc();
    }

    @Override
    public void send(ByteBuf buf) {
        engine.stats().netOutputBytes += buf.readableBytes();
        ctx.writeAndFlush(buf, ctx.voidPromise());
    }

    @Override
    public void close() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void setReading(boolean on) {
        reading = on;
        ctx.channel().config().setAutoRead(on && ctx.channel().isWritable());
        if (on) {
            // Run what was pipelined behind the blocking command, after the current task.
            ctx.executor().execute(() -> {
                if (client.isClosed() || client.isBlocked()) return;
                processInput();
                client.flush();
            });
        }
    }

    @Override
    public String remoteAddress() {
        return format(ctx.channel().remoteAddress());
    }

    @Override
    public String localAddress() {
        return format(ctx.channel().localAddress());
    }

    private static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress) {
            InetSocketAddress i = (InetSocketAddress) a;
            String host = i.getAddress() == null ? i.getHostString() : i.getAddress().getHostAddress();
            if (host.indexOf(':') >= 0) host = "[" + host + "]";
            return host + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    @Override
    public int fd() {
        if (ctx.channel() instanceof io.netty.channel.unix.UnixChannel) {
            return ((io.netty.channel.unix.UnixChannel) ctx.channel()).fd().intValue();
        }
        return -1;
    }

    @Override
    public int pendingInput() {
        return input == null ? 0 : input.readableBytes();
    }
}
