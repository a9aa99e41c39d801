/*
 * Task: a named set of parameters, what a producer submits and a handler
 * receives. Mirrors Go tasque's Task (NewTask(name).Set(k, v), SetTTL,
 * SetRetry); a received task is read-only and also carries its Disque
 * job ID, attempt number, enqueue time and a context for heartbeats and
 * cancellation.
 */
package dev.disque.tasque;

import dev.disque.tasque.json.GoJson;
import dev.disque.tasque.json.GoTime;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A task: a handler name and parameters.
 *
 * <pre>{@code
 * Task t = Task.named("download").set("url", "http://example.org");
 * client.submit(t);
 * client.submit(Task.of("charge", new Order("A-17", 1250)));     // params from a record; the same JSON object
 * Order order = received.paramsAs(Order.class);                  // and back, in the handler
 * }</pre>
 *
 * <p>Parameters are JSON values: strings, numbers, booleans, null, lists and maps with string keys (plus Java types
 * with an obvious JSON form: enums, UUIDs, {@code byte[]} as base64, times as RFC 3339). A number read back from a
 * body is a {@code Long} when it is an integer that fits, else a {@code Double}; the typed getters convert.
 *
 * <p>A task being built is not thread-safe. A received task is immutable, apart from its context.
 */
public final class Task {
    private static final TaskContext DETACHED = new DetachedContext();

    private final String name;
    private final Map<String, Object> params;
    private final boolean received;
    private final boolean paramsNull;
    private final OffsetDateTime enqueueTime;
    private final TaskMeta meta;
    private Duration ttl;
    private Duration retry;

    private volatile String jobId;
    private volatile String queue;
    private volatile long nacks;
    private volatile long additionalDeliveries;
    private volatile TaskContext context = DETACHED;

    private Task(String name, Map<String, Object> params, boolean received, boolean paramsNull,
            OffsetDateTime enqueueTime, TaskMeta meta) {
        this.name = name;
        this.params = params;
        this.received = received;
        this.paramsNull = paramsNull;
        this.enqueueTime = enqueueTime;
        this.meta = meta;
    }

    /**
     * A new task for the handler of that name (Go's {@code NewTask}).
     *
     * @param name the handler name; the task goes to queue {@code __tasque__<name>}
     * @return an empty task
     */
    public static Task named(String name) {
        return new Task(Tasque.requireName(name), new LinkedHashMap<>(), false, false, null, TaskMeta.NONE);
    }

    /**
     * A new task whose parameters are the properties of a record or POJO (or the entries of a map), bound with
     * Jackson: {@code Task.of("charge", new Order("A-17", 1250))} is
     * {@code Task.named("charge").set("id", "A-17").set("cents", 1250)}, the same body a Go producer would send.
     * Jackson annotations ({@code @JsonProperty}, {@code @JsonIgnore}) name and skip properties; times are
     * written as RFC 3339, durations as nanoseconds, as Go does.
     *
     * @param name the handler name
     * @param params an object with properties
     * @return the task
     * @throws IllegalArgumentException if the object is not one with properties, or a value cannot be written
     */
    public static Task of(String name, Object params) {
        Objects.requireNonNull(params, "params");
        Task t = named(name);
        t.params.putAll(ParamsBinding.toParams(params));
        return t;
    }

    static Task decoded(String name, Map<String, Object> params, OffsetDateTime enqueueTime, TaskMeta meta) {
        Map<String, Object> p = params == null ? Collections.emptyMap() : Collections.unmodifiableMap(params);
        return new Task(name, p, true, params == null, enqueueTime, meta);
    }

    /** A copy of a received task that can be changed and submitted again. */
    Task copyForSubmit() {
        Task t = new Task(name, new LinkedHashMap<>(params), false, paramsNull, enqueueTime, meta);
        t.ttl = ttl;
        t.retry = retry;
        return t;
    }

    /**
     * Sets a parameter (Go's {@code Set}).
     *
     * @param key the name
     * @param value a JSON-able value (see the class comment); null is written as JSON null
     * @return this task
     * @throws IllegalArgumentException if the value cannot be written as JSON
     * @throws IllegalStateException on a received task
     */
    public Task set(String key, Object value) {
        checkMutable();
        params.put(Objects.requireNonNull(key, "key"), GoJson.normalize(value));
        return this;
    }

