/*
 * ProtectedModeTest: a node listening on a non-loopback address with no
 * requirepass refuses clients from other addresses with -DENIED, serves
 * loopback clients, and opens with CONFIG SET protected-mode no or a
 * password; DEBUG stays local-only (enable-debug-command local) even then.
 *
 * A second loopback address (127.0.0.2) is still loopback, so the remote
 * client needs a real other address: the server runs in its own network
 * namespace, the client in another, joined by a veth pair (NetworkNamespaces).
 * The same applies to CONFIG SET of a protected config (dir) when
 * enable-protected-configs is local.
 * Where the machine does not allow namespaces (not root, no iproute2, a
 * restricted container) the test is skipped and says why.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtectedModeTest {
    @TempDir
    Path dir;

    @Test
    void remoteClientsAreDeniedUntilTheNodeIsOpened() throws IOException {
        NetworkNamespaces net = NetworkNamespaces.create();
        assumeTrue(net != null, "network namespaces are not available here (needs root and iproute2)");
        try (net; ServerProcess server = ServerProcess.start(NetworkNamespaces.in(net.server), List.of("-Xmx128m"),
                dir, "--bind", net.serverAddress, "127.0.0.1", "--enable-protected-configs", "local")) {
            int port = server.port();
            String remote = NetworkNamespaces.call(net.client, net.serverAddress, port, "PING\r\nQUIT\r\n");
            assertTrue(remote.startsWith("-DENIED Disque is running in protected mode because protected mode is enabled"
                    + " and no password is set."), remote);
            assertTrue(remote.endsWith("to start accepting connections from the outside.\r\n"), remote);
            assertEquals(1, remote.split("\r\n").length, "one error, then the connection closes: " + remote);

            assertEquals("+PONG\r\n+OK\r\n", local(net, port, "PING\r\nQUIT\r\n"), "loopback clients are served");
            assertEquals("+OK\r\n+OK\r\n", local(net, port, "CONFIG SET protected-mode no\r\nQUIT\r\n"));
            assertEquals("+PONG\r\n+OK\r\n",
                    NetworkNamespaces.call(net.client, net.serverAddress, port, "PING\r\nQUIT\r\n"));

            String debug = NetworkNamespaces.call(net.client, net.serverAddress, port, "DEBUG SLEEP 0\r\nQUIT\r\n");
            assertEquals("-ERR DEBUG command not allowed. If the enable-debug-command option is set to \"local\", you"
                    + " can run it from a local connection, otherwise you need to set this option in the configuration"
                    + " file, and then restart the server.\r\n+OK\r\n", debug);
            assertEquals("+OK\r\n+OK\r\n", local(net, port, "DEBUG SLEEP 0\r\nQUIT\r\n"), "DEBUG from loopback");
            // Likewise the protected configs (enable-protected-configs local).
            assertEquals("-ERR CONFIG SET failed (possibly related to argument 'dir') - can't set protected config\r\n"
                    + "+OK\r\n", NetworkNamespaces.call(net.client, net.serverAddress, port,
                    "CONFIG SET dir /tmp\r\nQUIT\r\n"));
            assertEquals("+OK\r\n+OK\r\n", local(net, port, "CONFIG SET dir " + dir + "\r\nQUIT\r\n"));

            // Protected mode back on, but with a password: remote clients are served (and must authenticate).
            assertEquals("+OK\r\n+OK\r\n+OK\r\n",
                    local(net, port, "CONFIG SET protected-mode yes\r\nCONFIG SET requirepass pw\r\nQUIT\r\n"));
            assertEquals("-NOAUTH Authentication required.\r\n+OK\r\n+PONG\r\n+OK\r\n",
                    NetworkNamespaces.call(net.client, net.serverAddress, port, "PING\r\nAUTH pw\r\nPING\r\nQUIT\r\n"));
        }
    }

    private static String local(NetworkNamespaces net, int port, String raw) throws IOException {
        return NetworkNamespaces.call(net.server, "127.0.0.1", port, raw);
    }
}
