/*
 * CommandCounter: counts the commands in a stream of request bytes, by the
 * server's own rules, so --pipe knows how many replies to wait for without
 * a marker command (Disque has no ECHO). A request starting with '*' is a
 * RESP multibulk (a count <= 0 gets no reply); anything else is an inline
 * line, which gets no reply when it has no non-empty argument.
 *
 * It can also copy the stream as it reads it, ending every inline line with
 * CRLF: the original server's inline parser assumes CRLF and, given lines
 * ending in a bare LF, eats the first byte of the next pipelined command.
 */
package dev.disque.cli.modes;

import dev.disque.cli.ArgSplitter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

public final class CommandCounter {
    private enum State { START, INLINE, COUNT, BULK_HEADER, BULK_BODY }

    private State state = State.START;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long argsLeft;
    private long bodyLeft;
    private long total;
    /** The last byte of the inline line being copied, or -1 at its start. */
    private int lastInlineByte = -1;

    /** Feeds bytes; returns how many commands they completed. */
    public long feed(byte[] b, int off, int len) {
        return feed(b, off, len, null);
    }

    /**
     * Feeds bytes and copies them to out (if not null) as they should be
     * sent: unchanged, except that an inline line ending in LF alone ends
     * in CRLF. Returns how many commands they completed.
     */
    public long feed(byte[] b, int off, int len, ByteArrayOutputStream out) {
        long before = total;
        int end = off + len;
        int p = off;
        while (p < end) {
            switch (state) {
                case START:
                    state = b[p] == '*' ? State.COUNT : State.INLINE;
                    line.reset();
                    lastInlineByte = -1;
                    if (state == State.COUNT) {
                        if (out != null) out.write(b[p]);
                        p++;
                    }
                    break;
                case INLINE:
                case COUNT:
                case BULK_HEADER: {
                    int nl = p;
                    while (nl < end && b[nl] != '\n') nl++;
                    line.write(b, p, nl - p);
                    if (out != null) out.write(b, p, nl - p);
                    if (state == State.INLINE && nl > p) lastInlineByte = b[nl - 1];
                    if (nl == end) return total - before;
                    if (out != null) {
                        if (state == State.INLINE && lastInlineByte != '\r') out.write('\r');
                        out.write('\n');
                    }
                    p = nl + 1;
                    lineDone();
                    break;
                }
                case BULK_BODY: {
                    long n = Math.min(bodyLeft, end - p);
                    if (out != null) out.write(b, p, (int) n);
                    p += (int) n;
                    bodyLeft -= n;
                    if (bodyLeft == 0) {
                        if (--argsLeft == 0) {
                            total++;
                            state = State.START;
                        } else {
                            state = State.BULK_HEADER;
                            line.reset();
                        }
                    }
                    break;
                }
                default:
                    throw new IllegalStateException();
            }
        }
        return total - before;
    }

    private void lineDone() {
        byte[] l = line.toByteArray();
        int n = l.length;
        if (n > 0 && l[n - 1] == '\r') n--;
        line.reset();
        switch (state) {
            case INLINE: {
                List<byte[]> args = ArgSplitter.split(l, 0, n);
                // Unbalanced quotes get an error reply; empty arguments are dropped by the server.
                if (args == null || args.stream().anyMatch(a -> a.length > 0)) total++;
                state = State.START;
                break;
            }
            case COUNT: {
                long count = parse(l, n);
                if (count == Long.MIN_VALUE) {
                    total++; // protocol error reply
                    state = State.START;
                } else if (count <= 0) {
                    state = State.START;
                } else {
                    argsLeft = count;
                    state = State.BULK_HEADER;
                }
                break;
            }
            case BULK_HEADER: {
                long size = n > 1 && l[0] == '$' ? parse(l, n, 1) : Long.MIN_VALUE;
                if (size == Long.MIN_VALUE || size < 0) {
                    total++; // protocol error reply
                    state = State.START;
                } else {
                    bodyLeft = size + 2;
                    state = State.BULK_BODY;
                }
                break;
            }
            default:
                throw new IllegalStateException();
        }
    }

    private static long parse(byte[] l, int n) {
        return parse(l, n, 0);
    }

    private static long parse(byte[] l, int n, int from) {
        try {
            return Long.parseLong(new String(l, from, n - from, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    /** Commands completed so far. */
    public long total() {
        return total;
    }

    /** True when the input ended inside an inline line (it needs a newline to be run). */
    public boolean pendingInline() {
        return state == State.INLINE;
    }

    /** True when the input ended inside a RESP request, which the server would wait for forever. */
    public boolean pendingMultibulk() {
        return state == State.COUNT || state == State.BULK_HEADER || state == State.BULK_BODY;
    }
}
