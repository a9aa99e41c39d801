/*
 * TasqueViews: `disque tasque stats|dead|requeue|purge`, the command-line
 * view of tasque's queues that worker frameworks give their users, built
 * from plain Disque commands (see TaskBodies for the wire format):
 *   stats            per task name: queued (QLEN), in flight (delivered,
 *                    not yet acknowledged), delayed (a retry or a DELAY
 *                    not yet due), retried (of those, on attempt 2 or
 *                    more, or NACKed, or delivered again) and dead; task
 *                    names come from QSCAN, the per-job facts from
 *                    JSCAN QUEUE ... REPLY ALL and TIME
 *   dead [name]      the dead letters, oldest first (QPEEK), with attempt,
 *                    reason, time, params and the last error
 *   requeue|purge    name or dead-letter job IDs: ADDJOB of the revived
 *                    task then DELJOB, or DELJOB alone, as tasque-java's
 *                    DeadLetters does
 * A view returns its text and whether it failed; the caller prints it.
 */
package dev.disque.cli.tasque;

import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.cli.net.Session;
import dev.disque.cli.render.ReplyRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

public final class TasqueViews {
    /** What a view prints on standard output, and the problems for standard error (a failure: exit 1). */
    public record Outcome(String text, String errors) {
        Outcome(String text) {
            this(text, "");
        }

        public boolean failed() {
            return !errors.isEmpty();
        }
    }

    /** The dead letters listed per task name at most. */
    static final int DEAD_LIST_LIMIT = 100;
    private static final int BATCH = 100;

    private final Session session;
    private final ReplyRenderer.Format format;

    public TasqueViews(Session session, ReplyRenderer.Format format) {
        this.session = session;
        this.format = format;
    }

    /** Runs `tasque <args>`; {@code args} are the words after "tasque". */
    public Outcome run(List<String> args) throws IOException {
        if (args.isEmpty()) return usage();
        String sub = args.get(0).toLowerCase(Locale.ROOT);
        List<String> rest = args.subList(1, args.size());
        switch (sub) {
            case "stats":
                if (rest.size() > 1) return usage();
                return stats(rest.isEmpty() ? null : rest.get(0));
            case "dead":
                if (rest.size() > 1) return usage();
                return dead(rest.isEmpty() ? null : rest.get(0));
            case "requeue":
            case "purge":
                if (rest.isEmpty()) return usage();
                return drain(rest, sub.equals("requeue"));
            default:
                return usage();
        }
    }

    private static Outcome usage() {
        return new Outcome("", "Usage: tasque stats [name] | tasque dead [name] | tasque requeue|purge <name> | "
                + "tasque requeue|purge <dead-job-id> ...\n");
    }

    // ---- stats ----

    /** The counts of one task name. */
    record Stat(String name, long queued, long inFlight, long delayed, long retried, long dead) {
    }

    private Outcome stats(String only) throws IOException {
        List<String> names = only != null ? List.of(only) : names();
        long nowMillis = serverMillis();
        List<Stat> rows = new ArrayList<>();
        for (String name : names) rows.add(stat(name, nowMillis));
        return new Outcome(renderStats(rows));
    }

    private Stat stat(String name, long nowMillis) throws IOException {
        String queue = TaskBodies.QUEUE_PREFIX + name;
        long queued = integer(call("QLEN", queue));
        long dead = integer(call("QLEN", TaskBodies.DEAD_PREFIX + name));
        long inFlight = 0;
        long delayed = 0;
        long retried = 0;
        String cursor = "0";
        do {
            Reply r = call("JSCAN", cursor, "COUNT", "1000", "QUEUE", queue, "REPLY", "all");
            List<Reply> parts = multi(r);
            cursor = parts.get(0).asText();
            for (Reply job : multi(parts.get(1))) {
                Map<String, Reply> f = fields(job);
                String state = text(f.get("state"));
                if (!"queued".equals(state) && !"active".equals(state)) continue;
                if ("active".equals(state)) {
                    long ctimeMillis = integer(f.get("ctime")) / 1_000_000L;
                    long delaySeconds = integer(f.get("delay"));
                    // A job still inside its DELAY has never been queued: a scheduled retry, not work in progress.
                    if (delaySeconds > 0 && ctimeMillis + delaySeconds * 1000 > nowMillis) delayed++;
                    else inFlight++;
                }
                TaskBodies.Body b = TaskBodies.read(text(f.get("body")));
                if (b.attempt() > 1 || integer(f.get("nacks")) > 0 || integer(f.get("additional-deliveries")) > 0) {
                    retried++;
                }
            }
        } while (!cursor.equals("0"));
        return new Stat(name, queued, inFlight, delayed, retried, dead);
    }

