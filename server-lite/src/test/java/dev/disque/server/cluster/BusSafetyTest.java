/*
 * BusSafetyTest: the cluster bus port faces the network, so whatever a
 * peer sends must cost it its link, never the node: garbage, oversized and
 * truncated frames close that link and are logged, and a node that does
 * not know the cluster-password is refused.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.RespClient;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BusSafetyTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** Sends bytes to the bus port and returns true if the node closed the connection. */
    private static boolean sendAndExpectClose(int busPort, byte[] bytes) throws Exception {
        try (Socket s = new Socket("127.0.0.1", busPort)) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (java.net.SocketException reset) {
                    return true;
                }
                if (n < 0) return true;
            }
        }
    }

    private static byte[] header(long length, int type) {
        return ByteBuffer.allocate(8).putInt((int) length).put((byte) 'D').put((byte) 'B').put((byte) 1)
                .put((byte) type).array();
    }

    @Test
    void malformedFramesCloseTheLinkAndTheNodeGoesOn(@TempDir Path dir) throws Exception {
        try (ClusterHarness c = ClusterHarness.start(dir, 2)) {
            c.meetChain();
            c.awaitFullMesh(WAIT);
            ClusterHarness.Member m = c.get(0);
            int bus = m.port + 10000;
            byte[] garbage = new byte[64 * 1024];
            new Random(7).nextBytes(garbage);
            assertTrue(sendAndExpectClose(bus, garbage), "garbage closes the link");
            // The link closes as it is refused, and the loop reads the next command only after the
            // close was handled: by then the rest of the garbage has been dropped, not decoded again.
            assertEquals(new RespClient.Status("PONG"), m.call("ping"));
            assertEquals(1, m.output().split("malformed frame: bad magic", -1).length - 1, m.output());
            assertTrue(sendAndExpectClose(bus, header(0x7fff_fff0L, 1)), "an oversized PING is refused by its header");
            assertTrue(sendAndExpectClose(bus, header(0xffff_ffffL, 5)), "an oversized REPLJOB is refused by its header");
            assertTrue(sendAndExpectClose(bus, header(3, 1)), "a frame shorter than a header");
            byte[] unknownType = new byte[8 + 46];
            System.arraycopy(header(50, 77), 0, unknownType, 0, 8);
            assertTrue(sendAndExpectClose(bus, unknownType), "an unknown message type");
            // A well-formed header whose sender ID is not hex.
            byte[] badId = new byte[8 + 46];
            System.arraycopy(header(50, 1), 0, badId, 0, 8);
            assertTrue(sendAndExpectClose(bus, badId), "a bad sender ID");
            // A peer that stops in the middle of a frame: the link is closed once it is idle
            // for twice the node timeout, without waiting for the rest.
            byte[] partial = new byte[8 + 20];
            System.arraycopy(header(100, 1), 0, partial, 0, 8);
            assertTrue(sendAndExpectClose(bus, partial), "an abandoned partial frame");
            // A peer that vanishes in the middle of a frame.
            try (Socket s = new Socket("127.0.0.1", bus)) {
                s.getOutputStream().write(header(100_000, 5));
                s.getOutputStream().write(new byte[500]);
            }
            assertEquals(new RespClient.Status("PONG"), m.call("ping"));
            assertTrue(m.output().contains("malformed frame"), m.output());
            c.awaitFullMesh(WAIT);
            Object r = m.call("addjob", "q", "still replicating", "5000", "replicate", "2");
            assertTrue(r instanceof RespClient.Status, String.valueOf(r));
        }
    }

    @Test
    void aPeerWithoutTheClusterPasswordIsRefused(@TempDir Path dir) throws Exception {
        try (ClusterHarness c = ClusterHarness.start(dir, 0)) {
            ClusterHarness.Member a = c.add("cluster-password s3cret");
            ClusterHarness.Member b = c.add("cluster-password s3cret");
            ClusterHarness.Member wrong = c.add("cluster-password other");
            ClusterHarness.Member none = c.add();
            b.call("cluster", "meet", "127.0.0.1", a.port);
            ClusterHarness.await("a and b join", WAIT, () -> a.reachableNodes() == 1 && b.reachableNodes() == 1);

            // Before it authenticates, a stranger cannot announce a job-sized frame.
            assertTrue(sendAndExpectClose(a.port + 10000, header(10_000_000, 5)), "a large frame before authenticating");

            wrong.call("cluster", "meet", "127.0.0.1", a.port);
            none.call("cluster", "meet", "127.0.0.1", a.port);
            ClusterHarness.await("both handshakes are given up", WAIT,
                    () -> wrong.knownNodes() == 1 && none.knownNodes() == 1);
            assertEquals(2, a.knownNodes());
            assertEquals(2, b.knownNodes());
            ClusterHarness.await("the refusals are logged", WAIT, () -> a.output().contains("wrong cluster-password")
                    && a.output().contains("did not authenticate"));
            assertTrue(none.output().contains("requires a cluster-password"), none.output());
        }
    }
}
