// Every command through the async API (RedisFuture / CompletionStage).
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.api.DisqueAsyncCommands;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.args.JScanArgs;
import dev.disque.client.args.PauseArgs;
import dev.disque.client.args.QScanArgs;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobState;
import dev.disque.client.model.PauseState;
import dev.disque.client.model.Reply;
import dev.disque.server.DisqueServer;
import io.lettuce.core.ScanCursor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncApiTest extends ClientFixture {

    private static <T> T get(CompletionStage<T> f) throws Exception {
        return f.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void jobLifecycle() throws Exception {
        DisqueAsyncCommands<String, String> a = connection.async();
        assertSame(connection, a.getStatefulConnection());
        String id = get(a.addjob("q", "one"));
        String id2 = get(a.addjob("q", "two", AddJobArgs.Builder.retry(20)));
        assertEquals(2L, get(a.qlen("q")));
        assertEquals(id, get(a.qpeek("q", 1)).get(0).id());
        assertEquals(2, get(a.qstat("q")).len());
        assertNull(get(a.qstat("none")));
        List<Job<String, String>> jobs = get(a.getjob(new GetJobArgs().nohang().count(2), "q"));
        assertEquals(2, jobs.size());
        assertEquals(JobState.ACTIVE, get(a.show(id)).state());
        assertNull(get(a.show("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0001")));
        assertEquals(20L, get(a.working(id2)));
        assertEquals(1L, get(a.nack(id)));
        assertEquals(1L, get(a.dequeue(id)));
        assertEquals(1L, get(a.enqueue(id)));
        // A blocking fetch (its own connection) through the async API.
        assertEquals(id, get(a.getjob("q")).get(0).id());
        assertEquals(1L, get(a.ackjob(id)));
        assertEquals(1L, get(a.fastack(id2)));
        String id3 = get(a.addjob("q", "three"));
        assertEquals(1L, get(a.deljob(id3)));
        assertEquals(0L, get(a.qlen("q")));
    }

    @Test
    void scansAndPause() throws Exception {
        DisqueAsyncCommands<String, String> a = connection.async();
        get(a.addjob("q1", "x"));
        get(a.addjob("q2", "y"));
        assertEquals(2, get(a.qscan()).getKeys().size());
        assertEquals(2, get(a.qscan(new QScanArgs().busyloop())).getKeys().size());
        assertEquals(2, get(a.qscan(ScanCursor.INITIAL)).getKeys().size());
        assertEquals(2, get(a.jscan()).getIds().size());
        assertEquals(1, get(a.jscan(JScanArgs.Builder.queue("q1"))).getIds().size());
        assertEquals(1, get(a.jscan(ScanCursor.INITIAL, JScanArgs.Builder.replyAll().queue("q2"))).getJobs().size());
        assertEquals(PauseState.OUT, get(a.pause("q1", PauseArgs.out())));
    }

    @Test
    void serverAndClusterCommands() throws Exception {
        DisqueAsyncCommands<String, String> a = connection.async();
        assertEquals("PONG", get(a.ping()));
        assertEquals(server.nodeId(), get(a.hello()).myId());
        assertTrue(get(a.info()).contains("# Jobs"));
        assertTrue(get(a.info("server")).contains("tcp_port:" + server.port()));
        assertEquals(server.nodeId(), get(a.clusterMyId()));
        assertTrue(get(a.clusterNodes()).contains("myself"));
        assertTrue(get(a.clusterInfo()).contains("cluster_state"));
        assertEquals("OK", get(a.clusterLeaving(true)));
        assertTrue(get(a.clusterLeaving()));
        assertEquals("OK", get(a.clusterLeaving(false)));
        assertFalse(get(a.clusterLeaving()));
        assertEquals(Boolean.TRUE, get(a.clusterForget(server.nodeId()).handle((r, e) -> e != null)));
        // A MEET the server refuses (not an IP address) comes back as a typed error.
        assertEquals(Boolean.TRUE, get(a.clusterMeet("not-an-ip", 7711)
                .handle((r, e) -> e.getCause() instanceof io.lettuce.core.RedisCommandExecutionException
                        || e instanceof io.lettuce.core.RedisCommandExecutionException)));
        assertEquals("OK", get(a.configSet("hz", "15")));
        assertEquals("15", get(a.configGet("hz")).get("hz"));
        assertEquals("OK", get(a.configResetstat()));
        assertEquals(Boolean.TRUE, get(a.configRewrite().handle((r, e) -> e != null)), "no config file: an error");
        assertEquals(new Reply.Int(0), get(a.dispatch("QLEN", "nothing")));
        assertEquals(Boolean.TRUE, get(a.auth("x").handle((r, e) -> e.getMessage().contains("no password is set"))));
        DisqueServer victim = newServer(DisqueServer.builder().port(0));
        try (StatefulDisqueConnection<String, String> c = newClient(DisqueURI.create("127.0.0.1", victim.port())).connect()) {
            assertNull(get(c.async().shutdown(false)));
            victim.terminated().get(10, TimeUnit.SECONDS);
        }
        assertTrue(get(a.getjob(GetJobArgs.Builder.timeout(Duration.ofMillis(10)).nohang(), "q")).isEmpty());
    }
}
