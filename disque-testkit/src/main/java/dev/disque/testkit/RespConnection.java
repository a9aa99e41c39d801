/*
 * RespConnection: the few commands the test kits send by themselves (CLUSTER
 * MEET, MYID, NODES and INFO, to form a cluster) on a plain blocking socket.
 * disque-client is optional for users of the kits, so forming a cluster must
 * not need it, and these replies are small enough to read directly.
 */
package dev.disque.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public final class RespConnection implements Closeable {
    /** An error reply (-ERR ...): the server answered, and said no. */
    public static final class ErrorReply extends IOException {
        private static final long serialVersionUID = 1L;

        ErrorReply(String where, String command, String error) {
            super(where + " answered " + command + " with -" + error);
        }
    }

    private final String where;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /**
     * Connects, and authenticates when a password is given.
     *
     * @param timeout for connecting and for each reply
     */
    public RespConnection(String host, int port, String password, Duration timeout) throws IOException {
        this.where = host + ":" + port;
        this.socket = new Socket();
        try {
            int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            socket.connect(new InetSocketAddress(host, port), millis);
            socket.setSoTimeout(millis);
            in = new BufferedInputStream(socket.getInputStream());
            out = new BufferedOutputStream(socket.getOutputStream());
            if (password != null && !password.isEmpty()) call("AUTH", password);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends one command and reads its reply: a String for status and bulk replies, a Long for integers,
     * a List for arrays, null for nil. An error reply is thrown as {@link ErrorReply}.
     */
    public Object call(String... args) throws IOException {
        StringBuilder sb = new StringBuilder().append('*').append(args.length).append("\r\n");
        List<byte[]> parts = new ArrayList<>(args.length);
        for (String a : args) parts.add(a.getBytes(StandardCharsets.UTF_8));
        out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
        for (byte[] p : parts) {
            out.write(("$" + p.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(p);
            out.write('\r');
            out.write('\n');
        }
        out.flush();
        return read(args.length > 1 ? args[0] + " " + args[1] : args[0]);
    }

    private Object read(String command) throws IOException {
        int type = in.read();
        if (type < 0) throw new EOFException(where + " closed the connection before answering " + command);
        String line = readLine();
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ErrorReply(where, command, line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int len = Integer.parseInt(line);
                if (len < 0) return null;
                byte[] body = in.readNBytes(len);
                if (body.length < len || in.read() != '\r' || in.read() != '\n') {
                    throw new EOFException(where + " cut its answer to " + command + " short");
                }
                return new String(body, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) return null;
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) items.add(read(command));
                return items;
            }
            default:
                throw new IOException(where + " answered " + command + " with no RESP reply: " + (char) type + line);
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) throw new EOFException(where + " closed the connection mid-reply");
            if (c == '\r') {
                if (in.read() != '\n') throw new IOException(where + " sent a line without CRLF");
                return sb.toString();
            }
            sb.append((char) c);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
