/*
 * Driver: the load generator for the Disque benchmark, in one file with no
 * dependencies, run with the JDK source launcher:
 *
 *   java bench/Driver.java fill  --port P [--host H] [--queue q] [--jobs M] [--body B]
 *                                [--conns C] [--pipeline N]
 *   java bench/Driver.java cycle --port P [--host H] [--queue q] [--threads T] [--count K]
 *                                [--max-seconds S]
 *
 * fill:  adds M jobs ("ADDJOB q <B bytes> 0") over C connections, N requests
 *        in flight per connection; used to prefill queues and to measure
 *        memory per job.
 * cycle: T connections, each looping "GETJOB NOHANG COUNT K FROM q" and then
 *        "ACKJOB <every id returned>", until the queue is empty (or S seconds
 *        pass). This is what a pool of workers does; the rate counted is
 *        jobs fetched and acknowledged per second.
 *
 * The last line printed is machine-readable: "<mode> key=value ...".
 */
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

public final class Driver {
    public static void main(String[] args) throws Exception {
        if (args.length == 0) usage();
        Map<String, String> opt = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) usage();
            opt.put(args[i].substring(2), args[++i]);
        }
        String host = opt.getOrDefault("host", "127.0.0.1");
        int port = Integer.parseInt(required(opt, "port"));
        String queue = opt.getOrDefault("queue", "q");
        switch (args[0]) {
            case "fill":
                fill(host, port, queue, Long.parseLong(opt.getOrDefault("jobs", "100000")),
                        Integer.parseInt(opt.getOrDefault("body", "4")),
                        Integer.parseInt(opt.getOrDefault("conns", "2")),
                        Integer.parseInt(opt.getOrDefault("pipeline", "256")));
                break;
            case "cycle":
                cycle(host, port, queue, Integer.parseInt(opt.getOrDefault("threads", "8")),
                        Integer.parseInt(opt.getOrDefault("count", "16")),
                        Double.parseDouble(opt.getOrDefault("max-seconds", "120")));
                break;
            default:
                usage();
        }
    }

    private static void usage() {
        System.err.println("usage: java Driver.java fill|cycle --port P [--host H] [--queue q] ...");
        System.err.println("  fill:  [--jobs M] [--body BYTES] [--conns C] [--pipeline N]");
        System.err.println("  cycle: [--threads T] [--count K] [--max-seconds S]");
        System.exit(2);
    }

    private static String required(Map<String, String> opt, String name) {
        String v = opt.get(name);
        if (v == null) {
            System.err.println("missing --" + name);
            usage();
        }
        return v;
    }

    // ------------------------------------------------------------------ fill

    static void fill(String host, int port, String queue, long jobs, int bodyLen, int conns, int pipeline)
            throws Exception {
        byte[] body = new byte[bodyLen];
        java.util.Arrays.fill(body, (byte) 'x');
        byte[] request = command("ADDJOB".getBytes(StandardCharsets.US_ASCII), bytes(queue), body, bytes("0"));
        AtomicLong added = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < conns; t++) {
            long share = jobs / conns + (t < jobs % conns ? 1 : 0);
            Thread th = new Thread(() -> {
                try (Conn c = new Conn(host, port)) {
                    long left = share;
                    while (left > 0) {
                        int n = (int) Math.min(pipeline, left);
                        for (int i = 0; i < n; i++) c.out.write(request);
                        c.out.flush();
                        for (int i = 0; i < n; i++) {
                            Object r = c.read();
                            if (!(r instanceof String) || !((String) r).startsWith("D-")) {
                                throw new IOException("unexpected ADDJOB reply: " + r);
                            }
                        }
                        left -= n;
                        added.addAndGet(n);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "fill-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        double secs = (System.nanoTime() - start) / 1e9;
        if (!errors.isEmpty()) fail("fill failed", errors.get(0));
        System.out.printf(Locale.ROOT, "fill jobs=%d body=%d seconds=%.2f jobs_per_sec=%.0f%n",
                added.get(), bodyLen, secs, added.get() / secs);
    }

    // ----------------------------------------------------------------- cycle

    static void cycle(String host, int port, String queue, int nthreads, int count, double maxSeconds)
            throws Exception {
        byte[] getjob = command(bytes("GETJOB"), bytes("NOHANG"), bytes("COUNT"), bytes(Integer.toString(count)),
                bytes("FROM"), bytes(queue));
        AtomicLong done = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch ready = new CountDownLatch(nthreads);
        CountDownLatch go = new CountDownLatch(1);
        long deadlineNanos = (long) (maxSeconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        long[] lastFinish = new long[nthreads];
        for (int t = 0; t < nthreads; t++) {
            final int slot = t;
            Thread th = new Thread(() -> {
                try (Conn c = new Conn(host, port)) {
                    ready.countDown();
                    go.await();
                    long start = System.nanoTime();
                    ByteArrayOutputStream ack = new ByteArrayOutputStream(64 * count);
                    while (System.nanoTime() - start < deadlineNanos) {
                        c.out.write(getjob);
                        c.out.flush();
                        Object r = c.read();
                        if (r == null) break; // queue drained
                        List<?> jobs = (List<?>) r;
                        ack.reset();
                        writeArrayHeader(ack, jobs.size() + 1);
                        writeBulk(ack, bytes("ACKJOB"));
                        for (Object j : jobs) writeBulk(ack, bytes((String) ((List<?>) j).get(1)));
                        ack.writeTo(c.out);
                        c.out.flush();
                        Object n = c.read();
                        if (!(n instanceof Long) || (Long) n != jobs.size()) {
                            throw new IOException("ACKJOB acknowledged " + n + " of " + jobs.size());
                        }
                        done.addAndGet(jobs.size());
                        calls.incrementAndGet();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                } finally {
                    lastFinish[slot] = System.nanoTime();
                }
            }, "cycle-" + t);
            threads.add(th);
            th.start();
        }
        ready.await();
        long start = System.nanoTime();
        go.countDown();
        for (Thread th : threads) th.join();
        long end = 0;
        for (long f : lastFinish) end = Math.max(end, f);
        double secs = (end - start) / 1e9;
        if (!errors.isEmpty()) fail("cycle failed", errors.get(0));
        System.out.printf(Locale.ROOT,
                "cycle jobs=%d threads=%d count=%d seconds=%.2f jobs_per_sec=%.0f round_trips_per_sec=%.0f%n",
                done.get(), nthreads, count, secs, done.get() / secs, 2 * calls.get() / secs);
    }

    private static void fail(String what, Throwable e) {
        System.err.println(what + ": " + e);
        System.exit(1);
    }

    // ------------------------------------------------------------------ RESP

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] command(byte[]... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeArrayHeader(b, args.length);
        for (byte[] a : args) writeBulk(b, a);
        return b.toByteArray();
    }

    static void writeArrayHeader(ByteArrayOutputStream b, int n) {
        b.writeBytes(bytes("*" + n + "\r\n"));
    }

    static void writeBulk(ByteArrayOutputStream b, byte[] a) {
        b.writeBytes(bytes("$" + a.length + "\r\n"));
        b.writeBytes(a);
        b.write('\r');
        b.write('\n');
    }

    /** One connection with buffered streams and a minimal RESP2 reply reader. */
    static final class Conn implements AutoCloseable {
        final Socket socket = new Socket();
        final OutputStream out;
        final InputStream in;

        Conn(String host, int port) throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        }

        /** Status and bulk -> String, integer -> Long, array -> List, nil -> null; errors throw. */
        Object read() throws IOException {
            int type = in.read();
            if (type < 0) throw new EOFException("connection closed");
            String line = readLine();
            switch (type) {
                case '+':
                    return line;
                case '-':
                    throw new IOException("server error: " + line);
                case ':':
                    return Long.parseLong(line);
                case '$': {
                    int len = Integer.parseInt(line);
                    if (len < 0) return null;
                    byte[] b = in.readNBytes(len);
                    if (b.length < len || in.read() != '\r' || in.read() != '\n') throw new EOFException("short bulk");
                    return new String(b, StandardCharsets.UTF_8);
                }
                case '*': {
                    int n = Integer.parseInt(line);
                    if (n < 0) return null;
                    List<Object> items = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) items.add(read());
                    return items;
                }
                default:
                    throw new IOException("bad reply type '" + (char) type + "'");
            }
        }

        private final StringBuilder sb = new StringBuilder();

        private String readLine() throws IOException {
            sb.setLength(0);
            while (true) {
                int ch = in.read();
                if (ch < 0) throw new EOFException("connection closed");
                if (ch == '\r') {
                    if (in.read() != '\n') throw new IOException("bad line ending");
                    return sb.toString();
                }
                sb.append((char) ch);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
