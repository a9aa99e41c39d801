/*
 * Stats: counters INFO stats reports, plus the per-second rates sampled by
 * the cron (mean of the last 16 samples, as Redis computes them).
 */
package dev.disque.server.core;

public final class Stats {
    private static final int SAMPLES = 16;

    public long connectionsReceived;
    public long commandsProcessed;
    public long rejectedConnections;
    public long netInputBytes;
    public long netOutputBytes;
    public long expiredJobs;
    public long evictedJobs;

    private final long[][] samples = new long[3][SAMPLES];
    private final long[] lastValue = new long[3];
    private long lastSampleMillis;
    private int idx;

    /** Takes one sample of each rate; call about ten times a second. */
    public void sample(long nowMillis) {
        long elapsed = nowMillis - lastSampleMillis;
        if (lastSampleMillis != 0 && elapsed > 0) {
            long[] current = {commandsProcessed, netInputBytes, netOutputBytes};
            for (int i = 0; i < 3; i++) {
                samples[i][idx] = (current[i] - lastValue[i]) * 1000 / elapsed;
                lastValue[i] = current[i];
            }
            idx = (idx + 1) % SAMPLES;
        } else {
            lastValue[0] = commandsProcessed;
            lastValue[1] = netInputBytes;
            lastValue[2] = netOutputBytes;
        }
        lastSampleMillis = nowMillis;
    }

    private long mean(int i) {
        long sum = 0;
        for (long v : samples[i]) sum += v;
        return sum / SAMPLES;
    }

    public long opsPerSec() { return mean(0); }
    public double inputKbps() { return mean(1) / 1024.0; }
    public double outputKbps() { return mean(2) / 1024.0; }

    public void reset() {
        connectionsReceived = 0;
        commandsProcessed = 0;
        rejectedConnections = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        expiredJobs = 0;
        evictedJobs = 0;
        for (long[] s : samples) java.util.Arrays.fill(s, 0);
        lastSampleMillis = 0;
    }
}
