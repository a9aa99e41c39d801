/*
 * TcpProxy: a loopback TCP proxy in front of an embedded server, for tests.
 * It records every byte clients send (to check the handshake), can hold
 * client-to-server traffic (a command is then "sent" but not delivered) and
 * can cut every connection (a node that vanishes mid-command).
 */
package dev.disque.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
    private final Object holdLock = new Object();
    private boolean holding;
    private volatile boolean closed;
    private volatile long bytesHeld;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean record) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (record) {
                        synchronized (recorded) {
                            recorded.write(buf, 0, n);
                        }
                        synchronized (holdLock) {
                            while (holding && !closed) {
                                bytesHeld += n;
                                holdLock.wait();
                            }
                        }
                        // Held bytes of a closed proxy are dropped, never delivered late.
                        if (closed) return;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // connection gone
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Stops forwarding what clients send (replies still flow). */
    void hold() {
        synchronized (holdLock) {
            holding = true;
            bytesHeld = 0;
        }
    }

    /** @return true once some client bytes were held back */
    boolean holdingSomething() {
        return bytesHeld > 0;
    }

    /** Forwards again. */
    void release() {
        synchronized (holdLock) {
            holding = false;
            holdLock.notifyAll();
        }
    }

    /** Cuts every proxied connection (new ones are still accepted). */
    void cutAll() {
        for (Socket s : sockets) closeQuietly(s);
        sockets.clear();
    }

    /** @return every command clients sent, as lists of arguments */
    List<List<String>> commands() {
        byte[] data;
        synchronized (recorded) {
            data = recorded.toByteArray();
        }
        List<List<String>> out = new ArrayList<>();
        int i = 0;
        while (i < data.length && data[i] == '*') {
            int eol = indexOfCrlf(data, i);
            if (eol < 0) break;
            int n = Integer.parseInt(new String(data, i + 1, eol - i - 1, StandardCharsets.US_ASCII));
            i = eol + 2;
            List<String> cmd = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int e = indexOfCrlf(data, i);
                int len = Integer.parseInt(new String(data, i + 1, e - i - 1, StandardCharsets.US_ASCII));
                cmd.add(new String(data, e + 2, len, StandardCharsets.UTF_8));
                i = e + 2 + len + 2;
            }
            out.add(cmd);
        }
        return out;
    }

    private static int indexOfCrlf(byte[] d, int from) {
        for (int i = from; i + 1 < d.length; i++) {
            if (d[i] == '\r' && d[i + 1] == '\n') return i;
        }
        return -1;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // ignore
        }
    }

    @Override
    public void close() {
        closed = true;
        release();
        closeQuietly(listener);
        cutAll();
    }

    private static void closeQuietly(ServerSocket s) {
        try {
            s.close();
        } catch (IOException e) {
            // ignore
        }
    }
}
