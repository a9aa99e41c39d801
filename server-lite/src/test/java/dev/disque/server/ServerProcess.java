/*
 * ServerProcess: a disque-server running as a child process, for crash and
 * restart tests. It runs the real Main from the test class path, bound to
 * 127.0.0.1 on a free port (port 0; the port is read from the ready line of
 * its log), and can be killed with SIGKILL or stopped with SIGTERM.
 */
package dev.disque.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public final class ServerProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("ready to accept connections on .* port (\\d+)");

    private final Process process;
    private final int port;
    private final StringBuffer output;

    private ServerProcess(Process process, int port, StringBuffer output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Everything the server logged so far. */
    public String output() {
        return output.toString();
    }

    /** Starts a server with these arguments ([configfile] --directive value ...); waits until it serves. */
    public static ServerProcess start(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.disque.server.Main");
        boolean hasConfigFile = args.length > 0 && !args[0].startsWith("--");
        int i = 0;
        if (hasConfigFile) cmd.add(args[i++]);
        cmd.add("--port");
        cmd.add("0");
        cmd.add("--dir");
        cmd.add(dir.toString());
        for (; i < args.length; i++) cmd.add(args[i]);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile()).start();
        StringBuffer out = new StringBuffer();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                    Matcher m = READY.matcher(line);
                    if (m.find()) ready.complete(Integer.parseInt(m.group(1)));
                }
            } catch (IOException ignored) {
                // the process went away
            }
            ready.complete(-1);
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        int port;
        try {
            port = ready.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("server did not start: " + out, e);
        }
        if (port < 0) {
            throw new StartFailed(out.toString(), waitExit(p));
        }
        return new ServerProcess(p, port, out);
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
    public void close() {
        if (process.isAlive()) kill();
    }
}
