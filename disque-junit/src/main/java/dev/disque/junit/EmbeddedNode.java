/*
 * EmbeddedNode: one server the extension started, with its temporary
 * directory (for nodes.conf and an append-only file, if a test turns it
 * on). Each node of a cluster has its own, as separate machines would.
 * Closing stops the server and deletes the directory.
 */
package dev.disque.junit;

import dev.disque.server.DisqueServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

final class EmbeddedNode implements AutoCloseable {
    final DisqueServer server;
    private final Path dir;

    private EmbeddedNode(DisqueServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /**
     * Starts a server on 127.0.0.1, on a client port and a bus port the kernel picks, in a new temporary
     * directory; the directives ("name value") come after those defaults, so they can change them too.
     */
    static EmbeddedNode start(String[] config) throws IOException {
        Path dir = Files.createTempDirectory("disque-junit-");
        try {
            DisqueServer.Builder b = DisqueServer.builder().bind("127.0.0.1").port(0).config("dir", dir.toString());
            for (String line : config) {
                String trimmed = line.trim();
                int space = trimmed.indexOf(' ');
                if (space < 0) throw new IllegalArgumentException("@EmbeddedDisque config wants \"name value\": " + line);
                b.config(trimmed.substring(0, space), trimmed.substring(space + 1).trim());
            }
            return new EmbeddedNode(b.build().start(), dir);
        } catch (RuntimeException e) {
            deleteTree(dir);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
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
