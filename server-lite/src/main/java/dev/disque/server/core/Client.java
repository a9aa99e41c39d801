/*
 * Client: a connected client as the state machine sees it.
 *
 * It carries the per-connection state commands care about (authentication,
 * name, what it is blocked on) and the reply buffer: commands write replies
 * straight into it, and the connection sends it when a batch of pipelined
 * requests is done, so a -P16 burst costs one write, not sixteen.
 */
package dev.disque.server.core;

import dev.disque.server.net.Resp;
import io.netty.buffer.ByteBuf;

public final class Client implements HeldReply {
    private final long id;
    private final ClientChannel channel;
    private final long createdMillis;
    private ByteBuf out;
    private String name = "";
    private boolean authenticated;
    private long lastInteractionMillis;
    private String lastCommand = "NULL";
    private boolean closeAfterReply;
    private boolean closed;
    private Blocked blocked;
    private OutputGate gate;
    private long durableSeq;

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

    /** Sets who may hold this client's replies back (the append-only file). */
    public void setGate(OutputGate gate) { this.gate = gate; }

    /** Replies may not be sent before the append-only file is durable up to this sequence. */
    @Override
    public long durableSeq() { return durableSeq; }
    public void requireDurable(long seq) { if (seq > durableSeq) durableSeq = seq; }

    /** The reply buffer, created on first use. */
    public ByteBuf out() {
        if (out == null) out = channel.alloc().ioBuffer(256);
        return out;
    }

    public int pendingOutput() {
        return out == null ? 0 : out.readableBytes();
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
        if (closeAfterReply && !closed && (gate == null || gate.mayReply(this))) {
            closed = true;
            channel.close();
        }
    }

    /** Drops unsent replies (the connection is gone). */
    public void discardOutput() {
        if (out != null) {
            out.release();
            out = null;
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
