/*
 * ReplicatedMailTest: the README's example of a user's test against an
 * embedded cluster, verbatim, so the README cannot drift from what works.
 */
package dev.disque.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.client.args.AddJobArgs;
import dev.disque.server.DisqueServer;
import java.util.List;
import org.junit.jupiter.api.Test;

@EmbeddedDisque(nodes = 3)
class ReplicatedMailTest {
    @Test
    void everyNodeKeepsACopy(List<DisqueServer> nodes, StatefulDisqueConnection<String, String> disque) {
        String id = disque.sync().addjob("emails", "welcome ada@example.org", AddJobArgs.Builder.replicate(3));

        for (DisqueServer node : nodes) {
            // A client of that node alone: SHOW answers from the node's own copy.
            DisqueClient client = DisqueClient.create(DisqueURI.create("127.0.0.1", node.port()));
            try (StatefulDisqueConnection<String, String> one = client.connect()) {
                assertEquals("welcome ada@example.org", one.sync().show(id).body());
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    @EmbeddedDisque(nodes = 2, config = "requirepass s3cret")
    void withAClusterOfItsOwn(DisqueURI uri, StatefulDisqueConnection<String, String> disque) {
        // A fresh two-node cluster for this test: the URI lists both nodes, HELLO shows them joined.
        assertEquals(2, uri.getNodes().size());
        assertEquals(2, disque.sync().hello().nodes().size());
    }
}
