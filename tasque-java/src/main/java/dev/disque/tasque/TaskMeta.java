/*
 * TaskMeta: the Java-only data of a task body, kept in its "Meta" object
 * (Go tasque ignores unknown keys): attempt count across delayed retries,
 * the first job ID and enqueue time, and why a dead task died.
 */
package dev.disque.tasque;

import dev.disque.tasque.json.GoJson;
import dev.disque.tasque.json.GoTime;
import dev.disque.tasque.json.JsonException;
import java.time.OffsetDateTime;
import java.util.Map;

/** The "Meta" object of a task body. Immutable; null fields are not written. */
record TaskMeta(int attempt, String originalJobId, OffsetDateTime firstEnqueueTime, String lastError,
        String stackTrace, String deadReason, OffsetDateTime deadTime, String rawBody) {

    static final TaskMeta NONE = new TaskMeta(1, null, null, null, null, null, null, null);

    boolean isEmpty() {
        return attempt <= 1 && originalJobId == null && firstEnqueueTime == null && lastError == null
                && stackTrace == null && deadReason == null && deadTime == null && rawBody == null;
    }

    TaskMeta withAttempt(int a) {
        return new TaskMeta(a, originalJobId, firstEnqueueTime, lastError, stackTrace, deadReason, deadTime, rawBody);
    }

    void write(StringBuilder sb) {
        sb.append('{');
        int start = sb.length();
        if (attempt > 1) field(sb, start, "Attempt").append(attempt);
        if (originalJobId != null) GoJson.writeString(field(sb, start, "OriginalJobId"), originalJobId);
        if (firstEnqueueTime != null) GoJson.writeString(field(sb, start, "FirstEnqueueTime"), GoTime.format(firstEnqueueTime));
        if (lastError != null) GoJson.writeString(field(sb, start, "LastError"), lastError);
        if (stackTrace != null) GoJson.writeString(field(sb, start, "StackTrace"), stackTrace);
        if (deadReason != null) GoJson.writeString(field(sb, start, "DeadReason"), deadReason);
        if (deadTime != null) GoJson.writeString(field(sb, start, "DeadTime"), GoTime.format(deadTime));
        if (rawBody != null) GoJson.writeString(field(sb, start, "RawBody"), rawBody);
        sb.append('}');
    }

    private static StringBuilder field(StringBuilder sb, int start, String name) {
        if (sb.length() > start) sb.append(',');
        GoJson.writeString(sb, name);
        return sb.append(':');
    }

    /** Reads a Meta object leniently: it is ours, and a damaged one must not make the task undecodable. */
    static TaskMeta read(Object value) {
        if (!(value instanceof Map<?, ?> m)) return NONE;
        int attempt = 1;
        Object a = TaskCodec.field(m, "Attempt");
        if (a instanceof Long l && l > 1 && l < Integer.MAX_VALUE) attempt = l.intValue();
        else if (a instanceof Double d && d > 1 && d < Integer.MAX_VALUE) attempt = (int) d.doubleValue();
        return new TaskMeta(attempt, str(m, "OriginalJobId"), time(m, "FirstEnqueueTime"), str(m, "LastError"),
                str(m, "StackTrace"), str(m, "DeadReason"), time(m, "DeadTime"), str(m, "RawBody"));
    }

    private static String str(Map<?, ?> m, String key) {
        return TaskCodec.field(m, key) instanceof String s ? s : null;
    }

    private static OffsetDateTime time(Map<?, ?> m, String key) {
        if (!(TaskCodec.field(m, key) instanceof String s)) return null;
        try {
            return GoTime.parse(s);
        } catch (JsonException e) {
            return null;
        }
    }
}
