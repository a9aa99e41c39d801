/*
 * Client: a connected client as the state machine sees it.
 *
 * It carries the per-connection state commands care about (authentication,
 * name, what it is blocked on) and the reply buffer: commands write replies
 * straight into it, and the connection sends it when a batch of pipelined
 * requests is done, so a -P16 burst costs one write, not sixteen. A reply
 * that comes later (an ADDJOB waiting for copies) keeps its place in that
 * stream (LateReply), and what is written after it waits behind it.
 */
package dev.disque.server.core;

import dev.disque.server.net.Resp;
import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.List;

public final class Client implements HeldReply {
    private final long id;
    private final ClientChannel channel;
    private final long createdMillis;
    private ByteBuf out;
    /** Places kept for replies not written yet, in request order; created on first use. */
    private ArrayDeque<LateReply> late;
    private boolean flushScheduled;
    private final Runnable scheduledFlush = () -> {
        flushScheduled = false;
        flush();
    };
    private String name = "";
    private boolean authenticated;
    private long lastInteractionMillis;
    private String lastCommand = "NULL";
    private boolean closeAfterReply;
    private boolean closed;
    private Blocked blocked;
    private OutputGate gate;
    private long durableSeq;
    /** When its unsent replies went over the soft output limit (0: they are not). */
    private long overSoftLimitSince;

    public Client(long id, ClientChannel channel, long nowMillis) {
        this.id = id;
        this.channel = channel;
        this.createdMillis = nowMillis;
        this.lastInteractionMillis = nowMillis;
    }

    public long id() { return id; }
    public ClientChannel channel() { return channel; }
    public long createdMillis() { return createdMillis; }
    public String name() { return name; }
    public void setName(String name) { this.name = name; }
    public boolean authenticated() { return authenticated; }
    public void setAuthenticated(boolean a) { this.authenticated = a; }
    public long lastInteractionMillis() { return lastInteractionMillis; }
    public void touch(long now) { this.lastInteractionMillis = now; }
    public String lastCommand() { return lastCommand; }
    public void setLastCommand(String c) { this.lastCommand = c; }
    public boolean closeAfterReply() { return closeAfterReply; }
    public void setCloseAfterReply() { this.closeAfterReply = true; }
    public boolean isClosed() { return closed; }
    public void markClosed() { this.closed = true; }

    /** What the client waits for (GETJOB, synchronous replication), or null when it is not blocked. */
    public Blocked blocked() { return blocked; }
    public void setBlocked(Blocked b) { this.blocked = b; }
    public boolean isBlocked() { return blocked != null; }

    public long overSoftLimitSince() { return overSoftLimitSince; }
    public void setOverSoftLimitSince(long millis) { overSoftLimitSince = millis; }

    /** Sets who may hold this client's replies back (the append-only file). */
    public void setGate(OutputGate gate) { this.gate = gate; }

    /** Replies may not be sent before the append-only file is durable up to this sequence. */
    @Override
    public long durableSeq() { return durableSeq; }
    public void requireDurable(long seq) { if (seq > durableSeq) durableSeq = seq; }

    /** Where the next reply goes: the reply buffer, or behind the last place kept for a late reply. */
    public ByteBuf out() {
        if (awaitsLateReply()) {
            LateReply last = late.peekLast();
            if (last.after == null) last.after = newBuffer();
            return last.after;
        }
        if (out == null) out = newBuffer();
        return out;
    }

    private ByteBuf newBuffer() {
        return channel.alloc().ioBuffer(256);
    }

    /** Keeps a place for a reply that owner writes later; the replies written meanwhile wait behind it. */
    public LateReply keepPlace(Object owner) {
        if (late == null) late = new ArrayDeque<>(4);
        LateReply r = new LateReply(owner);
        late.addLast(r);
        return r;
    }

    /**
     * The places still held, oldest first: every unfilled one, and the filled
     * ones waiting behind an unfilled one. Filling a place while walking them
     * changes them: copy first.
     */
    public Iterable<LateReply> lateReplies() {
        return late == null ? List.of() : late;
    }

    /** How many places are held (see lateReplies). */
    public int lateReplyCount() {
        return late == null ? 0 : late.size();
    }

    /** Where the late reply of this place is written; call {@link #filled} when it is complete. */
    public ByteBuf out(LateReply r) {
        if (r.reply == null) r.reply = newBuffer();
        return r.reply;
    }

    /** The place's reply is written: it and everything behind it may go once no earlier place is empty. */
    public void filled(LateReply r) {
        r.filled = true;
        while (!late.isEmpty() && late.peekFirst().filled) {
            LateReply first = late.pollFirst();
            append(first.reply);
            append(first.after);
        }
    }

    /** True while a reply of this client is still to come (its later replies wait behind it). */
    public boolean awaitsLateReply() {
        return late != null && !late.isEmpty();
    }

    private void append(ByteBuf b) {
        if (b == null) return;
        if (out == null) {
            out = b;
        } else {
            out.writeBytes(b);
            b.release();
        }
    }

    public int pendingOutput() {
        int n = out == null ? 0 : out.readableBytes();
        // Asked before every request the connection runs: walk the places only when there are some.
        if (awaitsLateReply()) for (LateReply r : late) n += r.bytes();
        return n;
    }

    /** Sends whatever replies were written, then closes if a reply asked for it. */
    @Override
    public void flush() {
        if (out != null && !closed) {
            if (gate != null && !gate.mayReply(this)) return;
            ByteBuf b = out;
            out = null;
            if (b.isReadable()) channel.send(b);
            else b.release();
        }
        // A reply still to come must reach the client before the connection closes.
        if (closeAfterReply && !closed && !awaitsLateReply() && (gate == null || gate.mayReply(this))) {
            closed = true;
            channel.close();
        }
    }

    /**
     * Sends the replies written so far once the current loop turn's work is
     * done, so that several late replies finished in one turn (the copies of
     * a pipeline of ADDJOBs confirmed by one batch of bus messages) leave in
     * one write.
     */
    public void flushSoon() {
        if (flushScheduled) return;
        flushScheduled = true;
        channel.runLater(scheduledFlush);
    }

    /** Drops unsent replies (the connection is gone). */
    public void discardOutput() {
        if (out != null) {
            out.release();
            out = null;
        }
        if (late != null) {
            for (LateReply r : late) r.release();
            late.clear();
        }
    }

    // Reply helpers: thin names over Resp, used by every command.
    public void ok() { Resp.ok(out()); }
    public void status(String s) { Resp.status(out(), s); }
    public void error(String codeAndMessage) { Resp.error(out(), codeAndMessage); }
    public void integer(long v) { Resp.integer(out(), v); }
    public void bulk(byte[] b) { Resp.bulk(out(), b); }
    public void bulk(String s) { Resp.bulk(out(), s); }
    public void nullBulk() { Resp.nullBulk(out()); }
    public void nullArray() { Resp.nullArray(out()); }
    public void arrayHeader(long n) { Resp.arrayHeader(out(), n); }

    @Override
    public String toString() {
        return "client " + id + " " + channel.remoteAddress();
    }
}
