/*
 * CronExpression: the five-field cron syntax (minute, hour, day of month,
 * month, day of week) that crontab(5) users know, for recurring tasks.
 *
 * Each field is a list of `*`, `n`, `a-b`, with an optional `/step`;
 * months and days of week also take their three-letter English names, and
 * day of week 7 is Sunday like 0. As in cron, when both day fields are
 * restricted a day matches either of them. The shorthands @yearly
 * (@annually), @monthly, @weekly, @daily (@midnight) and @hourly are
 * accepted.
 *
 * next() walks forward a month, a day, an hour or a minute at a time,
 * skipping whatever does not match, so it takes a few hundred steps at
 * most; it works on wall-clock time in the schedule's zone, and a time
 * that a daylight-saving change skips runs at the first instant after the
 * gap.
 */
package dev.disque.tasque;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A parsed five-field cron expression, e.g. {@code "30 9-17 * * MON-FRI"}. Immutable. */
public final class CronExpression {
    private static final String[] MONTHS = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAYS = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final Map<String, String> SHORTHANDS = Map.of("@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    /** Long enough for any expression that can match at all (Feb 29 on a given weekday repeats within 28 years). */
    private static final int MAX_YEARS = 30;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private CronExpression(String text) {
        this.text = text;
        String expanded = SHORTHANDS.getOrDefault(text.toLowerCase(Locale.ROOT), text);
        String[] f = expanded.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day-of-month month "
                    + "day-of-week), got " + f.length + " in '" + text + "'");
        }
        minutes = field(f[0], 0, 59, null, "minute");
        hours = field(f[1], 0, 23, null, "hour");
        daysOfMonth = field(f[2], 1, 31, null, "day of month");
        months = field(f[3], 1, 12, MONTHS, "month");
        BitSet dow = field(f[4], 0, 7, DAYS, "day of week");
        if (dow.get(7)) dow.set(0);
        dow.clear(7);
        daysOfWeek = dow;
        anyDayOfMonth = f[2].startsWith("*");
        anyDayOfWeek = f[4].startsWith("*");
    }

    /**
     * @param expression five fields, or a shorthand such as {@code @daily}
     * @return the parsed expression
     * @throws IllegalArgumentException if it is not valid
     */
    public static CronExpression parse(String expression) {
        return new CronExpression(Objects.requireNonNull(expression, "expression").trim());
    }

    /**
     * @param after a time
     * @param zone the zone whose wall clock the fields are read in
     * @return the first matching minute strictly after it
     * @throws IllegalStateException if nothing matches within 30 years (e.g. February 30)
     */
    public Instant next(Instant after, ZoneId zone) {
        LocalDateTime t = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = t.plusYears(MAX_YEARS);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                Instant at = t.atZone(zone).toInstant();
                // A wall-clock time repeated by a daylight-saving change may map to an instant not after `after`.
                if (at.isAfter(after)) return at;
                t = t.plusMinutes(1);
            }
        }
        throw new IllegalStateException("the cron expression '" + text + "' never matches");
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (anyDayOfMonth && anyDayOfWeek) return true;
        if (anyDayOfMonth) return dow;
        if (anyDayOfWeek) return dom;
        return dom || dow;
    }

    private static BitSet field(String spec, int min, int max, String[] names, String what) {
        BitSet bits = new BitSet(max + 1);
        for (String part : spec.split(",", -1)) {
            try {
                int step = 1;
                String range = part;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    step = Integer.parseInt(part.substring(slash + 1));
                    if (step < 1) throw new IllegalArgumentException("step must be positive");
                    range = part.substring(0, slash);
                }
                int lo;
                int hi;
                if (range.equals("*")) {
                    lo = min;
                    hi = max;
                } else {
                    int dash = range.indexOf('-');
                    lo = value(dash < 0 ? range : range.substring(0, dash), names, min);
                    hi = dash < 0 ? (slash >= 0 ? max : lo) : value(range.substring(dash + 1), names, min);
                }
                if (lo < min || hi > max || lo > hi) {
                    throw new IllegalArgumentException("out of range " + min + "-" + max);
                }
                for (int v = lo; v <= hi; v += step) bits.set(v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad " + what + " field '" + spec + "' (" + e.getMessage() + ")", e);
            }
        }
        return bits;
    }

    private static int value(String s, String[] names, int offset) {
        if (names != null) {
            for (int i = 0; i < names.length; i++) {
                if (names[i].equalsIgnoreCase(s)) return i + offset;
            }
        }
        return Integer.parseInt(s);
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
