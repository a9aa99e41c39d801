/*
 * CloseClosesClientsTest: closing an embedded server closes its clients'
 * connections, so a client waiting for a reply sees the end of the stream
 * instead of hanging. (Stopping the event loop alone left accepted sockets
 * open about half the time.)
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CloseClosesClientsTest {
    @Test
    void clientsSeeTheConnectionClose() throws Exception {
        for (int i = 0; i < 20; i++) {
            DisqueServer server = DisqueServer.builder().port(0).build().start();
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                assertEquals("+PONG\r\n", new String(in.readNBytes(7), StandardCharsets.US_ASCII));
                server.close();
                s.setSoTimeout(5000); // a hang fails the test instead of blocking it
                assertEquals(-1, in.read(), "round " + i);
            }
        }
    }
}
