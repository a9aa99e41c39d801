/*
 * HeapSizing: the JVM options that make a standalone node's process memory
 * follow its maxmemory, printed for bin/disque-server to use.
 *
 *   java -cp disque-server.jar dev.disque.server.HeapSizing [configfile] [--directive value ...]
 *
 * A JVM's heap defaults to a quarter of the machine's RAM and, once grown,
 * is seldom given back, so a node with "maxmemory 50mb" could hold hundreds
 * of megabytes. With maxmemory M set (M > 0):
 *
 *   -Xmx = 2 M + 64 MB       the jobs the limits let in (the estimate behind
 *                            maxmemory is within a few % of their heap), the
 *                            same again as room for the collector, and a
 *                            floor for the server's own objects;
 *   -XX:MaxDirectMemorySize = M + 64 MB   Netty's socket buffers, where a
 *                            request being received lives (counted in
 *                            used_memory too, as client memory);
 *   G1 with a periodic collection every 10 s when idle and tight free-ratio
 *   bounds, so a heap that grew for a burst shrinks back and the memory goes
 *   back to the operating system; a small -Xms so an idle node starts small.
 *
 * The process then stays within about 3 M + 200 MB (heap, direct memory, and
 * the JVM's own metaspace, code cache and threads); bench/memory.sh measures
 * it. With maxmemory 0 (no limit) nothing is sized: the JVM defaults apply.
 * Options the user gives in DISQUE_JAVA_OPTS win over these (the launcher
 * skips a computed option whose name the user already set).
 */
package dev.disque.server;

import dev.disque.server.config.ConfigException;
import dev.disque.server.config.ServerConfig;
import java.util.ArrayList;
import java.util.List;

public final class HeapSizing {
    static final long MB = 1024L * 1024;
    static final long HEAP_FLOOR = 64 * MB;
    static final long DIRECT_FLOOR = 64 * MB;

    private HeapSizing() {
    }

    /** The options for a node with this maxmemory (bytes; 0 = no limit). */
    static List<String> options(long maxmemory) {
        List<String> opts = new ArrayList<>();
        if (maxmemory <= 0) return opts;
        long heap = roundUpToMb(saturatingAdd(saturatingMul(maxmemory, 2), HEAP_FLOOR));
        long direct = roundUpToMb(saturatingAdd(maxmemory, DIRECT_FLOOR));
        opts.add("-Xmx" + heap / MB + "m");
        opts.add("-Xms16m");
        opts.add("-XX:MaxDirectMemorySize=" + direct / MB + "m");
        opts.add("-XX:+UseG1GC");
        opts.add("-XX:G1PeriodicGCInterval=10000");
        opts.add("-XX:MinHeapFreeRatio=10");
        opts.add("-XX:MaxHeapFreeRatio=30");
        return opts;
    }

    private static long saturatingMul(long a, long b) {
        long r = a * b;
        return a != 0 && r / a != b ? Long.MAX_VALUE : r;
    }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return r < a ? Long.MAX_VALUE : r;
    }

    private static long roundUpToMb(long bytes) {
        return bytes >= Long.MAX_VALUE - MB ? Long.MAX_VALUE / MB * MB : (bytes + MB - 1) / MB * MB;
    }

    public static void main(String[] args) {
        ServerConfig config;
        try {
            config = Main.parse(args);
        } catch (ConfigException e) {
            // The server itself will report the error when it starts; size nothing.
            return;
        }
        System.out.println(String.join(" ", options(config.getLong("maxmemory"))));
    }
}
