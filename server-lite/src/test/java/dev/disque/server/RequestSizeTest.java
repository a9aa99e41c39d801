/*
 * RequestSizeTest: big requests and the limits on them. An 8 MB job body
 * sent in small pieces round-trips intact; a bulk over proto-max-bulk-len is
 * refused with the protocol error; a client whose unparsed input exceeds
 * client-query-buffer-limit is disconnected without a reply.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestSizeTest extends ServerFixture {

    private static String randomBody(int size, long seed) {
        Random rnd = new Random(seed);
        char[] c = new char[size];
        for (int i = 0; i < size; i++) c[i] = (char) (' ' + rnd.nextInt(95));
        return new String(c);
    }

    private static void writeInChunks(OutputStream out, byte[] data, int chunk) throws IOException {
        for (int i = 0; i < data.length; i += chunk) {
            out.write(data, i, Math.min(chunk, data.length - i));
            out.flush();
        }
    }

    @Test
    void eightMegabyteBodySentInSmallChunks() throws IOException {
        String body = randomBody(8 * 1024 * 1024, 42);
        try (Socket s = Wire.open(server.port())) {
            writeInChunks(s.getOutputStream(), RespClient.encode("ADDJOB", "big", body, "0"), 4096);
        }
        await("the job arrived", () -> (Long) Wire.call(client, "QLEN", "big") == 1L);
        List<?> jobs = (List<?>) call("GETJOB", "NOHANG", "FROM", "big");
        List<?> job = (List<?>) jobs.get(0);
        assertEquals("big", job.get(0));
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), ((String) job.get(2)).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void bigBodyReplyIsReadBackThroughShow() throws IOException {
        String body = randomBody(2 * 1024 * 1024, 7);
        client.sendRaw(RespClient.encode("ADDJOB", "big", body, "0"));
        Object reply = client.read();
        assertInstanceOf(RespClient.Status.class, reply);
        List<?> show = (List<?>) call("SHOW", ((RespClient.Status) reply).text());
        assertEquals(body, show.get(show.indexOf("body") + 1));
    }

    @Test
    void bulkOverProtoMaxBulkLenIsAProtocolError() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "proto-max-bulk-len", "1000"));
        RespClient ok = newClient();
        assertInstanceOf(RespClient.Status.class, ok.call("ADDJOB", "q", "x".repeat(1000), "0"));

        RespClient tooBig = newClient();
        tooBig.send("ADDJOB", "q", "x".repeat(1001), "0");
        assertEquals("-ERR Protocol error: invalid bulk length", tooBig.readLine());
        assertTrue(tooBig.isClosedByServer());

        Wire.assertPong(ok);
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void protoMaxBulkLenAppliesToEveryArgument() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "proto-max-bulk-len", "5"));
        RespClient c = newClient();
        c.send("ADDJOB", "q", "x", "0");
        assertEquals("-ERR Protocol error: invalid bulk length", c.readLine());
        assertTrue(c.isClosedByServer());
    }

    @Test
    void queryBufferOverTheLimitClosesTheClientWithoutReply() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "client-query-buffer-limit", "4096"));
        try (Socket s = Wire.open(server.port())) {
            OutputStream out = s.getOutputStream();
            try {
                out.write(Wire.ascii("*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$100000\r\n"));
                writeInChunks(out, new byte[20_000], 1000);
            } catch (IOException e) {
                // The server may already have closed the connection.
            }
            assertEquals(0, Wire.readUntilClosed(s.getInputStream()).length, "no reply, just closed");
        }
        await("client dropped", () -> Wire.info(client, "connected_clients") == 1);
        assertEquals(0L, call("QLEN", "q"));
        Wire.assertPong(client);
    }

    @Test
    void queryBufferLimitCountsOnlyUnparsedInput() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "client-query-buffer-limit", "1024"));
        RespClient c = newClient();
        StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 2000; i++) batch.append("PING\r\n");
        c.sendRaw(batch.toString());
        for (int i = 0; i < 2000; i++) assertStatus("PONG", c.read());
        assertInstanceOf(RespClient.Status.class, c.call("ADDJOB", "q", "y".repeat(900), "0"));
    }

    @Test
    void inlineRequestOverTheQueryBufferLimitIsDropped() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "client-query-buffer-limit", "2048"));
        try (Socket s = Wire.open(server.port())) {
            try {
                writeInChunks(s.getOutputStream(), Wire.ascii("PING " + "z".repeat(10_000)), 1000);
            } catch (IOException e) {
                // The server may already have closed the connection.
            }
            assertEquals(0, Wire.readUntilClosed(s.getInputStream()).length);
        }
        Wire.assertPong(client);
    }
}
