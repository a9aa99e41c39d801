/*
 * AofRewrite: writes the append-only file afresh from the jobs in memory,
 * so it stops growing with records of jobs long gone.
 *
 * A background rewrite (BGREWRITEAOF, automatic growth, switching AOF on)
 * copies the live jobs in slices on the server thread, between other work,
 * and a writer thread encodes and writes them to a temporary file. Records
 * logged meanwhile are kept in a rewrite buffer and written in between, in
 * the order things happened. At the end the file is forced and atomically
 * renamed over the old one, and the owner (the append-only file) switches
 * to it. SHUTDOWN REWRITE-AOF instead writes everything at once.
 *
 * It sees the jobs only through a scan, and is driven on the server thread
 * only; the writer thread touches nothing but its own slice and the file.
 * With aof-rewrite-incremental-fsync the writer forces the new file every
 * 32 MB, so the final force (and the disk) never has gigabytes to flush.
 */
package dev.disque.server.persist;

import dev.disque.server.cluster.NodeSet;
import dev.disque.server.core.Loop;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class AofRewrite {
    private static final Logger log = LoggerFactory.getLogger(AofRewrite.class);
    private static final int REWRITE_SLICE_BYTES = 1 << 20;
    private static final int REWRITE_SLICE_JOBS = 8192;
    private static final int MAX_SLICES_IN_FLIGHT = 4;
    private static final long INCREMENTAL_FSYNC_BYTES = 32L << 20;

    /** What a rewrite needs of the file it replaces. */
    interface Owner {
        /** The file the rewrite replaces. */
        Path path();

        /** Writes the records still buffered to the old file, so it stays valid if the switch fails. */
        void writePending();

        /** The rewritten file is in place and holds every record so far: append to it now. */
        void rewritten(Path file) throws IOException;

        /** A background rewrite failed; its temporary file is gone. */
        void rewriteFailed();

        /** aof-rewrite-incremental-fsync, asked from the writer thread. */
        boolean incrementalFsync();
    }

    private final Supplier<Loop> loop;
    private final JobScan jobs;
    private final Owner owner;
    // Volatile: the fsync thread asks whether a rewrite runs (no-appendfsync-on-rewrite).
    private volatile Run run;
    private boolean lastOk = true;
    private long lastSeconds = -1;

    /** A rewrite in progress. */
    private static final class Run {
        final Path tmp;
        final FileChannel out;
        final ByteBuf buffer = Unpooled.buffer(64 * 1024);
        final long startMillis = System.currentTimeMillis();
        /** Encodes and writes the snapshots, so the server thread only copies a few fields per job. */
        final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "disque-aof-rewrite");
            t.setDaemon(true);
            return t;
        });
        final AtomicInteger inFlight = new AtomicInteger();
        volatile IOException failure;
        long cursor;
        /** Written and not forced yet; the writer thread's alone. */
        long unforced;

        Run(Path tmp, FileChannel out) {
            this.tmp = tmp;
            this.out = out;
        }
    }

    /** A job's changing fields, copied on the server thread; its other fields never change. */
    private record Snapshot(Job job, JobState state, int nacks, int deliveries, NodeSet nodes) {
    }

    AofRewrite(Supplier<Loop> loop, JobScan jobs, Owner owner) {
        this.loop = loop;
        this.jobs = jobs;
        this.owner = owner;
    }

    boolean inProgress() { return run != null; }
    int bufferLength() { return run == null ? 0 : run.buffer.readableBytes(); }
    boolean lastOk() { return lastOk; }
    long lastSeconds() { return lastSeconds; }

    long currentSeconds() {
        return run == null ? -1 : (System.currentTimeMillis() - run.startMillis) / 1000;
    }

    /** Keeps a record logged during the rewrite, for the new file. */
    void record(RecordBuffer record) {
        if (run != null) run.buffer.writeBytes(record.array(), 0, record.length());
    }

    /** Starts a background rewrite; false if one is already running. */
    boolean start() throws IOException {
        if (run != null) return false;
        Path tmp = tempFile(owner.path());
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        run = new Run(tmp, out);
        log.info("Background append only file rewriting started");
        loop.get().execute(this::slice);
        return true;
    }

    private static Path tempFile(Path target) {
        return target.resolveSibling("temp-rewriteaof-" + ProcessHandle.current().pid() + ".aof");
    }

    /**
     * Copies one slice of the live jobs and hands it to the rewrite thread,
     * then yields to other work. At most a few slices wait at a time.
     */
    private void slice() {
        Run rw = run;
        if (rw == null) return;
        if (rw.failure != null) {
            failed(rw, rw.failure);
            return;
        }
        if (rw.inFlight.get() >= MAX_SLICES_IN_FLIGHT) {
            loop.get().schedule(this::slice, 1);
            return;
        }
        // Records logged since the last slice go first, so the new file keeps the order in
        // which things happened (a job's LOADJOB before its DELJOB); the buffer stays small.
        if (rw.buffer.isReadable()) {
            byte[] logged = new byte[rw.buffer.readableBytes()];
            rw.buffer.readBytes(logged);
            rw.buffer.clear();
            rw.writer.execute(() -> writeLogged(rw, logged));
        }
        List<Snapshot> slice = new ArrayList<>(REWRITE_SLICE_JOBS);
        do {
            rw.cursor = jobs.scan(rw.cursor, (id, job) -> {
                if (job.state() == JobState.ACTIVE || job.state() == JobState.QUEUED) {
                    slice.add(new Snapshot(job, job.state(), job.nacks(), job.deliveries(), job.nodesDelivered()));
                }
            });
        } while (rw.cursor != 0 && slice.size() < REWRITE_SLICE_JOBS);
        rw.inFlight.incrementAndGet();
        rw.writer.execute(() -> writeSlice(rw, slice));
        if (rw.cursor != 0) {
            loop.get().execute(this::slice);
        } else {
            // Runs after every slice is written: then the switch happens on the server thread.
            rw.writer.execute(() -> loop.get().execute(() -> complete(rw)));
        }
    }

    /** On the rewrite thread: encodes and writes a slice. */
    private void writeSlice(Run rw, List<Snapshot> slice) {
        try {
            if (rw.failure != null) return;
            RecordBuffer r = new RecordBuffer();
            ByteBuf out = Unpooled.buffer(REWRITE_SLICE_JOBS * 256);
            try {
                for (Snapshot s : slice) {
                    r.reset();
                    AofRecords.loadJob(r, s.job(), s.state(), s.nacks(), s.deliveries(), s.nodes());
                    out.writeBytes(r.array(), 0, r.length());
                    if (out.readableBytes() >= REWRITE_SLICE_BYTES) written(rw, writeFully(rw.out, out));
                }
                written(rw, writeFully(rw.out, out));
            } finally {
                out.release();
            }
        } catch (IOException e) {
            rw.failure = e;
        } finally {
            rw.inFlight.decrementAndGet();
        }
    }

    /** On the rewrite thread: counts bytes written, forcing the file every 32 MB if asked to. */
    private void written(Run rw, long bytes) throws IOException {
        rw.unforced += bytes;
        if (rw.unforced >= INCREMENTAL_FSYNC_BYTES && owner.incrementalFsync()) {
            rw.out.force(false);
            rw.unforced = 0;
        }
    }

    /** On the rewrite thread: writes records logged while the rewrite runs. */
    private void writeLogged(Run rw, byte[] logged) {
        try {
            if (rw.failure != null) return;
            ByteBuffer b = ByteBuffer.wrap(logged);
            while (b.hasRemaining()) rw.out.write(b);
            written(rw, logged.length);
        } catch (IOException e) {
            rw.failure = e;
        }
    }

    private void complete(Run rw) {
        if (run != rw) return; // aborted meanwhile
        if (rw.failure != null) {
            failed(rw, rw.failure);
            return;
        }
        try {
            finish(rw);
        } catch (IOException e) {
            failed(rw, e);
        }
    }

    private void failed(Run rw, IOException e) {
        log.warn("Background AOF rewrite failed: {}", e.getMessage());
        lastOk = false;
        if (run == rw) abort();
        owner.rewriteFailed();
    }

    private void finish(Run rw) throws IOException {
        // The old file gets everything up to now, so it stays valid if the switch fails.
        owner.writePending();
        writeFully(rw.out, rw.buffer);
        rw.out.force(true);
        rw.out.close();
        Path target = owner.path();
        Files.move(rw.tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target);
        rw.buffer.release();
        rw.writer.shutdown();
        run = null;
        lastOk = true;
        lastSeconds = (System.currentTimeMillis() - rw.startMillis) / 1000;
        owner.rewritten(target);
        log.info("Background AOF rewrite finished successfully");
    }

    /** Stops a background rewrite, if one runs, and removes its temporary file. */
    void abort() {
        Run rw = run;
        if (rw == null) return;
        run = null;
        rw.writer.shutdownNow();
        try {
            rw.out.close();
            Files.deleteIfExists(rw.tmp);
        } catch (IOException e) {
            log.warn("Could not remove the temporary AOF file {}: {}", rw.tmp, e.getMessage());
        }
        rw.buffer.release();
    }

    /**
     * Writes every live job to the file at once, blocking the server, and
     * renames it over the old one. The caller has stopped any background
     * rewrite and written what was buffered.
     */
    void writeNow(Path target) throws IOException {
        Path tmp = tempFile(target);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuf buf = Unpooled.buffer(REWRITE_SLICE_BYTES + 64 * 1024);
            RecordBuffer record = new RecordBuffer();
            try {
                long cursor = 0;
                do {
                    cursor = jobs.scan(cursor, (id, job) -> encodeLive(buf, record, job));
                    if (buf.readableBytes() >= REWRITE_SLICE_BYTES) writeFully(out, buf);
                } while (cursor != 0);
                writeFully(out, buf);
            } finally {
                buf.release();
            }
            out.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(target);
    }

    /** A rewritten file holds the jobs that may still be delivered: active and queued ones. */
    private static void encodeLive(ByteBuf out, RecordBuffer record, Job job) {
        if (job.state() != JobState.ACTIVE && job.state() != JobState.QUEUED) return;
        record.reset();
        AofRecords.loadJob(record, job);
        out.writeBytes(record.array(), 0, record.length());
    }

    /** Writes the buffer out and empties it; returns how many bytes were written. */
    private static int writeFully(FileChannel ch, ByteBuf buf) throws IOException {
        ByteBuffer b = buf.nioBuffer();
        int n = b.remaining();
        while (b.hasRemaining()) ch.write(b);
        buf.clear();
        return n;
    }

    private static void syncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Not every platform can fsync a directory; the rename itself is still atomic.
            log.debug("directory fsync not available: {}", e.getMessage());
        }
    }
}
