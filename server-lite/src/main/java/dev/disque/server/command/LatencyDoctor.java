/*
 * LatencyDoctor: LATENCY DOCTOR's report, in plain words, of what the
 * latency monitor recorded and what may help.
 *
 * For every event it gives how many seconds had a spike, their average and
 * mean deviation, how often they came and the worst ever; then one piece
 * of advice per cause those events point to, each given once. The numbers
 * are the ones the original reports; the words and the advice are written
 * for this server (a JVM, no fork, an fsync thread).
 */
package dev.disque.server.command;

import dev.disque.server.config.ServerConfig;
import dev.disque.server.core.LatencyMonitor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

final class LatencyDoctor {
    private final LatencyMonitor monitor;
    private final ServerConfig config;
    private final long nowSeconds;

    LatencyDoctor(LatencyMonitor monitor, ServerConfig config, long nowSeconds) {
        this.monitor = monitor;
        this.config = config;
        this.nowSeconds = nowSeconds;
    }

    String report() {
        Map<String, LatencyMonitor.Series> events = monitor.events();
        long threshold = monitor.threshold();
        if (events.isEmpty() && threshold == 0) {
            return "The latency monitor is off on this node, and nothing was recorded. Turn it on with"
                    + " 'CONFIG SET latency-monitor-threshold <milliseconds>': from then on, every command or"
                    + " internal task that takes at least that long is recorded, and this report explains it.\n";
        }
        if (events.isEmpty()) {
            return "No spike of " + threshold + " ms or more was recorded on this node since the monitor was"
                    + " turned on (or last reset). Nothing to worry about.\n";
        }
        StringBuilder out = new StringBuilder("Latency spikes recorded on this node:\n\n");
        Set<String> advice = new LinkedHashSet<>();
        int n = 0;
        for (Map.Entry<String, LatencyMonitor.Series> e : events.entrySet()) {
            out.append(++n).append(". ").append(summary(e.getKey(), e.getValue())).append('\n');
            advise(e.getKey(), threshold, advice);
        }
        if (advice.isEmpty()) {
            out.append("\nNone of these events has a known remedy; the figures above are the place to start.\n");
        } else {
            out.append("\nWhat may help:\n\n");
            for (String a : advice) out.append("- ").append(a).append('\n');
        }
        return out.toString();
    }

    private String summary(String event, LatencyMonitor.Series series) {
        List<LatencyMonitor.Sample> samples = series.samples();
        long sum = 0;
        long oldest = Long.MAX_VALUE;
        for (LatencyMonitor.Sample s : samples) {
            sum += s.millis();
            oldest = Math.min(oldest, s.time());
        }
        long avg = sum / samples.size();
        long deviation = 0;
        for (LatencyMonitor.Sample s : samples) deviation += Math.abs(s.millis() - avg);
        deviation /= samples.size();
        long period = Math.max(1, nowSeconds - oldest);
        return String.format(Locale.ROOT,
                "%s: %d seconds with a spike (average %d ms, mean deviation %d ms), one every %.2f s; worst ever %d ms.",
                event, samples.size(), avg, deviation, (double) period / samples.size(), series.worst());
    }

    private void advise(String event, long threshold, Set<String> advice) {
        switch (event) {
            case "command" -> {
                long slowlog = config.getLong("slowlog-log-slower-than");
                if (slowlog < 0) {
                    advice.add("The slow log is off, so the slow commands were not kept. Turn it on with"
                            + " 'CONFIG SET slowlog-log-slower-than " + threshold * 1000 + "'.");
                } else if (slowlog / 1000 > threshold) {
                    advice.add("The slow log keeps only commands slower than " + slowlog + " us, more than this"
                            + " monitor's threshold: 'CONFIG SET slowlog-log-slower-than " + threshold * 1000
                            + "' keeps the ones reported here.");
                }
                advice.add("SLOWLOG GET shows which commands were slow. Large COUNTs in JSCAN, QSCAN or QPEEK,"
                        + " very large job bodies, and acknowledging or deleting many jobs at once take time in"
                        + " proportion; split them into smaller calls.");
            }
            case "fast-command" -> advice.add("Even commands that do little work were slow: the node was not"
                    + " given the CPU. Look at the machine's load and steal time, at other processes sharing its"
                    + " cores, and at the JVM's garbage collection pauses (add -Xlog:gc to DISQUE_JAVA_OPTS).");
            case "aof-write" -> advice.add("Writing the append-only file was slow: the disk was busy or slow."
                    + " Use a local disk, an SSD if the write load is high, and keep other disk-heavy work off it.");
            case "expire-cycle" -> advice.add("Many jobs came due at the same moment (a large batch sharing one"
                    + " TTL, DELAY or RETRY). Spreading those times over a few seconds spreads the work.");
            case "eviction-cycle" -> advice.add("The node was close to maxmemory and freed memory while serving."
                    + " Give it more memory (maxmemory), or acknowledge jobs sooner so that fewer are kept.");
            default -> {
            }
        }
    }
}
