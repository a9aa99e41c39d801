/*
 * JobId: the 40-character identity of a job, held packed.
 *
 * The text form is the original's: "D-" + 8 hex chars of the creating node's
 * ID + "-" + 24 base64 chars (144 pseudo-random bits) + "-" + 4 hex chars of
 * the TTL in minutes, odd for at-least-once jobs and even for at-most-once
 * ones. Every job and every dummy ack is keyed by its ID, so the ID is stored
 * as numbers (40 bytes on the heap) rather than as a 40-char string (80),
 * and printed only when replying. A Job keeps the same numbers in its own
 * fields and builds a JobId when asked for one.
 *
 * Parsing is strict: lowercase hex and the standard base64 alphabet only, so
 * every accepted ID round-trips to exactly the bytes the client sent.
 */
package dev.disque.server.job;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.charset.StandardCharsets;

public final class JobId implements Comparable<JobId> {
    public static final int LENGTH = 40;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] B64 =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] B64_VALUE = new byte[256];

    static {
        java.util.Arrays.fill(B64_VALUE, (byte) -1);
        for (int i = 0; i < B64.length; i++) B64_VALUE[B64[i]] = (byte) i;
    }

    private final int node;     // 8 hex chars of the node ID
    private final long high;    // random bits 0..63
    private final long mid;     // random bits 64..127
    private final short low;    // random bits 128..143
    private final short ttl;    // TTL in minutes, parity tells the retry kind

    JobId(int node, long high, long mid, short low, int ttlMinutes) {
        this.node = node;
        this.high = high;
        this.mid = mid;
        this.low = low;
        this.ttl = (short) ttlMinutes;
    }

    /** Parses an ID, or returns null when it is not a well-formed job ID. */
    public static JobId parse(byte[] s) {
        Probe p = new Probe();
        return p.read(s) ? p.toId() : null;
    }

    /** True when s is a well-formed job ID. */
    public static boolean isWellFormed(byte[] s) {
        return new Probe().read(s);
    }

    public static JobId parse(String s) {
        return parse(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static long hex(byte[] s, int off, int len) {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int c = s[i];
            int d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else return -1;
            v = (v << 4) | d;
        }
        return v;
    }

    /** The TTL field in minutes as encoded in the ID. */
    public int ttlMinutes() {
        return ttl & 0xffff;
    }

    /** True when the ID says the job may be re-queued (RETRY > 0): its TTL field is odd. */
    public boolean isAtLeastOnce() {
        return (ttl & 1) == 1;
    }

    // The numbers, for a Job that keeps them unpacked.
    long high() {
        return high;
    }

    long mid() {
        return mid;
    }

    short low() {
        return low;
    }

    /** True if this ID has these numbers. */
    boolean is(int node, long high, long mid, short low, short ttl) {
        return this.high == high && this.mid == mid && this.low == low && this.node == node && this.ttl == ttl;
    }

    /** The 8-hex-char prefix of the node that created the job. */
    public int nodePrefix() {
        return node;
    }

    public byte[] toBytes() {
        byte[] out = new byte[LENGTH];
        encode(out, 0);
        return out;
    }

    /** Writes the 40 characters of the ID into out at off. */
    public void encode(byte[] out, int off) {
        out[off] = 'D';
        out[off + 1] = '-';
        putHex(out, off + 2, node & 0xffffffffL, 8);
        out[off + 10] = '-';
        putBase64(out, off + 11, high >>> 16);
        putBase64(out, off + 19, ((high & 0xffffL) << 32) | (mid >>> 32));
        putBase64(out, off + 27, ((mid & 0xffffffffL) << 16) | (low & 0xffffL));
        out[off + 35] = '-';
        putHex(out, off + 36, ttl & 0xffffL, 4);
    }

    /** Writes the 48 low bits of chunk as 8 base64 chars, most significant first. */
    private static void putBase64(byte[] out, int off, long chunk) {
        for (int i = 0; i < 8; i++) out[off + i] = B64[(int) (chunk >>> (42 - 6 * i)) & 63];
    }

    private static void putHex(byte[] out, int off, long v, int len) {
        for (int i = off + len - 1; i >= off; i--) {
            out[i] = HEX[(int) (v & 0xf)];
            v >>>= 4;
        }
    }

    /**
     * Every job reply and bus message writes IDs, and every bus message about
     * a job reads one; a per-thread scratch array keeps that from allocating
     * 56 bytes of garbage per ID (a GETJOB COUNT 16 reply would otherwise add
     * ~900 bytes to the next young collection).
     */
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[LENGTH];
        }
    };

    public void writeTo(ByteBuf buf) {
        byte[] s = SCRATCH.get();
        encode(s, 0);
        buf.writeBytes(s);
    }

    /** Bytes of the packed form the cluster bus carries (see writePacked). */
    public static final int PACKED_LENGTH = 24;

    /**
     * Writes the ID as its numbers, not its text: every 24-byte value is a
     * valid ID, so a peer reads it back without the hex and base64 checks
     * the text form needs, and a REPLJOB or GOTJOB frame is 16 bytes shorter.
     */
    public void writePacked(ByteBuf buf) {
        buf.writeInt(node).writeLong(high).writeLong(mid).writeShort(low).writeShort(ttl);
    }

    /** Reads an ID written by writePacked (the caller checked its 24 bytes are there). */
    public static JobId readPacked(ByteBuf in) {
        return new JobId(in.readInt(), in.readLong(), in.readLong(), in.readShort(), in.readUnsignedShort());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof JobId)) return false;
        JobId x = (JobId) o;
        return is(x.node, x.high, x.mid, x.low, x.ttl);
    }

    @Override
    public int hashCode() {
        return hash(high, mid);
    }

    static int hash(long high, long mid) {
        return (int) (high ^ (high >>> 32)) ^ (int) mid;
    }

    /**
     * The fields of an ID read from its text into a reusable holder. Clients
     * name jobs by ID in every ACKJOB (16 at a time for a typical worker);
     * looking them up through one probe owned by the event loop, rather than
     * a new JobId per ID, keeps that path from allocating. It matches the
     * job whose ID has the same fields, and hashes like that ID.
     */
    public static final class Probe implements java.util.function.Predicate<Job> {
        private int node;
        private long high;
        private long mid;
        private short low;
        private short ttl;

        /** Reads s; false (and the probe meaningless) when it is not a well-formed ID. */
        public boolean read(byte[] s) {
            if (s.length != LENGTH || s[0] != 'D' || s[1] != '-' || s[10] != '-' || s[35] != '-') return false;
            long n = hex(s, 2, 8);
            long t = hex(s, 36, 4);
            if (n < 0 || t < 0) return false;
            // 24 chars of 6 bits = 144 bits = three 48-bit chunks of 8 chars, split into high, mid, low.
            long c0 = 0, c1 = 0, c2 = 0;
            for (int i = 0; i < 8; i++) {
                int v0 = B64_VALUE[s[11 + i] & 0xff];
                int v1 = B64_VALUE[s[19 + i] & 0xff];
                int v2 = B64_VALUE[s[27 + i] & 0xff];
                if ((v0 | v1 | v2) < 0) return false;
                c0 = (c0 << 6) | v0;
                c1 = (c1 << 6) | v1;
                c2 = (c2 << 6) | v2;
            }
            node = (int) n;
            high = (c0 << 16) | (c1 >>> 32);
            mid = (c1 << 32) | (c2 >>> 16);
            low = (short) (c2 & 0xffff);
            ttl = (short) t;
            return true;
        }

        public int hash() {
            return JobId.hash(high, mid);
        }

        /** True if the job has the ID read. */
        @Override
        public boolean test(Job j) {
            return j.hasId(node, high, mid, low, ttl);
        }

        JobId toId() {
            return new JobId(node, high, mid, low, ttl & 0xffff);
        }
    }

    @Override
    public int compareTo(JobId o) {
        int c = Integer.compareUnsigned(node, o.node);
        if (c != 0) return c;
        c = Long.compareUnsigned(high, o.high);
        if (c != 0) return c;
        c = Long.compareUnsigned(mid, o.mid);
        if (c != 0) return c;
        c = Integer.compare(low & 0xffff, o.low & 0xffff);
        if (c != 0) return c;
        return Integer.compare(ttl & 0xffff, o.ttl & 0xffff);
    }

    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.US_ASCII);
    }
}
