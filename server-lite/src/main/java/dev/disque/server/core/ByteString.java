/*
 * ByteString: an immutable, binary-safe string of bytes with a cached hash.
 *
 * Queue names and other protocol strings are arbitrary bytes, not text, so
 * they cannot be java.lang.String without losing data. Queue names are used
 * as hash keys on every ADDJOB and GETJOB, hence the cached hash.
 */
package dev.disque.server.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

public final class ByteString implements Comparable<ByteString> {
    private final byte[] bytes;
    private int hash;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Wraps the array without copying: the caller must not change it afterwards. */
    public static ByteString wrap(byte[] bytes) {
        return new ByteString(bytes);
    }

    public static ByteString of(String s) {
        return new ByteString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The backing array; callers must treat it as read-only. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof ByteString)) return false;
        ByteString other = (ByteString) o;
        return hashCode() == other.hashCode() && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = hashOf(bytes);
            hash = h;
        }
        return h;
    }

    private static int hashOf(byte[] b) {
        int h = 1;
        for (byte x : b) h = 31 * h + x;
        h ^= (h >>> 16);
        return h == 0 ? 1 : h;
    }

    /** True if the bytes spell word (ASCII), ignoring case: how command and option names are matched. */
    public static boolean equalsIgnoreCase(byte[] arg, String word) {
        int n = word.length();
        if (arg.length != n) return false;
        for (int i = 0; i < n; i++) {
            int a = arg[i];
            if (a >= 'A' && a <= 'Z') a += 32;
            int w = word.charAt(i);
            if (w >= 'A' && w <= 'Z') w += 32;
            if (a != w) return false;
        }
        return true;
    }

    @Override
    public int compareTo(ByteString o) {
        return Arrays.compareUnsigned(bytes, o.bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
