/*
 * ProtocolAbuseTest: clients that break RESP over a real socket. Garbage
 * bytes, truncated requests, absurd declared lengths, negative counts and a
 * seeded fuzz of random byte strings. A protocol error is answered with
 * "-ERR Protocol error: ..." and closes that connection only; the server
 * keeps serving everyone else and keeps every job it had accepted.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ProtocolAbuseTest extends ServerFixture {

    /** Sends raw bytes on a new connection; returns everything the server answered before closing it. */
    private byte[] answerAndClose(String raw) throws IOException {
        try (Socket s = Wire.open(server.port())) {
            s.getOutputStream().write(Wire.ascii(raw));
            s.getOutputStream().flush();
            return Wire.readUntilClosed(s.getInputStream());
        }
    }

    private void assertProtocolError(String message, String raw) throws IOException {
        assertEquals("-ERR Protocol error: " + message + "\r\n",
                new String(answerAndClose(raw), StandardCharsets.ISO_8859_1), () -> "after sending " + raw);
    }

    private long accepted() {
        return Wire.info(client, "total_connections_received");
    }

    // -------------------------------------------- one error, one connection

    @Test
    void protocolErrorClosesOnlyThatConnection() throws IOException {
        RespClient bad = newClient();
        RespClient other = newClient();
        assertStatus("PONG", other.call("PING"));

        bad.sendRaw("*1\r\nPING\r\n");
        assertEquals("-ERR Protocol error: expected '$', got 'P'", bad.readLine());
        assertTrue(bad.isClosedByServer());

        Wire.assertPong(other);
        Wire.assertPong(client);
        await("bad client gone", () -> Wire.info(client, "connected_clients") == 2);
    }

    @Test
    void commandsBeforeTheBadOneInTheSameWriteAreAnswered() throws IOException {
        byte[] answer = answerAndClose("PING\r\nQLEN q\r\n*1\r\n$4\r\nPING\r\n*x\r\nPING\r\n");
        assertEquals("+PONG\r\n:0\r\n+PONG\r\n-ERR Protocol error: invalid multibulk length\r\n",
                new String(answer, StandardCharsets.ISO_8859_1));
    }

    @Test
    void commandsAfterTheBadOneAreNotRun() throws IOException {
        answerAndClose("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nQLEN\r\nxx\r\n"
                + "*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$1\r\nx\r\n$1\r\n0\r\n");
        assertEquals(0L, call("QLEN", "q"));
    }

    // ------------------------------------------------------------ garbage

    @Test
    void binaryGarbageLineIsAnUnknownCommandNotAProtocolError() throws IOException {
        RespClient c = newClient();
        c.sendRaw(new byte[] {0x01, (byte) 0xfe, 0x7f, ' ', 0x02, '\r', '\n'});
        Object r = c.read();
        assertError("ERR unknown command '", r);
        Wire.assertPong(c);
    }

    @Test
    void garbageAfterMultibulkStarIsAProtocolError() throws IOException {
        assertProtocolError("invalid multibulk length", "*\u00ff\u00fe\r\n");
        assertProtocolError("invalid multibulk length", "*12abc\r\n");
        assertProtocolError("expected '$', got '\u0001'", "*1\r\n\u0001\u0002\r\n");
        // A line break in the error text becomes a space, so the reply stays one line.
        assertProtocolError("expected '$', got ' '", "*1\r\n\r\n");
        assertProtocolError("expected '$', got ' '", "*1\r\n\n\r\n");
        Wire.assertPong(client);
    }

    @Test
    void endlessGarbageWithoutNewlineIsTooBigInline() throws IOException {
        byte[] junk = new byte[100_000];
        new Random(7).nextBytes(junk);
        for (int i = 0; i < junk.length; i++) if (junk[i] == '\n' || junk[i] == '*') junk[i] = 'x';
        junk[0] = 'x';
        try (Socket s = Wire.open(server.port())) {
            OutputStream out = s.getOutputStream();
            try {
                out.write(junk);
                out.flush();
            } catch (IOException e) {
                // The server may close before the last bytes are written; the reply was sent before that.
            }
            String answer = new String(Wire.readUntilClosed(s.getInputStream()), StandardCharsets.ISO_8859_1);
            assertEquals("-ERR Protocol error: too big inline request\r\n", answer);
        }
        Wire.assertPong(client);
    }

    @Test
    void endlessCountStringsAreTooBig() throws IOException {
        assertProtocolError("too big mbulk count string", "*" + "9".repeat(70_000));
        assertProtocolError("too big bulk count string", "*1\r\n$" + "9".repeat(70_000));
        Wire.assertPong(client);
    }

    // ---------------------------------------------- truncated and hanging

    @Test
    void truncatedRequestsThenDisconnect() throws IOException {
        addJob("q", "kept");
        long before = accepted();
        String[] truncated = {
            "*", "*3", "*3\r", "*3\r\n", "*3\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$5\r\nhel",
            "*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$5\r\nhello\r\n$1\r\n0", "*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$10",
            "ADDJOB q hello 0", "ADDJOB q \"hello", "*1\r\n$4\r\nPING\r",
        };
        for (String t : truncated) {
            try (Socket s = Wire.open(server.port())) {
                s.getOutputStream().write(Wire.ascii(t));
                s.getOutputStream().flush();
            }
        }
        Wire.awaitOnlyClient(client, before + truncated.length);
        assertEquals(1L, call("QLEN", "q"));
        Wire.assertPong(client);
    }

    @Test
    void hugeDeclaredCountThenClose() throws IOException {
        addJob("q", "kept");
        long before = accepted();
        try (Socket s = Wire.open(server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(Wire.ascii("*1048576\r\n"));
            for (int i = 0; i < 1000; i++) out.write(Wire.ascii("$4\r\nPING\r\n"));
            out.flush();
            s.setSoTimeout(200);
            assertThrows(java.net.SocketTimeoutException.class, () -> s.getInputStream().read(),
                    "a request still missing arguments gets no reply");
        }
        Wire.awaitOnlyClient(client, before + 1);
        Wire.assertPong(client);
        assertEquals(1L, call("QLEN", "q"));
    }

    @Test
    void multibulkCountOverTheLimit() throws IOException {
        assertProtocolError("invalid multibulk length", "*1048577\r\n");
        assertProtocolError("invalid multibulk length", "*9223372036854775807\r\n");
        assertProtocolError("invalid multibulk length", "*18446744073709551617\r\n");
    }

    @Test
    void bulkLengthOverProtoMaxBulkLen() throws IOException {
        assertProtocolError("invalid bulk length", "*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$536870913\r\n");
        assertProtocolError("invalid bulk length", "*1\r\n$99999999999\r\n");
        Wire.assertPong(client);
    }

    @Test
    void largestBulkLengthIsAcceptedAndNothingIsAllocatedForIt() throws IOException {
        long before = Wire.info(client, "used_memory");
        long acceptedBefore = accepted();
        try (Socket s = Wire.open(server.port())) {
            s.getOutputStream().write(Wire.ascii("*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$536870912\r\nsome"));
            s.getOutputStream().flush();
            await("request parsed up to the body", () -> Wire.info(client, "connected_clients") == 2);
            s.setSoTimeout(200);
            assertThrows(java.net.SocketTimeoutException.class, () -> s.getInputStream().read(),
                    "a 512 MB body is allowed, so the server waits for it");
            assertTrue(Wire.info(client, "used_memory") - before < 1024 * 1024,
                    "declaring 512 MB must not reserve it");
        }
        Wire.awaitOnlyClient(client, acceptedBefore + 1);
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void negativeCounts() throws IOException {
        RespClient c = newClient();
        c.sendRaw("*-1\r\n*-50\r\n*0\r\n*-9223372036854775807\r\nPING\r\n");
        assertStatus("PONG", c.read());
        assertProtocolError("invalid bulk length", "*1\r\n$-1\r\n");
        assertProtocolError("invalid bulk length", "*2\r\n$4\r\nPING\r\n$-5\r\nabc\r\n");
        assertProtocolError("invalid bulk length", "*1\r\n$-\r\n");
    }

    // --------------------------------------------------------------- fuzz

    private static final byte[] ALPHABET = Wire.ascii("*$-+:\r\n\r\n0123456789   \"'\\xPINGQLE\u0000\u00ff");
    private static final String[] SEEDS = {
        "*1\r\n$4\r\nPING\r\n", "*2\r\n$4\r\nQLEN\r\n$6\r\nfuzzq0\r\n", "*3\r\n$5\r\nQPEEK\r\n$6\r\nfuzzq1\r\n$1\r\n1\r\n",
        "*2\r\n$4\r\nSHOW\r\n$40\r\nD-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0001\r\n", "*1\r\n$5\r\nHELLO\r\n",
        "*2\r\n$4\r\nINFO\r\n$4\r\njobs\r\n", "PING \"a\\x41'\" 'b'\r\n", "QSTAT fuzzq2\r\n", "*0\r\n", "*-1\r\n",
    };

    /** One random request-ish byte string: pure noise, protocol characters, or a mutated harmless command. */
    private static byte[] fuzzInput(Random rnd) {
        int len = 1 + rnd.nextInt(48);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        switch (rnd.nextInt(4)) {
            case 0:
                for (int i = 0; i < len; i++) b.write(rnd.nextInt(256));
                break;
            case 1:
                for (int i = 0; i < len; i++) b.write(ALPHABET[rnd.nextInt(ALPHABET.length)]);
                break;
            case 2: {
                // A plausible header with odd numbers, then some noise.
                long[] odd = {0, -1, 1, 2, 3, 1048576, 1048577, 536870912, 536870913, -2147483648L, 99999999999L};
                b.writeBytes(Wire.ascii("*" + odd[rnd.nextInt(odd.length)] + "\r\n"));
                b.writeBytes(Wire.ascii("$" + odd[rnd.nextInt(odd.length)] + "\r\n"));
                for (int i = 0; i < len / 2; i++) b.write(ALPHABET[rnd.nextInt(ALPHABET.length)]);
                break;
            }
            default: {
                byte[] seed = Wire.ascii(SEEDS[rnd.nextInt(SEEDS.length)]);
                int flips = 1 + rnd.nextInt(3);
                for (int i = 0; i < flips; i++) seed[rnd.nextInt(seed.length)] = (byte) rnd.nextInt(256);
                b.write(seed, 0, 1 + rnd.nextInt(seed.length));
                break;
            }
        }
        return b.toByteArray();
    }

    @Test
    void tenThousandRandomByteStrings() throws IOException {
        Map<String, String> jobs = new LinkedHashMap<>();
        for (int i = 0; i < 30; i++) jobs.put(addJob("fuzzq" + (i % 3), "body-" + i), "body-" + i);
        Map<String, Long> qlen = Map.of("fuzzq0", 10L, "fuzzq1", 10L, "fuzzq2", 10L);

        long before = accepted();
        Random rnd = new Random(0x5eed_d15cL);
        List<String> suspicious = new ArrayList<>();
        int[] connections = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Socket s = null;
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            int used = 0;
            for (int i = 0; i < 10_000; i++) {
                if (s == null) {
                    s = Wire.open(server.port());
                    connections[0]++;
                    sent.reset();
                    used = 0;
                }
                byte[] junk = fuzzInput(rnd);
                sent.writeBytes(junk);
                boolean broken = false;
                try {
                    s.getOutputStream().write(junk);
                } catch (IOException e) {
                    broken = true; // the server closed it after a protocol error
                }
                used++;
                if (broken || used >= 32 || rnd.nextInt(8) == 0) {
                    if (!broken && rnd.nextBoolean()) {
                        // Half-close and read every reply: nothing may be an internal error.
                        s.shutdownOutput();
                        String answer = new String(Wire.readUntilClosed(s.getInputStream()), StandardCharsets.ISO_8859_1);
                        if (answer.contains("internal error")) {
                            suspicious.add(answer + " <- " + new String(sent.toByteArray(), StandardCharsets.ISO_8859_1));
                        }
                    }
                    s.close(); // otherwise an abrupt close, often with replies unread
                    s = null;
                }
            }
            if (s != null) s.close();
        });
        assertTrue(connections[0] > 300, "the fuzz should spread over many connections, used " + connections[0]);
        assertEquals(List.of(), suspicious);

        try (RespClient fresh = new RespClient(server.port())) {
            Wire.assertPong(fresh);
            for (Map.Entry<String, Long> q : qlen.entrySet()) assertEquals(q.getValue(), fresh.call("QLEN", q.getKey()));
            for (Map.Entry<String, String> j : jobs.entrySet()) {
                Object show = fresh.call("SHOW", j.getKey());
                assertNotNull(show, "job " + j.getKey() + " lost");
                assertEquals(j.getValue(), field(show, "body"));
                assertEquals("queued", field(show, "state"));
            }
        }
        Wire.awaitOnlyClient(client, before + connections[0] + 1);
        assertFalse(server.terminated().isDone());
    }

    private static Object field(Object show, String name) {
        List<?> kv = (List<?>) show;
        for (int i = 0; i + 1 < kv.size(); i += 2) if (name.equals(kv.get(i))) return kv.get(i + 1);
        return fail("SHOW has no " + name + ": " + show);
    }
}
