/*
 * ReconnectTest: the shell without a server shows "not connected> " and
 * says why; the next command connects once a server is there; a connection
 * the server dropped is reopened transparently; a server that went away
 * leaves the shell running, not connected.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.CliFixture;
import dev.disque.server.DisqueServer;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ReconnectTest extends CliFixture {
    @Test
    void connectsOnTheNextCommandOnceTheServerIsUp() throws Exception {
        int p;
        try (ServerSocket s = new ServerSocket(0)) {
            p = s.getLocalPort();
        }
        try (TermHarness t = new TermHarness(p, null)) {
            t.awaitText(0, "Could not connect to Disque at 127.0.0.1:" + p + ": Connection refused");
            t.awaitText(0, "not connected> ");
            int m = t.mark();
            t.type("ping\r");
            t.awaitText(m, "Could not connect to Disque at 127.0.0.1:" + p);
            t.awaitText(m, "not connected> ");
            try (DisqueServer second = DisqueServer.builder().port(p).build().start()) {
                assertEquals(p, second.port());
                m = t.mark();
                t.type("ping\r");
                t.awaitText(m, "PONG");
                t.awaitText(m, "127.0.0.1:" + p + "> ");
                m = t.mark();
                t.type("quit\r");
                t.awaitExit();
            }
        }
    }

    @Test
    void aConnectionTheServerDroppedIsReopened() throws Exception {
        try (TermHarness t = new TermHarness(port, null)) {
            int m = t.mark();
            t.type("client setname repl-under-test\r");
            t.awaitText(m, "OK");
            assertTrue(call("CLIENT", "KILL", "TYPE", "normal").asText().matches("[1-9][0-9]*"));
            m = t.mark();
            t.type("ping\r");
            t.awaitText(m, "PONG");
            assertTrue(!t.since(m).contains("Error"), t.since(m));
        }
    }

    @Test
    void aServerThatWentAwayLeavesTheShellNotConnected() throws Exception {
        DisqueServer other = DisqueServer.builder().port(0).build().start();
        int p = other.port();
        try (TermHarness t = new TermHarness(p, null)) {
            t.awaitText(0, "127.0.0.1:" + p + "> ");
            other.close();
            int m = t.mark();
            t.type("ping\r");
            t.awaitText(m, "not connected> ");
            assertTrue(t.since(m).contains("Could not connect to Disque at 127.0.0.1:" + p)
                    || t.since(m).contains("Error: "), t.since(m));
            m = t.mark();
            t.type("connect 127.0.0.1 " + port + "\r");
            t.awaitText(m, "127.0.0.1:" + port + "> ");
            m = t.mark();
            t.type("ping\r");
            t.awaitText(m, "PONG");
        }
    }
}
