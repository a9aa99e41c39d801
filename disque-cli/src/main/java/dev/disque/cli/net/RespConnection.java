/*
 * RespConnection: one blocking connection speaking RESP, over TCP, TLS or
 * a Unix domain socket (see Link).
 *
 * Deliberately small (a socket, two buffers, a reply reader) so that a
 * one-shot `disque ping` loads a handful of classes and starts fast.
 * close() may be called from another thread to abort a blocked read
 * (Ctrl-C on a GETJOB waiting for jobs).
 */
package dev.disque.cli.net;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public final class RespConnection implements Closeable {
    private final Endpoint endpoint;
    private final Link link;
    private final InputStream in;
    private final OutputStream out;
    private byte[] line = new byte[256];
    private long repliesRead;

    private RespConnection(Endpoint endpoint, Link link) throws IOException {
        this.endpoint = endpoint;
        this.link = link;
        this.in = new BufferedInputStream(link.in(), 64 * 1024);
        this.out = new BufferedOutputStream(link.out(), 64 * 1024);
    }

    /** Connects over TCP, or throws an IOException whose message says why (for "Could not connect ..."). */
    public static RespConnection open(String host, int port, int connectTimeoutMillis) throws IOException {
        return open(new Endpoint(host, port, null, null, connectTimeoutMillis));
    }

    /** Connects to the endpoint, or throws an IOException whose message says why. */
    public static RespConnection open(Endpoint endpoint) throws IOException {
        Link l = Link.open(endpoint);
        try {
            return new RespConnection(endpoint, l);
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
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

    /** Replies read so far on this connection. */
    public long repliesRead() {
        return repliesRead;
    }

    /** 0 = wait forever. */
    public void readTimeout(int millis) throws IOException {
        link.readTimeout(millis);
    }

    public boolean isClosed() {
        return link.isClosed();
    }

    /** Sends one command as a RESP multibulk request and flushes. */
    public void send(List<byte[]> args) throws IOException {
        write(args);
        out.flush();
    }

    /** Buffers one command without flushing (for pipelining). */
    public void write(List<byte[]> args) throws IOException {
        header('*', args.size());
        for (byte[] a : args) {
            header('$', a.length);
            out.write(a);
            out.write('\r');
            out.write('\n');
        }
    }

    /** Sends bytes as they are (--pipe). */
    public void writeRaw(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    public void flush() throws IOException {
        out.flush();
    }

    private void header(char kind, int n) throws IOException {
        out.write(kind);
        out.write(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
        out.write('\r');
        out.write('\n');
    }

    public Reply call(List<byte[]> args) throws IOException {
        send(args);
        return read();
    }

    public Reply call(String... args) throws IOException {
        return call(args(args));
    }

    public static List<byte[]> args(String... args) {
        List<byte[]> l = new ArrayList<>(args.length);
        for (String a : args) l.add(a.getBytes(StandardCharsets.UTF_8));
        return l;
    }

    /** Reads one reply; EOFException when the server closed the connection. */
    public Reply read() throws IOException {
        Reply r = readReply();
        repliesRead++;
        return r;
    }

    private Reply readReply() throws IOException {
        int type = in.read();
        if (type < 0) throw new EOFException("Server closed the connection");
        int n = readLine();
        switch (type) {
            case '+':
                return new Reply.Status(text(n));
            case '-':
                return new Reply.Error(text(n));
            case ':':
                return new Reply.Int(number(n));
            case '$': {
                long len = number(n);
                if (len < 0) return Reply.NIL;
                if (len > Integer.MAX_VALUE - 8) throw new IOException("Protocol error: bulk too large");
                byte[] data = in.readNBytes((int) len);
                if (data.length != len || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException("Server closed the connection");
                }
                return new Reply.Bulk(data);
            }
            case '*': {
                long count = number(n);
                if (count < 0) return Reply.NIL;
                List<Reply> items = new ArrayList<>((int) Math.min(count, 1024));
                for (long i = 0; i < count; i++) items.add(readReply());
                return new Reply.Multi(items);
            }
            default:
                throw new IOException("Protocol error: unexpected reply type '" + (char) type + "'");
        }
    }

    /** Reads up to CRLF into {@code line}; returns the length without CRLF. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException("Server closed the connection");
            if (c == '\n') return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            if (n == line.length) line = java.util.Arrays.copyOf(line, n * 2);
            line[n++] = (byte) c;
        }
    }

    private String text(int n) {
        return new String(line, 0, n, StandardCharsets.UTF_8);
    }

    private long number(int n) throws IOException {
        try {
            return Long.parseLong(new String(line, 0, n, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new IOException("Protocol error: bad number '" + text(n) + "'");
        }
    }

    @Override
    public void close() {
        link.close();
    }
}
