/*
 * Relay: a real socket the CLI can reach in ways the test server cannot be
 * reached yet, each accepted connection piped both ways to the server's
 * TCP port: a Unix domain socket (for -s) or a TLS listener (for --tls).
 * Two pump threads per connection; close() stops accepting and ends every
 * connection.
 */
package dev.disque.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

final class Relay implements AutoCloseable {
    /** One accepted client connection. */
    private interface Conn extends Closeable {
        InputStream in() throws IOException;

        OutputStream out() throws IOException;
    }

    @FunctionalInterface
    private interface Acceptor {
        Conn accept() throws IOException;
    }

    private final Closeable listener;
    private final int targetPort;
    private final List<Closeable> open = new CopyOnWriteArrayList<>();
    private final Thread acceptThread;
    private final int tlsPort;

    private Relay(Closeable listener, Acceptor acceptor, int targetPort, int tlsPort) {
        this.listener = listener;
        this.targetPort = targetPort;
        this.tlsPort = tlsPort;
        acceptThread = new Thread(() -> acceptLoop(acceptor), "relay-accept");
        acceptThread.setDaemon(true);
        acceptThread.start();
    }

    /** A Unix domain socket at {@code path} that leads to the TCP port. */
    static Relay unix(Path path, int targetPort) throws IOException {
        ServerSocketChannel ssc = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        ssc.bind(UnixDomainSocketAddress.of(path));
        return new Relay(ssc, () -> {
            SocketChannel ch = ssc.accept();
            // Not Channels.newInputStream/newOutputStream: on a blocking channel they share one lock, so a
            // read waiting for data would hold up every write in the other direction.
            return new Conn() {
                public InputStream in() {
                    return new InputStream() {
                        @Override
                        public int read() throws IOException {
                            byte[] one = new byte[1];
                            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                        }

                        @Override
                        public int read(byte[] b, int off, int len) throws IOException {
                            return ch.read(ByteBuffer.wrap(b, off, len));
                        }
                    };
                }

                public OutputStream out() {
                    return new OutputStream() {
                        @Override
                        public void write(int b) throws IOException {
                            write(new byte[] {(byte) b}, 0, 1);
                        }

                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                            while (buf.hasRemaining()) ch.write(buf);
                        }
                    };
                }

                public void close() throws IOException {
                    ch.close();
                }
            };
        }, targetPort, -1);
    }

    /** A TLS listener on a free port of 127.0.0.1 (see {@link #port()}) that leads to the TCP port. */
    static Relay tls(SSLContext ctx, int targetPort) throws IOException {
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        return new Relay(ss, () -> {
            Socket s = ss.accept();
            return new Conn() {
                public InputStream in() throws IOException {
                    return s.getInputStream();
                }

                public OutputStream out() throws IOException {
                    return s.getOutputStream();
                }

                public void close() throws IOException {
                    s.close();
                }
            };
        }, targetPort, ss.getLocalPort());
    }

    int port() {
        return tlsPort;
    }

    private void acceptLoop(Acceptor acceptor) {
        while (true) {
            Conn c;
            try {
                c = acceptor.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(c);
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(server);
                pump(c.in(), server.getOutputStream(), c, server);
                pump(server.getInputStream(), c.out(), c, server);
            } catch (IOException e) {
                closeQuietly(c);
            }
        }
    }

    private void pump(InputStream from, OutputStream to, Closeable a, Closeable b) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // one side went away: end both
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "relay-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Closeable c : open) closeQuietly(c);
        try {
            acceptThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
