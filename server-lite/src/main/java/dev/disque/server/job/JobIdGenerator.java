/*
 * JobIdGenerator: mints unique job IDs for this node.
 *
 * The original hashes a random seed and a 64-bit counter with SHA-1. We keep
 * the idea (seed + counter, so IDs never repeat) but use a bijective 64-bit
 * mixer in counter mode: distinct counters give distinct first words, so two
 * IDs from one process can never collide, a fresh random seed per start keeps
 * restarts apart, and it costs a few nanoseconds instead of a SHA-1 block.
 */
package dev.disque.server.job;

import java.security.SecureRandom;

public final class JobIdGenerator {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final int nodePrefix;
    private final long seedA;
    private final long seedB;
    private long counter;

    public JobIdGenerator(String nodeId) {
        this(nodeId, new SecureRandom());
    }

    JobIdGenerator(String nodeId, SecureRandom random) {
        this.nodePrefix = (int) Long.parseLong(nodeId.substring(0, 8), 16);
        this.seedA = random.nextLong();
        this.seedB = random.nextLong();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A new ID for a job with this TTL (seconds) and retry (seconds). */
    public JobId next(long ttlSeconds, long retrySeconds) {
        counter++;
        long high = mix(seedA + counter * GOLDEN);
        long mid = mix(seedB ^ high);
        short low = (short) mix(high + mid);
        long minutes = ttlSeconds / 60;
        if (minutes > 65535) minutes = 65535;
        if (minutes < 0) minutes = 1;
        minutes = retrySeconds > 0 ? (minutes | 1) : (minutes & ~1L);
        return new JobId(nodePrefix, high, mid, low, (int) minutes);
    }
}
