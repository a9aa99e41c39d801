/*
 * Resp: writes RESP2 replies straight into an output buffer.
 *
 * Replies are encoded exactly as Redis encodes them, byte for byte, because
 * existing clients parse them. Numbers are written digit by digit into the
 * buffer so that the hot path (ADDJOB, GETJOB) allocates nothing per reply.
 */
package dev.disque.server.net;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

public final class Resp {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);

    private Resp() {
    }

    public static void ok(ByteBuf out) {
        out.writeBytes(OK);
    }

    public static void status(ByteBuf out, CharSequence s) {
        out.writeByte('+');
        out.writeCharSequence(s, StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    public static void status(ByteBuf out, byte[] s) {
        out.writeByte('+');
        out.writeBytes(s);
        out.writeBytes(CRLF);
    }

    /** An error line; the message must already start with its code (ERR, NOJOB ...). */
    public static void error(ByteBuf out, CharSequence codeAndMessage) {
        out.writeByte('-');
        out.writeCharSequence(sanitize(codeAndMessage), StandardCharsets.UTF_8);
        out.writeBytes(CRLF);
    }

    /** Error and status lines must not contain line breaks; Redis replaces them with spaces. */
    private static CharSequence sanitize(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') return s.toString().replace('\r', ' ').replace('\n', ' ');
        }
        return s;
    }

    public static void integer(ByteBuf out, long v) {
        out.writeByte(':');
        writeDecimal(out, v);
        out.writeBytes(CRLF);
    }

    public static void arrayHeader(ByteBuf out, long n) {
        out.writeByte('*');
        writeDecimal(out, n);
        out.writeBytes(CRLF);
    }

    public static void bulk(ByteBuf out, byte[] b) {
        if (b == null) {
            out.writeBytes(NULL_BULK);
            return;
        }
        bulk(out, b, 0, b.length);
    }

    public static void bulk(ByteBuf out, byte[] b, int off, int len) {
        out.writeByte('$');
        writeDecimal(out, len);
        out.writeBytes(CRLF);
        out.writeBytes(b, off, len);
        out.writeBytes(CRLF);
    }

    public static void bulk(ByteBuf out, String s) {
        if (s == null) {
            out.writeBytes(NULL_BULK);
            return;
        }
        bulk(out, s.getBytes(StandardCharsets.UTF_8));
    }

    public static void nullBulk(ByteBuf out) {
        out.writeBytes(NULL_BULK);
    }

    public static void nullArray(ByteBuf out) {
        out.writeBytes(NULL_ARRAY);
    }

    public static void writeDecimal(ByteBuf out, long v) {
        if (v == Long.MIN_VALUE) {
            out.writeCharSequence("-9223372036854775808", StandardCharsets.US_ASCII);
            return;
        }
        if (v < 0) {
            out.writeByte('-');
            v = -v;
        }
        if (v < 10) {
            out.writeByte('0' + (int) v);
            return;
        }
        int digits = 1;
        for (long x = v / 10; x > 0; x /= 10) digits++;
        out.ensureWritable(digits);
        int start = out.writerIndex();
        for (int i = start + digits - 1; i >= start; i--) {
            out.setByte(i, '0' + (int) (v % 10));
            v /= 10;
        }
        out.writerIndex(start + digits);
    }
}
