/*
 * ClusterNodes: embedded servers on free ports of 127.0.0.1, several in
 * this JVM, for the tests of `disque --cluster`. Each node is named the
 * way an operator names it, host:port@busport (the bus port of a port-0
 * server is not port + 10000). Closed after each test, so that every test
 * starts from empty nodes that know only themselves.
 */
package dev.disque.cli.cluster;

import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.server.DisqueServer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

final class ClusterNodes implements AutoCloseable {
    private final List<DisqueServer> servers = new ArrayList<>();

    ClusterNodes(int n) {
        for (int i = 0; i < n; i++) servers.add(DisqueServer.builder().port(0).build().start());
    }

    DisqueServer server(int i) {
        return servers.get(i);
    }

    int port(int i) {
        return servers.get(i).port();
    }

    /** host:port@busport, as `--cluster create` and `add-node` take it. */
    String address(int i) {
        return "127.0.0.1:" + port(i) + "@" + servers.get(i).clusterPort();
    }

    String hostPort(int i) {
        return "127.0.0.1:" + port(i);
    }

    Reply call(int i, String... args) throws IOException {
        try (RespConnection c = RespConnection.open("127.0.0.1", port(i), 5000)) {
            return c.call(args);
        }
    }

    String id(int i) throws IOException {
        return call(i, "CLUSTER", "MYID").asText();
    }

    /** An INFO field of node i, or null. */
    String info(int i, String section, String field) throws IOException {
        for (String line : call(i, "INFO", section).asText().split("\r\n")) {
            if (line.startsWith(field + ":")) return line.substring(field.length() + 1).trim();
        }
        return null;
    }

    /** Stops node i now (the others see it fail later). */
    void stop(int i) {
        servers.get(i).close();
    }

    @Override
    public void close() {
        for (DisqueServer s : servers) s.close();
    }
}
