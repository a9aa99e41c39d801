/*
 * OutOfMemoryTest: a client whose request exhausts the heap is dropped and
 * the node keeps serving. The server runs as a child process with a small
 * heap and a query-buffer limit far above it, so the limit cannot save it:
 * only the handling of OutOfMemoryError can. Before, the loop thread died
 * and the process lingered on its port, answering nothing.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutOfMemoryTest {
    @TempDir
    Path dir;

    @Test
    void aClientThatExhaustsTheHeapIsDroppedAndTheNodeServesOn() throws IOException {
        try (ServerProcess server = ServerProcess.start(List.of("-Xmx64m"), dir,
                "--client-query-buffer-limit", "4gb", "--maxmemory", "0");
             RespClient c = new RespClient(server.port())) {
            String canary = ((RespClient.Status) c.call("ADDJOB", "canary", "still here", "0")).text();
            byte[] arg = new byte[1024 * 1024 + 2];
            arg[arg.length - 2] = '\r';
            arg[arg.length - 1] = '\n';
            try (Socket s = Wire.open(server.port())) {
                OutputStream out = s.getOutputStream();
                try {
                    out.write(Wire.ascii("*1000000\r\n$6\r\nADDJOB\r\n"));
                    // Up to 512 MB, eight times the heap: the server must give up on this client first.
                    for (int i = 0; i < 512; i++) {
                        out.write(Wire.ascii("$" + (arg.length - 2) + "\r\n"));
                        out.write(arg);
                    }
                } catch (IOException e) {
                    // Dropped while sending: expected.
                }
                assertEquals(0, Wire.readUntilClosed(s.getInputStream()).length, "dropped without a reply");
            }
            assertTrue(server.isAlive(), () -> "the node died: " + server.output());
            Wire.assertPong(c);
            List<?> show = (List<?>) c.call("SHOW", canary);
            assertEquals("still here", show.get(show.indexOf("body") + 1));
            assertInstanceOf(RespClient.Status.class, c.call("ADDJOB", "q", "after", "0"));
            assertTrue(server.output().contains("out of memory"), server::output);
        }
    }
}
