/*
 * TopModel: the numbers behind `disque --top`: one row per queue from
 * QSTAT, with jobs in and out per second computed from the counters'
 * change between two samples, sorted by a chosen column.
 */
package dev.disque.cli.modes;

import dev.disque.cli.net.Reply;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

public final class TopModel {
    /** The columns one can sort by, with the key that selects each. */
    public enum Column {
        NAME('n', "QUEUE"), LEN('l', "LEN"), BLOCKED('b', "BLOCKED"), IN('i', "IN/S"), OUT('o', "OUT/S"),
        IMPORT('m', "IMPORT/S"), AGE('a', "AGE");

        public final char key;
        public final String title;

        Column(char key, String title) {
            this.key = key;
            this.title = title;
        }

        public static Column forKey(int key) {
            for (Column c : values()) if (c.key == Character.toLowerCase(key)) return c;
            return null;
        }
    }

    /** One queue's line. Rates are -1 until two samples were seen. */
    public record Row(String name, long len, long blocked, double inRate, double outRate, long importRate,
                      String pause, long age) {
    }

    /** QSTAT's counters of one queue, as sampled. */
    public record Stat(String name, long len, long age, long blocked, long importRate, long jobsIn, long jobsOut,
                       String pause) {
        public static Stat of(Reply qstat) {
            Map<String, Reply> f = new HashMap<>();
            if (qstat instanceof Reply.Multi m) {
                for (int i = 0; i + 1 < m.items().size(); i += 2) f.put(m.items().get(i).asText(), m.items().get(i + 1));
            }
            return new Stat(text(f.get("name")), num(f.get("len")), num(f.get("age")), num(f.get("blocked")),
                    num(f.get("import-rate")), num(f.get("jobs-in")), num(f.get("jobs-out")), text(f.get("pause")));
        }

        private static long num(Reply r) {
            return r instanceof Reply.Int i ? i.value() : 0;
        }

        private static String text(Reply r) {
            String s = r == null ? null : r.asText();
            return s == null ? "" : s;
        }
    }

    private Map<String, Stat> previous = new HashMap<>();
    private long previousNanos;
    private List<Row> rows = List.of();
    private Column sort = Column.LEN;
    private boolean descending = true;

    /** Takes a new sample taken at {@code nanos}. */
    public void update(List<Stat> stats, long nanos) {
        Map<String, Stat> now = new HashMap<>();
        List<Row> r = new ArrayList<>();
        double seconds = previousNanos == 0 ? 0 : (nanos - previousNanos) / 1e9;
        for (Stat s : stats) {
            now.put(s.name(), s);
            Stat p = previous.get(s.name());
            double in = -1;
            double out = -1;
            if (p != null && seconds > 0) {
                in = Math.max(0, s.jobsIn() - p.jobsIn()) / seconds;
                out = Math.max(0, s.jobsOut() - p.jobsOut()) / seconds;
            }
            r.add(new Row(s.name(), s.len(), s.blocked(), in, out, s.importRate(), s.pause(), s.age()));
        }
        previous = now;
        previousNanos = nanos;
        rows = r;
    }

    /** Sorts by this column; choosing the current one again flips the order. */
    public void sortBy(Column c) {
        if (c == sort) {
            descending = !descending;
        } else {
            sort = c;
            descending = c != Column.NAME;
        }
    }

    public void reverse() {
        descending = !descending;
    }

    public Column sort() {
        return sort;
    }

    public boolean descending() {
        return descending;
    }

    public List<Row> rows() {
        Comparator<Row> cmp;
        switch (sort) {
            case NAME: cmp = Comparator.comparing(Row::name); break;
            case BLOCKED: cmp = Comparator.comparingLong(Row::blocked); break;
            case IN: cmp = Comparator.comparingDouble(Row::inRate); break;
            case OUT: cmp = Comparator.comparingDouble(Row::outRate); break;
            case IMPORT: cmp = Comparator.comparingLong(Row::importRate); break;
            case AGE: cmp = Comparator.comparingLong(Row::age); break;
            default: cmp = Comparator.comparingLong(Row::len); break;
        }
        if (descending) cmp = cmp.reversed();
        cmp = cmp.thenComparing(Row::name);
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(cmp);
        return sorted;
    }

    public long totalQueued() {
        long n = 0;
        for (Row r : rows) n += r.len();
        return n;
    }

    public static final String FORMAT = "%-28s %9s %8s %9s %9s %9s %6s %8s";

    public static String header() {
        return String.format(Locale.ROOT, FORMAT, Column.NAME.title, Column.LEN.title, Column.BLOCKED.title,
                Column.IN.title, Column.OUT.title, Column.IMPORT.title, "PAUSE", Column.AGE.title);
    }

    public static String format(Row r) {
        String name = r.name().length() > 28 ? r.name().substring(0, 27) + "~" : r.name();
        return String.format(Locale.ROOT, FORMAT, name, r.len(), r.blocked(), rate(r.inRate()), rate(r.outRate()),
                r.importRate(), r.pause(), r.age() + "s");
    }

    private static String rate(double r) {
        return r < 0 ? "-" : String.format(Locale.ROOT, "%.1f", r);
    }
}
