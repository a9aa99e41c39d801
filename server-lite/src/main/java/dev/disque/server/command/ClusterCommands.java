/*
 * ClusterCommands: HELLO, which clients use to discover nodes and their
 * priority, and the CLUSTER subcommands: MEET, FORGET, RESET, SAVECONFIG,
 * NODES, INFO, MYID and LEAVING, with the original's replies and errors.
 */
package dev.disque.server.command;

import dev.disque.server.cluster.Cluster;
import dev.disque.server.cluster.ClusterState;
import dev.disque.server.cluster.Node;
import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

public final class ClusterCommands {
    /** The bus listens this far above the client port, like the original. */
    public static final int BUS_PORT_OFFSET = 10000;

    private final Engine engine;
    private final Host host;
    private final Cluster cluster;

    public ClusterCommands(Engine engine, Host host, Cluster cluster) {
        this.engine = engine;
        this.host = host;
        this.cluster = cluster;
    }

    public void register(CommandTable t) {
        t.add(new Command("hello", 1, "rF", this::hello));
        t.add(new Command("cluster", -2, "ar", this::cluster));
    }

    /** The address clients should use for this node: the one this client reached it on. */
    private String myAddress(Client c) {
        String local = c.channel().localAddress();
        int colon = local.lastIndexOf(':');
        String ip = colon > 0 ? local.substring(0, colon) : local;
        if (ip.startsWith("[") && ip.endsWith("]")) ip = ip.substring(1, ip.length() - 1);
        return ip;
    }

    /** HELLO priority: 1 healthy, 5 not linked, 10 possibly failing, 100 failing or leaving. */
    private int priority(Node n) {
        int p = 1;
        if (!n.has(Node.MYSELF) && !cluster.bus().isLinked(n)) p = 5;
        if (n.has(Node.PFAIL)) p = 10;
        if (n.has(Node.FAIL) || n.has(Node.LEAVING)) p = 100;
        return p;
    }

    void hello(Client c, byte[][] argv) {
        ClusterState state = engine.cluster();
        c.arrayHeader(2 + state.nodes().size());
        c.integer(1);
        c.bulk(state.myself().id());
        for (Node n : state.nodes()) {
            boolean me = n == state.myself();
            c.arrayHeader(4);
            c.bulk(n.id());
            c.bulk(me ? myAddress(c) : n.host());
            c.bulk(Integer.toString(me ? host.port() : n.port()));
            c.bulk(Integer.toString(priority(n)));
        }
    }

    void cluster(Client c, byte[][] argv) {
        ClusterState state = engine.cluster();
        byte[] sub = argv[1];
        if (Args.is(sub, "info") && argv.length == 2) {
            c.bulk("cluster_state:ok\r\n"
                    + "cluster_known_nodes:" + state.nodes().size() + "\r\n"
                    + "cluster_reachable_nodes:" + state.reachableOthers() + "\r\n"
                    + "cluster_size:" + state.size() + "\r\n"
                    + "cluster_stats_messages_sent:" + cluster.bus().messagesSent() + "\r\n"
                    + "cluster_stats_messages_received:" + cluster.bus().messagesReceived() + "\r\n");
        } else if (Args.is(sub, "nodes") && argv.length == 2) {
            c.bulk(nodes(c));
        } else if (Args.is(sub, "myid") && argv.length == 2) {
            c.bulk(state.myself().id());
        } else if (Args.is(sub, "meet") && (argv.length == 4 || argv.length == 5)) {
            meet(c, argv);
        } else if (Args.is(sub, "forget") && argv.length == 3) {
            forget(c, argv[2]);
        } else if (Args.is(sub, "reset") && (argv.length == 2 || argv.length == 3)) {
            reset(c, argv);
        } else if (Args.is(sub, "saveconfig") && argv.length == 2) {
            try {
                cluster.save();
            } catch (java.io.IOException e) {
                throw new CommandError("ERR error saving the cluster node config: " + e.getMessage());
            }
            c.ok();
        } else if (Args.is(sub, "leaving") && argv.length == 2) {
            c.status(state.leaving() ? "yes" : "no");
        } else if (Args.is(sub, "leaving") && argv.length == 3) {
            if (Args.is(argv[2], "yes")) state.setLeaving(true);
            else if (Args.is(argv[2], "no")) state.setLeaving(false);
            else throw new CommandError("ERR Wrong argument for CLUSTER LEAVING. Use 'yes' or 'no'");
            cluster.gossip().updateReachable();
            c.ok();
        } else {
            throw new CommandError("ERR Wrong CLUSTER subcommand or number of arguments");
        }
    }

