/*
 * ClusterTablesReplTest: in the shell, CLUSTER NODES and HELLO of a real
 * two-node cluster (embedded servers in this JVM, joined with CLUSTER MEET
 * and awaited by polling CLUSTER NODES) are shown as tables with headings
 * and named priorities; with --raw the same commands print the server's
 * reply untouched, as scripts expect.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.CliFixture;
import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.cli.render.ReplyRenderer;
import dev.disque.server.DisqueServer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterTablesReplTest {
    static DisqueServer a;
    static DisqueServer b;
    static String idA;
    static String idB;

    @BeforeAll
    static void cluster() throws IOException {
        a = DisqueServer.builder().port(0).build().start();
        b = DisqueServer.builder().port(0).build().start();
        Reply met = call(b, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(a.port()), Integer.toString(a.clusterPort()));
        assertFalse(met.isError(), met.asText());
        idA = call(a, "CLUSTER", "MYID").asText();
        idB = call(b, "CLUSTER", "MYID").asText();
        // Linked both ways: each lists the other as connected with no flag.
        CliFixture.await("the two nodes to link", Duration.ofSeconds(60), () -> linked(a, idB) && linked(b, idA));
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    static Reply call(DisqueServer s, String... args) throws IOException {
        try (RespConnection c = RespConnection.open("127.0.0.1", s.port(), 5000)) {
            return c.call(args);
        }
    }

    static boolean linked(DisqueServer s, String peer) {
        try {
            for (String line : call(s, "CLUSTER", "NODES").asText().split("\n")) {
                if (line.startsWith(peer + " ") && line.contains(" noflags ") && line.endsWith(" connected")) return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void clusterNodesAndHelloAreTables() throws Exception {
        try (TermHarness t = new TermHarness(a.port(), null)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("cluster nodes\r");
            t.awaitText(m, "ID                                        ADDRESS");
            t.awaitText(m, "FLAGS    PING-SENT  PONG-RECEIVED  LINK");
            t.awaitText(m, idA + "  127.0.0.1:" + a.port() + "  myself ");
            t.awaitText(m, idB + "  127.0.0.1:" + b.port() + "  noflags ");
            m = t.mark();
            t.type("hello\r");
            t.awaitText(m, "HELLO version 1, this node " + idA);
            t.awaitText(m, "PRIORITY");
            t.awaitText(m, idA + "  127.0.0.1:" + a.port() + "  1 (healthy)  myself");
            t.awaitText(m, idB + "  127.0.0.1:" + b.port() + "  1 (healthy)");
            assertFalse(t.since(m).contains("1) (integer) 1"), t.since(m));
        }
    }

    @Test
    void rawKeepsTheRepliesAsTheyAre() throws Exception {
        try (TermHarness t = new TermHarness(a.port(), null, 0, ReplyRenderer.Format.RAW)) {
            t.awaitText(0, "> ");
            int m = t.mark();
            t.type("cluster nodes\r");
            t.awaitText(m, idA + " 127.0.0.1:" + a.port() + " myself ");
            assertFalse(t.since(m).contains("PING-SENT"), t.since(m));
            m = t.mark();
            t.type("hello\r");
            t.awaitText(m, "1\n" + idA + "\n");
            t.awaitText(m, idB + "\n127.0.0.1\n" + b.port() + "\n1\n");
            assertTrue(!t.since(m).contains("healthy"), t.since(m));
        }
    }
}
