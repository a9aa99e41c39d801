/*
 * UnixSocketTest: the unixsocket directive serves clients on a Unix domain
 * socket with the configured permissions, beside TCP, and removes the
 * socket file (also a stale one left by a crash).
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketTest {
    /** Sends one inline command and reads until the reply contains the expected text (bounded by the timeout). */
    private static String call(Path socket, String command, String expect) throws IOException {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap((command + "\r\n").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            StringBuilder sb = new StringBuilder();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!sb.toString().contains(expect) && System.nanoTime() < deadline) {
                buf.clear();
                if (ch.read(buf) < 0) break;
                buf.flip();
                sb.append(StandardCharsets.UTF_8.decode(buf));
            }
            return sb.toString();
        }
    }

    @Test
    void clientsConnectOnTheSocketWithItsPermissions(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "Unix sockets need the epoll transport");
        Path socket = dir.resolve("disque.sock");
        Files.writeString(dir.resolve("stale"), "");
        try (DisqueServer s = DisqueServer.builder().port(0).config("dir", dir.toString())
                .config("unixsocket", socket.toString()).config("unixsocketperm", "700").build().start()) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            assertTrue(call(socket, "PING", "PONG").contains("+PONG"));
            String id = call(socket, "ADDJOB q body 0", "\r\n").trim();
            assertTrue(id.startsWith("+D-"), id);
            try (RespClient tcp = new RespClient(s.port())) {
                assertEquals(1L, tcp.call("qlen", "q"), "one server behind both listeners");
            }
            assertTrue(call(socket, "CLIENT LIST", "addr=").contains("addr=" + socket + ":0"));
        }
        assertFalse(Files.exists(socket), "the socket file goes with the server");
    }

    @Test
    void aStaleSocketFileIsReplacedButARegularFileIsNot(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Epoll.isAvailable(), "Unix sockets need the epoll transport");
        Path socket = dir.resolve("disque.sock");
        // A socket file left behind, as after a SIGKILL.
        try (var ch = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));
        try (DisqueServer s = DisqueServer.builder().port(0).config("unixsocket", socket.toString()).build().start()) {
            assertTrue(call(socket, "PING", "PONG").contains("+PONG"));
            assertTrue(s.port() > 0);
        }
        Path regular = dir.resolve("not-a-socket");
        Files.writeString(regular, "keep me");
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> DisqueServer.builder().port(0).config("unixsocket", regular.toString()).build().start());
        assertTrue(e.getMessage().contains("is not a socket"), e.getMessage());
        assertEquals("keep me", Files.readString(regular));
    }
}
