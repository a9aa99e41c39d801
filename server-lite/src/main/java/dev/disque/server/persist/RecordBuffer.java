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
        int start = toScratch(v);
        int digits = SCRATCH - start;
        ensure(digits + 8);
        buf[len++] = '$';
        if (digits >= 10) buf[len++] = (byte) ('0' + digits / 10);
        buf[len++] = (byte) ('0' + digits % 10);
        crlf();
        System.arraycopy(scratch, start, buf, len, digits);
        len += digits;
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

    // Decimal conversion two digits at a time, right to left, into a scratch area:
    // job stamps have 19 digits and every job record carries several numbers.
    private static final int SCRATCH = 20;
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    private final byte[] scratch = new byte[SCRATCH];

    /** Writes v's decimal digits at the end of the scratch area; returns where they start. */
    private int toScratch(long v) {
        if (v == Long.MIN_VALUE) {
            byte[] min = "-9223372036854775808".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            System.arraycopy(min, 0, scratch, 0, SCRATCH);
            return 0;
        }
        boolean neg = v < 0;
        if (neg) v = -v;
        int i = SCRATCH;
        while (v >= 100) {
            long q = v / 100;
            int r = (int) (v - q * 100);
            scratch[--i] = PAIRS[2 * r + 1];
            scratch[--i] = PAIRS[2 * r];
            v = q;
        }
        if (v >= 10) {
            scratch[--i] = PAIRS[2 * (int) v + 1];
            scratch[--i] = PAIRS[2 * (int) v];
        } else {
            scratch[--i] = (byte) ('0' + v);
        }
        if (neg) scratch[--i] = '-';
        return i;
    }

    private void decimal(long v) {
        int start = toScratch(v);
        int n = SCRATCH - start;
        ensure(n);
        System.arraycopy(scratch, start, buf, len, n);
        len += n;
    }
}
