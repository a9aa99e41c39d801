/*
 * StaleRewriteFileTest: a kill -9 during an AOF rewrite left its
 * temp-rewriteaof-<pid>.aof behind, one more per crash. A starting server
 * removes those of dead processes (and its own pid's, left by an earlier
 * process that had the same pid, as a container's pid 1 always does) and
 * keeps a live process's, which may be rewriting in the same directory.
 */
package dev.disque.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.DisqueServer;
import dev.disque.server.RespClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleRewriteFileTest {
    @TempDir
    Path dir;

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return p.pid();
    }

    private Path tempFile(long pid) throws IOException {
        Path f = dir.resolve("temp-rewriteaof-" + pid + ".aof");
        Files.write(f, new byte[64 * 1024]);
        return f;
    }

    @Test
    void leftoversOfDeadProcessesAreRemovedAtStart() throws Exception {
        Path dead = tempFile(deadPid());
        Path own = tempFile(ProcessHandle.current().pid());
        Process alive = new ProcessBuilder("sleep", "600").start();
        try {
            Path live = tempFile(alive.pid());
            Path unrelated = Files.writeString(dir.resolve("temp-rewriteaof-notes.txt"), "mine");
            String id;
            try (DisqueServer server = DisqueServer.builder().port(0).config("dir", dir.toString())
                    .config("appendonly", "yes").build().start();
                 RespClient c = new RespClient(server.port())) {
                assertFalse(Files.exists(dead), "a dead process's rewrite file is removed");
                assertFalse(Files.exists(own), "a file with our own pid is an earlier process's");
                assertTrue(Files.exists(live), "a live process's rewrite file is left alone");
                assertTrue(Files.exists(unrelated));
                id = ((RespClient.Status) c.call("ADDJOB", "q", "body", "0")).text();
            }
            try (DisqueServer server = DisqueServer.builder().port(0).config("dir", dir.toString())
                    .config("appendonly", "yes").build().start();
                 RespClient c = new RespClient(server.port())) {
                assertInstanceOf(List.class, c.call("SHOW", id), "the AOF itself is untouched");
            }
            assertEquals(List.of(live.getFileName().toString()), rewriteFiles());
        } finally {
            alive.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private List<String> rewriteFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("temp-rewriteaof-\\d+\\.aof"))
                    .sorted().toList();
        }
    }
}
