/*
 * MemoryReserve: a little heap set aside for handling OutOfMemoryError.
 *
 * When the heap runs out, even the log line and the clean-up that would
 * save the node need memory; without it, handling the error throws again
 * out of the event loop and the loop thread dies. So some heap is held
 * back from the start and let go the moment an OutOfMemoryError is caught,
 * then taken again once the heap has room (the periodic timers re-arm it).
 */
package dev.disque.server.core;

public final class MemoryReserve {
    private static final int SIZE = (int) Math.min(4L << 20, Math.max(256L << 10, Runtime.getRuntime().maxMemory() / 32));
    private static volatile byte[] reserve = new byte[SIZE];

    private MemoryReserve() {
    }

    /** Lets the reserve go, so handling an OutOfMemoryError has room to work. */
    public static void release() {
        reserve = null;
    }

    /** Takes the reserve again if it was released and the heap now has room; harmless to call often. */
    public static void rearm() {
        if (reserve != null) return;
        try {
            reserve = new byte[SIZE];
        } catch (OutOfMemoryError e) {
            // Still short of memory: try again at the next call.
        }
    }

    public static boolean armed() {
        return reserve != null;
    }
}
