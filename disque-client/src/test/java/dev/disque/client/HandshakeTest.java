// The connection handshake: RESP2 only, no HELLO 3, no CLIENT SETINFO/SETNAME, AUTH from the URI; then Disque's HELLO.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.GetJobArgs;
import dev.disque.client.cluster.DisqueNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeTest extends ClientFixture {

    @Test
    void sendsOnlyDisqueCommandsWhenConnecting() throws Exception {
        try (TcpProxy proxy = new TcpProxy(server.port())) {
            DisqueClient c = newClient(DisqueURI.create("127.0.0.1", proxy.port()));
            try (StatefulDisqueConnection<String, String> conn = c.connect()) {
                conn.sync().ping();
                // A blocking fetch opens a second connection with its own handshake.
                conn.sync().addjob("q", "x");
                assertEquals(1, conn.sync().getjob(GetJobArgs.Builder.timeout(Duration.ofSeconds(1)), "q").size());
            }
            List<List<String>> sent = proxy.commands();
            for (List<String> cmd : sent) {
                String name = cmd.get(0).toUpperCase();
                assertFalse(name.equals("CLIENT"), "sent " + cmd);
                if (name.equals("HELLO")) assertEquals(1, cmd.size(), "Redis 6 HELLO sent: " + cmd);
            }
            assertEquals(List.of("HELLO"), sent.stream().filter(c2 -> c2.get(0).equals("HELLO")).findFirst().orElseThrow());
            assertTrue(sent.stream().anyMatch(cmd -> cmd.get(0).equals("GETJOB")), sent.toString());
        }
    }

    @Test
    void connectReadsHelloIntoTheNodeTable() {
        DisqueNode node = connection.getCurrentNode();
        assertNotNull(node);
        assertEquals(server.nodeId(), node.id());
        assertEquals(server.port(), node.address().port());
        assertEquals(1, node.priority());
        assertEquals(List.of(node), connection.getNodes());
    }
}
