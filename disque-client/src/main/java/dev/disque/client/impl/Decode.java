package dev.disque.client.impl;

import dev.disque.client.model.Hello;
import dev.disque.client.model.HelloNode;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobInfo;
import dev.disque.client.model.JobScanCursor;
import dev.disque.client.model.JobState;
import dev.disque.client.model.PauseState;
import dev.disque.client.model.QueueStat;
import dev.disque.client.model.Reply;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisException;
import io.lettuce.core.codec.RedisCodec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Decoders from the {@link Reply} tree to the typed results of each command. */
public final class Decode {
    private Decode() {
    }

    static RedisException unexpected(String what, Reply r) {
        return new RedisException("Unexpected reply for " + what + ": " + r);
    }

    /**
     * @param r a status or bulk reply
     * @return its text, or null for nil
     */
    public static String string(Reply r) {
        if (r instanceof Reply.Status s) return s.text();
        if (r instanceof Reply.Bulk b) return b.asString();
        if (r instanceof Reply.Nil) return null;
        if (r instanceof Reply.Int i) return Long.toString(i.value());
        throw unexpected("a string", r);
    }

    /**
     * @param r an integer reply (or a number in a string)
     * @return its value, or null for nil
     */
    public static Long integer(Reply r) {
        if (r instanceof Reply.Int i) return i.value();
        if (r instanceof Reply.Nil) return null;
        if (r instanceof Reply.Bulk || r instanceof Reply.Status) {
            try {
                return Long.parseLong(string(r));
            } catch (NumberFormatException e) {
                throw unexpected("an integer", r);
            }
        }
        throw unexpected("an integer", r);
    }

    static long longOr(Reply r, long dflt) {
        Long v = r == null ? null : integer(r);
        return v == null ? dflt : v;
    }

    static List<Reply> array(Reply r, String what) {
        if (r instanceof Reply.Array a) return a.elements();
        if (r instanceof Reply.Nil) return null;
        throw unexpected(what, r);
    }

