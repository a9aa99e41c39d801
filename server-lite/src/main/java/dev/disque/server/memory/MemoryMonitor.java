/*
 * MemoryMonitor: an honest estimate of the memory the server's data uses,
 * and the maxmemory pressure levels derived from it.
 *
 * The JVM heap size says little (garbage, other tenants of an embedding
 * JVM), so used memory is counted from the data itself: every job's
 * measured footprint, queues, and client buffers. INFO memory shows it
 * beside the real heap and RSS figures. Levels follow the original:
 * 1 above 75% (a lone node stops taking jobs), 2 above 95% (evict acked
 * jobs), and anything over 100% refuses commands that need memory.
 */
package dev.disque.server.memory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

public final class MemoryMonitor {
    /** Per-client overhead: connection state plus Netty's channel and buffers. */
    public static final long CLIENT_OVERHEAD = 8 * 1024;
    /** Per-queue overhead: the queue object, its job order (JobOrder) and table entry. */
    public static final long QUEUE_OVERHEAD = 256;

    private long peak;

    /** 0: fine, 1: above 75%, 2: above 95%. A max of 0 means no limit. */
    public static int warningLevel(long used, long max) {
        if (max <= 0) return 0;
        if (used > max / 100 * 95) return 2;
        if (used > max / 100 * 75) return 1;
        return 0;
    }

    public long updatePeak(long used) {
        if (used > peak) peak = used;
        return peak;
    }

    public long peak() {
        return peak;
    }

    public static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of the process in bytes, or 0 where /proc is not available. */
    public static long rss() {
        try {
            String statm = Files.readString(Path.of("/proc/self/statm")).trim();
            long pages = Long.parseLong(statm.split(" ")[1]);
            return pages * 4096;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Bytes the way Redis prints them: 1023B, 1.50K, 2.00M ... */
    public static String human(long n) {
        if (n < 1024) return n + "B";
        String[] units = {"K", "M", "G", "T", "P"};
        double v = n;
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.2f%s", v, units[i]);
    }
}
