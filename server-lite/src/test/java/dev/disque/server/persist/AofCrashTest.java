/*
 * AofCrashTest: a node killed with SIGKILL comes back with every job it
 * confirmed (appendfsync always), acks stay applied, expired jobs are
 * dropped, and a file torn in the middle of a record is handled: loaded
 * up to the last whole record by default, refused with the offset when
 * aof-load-truncated is no, refused with the offset when damaged inside.
 */
package dev.disque.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.RespClient;
import dev.disque.server.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AofCrashTest {
    @TempDir
    Path dir;

    /** What a producer was told: id -> [queue, body]. */
    private record Sent(String queue, String body) {
    }

    @Test
    void killDuringAStreamOfAddjobLosesNoConfirmedJob() throws Exception {
        Map<String, Sent> confirmed = new LinkedHashMap<>();
        List<String> acked = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes", "--appendfsync", "always")) {
            String[][] options = {
                {}, {"RETRY", "0"}, {"DELAY", "3600"}, {"TTL", "7200", "RETRY", "30"}, {"MAXLEN", "100000"},
                {"ASYNC"}, {"REPLICATE", "1", "RETRY", "0", "TTL", "600"}};
            CountDownLatch enough = new CountDownLatch(300);
            AtomicInteger sent = new AtomicInteger();
            Thread producer = new Thread(() -> {
                try (RespClient c = new RespClient(server.port())) {
                    for (int i = 0; ; i++) {
                        String queue = "q" + (i % 3);
                        String body = "job-" + i + "-" + "x".repeat(i % 50);
                        String[] opts = options[i % options.length];
                        Object[] args = new Object[4 + opts.length];
                        args[0] = "ADDJOB";
                        args[1] = queue;
                        args[2] = body;
                        args[3] = "0";
                        System.arraycopy(opts, 0, args, 4, opts.length);
                        sent.incrementAndGet();
                        Object r = c.call(args);
                        String id = ((RespClient.Status) r).text();
                        synchronized (confirmed) {
                            confirmed.put(id, new Sent(queue, body));
                        }
                        if (i % 10 == 5) {
                            assertEquals(1L, c.call("ACKJOB", id));
                            synchronized (confirmed) {
                                acked.add(id);
                            }
                        }
                        enough.countDown();
                    }
                } catch (IOException | RuntimeException e) {
                    // The server was killed under us: expected.
                }
            });
            producer.start();
            assertTrue(enough.await(60, TimeUnit.SECONDS), "producer made no progress");
            server.kill();
            producer.join(10_000);
        }
        assertTrue(confirmed.size() >= 300);

        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            synchronized (confirmed) {
                for (Map.Entry<String, Sent> e : confirmed.entrySet()) {
                    Object show = c.call("SHOW", e.getKey());
                    if (acked.contains(e.getKey())) {
                        assertNull(show, "acked job came back: " + e.getKey());
                        continue;
                    }
                    assertInstanceOf(List.class, show, "lost confirmed job " + e.getKey());
                    Map<String, Object> f = fields((List<?>) show);
                    assertEquals(e.getValue().queue(), f.get("queue"));
                    assertEquals(e.getValue().body(), f.get("body"));
                    assertEquals(0L, f.get("nacks"));
                    assertEquals(0L, f.get("additional-deliveries"));
                    assertEquals("active", f.get("state"), "jobs reload as active and wait for their retry timer");
                }
            }
        }
    }

    @Test
    void sigtermFlushesTheFileBeforeExiting() throws Exception {
        List<String> ids = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes", "--appendfsync", "no");
             RespClient c = new RespClient(server.port())) {
            for (int i = 0; i < 200; i++) c.send("ADDJOB", "q", "body " + i, "0");
            for (int i = 0; i < 200; i++) ids.add(((RespClient.Status) c.read()).text());
            int code = server.terminate();
            assertTrue(server.output().contains("SIGTERM"), "exit " + code + ": " + server.output());
        }
        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            for (String id : ids) assertInstanceOf(List.class, c.call("SHOW", id), "lost " + id);
        }
    }

    @Test
    void expiredJobsAreDroppedOnLoad() throws Exception {
        String live;
        String dying;
        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes", "--appendfsync", "always");
             RespClient c = new RespClient(server.port())) {
            live = ((RespClient.Status) c.call("ADDJOB", "q", "stays", "0")).text();
            dying = ((RespClient.Status) c.call("ADDJOB", "q", "goes", "0", "TTL", "3600")).text();
            server.kill();
        }
        // Age the second job by rewriting its expire time into the past, as if the node had been down for hours.
        Path aof = dir.resolve("disque.aof");
        String text = Files.readString(aof, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(dying);
        int etime = text.indexOf("etime\r\n", at);
        int valueLine = text.indexOf("\r\n", etime + 7) + 2;
        int valueEnd = text.indexOf("\r\n", valueLine);
        String old = text.substring(valueLine, valueEnd);
        String past = String.valueOf(Long.parseLong(old) - 7200);
        assertEquals(old.length(), past.length());
        Files.writeString(aof, text.substring(0, valueLine) + past + text.substring(valueEnd), StandardCharsets.ISO_8859_1);

        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            assertInstanceOf(List.class, c.call("SHOW", live));
            assertNull(c.call("SHOW", dying));
        }
    }

    private Path fileWithTornTail() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes", "--appendfsync", "always");
             RespClient c = new RespClient(server.port())) {
            for (int i = 0; i < 10; i++) c.call("ADDJOB", "q", "body-" + i, "0");
            server.kill();
        }
        Path aof = dir.resolve("disque.aof");
        // Half a record, as a crash in the middle of a write leaves it.
        Files.writeString(aof, "*25\r\n$7\r\nLOADJOB\r\n$2\r\nid\r\n$40\r\nD-0000", StandardOpenOption.APPEND);
        return aof;
    }

    @Test
    void aTornLastRecordIsCutAndTheRestLoads() throws Exception {
        Path aof = fileWithTornTail();
        long tornSize = Files.size(aof);
        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            assertEquals(10L, jobs(c));
            assertTrue(server.output().contains("truncating the file"), server.output());
        }
        assertTrue(Files.size(aof) < tornSize, "the torn tail was cut from the file");
    }

    @Test
    void aTornFileIsRefusedWhenTruncatedLoadsAreOff() throws Exception {
        Path aof = fileWithTornTail();
        long whole = Files.size(aof) - "*25\r\n$7\r\nLOADJOB\r\n$2\r\nid\r\n$40\r\nD-0000".length();
        ServerProcess.StartFailed failed = assertThrows(ServerProcess.StartFailed.class,
                () -> ServerProcess.start(dir, "--appendonly", "yes", "--aof-load-truncated", "no"));
        assertNotEquals(0, failed.exitCode);
        assertTrue(failed.output.contains("offset " + whole), failed.output);
    }

    @Test
    void damageInsideTheFileStopsTheStartNamingTheOffset() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, "--appendonly", "yes", "--appendfsync", "always");
             RespClient c = new RespClient(server.port())) {
            for (int i = 0; i < 5; i++) c.call("ADDJOB", "q", "body-" + i, "0");
            server.kill();
        }
        Path aof = dir.resolve("disque.aof");
        byte[] b = Files.readAllBytes(aof);
        int second = new String(b, StandardCharsets.ISO_8859_1).indexOf("*25", 1);
        b[second] = '?';
        Files.write(aof, b);
        ServerProcess.StartFailed failed = assertThrows(ServerProcess.StartFailed.class,
                () -> ServerProcess.start(dir, "--appendonly", "yes"));
        assertTrue(failed.output.contains("offset " + second), failed.output);
    }

    private static long jobs(RespClient c) throws IOException {
        String info = (String) c.call("INFO", "jobs");
        for (String line : info.split("\r\n")) {
            if (line.startsWith("registered_jobs:")) return Long.parseLong(line.substring(16));
        }
        throw new AssertionError(info);
    }

    static Map<String, Object> fields(List<?> flat) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) m.put((String) flat.get(i), flat.get(i + 1));
        return m;
    }
}
