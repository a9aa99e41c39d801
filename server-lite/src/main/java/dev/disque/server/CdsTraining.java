/*
 * CdsTraining: the run bin/disque-server records a class-data sharing
 * archive from (java -XX:ArchiveClassesAtExit=... -cp disque-server.jar
 * dev.disque.server.CdsTraining).
 *
 * A node spends most of its start-up loading and verifying classes: Netty,
 * the config, the commands, the cluster bus. Started with the archive, the
 * JVM maps them ready-made instead, which cuts the time until the node
 * answers PING by about a third (and the heap-sizing JVM the launcher runs
 * first shares the same archive). To load what a real node loads, this run
 * sizes a heap and parses a config as the launcher does, starts two nodes
 * with the append-only file on, joins them, and moves a replicated job
 * through ADDJOB, GETJOB and ACKJOB over real sockets, then stops them.
 * Everything it starts listens on 127.0.0.1 and is gone when it returns.
 */
package dev.disque.server;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

public final class CdsTraining {
    private static final long JOIN_WAIT_MILLIS = 20_000;

    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "dev.disque.server.log.DisqueLogProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        HeapSizing.options(100 * HeapSizing.MB);
        Main.parse(new String[] {"--port", "7711", "--maxmemory", "100mb"});
        Path dir = Files.createTempDirectory("disque-cds");
        try (DisqueServer a = node(dir.resolve("a")); DisqueServer b = node(dir.resolve("b"))) {
            try (Resp ra = new Resp(a.port()); Resp rb = new Resp(b.port())) {
                rb.call("CLUSTER", "MEET", "127.0.0.1", Integer.toString(a.port()), Integer.toString(a.clusterPort()));
                long deadline = System.currentTimeMillis() + JOIN_WAIT_MILLIS;
                while (!ra.call("CLUSTER", "INFO").toString().contains("cluster_reachable_nodes:1")) {
                    if (System.currentTimeMillis() > deadline) throw new IOException("the two nodes did not meet");
                    Thread.sleep(20);
                }
                String id = ra.call("ADDJOB", "q", "body", "5000", "REPLICATE", "2").toString();
                rb.call("GETJOB", "TIMEOUT", "5000", "FROM", "q");
                rb.call("ACKJOB", id);
                ra.call("INFO");
                ra.call("HELLO");
                ra.call("QSTAT", "q");
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static DisqueServer node(Path dir) throws IOException {
        Files.createDirectories(dir);
        return DisqueServer.builder().port(0).bind("127.0.0.1").config("dir", dir.toString())
                .config("appendonly", "yes").config("loglevel", "warning").build().start();
    }

    /** Just enough of a RESP client to send commands and read whole replies. */
    private static final class Resp implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;

        Resp(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        Object call(String... argv) throws IOException {
            StringBuilder sb = new StringBuilder().append('*').append(argv.length).append("\r\n");
            for (String a : argv) {
                sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            }
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read();
        }

        private Object read() throws IOException {
            int type = in.read();
            String line = line();
            switch (type) {
                case '+', ':' -> {
                    return line;
                }
                case '-' -> throw new IOException("server error: " + line);
                case '$' -> {
                    int n = Integer.parseInt(line);
                    if (n < 0) return "";
                    byte[] b = in.readNBytes(n + 2);
                    return new String(b, 0, n, StandardCharsets.UTF_8);
                }
                case '*' -> {
                    int n = Integer.parseInt(line);
                    List<Object> items = new ArrayList<>();
                    for (int i = 0; i < n; i++) items.add(read());
                    return items;
                }
                default -> throw new IOException("unexpected reply type " + type);
            }
        }

        private String line() throws IOException {
            StringBuilder sb = new StringBuilder();
            int c;
            while ((c = in.read()) != '\r') {
                if (c < 0) throw new IOException("connection closed");
                sb.append((char) c);
            }
            in.read();
            return sb.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
