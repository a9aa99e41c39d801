/*
 * PortGate: holds a port while its server is down, accepting and at once
 * closing every connection, and counts them. A test that sees the count
 * grow knows the client kept trying while no node answered, without
 * guessing how long that takes.
 */
package dev.disque.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

final class PortGate implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread thread;

    PortGate(int port) throws IOException {
        socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        thread = new Thread(this::run, "port-gate-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                accepted.incrementAndGet();
                s.shutdownOutput();
            } catch (IOException e) {
                // closed: the gate is lifted
            }
        }
    }

    /** Connections accepted (and dropped) so far. */
    int accepted() {
        return accepted.get();
    }

    /** Frees the port; returns once the accepting thread has stopped. */
    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
