/*
 * NettyServer: the listening sockets and the one event loop that runs the
 * whole server: accepting, reading, executing, timers.
 *
 * One thread does everything, like the original. On a machine with few
 * cores that beats handing each command to a separate state thread, and
 * it keeps the state machine lock-free. Native epoll is used on Linux when
 * available, NIO elsewhere.
 */
package dev.disque.server.net;

import dev.disque.server.command.Dispatcher;
import dev.disque.server.core.Engine;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

public final class NettyServer {
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup group;
    private final List<Channel> listeners = new ArrayList<>();
    /** Open client connections; a closed channel leaves the group by itself. */
    private final ChannelGroup clients = new DefaultChannelGroup("disque-clients", GlobalEventExecutor.INSTANCE);

    private java.nio.file.Path unixSocket;

    public NettyServer(String threadName) {
        IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(threadName, false), factory);
    }

    /** The event loop that owns the server state. */
    public EventLoopGroup loop() {
        return group;
    }

    public String multiplexingApi() {
        return epoll ? "epoll" : "nio";
    }

    /** Binds every address on the port (0 = any free port); returns the port bound. */
    public int bind(Engine engine, Dispatcher dispatcher, List<String> addresses, int port) throws InterruptedException {
        Class<? extends ServerChannel> channelClass = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(channelClass)
                .option(ChannelOption.SO_BACKLOG, engine.config().getInt("tcp-backlog"))
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        long keepalive = engine.config().getLong("tcp-keepalive");
                        if (keepalive > 0) {
                            ch.config().setOption(ChannelOption.SO_KEEPALIVE, true);
                            if (epoll) {
                                ch.config().setOption(EpollChannelOption.TCP_KEEPIDLE, (int) keepalive);
                                ch.config().setOption(EpollChannelOption.TCP_KEEPINTVL, (int) Math.max(1, keepalive / 3));
                            }
                        }
                        clients.add(ch);
                        ch.pipeline().addLast(new ClientConnection(engine, dispatcher));
                    }
                });
        int bound = port;
        for (String addr : addresses) {
            Channel ch = b.bind(new InetSocketAddress(addr, bound)).sync().channel();
            listeners.add(ch);
            bound = ((InetSocketAddress) ch.localAddress()).getPort();
        }
        return bound;
    }

    /**
     * Also listens on a Unix domain socket (the unixsocket directive), so
     * local clients skip TCP; perm is the file's mode, like chmod's octal.
     * Needs the native epoll transport (Linux).
     */
    public void bindUnix(Engine engine, Dispatcher dispatcher, java.nio.file.Path path, int perm)
            throws java.io.IOException, InterruptedException {
        if (!epoll) throw new java.io.IOException("Unix sockets need the native epoll transport (Linux)");
        // A socket file left by a crash would make the bind fail; a regular file is not ours to delete.
        if (java.nio.file.Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            if (!isSocketFile(path)) throw new java.io.IOException(path + " exists and is not a socket");
            java.nio.file.Files.delete(path);
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(group, group)
                .channel(io.netty.channel.epoll.EpollServerDomainSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        clients.add(ch);
                        ch.pipeline().addLast(new ClientConnection(engine, dispatcher));
                    }
                });
        Channel ch = b.bind(new io.netty.channel.unix.DomainSocketAddress(path.toFile())).sync().channel();
        listeners.add(ch);
        unixSocket = path;
        if (perm > 0) java.nio.file.Files.setPosixFilePermissions(path, permissions(perm));
    }

    private static boolean isSocketFile(java.nio.file.Path p) throws java.io.IOException {
        Object mode = java.nio.file.Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        return mode instanceof Integer m && (m & 0170000) == 0140000;
    }

    /** An octal mode such as 0700 as the permission set Files understands. */
    static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(int mode) {
        java.nio.file.attribute.PosixFilePermission[] bits = java.nio.file.attribute.PosixFilePermission.values();
        java.util.Set<java.nio.file.attribute.PosixFilePermission> set =
                java.util.EnumSet.noneOf(java.nio.file.attribute.PosixFilePermission.class);
        // values() runs owner r/w/x, group r/w/x, others r/w/x: bit 8 down to bit 0.
        for (int i = 0; i < 9; i++) if ((mode & (1 << (8 - i))) != 0) set.add(bits[i]);
        return set;
    }

    /** Stops listening; the loop keeps running until shutdown(). */
    public void closeListeners() {
        for (Channel ch : listeners) ch.close().syncUninterruptibly();
        listeners.clear();
        if (unixSocket != null) {
            try {
                java.nio.file.Files.deleteIfExists(unixSocket);
            } catch (java.io.IOException e) {
                // Left behind: the next start removes a stale socket file.
            }
            unixSocket = null;
        }
    }

    public void shutdown() {
        closeListeners();
        // Stopping the event loop only deregisters the sockets: close them, so clients see the server go away.
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
