/*
 * SlowLog: the last N commands that took longer than a threshold, for
 * SLOWLOG GET. Arguments are capped like Redis (32 args, 128 bytes each)
 * so a huge job body never ends up copied into the log.
 */
package dev.disque.server.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

public final class SlowLog {
    private static final int MAX_ARGS = 32;
    private static final int MAX_ARG_BYTES = 128;

    public static final class Entry {
        public final long id;
        public final long unixTime;
        public final long micros;
        public final List<byte[]> args;

        Entry(long id, long unixTime, long micros, List<byte[]> args) {
            this.id = id;
            this.unixTime = unixTime;
            this.micros = micros;
            this.args = args;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long nextId;

    public void add(byte[][] argv, long unixTime, long micros, int maxLen) {
        int n = Math.min(argv.length, MAX_ARGS);
        List<byte[]> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (n == MAX_ARGS && i == MAX_ARGS - 1 && argv.length > MAX_ARGS) {
                args.add(("... (" + (argv.length - MAX_ARGS + 1) + " more arguments)").getBytes(StandardCharsets.US_ASCII));
            } else if (argv[i].length > MAX_ARG_BYTES) {
                byte[] head = Arrays.copyOf(argv[i], MAX_ARG_BYTES);
                byte[] tail = ("... (" + (argv[i].length - MAX_ARG_BYTES) + " more bytes)").getBytes(StandardCharsets.US_ASCII);
                byte[] both = Arrays.copyOf(head, head.length + tail.length);
                System.arraycopy(tail, 0, both, head.length, tail.length);
                args.add(both);
            } else {
                args.add(argv[i]);
            }
        }
        entries.addFirst(new Entry(nextId++, unixTime, micros, args));
        trim(maxLen);
    }

    public void trim(int maxLen) {
        while (entries.size() > maxLen) entries.removeLast();
    }

    public int size() {
        return entries.size();
    }

    public void reset() {
        entries.clear();
    }

    /** Newest first. */
    public Iterator<Entry> iterator() {
        return entries.iterator();
    }
}
