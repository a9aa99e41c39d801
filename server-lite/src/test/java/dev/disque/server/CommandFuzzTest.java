/*
 * CommandFuzzTest: a seeded fuzz of every command and of the framing
 * around it. Each case is one connection: a command of the table with too
 * few or too many arguments and hostile values (empty, negative, huge,
 * NULs, option words in the wrong place), truncated or oversized multibulk,
 * negative and out-of-range lengths, or plain random bytes. After every
 * batch the node must answer PING, have dropped every fuzz connection, and
 * still hold the canary job untouched; no reply may be an internal error.
 *
 * The seed is fixed so a failure replays; -Dfuzz.seed=N tries others.
 * Commands that stop, freeze or reconfigure the node on purpose (SHUTDOWN,
 * DEBUG, CONFIG SET, CLIENT KILL, CLUSTER LEAVING) are turned into their
 * harmless siblings: the point is bad input, not valid admin actions.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandFuzzTest extends ServerFixture {
    private static final int BATCHES = 30;
    private static final int CASES_PER_BATCH = 100;
    private static final Set<String> SKIPPED = Set.of("shutdown", "debug");

    private static final String[] VALUES = {
        "", "0", "1", "-1", "2", "-0", "00", "1.5", "1e3", "NaN", "inf", "-inf",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551616",
        "2147483648", "99999999999999999999999", "\0", "a\0b", "\r\n", "*1", "$-1", " ", "\"", "'",
        "D-00000000-000000000000000000000000-0000", "D-dcb833cf-8YL1NT17e9+wsA/09NqxscQI-05a1",
        "q", "fuzzq", "TIMEOUT", "COUNT", "NOHANG", "WITHCOUNTERS", "FROM", "REPLICATE", "DELAY",
        "RETRY", "TTL", "MAXLEN", "ASYNC", "BUSYLOOP", "MINLEN", "IMPORTRATE", "QUEUE", "STATE",
        "REPLY", "all", "in", "out", "none", "BCAST", "queued", "active", "acked", "wait-repl",
        "ID", "IDLE", "NAME", "ADDR", "SKIPME", "yes", "no", "*", "?", "[", "\\",
    };

    @TempDir
    static Path dir;

    /** BGREWRITEAOF and CONFIG REWRITE may be among the cases: they write into a scratch directory. */
    @Override
    protected DisqueServer.Builder configure(DisqueServer.Builder b) {
        return b.config("dir", dir.toString());
    }

    private List<String> commands() throws IOException {
        List<String> names = new ArrayList<>();
        for (Object entry : (List<?>) call("COMMAND")) {
            String name = (String) ((List<?>) entry).get(0);
            if (!SKIPPED.contains(name)) names.add(name);
        }
        assertTrue(names.size() > 20, "the table lists the commands: " + names);
        return names;
    }

    private static byte[] randomValue(Random rnd) {
        switch (rnd.nextInt(6)) {
            case 0: {
                byte[] b = new byte[rnd.nextInt(40)];
                rnd.nextBytes(b);
                return b;
            }
            case 1:
                return "x".repeat(rnd.nextInt(20_000)).getBytes(StandardCharsets.US_ASCII);
            case 2:
                return Long.toString(rnd.nextLong() >> rnd.nextInt(64)).getBytes(StandardCharsets.US_ASCII);
            default:
                return VALUES[rnd.nextInt(VALUES.length)].getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** A well-framed command of the table, with random arity and hostile values. */
    private static List<byte[]> fuzzCommand(Random rnd, List<String> commands) {
        List<byte[]> argv = new ArrayList<>();
        String name = commands.get(rnd.nextInt(commands.size()));
        argv.add((rnd.nextBoolean() ? name : name.toUpperCase(Locale.ROOT)).getBytes(StandardCharsets.US_ASCII));
        int argc = rnd.nextInt(4) == 0 ? rnd.nextInt(40) : rnd.nextInt(8);
        for (int i = 0; i < argc; i++) argv.add(randomValue(rnd));
        if (argv.size() > 1) {
            String sub = new String(argv.get(1), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            boolean harmful = (name.equals("config") && sub.equals("set"))
                    || (name.equals("client") && sub.equals("kill"))
                    || (name.equals("cluster") && sub.equals("leaving"));
            if (harmful) argv.set(1, "get".getBytes(StandardCharsets.US_ASCII));
        }
        return argv;
    }

    private static byte[] encode(List<byte[]> argv) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("*" + argv.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : argv) {
            b.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.writeBytes(a);
            b.writeBytes(Wire.ascii("\r\n"));
        }
        return b.toByteArray();
    }

    /** Framing abuse: lengths that lie, are negative or huge, requests cut short. */
    private static byte[] badFraming(Random rnd, List<String> commands) {
        byte[] valid = encode(fuzzCommand(rnd, commands));
        switch (rnd.nextInt(8)) {
            case 0: return java.util.Arrays.copyOf(valid, rnd.nextInt(valid.length));
            case 1: return Wire.ascii("*" + (1 + rnd.nextInt(5_000_000)) + "\r\n$4\r\nPING\r\n");
            case 2: return Wire.ascii("*1\r\n$" + (rnd.nextBoolean() ? "-" : "") + Math.abs(rnd.nextLong()) + "\r\nPING\r\n");
            case 3: return Wire.ascii("*" + VALUES[rnd.nextInt(VALUES.length)] + "\r\n");
            case 4: return Wire.ascii("*2\r\n$4\r\nPING\r\n$" + VALUES[rnd.nextInt(VALUES.length)] + "\r\nxx\r\n");
            case 5: return Wire.ascii("*1\r\n$3\r\nPING\r\n"); // the declared length is one short
            case 6: {
                byte[] inline = Wire.ascii("PING " + "z".repeat(rnd.nextInt(70_000)));
                return rnd.nextBoolean() ? inline : java.util.Arrays.copyOf(inline, inline.length / 2);
            }
            default: {
                byte[] b = valid.clone();
                for (int i = 0; i < 1 + rnd.nextInt(4); i++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                return b;
            }
        }
    }

    private static byte[] fuzzCase(Random rnd, List<String> commands) {
        int kind = rnd.nextInt(100);
        if (kind < 55) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int pipelined = 1 + rnd.nextInt(3);
            for (int i = 0; i < pipelined; i++) b.writeBytes(encode(fuzzCommand(rnd, commands)));
            return b.toByteArray();
        }
        if (kind < 85) return badFraming(rnd, commands);
        byte[] junk = new byte[rnd.nextInt(2000)];
        rnd.nextBytes(junk);
        return junk;
    }

    @Test
    void everyCommandSurvivesHostileInput() throws IOException {
        long seed = Long.getLong("fuzz.seed", 0xd15c_0f22L);
        Random rnd = new Random(seed);
        List<String> commands = commands();
        String canary = addJob("canary", "canary body");
        long accepted = Wire.info(client, "total_connections_received");
        List<String> internalErrors = new ArrayList<>();
        int arityErrors = 0;
        int otherErrors = 0;
        for (int batch = 0; batch < BATCHES; batch++) {
            for (int i = 0; i < CASES_PER_BATCH; i++) {
                byte[] input = fuzzCase(rnd, commands);
                String answer = sendAndClose(input);
                if (answer.contains("-ERR wrong number of arguments")) arityErrors++;
                else if (answer.startsWith("-")) otherErrors++;
                if (answer.contains("internal error")) {
                    internalErrors.add(answer + " <- " + new String(input, StandardCharsets.ISO_8859_1));
                }
            }
            accepted += CASES_PER_BATCH;
            String where = "batch " + batch + " (seed " + seed + ")";
            Wire.assertPong(client);
            List<?> show = (List<?>) call("SHOW", canary);
            assertEquals("canary body", show.get(show.indexOf("body") + 1), where);
            assertEquals("queued", show.get(show.indexOf("state") + 1), where);
            assertEquals(1L, call("QLEN", "canary"), where);
            Wire.awaitOnlyClient(client, accepted);
        }
        assertEquals(List.of(), internalErrors);
        // The cases reached the commands themselves, not only the parser.
        assertTrue(arityErrors > BATCHES * CASES_PER_BATCH / 20, "arity errors: " + arityErrors);
        assertTrue(otherErrors > BATCHES * CASES_PER_BATCH / 10, "other errors: " + otherErrors);
        assertFalse(server.terminated().isDone());
    }

    /** One case on its own connection: send, half-close, read everything the server answers. */
    private String sendAndClose(byte[] input) throws IOException {
        try (Socket s = Wire.open(server.port())) {
            try {
                s.getOutputStream().write(input);
                s.shutdownOutput();
            } catch (IOException e) {
                // The server already closed it (a protocol error mid-way): what arrived still counts.
            }
            return new String(Wire.readUntilClosed(s.getInputStream()), StandardCharsets.ISO_8859_1);
        }
    }
}