    static <K, V> K key(RedisCodec<K, V> codec, Reply r) {
        if (r instanceof Reply.Nil) return null;
        if (r instanceof Reply.Bulk b) return codec.decodeKey(ByteBuffer.wrap(b.bytes()));
        if (r instanceof Reply.Status s) return codec.decodeKey(ByteBuffer.wrap(s.text().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        throw unexpected("a key", r);
    }

    static <K, V> V value(RedisCodec<K, V> codec, Reply r) {
        if (r instanceof Reply.Nil) return null;
        if (r instanceof Reply.Bulk b) return codec.decodeValue(ByteBuffer.wrap(b.bytes()));
        throw unexpected("a value", r);
    }

    /** Pairs of a flat key/value array, keyed by the (string) key. */
    static Map<String, Reply> pairs(List<Reply> flat, String what) {
        if (flat.size() % 2 != 0) throw unexpected(what, new Reply.Array(flat));
        Map<String, Reply> m = new HashMap<>();
        for (int i = 0; i < flat.size(); i += 2) m.put(string(flat.get(i)), flat.get(i + 1));
        return m;
    }

    /**
     * @param r GETJOB or QPEEK reply
     * @param codec codec
     * @param <K> key type
     * @param <V> value type
     * @return the jobs; empty for a nil array (timeout, NOHANG)
     */
    public static <K, V> List<Job<K, V>> jobs(Reply r, RedisCodec<K, V> codec) {
        List<Reply> items = array(r, "jobs");
        if (items == null) return new ArrayList<>();
        List<Job<K, V>> jobs = new ArrayList<>(items.size());
        for (Reply item : items) {
            List<Reply> f = array(item, "a job");
            if (f == null || f.size() < 3) throw unexpected("a job", item);
            long nacks = -1;
            long deliveries = -1;
            for (int i = 3; i + 1 < f.size(); i += 2) {
                String name = string(f.get(i));
                if ("nacks".equals(name)) nacks = longOr(f.get(i + 1), -1);
                else if ("additional-deliveries".equals(name)) deliveries = longOr(f.get(i + 1), -1);
            }
            jobs.add(new Job<>(key(codec, f.get(0)), string(f.get(1)), value(codec, f.get(2)), nacks, deliveries));
        }
        return jobs;
    }

    /**
     * @param r SHOW reply
     * @param codec codec
     * @param <K> key type
     * @param <V> value type
     * @return the description, or null for an unknown job
     */
    public static <K, V> JobInfo<K, V> jobInfo(Reply r, RedisCodec<K, V> codec) {
        List<Reply> flat = array(r, "SHOW");
        if (flat == null) return null;
        Map<String, Reply> m = pairs(flat, "SHOW");
        String state = string(m.getOrDefault("state", Reply.NIL));
        return new JobInfo<>(string(m.getOrDefault("id", Reply.NIL)), key(codec, m.getOrDefault("queue", Reply.NIL)),
                state == null ? JobState.UNKNOWN : JobState.fromWireName(state), longOr(m.get("repl"), 0),
                longOr(m.get("ttl"), 0), longOr(m.get("ctime"), 0), longOr(m.get("delay"), 0),
                longOr(m.get("retry"), 0), longOr(m.get("nacks"), 0), longOr(m.get("additional-deliveries"), 0),
                strings(m.get("nodes-delivered")), strings(m.get("nodes-confirmed")),
                m.get("next-requeue-within") == null ? null : integer(m.get("next-requeue-within")),
                m.get("next-awake-within") == null ? null : integer(m.get("next-awake-within")),
                value(codec, m.getOrDefault("body", Reply.NIL)));
    }

    static List<String> strings(Reply r) {
        List<String> out = new ArrayList<>();
        if (r == null) return out;
        List<Reply> items = array(r, "a list of strings");
        if (items == null) return out;
        for (Reply i : items) out.add(string(i));
        return out;
    }

    /**
     * @param r QSTAT reply
     * @param codec codec
     * @param <K> key type
     * @param <V> value type
     * @return the statistics, or null for an unknown queue
     */
    public static <K, V> QueueStat<K> queueStat(Reply r, RedisCodec<K, V> codec) {
        List<Reply> flat = array(r, "QSTAT");
        if (flat == null) return null;
        Map<String, Reply> m = pairs(flat, "QSTAT");
        String pause = string(m.getOrDefault("pause", new Reply.Status("none")));
        return new QueueStat<>(key(codec, m.getOrDefault("name", Reply.NIL)), longOr(m.get("len"), 0),
                longOr(m.get("age"), 0), longOr(m.get("idle"), 0), longOr(m.get("blocked"), 0),
                strings(m.get("import-from")), longOr(m.get("import-rate"), 0), longOr(m.get("jobs-in"), 0),
                longOr(m.get("jobs-out"), 0), PauseState.fromWireName(pause));
    }

    /**
     * @param r HELLO reply
     * @return the node list
     */
    public static Hello hello(Reply r) {
        List<Reply> items = array(r, "HELLO");
        if (items == null || items.size() < 2) throw unexpected("HELLO", r);
        List<HelloNode> nodes = new ArrayList<>();
        for (int i = 2; i < items.size(); i++) {
            List<Reply> n = array(items.get(i), "a HELLO node");
            if (n == null || n.size() < 4) throw unexpected("a HELLO node", items.get(i));
            nodes.add(new HelloNode(string(n.get(0)), string(n.get(1)), (int) (long) integer(n.get(2)),
                    (int) (long) integer(n.get(3))));
        }
        return new Hello(integer(items.get(0)), string(items.get(1)), nodes);
    }

    /**
     * @param r QSCAN reply
     * @param codec codec
     * @param <K> key type
     * @param <V> value type
     * @return the cursor step
     */
    public static <K, V> KeyScanCursor<K> qscan(Reply r, RedisCodec<K, V> codec) {
        List<Reply> items = array(r, "QSCAN");
        if (items == null || items.size() != 2) throw unexpected("QSCAN", r);
        KeyScanCursor<K> c = new KeyScanCursor<>();
        String next = string(items.get(0));
        c.setCursor(next);
        c.setFinished("0".equals(next));
        for (Reply q : array(items.get(1), "QSCAN")) c.getKeys().add(key(codec, q));
        return c;
    }

    /**
     * @param r JSCAN reply
     * @param codec codec
     * @param <K> key type
     * @param <V> value type
     * @return the cursor step
     */
    public static <K, V> JobScanCursor<K, V> jscan(Reply r, RedisCodec<K, V> codec) {
        List<Reply> items = array(r, "JSCAN");
        if (items == null || items.size() != 2) throw unexpected("JSCAN", r);
        JobScanCursor<K, V> c = new JobScanCursor<>();
        String next = string(items.get(0));
        c.setCursor(next);
        c.setFinished("0".equals(next));
        for (Reply j : array(items.get(1), "JSCAN")) {
            if (j instanceof Reply.Array) {
                JobInfo<K, V> info = jobInfo(j, codec);
                c.getJobs().add(info);
                c.getIds().add(info.id());
            } else {
                c.getIds().add(string(j));
            }
        }
        return c;
    }

    /**
     * @param r CONFIG GET reply
     * @return name to value, in reply order
     */
    public static Map<String, String> stringMap(Reply r) {
        List<Reply> flat = array(r, "CONFIG GET");
        Map<String, String> m = new LinkedHashMap<>();
        if (flat == null) return m;
        for (int i = 0; i + 1 < flat.size(); i += 2) m.put(string(flat.get(i)), string(flat.get(i + 1)));
        return m;
    }

    /**
     * @param r PAUSE reply
     * @return the state
     */
    public static PauseState pause(Reply r) {
        return PauseState.fromWireName(string(r));
    }

    /**
     * @param r CLUSTER LEAVING reply ({@code yes} or {@code no})
     * @return true for yes
     */
    public static Boolean yesNo(Reply r) {
        String s = string(r);
        if ("yes".equalsIgnoreCase(s)) return Boolean.TRUE;
        if ("no".equalsIgnoreCase(s)) return Boolean.FALSE;
        throw unexpected("yes/no", r);
    }
}