    private String renderStats(List<Stat> rows) {
        String[] head = {"task", "queued", "in-flight", "delayed", "retried", "dead"};
        if (format == ReplyRenderer.Format.JSON) {
            StringBuilder b = new StringBuilder("[");
            for (Stat s : rows) {
                if (b.length() > 1) b.append(',');
                b.append("{\"task\":").append(ReplyRenderer.jsonString(s.name())).append(",\"queued\":").append(s.queued())
                        .append(",\"in-flight\":").append(s.inFlight()).append(",\"delayed\":").append(s.delayed())
                        .append(",\"retried\":").append(s.retried()).append(",\"dead\":").append(s.dead()).append('}');
            }
            return b.append("]\n").toString();
        }
        if (format == ReplyRenderer.Format.CSV) {
            StringBuilder b = new StringBuilder(String.join(",", head)).append('\n');
            for (Stat s : rows) {
                b.append(ReplyRenderer.repr(s.name().getBytes(StandardCharsets.UTF_8))).append(',').append(s.queued())
                        .append(',').append(s.inFlight()).append(',').append(s.delayed()).append(',')
                        .append(s.retried()).append(',').append(s.dead()).append('\n');
            }
            return b.toString();
        }
        if (rows.isEmpty()) return "(no tasque tasks)\n";
        List<String[]> table = new ArrayList<>();
        table.add(head);
        for (Stat s : rows) {
            table.add(new String[] {s.name(), Long.toString(s.queued()), Long.toString(s.inFlight()),
                Long.toString(s.delayed()), Long.toString(s.retried()), Long.toString(s.dead())});
        }
        int[] width = new int[head.length];
        for (String[] row : table) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        StringBuilder b = new StringBuilder();
        for (String[] row : table) {
            for (int i = 0; i < row.length; i++) {
                if (i == 0) b.append(row[i]).append(" ".repeat(width[i] - row[i].length()));
                else b.append("  ").append(" ".repeat(width[i] - row[i].length())).append(row[i]);
            }
            b.append('\n');
        }
        return b.toString();
    }

    // ---- dead ----

    private Outcome dead(String only) throws IOException {
        List<String> names = only != null ? List.of(only) : deadNames();
        StringBuilder b = new StringBuilder();
        StringBuilder json = new StringBuilder("[");
        for (String name : names) {
            String queue = TaskBodies.DEAD_PREFIX + name;
            long total = integer(call("QLEN", queue));
            if (total == 0 && only == null) continue;
            if (format != ReplyRenderer.Format.JSON) b.append(name).append(": ").append(total).append(" dead\n");
            for (Reply item : multi(call("QPEEK", queue, Integer.toString(DEAD_LIST_LIMIT)))) {
                List<Reply> job = multi(item);
                String id = job.get(1).asText();
                TaskBodies.Body t = TaskBodies.read(job.get(2).asText());
                if (format == ReplyRenderer.Format.JSON) {
                    if (json.length() > 1) json.append(',');
                    json.append("{\"task\":").append(ReplyRenderer.jsonString(name)).append(",\"id\":")
                            .append(ReplyRenderer.jsonString(id)).append(",\"attempt\":").append(t.attempt())
                            .append(",\"reason\":").append(jsonOrNull(t.deadReason())).append(",\"time\":")
                            .append(jsonOrNull(t.deadTime())).append(",\"params\":")
                            .append(t.rawParams() == null ? "null" : t.rawParams()).append(",\"error\":")
                            .append(jsonOrNull(t.decodable() ? t.lastError() : t.problem())).append('}');
                    continue;
                }
                b.append("  ").append(id).append("  attempt ").append(t.attempt());
                if (t.deadReason() != null) b.append("  ").append(t.deadReason());
                if (t.deadTime() != null) b.append("  ").append(t.deadTime());
                b.append('\n');
                if (t.rawParams() != null) b.append("    params: ").append(t.rawParams()).append('\n');
                String error = t.decodable() ? t.lastError() : "body is not a task (" + t.problem() + ")";
                if (error != null) b.append("    error:  ").append(error.replace("\n", "\n            ")).append('\n');
            }
            if (total > DEAD_LIST_LIMIT && format != ReplyRenderer.Format.JSON) {
                b.append("  ... and ").append(total - DEAD_LIST_LIMIT).append(" more\n");
            }
        }
        if (format == ReplyRenderer.Format.JSON) return new Outcome(json.append("]\n").toString());
        if (b.length() == 0) return new Outcome("(no dead tasks)\n");
        return new Outcome(b.toString());
    }

    private static String jsonOrNull(String s) {
        return s == null ? "null" : ReplyRenderer.jsonString(s);
    }

    // ---- requeue / purge ----

