/*
 * ClientSupport: everything the extension does with disque-client, kept in
 * one class that is loaded only when a test asks for a client type. The
 * dependency is optional, so DisqueExtension names these types only as
 * strings and a test class path without Lettuce never loads them.
 */
package dev.disque.junit;

import dev.disque.client.DisqueClient;
import dev.disque.client.DisqueURI;
import dev.disque.client.StatefulDisqueConnection;
import dev.disque.server.DisqueServer;
import java.util.List;

final class ClientSupport {
    static final String URI = "dev.disque.client.DisqueURI";
    static final String CLIENT = "dev.disque.client.DisqueClient";
    static final String CONNECTION = "dev.disque.client.StatefulDisqueConnection";

    private ClientSupport() {
    }

    /** The servers' URI and the client made for it; closing shuts the client (and its connections) down. */
    static final class Client implements AutoCloseable {
        final DisqueURI uri;
        final DisqueClient client;

        Client(DisqueURI uri, DisqueClient client) {
            this.uri = uri;
            this.client = client;
        }

        @Override
        public void close() {
            client.shutdown();
        }
    }

    /** Every server as a node of one URI, in order (disque://127.0.0.1:p1,127.0.0.1:p2,...), with requirepass. */
    static DisqueURI uriOf(List<DisqueServer> servers) {
        DisqueURI.Builder b = DisqueURI.builder();
        for (DisqueServer s : servers) b.withNode("127.0.0.1", s.port());
        String password = servers.get(0).config().get("requirepass");
        if (!password.isEmpty()) b.withPassword(password);
        return b.build();
    }

    static Client clientFor(List<DisqueServer> servers) {
        DisqueURI uri = uriOf(servers);
        return new Client(uri, DisqueClient.create(uri));
    }

    /** A new connection; the caller registers it (it is AutoCloseable) to be closed with the test that asked. */
    static StatefulDisqueConnection<String, String> connect(Client client) {
        return client.client.connect();
    }
}
