/*
 * UnixSocketClientTest: a client reaches a node over its Unix domain socket
 * (the server's unixsocket directive), with a disque-socket:// URI or the
 * builder, and adds, fetches and acknowledges a job there.
 */
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.GetJobArgs;
import dev.disque.client.cluster.NodeAddress;
import dev.disque.client.model.Job;
import dev.disque.client.model.Reply;
import dev.disque.server.DisqueServer;
import io.netty.channel.epoll.Epoll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketClientTest extends ClientFixture {
    @TempDir
    Path dir;

    @BeforeAll
    static void needsEpoll() {
        Assumptions.assumeTrue(Epoll.isAvailable(), "Unix sockets need Netty's epoll transport");
    }

    private Path socket() {
        return dir.resolve("disque.sock");
    }

    @Override
    protected DisqueServer.Builder serverBuilder() {
        return super.serverBuilder().config("dir", dir.toString()).config("unixsocket", socket().toString())
                .config("unixsocketperm", "700");
    }

    @Override
    protected DisqueURI uri() {
        return DisqueURI.builder().withSocket(socket()).withTimeout(Duration.ofSeconds(5)).build();
    }

    @Test
    void addGetAckOverTheSocket() {
        assertEquals(NodeAddress.unixSocket(socket().toString()), connection.getCurrentNode().address());
        String id = sync.addjob("q", "over the socket");
        List<Job<String, String>> jobs = sync.getjob(GetJobArgs.Builder.nohang(), "q");
        assertEquals(List.of(new Job<>("q", id, "over the socket")), jobs);
        assertEquals(1L, sync.ackjob(id));
        assertEquals(0L, sync.qlen("q"));
        // The server sees a Unix socket client, not a TCP one.
        String clients = ((Reply.Bulk) sync.dispatch("CLIENT", "LIST")).asString();
        assertTrue(clients.contains("addr=" + socket() + ":0"), clients);
        assertEquals(1, connection.getNodes().size(), "the node is known once, by its socket");
    }

    @Test
    void aSocketUriStringConnectsToo() {
        DisqueURI u = DisqueURI.create("disque-socket://" + socket() + "?timeout=5s");
        assertEquals("disque-socket://" + socket(), u.toString());
        try (StatefulDisqueConnection<String, String> c = newClient(u).connect()) {
            String id = c.sync().addjob("q2", "body");
            assertEquals(id, c.sync().getjob(GetJobArgs.Builder.nohang(), "q2").get(0).id());
            assertEquals(1L, c.sync().ackjob(id));
        }
    }
}
