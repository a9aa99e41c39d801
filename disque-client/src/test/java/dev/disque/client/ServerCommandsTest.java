// Server, cluster and config commands (HELLO, INFO, PING, CLUSTER ..., CONFIG ..., SHUTDOWN) and the raw dispatch.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.model.Hello;
import dev.disque.client.model.HelloNode;
import dev.disque.client.model.Reply;
import dev.disque.server.DisqueServer;
import io.lettuce.core.RedisCommandExecutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerCommandsTest extends ClientFixture {

    @Test
    void helloListsThisNode() {
        Hello h = sync.hello();
        assertEquals(1, h.version());
        assertEquals(server.nodeId(), h.myId());
        HelloNode me = h.myself();
        assertEquals(new HelloNode(server.nodeId(), "127.0.0.1", server.port(), 1), me);
        assertEquals(List.of(me), h.nodes());
    }

    @Test
    void infoAndPing() {
        assertEquals("PONG", sync.ping());
        assertTrue(sync.info().contains("# Server"));
        sync.addjob("q", "x");
        String jobs = sync.info("jobs");
        assertTrue(jobs.contains("registered_jobs:1"), jobs);
        assertFalse(jobs.contains("# Server"));
    }

    @Test
    void clusterCommands() {
        assertEquals(server.nodeId(), sync.clusterMyId());
        assertTrue(sync.clusterNodes().startsWith(server.nodeId() + " "), sync.clusterNodes());
        assertTrue(sync.clusterInfo().contains("cluster_known_nodes:1"));
        assertFalse(sync.clusterLeaving());
        assertEquals("OK", sync.clusterLeaving(true));
        assertTrue(sync.clusterLeaving());
        assertEquals("OK", sync.clusterLeaving(false));
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> sync.clusterForget(server.nodeId()));
        assertTrue(e.getMessage().startsWith("ERR "), e.getMessage());
        assertThrows(RedisCommandExecutionException.class, () -> sync.clusterForget("short"));
        assertThrows(RedisCommandExecutionException.class, () -> sync.clusterMeet("127.0.0.1", -5));
    }

    @Test
    void configGetSetResetstat() {
        assertEquals("OK", sync.configSet("hz", "20"));
        assertEquals(Map.of("hz", "20"), sync.configGet("hz"));
        Map<String, String> many = sync.configGet("maxmemory*");
        assertEquals(java.util.Set.of("maxmemory", "maxmemory-samples", "maxmemory-policy"), many.keySet());
        assertEquals(Map.of(), sync.configGet("no-such-*"));
        assertEquals("OK", sync.configResetstat());
    }

    @Test
    void configRewriteNeedsAConfigFile(@TempDir Path dir) throws Exception {
        assertThrows(RedisCommandExecutionException.class, () -> sync.configRewrite());
        Path conf = dir.resolve("disque.conf");
        Files.writeString(conf, "hz 10\n");
        DisqueServer withFile = newServer(DisqueServer.builder().port(0).configFile(conf));
        try (StatefulDisqueConnection<String, String> c = newClient(DisqueURI.create("127.0.0.1", withFile.port()))
                .connect()) {
            c.sync().configSet("hz", "33");
            assertEquals("OK", c.sync().configRewrite());
        }
        assertTrue(Files.readString(conf).contains("hz 33"), Files.readString(conf));
    }

    @Test
    void shutdownStopsTheNode() throws Exception {
        DisqueServer victim = newServer(DisqueServer.builder().port(0));
        StatefulDisqueConnection<String, String> c = newClient(DisqueURI.create("127.0.0.1", victim.port())).connect();
        c.sync().shutdown();
        victim.terminated().get(10, TimeUnit.SECONDS);
        c.closeAsync();
    }

    @Test
    void dispatchReturnsTheRawReplyTree() {
        assertEquals(new Reply.Status("PONG"), sync.dispatch("PING"));
        assertEquals(new Reply.Bulk("hi"), sync.dispatch("ping", "hi"));
        Reply add = sync.dispatch("ADDJOB", "q", "body", "0");
        assertInstanceOf(Reply.Status.class, add);
        String id = ((Reply.Status) add).text();
        assertEquals(new Reply.Int(1), sync.dispatch("QLEN", "q"));
        Reply.Array jobs = (Reply.Array) sync.dispatch("GETJOB", "NOHANG", "WITHCOUNTERS", "FROM", "q");
        Reply.Array job = (Reply.Array) jobs.get(0);
        assertEquals(List.of(new Reply.Bulk("q"), new Reply.Bulk(id), new Reply.Bulk("body"), new Reply.Bulk("nacks"),
                new Reply.Int(0), new Reply.Bulk("additional-deliveries"), new Reply.Int(0)), job.elements());
        assertEquals(Reply.NIL_ARRAY, sync.dispatch("GETJOB", "NOHANG", "FROM", "q"));
        assertEquals(Reply.NIL_ARRAY, sync.dispatch("QSTAT", "nothing"));
        Reply err = sync.dispatch("ACKJOB", "bad");
        assertEquals("BADID", ((Reply.Error) err).code());
        Reply unknown = sync.dispatch("FOO", "bar");
        assertTrue(((Reply.Error) unknown).message().startsWith("ERR unknown command 'FOO'"), unknown.toString());
        Reply show = sync.dispatch("SHOW", id);
        Reply.Array fields = (Reply.Array) show;
        assertEquals(30, fields.size());
        assertTrue(fields.elements().contains(Reply.NIL) || fields.elements().stream().anyMatch(r -> r instanceof Reply.Int));
        assertEquals(new Reply.Array(List.of()), sync.dispatch("QPEEK", "empty", "1"));
        assertNull(sync.show("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0001"));
    }

    @Test
    void dispatchBlockingGetjobWaitsPastTheCommandTimeout() throws Exception {
        var pending = connection.async().dispatch("GETJOB", "TIMEOUT", "0", "FROM", "later");
        await("GETJOB blocked", () -> sync.qstat("later") != null && sync.qstat("later").blocked() == 1);
        sync.addjob("later", "now");
        Reply.Array jobs = (Reply.Array) pending.get(10, TimeUnit.SECONDS);
        assertEquals(1, jobs.size());
    }
}