    private String nodes(Client c) {
        ClusterState state = engine.cluster();
        StringBuilder sb = new StringBuilder();
        for (Node n : state.nodes()) {
            boolean me = n == state.myself();
            boolean linked = me || cluster.bus().isLinked(n);
            sb.append(n.id()).append(' ')
              .append(me ? myAddress(c) : n.host()).append(':').append(me ? host.port() : n.port())
              .append(' ').append(n.flagNames())
              .append(' ').append(n.pingSent())
              .append(' ').append(n.pongReceived())
              .append(' ').append(linked ? "connected" : "disconnected").append('\n');
        }
        return sb.toString();
    }

    /** CLUSTER MEET ip port [bus-port]: the bus port defaults to port + 10000, as in the original. */
    private void meet(Client c, byte[][] argv) {
        String ip = new String(argv[2], StandardCharsets.UTF_8);
        Long port = Args.parseLong(argv[3]);
        if (port == null) throw new CommandError("ERR Invalid TCP port specified: " + new String(argv[3], StandardCharsets.UTF_8));
        long busPort = port + BUS_PORT_OFFSET;
        if (argv.length == 5) {
            Long b = Args.parseLong(argv[4]);
            if (b == null || b < 1 || b > 65535) {
                throw new CommandError("ERR Invalid TCP port specified: " + new String(argv[4], StandardCharsets.UTF_8));
            }
            busPort = b;
        }
        if (!isIpLiteral(ip) || port < 1 || port > 65535 || busPort > 65535) {
            throw new CommandError("ERR Invalid node address specified: " + ip + ":" + port);
        }
        cluster.gossip().meet(ip, port.intValue(), (int) busPort);
        c.ok();
    }

    private static boolean isIpLiteral(String ip) {
        if (ip.isEmpty() || !ip.matches("[0-9a-fA-F:.]+")) return false;
        try {
            InetAddress.getByName(ip);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private void forget(Client c, byte[] arg) {
        String id = new String(arg, StandardCharsets.UTF_8);
        if (id.length() != 40) throw new CommandError("ERR Invalid node identifier");
        ClusterState state = engine.cluster();
        Node n = state.lookup(id);
        if (n == null) throw new CommandError("ERR Unknown node " + id);
        if (n == state.myself()) throw new CommandError("ERR I tried hard but I can't forget myself...");
        state.forget(n, engine.clock().millis());
        cluster.bus().disconnect(n);
        cluster.gossip().updateReachable();
        state.changed();
        c.ok();
    }

    /** CLUSTER RESET [SOFT|HARD]: forgets every node and every job; HARD also takes a new ID. */
    private void reset(Client c, byte[][] argv) {
        boolean hard = false;
        if (argv.length == 3) {
            if (Args.is(argv[2], "hard")) hard = true;
            else if (!Args.is(argv[2], "soft")) throw new CommandError(CommandError.SYNTAX);
        }
        ClusterState state = engine.cluster();
        for (Node n : state.nodes()) if (n != state.myself()) cluster.bus().disconnect(n);
        engine.flushAll();
        try {
            engine.aof().rewriteAfterFlush();
        } catch (java.io.IOException e) {
            throw new CommandError("ERR cluster reset, but the append only file could not be rewritten: " + e.getMessage());
        }
        if (hard) {
            Node me = new Node(Node.randomId(), state.myself().host(), state.myself().port());
            me.setBusPort(state.myself().busPort());
            engine.renewIdentity(me);
        } else {
            state.reset(null);
        }
        cluster.gossip().updateReachable();
        c.ok();
    }
}
