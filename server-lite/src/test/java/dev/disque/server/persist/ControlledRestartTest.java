/*
 * ControlledRestartTest: the documented controlled restart
 * (CONFIG SET aof-enqueue-jobs-once yes, CONFIG REWRITE,
 * SHUTDOWN REWRITE-AOF, start again) restores every queue exactly, RETRY 0
 * jobs included, leaves delivered jobs out of the queues, and switches
 * aof-enqueue-jobs-once off again in the config file.
 */
package dev.disque.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.RespClient;
import dev.disque.server.ServerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlledRestartTest {
    @TempDir
    Path dir;

    @Test
    void queuesComeBackExactly() throws Exception {
        Path conf = dir.resolve("disque.conf");
        Files.writeString(conf, "# my node\nappendonly no\nloglevel notice\n");
        Object before;
        Object beforeOther;
        String delivered;
        try (ServerProcess server = ServerProcess.start(dir, conf.toString());
             RespClient c = new RespClient(server.port())) {
            for (int i = 0; i < 50; i++) {
                c.call("ADDJOB", "work", "job " + i, "0", "RETRY", i % 2 == 0 ? "0" : "60");
            }
            c.call("ADDJOB", "other", "alone", "0");
            // One job is out with a worker: it must not come back queued.
            List<?> got = (List<?>) c.call("GETJOB", "FROM", "work");
            delivered = (String) ((List<?>) got.get(0)).get(1);
            c.call("NACK", ((List<?>) ((List<?>) c.call("GETJOB", "FROM", "work")).get(0)).get(1));
            before = c.call("QPEEK", "work", "100");
            beforeOther = c.call("QPEEK", "other", "10");

            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "SET", "aof-enqueue-jobs-once", "yes"));
            assertEquals(new RespClient.Status("OK"), c.call("CONFIG", "REWRITE"));
            c.send("SHUTDOWN", "REWRITE-AOF");
            assertTrue(c.isClosedByServer());
            assertEquals(0, server.waitForExit());
        }
        assertTrue(Files.readString(conf).contains("aof-enqueue-jobs-once yes"));

        try (ServerProcess server = ServerProcess.start(dir, conf.toString());
             RespClient c = new RespClient(server.port())) {
            assertEquals(before, c.call("QPEEK", "work", "100"));
            assertEquals(beforeOther, c.call("QPEEK", "other", "10"));
            Map<String, Object> shown = AofCrashTest.fields((List<?>) c.call("SHOW", delivered));
            assertEquals("active", shown.get("state"));
        }
        assertTrue(Files.readString(conf).contains("aof-enqueue-jobs-once no"), Files.readString(conf));
    }
}
