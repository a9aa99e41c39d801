/*
 * Args: reading command arguments the way the original does, with the
 * original's error texts: strict base-10 integers, case-insensitive option
 * names, job IDs validated all at once before any is acted upon.
 */
package dev.disque.server.command;

import dev.disque.server.core.ByteString;
import dev.disque.server.job.JobId;
import java.nio.charset.StandardCharsets;

public final class Args {
    private Args() {
    }

    public static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    public static boolean is(byte[] arg, String word) {
        return ByteString.equalsIgnoreCase(arg, word);
    }

    /**
     * Parses a signed 64-bit decimal the way the original's strtoll-based
     * reader does: an optional sign, then digits; the empty string is 0.
     * Returns null for anything else (spaces, garbage, overflow).
     */
    public static Long parseLong(byte[] b) {
        int n = b.length;
        if (n == 0) return 0L;
        int i = 0;
        boolean neg = b[0] == '-';
        if (neg || b[0] == '+') {
            if (n == 1) return null;
            i = 1;
        }
        // Accumulate negatively, as Long.parseLong does, so MIN_VALUE parses too.
        long limit = neg ? Long.MIN_VALUE : -Long.MAX_VALUE;
        long multmin = limit / 10;
        long result = 0;
        for (; i < n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || result < multmin) return null;
            result *= 10;
            if (result < limit + d) return null;
            result -= d;
        }
        return neg ? result : -result;
    }

    public static long longOrError(byte[] b, String error) {
        Long v = parseLong(b);
        if (v == null) throw new CommandError(error);
        return v;
    }

    public static long longArg(byte[] b) {
        return longOrError(b, CommandError.NOT_INTEGER);
    }

    /** A millisecond timeout: 0 means none; the original's texts on failure. */
    public static long timeoutMillis(byte[] b) {
        Long v = parseLong(b);
        if (v == null) throw new CommandError("ERR timeout is not an integer or out of range");
        if (v < 0) throw new CommandError("ERR timeout is negative");
        return v;
    }

    /**
     * An unsigned scan cursor, read like the original's strtoul: an optional
     * sign (a minus negates modulo 2^64), then digits; the empty string is 0.
     */
    public static long cursor(byte[] b) {
        int n = b.length;
        int i = 0;
        boolean neg = n > 0 && b[0] == '-';
        if (n > 0 && (neg || b[0] == '+')) {
            if (n == 1) throw new CommandError("ERR invalid cursor or option name");
            i = 1;
        }
        long v = 0;
        for (; i < n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
                throw new CommandError("ERR invalid cursor or option name");
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    /** Fails with BADID unless every argument from index from on is a well-formed job ID. */
    public static void checkJobIds(byte[][] argv, int from) {
        for (int i = from; i < argv.length; i++) {
            if (!JobId.isWellFormed(argv[i])) throw new CommandError("BADID Invalid Job ID format.");
        }
    }

    /** Validates every ID first, so a bad one aborts the command before anything happens. */
    public static JobId[] jobIds(byte[][] argv, int from) {
        JobId[] ids = new JobId[argv.length - from];
        for (int i = from; i < argv.length; i++) {
            JobId id = JobId.parse(argv[i]);
            if (id == null) throw new CommandError("BADID Invalid Job ID format.");
            ids[i - from] = id;
        }
        return ids;
    }
}
