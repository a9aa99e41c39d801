/*
 * UnfinishedRequestTest: a request that never finishes, made of complete
 * arguments, counts against client-query-buffer-limit. Each argument is
 * parsed out of the input buffer as soon as it is complete, so counting the
 * input alone let such a request grow until the heap was gone; now the
 * client is dropped once the arguments it holds pass the limit, and the
 * node goes on serving everyone else.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnfinishedRequestTest extends ServerFixture {
    private static final int ARG = 64 * 1024;

    /** Writes "$<ARG>\r\n<ARG bytes>\r\n" count times, stopping quietly if the server hung up. */
    private static int writeArgs(OutputStream out, int count) {
        byte[] arg = new byte[ARG + 2];
        arg[ARG] = '\r';
        arg[ARG + 1] = '\n';
        int written = 0;
        try {
            for (; written < count; written++) {
                out.write(Wire.ascii("$" + ARG + "\r\n"));
                out.write(arg);
            }
            out.flush();
        } catch (IOException e) {
            // The server closed the connection: what the test expects, at some point.
        }
        return written;
    }

    @Test
    void completeArgumentsOfAnEndlessRequestCountAgainstTheLimit() throws IOException {
        String canary = addJob("canary", "still here");
        assertStatus("OK", call("CONFIG", "SET", "client-query-buffer-limit", "1mb"));
        try (Socket s = Wire.open(server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(Wire.ascii("*1000000\r\n$6\r\nADDJOB\r\n"));
            // 4 MB of complete arguments, four times the limit; the request never ends.
            writeArgs(out, 64);
            assertEquals(0, Wire.readUntilClosed(s.getInputStream()).length, "dropped without a reply");
        }
        await("the client dropped", () -> Wire.info(client, "connected_clients") == 1);
        Wire.assertPong(client);
        List<?> show = (List<?>) call("SHOW", canary);
        assertEquals("still here", show.get(show.indexOf("body") + 1));
    }

    @Test
    void argumentsHeldUnderTheLimitAreFineAndShownAsTheQueryBuffer() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "client-query-buffer-limit", "1mb"));
        RespClient c = newClient();
        c.sendRaw(Wire.ascii("*11\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n"));
        java.io.ByteArrayOutputStream args = new java.io.ByteArrayOutputStream();
        assertEquals(8, writeArgs(args, 8));
        c.sendRaw(args.toByteArray());
        // Half a megabyte held by a request still being sent: it shows as the client's query buffer.
        await("the held arguments counted", () -> {
            for (String line : ((String) Wire.call(client, "CLIENT", "LIST")).split("\n")) {
                if (!line.contains("cmd=client") && qbuf(line) >= 8L * ARG) return true;
            }
            return false;
        });
        // The request ends (a body and a nonsense timeout): answered, the connection lives on.
        c.sendRaw(Wire.ascii("$1\r\nx\r\n"));
        Object reply = c.read();
        assertInstanceOf(RespClient.Err.class, reply);
        Wire.assertPong(c);
    }

    private static long qbuf(String clientListLine) {
        for (String field : clientListLine.split(" ")) {
            if (field.startsWith("qbuf=")) return Long.parseLong(field.substring(5));
        }
        throw new AssertionError("no qbuf in " + clientListLine);
    }
}
