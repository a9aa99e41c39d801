/*
 * TaskBodies: what the CLI knows of tasque's wire format (Go tasque, and
 * tasque-java's additions), read from tasque-java's TaskCodec, TaskMeta and
 * DeadLetters without depending on them:
 *   task queue        __tasque__<name>, dead letters in __tasque_dead__<name>
 *   body              {"Name":..,"Params":{..},"EnqueueTime":"RFC 3339"[,"Meta":{..}]}
 *   Meta (Java only)  Attempt (absent = 1), OriginalJobId, FirstEnqueueTime,
 *                     LastError, StackTrace, DeadReason, DeadTime, RawBody
 *                     (an undecodable body, kept verbatim in a dead letter)
 * A body is parsed leniently (Go's case-insensitive keys); one that is not
 * a task is reported as such rather than failing the view.
 */
package dev.disque.cli.tasque;

import dev.disque.cli.render.ReplyRenderer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

final class TaskBodies {
    static final String QUEUE_PREFIX = "__tasque__";
    static final String DEAD_PREFIX = "__tasque_dead__";

    private TaskBodies() {
    }

    /** One body as the views need it. */
    record Body(String name, String rawParams, int attempt, String lastError, String deadReason, String deadTime,
                String originalJobId, String firstEnqueueTime, String rawBody, boolean decodable, String problem) {
    }

    static Body read(String body) {
        Json.Doc d;
        try {
            d = Json.object(body == null ? "" : body);
        } catch (Json.Bad e) {
            return undecodable(e.getMessage());
        }
        Object name = d.get("Name");
        if (!(name instanceof String n) || n.isEmpty()) return undecodable("the task has no Name");
        String params = d.rawOf("Params");
        int attempt = 1;
        String lastError = null;
        String reason = null;
        String deadTime = null;
        String original = null;
        String first = null;
        String raw = null;
        if (d.get("Meta") instanceof Map<?, ?> m) {
            Object a = field(m, "Attempt");
            if (a instanceof Number x && x.doubleValue() > 1 && x.doubleValue() < Integer.MAX_VALUE) attempt = x.intValue();
            lastError = string(field(m, "LastError"));
            reason = string(field(m, "DeadReason"));
            deadTime = string(field(m, "DeadTime"));
            original = string(field(m, "OriginalJobId"));
            first = string(field(m, "FirstEnqueueTime"));
            raw = string(field(m, "RawBody"));
        }
        return new Body(n, params == null ? "null" : params, attempt, lastError, reason, deadTime, original, first,
                raw, true, null);
    }

    private static Body undecodable(String why) {
        return new Body(null, null, 0, null, "undecodable", null, null, null, null, false, why);
    }

    private static Object field(Map<?, ?> m, String key) {
        Object found = null;
        for (Map.Entry<?, ?> e : m.entrySet()) if (key.equalsIgnoreCase(String.valueOf(e.getKey()))) found = e.getValue();
        return found;
    }

    private static String string(Object o) {
        return o instanceof String s ? s : null;
    }

    /**
     * The body that puts a dead task back as tasque-java's DeadLetters does: the same Name and Params (byte for
     * byte), attempt 1, enqueued now, keeping the original job ID and first enqueue time; a kept raw body, or a
     * body that is not a task, goes back as it was.
     */
    static String revive(String deadBody, Instant now) {
        Body b = read(deadBody);
        if (!b.decodable()) return deadBody;
        if (b.rawBody() != null) return b.rawBody();
        StringBuilder sb = new StringBuilder("{\"Name\":").append(ReplyRenderer.jsonString(b.name()))
                .append(",\"Params\":").append(b.rawParams())
                .append(",\"EnqueueTime\":\"").append(goTime(now)).append('"');
        if (b.originalJobId() != null || b.firstEnqueueTime() != null) {
            sb.append(",\"Meta\":{");
            if (b.originalJobId() != null) sb.append("\"OriginalJobId\":").append(ReplyRenderer.jsonString(b.originalJobId()));
            if (b.firstEnqueueTime() != null) {
                if (b.originalJobId() != null) sb.append(',');
                sb.append("\"FirstEnqueueTime\":").append(ReplyRenderer.jsonString(b.firstEnqueueTime()));
            }
            sb.append('}');
        }
        return sb.append('}').toString();
    }

    /** Go's time.RFC3339Nano in UTC: the fraction without trailing zeros. */
    static String goTime(Instant t) {
        String base = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
        int nanos = t.getNano();
        if (nanos == 0) return base + "Z";
        String frac = String.format("%09d", nanos).replaceAll("0+$", "");
        return base + "." + frac + "Z";
    }
}
