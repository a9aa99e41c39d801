/*
 * Node: one member of the Disque cluster as this node knows it.
 *
 * Besides its identity (a 40-hex-character ID that never changes, and the
 * address it serves clients and the bus on), a node carries what failure
 * detection needs: when we last pinged it and heard from it, the flags we
 * and others gave it (fail?, fail, leaving...) and the failure reports
 * other nodes sent about it. Jobs point at these objects in their
 * nodes-delivered sets, so a node object lives as long as it is known.
 */
package dev.disque.server.cluster;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

public final class Node {
    public static final int MYSELF = 1;
    /** Not answering within the node timeout, as seen by this node (fail? in CLUSTER NODES). */
    public static final int PFAIL = 2;
    /** A majority agreed it is failing. */
    public static final int FAIL = 4;
    /** Met by address, real ID not known yet. */
    public static final int HANDSHAKE = 8;
    /** Its address is not known. */
    public static final int NOADDR = 16;
    /** It asked to leave the cluster (CLUSTER LEAVING yes). */
    public static final int LEAVING = 32;
    /** We must greet it with MEET rather than PING, so it adds us too. */
    public static final int MEET = 64;

    private final String id;
    private volatile String host;
    private volatile int port;
    private volatile int busPort;
    private int flags;
    private long createdMillis;
    private long pingSent;
    private long pongReceived;
    /** Who reported this node failing, and when (ms). */
    private final Map<Node, Long> failReports = new HashMap<>();

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

    public String id() { return id; }
    public String host() { return host; }
    public int port() { return port; }
    public int busPort() { return busPort; }

    public void setAddress(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public void setBusPort(int busPort) { this.busPort = busPort; }

    public int flags() { return flags; }
    public boolean has(int flag) { return (flags & flag) != 0; }
    public void set(int flag) { flags |= flag; }
    public void clear(int flag) { flags &= ~flag; }

    public long createdMillis() { return createdMillis; }
    public void setCreatedMillis(long t) { createdMillis = t; }
    public long pingSent() { return pingSent; }
    public void setPingSent(long t) { pingSent = t; }
    public long pongReceived() { return pongReceived; }
    public void setPongReceived(long t) { pongReceived = t; }

    /** Records that {@code reporter} sees this node failing; true if it is a new report. */
    public boolean addFailReport(Node reporter, long now) {
        return failReports.put(reporter, now) == null;
    }

    public boolean removeFailReport(Node reporter) {
        return failReports.remove(reporter) != null;
    }

    /** Drops reports older than maxAge and returns how many remain. */
    public int validFailReports(long now, long maxAge) {
        failReports.values().removeIf(t -> now - t > maxAge);
        return failReports.size();
    }

    /** The flag words of CLUSTER NODES, comma separated. */
    public String flagNames() {
        StringBuilder sb = new StringBuilder();
        if (has(MYSELF)) sb.append("myself,");
        if (has(PFAIL)) sb.append("fail?,");
        if (has(FAIL)) sb.append("fail,");
        if (has(HANDSHAKE)) sb.append("handshake,");
        if (has(NOADDR)) sb.append("noaddr,");
        if (has(LEAVING)) sb.append("leaving,");
        if (sb.length() == 0) return "noflags";
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }

    @Override
    public String toString() {
        return id + "@" + host + ":" + port;
    }
}
