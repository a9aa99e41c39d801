/*
 * Io: the streams, environment and terminal facts the CLI runs with, so
 * tests can run it in-process on in-memory streams.
 */
package dev.disque.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

public record Io(InputStream in, PrintStream out, PrintStream err, Map<String, String> env,
                 boolean stdinTty, boolean stdoutTty) {

    public static Io system() {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        boolean console = System.console() != null;
        return new Io(System.in, out, err, System.getenv(), console || isTty(0), console || isTty(1));
    }

    /** Whether a standard file descriptor is a terminal (Linux: where /proc/self/fd/N points). */
    static boolean isTty(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    public String env(String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }
}
