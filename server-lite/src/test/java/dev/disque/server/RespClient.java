/*
 * RespClient: a minimal blocking RESP2 client for tests.
 *
 * Replies decode to plain Java values so assertions read naturally:
 * status -> Status, error -> Err, integer -> Long, bulk -> String (UTF-8)
 * or null, array -> List<Object> or null (the *-1 null array).
 */
package dev.disque.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public final class RespClient implements AutoCloseable {
    /** A +status reply. */
    public record Status(String text) {
        @Override
        public String toString() {
            return "+" + text;
        }
    }

    /** A -error reply. */
    public record Err(String text) {
        @Override
        public String toString() {
            return "-" + text;
        }
    }

    /** The null array (*-1), distinct from the null bulk (decoded as null). */
    public static final Object NULL_ARRAY = new Object() {
        @Override
        public String toString() {
            return "(null array)";
        }
    };

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public RespClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    public Socket socket() {
        return socket;
    }

    public void setTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Sends one command and returns its reply. */
    public Object call(Object... args) throws IOException {
        send(args);
        return read();
    }

    public void send(Object... args) throws IOException {
        out.write(encode(args));
        out.flush();
    }

    public static byte[] encode(Object... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (Object a : args) {
            byte[] v = a instanceof byte[] ? (byte[]) a : String.valueOf(a).getBytes(StandardCharsets.UTF_8);
            b.writeBytes(("$" + v.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(v);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return b.toByteArray();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public void sendRaw(String s) throws IOException {
        sendRaw(s.getBytes(StandardCharsets.UTF_8));
    }

    public Object read() throws IOException {
        int type = in.read();
        if (type < 0) throw new java.io.EOFException("connection closed");
        String line = readLine();
        switch (type) {
            case '+': return new Status(line);
            case '-': return new Err(line);
            case ':': return Long.parseLong(line);
            case '$': {
                int len = Integer.parseInt(line);
                if (len < 0) return null;
                byte[] data = in.readNBytes(len);
                in.readNBytes(2);
                return new String(data, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) return NULL_ARRAY;
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) items.add(read());
                return items;
            }
            default:
                throw new IOException("bad reply type " + (char) type + line);
        }
    }

    /** Reads one raw reply line (without CRLF), for exact-byte checks. */
    public String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            b.write(c);
        }
        if (c == -1 && b.size() == 0) throw new java.io.EOFException("connection closed");
        return b.toString(StandardCharsets.UTF_8);
    }

    /** True if the server closed the connection (reads EOF within the timeout). */
    public boolean isClosedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
