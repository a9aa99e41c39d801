/*
 * LatencyMode: `disque --latency` sends PING every 10 ms and keeps one line
 * of min/max/average (milliseconds) up to date until interrupted;
 * --latency-history starts a new line every interval (-i, default 15 s).
 * When the output is not a terminal (or with --raw/--csv/--json) it samples
 * for one interval (default 1 s for --latency) and prints one line per
 * interval: "min max avg samples"; --latency stops after the first.
 */
package dev.disque.cli.modes;

import dev.disque.cli.DisqueCli;
import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.cli.render.ReplyRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

public final class LatencyMode {
    static final long SAMPLE_EVERY_MILLIS = 10;

    private final DisqueCli cli;

    public LatencyMode(DisqueCli cli) {
        this.cli = cli;
    }

    /** Running statistics of one window. */
    static final class Window {
        long count;
        long minNanos = Long.MAX_VALUE;
        long maxNanos;
        long sumNanos;

        void add(long nanos) {
            count++;
            minNanos = Math.min(minNanos, nanos);
            maxNanos = Math.max(maxNanos, nanos);
            sumNanos += nanos;
        }

        double min() {
            return count == 0 ? 0 : minNanos / 1e6;
        }

        double max() {
            return maxNanos / 1e6;
        }

        double avg() {
            return count == 0 ? 0 : sumNanos / 1e6 / count;
        }
    }

    public int run() {
        PrintStream out = cli.io().out();
        ReplyRenderer.Format format = cli.renderer().format();
        boolean live = format == ReplyRenderer.Format.TTY;
        boolean history = cli.latencyHistory();
        long window = cli.intervalMillis(history ? 15_000 : 1_000);
        Long limit = cli.repeat();
        RespConnection conn;
        try {
            conn = RespConnection.open(cli.endpoint());
        } catch (IOException e) {
            cli.io().err().println(DisqueCli.connectError(cli.endpoint().address(), e));
            return 1;
        }
        try (conn) {
            if (cli.password() != null) {
                Reply r = conn.call("AUTH", cli.password());
                if (r.isError()) cli.io().err().println("AUTH failed: " + r.asText());
            }
            List<byte[]> ping = RespArgs.of("PING");
            long lines = 0;
            Window w = new Window();
            long windowStart = System.nanoTime();
            while (true) {
                long t0 = System.nanoTime();
                Reply r = conn.call(ping);
                long took = System.nanoTime() - t0;
                if (r.isError()) {
                    cli.io().err().println("Error: " + r.asText());
                    return 1;
                }
                w.add(took);
                boolean windowOver = System.nanoTime() - windowStart >= window * 1_000_000L;
                if (live) {
                    out.print("\r\u001b[2K" + summary(w));
                    if (history && windowOver) {
                        out.printf(Locale.ROOT, " -- %.2f seconds range%n", window / 1000.0);
                    }
                    out.flush();
                } else if (windowOver) {
                    out.println(line(w, format));
                    out.flush();
                }
                if (windowOver && (history || !live)) {
                    lines++;
                    if (!history || limit != null && limit >= 0 && lines >= limit) return 0;
                    w = new Window();
                    windowStart = System.nanoTime();
                }
                if (!Pacing.sleep(SAMPLE_EVERY_MILLIS)) return 0;
            }
        } catch (IOException e) {
            cli.io().err().println("Error: " + e.getMessage());
            return 1;
        }
    }

    static String summary(Window w) {
        return String.format(Locale.ROOT, "min: %.2f, max: %.2f, avg: %.2f (%d samples)", w.min(), w.max(), w.avg(), w.count);
    }

    static String line(Window w, ReplyRenderer.Format format) {
        switch (format) {
            case CSV:
                return String.format(Locale.ROOT, "%.2f,%.2f,%.2f,%d", w.min(), w.max(), w.avg(), w.count);
            case JSON:
                return String.format(Locale.ROOT, "{\"min\":%.3f,\"max\":%.3f,\"avg\":%.3f,\"samples\":%d}",
                        w.min(), w.max(), w.avg(), w.count);
            default:
                return String.format(Locale.ROOT, "%.2f %.2f %.2f %d", w.min(), w.max(), w.avg(), w.count);
        }
    }
}
