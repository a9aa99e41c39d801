/*
 * TermHarness: a JLine terminal on in-memory streams (an xterm of 120x40)
 * with the REPL running on its own thread: type() feeds keys, the screen
 * is what the REPL wrote (escape codes stripped by text()), and awaitText()
 * waits for something to appear after a mark.
 */
package dev.disque.cli.repl;

import static org.junit.jupiter.api.Assertions.fail;

import dev.disque.cli.CliFixture;
import dev.disque.cli.net.Session;
import dev.disque.cli.render.ReplyRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

final class TermHarness implements AutoCloseable {
    private static final Pattern ANSI = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007]*\u0007|[@-Z\\\\-_=>])");

    final Terminal terminal;
    final Repl repl;
    private final PipedOutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Thread thread;
    private final AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);

    TermHarness(int port, Path history) throws IOException {
        this(port, history, 0);
    }

    TermHarness(int port, Path history, long repeatIntervalMillis) throws IOException {
        this(port, history, repeatIntervalMillis, ReplyRenderer.Format.TTY);
    }

    /** A shell printing replies in the given format (RAW as with --raw). */
    TermHarness(int port, Path history, long repeatIntervalMillis, ReplyRenderer.Format format) throws IOException {
        keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 64 * 1024);
        terminal = TerminalBuilder.builder().system(false).streams(in, screen).type("xterm-256color")
                .size(new Size(120, 40)).encoding(StandardCharsets.UTF_8).build();
        Session session = new Session("127.0.0.1", port, null, terminal.writer()::println);
        repl = new Repl(terminal, session, new Repl.Settings(new ReplyRenderer(format, true), true,
                history, repeatIntervalMillis, 200));
        thread = new Thread(() -> exit.set(repl.run()), "repl-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    void type(String s) throws IOException {
        keys.write(s.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    /** Everything shown so far, without escape codes and carriage returns. */
    String text() {
        return ANSI.matcher(screen.toString(StandardCharsets.UTF_8)).replaceAll("").replace("\r", "");
    }

    /** A position in text() to look after. */
    int mark() {
        return text().length();
    }

    String since(int mark) {
        String t = text();
        return mark <= t.length() ? t.substring(mark) : t;
    }

    void awaitText(int mark, String expected) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!since(mark).contains(expected)) {
            if (System.nanoTime() > end) {
                fail("screen never showed \"" + expected + "\"; it shows:\n" + since(mark) + "\nREPL thread:\n" + stack());
            }
            pause();
        }
    }

    private String stack() {
        StringBuilder b = new StringBuilder(thread.getState().toString()).append('\n');
        for (StackTraceElement e : thread.getStackTrace()) b.append("  at ").append(e).append('\n');
        return b.toString();
    }

    /** Waits for the REPL to return; its exit code. */
    int awaitExit() {
        CliFixture.await("the REPL to exit", Duration.ofSeconds(10), () -> !thread.isAlive());
        return exit.get();
    }

    boolean running() {
        return thread.isAlive();
    }

    private static void pause() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        if (thread.isAlive()) {
            type("quit\r");
            awaitExit();
        }
        terminal.close();
    }
}
