/*
 * FsyncThread: forces the append-only file to disk off the server thread.
 *
 * With appendfsync always it forces the file when asked (a reply waits for
 * it); with everysec once a second, or sooner once much is unsynced. It
 * forces whatever was written by then, so one fsync makes many records
 * durable, and tells the server thread (through the synced callback, which
 * must hand over to the loop) when a point is reached. This is the one
 * place shared with another thread: sequence numbers, the channel and the
 * policy are volatile or atomic, nothing else is touched here.
 */
package dev.disque.server.persist;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class FsyncThread {
    private static final Logger log = LoggerFactory.getLogger(FsyncThread.class);
    private static final long EARLY_SYNC_BYTES = 16L << 20;

    private final LongSupplier writtenSeq;
    private final Supplier<String> policy;
    private final Runnable synced;
    private final BooleanSupplier holdEverysec;
    private final AtomicLong syncedSeq = new AtomicLong();
    private volatile FileChannel channel;
    private final AtomicBoolean requested = new AtomicBoolean();
    private volatile boolean running;
    private Thread thread;

    /**
     * writtenSeq: how far records are in the file (written, maybe not forced);
     * policy: the appendfsync value now; synced: called on this thread once
     * syncedSeq advanced; holdEverysec: true while everysec fsyncs are to be
     * skipped (no-appendfsync-on-rewrite during a rewrite; always still syncs,
     * as replies wait for it).
     */
    FsyncThread(LongSupplier writtenSeq, Supplier<String> policy, Runnable synced, BooleanSupplier holdEverysec) {
        this.writtenSeq = writtenSeq;
        this.policy = policy;
        this.synced = synced;
        this.holdEverysec = holdEverysec;
    }

    /** How far records are known to be on disk. */
    long syncedSeq() {
        return syncedSeq.get();
    }

    /** Records up to seq are on disk (a new file, or a forced one): never moves back. */
    void syncedUpTo(long seq) {
        syncedSeq.accumulateAndGet(seq, Math::max);
    }

    /** Starts counting from seq, for a file just opened. */
    void resetTo(long seq) {
        syncedSeq.set(seq);
    }

    /** The file to force from now on; null when there is none. */
    void follow(FileChannel ch) {
        channel = ch;
    }

    /** Asks for an fsync as soon as possible. */
    void request() {
        requested.set(true);
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    void start() {
        if (thread != null) return;
        running = true;
        thread = new Thread(this::run, "disque-aof-fsync");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        Thread t = thread;
        thread = null;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        long lastSync = System.nanoTime();
        while (running) {
            if (!requested.get()) LockSupport.parkNanos(this, 10_000_000L);
            boolean asked = requested.getAndSet(false);
            // everysec also syncs early once much is unsynced: a huge fsync once a second
            // stalls the writes made meanwhile, many small ones do not.
            boolean due = asked || ("everysec".equals(policy.get()) && !holdEverysec.getAsBoolean()
                    && (System.nanoTime() - lastSync >= 1_000_000_000L
                        || writtenSeq.getAsLong() - syncedSeq.get() > EARLY_SYNC_BYTES));
            if (!due) continue;
            FileChannel ch = channel;
            long target = writtenSeq.getAsLong();
            if (ch == null || target <= syncedSeq.get()) continue;
            try {
                ch.force(false);
            } catch (IOException e) {
                if (ch == channel) log.warn("fsync of the append only file failed: {}", e.getMessage());
                continue;
            }
            lastSync = System.nanoTime();
            // A file replaced meanwhile (rewrite, AOF off) says nothing of the new one.
            if (ch == channel) {
                syncedSeq.accumulateAndGet(target, Math::max);
                synced.run();
            }
        }
    }
}