    private Outcome drain(List<String> targets, boolean requeue) throws IOException {
        String verb = requeue ? "requeued" : "purged";
        StringBuilder b = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        if (targets.size() == 1 && !targets.get(0).startsWith("D-")) {
            String name = targets.get(0);
            String queue = TaskBodies.DEAD_PREFIX + name;
            long todo = integer(call("QLEN", queue));
            long done = 0;
            // Only the dead letters there when we start: a worker may add more meanwhile.
            while (done < todo) {
                List<Reply> batch = multi(call("QPEEK", queue, Long.toString(Math.min(BATCH, todo - done))));
                if (batch.isEmpty()) break;
                for (Reply item : batch) {
                    List<Reply> job = multi(item);
                    moveOrDelete(name, job.get(1).asText(), job.get(2).asText(), requeue);
                    done++;
                }
            }
            b.append(verb).append(' ').append(done).append(" dead ").append(name).append(done == 1 ? " task" : " tasks")
                    .append('\n');
            return new Outcome(b.toString());
        }
        for (String id : targets) {
            Map<String, Reply> f = fields(call("SHOW", id));
            String queue = f == null ? null : text(f.get("queue"));
            if (queue == null || !queue.startsWith(TaskBodies.DEAD_PREFIX)) {
                errors.append(id).append(": not a dead task\n");
                continue;
            }
            String name = queue.substring(TaskBodies.DEAD_PREFIX.length());
            String newId = moveOrDelete(name, id, text(f.get("body")), requeue);
            b.append(id).append(": ").append(verb);
            if (newId != null) b.append(" as ").append(newId);
            b.append('\n');
        }
        return new Outcome(b.toString(), errors.toString());
    }

    /** Requeues (ADDJOB of the revived body, then DELJOB) or deletes one dead letter; the new job ID or null. */
    private String moveOrDelete(String name, String id, String body, boolean requeue) throws IOException {
        String newId = null;
        if (requeue) {
            Reply added = call("ADDJOB", TaskBodies.QUEUE_PREFIX + name, TaskBodies.revive(body, Instant.now()), "0");
            if (added.isError()) throw new IOException("ADDJOB failed: " + added.asText());
            newId = added.asText();
        }
        Reply del = call("DELJOB", id);
        if (del.isError()) throw new IOException("DELJOB failed: " + del.asText());
        return newId;
    }

    // ---- names ----

    /** Task names with a task queue or a dead-letter queue, sorted. */
    private List<String> names() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String q : queues()) {
            if (q.startsWith(TaskBodies.DEAD_PREFIX)) names.add(q.substring(TaskBodies.DEAD_PREFIX.length()));
            else if (q.startsWith(TaskBodies.QUEUE_PREFIX)) names.add(q.substring(TaskBodies.QUEUE_PREFIX.length()));
        }
        return new ArrayList<>(names);
    }

    private List<String> deadNames() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        for (String q : queues()) {
            if (q.startsWith(TaskBodies.DEAD_PREFIX)) names.add(q.substring(TaskBodies.DEAD_PREFIX.length()));
        }
        return new ArrayList<>(names);
    }

    private List<String> queues() throws IOException {
        List<String> all = new ArrayList<>();
        String cursor = "0";
        do {
            List<Reply> parts = multi(call("QSCAN", cursor, "COUNT", "1000"));
            cursor = parts.get(0).asText();
            for (Reply q : multi(parts.get(1))) all.add(q.asText());
        } while (!cursor.equals("0"));
        return all;
    }

    // ---- replies ----

    private long serverMillis() throws IOException {
        List<Reply> t = multi(call("TIME"));
        return Long.parseLong(t.get(0).asText()) * 1000 + Long.parseLong(t.get(1).asText()) / 1000;
    }

    private Reply call(String... args) throws IOException {
        Reply r = session.call(RespConnection.args(args));
        if (r.isError()) throw new IOException(args[0] + ": " + r.asText());
        return r;
    }

    private static List<Reply> multi(Reply r) throws IOException {
        if (r instanceof Reply.Multi m) return m.items();
        if (r instanceof Reply.Nil) return List.of();
        throw new IOException("unexpected reply: " + r);
    }

    private static Map<String, Reply> fields(Reply r) throws IOException {
        if (r instanceof Reply.Nil) return null;
        List<Reply> items = multi(r);
        Map<String, Reply> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < items.size(); i += 2) m.put(items.get(i).asText(), items.get(i + 1));
        return m;
    }

    private static long integer(Reply r) {
        if (r instanceof Reply.Int i) return i.value();
        String t = r == null ? null : r.asText();
        return t == null ? 0 : Long.parseLong(t);
    }

    private static String text(Reply r) {
        return r == null ? null : r.asText();
    }
}
