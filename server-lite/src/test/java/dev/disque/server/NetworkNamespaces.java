/*
 * NetworkNamespaces: two Linux network namespaces joined by a veth pair,
 * so a test can have a client on a real non-loopback address without
 * touching the machine's own network: the server's namespace gets
 * 10.254.N.1, the client's 10.254.N.2, each with its own loopback, and
 * nothing routes outside them. Needs root and iproute2; available() says
 * whether this machine allows it. Removing the namespaces removes the
 * veth pair too.
 */
package dev.disque.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

final class NetworkNamespaces implements AutoCloseable {
    final String server;
    final String client;
    final String serverAddress;
    private final List<String> created = new ArrayList<>();

    private NetworkNamespaces(int n) {
        String tag = Long.toString(ProcessHandle.current().pid()) + "-" + n;
        server = "dq-srv-" + tag;
        client = "dq-cli-" + tag;
        serverAddress = "10.254." + n + ".1";
    }

    /** Null when the machine does not allow namespaces (not root, no iproute2, a restricted container). */
    static NetworkNamespaces create() {
        NetworkNamespaces ns = new NetworkNamespaces(ThreadLocalRandom.current().nextInt(1, 250));
        try {
            ns.setUp();
            return ns;
        } catch (IOException e) {
            ns.close();
            return null;
        }
    }

    private void setUp() throws IOException {
        String vs = "dqs" + server.hashCode() % 10000;
        String vc = "dqc" + server.hashCode() % 10000;
        String prefix = serverAddress.substring(0, serverAddress.length() - 1);
        run("ip", "netns", "add", server);
        created.add(server);
        run("ip", "netns", "add", client);
        created.add(client);
        run("ip", "link", "add", vs, "netns", server, "type", "veth", "peer", "name", vc, "netns", client);
        run("ip", "-n", server, "addr", "add", prefix + "1/30", "dev", vs);
        run("ip", "-n", client, "addr", "add", prefix + "2/30", "dev", vc);
        for (String[] nsDev : new String[][] {{server, vs}, {client, vc}}) {
            run("ip", "-n", nsDev[0], "link", "set", "lo", "up");
            run("ip", "-n", nsDev[0], "link", "set", nsDev[1], "up");
        }
    }

    /** The prefix that runs a command inside a namespace. */
    static List<String> in(String namespace) {
        return List.of("ip", "netns", "exec", namespace);
    }

    /**
     * Sends raw bytes from inside a namespace to host:port and returns what
     * the server answered until it closed the connection (bash's /dev/tcp,
     * so no JVM starts per call). The request should end with QUIT.
     */
    static String call(String namespace, String host, int port, String raw) throws IOException {
        List<String> cmd = new ArrayList<>(in(namespace));
        cmd.addAll(List.of("bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port + " && printf '%s' \"$1\" >&3"
                + " && timeout 20 cat <&3", "call", raw));
        // The exit status is not checked: a server that answers and closes at once makes cat see a reset.
        return exec(false, cmd.toArray(new String[0]));
    }

    private static String run(String... cmd) throws IOException {
        return exec(true, cmd);
    }

    /** Runs a command; returns its standard output (with errors too when checked, for the message). */
    private static String exec(boolean check, String... cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (check) pb.redirectErrorStream(true);
        else pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        if (check && p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
        return out;
    }

    @Override
    public void close() {
        for (String ns : created) {
            try {
                run("ip", "netns", "del", ns);
            } catch (IOException e) {
                // Best effort: a namespace left behind holds no process and no route to the outside.
            }
        }
    }
}
