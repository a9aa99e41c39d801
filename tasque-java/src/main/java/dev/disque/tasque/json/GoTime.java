/*
 * GoTime: times as Go's time.Time marshals and unmarshals them in JSON,
 * i.e. RFC 3339 with up to nine fractional digits (trailing zeros
 * trimmed), "Z" for UTC and "+hh:mm" otherwise.
 */
package dev.disque.tasque.json;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** RFC 3339 times in Go's JSON format ({@code time.RFC3339Nano} out, {@code time.RFC3339} in). */
public final class GoTime {
    /** Go's zero time, {@code 0001-01-01T00:00:00Z}: what a Go producer writes for an unset time. */
    public static final OffsetDateTime ZERO = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private GoTime() {
    }

    /**
     * @param t a time
     * @return true if it is Go's zero time (the same instant as {@link #ZERO})
     */
    public static boolean isZero(OffsetDateTime t) {
        return t == null || t.toInstant().equals(ZERO.toInstant());
    }

    /**
     * Formats like Go's {@code t.Format(time.RFC3339Nano)}.
     *
     * @param t a time with a year from 0 to 9999
     * @return e.g. {@code 2015-05-20T10:00:00.5Z} or {@code 2015-05-20T12:00:00+02:00}
     */
    public static String format(OffsetDateTime t) {
        if (t.getOffset().getTotalSeconds() % 60 != 0) t = t.withOffsetSameInstant(ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) throw new IllegalArgumentException("year outside of range [0,9999]: " + year);
        StringBuilder sb = new StringBuilder(35);
        pad(sb, year, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        int nano = t.getNano();
        if (nano != 0) {
            StringBuilder frac = new StringBuilder();
            pad(frac, nano, 9);
            int end = 9;
            while (frac.charAt(end - 1) == '0') end--;
            sb.append('.').append(frac, 0, end);
        }
        int off = t.getOffset().getTotalSeconds();
        if (off == 0) {
            sb.append('Z');
        } else {
            sb.append(off < 0 ? '-' : '+');
            int a = Math.abs(off) / 60;
            pad(sb, a / 60, 2).append(':');
            pad(sb, a % 60, 2);
        }
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) sb.append('0');
        return sb.append(s);
    }

    /**
     * Parses an RFC 3339 time as Go's {@code time.Time.UnmarshalJSON} does: {@code YYYY-MM-DDTHH:MM:SS}, optional
     * fractional seconds (digits beyond nanoseconds are dropped), then {@code Z} or {@code ±hh:mm}.
     *
     * @param s the text (without quotes)
     * @return the time, keeping its offset
     * @throws JsonException if the text is not such a time
     */
    public static OffsetDateTime parse(String s) {
        try {
            if (s.length() < 20) throw bad(s);
            int year = num(s, 0, 4);
            expect(s, 4, '-');
            int month = num(s, 5, 2);
            expect(s, 7, '-');
            int day = num(s, 8, 2);
            expect(s, 10, 'T');
            int hour = num(s, 11, 2);
            expect(s, 13, ':');
            int minute = num(s, 14, 2);
            expect(s, 16, ':');
            int second = num(s, 17, 2);
            int i = 19;
            int nano = 0;
            if (s.charAt(i) == '.') {
                i++;
                int digits = 0;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    if (digits < 9) nano = nano * 10 + (s.charAt(i) - '0');
                    digits++;
                    i++;
                }
                if (digits == 0) throw bad(s);
                for (int k = Math.min(digits, 9); k < 9; k++) nano *= 10;
            }
            if (i >= s.length()) throw bad(s);
            ZoneOffset offset;
            char z = s.charAt(i);
            if (z == 'Z') {
                offset = ZoneOffset.UTC;
                i++;
            } else if (z == '+' || z == '-') {
                if (i + 6 != s.length()) throw bad(s);
                int oh = num(s, i + 1, 2);
                expect(s, i + 3, ':');
                int om = num(s, i + 4, 2);
                if (oh > 23 || om > 59) throw bad(s);
                int total = (oh * 60 + om) * 60;
                offset = ZoneOffset.ofTotalSeconds(z == '-' ? -total : total);
                i += 6;
            } else {
                throw bad(s);
            }
            if (i != s.length()) throw bad(s);
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
        } catch (DateTimeException | StringIndexOutOfBoundsException e) {
            throw bad(s);
        }
    }

    private static JsonException bad(String s) {
        return new JsonException("not an RFC 3339 time: \"" + s + "\"");
    }

    private static int num(String s, int at, int len) {
        int v = 0;
        for (int i = at; i < at + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') throw bad(s);
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void expect(String s, int at, char c) {
        if (s.charAt(at) != c) throw bad(s);
    }
}
