package dev.disque.client.cluster;

import java.util.Objects;

/**
 * Where a node listens for clients: a TCP host and port, or the path of a Unix domain socket on this machine.
 *
 * @param host host name or IP address ({@code localhost} for a Unix socket)
 * @param port client port (0 for a Unix socket)
 * @param socket the Unix domain socket's path, or null for TCP
 */
public record NodeAddress(String host, int port, String socket) {

    /** Validates the address. */
    public NodeAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (socket != null && socket.isEmpty()) throw new IllegalArgumentException("empty socket path");
    }

    /**
     * A TCP address.
     *
     * @param host host name or IP address
     * @param port client port
     */
    public NodeAddress(String host, int port) {
        this(host, port, null);
    }

    /**
     * @param path the path of a Unix domain socket the node listens on (its {@code unixsocket} directive)
     * @return the address of that socket
     */
    public static NodeAddress unixSocket(String path) {
        return new NodeAddress("localhost", 0, Objects.requireNonNull(path, "path"));
    }

    /** @return true for a Unix domain socket */
    public boolean isUnixSocket() {
        return socket != null;
    }

    @Override
    public String toString() {
        if (socket != null) return socket;
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
