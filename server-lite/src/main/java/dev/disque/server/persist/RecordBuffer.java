/*
 * RecordBuffer: a reusable byte array that AOF records are encoded into.
 *
 * A LOADJOB record is some 25 small RESP pieces. Written one by one into a
 * Netty buffer, each pays bounds and reference checks; written into a
 * plain array and copied once, the whole record costs a fraction of that,
 * which matters because every accepted job is logged.
 */
package dev.disque.server.persist;

import dev.disque.server.job.JobId;
import java.util.Arrays;

final class RecordBuffer {
    private byte[] buf = new byte[1024];
    private int len;

    void reset() {
        len = 0;
    }

    byte[] array() {
        return buf;
    }

    int length() {
        return len;
    }

    private void ensure(int more) {
        if (len + more > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }

    void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void crlf() {
        buf[len++] = '\r';
        buf[len++] = '\n';
    }

    /** $<n>\r\n<bytes>\r\n */
    void bulk(byte[] b) {
        ensure(b.length + 24);
        buf[len++] = '$';
        decimal(b.length);
        crlf();
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        crlf();
    }

    /** A number as a bulk string. */
    void bulkNumber(long v) {
        ensure(48);
        buf[len++] = '$';
        int digits = digits(v);
        decimal(digits);
        crlf();
        decimal(v);
        crlf();
    }

    /** A job ID as a bulk string. */
    void bulkId(JobId id) {
        ensure(JobId.LENGTH + 8);
        buf[len++] = '$';
        buf[len++] = '4';
        buf[len++] = '0';
        crlf();
        id.encode(buf, len);
        len += JobId.LENGTH;
        crlf();
    }

    private static int digits(long v) {
        if (v == Long.MIN_VALUE) return 20;
        int d = v < 0 ? 2 : 1;
        for (long x = Math.abs(v) / 10; x > 0; x /= 10) d++;
        return d;
    }

    private void decimal(long v) {
        if (v == Long.MIN_VALUE) {
            raw("-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return;
        }
        int d = digits(v);
        int end = len + d;
        if (v < 0) {
            buf[len] = '-';
            v = -v;
        }
        int i = end - 1;
        do {
            buf[i--] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        len = end;
    }
}
