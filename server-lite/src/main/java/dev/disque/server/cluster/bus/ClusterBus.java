/*
 * ClusterBus: the node-to-node network, on the client port + 10000.
 *
 * It listens for peers, opens one outbound link to each known peer, and
 * sends frames on it; frames received on any link go to the Inbound
 * handler. It runs on the server's single event loop, like the client
 * connections, so received messages touch the state without locks. The
 * bus only moves frames: who to talk to and what to say is decided by
 * Gossip, Replication and the other cluster concepts.
 */
package dev.disque.server.cluster.bus;

import dev.disque.server.cluster.ClusterState;
import dev.disque.server.cluster.Node;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

public final class ClusterBus {
    /** What the bus hands received frames and link events to. */
    public interface Inbound {
        void onFrame(Link link, Frame frame);

        /** An outbound link is open and authenticated: the peer can be greeted. */
        void onLinkReady(Link link);

        void onLinkClosed(Link link);
    }

    private final EventLoopGroup group;
    private final ClusterState state;
    private final Supplier<String> secret;
    private final int maxBody;
    private final boolean epoll = Epoll.isAvailable();
    private final List<Channel> listeners = new ArrayList<>();
    private final Map<Node, Link> outbound = new HashMap<>();
    private final Set<Link> inbound = new HashSet<>();
    private Inbound handler;
    private int busPort;
    private long sent;
    private long received;

    public ClusterBus(EventLoopGroup group, ClusterState state, Supplier<String> secret, int maxBody) {
        this.group = group;
        this.state = state;
        this.secret = secret;
        this.maxBody = maxBody;
    }

    public void setHandler(Inbound handler) {
        this.handler = handler;
    }

    /** Listens on every address on the port (0 = a free one); returns the port bound. */
    public int bind(List<String> addresses, int port) throws InterruptedException {
        Class<? extends ServerChannel> cls = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap().group(group, group).channel(cls)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        Link link = new Link(ClusterBus.this, null);
                        inbound.add(link);
                        ch.pipeline().addLast(link.activity(), new FrameDecoder(maxBody), link);
                    }
                });
        int bound = port;
        for (String addr : addresses) {
            Channel ch = b.bind(new InetSocketAddress(addr, bound)).sync().channel();
            listeners.add(ch);
            bound = ((InetSocketAddress) ch.localAddress()).getPort();
        }
        busPort = bound;
        return bound;
    }

    public int port() {
        return busPort;
    }

    String secret() {
        return secret.get();
    }

    /** Opens the outbound link to a peer unless one exists or is being opened. */
    public void connect(Node n) {
        if (outbound.containsKey(n) || n.has(Node.MYSELF) || n.busPort() <= 0) return;
        Link link = new Link(this, n);
        outbound.put(n, link);
        Bootstrap b = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(link.activity(), new FrameDecoder(maxBody), link);
                    }
                });
        ChannelFuture f = b.connect(new InetSocketAddress(n.host(), n.busPort()));
        f.addListener(done -> {
            if (!done.isSuccess() && outbound.get(n) == link) outbound.remove(n);
        });
    }

    /** True if this node has a working, authenticated link to the peer. */
    public boolean isLinked(Node n) {
        Link l = outbound.get(n);
        return l != null && l.isActive() && l.isAuthenticated();
    }

    /** True if an outbound link exists or is being opened. */
    public boolean hasLink(Node n) {
        return outbound.containsKey(n);
    }

    /** Closes the outbound link to a peer (it will be reopened by the next cron). */
    public void disconnect(Node n) {
        Link l = outbound.remove(n);
        if (l != null) l.close();
    }

    /** Sends to a peer on its outbound link; false if that link is down. */
    public boolean send(Node n, Message m) {
        Link l = outbound.get(n);
        return l != null && l.send(frame(m));
    }

    /** Answers on the link a message came on. */
    public void reply(Link link, Message m) {
        link.send(frame(m));
    }

    Frame frame(Message m) {
        Node me = state.myself();
        int flags = me.has(Node.LEAVING) ? Node.LEAVING : 0;
        return new Frame(me.id(), me.port(), busPort, flags, m);
    }

    void linkReady(Link link) {
        if (link.isOutbound() && handler != null) handler.onLinkReady(link);
    }

    void received(Link link, Frame f) {
        if (handler != null) handler.onFrame(link, f);
    }

    void linkClosed(Link link) {
        if (link.isOutbound()) {
            if (outbound.get(link.node()) == link) outbound.remove(link.node());
            if (handler != null) handler.onLinkClosed(link);
        } else {
            inbound.remove(link);
        }
    }

    void countSent() {
        sent++;
    }

    void countReceived(int messages) {
        received += messages;
    }

    public long messagesSent() {
        return sent;
    }

    public long messagesReceived() {
        return received;
    }

    /**
     * Closes inbound links on which nothing arrived for that long: a peer
     * pings every node at least every half node timeout, so such a link was
     * abandoned, or is held open by someone who stopped mid-frame.
     */
    public void closeIdleInbound(long maxIdleMillis) {
        for (Link l : new ArrayList<>(inbound)) {
            if (l.idleMillis() > maxIdleMillis) l.close();
        }
    }

    /** Closes every link and stops listening. */
    public void close() {
        for (Channel ch : listeners) ch.close();
        listeners.clear();
        for (Link l : new ArrayList<>(outbound.values())) l.close();
        for (Link l : new ArrayList<>(inbound)) l.close();
        outbound.clear();
        inbound.clear();
    }
}
