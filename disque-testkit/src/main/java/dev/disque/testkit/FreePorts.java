/*
 * FreePorts: a client port for a test node whose cluster bus port
 * (port + 10000, fixed by Disque) is free as well.
 *
 * Every test that starts nodes on fixed ports, embedded or as processes,
 * needs the pair; one place picks it.
 */
package dev.disque.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

public final class FreePorts {
    private FreePorts() {
    }

    /** A free port on the loopback interface whose bus port (port + 10000) is free too. */
    public static int pair() throws IOException {
        for (int i = 0; i < 200; i++) {
            int port;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                port = s.getLocalPort();
            }
            if (port > 65535 - 10000) continue;
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 10000));
                return port;
            } catch (IOException taken) {
                // Its bus port is in use: try another.
            }
        }
        throw new IOException("no free port pair (port, port + 10000) found on the loopback interface");
    }
}
