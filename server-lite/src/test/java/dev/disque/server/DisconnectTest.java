/*
 * DisconnectTest: clients that vanish at awkward moments: in the middle of
 * a request, while blocked in GETJOB, with replies they never read. The
 * server forgets them (CLIENT LIST and INFO counts go back down), loses no
 * job to them, and keeps serving everyone else.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DisconnectTest extends ServerFixture {

    /** Every connection but the fixture's one is gone, as the server sees it (each test awaits its connections first). */
    private void awaitOnlyFixtureClient() {
        Wire.awaitOnlyClient(client, 0);
    }

    @Test
    void inTheMiddleOfACommand() throws IOException {
        String[] partial = {
            "*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$5\r\nhel",
            "*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$5\r\nhello\r\n$1\r\n",
            "ADDJOB q hello 0",
            "*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$1000000\r\n" + "b".repeat(300_000),
        };
        for (String p : partial) {
            Socket s = Wire.open(server.port());
            s.getOutputStream().write(Wire.ascii(p));
            s.getOutputStream().flush();
            await("connection seen", () -> Wire.info(client, "connected_clients") == 2);
            s.close();
            awaitOnlyFixtureClient();
        }
        assertEquals(0L, call("QLEN", "q"));
        Wire.assertPong(client);
    }

    @Test
    void whileBlockedInGetjob() throws IOException {
        Socket consumer = Wire.open(server.port());
        consumer.getOutputStream().write(RespClient.encode("GETJOB", "TIMEOUT", "0", "FROM", "q"));
        await("consumer blocked", () -> Wire.info(client, "blocked_clients") == 1);
        assertEquals(2, Wire.clientList(client));

        consumer.close();
        awaitOnlyFixtureClient();

        // The job must stay queued, not be handed to the departed consumer.
        String id = addJob("q", "for someone else");
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(List.of(List.of("q", id, "for someone else")), call("GETJOB", "NOHANG", "FROM", "q"));
    }

    @Test
    void whileBlockedWithMoreRequestsPipelinedBehind() throws IOException {
        Socket consumer = Wire.open(server.port());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(RespClient.encode("GETJOB", "TIMEOUT", "0", "FROM", "q"));
        b.writeBytes(RespClient.encode("ADDJOB", "other", "never", "0"));
        consumer.getOutputStream().write(b.toByteArray());
        await("consumer blocked", () -> Wire.info(client, "blocked_clients") == 1);

        consumer.close();
        awaitOnlyFixtureClient();
        assertEquals(0L, call("QLEN", "other"));
        addJob("q", "kept");
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void whileBlockedWithATimeoutThatLaterPasses() throws IOException {
        Socket consumer = Wire.open(server.port());
        consumer.getOutputStream().write(RespClient.encode("GETJOB", "TIMEOUT", "5000", "FROM", "q", "q2"));
        await("consumer blocked", () -> Wire.info(client, "blocked_clients") == 1);
        consumer.close();
        awaitOnlyFixtureClient();

        advance(Duration.ofSeconds(10));
        Wire.assertPong(client);
        addJob("q2", "still queued");
        assertEquals(1L, call("QLEN", "q2"));
    }

    @Test
    void blockedClientFloodingInputHitsTheQueryBufferLimit() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "client-query-buffer-limit", "4096"));
        Socket consumer = Wire.open(server.port());
        consumer.getOutputStream().write(RespClient.encode("GETJOB", "TIMEOUT", "0", "FROM", "q"));
        await("consumer blocked", () -> Wire.info(client, "blocked_clients") == 1);
        try {
            for (int i = 0; i < 10; i++) consumer.getOutputStream().write(Wire.ascii("PING " + "p".repeat(1000) + "\r\n"));
        } catch (IOException e) {
            // Closed by the server part way: that is the point.
        }
        assertEquals(0, Wire.readUntilClosed(consumer.getInputStream()).length, "closed without a reply");
        consumer.close();
        awaitOnlyFixtureClient();
        addJob("q", "kept");
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void manyBlockedConsumersLeave() throws IOException {
        Socket[] consumers = new Socket[20];
        for (int i = 0; i < consumers.length; i++) {
            consumers[i] = Wire.open(server.port());
            consumers[i].getOutputStream().write(RespClient.encode("GETJOB", "FROM", "q"));
        }
        await("all blocked", () -> Wire.info(client, "blocked_clients") == 20);
        for (Socket s : consumers) s.close();
        awaitOnlyFixtureClient();
        addJob("q", "kept");
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void withRepliesItNeverRead() throws IOException {
        String big = "r".repeat(1024 * 1024);
        String id = addJob("q", big);
        Socket reader = Wire.open(server.port());
        OutputStream out = reader.getOutputStream();
        byte[] show = RespClient.encode("SHOW", id);
        for (int i = 0; i < 50; i++) out.write(show); // about 50 MB of replies nobody reads
        out.flush();
        await("some replies sent", () -> Wire.info(client, "total_net_output_bytes") > 1024 * 1024);
        reader.close();
        awaitOnlyFixtureClient();
        assertEquals(1L, call("QLEN", "q"));
        Wire.assertPong(client);
    }

    @Test
    void abruptResetMidPipeline() throws IOException {
        long before = Wire.info(client, "total_connections_received");
        Socket s = Wire.open(server.port());
        s.setSoLinger(true, 0); // close() sends RST instead of FIN
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) b.writeBytes(RespClient.encode("PING", "x".repeat(100)));
        b.writeBytes(Wire.ascii("*3\r\n$4\r\nQLEN"));
        s.getOutputStream().write(b.toByteArray());
        s.close();
        Wire.awaitOnlyClient(client, before + 1);
        Wire.assertPong(client);
    }
}
