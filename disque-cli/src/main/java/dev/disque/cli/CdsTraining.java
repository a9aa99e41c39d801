/*
 * CdsTraining: what bin/disque runs once after a build, with
 * -XX:ArchiveClassesAtExit, so that the classes a one-shot command needs
 * (picocli, the socket, the renderer) go into a class-data sharing archive
 * and later starts map them instead of loading and verifying them again.
 * It runs `disque ping` through the normal path against a throwaway
 * socket that answers +PONG, in both output formats.
 */
package dev.disque.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> answer(server), "pong");
            t.setDaemon(true);
            t.start();
            PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            String port = Integer.toString(server.getLocalPort());
            for (boolean tty : new boolean[] {true, false}) {
                Io io = new Io(new ByteArrayInputStream(new byte[0]), sink, sink,
                        Map.of("TERM", "xterm-256color"), false, tty);
                DisqueCli.run(new String[] {"-p", port, "ping"}, io);
            }
        }
    }

    private static void answer(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                while (in.read(buf) > 0) s.getOutputStream().write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }
}
