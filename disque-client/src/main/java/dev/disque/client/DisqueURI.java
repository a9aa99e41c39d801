/*
 * DisqueURI: where the nodes are and how to talk to them.
 *
 *   disque://[password@]host[:port][,host2[:port2]...][?timeout=10s]
 *   disques://...   (TLS)
 *   disque-socket://[password@]/path/to/disque.sock[?timeout=10s]   (Unix domain socket)
 *
 * The default port is 7711. The password may be given redis-style with an
 * empty user (disque://:secret@host); percent-escapes are decoded.
 */
package dev.disque.client;

import dev.disque.client.cluster.NodeAddress;
import io.lettuce.core.RedisURI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The nodes of a Disque cluster (one or more seeds), the password, TLS settings and the command timeout.
 *
 * <pre>{@code
 * DisqueURI uri = DisqueURI.create("disque://secret@10.0.0.1:7711,10.0.0.2:7711?timeout=5s");
 * DisqueURI same = DisqueURI.builder().withNode("10.0.0.1", 7711).withNode("10.0.0.2", 7711)
 *         .withPassword("secret").withTimeout(Duration.ofSeconds(5)).build();
 * }</pre>
 *
 * <p>A node on this machine with a {@code unixsocket} directive can be reached over that socket, as Lettuce's
 * {@code redis-socket://}: {@code DisqueURI.create("disque-socket:///run/disque/disque.sock")} or
 * {@code DisqueURI.builder().withSocket("/run/disque/disque.sock")}. This needs Netty's native epoll transport
 * (Linux), which this library brings. Other nodes the socket's node reports in HELLO are reached over TCP.
 */
public final class DisqueURI {
    /** Disque's default client port. */
    public static final int DEFAULT_PORT = 7711;
    /** The default command timeout (as Lettuce's). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final List<NodeAddress> nodes;
    private final char[] password;
    private final boolean ssl;
    private final boolean verifyPeer;
    private final boolean startTls;
    private final Duration timeout;

    private DisqueURI(Builder b) {
        this.nodes = List.copyOf(b.nodes);
        this.password = b.password == null ? null : b.password.clone();
        this.ssl = b.ssl;
        this.verifyPeer = b.verifyPeer;
        this.startTls = b.startTls;
        this.timeout = b.timeout;
    }

    /**
     * Parses a {@code disque://} or {@code disques://} URI.
     *
     * @param uri the URI
     * @return the parsed URI
     * @throws IllegalArgumentException if it is malformed
     */
    public static DisqueURI create(String uri) {
        Objects.requireNonNull(uri, "uri");
        int sep = uri.indexOf("://");
        if (sep < 0) throw new IllegalArgumentException("not a disque URI (disque://host:port): " + uri);
        String scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
        Builder b = builder();
        if (scheme.equals("disque-socket")) return parseSocket(uri, uri.substring(sep + 3), b);
        if (scheme.equals("disques")) b.withSsl(true);
        else if (!scheme.equals("disque")) throw new IllegalArgumentException("unknown scheme '" + scheme + "' in " + uri);
        String rest = uri.substring(sep + 3);
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (rest.endsWith("/")) rest = rest.substring(0, rest.length() - 1);
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String user = decode(rest.substring(0, at));
            if (user.startsWith(":")) user = user.substring(1);
            if (!user.isEmpty()) b.withPassword(user);
            rest = rest.substring(at + 1);
        }
        if (rest.isEmpty()) throw new IllegalArgumentException("no host in " + uri);
        for (String hp : rest.split(",")) {
            b.withNode(parseNode(hp.trim(), uri));
        }
        parseQuery(query, uri, b);
        return b.build();
    }

    /** The part after {@code disque-socket://}: {@code [password@]/path[?params]}. */
    private static DisqueURI parseSocket(String uri, String rest, Builder b) {
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        if (!rest.startsWith("/")) {
            int at = rest.indexOf("@/");
            if (at < 0) throw new IllegalArgumentException("no absolute socket path in " + uri
                    + " (disque-socket:///path/to/disque.sock)");
            String user = decode(rest.substring(0, at));
            if (user.startsWith(":")) user = user.substring(1);
            if (!user.isEmpty()) b.withPassword(user);
            rest = rest.substring(at + 1);
        }
        String path = decode(rest);
        if (path.length() < 2) throw new IllegalArgumentException("no socket path in " + uri);
        b.withSocket(path);
        parseQuery(query, uri, b);
        return b.build();
    }

    private static void parseQuery(String query, String uri, Builder b) {
        if (query != null) {
            for (String param : query.split("&")) {
                if (param.isEmpty()) continue;
                int eq = param.indexOf('=');
                String name = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : decode(param.substring(eq + 1));
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "timeout" -> b.withTimeout(parseDuration(value));
                    case "verifypeer" -> b.withVerifyPeer(!value.equalsIgnoreCase("false") && !value.equalsIgnoreCase("none"));
                    case "starttls" -> b.withStartTls(Boolean.parseBoolean(value));
                    case "password" -> b.withPassword(value);
                    default -> throw new IllegalArgumentException("unknown URI parameter '" + name + "' in " + uri);
                }
            }
        }
    }

    /**
     * @param host a host name or address
     * @param port its client port
     * @return a URI for that one node
     */
    public static DisqueURI create(String host, int port) {
        return builder().withNode(host, port).build();
    }

    private static NodeAddress parseNode(String hp, String uri) {
        if (hp.isEmpty()) throw new IllegalArgumentException("empty host in " + uri);
        String host;
        String port = null;
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("bad IPv6 address in " + uri);
            host = hp.substring(1, close);
            if (close + 1 < hp.length()) {
                if (hp.charAt(close + 1) != ':') throw new IllegalArgumentException("bad host '" + hp + "' in " + uri);
                port = hp.substring(close + 2);
            }
        } else {
            int colon = hp.lastIndexOf(':');
            host = colon < 0 ? hp : hp.substring(0, colon);
            port = colon < 0 ? null : hp.substring(colon + 1);
        }
        try {
            return new NodeAddress(host, port == null ? DEFAULT_PORT : Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port in '" + hp + "' of " + uri, e);
        }
    }

    private static Duration parseDuration(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            if (s.endsWith("s")) return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            if (s.endsWith("m")) return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            return Duration.ofSeconds(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad timeout: " + v, e);
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** @return a builder for a URI */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder that starts from this URI */
    public Builder mutate() {
        Builder b = new Builder();
        b.nodes.addAll(nodes);
        b.password = password == null ? null : password.clone();
        b.ssl = ssl;
        b.verifyPeer = verifyPeer;
        b.startTls = startTls;
        b.timeout = timeout;
        return b;
    }

    /** @return the seed nodes, in the URI's order */
    public List<NodeAddress> getNodes() {
        return nodes;
    }

    /** @return a copy of the password, or null */
    public char[] getPassword() {
        return password == null ? null : password.clone();
    }

    /** @return true for TLS ({@code disques://}) */
    public boolean isSsl() {
        return ssl;
    }

    /** @return true to verify the server's certificate */
    public boolean isVerifyPeer() {
        return verifyPeer;
    }

    /** @return true to use STARTTLS */
    public boolean isStartTls() {
        return startTls;
    }

    /** @return the command timeout */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * The Lettuce URI for one node, with these settings and no client library handshake.
     *
     * @param node a node address
     * @param currentPassword the password to use (it may have changed with AUTH), or null
     * @return the Lettuce URI
     */
    public RedisURI toRedisURI(NodeAddress node, char[] currentPassword) {
        RedisURI.Builder b = (node.isUnixSocket() ? RedisURI.Builder.socket(node.socket())
                : RedisURI.Builder.redis(node.host(), node.port()))
                .withSsl(ssl)
                .withVerifyPeer(verifyPeer)
                .withStartTls(startTls)
                .withTimeout(timeout);
        if (currentPassword != null) b.withPassword(currentPassword);
        RedisURI r = b.build();
        // Disque knows no CLIENT SETINFO: an empty library name and version keep Lettuce from sending it.
        r.setLibraryName("");
        r.setLibraryVersion("");
        return r;
    }

    @Override
    public String toString() {
        boolean socket = nodes.size() == 1 && nodes.get(0).isUnixSocket();
        StringBuilder sb = new StringBuilder(socket ? "disque-socket://" : ssl ? "disques://" : "disque://");
        if (password != null) sb.append("***@");
        for (int i = 0; i < nodes.size(); i++) {
            if (i > 0) sb.append(',');
            sb.append(nodes.get(i));
        }
        return sb.toString();
    }

    /** Builds a {@link DisqueURI}. */
    public static final class Builder {
        private final List<NodeAddress> nodes = new ArrayList<>();
        private char[] password;
        private boolean ssl;
        private boolean verifyPeer = true;
        private boolean startTls;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /**
         * @param host a node's host
         * @param port its client port
         * @return this
         */
        public Builder withNode(String host, int port) {
            return withNode(new NodeAddress(host, port));
        }

        /**
         * @param node a node's address
         * @return this
         */
        public Builder withNode(NodeAddress node) {
            nodes.add(Objects.requireNonNull(node, "node"));
            return this;
        }

        /**
         * Adds a node reached over a Unix domain socket on this machine (its {@code unixsocket} directive).
         *
         * @param path the socket's path
         * @return this
         */
        public Builder withSocket(String path) {
            return withNode(NodeAddress.unixSocket(path));
        }

        /**
         * @param path the path of a node's Unix domain socket
         * @return this
         */
        public Builder withSocket(java.nio.file.Path path) {
            return withSocket(Objects.requireNonNull(path, "path").toString());
        }

        /**
         * @param password the server password (AUTH), or null for none
         * @return this
         */
        public Builder withPassword(CharSequence password) {
            if (password == null) {
                this.password = null;
                return this;
            }
            char[] c = new char[password.length()];
            for (int i = 0; i < c.length; i++) c[i] = password.charAt(i);
            this.password = c;
            return this;
        }

        /**
         * @param ssl true for TLS
         * @return this
         */
        public Builder withSsl(boolean ssl) {
            this.ssl = ssl;
            return this;
        }

        /**
         * @param verifyPeer false to accept any certificate (tests only)
         * @return this
         */
        public Builder withVerifyPeer(boolean verifyPeer) {
            this.verifyPeer = verifyPeer;
            return this;
        }

        /**
         * @param startTls true to use STARTTLS
         * @return this
         */
        public Builder withStartTls(boolean startTls) {
            this.startTls = startTls;
            return this;
        }

        /**
         * @param timeout the command timeout; blocking GETJOB and ADDJOB with a replication timeout wait longer
         * @return this
         */
        public Builder withTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** @return the URI */
        public DisqueURI build() {
            if (nodes.isEmpty()) throw new IllegalArgumentException("a Disque URI needs at least one node");
            return new DisqueURI(this);
        }
    }
}
