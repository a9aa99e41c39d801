/*
 * HeapSizingTest: the JVM options bin/disque-server starts a node with,
 * computed from maxmemory wherever it is set (config file or argument).
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapSizingTest {
    @TempDir
    Path dir;

    @Test
    void heapAndDirectMemoryFollowMaxmemory() {
        assertEquals(List.of("-Xmx192m", "-Xms16m", "-XX:MaxDirectMemorySize=128m", "-XX:+UseG1GC",
                "-XX:G1PeriodicGCInterval=10000", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30"),
                HeapSizing.options(64L << 20));
        assertEquals("-Xmx2112m", HeapSizing.options(1L << 30).get(0));
        // A size that is not a whole number of megabytes rounds up.
        assertEquals("-Xmx65m", HeapSizing.options(1).get(0));
    }

    @Test
    void noLimitMeansTheJvmDefaults() {
        assertEquals(List.of(), HeapSizing.options(0));
        assertEquals("-Xmx" + (Long.MAX_VALUE / HeapSizing.MB) + "m", HeapSizing.options(Long.MAX_VALUE).get(0));
    }

    @Test
    void readsTheConfigFileAndTheArgumentsLikeTheServer() throws IOException {
        Path conf = Files.writeString(dir.resolve("disque.conf"), "maxmemory 100mb\n");
        assertEquals("-Xmx264m", printed(conf.toString()).split(" ")[0]);
        assertEquals("-Xmx576m", printed(conf.toString(), "--maxmemory", "256mb").split(" ")[0], "the argument wins");
        assertEquals("", printed("--maxmemory", "0"));
        assertEquals("", printed("--maxmemory", "lots"), "a config error sizes nothing: the server reports it");
    }

    private static String printed(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        System.setOut(new PrintStream(b, true, StandardCharsets.UTF_8));
        try {
            HeapSizing.main(args);
        } finally {
            System.setOut(old);
        }
        return b.toString(StandardCharsets.UTF_8).trim();
    }
}
