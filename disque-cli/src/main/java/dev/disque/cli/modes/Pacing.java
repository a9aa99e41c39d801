/*
 * Pacing: waits between repeated commands and refreshes of the live
 * views. Waiting out a user-chosen interval is the point here, so this is
 * the one place that sleeps.
 */
package dev.disque.cli.modes;

public final class Pacing {
    private Pacing() {
    }

    /** Sleeps; returns false if the thread was interrupted (and keeps the flag set). */
    public static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
