/*
 * DistributionIT: the tarball is all a user needs besides a JRE. Unpacked
 * into a temporary directory, its launchers report the pom's version and
 * the commit, its server starts (127.0.0.1, a port the kernel picks, read
 * back from the log) and its CLI talks to it; nothing tries to build.
 */
package dev.disque.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DistributionIT {
    private static final Pattern READY = Pattern.compile("ready to accept connections on 127\\.0\\.0\\.1 port (\\d+)");

    @TempDir
    Path work;

    @Test
    void holdsWhatAUserNeeds() throws Exception {
        Unpacked tree = Unpacked.extract(work);
        for (String f : List.of("bin/disque", "bin/disque-server", "bin/install", "lib/disque.jar",
                "lib/disque-server.jar", "disque.conf", "README.md", "LICENSE", "man/disque.1",
                "man/disque-server.1", "man/disque.conf.5", "completions/disque.bash", "completions/_disque",
                "completions/disque.fish", "completions/disque-server.bash")) {
            assertTrue(Files.isRegularFile(tree.root.resolve(f)), "missing " + f);
        }
        for (String f : List.of("bin/disque", "bin/disque-server", "bin/install")) {
            assertTrue(Files.isExecutable(tree.root.resolve(f)), f + " should be executable");
        }
        assertTrue(Files.notExists(tree.root.resolve("pom.xml")) && Files.notExists(tree.root.resolve("server-lite")),
                "a binary distribution carries no sources");
    }

    @Test
    void versionsComeFromThePomAndTheCommit() throws Exception {
        Unpacked tree = Unpacked.extract(work);
        String sha = Unpacked.commit() == null ? "00000000" : Unpacked.commit();

        Unpacked.Result server = tree.run("bin/disque-server", "--version");
        assertEquals(0, server.code(), server.err());
        assertTrue(server.out().startsWith("Disque server v=" + Unpacked.VERSION + " sha=" + sha + ":"), server.out());

        Unpacked.Result cli = tree.run("bin/disque", "--version");
        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().startsWith("disque " + Unpacked.VERSION + " (Java "), cli.out());
        if (Unpacked.commit() != null) assertTrue(cli.out().contains(", git " + sha), cli.out());
    }

    @Test
    void serverAndCliRunFromTheTree() throws Exception {
        Unpacked tree = Unpacked.extract(work);
        Path data = Files.createDirectories(work.resolve("data"));
        Path log = work.resolve("server.log");
        Process server = tree.start(log, "bin/disque-server", tree.root.resolve("disque.conf").toString(),
                "--bind", "127.0.0.1", "--port", "0", "--dir", data.toString());
        try {
            int port = awaitPort(server, log);
            String p = Integer.toString(port);

            Unpacked.Result ping = tree.run("bin/disque", "-p", p, "ping");
            assertEquals(0, ping.code(), ping.err());
            assertEquals("PONG\n", ping.out());

            Unpacked.Result info = tree.run("bin/disque", "-p", p, "info", "server");
            assertEquals(0, info.code(), info.err());
            // INFO is one bulk string with the server's CRLF line ends, printed as it came.
            String text = info.out().replace("\r\n", "\n");
            assertTrue(text.contains("disque_version:" + Unpacked.VERSION + "\n"), text);
            if (Unpacked.commit() != null) {
                assertTrue(text.contains("disque_git_sha1:" + Unpacked.commit() + "\n"), text);
            }
            assertTrue(text.contains("tcp_port:" + port + "\n"), text);
        } finally {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("SIGTERM did not stop the server within 30 s:\n" + Files.readString(log));
            }
        }
        // The launcher exec'd java, so the signal reached the server itself, which says goodbye.
        assertTrue(Files.readString(log).contains("ready to exit, bye bye"), Files.readString(log));
    }

    /** Waits (60 s at most) for the log line that tells the port; fails early if the server exits. */
    private static int awaitPort(Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = READY.matcher(text);
            if (m.find()) return Integer.parseInt(m.group(1));
            if (!server.isAlive()) throw new AssertionError("the server exited " + server.exitValue() + ":\n" + text);
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not report its port within 60 s:\n" + Files.readString(log));
    }
}
