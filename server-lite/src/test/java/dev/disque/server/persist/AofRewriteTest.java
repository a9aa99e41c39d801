/*
 * AofRewriteTest: rewrites keep the file complete while the server keeps
 * serving: BGREWRITEAOF under concurrent writes loses nothing, switching
 * the AOF on at run time writes the existing jobs first, automatic
 * rewrites trigger on growth, and DEBUG LOADAOF reloads from disk.
 */
package dev.disque.server.persist;

import static dev.disque.server.ServerFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.DisqueServer;
import dev.disque.server.RespClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AofRewriteTest {
    @TempDir
    Path dir;

    private DisqueServer start(String... directives) {
        DisqueServer.Builder b = DisqueServer.builder().port(0).config("dir", dir.toString());
        for (int i = 0; i < directives.length; i += 2) b.config(directives[i], directives[i + 1]);
        return b.build().start();
    }

    private static String info(RespClient c, String field) throws IOException {
        for (String line : ((String) c.call("INFO", "all")).split("\r\n")) {
            if (line.startsWith(field + ":")) return line.substring(field.length() + 1);
        }
        return null;
    }

    private static boolean noRewriteRunning(RespClient c) {
        try {
            return "0".equals(info(c, "aof_rewrite_in_progress"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void rewriteUnderConcurrentWritesLosesNothing() throws Exception {
        List<String> live = Collections.synchronizedList(new ArrayList<>());
        List<String> gone = Collections.synchronizedList(new ArrayList<>());
        try (DisqueServer server = start("appendonly", "yes", "appendfsync", "everysec");
             RespClient admin = new RespClient(server.port())) {
            for (int i = 0; i < 20_000; i++) {
                admin.send("ADDJOB", "pre", "p" + i, "0");
            }
            for (int i = 0; i < 20_000; i++) live.add(((RespClient.Status) admin.read()).text());
            AtomicBoolean stop = new AtomicBoolean();
            Thread writer = new Thread(() -> {
                try (RespClient c = new RespClient(server.port())) {
                    for (int i = 0; !stop.get(); i++) {
                        String id = ((RespClient.Status) c.call("ADDJOB", "during", "d" + i, "0")).text();
                        if (i % 4 == 0) {
                            c.call("ACKJOB", id);
                            gone.add(id);
                        } else {
                            live.add(id);
                        }
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            for (int round = 0; round < 3; round++) {
                assertEquals(new RespClient.Status("Background append only file rewriting started"),
                        admin.call("BGREWRITEAOF"));
                await("rewrite " + round, () -> noRewriteRunning(admin));
            }
            stop.set(true);
            writer.join();
            assertEquals("ok", info(admin, "aof_last_bgrewrite_status"));
        }
        try (DisqueServer server = start("appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            for (String id : live) assertInstanceOf(List.class, c.call("SHOW", id), "lost " + id);
            for (String id : gone) assertNull(c.call("SHOW", id), "acked job came back " + id);
            assertEquals(String.valueOf(live.size()), info(c, "registered_jobs"));
        }
    }

    @Test
    void switchingTheAofOnWritesExistingJobsFirst() throws Exception {
        List<String> ids = new ArrayList<>();
        try (DisqueServer server = start();
             RespClient c = new RespClient(server.port())) {
            assertEquals("off", info(c, "aof_state"));
            for (int i = 0; i < 100; i++) ids.add(((RespClient.Status) c.call("ADDJOB", "q", "b" + i, "0")).text());
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "appendonly", "yes"));
            await("aof on", () -> {
                try {
                    return "on".equals(info(c, "aof_state"));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            ids.add(((RespClient.Status) c.call("ADDJOB", "q", "after", "0")).text());
        }
        assertTrue(Files.size(dir.resolve("disque.aof")) > 0);
        try (DisqueServer server = start("appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            for (String id : ids) assertInstanceOf(List.class, c.call("SHOW", id));
        }
    }

    @Test
    void turningTheAofOffStopsLogging() throws Exception {
        try (DisqueServer server = start("appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            c.call("ADDJOB", "q", "logged", "0");
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "appendonly", "no"));
            assertEquals("off", info(c, "aof_state"));
            long size = Files.size(dir.resolve("disque.aof"));
            c.call("ADDJOB", "q", "not logged", "0");
            assertEquals(size, Files.size(dir.resolve("disque.aof")));
        }
    }

    @Test
    void theFileIsRewrittenAutomaticallyWhenItGrows() throws Exception {
        // Automatic rewrites stay off while the file grows: one that started half way
        // (the periodic check runs on real time) would leave a file under the minimum
        // size that never shrinks again. Then the test itself runs the check.
        try (DisqueServer server = start("appendonly", "yes", "auto-aof-rewrite-min-size", "10kb",
                "auto-aof-rewrite-percentage", "0");
             RespClient c = new RespClient(server.port())) {
            for (int i = 0; i < 400; i++) {
                String id = ((RespClient.Status) c.call("ADDJOB", "q", "body " + i, "0")).text();
                c.call("ACKJOB", id);
            }
            Path aof = dir.resolve("disque.aof");
            assertTrue(Files.size(aof) > 10 * 1024, "the file grew past the minimum size");
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "auto-aof-rewrite-percentage", "50"));
            server.tick();
            // Every job was acked: the rewrite leaves an empty file.
            await("the automatic rewrite", () -> {
                try {
                    return Files.size(aof) == 0 && noRewriteRunning(c);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals("ok", info(c, "aof_last_bgrewrite_status"));
        }
    }

    @Test
    void debugFlushallEmptiesTheFileToo() throws Exception {
        try (DisqueServer server = start("appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            for (int i = 0; i < 50; i++) c.call("ADDJOB", "q", "b" + i, "0");
            assertEquals(new RespClient.Status("OK"), c.call("DEBUG", "FLUSHALL"));
            await("the rewrite after FLUSHALL", () -> noRewriteRunning(c));
            c.call("ADDJOB", "q", "after", "0");
        }
        try (DisqueServer server = start("appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            assertEquals("1", info(c, "registered_jobs"));
        }
    }

    @Test
    void debugLoadaofReloadsFromDisk() throws Exception {
        try (DisqueServer server = start("appendonly", "yes");
             RespClient c = new RespClient(server.port())) {
            String id = ((RespClient.Status) c.call("ADDJOB", "q", "body", "0")).text();
            assertEquals(new RespClient.Status("OK"), c.call("DEBUG", "LOADAOF"));
            assertInstanceOf(List.class, c.call("SHOW", id));
            assertEquals("1", info(c, "registered_jobs"));
            assertEquals(new RespClient.Err("ERR LOADJOB is a special command only processed from AOF"),
                    c.call("LOADJOB", "x"));
        }
    }
}
