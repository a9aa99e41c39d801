/*
 * TaskCodec: a task <-> the JSON body of its Disque job, in Go tasque's
 * format.
 *
 * Go tasque marshals its Task struct with encoding/json, so the body is
 *   {"Name":"download","Params":{"url":"http://google.com"},"EnqueueTime":"0001-01-01T00:00:00Z"}
 * keys in struct order, Params keys sorted, Go's escaping and number
 * formats (see GoJson). We write the same, with a real EnqueueTime (Go's
 * producer never sets it, so it writes the zero time). Java-only data goes
 * into a fourth key, "Meta", written only when there is some (retries,
 * dead letters): a first submission is exactly what Go would write.
 *
 * Reading follows encoding/json into that struct: key names match case
 * insensitively (the last match wins), unknown keys are ignored, Params
 * and EnqueueTime may be null. A body that is not a JSON object, has a
 * key of the wrong type, or has no Name is undecodable.
 */
package dev.disque.tasque;

import dev.disque.tasque.json.GoJson;
import dev.disque.tasque.json.GoTime;
import dev.disque.tasque.json.JsonException;
import java.time.OffsetDateTime;
import java.util.Map;

/** Encodes tasks into job bodies and back, byte-compatible with Go tasque. */
public final class TaskCodec {
    private TaskCodec() {
    }

    /**
     * The body of a first submission: exactly Go's bytes for the same task and time.
     *
     * @param task the task
     * @param enqueueTime its EnqueueTime (null writes Go's zero time)
     * @return the JSON body
     */
    public static String encode(Task task, OffsetDateTime enqueueTime) {
        return encode(task.name(), task.rawParams(), task.paramsNull(), enqueueTime, TaskMeta.NONE);
    }

    static String encode(String name, Map<String, Object> params, boolean paramsNull, OffsetDateTime enqueueTime,
            TaskMeta meta) {
        StringBuilder sb = new StringBuilder(64 + 16 * params.size());
        sb.append("{\"Name\":");
        GoJson.writeString(sb, name);
        sb.append(",\"Params\":");
        if (paramsNull && params.isEmpty()) sb.append("null");
        else GoJson.write(sb, params);
        sb.append(",\"EnqueueTime\":\"").append(GoTime.format(enqueueTime == null ? GoTime.ZERO : enqueueTime)).append('"');
        if (meta != null && !meta.isEmpty()) {
            sb.append(",\"Meta\":");
            meta.write(sb);
        }
        return sb.append('}').toString();
    }

    /**
     * Reads a job body.
     *
     * @param body the JSON body
     * @return a task carrying its name, params, enqueue time and Java metadata (no job ID yet)
     * @throws JsonException if the body is not a tasque task
     */
    public static Task decode(String body) {
        if (body == null) throw new JsonException("empty body");
        Object v = GoJson.parse(body);
        if (!(v instanceof Map<?, ?> m)) throw new JsonException("a task body must be a JSON object");
        Object name = field(m, "Name");
        if (name != null && !(name instanceof String)) throw new JsonException("Name must be a string");
        if (name == null || ((String) name).isEmpty()) throw new JsonException("the task has no Name");
        Object params = field(m, "Params");
        if (params != null && !(params instanceof Map)) throw new JsonException("Params must be an object or null");
        Object time = field(m, "EnqueueTime");
        if (time != null && !(time instanceof String)) throw new JsonException("EnqueueTime must be an RFC 3339 string");
        OffsetDateTime enqueueTime = time == null ? GoTime.ZERO : GoTime.parse((String) time);
        @SuppressWarnings("unchecked")
        Map<String, Object> p = (Map<String, Object>) params;
        return Task.decoded((String) name, p, enqueueTime, TaskMeta.read(field(m, "Meta")));
    }

    /** Go's field matching: a key equal to the field name ignoring case; the last one in the object wins. */
    static Object field(Map<?, ?> m, String name) {
        Object found = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (name.equalsIgnoreCase((String) e.getKey())) found = e.getValue();
        }
        return found;
    }
}
