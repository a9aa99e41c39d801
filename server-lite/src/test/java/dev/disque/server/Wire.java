/*
 * Wire: small helpers for the protocol-robustness tests: raw sockets that
 * send exact bytes, and the server's own view of its clients (INFO fields,
 * CLIENT LIST) read through a RespClient.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

final class Wire {
    private Wire() {
    }

    /** A plain socket to the server, with a read timeout so a hang fails instead of blocking the build. */
    static Socket open(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(30_000);
        s.setTcpNoDelay(true);
        return s;
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Everything the server sends until it closes the connection (fails on the read timeout). */
    static byte[] readUntilClosed(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) != -1) b.write(buf, 0, n);
        } catch (java.net.SocketException e) {
            // A reset after the server closed: what arrived before it still counts.
        }
        return b.toByteArray();
    }

    /** One numeric field of INFO, read through the given connection. */
    static long info(RespClient c, String field) {
        String text = (String) call(c, "INFO");
        for (String line : text.split("\r\n")) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.substring(field.length() + 1));
        }
        throw new AssertionError("INFO has no field " + field);
    }

    /**
     * Waits until the server has accepted at least this many connections in
     * total and, of all of them, only the given client is still connected.
     */
    static void awaitOnlyClient(RespClient c, long acceptedAtLeast) {
        ServerFixture.await("connections accepted", () -> info(c, "total_connections_received") >= acceptedAtLeast);
        ServerFixture.await("connected_clients back to 1", () -> info(c, "connected_clients") == 1);
        assertEquals(1, clientList(c));
        assertEquals(0L, info(c, "blocked_clients"));
    }

    /** How many clients CLIENT LIST shows. */
    static int clientList(RespClient c) {
        String text = (String) call(c, "CLIENT", "LIST");
        return text.isEmpty() ? 0 : text.split("\n").length;
    }

    /** A call for use inside await() conditions. */
    static Object call(RespClient c, Object... args) {
        try {
            Object r = c.call(args);
            if (r instanceof RespClient.Err) throw new AssertionError(args[0] + " replied " + r);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The connection is answered with the status and still usable. */
    static void assertPong(RespClient c) throws IOException {
        Object r = c.call("PING");
        assertInstanceOf(RespClient.Status.class, r, () -> "PING replied " + r);
        if (!((RespClient.Status) r).text().equals("PONG")) throw new AssertionError("PING replied " + r);
    }
}
