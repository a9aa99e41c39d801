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
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
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
    /** Open client connections; shutting the loop down does not close their sockets by itself. */
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

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

    /** Stops listening; the loop keeps running until shutdown(). */
    public void closeListeners() {
        for (Channel ch : listeners) ch.close().syncUninterruptibly();
        listeners.clear();
    }

    public void shutdown() {
        closeListeners();
        clients.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
