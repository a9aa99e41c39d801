/*
 * NodesFile: nodes.conf, where a node keeps its identity and its peers.
 *
 * One line per node, in the shape of CLUSTER NODES with the bus port added
 * (`<id> <ip>:<port>@<busport> <flags>`), this node flagged `myself`. It is
 * written whenever membership changes, atomically (temp file, fsync,
 * rename, directory fsync), so a SIGKILL at any moment leaves either the
 * old or the new file. At start it is read before the AOF, so a restarted
 * node keeps its ID, finds its peers without any MEET, and the jobs it
 * loads keep every node of their nodes-delivered sets. A file the original
 * Disque wrote (no @busport, ping and link fields after the flags) reads
 * too: a node moved from the original keeps its ID and its peers.
 */
package dev.disque.server.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

public final class NodesFile {
    private NodesFile() {
    }

    /** One node as read from the file. */
    public record Entry(String id, String host, int port, int busPort, boolean myself, boolean leaving) {
    }

    /** Reads the file; an empty list if it does not exist. Throws on a damaged file. */
    public static List<Entry> load(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.exists(file)) return entries;
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split(" ");
            try {
                if (f.length < 3 || !Node.isValidId(f[0])) throw new IllegalArgumentException("bad node line");
                // The original writes no @busport: its bus is always at port + 10000.
                int at = f[1].lastIndexOf('@');
                int end = at < 0 ? f[1].length() : at;
                int colon = f[1].lastIndexOf(':', end);
                if (colon < 0) throw new IllegalArgumentException("bad address");
                String host = f[1].substring(0, colon);
                int port = Integer.parseInt(f[1].substring(colon + 1, end));
                int bus = at < 0 ? port + 10000 : Integer.parseInt(f[1].substring(at + 1));
                if (port < 0 || port > 65535 || bus < 0 || bus > 65535) throw new IllegalArgumentException("bad port");
                List<String> flags = List.of(f[2].split(","));
                entries.add(new Entry(f[0], host, port, bus, flags.contains("myself"), flags.contains("leaving")));
            } catch (RuntimeException e) {
                throw new IOException("Unrecoverable error: corrupted cluster config file \"" + file + "\" at line "
                        + lineNo + ": " + line);
            }
        }
        long mine = entries.stream().filter(Entry::myself).count();
        if (!entries.isEmpty() && mine != 1) {
            throw new IOException("Unrecoverable error: cluster config file \"" + file + "\" must name exactly one node as myself");
        }
        return entries;
    }

    /** Writes the state atomically. */
    public static void save(Path file, ClusterState state) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Node n : state.nodes()) {
            if (n.has(Node.HANDSHAKE)) continue;
            String flags = n.has(Node.MYSELF) ? (n.has(Node.LEAVING) ? "myself,leaving" : "myself")
                    : (n.has(Node.LEAVING) ? "leaving" : "noflags");
            sb.append(n.id()).append(' ').append(n.host()).append(':').append(n.port())
              .append('@').append(n.busPort()).append(' ').append(flags).append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("temp-" + file.getFileName() + "-" + ProcessHandle.current().pid());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) ch.write(b);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some filesystems cannot sync a directory; the rename itself is still atomic.
        }
    }
}
