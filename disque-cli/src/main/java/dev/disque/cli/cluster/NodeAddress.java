/*
 * NodeAddress: a node as the operator names it on the command line,
 * host:port or host:port@busport (Redis Cluster's notation for the bus
 * port). The bus port defaults to port + 10000 as in the original; a node
 * started with another bus port must be named with @busport, because
 * CLUSTER MEET needs it and the client port does not tell it. MEET also
 * wants an IP literal, so names are resolved here, before anything is sent.
 */
package dev.disque.cli.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;

public record NodeAddress(String host, int port, int busPort) {
    public static final int BUS_PORT_OFFSET = 10000;

    /** Parses host:port[@busport]; throws IllegalArgumentException with a message for the operator. */
    public static NodeAddress parse(String text) {
        String addr = text;
        Integer bus = null;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            bus = port(text.substring(at + 1), text);
            addr = text.substring(0, at);
        }
        int colon = addr.lastIndexOf(':');
        if (colon <= 0) throw new IllegalArgumentException("invalid node address " + text + " (expected host:port)");
        String host = addr.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port = port(addr.substring(colon + 1), text);
        // 0: not known (port + 10000 is no port); only a CLUSTER MEET that needs it complains.
        int dflt = port + BUS_PORT_OFFSET <= 65535 ? port + BUS_PORT_OFFSET : 0;
        return new NodeAddress(host, port, bus == null ? dflt : bus);
    }

    private static int port(String s, String whole) {
        if (!s.matches("[0-9]{1,5}") || Integer.parseInt(s) < 1 || Integer.parseInt(s) > 65535) {
            throw new IllegalArgumentException("invalid port in node address " + whole);
        }
        return Integer.parseInt(s);
    }

    /** The arguments of CLUSTER MEET that introduce this node: its IP literal, port and bus port. */
    public java.util.List<String> meetArgs() throws UnknownHostException {
        if (busPort == 0) {
            throw new IllegalArgumentException("node " + this + ": port + 10000 is not a port; name its bus port as "
                    + this + "@busport");
        }
        String ip = InetAddress.getByName(host).getHostAddress();
        return java.util.List.of("CLUSTER", "MEET", ip, Integer.toString(port), Integer.toString(busPort));
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
