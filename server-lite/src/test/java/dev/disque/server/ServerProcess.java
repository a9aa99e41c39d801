/*
 * ServerProcess: a disque-server running as a child process, for crash and
 * restart tests. It runs the real Main from the test class path, bound to
 * 127.0.0.1 on a free port (port 0; the port is read from the ready line of
 * its log), and can be killed with SIGKILL or stopped with SIGTERM.
 *
 * The child logs to a file rather than a pipe: the JDK closes a child's
 * pipe when it exits, which races with reading its last lines. A child
 * still running when the test JVM exits is killed with it, so a test that
 * fails before it can close its servers (an Error while a cluster starts)
 * leaves none behind.
 */
package dev.disque.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready to accept connections on .* port (\\d+)");
    private static final AtomicInteger STARTS = new AtomicInteger();
    /** Children not yet exited; the JVM's exit kills them. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "disque-server-reaper"));
    }

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** What a child server runs with unless a test says otherwise: small, and a collector for a small heap. */
    private static final List<String> DEFAULT_JVM = List.of("-Xmx256m", "-XX:+UseSerialGC");

    /** Starts a server from a config file alone (it sets port and dir), working in dir; waits until it serves. */
    public static ServerProcess startWithConfig(Path dir, Path config) throws IOException {
        return launch(List.of(), DEFAULT_JVM, dir, List.of(config.toString()));
    }

    /** Starts a server with these arguments ([configfile] --directive value ...); waits until it serves. */
    public static ServerProcess start(Path dir, String... args) throws IOException {
        return start(DEFAULT_JVM, dir, args);
    }

    /** As start(dir, args), with these JVM options (heap size, GC) instead of the defaults. */
    public static ServerProcess start(List<String> jvmOptions, Path dir, String... args) throws IOException {
        return start(List.of(), jvmOptions, dir, args);
    }

    /**
     * As start(jvmOptions, dir, args), the java command run through a prefix
     * that execs it (for example "ip netns exec NAME" to run the server in a
     * network namespace).
     */
    public static ServerProcess start(List<String> prefix, List<String> jvmOptions, Path dir, String... args)
            throws IOException {
        List<String> rest = new ArrayList<>();
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("--")) rest.add(args[i++]);
        rest.add("--port");
        rest.add("0");
        rest.add("--dir");
        rest.add(dir.toString());
        for (; i < args.length; i++) rest.add(args[i]);
        return launch(prefix, jvmOptions, dir, rest);
    }

    private static ServerProcess launch(List<String> prefix, List<String> jvmOptions, Path dir, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.disque.server.Main");
        cmd.addAll(args);
        Path log = Files.createTempFile("disque-server-" + STARTS.incrementAndGet() + "-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(dir.toFile()).start();
        RUNNING.add(p);
        p.onExit().thenRun(() -> RUNNING.remove(p));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = READY.matcher(readLog(log));
            if (m.find()) return new ServerProcess(p, Integer.parseInt(m.group(1)), log);
            if (!p.isAlive()) {
                int code = waitExit(p);
                throw new StartFailed(readLog(log), code);
            }
            try {
                p.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        p.destroyForcibly();
        throw new IOException("server did not start: " + readLog(log));
    }

    /** The text of a log file, empty while the server has not created it yet. */
    static String readLog(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The server refused to start: its output and exit code. */
    public static final class StartFailed extends IOException {
        private static final long serialVersionUID = 1L;
        public final String output;
        public final int exitCode;

        StartFailed(String output, int exitCode) {
            super("server exited with " + exitCode + ": " + output);
            this.output = output;
            this.exitCode = exitCode;
        }
    }

    private static int waitExit(Process p) {
        try {
            if (p.waitFor(30, TimeUnit.SECONDS)) return p.exitValue();
            p.destroyForcibly();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Everything the server logged so far. */
    public String output() {
        try {
            return readLog(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** SIGKILL: no chance to flush anything. */
    public void kill() {
        process.destroyForcibly();
        waitExit(process);
    }

    /** SIGTERM: a clean shutdown; returns the exit code. */
    public int terminate() {
        process.destroy();
        return waitExit(process);
    }

    public int waitForExit() {
        return waitExit(process);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) kill();
        Files.deleteIfExists(log);
    }
}
