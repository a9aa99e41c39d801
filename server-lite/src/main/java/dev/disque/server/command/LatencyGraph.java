/*
 * LatencyGraph: LATENCY GRAPH's picture of one event's spikes, for a human
 * at a terminal: a title with the highest and lowest spike shown and the
 * worst ever, a rule 80 columns wide, then one column per spike (the most
 * recent 80, oldest on the left) four rows high, each labelled underneath,
 * top to bottom, with how long ago it was (s, m, h or d).
 */
package dev.disque.server.command;

import dev.disque.server.core.LatencyMonitor;
import java.util.List;

final class LatencyGraph {
    static final int COLUMNS = 80;
    static final int ROWS = 4;

    private LatencyGraph() {
    }

    static String render(String event, LatencyMonitor.Series series, long nowSeconds) {
        List<LatencyMonitor.Sample> all = series.samples();
        List<LatencyMonitor.Sample> shown = all.subList(Math.max(0, all.size() - COLUMNS), all.size());
        long high = 0;
        long low = Long.MAX_VALUE;
        for (LatencyMonitor.Sample s : shown) {
            high = Math.max(high, s.millis());
            low = Math.min(low, s.millis());
        }
        StringBuilder out = new StringBuilder();
        out.append(event).append(" - high ").append(high).append(" ms, low ").append(low)
           .append(" ms (all time high ").append(series.worst()).append(" ms)\n");
        out.append("-".repeat(COLUMNS)).append('\n');
        int[] heights = new int[shown.size()];
        for (int i = 0; i < heights.length; i++) {
            long v = shown.get(i).millis();
            // The lowest spike gets one row, the highest all of them.
            heights[i] = high == low ? ROWS : 1 + (int) Math.round((double) (v - low) * (ROWS - 1) / (high - low));
        }
        for (int row = ROWS; row >= 1; row--) {
            StringBuilder line = new StringBuilder();
            for (int h : heights) line.append(h >= row ? '#' : ' ');
            out.append(line.toString().stripTrailing()).append('\n');
        }
        String[] labels = new String[shown.size()];
        int longest = 0;
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ago(nowSeconds - shown.get(i).time());
            longest = Math.max(longest, labels[i].length());
        }
        for (int k = 0; k < longest; k++) {
            StringBuilder line = new StringBuilder();
            for (String l : labels) line.append(k < l.length() ? l.charAt(k) : ' ');
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static String ago(long seconds) {
        long s = Math.max(0, seconds);
        if (s < 60) return s + "s";
        if (s < 3600) return s / 60 + "m";
        if (s < 86400) return s / 3600 + "h";
        return s / 86400 + "d";
    }
}
