/*
 * KillRounds: kill -9 a node under load, restart it, and count the jobs it
 * had acknowledged that are gone (must be 0 with appendfsync always).
 *
 *   java bench/KillRounds.java [--rounds 10] [--clients 8] [--max-ms 3000] [--seed N]
 *
 * Each round starts bin/disque-server on a free 127.0.0.1 port over the same
 * directory (appendonly yes, appendfsync always, and automatic rewrites from
 * 1 MB so that some kills land in the middle of a rewrite), runs producers
 * that ADDJOB and ACKJOB one job in four, and sends SIGKILL after a random
 * time. After the restart every job whose ADDJOB was answered with an ID and
 * was not acknowledged since must be there (SHOW), every job whose ACKJOB
 * was answered must not come back as deliverable (it may still be known in
 * state acked until garbage collected), and no temporary rewrite file may be
 * left over. Run by bench/kill9.sh; prints a Markdown table.
 */
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

public class KillRounds {
    static final Set<String> live = ConcurrentHashMap.newKeySet();
    static final Set<String> deleted = ConcurrentHashMap.newKeySet();

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(opt(args, "--rounds", "10"));
        int clients = Integer.parseInt(opt(args, "--clients", "8"));
        int maxMs = Integer.parseInt(opt(args, "--max-ms", "3000"));
        Random rnd = new Random(Long.parseLong(opt(args, "--seed", "7")));
        Path root = Path.of(opt(args, "--root", "."));
        Path dir = Files.createTempDirectory("disque-kill9-");
        long totalMissing = 0, totalBack = 0, totalStale = 0;
        System.out.println("| round | killed after | confirmed, not acked (total) | acked (total) | missing after restart | acked but deliverable again | stale rewrite files |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Node node = Node.start(root, dir);
        try {
            for (int round = 1; round <= rounds; round++) {
                int killAfter = 300 + rnd.nextInt(Math.max(1, maxMs - 300));
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> producers = new ArrayList<>();
                int port = node.port;
                for (int c = 0; c < clients; c++) {
                    int id = c;
                    Thread t = new Thread(() -> produce(port, id, stop));
                    t.start();
                    producers.add(t);
                }
                Thread.sleep(killAfter);
                node.kill();
                stop.set(true);
                for (Thread t : producers) t.join(30_000);
                node = Node.start(root, dir);
                long stale;
                try (var files = Files.list(dir)) {
                    stale = files.filter(p -> p.getFileName().toString().startsWith("temp-rewriteaof-")).count();
                }
                long[] check = verify(node.port);
                totalMissing += check[0];
                totalBack += check[1];
                totalStale += stale;
                System.out.printf("| %d | %d ms | %d | %d | %d | %d | %d |%n", round, killAfter, live.size(),
                        deleted.size(), check[0], check[1], stale);
            }
        } finally {
            node.stop();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.printf("%nkill9 rounds=%d missing=%d acked_back=%d stale_files=%d%n", rounds, totalMissing, totalBack, totalStale);
        System.exit(totalMissing == 0 && totalBack == 0 && totalStale == 0 ? 0 : 1);
    }

    /** ADDJOB in a loop; every fourth confirmed job is ACKJOBed. Only answered requests count. */
    static void produce(int port, int id, AtomicBoolean stop) {
        try (Conn c = new Conn(port)) {
            for (long i = 0; !stop.get(); i++) {
                String reply = c.call("ADDJOB", "q" + id, "job " + id + "-" + i, "0");
                if (!reply.startsWith("+")) throw new IOException("ADDJOB answered " + reply);
                String jobId = reply.substring(1);
                live.add(jobId);
                if (i % 4 == 0) {
                    String acked = c.call("ACKJOB", jobId);
                    if (!acked.equals(":1")) throw new IOException("ACKJOB answered " + acked);
                    live.remove(jobId);
                    deleted.add(jobId);
                }
            }
        } catch (IOException e) {
            // The node was killed: a request without an answer counts for nothing.
        }
    }

    /** {missing confirmed jobs, acknowledged jobs that came back}, with pipelined SHOWs. */
    static long[] verify(int port) throws IOException {
        long missing = 0, back = 0;
        try (Conn c = new Conn(port)) {
            List<String> ids = new ArrayList<>(live);
            for (int from = 0; from < ids.size(); from += 1000) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + 1000));
                for (String id : part) c.send("SHOW", id);
                for (String id : part) if (c.skipReply().equals("*-1")) missing++;
            }
            ids = new ArrayList<>(deleted);
            for (int from = 0; from < ids.size(); from += 1000) {
                List<String> part = ids.subList(from, Math.min(ids.size(), from + 1000));
                for (String id : part) c.send("SHOW", id);
                for (String id : part) {
                    // An acknowledged job may still be known, in state acked, until its garbage
                    // collection; it only "came back" if it could be delivered again.
                    Object show = c.reply();
                    if (show instanceof List<?> kv && !"acked".equals(kv.get(kv.indexOf("state") + 1))) back++;
                }
            }
        }
        return new long[] {missing, back};
    }

    static String opt(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return def;
    }

    /** A disque-server child started through bin/disque-server (which execs java: the PID is the server's). */
    static final class Node {
        final Process process;
        final int port;

        private Node(Process process, int port) {
            this.process = process;
            this.port = port;
        }

        static Node start(Path root, Path dir) throws Exception {
            for (int attempt = 0; attempt < 20; attempt++) {
                int port = 20000 + new Random().nextInt(40000);
                Process p = new ProcessBuilder(root.resolve("bin/disque-server").toString(), "--port", String.valueOf(port),
                        "--bind", "127.0.0.1", "--dir", dir.toString(), "--appendonly", "yes", "--appendfsync", "always",
                        "--auto-aof-rewrite-min-size", "1mb", "--auto-aof-rewrite-percentage", "100")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (System.nanoTime() < deadline && p.isAlive()) {
                    try (Conn c = new Conn(port)) {
                        if (c.call("PING").equals("+PONG")) return new Node(p, port);
                    } catch (IOException e) {
                        Thread.sleep(50);
                    }
                }
                p.destroyForcibly().waitFor();
            }
            throw new IOException("the server did not start; see its log in " + dir);
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        void stop() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
        }
    }

    /** A blocking RESP connection: one-line replies as text, others skipped. */
    static final class Conn implements AutoCloseable {
        final Socket socket = new Socket();
        final InputStream in;
        final OutputStream out;

        Conn(int port) throws IOException {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(60_000);
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        }

        void send(String... args) throws IOException {
            StringBuilder b = new StringBuilder("*" + args.length + "\r\n");
            for (String a : args) b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
            out.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }

        String call(String... args) throws IOException {
            send(args);
            return skipReply();
        }

        /** Reads one reply; returns its first line (a whole array or bulk is consumed). */
        String skipReply() throws IOException {
            out.flush();
            String line = line();
            char t = line.charAt(0);
            if (t == '$') {
                long n = Long.parseLong(line.substring(1));
                if (n >= 0) in.readNBytes((int) n + 2);
            } else if (t == '*') {
                long n = Long.parseLong(line.substring(1));
                for (long i = 0; i < n; i++) skipReply();
            }
            return line;
        }

        /** Reads one reply as text (status, error, integer, bulk), null (nil) or a list. */
        Object reply() throws IOException {
            out.flush();
            String line = line();
            char t = line.charAt(0);
            if (t == '$') {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) return null;
                String v = new String(in.readNBytes(n), StandardCharsets.UTF_8);
                in.readNBytes(2);
                return v;
            }
            if (t == '*') {
                int n = Integer.parseInt(line.substring(1));
                if (n < 0) return null;
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < n; i++) items.add(reply());
                return items;
            }
            return line;
        }

        String line() throws IOException {
            StringBuilder b = new StringBuilder();
            int ch;
            while ((ch = in.read()) != '\n') {
                if (ch < 0) throw new IOException("connection closed");
                if (ch != '\r') b.append((char) ch);
            }
            return b.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
