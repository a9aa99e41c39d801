/*
 * Watchdog: watchdog-period, the original's aid for finding what stalls a
 * node. When set (milliseconds; 0, the default, is off), a thread of its
 * own asks the server's loop to run an empty task and, if the loop has
 * not run it within the period, logs where the loop thread is, once per
 * stall. The loop runs every command and timer, so a stuck command, a long
 * GC pause or a slow disk write shows in the log with its stack. Periods
 * under two cron ticks are raised to that, as in the original.
 */
package dev.disque.server;

import io.netty.channel.EventLoop;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class Watchdog {
    private static final Logger log = LoggerFactory.getLogger(Watchdog.class);

    private final EventLoop loop;
    private final Thread loopThread;
    private final LongSupplier periodMillis;
    private final Thread thread;
    private volatile boolean running = true;

    /** periodMillis: the watchdog-period now, already raised to its minimum; 0 when off. */
    Watchdog(EventLoop loop, Thread loopThread, LongSupplier periodMillis) {
        this.loop = loop;
        this.loopThread = loopThread;
        this.periodMillis = periodMillis;
        this.thread = new Thread(this::run, "disque-watchdog");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        try {
            while (running) {
                long period = periodMillis.getAsLong();
                if (period <= 0) {
                    Thread.sleep(200);
                    continue;
                }
                Thread.sleep(period / 2);
                Future<?> ping = loop.submit(() -> { });
                try {
                    ping.get(period, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // Turned off meanwhile: not a stall anyone asked to hear about.
                    if (periodMillis.getAsLong() > 0) report(period);
                    // One report per stall: wait for the loop to come back before looking again.
                    while (running && !ping.isDone()) Thread.sleep(Math.min(period, 100));
                } catch (ExecutionException e) {
                    return; // the loop is shutting down
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The loop stopped: nothing left to watch.
        }
    }

    private void report(long period) {
        StringBuilder b = new StringBuilder("--- WATCHDOG TIMER EXPIRED --- the server thread has not answered for ")
                .append(period).append(" ms; it is at:");
        for (StackTraceElement frame : loopThread.getStackTrace()) b.append("\n    at ").append(frame);
        log.warn(b.toString());
    }
}