    /**
     * Sets the Disque TTL of the job (Go's {@code SetTTL}): after it, Disque gives up on the task. Rounded up to
     * whole seconds.
     *
     * @param ttl a positive duration
     * @return this task
     */
    public Task ttl(Duration ttl) {
        checkMutable();
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) throw new IllegalArgumentException("TTL must be positive");
        this.ttl = ttl;
        return this;
    }

    /**
     * Sets the Disque RETRY of the job (Go's {@code SetRetry}): a task not acknowledged within it is queued again.
     * Rounded up to whole seconds. Workers send heartbeats at about half of it while the handler runs.
     *
     * @param retry a positive duration
     * @return this task
     */
    public Task retry(Duration retry) {
        checkMutable();
        if (retry != null && (retry.isNegative() || retry.isZero())) throw new IllegalArgumentException("RETRY must be positive");
        this.retry = retry;
        return this;
    }

    private void checkMutable() {
        if (received) throw new IllegalStateException("a received task is read-only; Task.named(...) makes a new one");
    }

    /** @return the handler name */
    public String name() {
        return name;
    }

    /** @return the queue the task goes to: {@code __tasque__<name>} */
    public String queue() {
        return queue != null ? queue : Tasque.queueName(name);
    }

    /** @return the parameters, read-only, in the order they were set (or read) */
    public Map<String, Object> params() {
        return Collections.unmodifiableMap(params);
    }

    Map<String, Object> rawParams() {
        return params;
    }

    boolean paramsNull() {
        return paramsNull;
    }

    /** @return the TTL set with {@link #ttl(Duration)}, or null */
    public Duration ttl() {
        return ttl;
    }

    /** @return the retry time set with {@link #retry(Duration)}, or null */
    public Duration retry() {
        return retry;
    }

    /**
     * @param key a parameter name
     * @return true if the parameter is present (even if null)
     */
    public boolean hasParam(String key) {
        return params.containsKey(key);
    }

    /**
     * @param key a parameter name
     * @return its value as read (String, Long, Double, Boolean, List, Map), or null
     */
    public Object param(String key) {
        return params.get(key);
    }

    /**
     * A parameter converted to a type: {@code String}, {@code Boolean}, any boxed number type (converted when the
     * value fits exactly; a Long from a whole Double and the other way round), {@code BigInteger},
     * {@code BigDecimal}, {@code Instant}/{@code OffsetDateTime} (from RFC 3339), {@code Duration} (from
     * nanoseconds, as Go marshals {@code time.Duration}), {@code UUID}, an enum (by name), {@code byte[]} (from
     * base64), {@code List}, {@code Map} or {@code Object}. Primitive classes ({@code int.class}) work too.
     *
     * @param key a parameter name
     * @param type the wanted type
     * @param <T> the type
     * @return the value, or null if absent or null
     * @throws TaskParamException if the value cannot be converted (not retryable)
     */
    public <T> T param(String key, Class<T> type) {
        return convert(key, params.get(key), type);
    }

    /**
     * @param key a parameter name
     * @param type the wanted type
     * @param defaultValue returned when the parameter is absent or null
     * @param <T> the type
     * @return the value, converted as by {@link #param(String, Class)}
     */
    public <T> T param(String key, Class<T> type, T defaultValue) {
        T v = param(key, type);
        return v == null ? defaultValue : v;
    }

    /**
     * @param key a parameter name
     * @param type the wanted type
     * @param <T> the type
     * @return the value, converted as by {@link #param(String, Class)}
     * @throws TaskParamException if it is absent, null or of the wrong type (not retryable)
     */
    public <T> T requireParam(String key, Class<T> type) {
        T v = param(key, type);
        if (v == null) throw new TaskParamException("task '" + name + "' has no parameter '" + key + "'");
        return v;
    }

    /**
     * The parameters bound to a record or POJO with Jackson (see {@link #of(String, Object)}): property names match
     * the parameter names ignoring case, as Go's {@code encoding/json} does, and parameters without a property are
     * ignored.
     *
     * @param type a record, a POJO with a default constructor or a creator, or a map type
     * @param <T> the type
     * @return a new instance holding the parameters
     * @throws TaskParamException if they do not fit the type (not retryable: the same body would fail again)
     */
    public <T> T paramsAs(Class<T> type) {
        Objects.requireNonNull(type, "type");
        return ParamsBinding.fromParams(name, params, type);
    }

    /** @return the Disque job ID of a received task, else null */
    public String jobId() {
        return jobId;
    }

    /**
     * @return 1 for the first delivery, then one more for every failed attempt, NACK or redelivery
     */
    public int attempt() {
        long a = meta.attempt() + nacks + additionalDeliveries;
        return a > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) a;
    }

    /** @return when this job was added, or empty when the producer did not say (Go tasque writes the zero time) */
    public Optional<Instant> enqueueTime() {
        return GoTime.isZero(enqueueTime) ? Optional.empty() : Optional.of(enqueueTime.toInstant());
    }

    /** @return when the task was first submitted, before any delayed retry; empty if unknown */
    public Optional<Instant> firstEnqueueTime() {
        if (meta.firstEnqueueTime() != null && !GoTime.isZero(meta.firstEnqueueTime())) {
            return Optional.of(meta.firstEnqueueTime().toInstant());
        }
        return enqueueTime();
    }

    /** @return the job ID of the first attempt (delayed retries are new jobs), or this job's ID */
    public String originalJobId() {
        return meta.originalJobId() != null ? meta.originalJobId() : jobId;
    }

    /** @return the error of the previous attempt, if this is a delayed retry */
    public Optional<String> lastError() {
        return Optional.ofNullable(meta.lastError());
    }

    /**
     * @return heartbeat and cancellation for the running handler; a detached context (never cancelled) on a task
     *         that is not being handled
     */
    public TaskContext context() {
        return context;
    }

    OffsetDateTime rawEnqueueTime() {
        return enqueueTime;
    }

    TaskMeta meta() {
        return meta;
    }

    boolean isReceived() {
        return received;
    }

    void attach(String jobId, String queue, long nacks, long additionalDeliveries) {
        this.jobId = jobId;
        this.queue = queue;
        this.nacks = Math.max(0, nacks);
        this.additionalDeliveries = Math.max(0, additionalDeliveries);
    }

    void context(TaskContext c) {
        this.context = c;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Task[").append(name);
        if (jobId != null) sb.append(' ').append(jobId).append(" attempt ").append(attempt());
        return sb.append(' ').append(GoJson.write(params)).append(']').toString();
    }

    // ------------------------------------------------------------ conversion

    @SuppressWarnings("unchecked")
    private <T> T convert(String key, Object v, Class<T> type) {
        if (v == null) return null;
        Class<?> t = boxed(type);
        try {
            Object out = convertValue(v, t);
            if (out != null) return (T) out;
        } catch (ArithmeticException | IllegalArgumentException e) {
            throw new TaskParamException("task '" + name + "' parameter '" + key + "': cannot read " + describe(v)
                    + " as " + type.getSimpleName() + " (" + e.getMessage() + ")");
        }
        throw new TaskParamException("task '" + name + "' parameter '" + key + "': cannot read " + describe(v)
                + " as " + type.getSimpleName());
    }

    private static String describe(Object v) {
        String json = GoJson.write(v);
        if (json.length() > 60) json = json.substring(0, 57) + "...";
        return v.getClass().getSimpleName() + " " + json;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convertValue(Object v, Class<?> t) {
        if (t == Object.class) return v;
        if (v instanceof Number n && !(t.isInstance(v) && t != Number.class)) {
            if (t == Number.class) return n;
            if (t == Long.class) return exactLong(n);
            if (t == Integer.class) return Math.toIntExact(exactLong(n));
            if (t == Short.class) {
                long l = exactLong(n);
                if (l != (short) l) throw new ArithmeticException("out of range");
                return (short) l;
            }
            if (t == Byte.class) {
                long l = exactLong(n);
                if (l != (byte) l) throw new ArithmeticException("out of range");
                return (byte) l;
            }
            if (t == Double.class) return n.doubleValue();
            if (t == Float.class) return n.floatValue();
            if (t == BigDecimal.class) return n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            if (t == BigInteger.class) return new BigDecimal(n.toString()).toBigIntegerExact();
            if (t == Duration.class) return Duration.ofNanos(exactLong(n));
            return null;
        }
        if (t.isInstance(v)) return v;
        if (v instanceof String s) {
            if (t == Instant.class) return GoTime.parse(s).toInstant();
            if (t == OffsetDateTime.class) return GoTime.parse(s);
            if (t == UUID.class) return UUID.fromString(s);
            if (t == byte[].class) return Base64.getDecoder().decode(s);
            if (t.isEnum()) return Enum.valueOf((Class) t, s);
            if (t == Character.class && s.length() == 1) return s.charAt(0);
        }
        if (v instanceof List<?> && t == List.class) return v;
        if (v instanceof Map<?, ?> && t == Map.class) return v;
        return null;
    }

    private static long exactLong(Number n) {
        if (n instanceof Long l) return l;
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) >= 9.223372036854775807E18) {
                throw new ArithmeticException("not a whole number in range");
            }
            return (long) d;
        }
        return new BigDecimal(n.toString()).longValueExact();
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) return c;
        if (c == int.class) return Integer.class;
        if (c == long.class) return Long.class;
        if (c == double.class) return Double.class;
        if (c == boolean.class) return Boolean.class;
        if (c == float.class) return Float.class;
        if (c == short.class) return Short.class;
        if (c == byte.class) return Byte.class;
        if (c == char.class) return Character.class;
        return c;
    }

    /** @return the first-submission body of this task at the given time (what Go would write) */
    String encode(Instant now) {
        return TaskCodec.encode(this, now == null ? null : now.atOffset(ZoneOffset.UTC));
    }
}
