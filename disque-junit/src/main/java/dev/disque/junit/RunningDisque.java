/*
 * RunningDisque: one server the extension started, with what belongs to its
 * lifetime: its temporary directory (for an append-only file, if a test
 * turns it on) and the client it hands connections out of, made on first
 * use. JUnit closes it when the class or method that owns it is done.
 */
package dev.disque.junit;

import dev.disque.server.DisqueServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

final class RunningDisque implements AutoCloseable {
    final DisqueServer server;
    private final Path dir;
    private ClientSupport.Client client;

    private RunningDisque(DisqueServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    static RunningDisque start(String[] config) throws IOException {
        Path dir = Files.createTempDirectory("disque-junit-");
        try {
            DisqueServer.Builder b = DisqueServer.builder().bind("127.0.0.1").port(0).config("dir", dir.toString());
            for (String line : config) {
                String trimmed = line.trim();
                int space = trimmed.indexOf(' ');
                if (space < 0) throw new IllegalArgumentException("@EmbeddedDisque config wants \"name value\": " + line);
                b.config(trimmed.substring(0, space), trimmed.substring(space + 1).trim());
            }
            return new RunningDisque(b.build().start(), dir);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    /** The client for this server, made on first use (only then is disque-client needed). */
    synchronized ClientSupport.Client client() {
        if (client == null) client = ClientSupport.clientFor(server);
        return client;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            if (client != null) client.close();
        } finally {
            server.close();
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) Files.deleteIfExists(p);
    }
}
