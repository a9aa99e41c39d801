/*
 * CliFixture: base class for the CLI's tests. One embedded server per test
 * class (on a free port of 127.0.0.1), emptied before each test; run()
 * executes the CLI in-process on in-memory streams and returns its exit
 * code and output; await() polls for effects that happen on other threads.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.fail;

import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.server.DisqueServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

public abstract class CliFixture {
    protected static DisqueServer server;
    protected static int port;

    /** What a run of the CLI did. */
    public record Result(int code, String out, String err, byte[] outBytes) {
    }

    @BeforeAll
    static void startServer() {
        server = DisqueServer.builder().port(0).build().start();
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void emptyServer() throws IOException {
        Reply r = call("DEBUG", "FLUSHALL");
        if (r.isError()) fail("DEBUG FLUSHALL: " + r.asText());
    }

    /** One command on a fresh connection. */
    protected static Reply call(String... args) throws IOException {
        try (RespConnection c = RespConnection.open("127.0.0.1", port, 5000)) {
            return c.call(args);
        }
    }

    /** Runs the CLI with stdin and stdout not terminals, against the test server. */
    protected static Result run(String stdin, String... args) {
        return runWith(stdin, false, false, Map.of(), withPort(args));
    }

    /** Runs the CLI as if stdout were a terminal (TERM=xterm). */
    protected static Result runOnTty(Map<String, String> env, String... args) {
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("TERM", "xterm-256color");
        return runWith("", false, true, e, withPort(args));
    }

    protected static String[] withPort(String... args) {
        List<String> l = new ArrayList<>(List.of("-p", Integer.toString(port)));
        l.addAll(List.of(args));
        return l.toArray(new String[0]);
    }

    protected static Result runWith(String stdin, boolean stdinTty, boolean stdoutTty, Map<String, String> env,
                                    String... args) {
        return runWith(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), stdinTty, stdoutTty, env, args);
    }

    protected static Result runWith(InputStream stdin, boolean stdinTty, boolean stdoutTty, Map<String, String> env,
                                    String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Io io = new Io(stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, stdinTty, stdoutTty);
        int code = DisqueCli.run(args, io);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    /** A port with nothing listening on it. */
    protected static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Polls until the condition holds, failing after the timeout. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) fail("timed out waiting for " + what);
            Thread.onSpinWait();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    /** The blocked_clients count in INFO. */
    protected static long blockedClients() {
        try {
            String info = call("INFO", "clients").asText();
            for (String line : info.split("\r\n")) {
                if (line.startsWith("blocked_clients:")) return Long.parseLong(line.substring(16).trim());
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
