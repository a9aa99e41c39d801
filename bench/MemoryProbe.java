/*
 * MemoryProbe: drives a node to its memory limits for bench/memory.sh.
 *
 *   java bench/MemoryProbe.java fill-until-refused --port P [--body 64]
 *   java bench/MemoryProbe.java hold-until-oom --port P [--chunk-mb 4] [--max-clients 400]
 *
 * fill-until-refused: pipelined ADDJOBs until the node refuses new jobs (a
 * lone node answers -NOREPL above 75% of maxmemory); prints the jobs added.
 * hold-until-oom: opens clients that each send most of a big ADDJOB and
 * never finish it; their input counts as client memory, so used memory
 * climbs past 100% of maxmemory, where ADDJOB gets -OOM. Keeps the clients
 * open, prints "held", and waits for a line on stdin before closing them,
 * so the caller can read the process memory at that point.
 */
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public class MemoryProbe {
    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "";
        int port = Integer.parseInt(opt(args, "--port", "0"));
        if (port == 0) usage();
        switch (mode) {
            case "fill-until-refused" -> fill(port, Integer.parseInt(opt(args, "--body", "64")));
            case "hold-until-oom" -> hold(port, Integer.parseInt(opt(args, "--chunk-mb", "4")),
                    Integer.parseInt(opt(args, "--max-clients", "400")));
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("usage: MemoryProbe fill-until-refused|hold-until-oom --port P [options]");
        System.exit(2);
    }

    private static String opt(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return def;
    }

    static Socket open(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(60_000);
        return s;
    }

    static byte[] command(String... args) {
        StringBuilder b = new StringBuilder("*" + args.length + "\r\n");
        for (String a : args) b.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed");
            if (c != '\r') b.append((char) c);
        }
        return b.toString();
    }

    static void fill(int port, int bodyLen) throws IOException {
        String body = "x".repeat(bodyLen);
        byte[] one = command("ADDJOB", "q", body, "0");
        byte[] batch = new byte[one.length * 256];
        for (int i = 0; i < 256; i++) System.arraycopy(one, 0, batch, i * one.length, one.length);
        long added = 0;
        String refusal = null;
        try (Socket s = open(port)) {
            OutputStream out = s.getOutputStream();
            InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 1 << 16);
            while (refusal == null) {
                out.write(batch);
                for (int i = 0; i < 256; i++) {
                    String r = readLine(in);
                    if (r.startsWith("+")) added++;
                    else if (refusal == null) refusal = r;
                }
            }
        }
        System.out.println("added=" + added + " refused_with=" + refusal.split(" ")[0]);
    }

    static void hold(int port, int chunkMb, int maxClients) throws IOException {
        int declared = chunkMb * 1024 * 1024;
        byte[] part = new byte[declared - 1];
        java.util.Arrays.fill(part, (byte) 'y');
        List<Socket> held = new ArrayList<>();
        String last = "";
        try (Socket probe = open(port)) {
            InputStream pin = probe.getInputStream();
            while (held.size() < maxClients) {
                probe.getOutputStream().write(command("ADDJOB", "probe", "p", "0"));
                last = readLine(pin);
                if (last.startsWith("-OOM")) break;
                Socket s = open(port);
                held.add(s);
                OutputStream out = s.getOutputStream();
                out.write(("*4\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$" + declared + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(part);
                out.flush();
                // Let the node read it and refresh its client memory estimate (its cron runs hz times a second).
                sleep(150);
            }
            System.out.println("held clients=" + held.size() + " mb=" + (long) held.size() * chunkMb + " last_reply=" + last);
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } finally {
            for (Socket s : held) s.close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
