/*
 * NodeProcess: one disque-server running as a child JVM, for tests that
 * need what an in-JVM server cannot show: a node that dies at once
 * (SIGKILL, its sockets reset by the kernel, nothing flushed) and comes
 * back from its directory with the same node ID.
 *
 * The child runs dev.disque.server.Main from the caller's class path (the
 * test class path, which holds server-lite; this module does not depend
 * on it), started from the disque.conf in its own directory. It logs to a
 * file, not a pipe (the JDK closes a dead child's pipe, racing with the
 * reading of its last lines); a restart appends to the same file, and the
 * node is ready once the ready line appears past where the file ended
 * when it was started. Every wait is bounded.
 */
package dev.disque.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

public final class NodeProcess implements AutoCloseable {
    /** Small: a test node holds few jobs, and a 2-core machine runs several of them next to the tests. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final String MAIN_CLASS = "dev.disque.server.Main";
    private static final String READY = "ready to accept connections on ";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

    /** Every child still running, killed when this JVM exits normally, should a test not have closed its nodes. */
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "disque-testkit-node-reaper"));
    }

    /** The server refused to start or died while starting: its log and exit code. */
    public static final class StartFailed extends IOException {
        private static final long serialVersionUID = 1L;
        private final String output;

        StartFailed(String message, String output) {
            super(message + "; its log:\n" + output);
            this.output = output;
        }

        /** What the server logged while starting. */
        public String output() {
            return output;
        }

        /** The server could not bind its client or bus port (someone else took it). */
        public boolean portTaken() {
            return output.contains("Could not listen") || output.contains("already in use");
        }
    }

    private final Path dir;
    private final int port;
    private final Path log;
    private Process process;
    private String id;
    /** Where the log ended when the current run was launched: its ready line comes after. */
    private long readyFrom;

    private NodeProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.log = dir.resolve("server.log");
    }

    /**
     * Writes {@code dir/disque.conf} (bind 127.0.0.1, this port, this directory, then the extra
     * "directive value" lines) and launches the node; {@link #awaitReady()} waits until it serves.
     */
    static NodeProcess launch(Path dir, int port, List<String> configLines) throws IOException {
        StringBuilder conf = new StringBuilder()
                .append("bind 127.0.0.1\n")
                .append("port ").append(port).append('\n')
                .append("dir ").append(dir.toAbsolutePath()).append('\n');
        for (String line : configLines) conf.append(line).append('\n');
        Files.writeString(dir.resolve("disque.conf"), conf.toString(), StandardCharsets.UTF_8);
        NodeProcess node = new NodeProcess(dir, port);
        node.spawn();
        return node;
    }

    /** Launches the child from the directory's disque.conf without waiting for it. */
    private void spawn() throws IOException {
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN_CLASS);
        cmd.add(dir.resolve("disque.conf").toString());
        process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LIVE.add(process);
        id = null;
        readyFrom = logStart;
    }

    /** Waits (bounded) until the node logs that it serves, then reads its ID; fails if it died first. */
    void awaitReady() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!outputSince(readyFrom).contains(READY)) {
            if (!process.isAlive()) {
                waitExit();
                LIVE.remove(process);
                throw new StartFailed("node on port " + port + " exited with " + process.exitValue(),
                        outputSince(readyFrom));
            }
            if (System.nanoTime() - deadline > 0) {
                kill();
                throw new StartFailed("node on port " + port + " did not start within " + START_TIMEOUT,
                        outputSince(readyFrom));
            }
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IOException("interrupted while node on port " + port + " started", e);
            }
        }
        id = (String) call("CLUSTER", "MYID");
    }

    /** Starts the node again from its directory (same port, same node ID from nodes.conf); returns when it serves. */
    public void restart() throws IOException {
        if (isAlive()) throw new IllegalStateException("node on port " + port + " is still running");
        spawn();
        awaitReady();
    }

    /** SIGKILL: the node dies at once, flushing nothing; returns once it is gone. */
    public void kill() {
        if (process == null) return;
        process.destroyForcibly();
        waitExit();
        LIVE.remove(process);
    }

    private void waitExit() {
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("node on port " + port + " (pid " + process.pid()
                        + ") did not exit within " + EXIT_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for node on port " + port + " to exit", e);
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The client port; the bus port is this + 10000. */
    public int port() {
        return port;
    }

    public int busPort() {
        return port + 10000;
    }

    /** The node ID (CLUSTER MYID), the same across restarts. */
    public String id() {
        if (id == null) throw new IllegalStateException("node on port " + port + " has not started");
        return id;
    }

    public long pid() {
        return process.pid();
    }

    /** The node's directory, holding disque.conf, nodes.conf, any AOF and server.log. */
    public Path dir() {
        return dir;
    }

    /** "127.0.0.1:port", as a client seed. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** What ClusterJoin needs to meet this node and poll it. */
    ClusterJoin.Node joinNode() {
        return new ClusterJoin.Node("127.0.0.1", port, "127.0.0.1", port, busPort());
    }

    /**
     * Sends one command on a fresh connection: a String for status and bulk replies, a Long for integers, a List
     * for arrays, null for nil; an error reply is thrown as {@link RespConnection.ErrorReply} inside the
     * UncheckedIOException, as is a node that does not answer.
     */
    public Object call(String... command) {
        try (RespConnection c = new RespConnection("127.0.0.1", port, null, IO_TIMEOUT)) {
            return c.call(command);
        } catch (IOException e) {
            throw new UncheckedIOException("node on port " + port + ": " + String.join(" ", command), e);
        }
    }

    /** A field of INFO (for example "connected_clients"), or null if it has none. */
    public String info(String section, String field) {
        for (String line : ((String) call("INFO", section)).split("\r?\n")) {
            if (line.startsWith(field + ":")) return line.substring(field.length() + 1).trim();
        }
        return null;
    }

    /** Everything the node logged, over all its runs. */
    public String output() {
        return outputSince(0);
    }

    private String outputSince(long offset) {
        try {
            if (!Files.exists(log)) return "";
            byte[] all = Files.readAllBytes(log);
            int from = (int) Math.min(offset, all.length);
            return new String(all, from, all.length - from, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** Kills the node if it runs; its directory stays (the cluster removes it). */
    @Override
    public void close() {
        if (isAlive()) kill();
    }

    @Override
    public String toString() {
        return "node " + (id == null ? "?" : id.substring(0, Math.min(8, id.length()))) + " on port " + port;
    }
}
