/*
 * TmuxTerminal: runs the real `disque` main class in a real terminal, a
 * detached tmux pane of 160x50 on a tmux server of its own (-L), for what
 * only a real terminal shows: what the user sees after typing a line, or
 * what a one-shot command prints on a tty. keys() types, screen() is the
 * pane's text (capture-pane, wrapped lines joined), awaitScreen() polls it.
 * Tests using it are skipped where tmux is not installed.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

public final class TmuxTerminal implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final String server = "disque-cli-test-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();

    /** Whether tmux can be run here. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts `disque args...` (this build's classes) in a new pane; HOME points at {@code home}. */
    public TmuxTerminal(java.nio.file.Path home, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("env", "HOME=" + home, "TERM=xterm-256color", "NO_COLOR=1",
                "DISQUE_HISTFILE=", javaCommand(), "-cp", classPath(), DisqueCli.class.getName()));
        cmd.addAll(List.of(args));
        StringBuilder shell = new StringBuilder();
        for (String c : cmd) shell.append(shell.length() == 0 ? "" : " ").append(quote(c));
        // The pane stays after the program exits so a test can still read what it printed.
        tmux("new-session", "-d", "-x", "160", "-y", "50", "-s", "t", shell + "; echo '[exited]'; sleep 600");
    }

    private static String javaCommand() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The classpath of this test run (surefire passes the real one in a property). */
    private static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isEmpty() ? cp : System.getProperty("java.class.path");
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Types text, then Enter. */
    public void line(String text) throws IOException {
        tmux("send-keys", "-t", "t", "-l", text);
        tmux("send-keys", "-t", "t", "Enter");
    }

    /** The pane's text, wrapped lines joined, trailing blanks trimmed. */
    public String screen() throws IOException {
        return tmux("capture-pane", "-p", "-J", "-t", "t", "-S", "-");
    }

    /** Polls the pane until it shows {@code expected}; returns the screen then. */
    public String awaitScreen(String expected, Duration timeout) throws IOException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String s = screen();
            if (s.contains(expected)) return s;
            if (System.nanoTime() > end) fail("the terminal never showed \"" + expected + "\"; it shows:\n" + s);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private String tmux(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", server));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("tmux " + String.join(" ", args) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        if (p.exitValue() != 0) throw new IOException("tmux " + args[0] + " failed: " + out);
        return out;
    }

    /** Ends this test's own tmux server (and the program in its pane). */
    @Override
    public void close() throws IOException {
        try {
            tmux("kill-server");
        } catch (IOException e) {
            // Already gone: nothing left to end.
        }
    }
}
