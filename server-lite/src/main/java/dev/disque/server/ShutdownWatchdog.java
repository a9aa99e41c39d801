/*
 * ShutdownWatchdog: makes SIGTERM stop the standalone server within a few
 * seconds whatever the event loop is doing.
 *
 * A clean shutdown runs on the loop (the AOF is flushed and closed there),
 * so a loop that is busy (DEBUG SLEEP, a runaway command) or dead would
 * make it wait forever and the process would ignore SIGTERM. The watchdog
 * first checks that the loop still runs tasks; if it does not answer within
 * LOOP_GRACE, or the whole shutdown takes longer than TOTAL_GRACE, the
 * process exits at once with status 1. Acknowledged jobs are safe with
 * appendfsync always; with everysec the last second may be lost, as in any
 * crash, and the AOF loader accepts the truncated tail.
 */
package dev.disque.server;

import dev.disque.server.log.LogSink;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

final class ShutdownWatchdog {
    static final Duration LOOP_GRACE = Duration.ofSeconds(3);
    static final Duration TOTAL_GRACE = Duration.ofSeconds(30);

    private ShutdownWatchdog() {
    }

    /** Starts watching the shutdown of the server; call before closing it. */
    static void arm(DisqueServer server) {
        Thread t = new Thread(() -> watch(server), "disque-shutdown-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static void watch(DisqueServer server) {
        long start = System.nanoTime();
        if (!server.loopAnswers(LOOP_GRACE)) {
            exit("the event loop did not answer within " + LOOP_GRACE.toSeconds() + " seconds");
        }
        long left = TOTAL_GRACE.toNanos() - (System.nanoTime() - start);
        try {
            server.terminated().get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exit("the shutdown took longer than " + TOTAL_GRACE.toSeconds() + " seconds");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // Terminated after a fatal error: the fatal handler decides the exit.
        }
    }

    private static void exit(String why) {
        LogSink.write(LogSink.WARNING, "Shutdown watchdog: " + why + ", exiting now", null);
        Runtime.getRuntime().halt(1);
    }
}
