package dev.disque.client.cluster;

import java.util.Objects;

/**
 * Where a node listens for clients.
 *
 * @param host host name or IP address
 * @param port client port
 */
public record NodeAddress(String host, int port) {

    /** Validates the address. */
    public NodeAddress {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
