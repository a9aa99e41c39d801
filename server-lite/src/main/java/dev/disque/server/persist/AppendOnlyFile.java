/*
 * AppendOnlyFile: durability for a node that must survive restarts.
 *
 * Every accepted job is logged as a LOADJOB record and every ack or
 * deletion as DELJOB. Records are appended to a buffer on the server
 * thread and written to the file before any reply that depends on them is
 * sent. With appendfsync always, replies are further held until the
 * FsyncThread has forced the file; while it runs, more records and more
 * held replies accumulate, so one fsync commits many clients (group
 * commit). With everysec the fsync thread forces the file once a second;
 * with no, the OS decides.
 *
 * It owns the file's state (off, on, being switched on) and decides when
 * to rewrite; loading is AofLoader's and rewriting AofRewrite's. It needs
 * only the config and the loop, and passes on the narrow views of the jobs
 * those two need, so persistence does not depend on the engine.
 */
package dev.disque.server.persist;

import dev.disque.server.config.ServerConfig;
import dev.disque.server.core.Client;
import dev.disque.server.core.HeldReply;
import dev.disque.server.core.LatencyMonitor;
import dev.disque.server.core.Loop;
import dev.disque.server.core.OutputGate;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class AppendOnlyFile implements OutputGate {
    private static final Logger log = LoggerFactory.getLogger(AppendOnlyFile.class);

    /** off; on; rewriting: being switched on, waiting for its first rewrite. */
    public enum State {
        OFF("off"), ON("on"), REWRITING("rewriting");

        private final String wireName;

        State(String w) {
            this.wireName = w;
        }

        public String wireName() {
            return wireName;
        }
    }

    private final ServerConfig config;
    private final Supplier<Loop> loop;
    private final AofLoader loader;
    private State state = State.OFF;
    private FileChannel channel;
    // Direct, so writing it to the file needs no copy into a native buffer first.
    private final ByteBuf pending = Unpooled.directBuffer(256 * 1024);
    private long appendedSeq;
    private volatile long writtenSeq;
    private volatile String policy;
    private final FsyncThread fsync;
    private final Set<HeldReply> waiting = new LinkedHashSet<>();
    private final Set<HeldReply> deferred = new LinkedHashSet<>();
    private final RecordBuffer record = new RecordBuffer();
    private boolean flushScheduled;
    private String lastWriteError;
    private long currentSize;
    private long baseSize;
    private final AofRewrite rewrite;
    private final LatencyMonitor latency;

    /**
     * The loop is asked for each time: the engine gets its loop only once the
     * server runs, after this file exists.
     */
    public AppendOnlyFile(ServerConfig config, Supplier<Loop> loop, AofLoader loader, JobScan jobs,
            LatencyMonitor latency) {
        this.config = config;
        this.latency = latency;
        this.loop = loop;
        this.loader = loader;
        this.rewrite = new AofRewrite(loop, jobs, new RewriteOwner());
        this.fsync = new FsyncThread(() -> writtenSeq, () -> policy, () -> loop.get().execute(this::releaseWaiters),
                () -> rewrite.inProgress() && config.getBool("no-appendfsync-on-rewrite"));
        this.policy = config.get("appendfsync");
        config.onChange((name, value) -> {
            if (name.equals("appendfsync")) policy = value;
        });
    }

    public State state() { return state; }
    public boolean rewriteInProgress() { return rewrite.inProgress(); }
    public long appendedSeq() { return appendedSeq; }
    public String lastWriteError() { return lastWriteError; }
    public long currentSize() { return currentSize; }
    public long baseSize() { return baseSize; }
    public int bufferLength() { return pending.readableBytes(); }
    public int rewriteBufferLength() { return rewrite.bufferLength(); }
    public boolean lastRewriteOk() { return rewrite.lastOk(); }
    public long lastRewriteSeconds() { return rewrite.lastSeconds(); }
    public long currentRewriteSeconds() { return rewrite.currentSeconds(); }

    public Path path() {
        return config.resolve(config.get("appendfilename"));
    }

    // ------------------------------------------------------------ logging

    /** Logs a job the node accepted. */
    public void logJob(Job job) {
        if (state == State.OFF && !rewrite.inProgress()) return;
        record.reset();
        AofRecords.loadJob(record, job);
        append();
    }

    /** Logs that a job is gone (acknowledged, expired, deleted). */
    public void logDelete(JobId id) {
        if (state == State.OFF && !rewrite.inProgress()) return;
        record.reset();
        AofRecords.delJob(record, id);
        append();
    }

    /** Adds the encoded record to the file's buffer, and to the rewrite buffer during a rewrite. */
    private void append() {
        int len = record.length();
        if (state == State.ON) pending.writeBytes(record.array(), 0, len);
        rewrite.record(record);
        appendedSeq += len;
    }

    // ----------------------------------------------------- replies and fsync

    @Override
    public boolean mayReply(HeldReply c) {
        long needed = c.durableSeq();
        if (state == State.OFF || needed <= fsync.syncedSeq()) return true;
        boolean always = "always".equals(policy);
        if (lastWriteError != null) {
            // The disk refuses writes: hold the replies until a retry (cron) succeeds.
            waiting.add(c);
            return false;
        }
        if (state == State.ON && needed > writtenSeq) {
            // Its records are not in the file yet. Rather than one write per client, hold
            // the replies until the end of this turn of the event loop: then one write
            // covers every client served in it.
            deferred.add(c);
            if (!flushScheduled) {
                flushScheduled = true;
                loop.get().execute(this::flushDeferred);
            }
            return false;
        }
        if (!always) return true;
        waiting.add(c);
        fsync.request();
        return false;
    }

    /** Writes the records of this loop turn once, then lets the replies that waited for it go. */
    private void flushDeferred() {
        flushScheduled = false;
        writePending();
        List<HeldReply> ready = new ArrayList<>(deferred);
        deferred.clear();
        // Still unwritten (a write error) or waiting for fsync: flush() parks them again.
        for (HeldReply c : ready) c.flush();
    }

    /** Drops a disconnected client from the waiters. */
    public void forget(Client c) {
        waiting.remove(c);
        deferred.remove(c);
    }

    /** Writes buffered records to the file (an OS write, not an fsync). */
    public void writePending() {
        if (state != State.ON || channel == null || !pending.isReadable()) return;
        long start = System.nanoTime();
        try {
            ByteBuffer b = pending.nioBuffer();
            int n = b.remaining();
            while (b.hasRemaining()) channel.write(b);
            latency.record("aof-write", (System.nanoTime() - start) / 1_000_000);
            pending.clear();
            currentSize += n;
            writtenSeq = appendedSeq;
            if (lastWriteError != null) {
                log.warn("AOF write error solved: the append only file is writable again");
                lastWriteError = null;
                releaseWaiters();
            }
        } catch (IOException e) {
            if (lastWriteError == null) log.warn("Error writing to the AOF file: {}", e.getMessage());
            lastWriteError = e.getMessage() == null ? e.toString() : e.getMessage();
        }
    }

    /** Sends the held replies whose records are now written (and, with always, forced). */
    private void releaseWaiters() {
        if (waiting.isEmpty()) return;
        long durable = "always".equals(policy) ? fsync.syncedSeq() : writtenSeq;
        List<HeldReply> ready = new ArrayList<>();
        for (HeldReply c : waiting) if (c.durableSeq() <= durable) ready.add(c);
        waiting.removeAll(ready);
        for (HeldReply c : ready) c.flush();
    }

    // ---------------------------------------------------------- start / stop

    /** Loads the file if configured to, then opens it for appending if AOF is on. */
    public void startUp() throws IOException, AofFormatException {
        boolean on = config.getBool("appendonly");
        Path file = path();
        loader.startUp(file, on);
        if (on) open(file);
    }

    private void open(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        currentSize = channel.size();
        baseSize = currentSize;
        writtenSeq = appendedSeq;
        fsync.resetTo(appendedSeq);
        fsync.follow(channel);
        state = State.ON;
        fsync.start();
    }

    /** Writes and forces everything, then stops (server shutdown). */
    public void close() {
        rewrite.abort();
        if (state == State.ON) closeChannel();
        fsync.stop();
        state = State.OFF;
        pending.release();
    }

    /** Writes what is buffered, forces the file and closes it. */
    private void closeChannel() {
        if (channel == null) return;
        writePending();
        try {
            channel.force(true);
            channel.close();
        } catch (IOException e) {
            log.warn("Error closing the append only file: {}", e.getMessage());
        }
        channel = null;
        fsync.follow(null);
    }

    /** Continues appending to the freshly rewritten file, which holds every record so far. */
    private void switchTo(Path target) throws IOException {
        FileChannel old = channel;
        channel = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        fsync.follow(channel);
        currentSize = channel.size();
        baseSize = currentSize;
        pending.clear();
        writtenSeq = appendedSeq;
        fsync.syncedUpTo(appendedSeq);
        if (old != null) old.close();
    }

    /** CONFIG SET appendonly yes: writes a fresh file from memory, then keeps it up to date. */
    public void turnOn() throws IOException {
        if (state != State.OFF) return;
        state = State.REWRITING;
        fsync.start();
        if (!rewrite.inProgress()) startRewrite();
    }

    /** CONFIG SET appendonly no. */
    public void turnOff() {
        if (state == State.OFF) return;
        rewrite.abort();
        closeChannel();
        pending.clear();
        state = State.OFF;
        fsync.stop();
        // Nothing more will become durable: let held replies go.
        List<HeldReply> held = new ArrayList<>(waiting);
        waiting.clear();
        for (HeldReply c : held) c.flush();
    }

    // ---------------------------------------------------------- loading

    /** Replays a file into the (empty) node. */
    public AofReader.Result load(Path file, boolean enqueueOnce) throws IOException, AofFormatException {
        return loader.load(file, enqueueOnce);
    }

    // ---------------------------------------------------------- rewriting

    /** Starts a background rewrite; false if one is already running. */
    public boolean startRewrite() throws IOException {
        return rewrite.start();
    }

    /** How the background rewrite reaches back into the file it replaces. */
    private final class RewriteOwner implements AofRewrite.Owner {
        @Override
        public Path path() {
            return AppendOnlyFile.this.path();
        }

        @Override
        public void writePending() {
            AppendOnlyFile.this.writePending();
        }

        @Override
        public void rewritten(Path file) throws IOException {
            if (state == State.OFF) return;
            switchTo(file);
            if (state == State.REWRITING) log.info("Append only file switched on");
            state = State.ON;
            releaseWaiters();
        }

        @Override
        public void rewriteFailed() {
            if (state == State.REWRITING) loop.get().schedule(AppendOnlyFile.this::retryTurnOn, 5000);
        }

        @Override
        public boolean incrementalFsync() {
            return config.getBool("aof-rewrite-incremental-fsync");
        }
    }

    private void retryTurnOn() {
        if (state != State.REWRITING || rewrite.inProgress()) return;
        try {
            startRewrite();
        } catch (IOException e) {
            log.warn("Cannot start the AOF rewrite: {}", e.getMessage());
            loop.get().schedule(this::retryTurnOn, 5000);
        }
    }

    /**
     * Writes the whole node, queue states included, to the file at once
     * (SHUTDOWN REWRITE-AOF: a controlled restart can then restore queues
     * exactly). Blocks the server, which is about to stop anyway.
     */
    public void rewriteNow() throws IOException {
        rewrite.abort();
        writePending();
        Path target = path();
        rewrite.writeNow(target);
        if (state == State.ON && channel != null) switchTo(target);
    }

    /** After DEBUG FLUSHALL: a rewrite of the (now empty) node, restarted if one was running. */
    public void rewriteAfterFlush() throws IOException {
        if (state == State.OFF) return;
        rewrite.abort();
        startRewrite();
    }

    /** Starts a rewrite when the file grew enough since the last one (cron). */
    public void maybeAutoRewrite() {
        if (state != State.ON || rewrite.inProgress()) {
            if (state == State.ON && lastWriteError != null) writePending();
            return;
        }
        if (lastWriteError != null) writePending();
        long pct = config.getLong("auto-aof-rewrite-percentage");
        long min = config.getLong("auto-aof-rewrite-min-size");
        if (pct <= 0 || currentSize < min) return;
        long base = Math.max(1, baseSize);
        long growth = (currentSize - base) * 100 / base;
        if (growth >= pct) {
            log.info("Starting automatic rewriting of AOF on {}% growth", growth);
            try {
                startRewrite();
            } catch (IOException e) {
                log.warn("Cannot start the automatic AOF rewrite: {}", e.getMessage());
            }
        }
    }

    /** Writes and forces what is buffered (DEBUG LOADAOF, tests). */
    public void flushAndSync() throws IOException {
        writePending();
        if (channel != null) channel.force(true);
        fsync.syncedUpTo(writtenSeq);
        releaseWaiters();
    }
}
