/*
 * MembershipTest: nodes find each other and notice failures, on real
 * disque-server processes: a chain of MEETs becomes a full mesh, killed
 * nodes are flagged fail? then fail, and the flags clear when they come
 * back with the same ID from nodes.conf, with no MEET.
 */
package dev.disque.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.RespClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MembershipTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aChainOfMeetsBecomesAFullMeshAndFailuresAreDetectedAndCleared(@TempDir Path dir) throws Exception {
        try (ClusterHarness c = ClusterHarness.start(dir, 7)) {
            c.meetChain();
            c.awaitFullMesh(WAIT);

            ClusterHarness.Member a = c.get(2);
            ClusterHarness.Member b = c.get(5);
            a.kill();
            b.kill();
            for (ClusterHarness.Member m : c.members()) {
                if (!m.alive()) continue;
                ClusterHarness.await("node " + m.index + " flags both killed nodes fail", WAIT,
                        () -> "fail".equals(m.flagsOf(a.id)) && "fail".equals(m.flagsOf(b.id)));
                ClusterHarness.await("node " + m.index + " reaches only the live nodes", WAIT,
                        () -> m.reachableNodes() == 4);
                List<?> hello = (List<?>) m.call("hello");
                assertEquals(7, hello.size() - 2, "HELLO still lists every node");
                for (Object o : hello.subList(2, hello.size())) {
                    List<?> node = (List<?>) o;
                    if (node.get(0).equals(a.id) || node.get(0).equals(b.id)) assertEquals("100", node.get(3));
                }
            }

            // Back with the same directory: the same ID, the peers from nodes.conf, no MEET.
            String oldId = a.id;
            a.start();
            b.start();
            assertEquals(oldId, a.id);
            c.awaitFullMesh(WAIT);
            for (ClusterHarness.Member m : c.members()) {
                assertEquals("noflags", m.flagsOf(a.id).replace("myself", "noflags"));
                assertEquals("noflags", m.flagsOf(b.id).replace("myself", "noflags"));
            }
        }
    }

    @Test
    void resetHardForgetsEverythingAndTheNodeCanBeMetAgain(@TempDir Path dir) throws Exception {
        try (ClusterHarness c = ClusterHarness.start(dir, 3)) {
            c.meetChain();
            c.awaitFullMesh(WAIT);
            ClusterHarness.Member x = c.get(2);
            String before = x.id;
            x.call("addjob", "q", "body", "0", "replicate", "1");
            assertEquals(new RespClient.Status("OK"), x.call("cluster", "reset", "hard"));
            String after = (String) x.call("cluster", "myid");
            assertNotEquals(before, after, "HARD takes a new ID");
            assertEquals(1, x.knownNodes());
            assertEquals(0L, x.call("qlen", "q"), "RESET also drops the jobs");
            x.id = after;

            assertEquals(new RespClient.Status("OK"), x.call("cluster", "meet", "127.0.0.1", c.get(0).port));
            ClusterHarness.await("the others learn the new ID", WAIT, () ->
                    c.get(0).flagsOf(after) != null && c.get(1).flagsOf(after) != null && x.knownNodes() >= 3);
            ClusterHarness.await("the reset node reaches both others", WAIT, () -> x.reachableNodes() == 2);
        }
    }

    @Test
    void clusterCommandsAnswerLikeTheOriginal(@TempDir Path dir) throws Exception {
        try (ClusterHarness c = ClusterHarness.start(dir, 1)) {
            ClusterHarness.Member m = c.get(0);
            assertEquals(new RespClient.Err("ERR Invalid TCP port specified: x"), m.call("cluster", "meet", "127.0.0.1", "x"));
            assertEquals(new RespClient.Err("ERR Invalid node address specified: nohost:7711"),
                    m.call("cluster", "meet", "nohost", "7711"));
            assertEquals(new RespClient.Err("ERR Invalid node identifier"), m.call("cluster", "forget", "abc"));
            String unknown = "0123456789012345678901234567890123456789";
            assertEquals(new RespClient.Err("ERR Unknown node " + unknown), m.call("cluster", "forget", unknown));
            assertEquals(new RespClient.Err("ERR I tried hard but I can't forget myself..."),
                    m.call("cluster", "forget", m.id));
            assertEquals(new RespClient.Status("OK"), m.call("cluster", "saveconfig"));
            String conf = java.nio.file.Files.readString(m.dir.resolve("nodes.conf"));
            assertTrue(conf.startsWith(m.id + " 127.0.0.1:" + m.port + "@" + (m.port + 10000) + " myself"), conf);
            String info = (String) m.call("cluster", "info");
            assertTrue(info.contains("cluster_known_nodes:1\r\ncluster_reachable_nodes:0\r\ncluster_size:1\r\n"), info);
        }
    }
}
