/*
 * Node: one member of the Disque cluster as this node knows it.
 *
 * A lone server knows only itself; the cluster bus adds peers. Jobs record
 * which nodes may hold a copy (nodes-delivered) by referring to these.
 */
package dev.disque.server.cluster;

import java.security.SecureRandom;

public final class Node {
    private final String id;
    private volatile String host;
    private volatile int port;

    public Node(String id, String host, int port) {
        if (!isValidId(id)) throw new IllegalArgumentException("node ID must be 40 lowercase hex characters: " + id);
        this.id = id;
        this.host = host;
        this.port = port;
    }

    /** A fresh random node ID: 40 hex characters, like the original's. */
    public static String randomId() {
        byte[] b = new byte[20];
        new SecureRandom().nextBytes(b);
        StringBuilder sb = new StringBuilder(40);
        for (byte x : b) sb.append(String.format("%02x", x));
        return sb.toString();
    }

    public static boolean isValidId(String id) {
        if (id == null || id.length() != 40) return false;
        for (int i = 0; i < 40; i++) {
            char c = id.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
        }
        return true;
    }

    public String id() {
        return id;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public void setAddress(String host, int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public String toString() {
        return id + "@" + host + ":" + port;
    }
}
