// Every command through the reactive API (Mono / Flux): lazy until subscribed, empty instead of null.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.api.DisqueReactiveCommands;
import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.args.JScanArgs;
import dev.disque.client.args.PauseArgs;
import dev.disque.client.args.QScanArgs;
import dev.disque.client.error.BadJobIdException;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobState;
import dev.disque.client.model.PauseState;
import dev.disque.client.model.Reply;
import dev.disque.server.DisqueServer;
import io.lettuce.core.ScanCursor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class ReactiveApiTest extends ClientFixture {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void nothingIsSentBeforeSubscription() {
        Mono<String> add = connection.reactive().addjob("q", "lazy");
        assertEquals(0L, sync.qlen("q"));
        add.block(WAIT);
        add.block(WAIT);
        assertEquals(2L, sync.qlen("q"), "each subscription sends again");
    }

    @Test
    void jobLifecycle() {
        DisqueReactiveCommands<String, String> r = connection.reactive();
        assertSame(connection, r.getStatefulConnection());
        String id = r.addjob("q", "one").block(WAIT);
        String id2 = r.addjob("q", "two", AddJobArgs.Builder.retry(20)).block(WAIT);
        assertEquals(2L, r.qlen("q").block(WAIT));
        StepVerifier.create(r.qpeek("q", 2).map(Job::id)).expectNext(id, id2).verifyComplete();
        assertEquals(2, r.qstat("q").block(WAIT).len());
        StepVerifier.create(r.qstat("none")).verifyComplete();
        StepVerifier.create(r.getjob(new GetJobArgs().nohang().count(2), "q").map(Job::body))
                .expectNext("one", "two").verifyComplete();
        assertEquals(JobState.ACTIVE, r.show(id).block(WAIT).state());
        StepVerifier.create(r.show("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0001")).verifyComplete();
        assertEquals(20L, r.working(id2).block(WAIT));
        assertEquals(1L, r.nack(id).block(WAIT));
        assertEquals(1L, r.dequeue(id).block(WAIT));
        assertEquals(1L, r.enqueue(id).block(WAIT));
        StepVerifier.create(r.getjob("q").map(Job::id)).expectNext(id).verifyComplete();
        assertEquals(1L, r.ackjob(id).block(WAIT));
        assertEquals(1L, r.fastack(id2).block(WAIT));
        String id3 = r.addjob("q", "three").block(WAIT);
        assertEquals(1L, r.deljob(id3).block(WAIT));
        StepVerifier.create(r.getjob(GetJobArgs.Builder.nohang(), "q")).verifyComplete();
        StepVerifier.create(r.ackjob("bad")).expectError(BadJobIdException.class).verify(WAIT);
    }

    @Test
    void scansAndPause() {
        DisqueReactiveCommands<String, String> r = connection.reactive();
        r.addjob("q1", "x").block(WAIT);
        r.addjob("q2", "y").block(WAIT);
        assertEquals(2, r.qscan().block(WAIT).getKeys().size());
        assertEquals(2, r.qscan(new QScanArgs().busyloop()).block(WAIT).getKeys().size());
        assertEquals(2, r.qscan(ScanCursor.INITIAL).block(WAIT).getKeys().size());
        assertEquals(2, r.qscan(ScanCursor.INITIAL, QScanArgs.Builder.count(10)).block(WAIT).getKeys().size());
        assertEquals(2, r.jscan().block(WAIT).getIds().size());
        assertEquals(1, r.jscan(JScanArgs.Builder.queue("q1")).block(WAIT).getIds().size());
        assertEquals(2, r.jscan(ScanCursor.INITIAL).block(WAIT).getIds().size());
        assertEquals(1, r.jscan(ScanCursor.INITIAL, JScanArgs.Builder.replyAll().queue("q2")).block(WAIT).getJobs().size());
        assertEquals(List.of("q1", "q2"), r.qscanStream(null).sort().collectList().block(WAIT));
        assertEquals(2, r.jscanStream(null).count().block(WAIT));
        assertEquals(PauseState.ALL, r.pause("q1", PauseArgs.all()).block(WAIT));
    }

    @Test
    void serverAndClusterCommands() throws Exception {
        DisqueReactiveCommands<String, String> r = connection.reactive();
        assertEquals("PONG", r.ping().block(WAIT));
        assertEquals(server.nodeId(), r.hello().block(WAIT).myId());
        assertTrue(r.info().block(WAIT).contains("# Queues"));
        assertTrue(r.info("memory").block(WAIT).contains("used_memory"));
        assertEquals(server.nodeId(), r.clusterMyId().block(WAIT));
        assertTrue(r.clusterNodes().block(WAIT).contains("myself"));
        assertTrue(r.clusterInfo().block(WAIT).contains("cluster_state"));
        assertEquals("OK", r.clusterLeaving(true).block(WAIT));
        assertTrue(r.clusterLeaving().block(WAIT));
        assertEquals("OK", r.clusterLeaving(false).block(WAIT));
        assertFalse(r.clusterLeaving().block(WAIT));
        StepVerifier.create(r.clusterForget(server.nodeId())).expectError().verify(WAIT);
        // A MEET the server refuses (not an IP address) comes back as a typed error.
        StepVerifier.create(r.clusterMeet("not-an-ip", 7711))
                .expectError(io.lettuce.core.RedisCommandExecutionException.class).verify(WAIT);
        assertEquals("OK", r.configSet("hz", "12").block(WAIT));
        assertEquals("12", r.configGet("hz").block(WAIT).get("hz"));
        assertEquals("OK", r.configResetstat().block(WAIT));
        StepVerifier.create(r.configRewrite()).expectError().verify(WAIT);
        StepVerifier.create(r.auth("x")).expectErrorMessage("ERR Client sent AUTH, but no password is set").verify(WAIT);
        assertEquals(new Reply.Status("PONG"), r.dispatch("PING").block(WAIT));
        DisqueServer victim = newServer(DisqueServer.builder().port(0));
        try (StatefulDisqueConnection<String, String> c = newClient(DisqueURI.create("127.0.0.1", victim.port())).connect()) {
            StepVerifier.create(c.reactive().shutdown()).verifyComplete();
            victim.terminated().get(10, TimeUnit.SECONDS);
        }
    }
}
