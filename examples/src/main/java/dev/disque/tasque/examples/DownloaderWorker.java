/*
 * The seed's first worker: a "download" handler that fetches the URL in
 * the task and writes the page to a temporary file named by the URL's MD5
 * (Go: /tmp/%x of md5.Sum(url)), on a worker with 10 concurrent slots.
 *
 *   examples/run downloader [host:port]
 */
package dev.disque.tasque.examples;

import dev.disque.tasque.Handler;
import dev.disque.tasque.NonRetryableException;
import dev.disque.tasque.Worker;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/** The "download" worker of the seed article. */
public final class DownloaderWorker {
    private DownloaderWorker() {
    }

    /**
     * Step 1: a handler with a unique name.
     *
     * @param dir where pages are written
     * @param out where "Downloaded ... successfully" is printed
     * @return the "download" handler
     */
    public static Handler downloader(Path dir, PrintStream out) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return Handler.of("download", task -> {
            String url = task.requireParam("url", String.class);
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).GET().build();
            HttpResponse<InputStream> res = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = res.body()) {
                if (res.statusCode() >= 500) throw new IOException("GET " + url + ": HTTP " + res.statusCode());
                if (res.statusCode() >= 400) throw new NonRetryableException("GET " + url + ": HTTP " + res.statusCode());
                Path file = fileFor(dir, url);
                // Write next to it, then rename: a failed download never leaves half a page behind.
                Path part = Files.createTempFile(dir, file.getFileName().toString(), ".part");
                try {
                    Files.copy(body, part, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(part);
                }
            }
            out.printf("Downloaded %s successfully%n", url);
        });
    }

    /**
     * @param dir the download directory
     * @param url a URL
     * @return {@code dir/<md5 of the URL in hex>}, the Go example's file name
     */
    public static Path fileFor(Path dir, String url) {
        try {
            byte[] md5 = MessageDigest.getInstance("MD5").digest(url.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(md5));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Step 2: a worker with 10 concurrent slots and the handler.
     *
     * @param address Disque's address
     * @param dir the download directory
     * @param out where progress is printed
     * @return the worker, not started
     */
    public static Worker worker(String address, Path dir, PrintStream out) {
        // Worker with 10 concurrent threads. In real life scenarios set this to much higher values...
        return Worker.builder(address).concurrency(10).handle(downloader(dir, out)).build();
    }

    /**
     * @param args optional Disque address
     */
    public static void main(String[] args) {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        // SIGTERM or Ctrl-C: running downloads finish, then the process exits 0 (1 if one had to be interrupted).
        if (!worker(Address.of(args), tmp, System.out).runUntilSignalled()) System.exit(1);
    }
}
