/*
 * NodesFileTest: nodes.conf as this server writes it, and as the original
 * Disque wrote it (no @busport; ping, pong and link fields after the
 * flags), so that a node moved from the original keeps its ID and peers.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.disque.server.DisqueServer;
import dev.disque.server.RespClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodesFileTest {
    private static final String ME = "52244bf71ec913d969cc2c756cb3eb764556bbf8";
    private static final String PEER = "d3dbbcda0265d6a9c10fc511f80bcf51c0fb786b";
    private static final String OTHER = "0c1814905a5d1fdfd4ad545ef263031ccd5a089c";

    @TempDir
    Path dir;

    private Path write(String... lines) throws IOException {
        Path f = dir.resolve("nodes.conf");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.US_ASCII);
        return f;
    }

    @Test
    void readsTheOriginalsFile() throws IOException {
        Path f = write(ME + " 127.0.0.1:7711 myself 0 0 connected",
                PEER + " 127.0.0.1:7712 noflags 0 1796072467000 connected",
                OTHER + " 127.0.0.1:7713 leaving,fail? 1796072460000 1796072400000 disconnected");
        assertEquals(List.of(
                new NodesFile.Entry(ME, "127.0.0.1", 7711, 17711, true, false),
                new NodesFile.Entry(PEER, "127.0.0.1", 7712, 17712, false, false),
                new NodesFile.Entry(OTHER, "127.0.0.1", 7713, 17713, false, true)), NodesFile.load(f));
    }

    @Test
    void readsItsOwnFileAndAMyselfWithNoAddressYet() throws IOException {
        Path f = write(ME + " :0 myself 0 0 connected", PEER + " 127.0.0.1:7712@20000 noflags");
        assertEquals(List.of(
                new NodesFile.Entry(ME, "", 0, 10000, true, false),
                new NodesFile.Entry(PEER, "127.0.0.1", 7712, 20000, false, false)), NodesFile.load(f));
    }

    @Test
    void refusesADamagedLine() throws IOException {
        Path f = write(ME + " 127.0.0.1 myself");
        IOException e = assertThrows(IOException.class, () -> NodesFile.load(f));
        assertEquals("Unrecoverable error: corrupted cluster config file \"" + f + "\" at line 1: " + ME
                + " 127.0.0.1 myself", e.getMessage());
    }

    @Test
    void aNodeStartedOnTheOriginalsFileKeepsItsIdAndPeers() throws IOException {
        // The peer's bus (port + 10000) is a port just found free: the node's attempts to reach it go nowhere.
        int bus;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            bus = free.getLocalPort();
        }
        int peerPort = bus - 10000;
        write(ME + " :0 myself 0 0 connected", PEER + " 127.0.0.1:" + peerPort + " noflags 0 0 connected");
        try (DisqueServer s = DisqueServer.builder().port(0).config("dir", dir.toString()).build().start();
             RespClient c = new RespClient(s.port())) {
            assertEquals(ME, c.call("CLUSTER", "MYID"));
            String nodes = (String) c.call("CLUSTER", "NODES");
            assertEquals(2, nodes.lines().count(), nodes);
            assertEquals(true, nodes.contains(PEER + " 127.0.0.1:" + peerPort + " "), nodes);
        }
    }
}
