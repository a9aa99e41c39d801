// The seed article's three programs end to end against an embedded Disque server: the producer submits one download
// and one foo task; the downloader writes the page (from a local HTTP server, no internet) to <dir>/<md5 of URL>, and
// the foo worker prints its text.
package dev.disque.tasque.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import dev.disque.server.DisqueServer;
import dev.disque.tasque.Worker;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeedExamplesTest {
    private static final String PAGE = "<html><body>hello from the test server</body></html>";

    private DisqueServer disque;
    private HttpServer http;
    private String address;

    @BeforeEach
    void start() throws Exception {
        disque = DisqueServer.builder().port(0).build().start();
        address = "127.0.0.1:" + disque.port();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/page", ex -> {
            byte[] b = PAGE.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        http.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "/page");
            ex.sendResponseHeaders(301, -1);
            ex.close();
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
        disque.close();
    }

    private static void await(String what, BooleanSupplier c) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void theSeedScenario(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream downloaderOut = new ByteArrayOutputStream();
        ByteArrayOutputStream fooOut = new ByteArrayOutputStream();
        ByteArrayOutputStream enqueueOut = new ByteArrayOutputStream();
        // The URL redirects, like http://google.com does.
        String url = "http://127.0.0.1:" + http.getAddress().getPort() + "/moved";
        try (Worker downloader = DownloaderWorker.worker(address, dir, new PrintStream(downloaderOut, true));
                Worker foo = FooWorker.worker(address, new PrintStream(fooOut, true))) {
            downloader.start();
            foo.start();
            Enqueue.run(address, url, new PrintStream(enqueueOut, true));
            assertEquals("First work queue run..\nSecond work queue run..\n", enqueueOut.toString().replace("\r", ""));
            await("the download", () -> downloader.stats().succeeded() == 1);
            await("foo", () -> foo.stats().succeeded() == 1);
        }
        Path file = DownloaderWorker.fileFor(dir, url);
        assertTrue(file.getFileName().toString().matches("[0-9a-f]{32}"));
        assertEquals(PAGE, Files.readString(file));
        assertEquals("Downloaded " + url + " successfully\n", downloaderOut.toString().replace("\r", ""));
        assertEquals("foo worker runs, param is I am the kind of world.\n", fooOut.toString().replace("\r", ""));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count()); // no leftover .part file
        }
    }

    @Test
    void md5FileNameLikeGo() {
        // Go: fmt.Sprintf("/tmp/%x", md5.Sum([]byte("http://google.com")))
        assertEquals("c7b920f57e553df2bb68272f61570210",
                DownloaderWorker.fileFor(Path.of("/tmp"), "http://google.com").getFileName().toString());
    }
}
