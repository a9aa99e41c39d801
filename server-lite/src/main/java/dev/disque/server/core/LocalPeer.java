/*
 * LocalPeer: whether a client connects from this machine's loopback
 * interface. Protected mode and enable-debug-command "local" trust only
 * such clients, as Redis does (any 127.0.0.0/8 address and ::1 count).
 */
package dev.disque.server.core;

import java.net.InetAddress;
import java.net.UnknownHostException;

public final class LocalPeer {
    private LocalPeer() {
    }

    /** True for a loopback peer, given as "host:port" or "[v6]:port" (ClientChannel.remoteAddress()). */
    public static boolean isLoopback(String hostAndPort) {
        // A Unix socket client ("/path:0") is on this host by definition, as in Redis.
        if (hostAndPort.startsWith("/")) return true;
        String host = hostAndPort;
        int colon = host.lastIndexOf(':');
        if (colon > 0) host = host.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        // Only IP literals reach here, so no name lookup is ever made; anything else is not local.
        if (host.isEmpty() || !(Character.isDigit(host.charAt(0)) || host.indexOf(':') >= 0)) return false;
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
