/*
 * Args: reading command arguments the way the original does, with the
 * original's error texts: strict base-10 integers, case-insensitive option
 * names, job IDs validated all at once before any is acted upon.
 */
package dev.disque.server.command;

import dev.disque.server.job.JobId;
import java.nio.charset.StandardCharsets;

public final class Args {
    private Args() {
    }

    public static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    public static boolean is(byte[] arg, String word) {
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

    /** Parses a signed 64-bit decimal; null if it is not exactly one (no spaces, no '+'). */
    public static Long parseLong(byte[] b) {
        int n = b.length;
        if (n == 0 || n > 20) return null;
        int i = 0;
        boolean neg = b[0] == '-';
        if (neg) {
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

    /** An unsigned scan cursor. */
    public static long cursor(byte[] b) {
        if (b.length == 0 || b.length > 20) throw new CommandError("ERR invalid cursor or option name");
        for (byte x : b) if (x < '0' || x > '9') throw new CommandError("ERR invalid cursor or option name");
        try {
            return Long.parseUnsignedLong(str(b));
        } catch (NumberFormatException e) {
            throw new CommandError("ERR invalid cursor or option name");
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
