/*
 * Session: the CLI's link to one server: connects on demand, sends AUTH
 * after every (re)connection, reconnects once when a connection that sat
 * idle turns out to be dead (as redis-cli does), telling the notice
 * listener so (the shell prints one line rather than resending silently),
 * and can be interrupted from another thread (Ctrl-C on a blocking GETJOB
 * closes the socket).
 */
package dev.disque.cli.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.function.Consumer;

public final class Session implements Closeable {
    /** Thrown when a command was cut short by {@link #interrupt()}. */
    public static final class Interrupted extends InterruptedIOException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super("interrupted");
        }
    }

    /** Thrown when the server cannot be reached; the message says why (e.g. "Connection refused"). */
    public static final class ConnectFailed extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectFailed(IOException cause) {
            super(cause instanceof java.net.UnknownHostException ? "Name or service not known"
                    : cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        }
    }

    private volatile Endpoint endpoint;
    private final String password;
    private final Consumer<String> warn;
    private volatile Consumer<String> notice = m -> { };
    private volatile boolean verbose;
    private volatile RespConnection conn;
    private volatile boolean interrupted;

    public Session(String host, int port, String password, Consumer<String> warn) {
        this(Endpoint.tcp(host, port), password, warn);
    }

    public Session(Endpoint endpoint, String password, Consumer<String> warn) {
        this.endpoint = endpoint;
        this.password = password;
        this.warn = warn;
    }

    /** Where to tell that a lost connection was reopened (the shell prints it; scripts need not). */
    public void onNotice(Consumer<String> listener) {
        this.notice = listener;
    }

    /** --verbose: also tell the notice listener about every connection made. */
    public void verbose(boolean on) {
        this.verbose = on;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public String host() {
        return endpoint.host();
    }

    public int port() {
        return endpoint.port();
    }

    public String address() {
        return endpoint.address();
    }

    public boolean connected() {
        RespConnection c = conn;
        return c != null && !c.isClosed();
    }

    /** Connects (if not connected); the message of the IOException says why it failed. */
    public RespConnection connect() throws IOException {
        RespConnection c = conn;
        if (c != null && !c.isClosed()) return c;
        try {
            c = RespConnection.open(endpoint);
        } catch (IOException e) {
            throw new ConnectFailed(e);
        }
        if (verbose) notice.accept("Connected to " + address() + " (" + transport() + ")");
        if (password != null) {
            Reply r = c.call("AUTH", password);
            if (r.isError()) warn.accept("AUTH failed: " + r.asText());
            else if (verbose) notice.accept("AUTH accepted");
        }
        conn = c;
        return c;
    }

    /** Closes the connection and points the session at another server. */
    public void retarget(String newHost, int newPort) {
        disconnect();
        endpoint = endpoint.retarget(newHost, newPort);
    }

    public void disconnect() {
        RespConnection c = conn;
        conn = null;
        if (c != null) c.close();
    }

    /** Sends a command and reads its reply, connecting first if needed. */
    public Reply call(List<byte[]> args) throws IOException {
        return call(args, true);
    }

    /**
     * Sends a command and reads its reply. With {@code retry}, a connection
     * opened for an earlier command that turns out to be dead (the server
     * restarted, or closed it for idleness) is reopened and the command sent
     * once more, as redis-cli does; commands that close the connection on
     * purpose (SHUTDOWN, QUIT) must not be retried.
     */
    public Reply call(List<byte[]> args, boolean retry) throws IOException {
        interrupted = false;
        boolean reused = connected();
        RespConnection c = connect();
        try {
            return c.call(args);
        } catch (IOException e) {
            disconnect();
            if (interrupted) throw new Interrupted();
            if (retry && reused && (e instanceof java.io.EOFException || e instanceof java.net.SocketException
                    || e instanceof java.nio.channels.ClosedChannelException)) {
                RespConnection again = connect();
                notice.accept("Connection to " + address() + " lost (" + reason(e) + "); reconnected.");
                return again.call(args);
            }
            throw e;
        }
    }

    private String transport() {
        Endpoint e = endpoint;
        if (e.unixSocket() != null) return "Unix domain socket";
        return e.tls() != null ? "TLS" : "TCP";
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }

    /** Reads one more reply on the current connection (MONITOR's stream). */
    public Reply readMore() throws IOException {
        RespConnection c = conn;
        if (c == null) throw new java.io.EOFException("Server closed the connection");
        try {
            return c.read();
        } catch (IOException e) {
            disconnect();
            if (interrupted) throw new Interrupted();
            throw e;
        }
    }

    /** Aborts the command in progress, from any thread. */
    public void interrupt() {
        interrupted = true;
        RespConnection c = conn;
        if (c != null) c.close();
    }

    public RespConnection connection() {
        return conn;
    }

    @Override
    public void close() {
        disconnect();
    }
}
