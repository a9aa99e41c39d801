/*
 * RespParser: turns the bytes a client sends into commands.
 *
 * Accepts RESP multibulk requests and inline commands ("PING\r\n" typed
 * into telnet), with Redis's limits and error texts. It is resumable: a
 * request split over many reads (a 100 MB job body) is consumed argument by
 * argument as it arrives, so nothing is re-parsed and a huge multibulk
 * header does not allocate its whole argument array up front.
 */
package dev.disque.server.net;

import dev.disque.server.core.ArgSplitter;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

public final class RespParser {
    /** Longest inline command, or multibulk/bulk header line, without a newline. */
    public static final int MAX_INLINE = 64 * 1024;
    /** Most arguments in one multibulk request. */
    public static final int MAX_MULTIBULK = 1024 * 1024;
    /** Heap cost of one slot of the argument array, and of one argument's array header. */
    private static final int SLOT_BYTES = 8;
    private static final int ARG_OVERHEAD = 16;

    private final LongSupplier maxBulk;
    private byte[][] argv;
    private int argc;
    private int expected;
    private long bulkLen = -1;
    /** Bytes of the arguments already read of the unfinished request: they count against the client's limits. */
    private long heldBytes;

    public RespParser(LongSupplier maxBulk) {
        this.maxBulk = maxBulk;
    }

    /** True when a request has been started but not completed. */
    public boolean midRequest() {
        return argv != null;
    }

    /**
     * Memory held for the request being read (its complete arguments), which
     * is no longer in the input buffer. Without counting it, a request of
     * many complete arguments that never ends escapes every limit.
     */
    public long heldBytes() {
        return heldBytes;
    }

    /** Forgets the unfinished request (its client is being dropped). */
    public void reset() {
        argv = null;
        argc = 0;
        heldBytes = 0;
        bulkLen = -1;
    }

    /** The next complete command, or null when more bytes are needed. */
    public byte[][] next(ByteBuf in) throws ProtocolException {
        while (true) {
            if (argv == null) {
                if (!in.isReadable()) return null;
                if (in.getByte(in.readerIndex()) == '*') {
                    long n = readLength(in, "too big mbulk count string");
                    if (n == Long.MIN_VALUE) return null;
                    if (n > MAX_MULTIBULK) throw new ProtocolException("invalid multibulk length");
                    if (n <= 0) continue;
                    expected = (int) n;
                    argv = new byte[Math.min(expected, 1024)][];
                    argc = 0;
                    bulkLen = -1;
                    heldBytes = (long) argv.length * SLOT_BYTES;
                } else {
                    byte[][] inline = readInline(in);
                    if (inline == null) return null;
                    if (inline.length == 0) continue;
                    return inline;
                }
            }
            while (argc < expected) {
                if (bulkLen < 0) {
                    if (!in.isReadable()) return null;
                    byte first = in.getByte(in.readerIndex());
                    if (first != '$') {
                        throw new ProtocolException("expected '$', got '" + (char) (first & 0xff) + "'");
                    }
                    long n = readLength(in, "too big bulk count string");
                    if (n == Long.MIN_VALUE) return null;
                    if (n < 0 || n > maxBulk.getAsLong()) throw new ProtocolException("invalid bulk length");
                    bulkLen = n;
                }
                if (in.readableBytes() < bulkLen + 2) return null;
                byte[] arg = new byte[(int) bulkLen];
                in.readBytes(arg);
                in.skipBytes(2);
                if (argc == argv.length) {
                    int grown = Math.min(expected, argv.length * 2);
                    heldBytes += (long) (grown - argv.length) * SLOT_BYTES;
                    argv = Arrays.copyOf(argv, grown);
                }
                argv[argc++] = arg;
                heldBytes += arg.length + ARG_OVERHEAD;
                bulkLen = -1;
            }
            byte[][] done = argv.length == argc ? argv : Arrays.copyOf(argv, argc);
            argv = null;
            heldBytes = 0;
            return done;
        }
    }

    /**
     * Reads "*<n>\r\n" or "$<n>\r\n" at the reader index; returns
     * Long.MIN_VALUE when the line is not complete yet.
     */
    private static long readLength(ByteBuf in, String tooBig) throws ProtocolException {
        int start = in.readerIndex();
        int cr = in.indexOf(start, in.writerIndex(), (byte) '\r');
        if (cr < 0 || cr + 1 >= in.writerIndex()) {
            if (in.readableBytes() > MAX_INLINE) throw new ProtocolException(tooBig);
            return Long.MIN_VALUE;
        }
        long v = parseInteger(in, start + 1, cr,
                in.getByte(start) == '*' ? "invalid multibulk length" : "invalid bulk length");
        in.readerIndex(cr + 2);
        // Long.MIN_VALUE means "incomplete" to the caller; as a length it is just negative.
        return v == Long.MIN_VALUE ? v + 1 : v;
    }

    /**
     * A strict base-10 integer in [from, to), as the original reads lengths:
     * an optional '-', no leading zeros ("0" alone is fine, "-0" is not), no
     * other characters, and it must fit in a long.
     */
    private static long parseInteger(ByteBuf in, int from, int to, String invalid) throws ProtocolException {
        int i = from;
        boolean neg = i < to && in.getByte(i) == '-';
        if (neg) i++;
        if (i >= to) throw new ProtocolException(invalid);
        if (in.getByte(i) == '0') {
            if (neg || i + 1 != to) throw new ProtocolException(invalid);
            return 0;
        }
        long v = 0; // accumulated as a negative number, to reach the full range
        for (; i < to; i++) {
            int d = in.getByte(i) - '0';
            if (d < 0 || d > 9 || v < (Long.MIN_VALUE + d) / 10) throw new ProtocolException(invalid);
            v = v * 10 - d;
        }
        if (neg) return v;
        if (v == Long.MIN_VALUE) throw new ProtocolException(invalid);
        return -v;
    }

    private static final byte[][] EMPTY = new byte[0][];

    private static byte[][] readInline(ByteBuf in) throws ProtocolException {
        int start = in.readerIndex();
        int nl = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (nl < 0) {
            if (in.readableBytes() > MAX_INLINE) throw new ProtocolException("too big inline request");
            return null;
        }
        int end = nl;
        if (end > start && in.getByte(end - 1) == '\r') end--;
        byte[] line = new byte[end - start];
        in.getBytes(start, line);
        in.readerIndex(nl + 1);
        List<byte[]> args = ArgSplitter.split(line, 0, line.length);
        if (args == null) throw new ProtocolException("unbalanced quotes in request");
        // As in the original, an empty inline argument ("" or '') is not an argument at all.
        args.removeIf(a -> a.length == 0);
        if (args.isEmpty()) return EMPTY;
        return args.toArray(new byte[0][]);
    }
}
