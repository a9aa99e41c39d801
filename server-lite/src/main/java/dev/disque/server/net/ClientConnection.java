/*
 * ClientConnection: one client's TCP connection, as a Netty handler.
 *
 * It runs on the server's single event loop, the same thread that owns the
 * state, so requests are parsed and executed in place with no hand-off.
 * Replies pile up in the client's buffer while a batch of pipelined
 * requests is processed and go out in one write when the read completes.
 * A blocked client's later pipelined commands wait unprocessed in its input
 * buffer, in order, until it is served, as in Redis, unless its wait admits
 * them (ADDJOBs behind an ADDJOB waiting for copies). Its socket is still
 * read, so a client that hangs up while blocked is noticed at once.
 */
package dev.disque.server.net;

import dev.disque.server.command.Dispatcher;
import dev.disque.server.core.Client;
import dev.disque.server.core.ClientChannel;
import dev.disque.server.core.Engine;
import dev.disque.server.core.MemoryReserve;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
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
    /** Replies held back for one write at most this big; beyond it they go to the socket as they come. */
    private static final int OUTPUT_BATCH_BYTES = 64 * 1024;

    private final Engine engine;
    private final Dispatcher dispatcher;
    private final RespParser parser;
    private ChannelHandlerContext ctx;
    private Client client;
    private ByteBuf input;
    /** A request already parsed that the client's wait did not admit; it runs first when the client may go on. */
    private byte[][] parked;
    /** A resume task is queued: asking again adds none. */
    private boolean resumeScheduled;
    private final Runnable resumeTask = () -> {
        resumeScheduled = false;
        // processInput() itself stops at a wait that admits nothing more.
        if (client.isClosed()) return;
        processInput();
        client.flush();
    };

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
            // Forgotten at once, as in the original: it must not hold a slot while its socket closes.
            engine.disconnect(client);
            return;
        }
        // Also as in the original, a rejected connection counts only in rejected_connections.
        engine.stats().connectionsReceived++;
        if (ProtectedMode.denies(engine, remoteAddress())) {
            log.debug("Refused client {} from {}: protected mode", client.id(), remoteAddress());
            ctx.writeAndFlush(Unpooled.wrappedBuffer(ProtectedMode.DENIED)).addListener(ChannelFutureListener.CLOSE);
            engine.disconnect(client);
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
        try {
            input = cumulate(input, in);
        } catch (OutOfMemoryError e) {
            dropOutOfMemory(OOM_BUFFERING, e);
            return;
        }
        processInput();
    }

    /** Appends a read to the unparsed input, growing the buffer as needed. */
    private ByteBuf cumulate(ByteBuf acc, ByteBuf in) {
        if (acc == null) return in;
        try {
            int needed = in.readableBytes();
            if (acc.refCnt() > 1 || acc.isReadOnly() || acc.maxWritableBytes() < needed || acc.writableBytes() < needed) {
                // Grow by doubling, so a huge body arriving in small reads costs linear copying, while
                // never reserving more than twice what the client really sent.
                long want = (long) acc.readableBytes() + needed;
                int capacity = (int) Math.min(Integer.MAX_VALUE - 64, Math.max(want, 2L * acc.readableBytes()));
                ByteBuf bigger = ctx.alloc().buffer(capacity);
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

    /**
     * Runs every complete request in the input buffer, unless the client
     * blocks (and its wait admits no more) or must close, or stops reading
     * the replies.
     */
    private void processInput() {
        try {
            while (!client.isClosed() && !client.closeAfterReply()) {
                // CLIENT PAUSE: the client is resumed when the pause ends.
                if (engine.clientPause().holds(client)) break;
                if (client.isBlocked() && !client.blocked().admitsAny()) break;
                if (client.pendingOutput() >= OUTPUT_BATCH_BYTES) {
                    // One reply buffer for a long pipeline of big replies would be
                    // copied again at every growth (quadratic, the whole server
                    // stalls); send it now, and wait while the client is not reading.
                    // Replies held behind a late one cannot be sent: the rest of the
                    // input waits unparsed, as it would behind any blocked request.
                    client.flush();
                    if (!ctx.channel().isWritable() || client.awaitsLateReply()) break;
                }
                byte[][] argv = parked;
                parked = null;
                if (argv == null) {
                    if (input == null) break;
                    try {
                        argv = parser.next(input);
                    } catch (OutOfMemoryError e) {
                        // Reading this client's request exhausted the heap: dropping the
                        // client frees what it held, and nobody else is hurt.
                        dropOutOfMemory(OOM_REQUEST, e);
                        return;
                    }
                    if (argv == null) break;
                }
                if (client.isBlocked() && !client.blocked().admits(client, argv)) {
                    parked = argv;
                    break;
                }
                try {
                    dispatcher.dispatch(client, argv);
                } catch (Error e) {
                    // A command died half way: the state may be inconsistent, so the node stops.
                    engine.loop().fatal("running a command of client " + client.id(), e);
                    return;
                }
            }
        } catch (ProtocolException e) {
            client.error("ERR Protocol error: " + e.getMessage());
            client.setCloseAfterReply();
        }
        long held = (input == null ? 0 : input.readableBytes()) + parser.heldBytes();
        if (held > engine.queryBufferLimit()) {
            // Like Redis, the arguments already read of an unfinished request count
            // too, or a request of endless complete arguments escapes the limit.
            drop("its unfinished request and unread input (" + held
                    + " bytes) are over client-query-buffer-limit (" + engine.queryBufferLimit() + ")", null);
            return;
        }
        if (input != null) {
            if (!input.isReadable()) {
                input.release();
                input = null;
            } else {
                input.discardSomeReadBytes();
            }
        }
    }

    /** Where a client exhausted the heap; a number, as a reason's string may not exist yet. */
    private static final int OOM_BUFFERING = 0, OOM_REQUEST = 1, OOM_SOCKET = 2;

    /**
     * Drops a client whose input exhausted the heap. Nothing may be allocated
     * before its memory is let go: even the first use of a string literal
     * creates the string, which then fails and escapes the loop thread. So
     * the reserve, the parsed arguments and the input go first, and only
     * then is the reason named.
     */
    private void dropOutOfMemory(int where, Throwable cause) {
        MemoryReserve.release();
        parser.reset();
        parked = null;
        if (input != null) {
            input.release();
            input = null;
        }
        String reason = switch (where) {
            case OOM_BUFFERING -> "out of memory while buffering its input";
            case OOM_REQUEST -> "out of memory while reading its request";
            default -> "out of memory while reading its socket";
        };
        drop(reason, cause);
    }

    /** Disconnects this client at once, discarding its input and output, and logs why. */
    private void drop(String reason, Throwable cause) {
        if (cause instanceof OutOfMemoryError) MemoryReserve.release();
        if (input != null) {
            input.release();
            input = null;
        }
        parser.reset();
        parked = null;
        client.discardOutput();
        client.markClosed();
        ctx.close();
        // Logged after everything was released, so that logging itself has memory to work with.
        try {
            if (cause == null) log.warn("Closing client {} ({}): {}", client.id(), remoteAddress(), reason);
            else log.warn("Closing client {} ({}): {}: {}", client.id(), remoteAddress(), reason, cause.toString());
        } catch (OutOfMemoryError e) {
            // The client is gone, which is what mattered; the line is lost.
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
        // A client that does not read its replies stops being read from, and
        // its pipelined requests wait; they resume when it catches up.
        boolean writable = ctx.channel().isWritable();
        ctx.channel().config().setAutoRead(writable);
        if (writable) resume();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof OutOfMemoryError && client != null) {
            // Netty ran out of memory reading this client's socket: drop it, keep the node.
            dropOutOfMemory(OOM_SOCKET, cause);
            return;
        }
        if (cause instanceof Error) {
            engine.loop().fatal("handling client " + (client == null ? "?" : client.id()), cause);
            return;
        }
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
        if (!engine.outputLimit().enabled()) return;
        // What the socket did not take waits in memory, within client-output-buffer-limit.
        ChannelOutboundBuffer pending = ctx.channel().unsafe().outboundBuffer();
        long unsent = (pending == null ? 0 : pending.totalPendingWriteBytes()) + client.pendingOutput();
        if (engine.outputLimit().exceeded(client, unsent, engine.clock().millis())) {
            drop("its unsent replies (" + unsent + " bytes) are over client-output-buffer-limit", null);
        }
    }

    @Override
    public void close() {
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void setReading(boolean on) {
        // The socket itself is not paused: with reads off, a blocked client that
        // disconnects goes unnoticed on transports without hang-up events (NIO),
        // and stays blocked, and counted, forever. processInput() runs nothing
        // for a blocked client, so its requests simply queue up in the input.
        // Whoever unblocks a client sends its reply, so a client that sent
        // nothing more needs no task (the common case: one request at a time).
        if (on && (input != null || parked != null)) resume();
    }

    /** Runs the requests still waiting in the input, after the current task (once, however often asked). */
    private void resume() {
        if (resumeScheduled) return;
        resumeScheduled = true;
        ctx.executor().execute(resumeTask);
    }

    @Override
    public void runLater(Runnable task) {
        ctx.executor().execute(task);
    }

    @Override
    public String remoteAddress() {
        // A Unix socket's peer has no name: Redis shows the server's socket path instead.
        if (ctx.channel().localAddress() instanceof io.netty.channel.unix.DomainSocketAddress d) return d.path() + ":0";
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
        // A Unix socket reads as "path:0", as in Redis's CLIENT LIST.
        if (a instanceof io.netty.channel.unix.DomainSocketAddress d) return d.path() + ":0";
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
        long held = (input == null ? 0 : input.readableBytes()) + parser.heldBytes();
        return (int) Math.min(Integer.MAX_VALUE, held);
    }
}
