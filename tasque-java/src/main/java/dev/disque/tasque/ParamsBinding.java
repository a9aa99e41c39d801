/*
 * ParamsBinding: task parameters to and from a Java record or POJO, with
 * Jackson's data binding.
 *
 * The body on the wire does not change: an object is first turned into
 * the same plain values a Task holds (a map of strings, numbers, booleans,
 * lists and maps), then written by GoJson, so a Go worker sees the object's
 * properties as ordinary Params keys, and a Go producer's Params bind to a
 * Java record. Jackson only maps objects to those values and back; the
 * value types with a Go meaning are pinned to Go's forms: Instant,
 * OffsetDateTime and ZonedDateTime as RFC 3339 (GoTime), Duration as
 * nanoseconds (time.Duration), byte[] as base64, enums by name. Reading
 * is as lenient as Go's encoding/json: property names match ignoring
 * case, unknown keys are ignored.
 */
package dev.disque.tasque;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.disque.tasque.json.GoJson;
import dev.disque.tasque.json.GoTime;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.function.Function;

final class ParamsBinding {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .addModule(goTypes())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ParamsBinding() {
    }

    /**
     * @param params a record, a POJO or a map
     * @return its properties as task parameter values, keys in the object's order
     * @throws IllegalArgumentException if it is not an object with properties, or a value cannot be written
     */
    static Map<String, Object> toParams(Object params) {
        Object tree;
        try {
            tree = MAPPER.convertValue(params, Object.class);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot turn a " + params.getClass().getName()
                    + " into task parameters: " + e.getMessage(), e);
        }
        if (!(tree instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("task parameters must be an object with properties (a record, a POJO "
                    + "or a map), not a " + params.getClass().getName());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> normalized = (Map<String, Object>) GoJson.normalize(tree);
        return normalized;
    }

    /**
     * @param name the task name, for the error message
     * @param params the task's parameters
     * @param type the wanted type
     * @return them bound to a new instance of it
     * @throws TaskParamException if they do not fit (not retryable: the same body would fail again)
     */
    static <T> T fromParams(String name, Map<String, Object> params, Class<T> type) {
        try {
            return MAPPER.convertValue(params, type);
        } catch (IllegalArgumentException e) {
            TaskParamException t = new TaskParamException("task '" + name + "': its parameters do not fit "
                    + type.getName() + ": " + e.getMessage());
            t.initCause(e);
            throw t;
        }
    }

    private static SimpleModule goTypes() {
        SimpleModule m = new SimpleModule("tasque-go-types");
        m.addSerializer(Instant.class, new AsString<>(Instant.class, i -> GoTime.format(i.atOffset(ZoneOffset.UTC))));
        m.addSerializer(OffsetDateTime.class, new AsString<>(OffsetDateTime.class, GoTime::format));
        m.addSerializer(ZonedDateTime.class, new AsString<>(ZonedDateTime.class, z -> GoTime.format(z.toOffsetDateTime())));
        m.addSerializer(Duration.class, new DurationNanos());
        m.addDeserializer(Instant.class, new FromString<>(Instant.class, s -> GoTime.parse(s).toInstant()));
        m.addDeserializer(OffsetDateTime.class, new FromString<>(OffsetDateTime.class, GoTime::parse));
        m.addDeserializer(ZonedDateTime.class, new FromString<>(ZonedDateTime.class, s -> GoTime.parse(s).toZonedDateTime()));
        m.addDeserializer(Duration.class, new NanosDuration());
        return m;
    }

    /** Writes a value as the string Go would. */
    private static final class AsString<T> extends StdSerializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<T, String> format;

        AsString(Class<T> type, Function<T, String> format) {
            super(type);
            this.format = format;
        }

        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(format.apply(value));
        }
    }

    /** Reads a value from the string Go writes. */
    private static final class FromString<T> extends StdDeserializer<T> {
        private static final long serialVersionUID = 1L;
        private final transient Function<String, T> parse;

        FromString(Class<T> type, Function<String, T> parse) {
            super(type);
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return handledType().cast(ctx.handleUnexpectedToken(handledType(), p));
            }
            String s = p.getText();
            try {
                return parse.apply(s);
            } catch (RuntimeException e) {
                return handledType().cast(ctx.handleWeirdStringValue(handledType(), s, "not an RFC 3339 time: %s",
                        e.getMessage()));
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public Class<T> handledType() {
            return (Class<T>) super.handledType();
        }
    }

    /** Go's time.Duration: a whole number of nanoseconds. */
    private static final class DurationNanos extends StdSerializer<Duration> {
        private static final long serialVersionUID = 1L;

        DurationNanos() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeNumber(value.toNanos());
        }
    }

    private static final class NanosDuration extends StdDeserializer<Duration> {
        private static final long serialVersionUID = 1L;

        NanosDuration() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (Duration) ctx.handleUnexpectedToken(Duration.class, p);
            }
            return Duration.ofNanos(p.getLongValue());
        }
    }
}
