// Cluster awareness with two independent embedded nodes: moving on when a node dies or leaves, retrying only what
// is safe, and never sending an ADDJOB twice without consent.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.GetJobArgs;
import dev.disque.client.cluster.DisqueNode;
import dev.disque.client.cluster.NodeTable;
import dev.disque.client.model.Job;
import dev.disque.server.DisqueServer;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FailoverTest extends ClientFixture {
    private DisqueServer a;
    private DisqueServer b;

    @BeforeEach
    void twoNodes() {
        a = newServer(DisqueServer.builder().port(0));
        b = newServer(DisqueServer.builder().port(0));
    }

    private DisqueURI both(int portA, int portB) {
        return DisqueURI.create("disque://127.0.0.1:" + portA + ",127.0.0.1:" + portB + "?timeout=5s");
    }

    private DisqueServer current(StatefulDisqueConnection<?, ?> c) {
        int port = c.getCurrentNode().address().port();
        return port == a.port() ? a : b;
    }

    private DisqueServer other(DisqueServer s) {
        return s == a ? b : a;
    }

    private static long qlen(DisqueServer s, String queue) {
        return s.inspect(e -> e.queues().length(dev.disque.server.core.ByteString.wrap(queue.getBytes())));
    }

    @Test
    void movesOnWhenTheNodeDies() {
        try (StatefulDisqueConnection<String, String> c = newClient(both(a.port(), b.port())).connect()) {
            assertEquals(2, c.getNodes().size());
            DisqueServer first = current(c);
            first.close();
            assertEquals("PONG", c.sync().ping());
            DisqueServer now = current(c);
            assertNotEquals(first, now);
            String id = c.sync().addjob("q", "after failover");
            assertEquals(1, qlen(now, "q"));
            assertEquals(id, c.sync().getjob(GetJobArgs.Builder.nohang(), "q").get(0).id());
            DisqueNode dead = c.getNodes().stream().filter(n -> n.address().port() == first.port()).findFirst()
                    .orElseThrow();
            assertEquals(NodeTable.FAILED_PRIORITY, dead.priority());
        }
    }

    @Test
    void blockedGetjobIsRetriedOnTheNextNode() throws Exception {
        try (StatefulDisqueConnection<String, String> c = newClient(both(a.port(), b.port())).connect()) {
            DisqueServer first = current(c);
            RedisFuture<List<Job<String, String>>> f = c.async().getjob("jobs");
            await("GETJOB blocked", () -> first.inspect(e -> e.blockedCount()) == 1);
            first.close();
            DisqueServer next = other(first);
            await("GETJOB blocked on the next node", () -> next.inspect(e -> e.blockedCount()) == 1);
            try (StatefulDisqueConnection<String, String> direct =
                    newClient(DisqueURI.create("127.0.0.1", next.port())).connect()) {
                String id = direct.sync().addjob("jobs", "x");
                assertEquals(id, f.get(10, TimeUnit.SECONDS).get(0).id());
            }
        }
    }

    @Test
    void refreshMovesAwayFromALeavingNode() {
        try (StatefulDisqueConnection<String, String> c = newClient(both(a.port(), b.port())).connect()) {
            DisqueServer first = current(c);
            assertEquals("OK", c.sync().clusterLeaving(true));
            assertEquals(100, c.sync().hello().myself().priority());
            c.refreshNodes().join();
            assertEquals(other(first), current(c));
            DisqueNode leaving = c.getNodes().stream().filter(n -> n.address().port() == first.port()).findFirst()
                    .orElseThrow();
            assertEquals(100, leaving.priority());
            assertEquals(first.nodeId(), leaving.id());
            assertTrue(c.sync().addjob("q", "x").startsWith("D-" + other(first).nodeId().substring(0, 8)));
        }
    }

    @Test
    void getjobGetsLeavingAndMovesToAnotherNode() throws Exception {
        try (StatefulDisqueConnection<String, String> c = newClient(both(a.port(), b.port())).connect()) {
            DisqueServer first = current(c);
            DisqueServer next = other(first);
            // Mark the node as leaving behind the client's back: its next blocking GETJOB answers -LEAVING.
            try (StatefulDisqueConnection<String, String> direct =
                    newClient(DisqueURI.create("127.0.0.1", first.port())).connect()) {
                direct.sync().clusterLeaving(true);
            }
            RedisFuture<List<Job<String, String>>> f = c.async().getjob("jobs");
            await("GETJOB moved to the other node", () -> next.inspect(e -> e.blockedCount()) == 1);
            assertEquals(next, current(c));
            c.sync().addjob("jobs", "here");
            assertEquals("here", f.get(10, TimeUnit.SECONDS).get(0).body());
        }
    }

    @Test
    void addjobInFlightIsNotSentAgainWithoutConsent() throws Exception {
        try (TcpProxy pa = new TcpProxy(a.port()); TcpProxy pb = new TcpProxy(b.port())) {
            StatefulDisqueConnection<String, String> c = newClient(both(pa.port(), pb.port())).connect();
            TcpProxy proxy = c.getCurrentNode().address().port() == pa.port() ? pa : pb;
            proxy.hold();
            RedisFuture<String> add = c.async().addjob("q", "once");
            await("ADDJOB on the wire", proxy::holdingSomething);
            proxy.cutAll();
            ExecutionException e = assertThrows(ExecutionException.class, () -> add.get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof RedisException, e.getCause().toString());
            assertEquals(0, qlen(a, "q") + qlen(b, "q"), "the ADDJOB was sent again");
            // The connection itself moves on for the next command.
            proxy.release();
            assertEquals("PONG", c.sync().ping());
            c.close();
        }
    }

    @Test
    void addjobInFlightIsSentAgainWithConsent() throws Exception {
        try (TcpProxy pa = new TcpProxy(a.port()); TcpProxy pb = new TcpProxy(b.port())) {
            DisqueClient client = newClient(both(pa.port(), pb.port()));
            client.setOptions(DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ZERO).retryAddJob(true).build());
            StatefulDisqueConnection<String, String> c = client.connect();
            TcpProxy proxy = c.getCurrentNode().address().port() == pa.port() ? pa : pb;
            proxy.hold();
            RedisFuture<String> add = c.async().addjob("q", "at-least-once");
            await("ADDJOB on the wire", proxy::holdingSomething);
            // The held node vanishes for good: the retry must go to the other one.
            proxy.close();
            String id = add.get(10, TimeUnit.SECONDS);
            assertEquals(1, qlen(a, "q") + qlen(b, "q"));
            assertTrue(id.startsWith("D-"));
            c.close();
        }
    }

    @Test
    void noReachableNodeFailsToConnect() {
        a.close();
        b.close();
        DisqueClient client = newClient(both(a.port(), b.port()));
        assertThrows(io.lettuce.core.RedisConnectionException.class, client::connect);
    }

    @Test
    void periodicRefreshMovesWithoutBeingAsked() {
        DisqueClient client = newClient(both(a.port(), b.port()));
        client.setOptions(DisqueClientOptions.builder().nodeRefreshPeriod(Duration.ofMillis(100)).build());
        try (StatefulDisqueConnection<String, String> c = client.connect()) {
            DisqueServer first = current(c);
            c.sync().clusterLeaving(true);
            await("the periodic HELLO moves the connection", () -> current(c) == other(first));
        }
    }
}
