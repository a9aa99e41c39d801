/*
 * SocketLink: a TCP connection, with TLS layered on it when the endpoint
 * asks for it (the JDK's SSLSocket: no extra library on the one-shot path).
 */
package dev.disque.cli.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

final class SocketLink implements Link {
    private final Socket socket;

    private SocketLink(Socket socket) {
        this.socket = socket;
    }

    static SocketLink open(Endpoint e) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(e.host(), e.port()), e.connectTimeoutMillis());
            if (e.tls() != null) {
                // The handshake is bounded by the connect timeout too, not left to block for ever.
                s.setSoTimeout(e.connectTimeoutMillis());
                Socket tls = Tls.wrap(s, e.host(), e.port(), e.tls());
                tls.setSoTimeout(0);
                return new SocketLink(tls);
            }
            return new SocketLink(s);
        } catch (IOException | RuntimeException ex) {
            s.close();
            throw ex;
        }
    }

    @Override
    public InputStream in() throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream out() throws IOException {
        return socket.getOutputStream();
    }

    @Override
    public void readTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Nothing left to do with a socket that failed to close.
        }
    }
}
