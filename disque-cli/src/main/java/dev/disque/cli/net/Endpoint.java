/*
 * Endpoint: where the CLI connects and how: a TCP host and port, or a Unix
 * domain socket path (-s, which overrides host and port as in redis-cli),
 * optionally over TLS (--tls or a disques:// URI), with a connect timeout
 * (-t). One value so that every mode opens its connections the same way.
 */
package dev.disque.cli.net;

import java.nio.file.Path;

public record Endpoint(String host, int port, String unixSocket, TlsOptions tls, int connectTimeoutMillis) {
    /** The connect timeout when -t is not given. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 10_000;

    /**
     * TLS settings: the name to send (SNI) and check the certificate against, the CA certificates to trust
     * (PEM; the JDK's default trust store when null), or no verification at all.
     */
    public record TlsOptions(String sni, Path caCert, boolean insecure) {
    }

    public static Endpoint tcp(String host, int port) {
        return new Endpoint(host, port, null, null, DEFAULT_CONNECT_TIMEOUT_MILLIS);
    }

    /** The same endpoint on another host and port (connect, --embedded). */
    public Endpoint retarget(String newHost, int newPort) {
        return new Endpoint(newHost, newPort, null, tls, connectTimeoutMillis);
    }

    /** What messages and the prompt call it: host:port, or the socket's path. */
    public String address() {
        return unixSocket != null ? unixSocket : host + ":" + port;
    }
}
