/*
 * MaxClientsTest: with maxclients 3, a fourth connection gets exactly
 * "-ERR max number of clients reached" and is closed without running what
 * it sent; the connected clients keep working and a slot frees up when one
 * of them leaves.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MaxClientsTest extends ServerFixture {
    @Override
    protected DisqueServer.Builder configure(DisqueServer.Builder b) {
        return b.config("maxclients", "3");
    }

    private String rejectedAnswer() throws IOException {
        try (Socket s = Wire.open(server.port())) {
            s.getOutputStream().write(Wire.ascii("ADDJOB q sneaky 0\r\n"));
            return new String(Wire.readUntilClosed(s.getInputStream()), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void extraClientIsRejectedAndOthersKeepWorking() throws IOException {
        RespClient second = newClient();
        RespClient third = newClient();
        Wire.assertPong(second);
        Wire.assertPong(third);
        assertEquals(3L, Wire.info(client, "total_connections_received"));

        assertEquals("-ERR max number of clients reached\r\n", rejectedAnswer());

        Wire.assertPong(client);
        Wire.assertPong(second);
        Wire.assertPong(third);
        assertEquals(0L, call("QLEN", "q"));
        assertEquals(1L, Wire.info(client, "rejected_connections"));
        assertEquals(3L, Wire.info(client, "total_connections_received"), "a rejected connection is not counted");
        assertEquals(3L, Wire.info(client, "connected_clients"), "the rejected client never counts as connected");
        assertEquals(3, Wire.clientList(client));
    }

    @Test
    void slotFreesWhenAClientLeaves() throws IOException {
        RespClient second = newClient();
        newClient();
        assertEquals("-ERR max number of clients reached\r\n", rejectedAnswer());

        second.close();
        await("second client gone", () -> Wire.info(client, "connected_clients") == 2);
        RespClient fourth = newClient();
        Wire.assertPong(fourth);
        assertEquals("-ERR max number of clients reached\r\n", rejectedAnswer());
        assertEquals(2L, Wire.info(client, "rejected_connections"));
    }

    @Test
    void loweringMaxclientsAtRunTimeKeepsExistingClients() throws IOException {
        RespClient second = newClient();
        assertStatus("OK", call("CONFIG", "SET", "maxclients", "1"));
        Wire.assertPong(second);
        Wire.assertPong(client);
        assertEquals("-ERR max number of clients reached\r\n", rejectedAnswer());
        assertEquals(1L, Wire.info(client, "rejected_connections"));
    }
}
