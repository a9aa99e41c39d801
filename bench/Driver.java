/*
 * Driver: the load generator for the Disque benchmark, in one file with no
 * dependencies, run with the JDK source launcher:
 *
 *   java bench/Driver.java fill  --port P [--host H] [--queue q] [--jobs M] [--body B]
 *                                [--conns C] [--pipeline N]
 *   java bench/Driver.java cycle --port P [--host H] [--queue q] [--conns C] [--count K]
 *                                [--max-seconds S] [--timeout MS --jobs M] [--ack ACKJOB|FASTACK]
 *   java bench/Driver.java latency --port P --consumer-port P2 [--host H] [--queue q] [--jobs M]
 *                                [--rate R]
 *
 * fill:  adds M jobs ("ADDJOB q <B bytes> 0") over C connections, N requests
 *        in flight per connection; used to prefill queues and to measure
 *        memory per job.
 * cycle: C connections, each looping "GETJOB NOHANG COUNT K FROM q" and then
 *        "ACKJOB <every id returned>", until the queue is empty (or S seconds
 *        pass). This is what a pool of workers does; the rate counted is
 *        jobs fetched and acknowledged per second. With --timeout the GETJOB
 *        blocks (so a node with an empty queue asks the cluster for jobs)
 *        and the run ends once M jobs were acknowledged; --ack FASTACK
 *        acknowledges with FASTACK.
 * latency: adds M jobs one at a time, R per second, on port P, while one
 *        consumer on port P2 (another node) takes them with a blocking GETJOB
 *        and FASTACKs them; prints the p50/p99 time from ADDJOB to GETJOB. One
 *        untimed job goes through first.
 *
 * The last line printed is machine-readable: "<mode> key=value ...".
 */
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
                // --threads is the older name of --conns (there was a thread per connection).
                cycle(host, port, queue, Integer.parseInt(opt.getOrDefault("conns", opt.getOrDefault("threads", "8"))),
                        Integer.parseInt(opt.getOrDefault("count", "16")),
                        Double.parseDouble(opt.getOrDefault("max-seconds", "120")),
                        Long.parseLong(opt.getOrDefault("timeout", "0")),
                        Long.parseLong(opt.getOrDefault("jobs", "0")),
                        opt.getOrDefault("ack", "ACKJOB"));
                break;
            case "latency":
                latency(host, port, Integer.parseInt(required(opt, "consumer-port")), queue,
                        Integer.parseInt(opt.getOrDefault("jobs", "5000")),
                        Integer.parseInt(opt.getOrDefault("rate", "1000")));
                break;
            default:
                usage();
        }
    }

    private static void usage() {
        System.err.println("usage: java Driver.java fill|cycle|latency --port P [--host H] [--queue q] ...");
        System.err.println("  fill:    [--jobs M] [--body BYTES] [--conns C] [--pipeline N]");
        System.err.println("  cycle:   [--conns C] [--count K] [--max-seconds S] [--timeout MS --jobs M] [--ack FASTACK]");
        System.err.println("  latency: --consumer-port P2 [--jobs M] [--rate R]");
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
                        for (int i = 0; i < n; i++) c.write(request);
                        c.flush();
                        for (int i = 0; i < n; i++) c.readJobIdStatus();
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

    /*
     * The cycle runs every connection from one thread over a selector, as
     * redis-benchmark does. With a thread per connection, at 250 000 jobs/s
     * the driver's core was 92 % busy while the server it drove was 65 to
     * 75 % busy, so the figure measured the driver; one thread costs about a
     * sixth less CPU per cycle (and C1 alone, as run.sh runs it, saves more).
     * On the wire nothing changed: each connection still sends one GETJOB,
     * waits for its reply, acknowledges what came, waits again.
     */
    static void cycle(String host, int port, String queue, int nconns, int count, double maxSeconds,
                      long timeoutMillis, long target, String ackVerb) throws Exception {
        byte[] getjob = timeoutMillis > 0
                ? command(bytes("GETJOB"), bytes("TIMEOUT"), bytes(Long.toString(timeoutMillis)), bytes("COUNT"),
                        bytes(Integer.toString(count)), bytes("FROM"), bytes(queue))
                : command(bytes("GETJOB"), bytes("NOHANG"), bytes("COUNT"), bytes(Integer.toString(count)),
                        bytes("FROM"), bytes(queue));
        byte[] verb = bytes("$" + ackVerb.length() + "\r\n" + ackVerb + "\r\n");
        long deadlineNanos = (long) (maxSeconds * 1e9);
        // A server that stops answering must not hang the run: give up after this long without a reply.
        long stallNanos = Math.max(30_000L, 2 * timeoutMillis) * 1_000_000L;
        long done = 0;
        long calls = 0;
        long lastFinish = 0;
        try (Selector selector = Selector.open()) {
            List<CycleConn> conns = new ArrayList<>();
            try {
                for (int i = 0; i < nconns; i++) conns.add(new CycleConn(host, port, selector, count));
                long start = System.nanoTime();
                long lastProgress = start;
                for (CycleConn c : conns) c.send(getjob);
                int open = conns.size();
                while (open > 0) {
                    selector.select(1000);
                    long now = System.nanoTime();
                    for (Iterator<SelectionKey> it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                        SelectionKey key = it.next();
                        it.remove();
                        CycleConn c = (CycleConn) key.attachment();
                        if (key.isValid() && key.isWritable()) c.writePending();
                        // One request is in flight per connection, so a readiness brings at most one reply.
                        if (!key.isReadable() || !c.readReply(verb)) continue;
                        lastProgress = now;
                        if (c.awaitingAck) {
                            if (c.jobs < 0) { // nothing queued (or nothing came within the timeout)
                                c.close();
                                open--;
                                continue;
                            }
                            c.send(c.ack.buf, c.ack.len);
                            continue;
                        }
                        if (c.acked != c.jobs) {
                            throw new IOException(ackVerb + " acknowledged " + c.acked + " of " + c.jobs);
                        }
                        done += c.jobs;
                        calls++;
                        lastFinish = now;
                        if (now - start >= deadlineNanos || (target > 0 && done >= target)) {
                            c.close();
                            open--;
                            continue;
                        }
                        c.send(getjob);
                    }
                    if (open > 0 && System.nanoTime() - lastProgress > stallNanos) {
                        throw new IOException("no reply for " + stallNanos / 1_000_000_000L + " s");
                    }
                }
                // Nothing acknowledged (the queue was empty): no time measured, a rate of 0.
                double secs = done == 0 ? 0 : (lastFinish - start) / 1e9;
                System.out.printf(Locale.ROOT,
                        "cycle jobs=%d conns=%d count=%d seconds=%.2f jobs_per_sec=%.0f round_trips_per_sec=%.0f%n",
                        done, nconns, count, secs, done == 0 ? 0 : done / secs, done == 0 ? 0 : 2 * calls / secs);
            } catch (IOException e) {
                fail("cycle failed", e);
            } finally {
                for (CycleConn c : conns) c.close();
            }
        }
    }

    /**
     * One cycle connection, non-blocking: its GETJOB or acknowledgement in
     * flight, and a reply parser that waits until the whole reply is in.
     */
    static final class CycleConn {
        final SocketChannel channel;
        final SelectionKey key;
        private ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private ByteBuffer out;
        final Bytes ack;
        /** True once a GETJOB reply was read: the next reply answers the acknowledgement. */
        boolean awaitingAck;
        int jobs;
        long acked;

        CycleConn(String host, int port, Selector selector, int count) throws IOException {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(host, port));
            channel.configureBlocking(false);
            key = channel.register(selector, SelectionKey.OP_READ, this);
            ack = new Bytes(64 * count + 64);
        }

        void send(byte[] b) throws IOException {
            send(b, b.length);
        }

        void send(byte[] b, int len) throws IOException {
            out = ByteBuffer.wrap(b, 0, len);
            writePending();
        }

        void writePending() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /**
         * Reads what the socket has and parses one reply if it is complete:
         * true when one was parsed (awaitingAck then tells which kind).
         */
        boolean readReply(byte[] verb) throws IOException {
            while (true) {
                if (!in.hasRemaining()) grow();
                int n = channel.read(in);
                if (n < 0) throw new EOFException("connection closed");
                if (n == 0) return false;
                int end = awaitingAck ? parseInteger() : parseJobs(verb);
                if (end < 0) continue; // incomplete: read on, or wait for the selector
                if (end != in.position()) throw new IOException("more than one reply with one request in flight");
                in.clear();
                awaitingAck = !awaitingAck;
                return true;
            }
        }

        private void grow() {
            ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
            in.flip();
            bigger.put(in);
            in = bigger;
        }

        /** Parses ":n\r\n" into acked; the end offset, or -1 if incomplete. */
        private int parseInteger() throws IOException {
            Cursor c = new Cursor(in.array(), in.position());
            if (!c.type(':')) return -1;
            long v = c.number();
            if (v == Long.MIN_VALUE) return -1;
            acked = v;
            return c.at;
        }

        /** Parses a GETJOB reply into jobs and the acknowledgement command; the end offset, or -1 if incomplete. */
        private int parseJobs(byte[] verb) throws IOException {
            Cursor c = new Cursor(in.array(), in.position());
            if (!c.type('*')) return -1;
            long n = c.number();
            if (n == Long.MIN_VALUE) return -1;
            if (n < 0) {
                jobs = -1;
                return c.at;
            }
            ack.reset();
            ack.put(bytes("*" + (n + 1) + "\r\n"));
            ack.put(verb);
            for (long i = 0; i < n; i++) {
                if (!c.type('*')) return -1;
                long fields = c.number();
                if (fields == Long.MIN_VALUE) return -1;
                if (fields != 3) throw new IOException("expected [queue, id, body]");
                if (c.bulk() < 0) return -1;
                int idStart = c.at;
                if (c.bulk() < 0) return -1;
                ack.put(in.array(), idStart, c.at - idStart);
                if (c.bulk() < 0) return -1;
            }
            jobs = (int) n;
            return c.at;
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket we are done with: nothing to do about a failure
            }
        }
    }

    /** A read position over received bytes; each step says whether the bytes it needs are there. */
    static final class Cursor {
        private final byte[] b;
        private final int limit;
        int at;

        Cursor(byte[] b, int limit) {
            this.b = b;
            this.limit = limit;
        }

        /** True if a reply of this type starts here; throws on an error reply or another type. */
        boolean type(int want) throws IOException {
            if (at >= limit) return false;
            int t = b[at];
            if (t == want) {
                at++;
                return true;
            }
            if (t == '-') {
                int eol = at;
                while (eol < limit && b[eol] != '\r') eol++;
                throw new IOException("server error: " + new String(b, at + 1, eol - at - 1, StandardCharsets.UTF_8));
            }
            throw new IOException("expected '" + (char) want + "' reply, got '" + (char) t + "'");
        }

        /** A signed decimal ending in CRLF, or Long.MIN_VALUE if it is not all here. */
        long number() throws IOException {
            long v = 0;
            boolean neg = false;
            int i = at;
            if (i < limit && b[i] == '-') {
                neg = true;
                i++;
            }
            while (i < limit && b[i] != '\r') {
                if (b[i] < '0' || b[i] > '9') throw new IOException("bad number in reply");
                v = v * 10 + (b[i] - '0');
                i++;
            }
            if (i + 1 >= limit) return Long.MIN_VALUE;
            if (b[i + 1] != '\n') throw new IOException("bad line ending");
            at = i + 2;
            return neg ? -v : v;
        }

        /** Skips one "$n\r\n...\r\n"; its length, or -1 if it is not all here. */
        long bulk() throws IOException {
            if (!type('$')) return -1;
            long n = number();
            if (n == Long.MIN_VALUE) return -1;
            if (n < 0) throw new IOException("unexpected nil");
            if (at + n + 2 > limit) return -1;
            at += (int) n + 2;
            return n;
        }
    }

    /** One producer adding jobs at a fixed rate on one node, one consumer on another: ADDJOB -> GETJOB time. */
    static void latency(String host, int port, int consumerPort, String queue, int jobs, int rate) throws Exception {
        // Untimed, one job first, so that the consumer's node knows where the queue's jobs come
        // from. Otherwise a race decides the figures: when the consumer's first NEEDJOBS
        // broadcast comes before the first ADDJOB, the next broadcast is 2 s later, and every job
        // added meanwhile waits for it.
        try (Conn p = new Conn(host, port); Conn c = new Conn(host, consumerPort)) {
            p.write(command(bytes("ADDJOB"), bytes(queue), bytes("0"), bytes("0")));
            p.flush();
            p.readJobIdStatus();
            c.write(command(bytes("GETJOB"), bytes("TIMEOUT"), bytes("10000"), bytes("FROM"), bytes(queue)));
            c.flush();
            String[] job = c.readOneJob();
            if (job == null) throw new IOException("the first job did not reach the consumer within 10 s");
            c.write(command(bytes("FASTACK"), bytes(job[0])));
            c.flush();
            c.readInteger();
        }
        long[] latencies = new long[jobs];
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread consumer = new Thread(() -> {
            byte[] getjob = command(bytes("GETJOB"), bytes("TIMEOUT"), bytes("10000"), bytes("FROM"), bytes(queue));
            try (Conn c = new Conn(host, consumerPort)) {
                for (int got = 0; got < jobs; got++) {
                    c.write(getjob);
                    c.flush();
                    String[] job = c.readOneJob();
                    if (job == null) throw new IOException("no job within 10 s after " + got);
                    latencies[got] = System.nanoTime() - Long.parseLong(job[1]);
                    c.write(command(bytes("FASTACK"), bytes(job[0])));
                    c.flush();
                    c.readInteger();
                }
            } catch (Throwable e) {
                errors.add(e);
            }
        }, "latency-consumer");
        consumer.start();
        try (Conn p = new Conn(host, port)) {
            long period = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < jobs && errors.isEmpty(); i++) {
                while (System.nanoTime() < next) Thread.onSpinWait();
                next += period;
                p.write(command(bytes("ADDJOB"), bytes(queue), bytes(Long.toString(System.nanoTime())), bytes("0")));
                p.flush();
                p.readJobIdStatus();
            }
        }
        consumer.join();
        if (!errors.isEmpty()) fail("latency failed", errors.get(0));
        java.util.Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "latency jobs=%d rate=%d p50_ms=%.3f p99_ms=%.3f%n", jobs, rate,
                latencies[jobs / 2] / 1e6, latencies[(int) (jobs * 0.99)] / 1e6);
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

    /** A growable byte buffer without the locking of ByteArrayOutputStream. */
    static final class Bytes {
        byte[] buf;
        int len;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        void reset() {
            len = 0;
        }

        void put(byte[] b, int off, int n) {
            if (len + n > buf.length) buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        void put(byte[] b) {
            put(b, 0, b.length);
        }
    }

    /**
     * One connection with its own unsynchronized buffers (the JDK's buffered
     * streams take a lock per call, which would make the driver, not the
     * server, the bottleneck) and just enough of a RESP2 reply parser.
     */
    static final class Conn implements AutoCloseable {

        final Socket socket = new Socket();
        private final InputStream in;
        private final OutputStream out;
        private final byte[] ibuf = new byte[64 * 1024];
        private int ipos, ilim;
        private final byte[] obuf = new byte[64 * 1024];
        private int olen;

        Conn(String host, int port) throws IOException {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        }

        void write(byte[] b) throws IOException {
            write(b, 0, b.length);
        }

        void write(byte[] b, int off, int n) throws IOException {
            if (olen + n > obuf.length) {
                flush();
                if (n > obuf.length) {
                    out.write(b, off, n);
                    return;
                }
            }
            System.arraycopy(b, off, obuf, olen, n);
            olen += n;
        }

        void flush() throws IOException {
            if (olen > 0) out.write(obuf, 0, olen);
            olen = 0;
        }

        private int readByte() throws IOException {
            if (ipos == ilim) {
                ilim = in.read(ibuf);
                ipos = 0;
                if (ilim <= 0) {
                    ilim = 0;
                    throw new EOFException("connection closed");
                }
            }
            return ibuf[ipos++] & 0xff;
        }

        /** Reads a signed decimal ending in CRLF. */
        private long readNumber() throws IOException {
            long v = 0;
            boolean neg = false;
            int ch = readByte();
            if (ch == '-') {
                neg = true;
                ch = readByte();
            }
            while (ch != '\r') {
                if (ch < '0' || ch > '9') throw new IOException("bad number in reply");
                v = v * 10 + (ch - '0');
                ch = readByte();
            }
            if (readByte() != '\n') throw new IOException("bad line ending");
            return neg ? -v : v;
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder();
            for (int ch = readByte(); ch != '\r'; ch = readByte()) sb.append((char) ch);
            if (readByte() != '\n') throw new IOException("bad line ending");
            return sb.toString();
        }

        private void expectType(int want) throws IOException {
            int type = readByte();
            if (type == want) return;
            if (type == '-') throw new IOException("server error: " + readLine());
            throw new IOException("expected '" + (char) want + "' reply, got '" + (char) type + "'");
        }

        /** An ADDJOB reply: a status line holding the new job's ID. */
        void readJobIdStatus() throws IOException {
            expectType('+');
            String id = readLine();
            if (!id.startsWith("D-")) throw new IOException("unexpected ADDJOB reply: " + id);
        }

        long readInteger() throws IOException {
            expectType(':');
            return readNumber();
        }

        /** A one-job GETJOB reply as {id, body}, or null for nil. */
        String[] readOneJob() throws IOException {
            expectType('*');
            if (readNumber() < 0) return null;
            expectType('*');
            if (readNumber() != 3) throw new IOException("expected [queue, id, body]");
            Bytes b = new Bytes(256);
            readBulk(null);
            readBulk(b);
            String id = bulkText(b);
            b.reset();
            readBulk(b);
            return new String[] {id, bulkText(b)};
        }

        /** The text of one "$n\r\n...\r\n" argument collected by readBulk. */
        private static String bulkText(Bytes b) {
            String all = new String(b.buf, 0, b.len, StandardCharsets.UTF_8);
            int start = all.indexOf("\r\n") + 2;
            return all.substring(start, all.length() - 2);
        }

        /** Reads a bulk string, appending it to dst as a RESP bulk argument when dst is not null. */
        private void readBulk(Bytes dst) throws IOException {
            expectType('$');
            long n = readNumber();
            if (n < 0) throw new IOException("unexpected nil");
            if (dst != null) dst.put(bytes("$" + n + "\r\n"));
            for (long left = n + 2; left > 0; ) {
                if (ipos == ilim) {
                    readByte();
                    ipos--;
                }
                int chunk = (int) Math.min(left, ilim - ipos);
                if (dst != null) dst.put(ibuf, ipos, chunk);
                ipos += chunk;
                left -= chunk;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
