/*
 * Poll: a test waiting, for a bounded time, for what another thread or
 * process does.
 *
 * Tests never race a fixed sleep: they look at the condition every few
 * milliseconds and fail, naming what they waited for, once the bound passes.
 */
package dev.disque.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

public final class Poll {
    private static final long INTERVAL_MILLIS = 5;

    private Poll() {
    }

    /** Returns once condition holds; throws AssertionError if it still does not after max. */
    public static void until(String what, Duration max, BooleanSupplier condition) {
        until(what, max, Duration.ofMillis(INTERVAL_MILLIS), condition);
    }

    /**
     * The same, looking every interval: for conditions that cost something
     * to check (a round of commands to every node of a cluster).
     */
    public static void until(String what, Duration max, Duration interval, BooleanSupplier condition) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("timed out after " + max + " waiting for " + what);
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
