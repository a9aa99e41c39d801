/*
 * ClusterCommands: HELLO, which clients use to discover nodes and their
 * priority, and the CLUSTER subcommands about this node's view of the
 * cluster: INFO, NODES, MYID and LEAVING. Joining other nodes (MEET,
 * FORGET) comes with the cluster bus.
 */
package dev.disque.server.command;

import dev.disque.server.cluster.ClusterState;
import dev.disque.server.cluster.Node;
import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;

public final class ClusterCommands {
    private final Engine engine;
    private final Host host;

    public ClusterCommands(Engine engine, Host host) {
        this.engine = engine;
        this.host = host;
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

    private int priority(Node n) {
        ClusterState cluster = engine.cluster();
        if (n == cluster.myself() && cluster.leaving()) return 100;
        return 1;
    }

    void hello(Client c, byte[][] argv) {
        ClusterState cluster = engine.cluster();
        c.arrayHeader(2 + cluster.nodes().size());
        c.integer(1);
        c.bulk(cluster.myself().id());
        for (Node n : cluster.nodes()) {
            c.arrayHeader(4);
            c.bulk(n.id());
            c.bulk(n == cluster.myself() ? myAddress(c) : n.host());
            c.bulk(Integer.toString(n == cluster.myself() ? host.port() : n.port()));
            c.bulk(Integer.toString(priority(n)));
        }
    }

    void cluster(Client c, byte[][] argv) {
        ClusterState cluster = engine.cluster();
        byte[] sub = argv[1];
        if (Args.is(sub, "info") && argv.length == 2) {
            String info = "cluster_state:ok\r\n"
                    + "cluster_known_nodes:" + cluster.nodes().size() + "\r\n"
                    + "cluster_reachable_nodes:" + cluster.reachableOthers() + "\r\n"
                    + "cluster_size:" + cluster.size() + "\r\n"
                    + "cluster_stats_messages_sent:0\r\n"
                    + "cluster_stats_messages_received:0\r\n";
            c.bulk(info);
        } else if (Args.is(sub, "nodes") && argv.length == 2) {
            StringBuilder sb = new StringBuilder();
            for (Node n : cluster.nodes()) {
                boolean me = n == cluster.myself();
                String flags = me ? (cluster.leaving() ? "myself,leaving" : "myself") : "noflags";
                sb.append(n.id()).append(' ')
                  .append(me ? myAddress(c) : n.host()).append(':').append(me ? host.port() : n.port())
                  .append(' ').append(flags).append(" 0 0 connected\n");
            }
            c.bulk(sb.toString());
        } else if (Args.is(sub, "myid") && argv.length == 2) {
            c.bulk(cluster.myself().id());
        } else if (Args.is(sub, "leaving") && argv.length == 2) {
            c.status(cluster.leaving() ? "yes" : "no");
        } else if (Args.is(sub, "leaving") && argv.length == 3) {
            if (Args.is(argv[2], "yes")) cluster.setLeaving(true);
            else if (Args.is(argv[2], "no")) cluster.setLeaving(false);
            else throw new CommandError("ERR Wrong argument for CLUSTER LEAVING. Use 'yes' or 'no'");
            c.ok();
        } else {
            throw new CommandError("ERR Wrong CLUSTER subcommand or number of arguments");
        }
    }
}
