/*
 * GoJson: a small JSON codec that writes exactly the bytes Go's
 * encoding/json writes for the same values, and reads what it reads.
 *
 * Why our own and not Jackson: tasque bodies must match Go byte for byte,
 * and the details that matter are few but unusual (HTML-safe escaping of
 * <, > and &, U+2028/U+2029 escapes, \ufffd for broken UTF-16, map keys
 * sorted by code point, Go's float format: shortest round-trip digits, 'f'
 * notation between 1e-6 and 1e21 and a trimmed exponent outside). Getting
 * those out of a general-purpose library needs as much code as writing
 * them down, and would add a dependency to every worker. The codec is a
 * few hundred lines with its own tests (GoJsonTest).
 *
 * Value model: null, String, Boolean, Long, BigInteger (integers beyond
 * long), Double, Float (written with float32 precision, like a Go
 * float32), BigDecimal (written as is), List<Object> and Map<String,Object>.
 * normalize() turns common Java types into that model.
 */
package dev.disque.tasque.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JSON in Go's {@code encoding/json} dialect: {@link #write} produces the bytes {@code json.Marshal} would, and
 * {@link #parse} accepts what {@code json.Unmarshal} accepts.
 */
public final class GoJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int MAX_DEPTH = 1000;

    private GoJson() {
    }

    // ------------------------------------------------------------------ model

    /**
     * Converts a Java value into the JSON value model, the way Go would marshal the equivalent Go value: integers
     * become Long (or BigInteger), {@code byte[]} becomes a base64 string, times become RFC 3339 strings, enums
     * their name, arrays and iterables lists, maps with string keys maps.
     *
     * @param value a value
     * @return the value in the model (maps keep insertion order; {@link #write} sorts keys)
     * @throws IllegalArgumentException for a type JSON cannot carry, a non-finite number or a non-string map key
     */
    public static Object normalize(Object value) {
        return normalize(value, 0);
    }

    private static Object normalize(Object v, int depth) {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("value nested too deeply");
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long) return v;
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) return ((Number) v).longValue();
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) throw new IllegalArgumentException("JSON has no " + d);
            return d;
        }
        if (v instanceof Float f) {
            if (f.isNaN() || f.isInfinite()) throw new IllegalArgumentException("JSON has no " + f);
            return f;
        }
        if (v instanceof BigInteger b) return b.bitLength() < 64 ? (Object) b.longValue() : b;
        if (v instanceof BigDecimal b) return b;
        if (v instanceof CharSequence || v instanceof Character || v instanceof UUID) return v.toString();
        if (v instanceof Enum<?> e) return e.name();
        if (v instanceof byte[] b) return Base64.getEncoder().encodeToString(b);
        if (v instanceof Instant i) return GoTime.format(i.atOffset(ZoneOffset.UTC));
        if (v instanceof OffsetDateTime t) return GoTime.format(t);
        if (v instanceof ZonedDateTime t) return GoTime.format(t.toOffsetDateTime());
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof CharSequence k)) {
                    throw new IllegalArgumentException("map keys must be strings, got " + typeName(e.getKey()));
                }
                out.put(k.toString(), normalize(e.getValue(), depth + 1));
            }
            return out;
        }
        if (v instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            for (Object o : it) out.add(normalize(o, depth + 1));
            return out;
        }
        if (v.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(v);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) out.add(normalize(java.lang.reflect.Array.get(v, i), depth + 1));
            return out;
        }
        throw new IllegalArgumentException("cannot write a " + typeName(v) + " as JSON (use strings, numbers, "
                + "booleans, lists, maps with string keys, byte[], times or enums)");
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }

    // ---------------------------------------------------------------- writing

    /**
     * @param value a value (normalized on the way)
     * @return its compact JSON text, as Go's {@code json.Marshal} writes it
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    /**
     * Appends a value's compact JSON text.
     *
     * @param sb where to write
     * @param value a value (normalized on the way)
     */
    public static void write(StringBuilder sb, Object value) {
        writeValue(sb, value, 0);
    }

    private static void writeValue(StringBuilder sb, Object v, int depth) {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("value nested too deeply");
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            writeString(sb, s);
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue() ? "true" : "false");
        } else if (v instanceof Long l) {
            sb.append(l.longValue());
        } else if (v instanceof Double d) {
            writeDouble(sb, d);
        } else if (v instanceof Float f) {
            writeFloat(sb, f);
        } else if (v instanceof BigInteger b) {
            sb.append(b);
        } else if (v instanceof BigDecimal b) {
            sb.append(b);
        } else if (v instanceof Map<?, ?> m) {
            writeObject(sb, m, depth);
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) sb.append(',');
                writeValue(sb, l.get(i), depth + 1);
            }
            sb.append(']');
        } else {
            writeValue(sb, normalize(v, depth), depth);
        }
    }

    private static void writeObject(StringBuilder sb, Map<?, ?> m, int depth) {
        List<String> keys = new ArrayList<>(m.size());
        for (Object k : m.keySet()) {
            if (!(k instanceof CharSequence)) throw new IllegalArgumentException("map keys must be strings, got " + typeName(k));
            keys.add(k.toString());
        }
        // Go sorts keys by their UTF-8 bytes, which is code point order (not UTF-16 order).
        Collections.sort(keys, GoJson::compareCodePoints);
        sb.append('{');
        boolean first = true;
        for (String k : keys) {
            if (!first) sb.append(',');
            first = false;
            writeString(sb, k);
            sb.append(':');
            Object v = m.get(k);
            writeValue(sb, v, depth + 1);
        }
        sb.append('}');
    }

    /**
     * Compares strings by Unicode code point, i.e. by their UTF-8 bytes, as Go's sort.Strings does.
     *
     * @param a a string
     * @param b another string
     * @return negative, zero or positive
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * Appends a string literal with Go's escaping ({@code json.Marshal}, HTML-safe).
     *
     * @param sb where to write
     * @param s the string
     */
    public static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c < 0x2028) {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\u2028', '\u2029' -> sb.append("\\u202").append(HEX[c & 0xF]);
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // A lone surrogate is not valid UTF-8: Go writes the replacement character.
                        sb.append("\\ufffd");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * Appends a float64 as Go writes it: the shortest digits that read back to the same value, in plain notation
     * for 1e-6 &lt;= |v| &lt; 1e21 and in exponent notation ({@code 1e+21}, {@code 1e-7}) outside.
     *
     * @param sb where to write
     * @param v a finite double
     */
    public static void writeDouble(StringBuilder sb, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new IllegalArgumentException("JSON has no " + v);
        if (v == 0) {
            sb.append(1 / v < 0 ? "-0" : "0");
            return;
        }
        double abs = Math.abs(v);
        boolean exp = abs < 1e-6 || abs >= 1e21;
        formatShortest(sb, v < 0, shortestDouble(abs), exp);
    }

    /**
     * Appends a float32 as Go writes one (shortest digits at float32 precision).
     *
     * @param sb where to write
     * @param v a finite float
     */
    public static void writeFloat(StringBuilder sb, float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) throw new IllegalArgumentException("JSON has no " + v);
        if (v == 0) {
            sb.append(1 / v < 0 ? "-0" : "0");
            return;
        }
        float abs = Math.abs(v);
        boolean exp = abs < 1e-6f || abs >= 1e21f;
        formatShortest(sb, v < 0, shortestFloat(abs), exp);
    }

    /** The shortest decimal that parses back to v (v &gt; 0), the closest one when two have that length. */
    static BigDecimal shortestDouble(double v) {
        if (v < 9007199254740992.0 && v == Math.rint(v)) return BigDecimal.valueOf((long) v).stripTrailingZeros();
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean downOk = Double.parseDouble(down.toString()) == v;
            boolean upOk = Double.parseDouble(up.toString()) == v;
            if (downOk && upOk) return exact.round(new MathContext(p, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            if (downOk) return down.stripTrailingZeros();
            if (upOk) return up.stripTrailingZeros();
        }
        return exact.round(MathContext.DECIMAL64).stripTrailingZeros();
    }

    static BigDecimal shortestFloat(float v) {
        BigDecimal exact = new BigDecimal(v);
        for (int p = 1; p <= 9; p++) {
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean downOk = Float.parseFloat(down.toString()) == v;
            boolean upOk = Float.parseFloat(up.toString()) == v;
            if (downOk && upOk) return exact.round(new MathContext(p, RoundingMode.HALF_EVEN)).stripTrailingZeros();
            if (downOk) return down.stripTrailingZeros();
            if (upOk) return up.stripTrailingZeros();
        }
        return exact.round(MathContext.DECIMAL32).stripTrailingZeros();
    }

    private static void formatShortest(StringBuilder sb, boolean negative, BigDecimal d, boolean expNotation) {
        String digits = d.unscaledValue().toString();
        int n = digits.length();
        int scale = d.scale();
        if (negative) sb.append('-');
        if (expNotation) {
            int e = n - scale - 1;
            sb.append(digits.charAt(0));
            if (n > 1) sb.append('.').append(digits, 1, n);
            sb.append('e').append(e < 0 ? '-' : '+');
            int ae = Math.abs(e);
            // Go pads the exponent to two digits, then encoding/json trims "e-07" to "e-7".
            if (e >= 0 && ae < 10) sb.append('0');
            sb.append(ae);
        } else if (scale <= 0) {
            sb.append(digits);
            for (int i = 0; i < -scale; i++) sb.append('0');
        } else if (n > scale) {
            sb.append(digits, 0, n - scale).append('.').append(digits, n - scale, n);
        } else {
            sb.append("0.");
            for (int i = 0; i < scale - n; i++) sb.append('0');
            sb.append(digits);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Parses one JSON value, strictly (RFC 8259, as Go's decoder): objects become {@code LinkedHashMap}s (a
     * repeated key keeps its last value), arrays {@code ArrayList}s, integers without fraction or exponent that
     * fit a long become Long, other numbers Double; a lone surrogate escape becomes U+FFFD.
     *
     * @param text the JSON text
     * @return the value
     * @throws JsonException if the text is not exactly one JSON value
     */
    public static Object parse(String text) {
        Parser p = new Parser(text);
        p.skipSpace();
        Object v = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) throw p.error("invalid character " + p.describe() + " after top-level value");
        return v;
    }

    private static final class Parser {
        final String s;
        int pos;

        Parser(String s) {
            this.s = s;
        }

        JsonException error(String msg) {
            return new JsonException(msg + " (offset " + pos + ")");
        }

        String describe() {
            if (pos >= s.length()) return "end of input";
            char c = s.charAt(pos);
            return c < 0x20 ? String.format("'\\u%04x'", (int) c) : "'" + c + "'";
        }

        void skipSpace() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') pos++;
                else break;
            }
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) throw error("exceeded max depth");
            if (pos >= s.length()) throw error("unexpected end of JSON input");
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return object(depth);
                case '[':
                    return array(depth);
                case '"':
                    return string();
                case 't':
                    literal("true");
                    return Boolean.TRUE;
                case 'f':
                    literal("false");
                    return Boolean.FALSE;
                case 'n':
                    literal("null");
                    return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) return number();
                    throw error("invalid character " + describe() + " looking for beginning of value");
            }
        }

        void literal(String word) {
            if (!s.startsWith(word, pos)) throw error("invalid literal, expected " + word);
            pos += word.length();
        }

        Map<String, Object> object(int depth) {
            pos++;
            Map<String, Object> m = new LinkedHashMap<>();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw error("invalid character " + describe() + " looking for beginning of object key string");
                }
                String key = string();
                skipSpace();
                if (pos >= s.length() || s.charAt(pos) != ':') {
                    throw error("invalid character " + describe() + " after object key");
                }
                pos++;
                skipSpace();
                m.put(key, value(depth + 1));
                skipSpace();
                if (pos >= s.length()) throw error("unexpected end of JSON input");
                char c = s.charAt(pos++);
                if (c == '}') return m;
                if (c != ',') {
                    pos--;
                    throw error("invalid character " + describe() + " after object key:value pair");
                }
            }
        }

        List<Object> array(int depth) {
            pos++;
            List<Object> l = new ArrayList<>();
            skipSpace();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return l;
            }
            while (true) {
                skipSpace();
                l.add(value(depth + 1));
                skipSpace();
                if (pos >= s.length()) throw error("unexpected end of JSON input");
                char c = s.charAt(pos++);
                if (c == ']') return l;
                if (c != ',') {
                    pos--;
                    throw error("invalid character " + describe() + " after array element");
                }
            }
        }

        String string() {
            pos++;
            StringBuilder sb = null;
            int start = pos;
            while (true) {
                if (pos >= s.length()) throw error("unexpected end of JSON input in string");
                char c = s.charAt(pos);
                if (c == '"') {
                    String out = sb == null ? s.substring(start, pos) : sb.append(s, start, pos).toString();
                    pos++;
                    return out;
                }
                if (c < 0x20) throw error("invalid character " + describe() + " in string literal");
                if (c != '\\') {
                    pos++;
                    continue;
                }
                if (sb == null) sb = new StringBuilder();
                sb.append(s, start, pos);
                pos++;
                if (pos >= s.length()) throw error("unexpected end of JSON input in string escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        char u = hex4();
                        if (Character.isHighSurrogate(u) && s.startsWith("\\u", pos)) {
                            int save = pos;
                            pos += 2;
                            char lo = hex4();
                            if (Character.isLowSurrogate(lo)) {
                                sb.append(u).append(lo);
                            } else {
                                sb.append('\uFFFD');
                                pos = save;
                            }
                        } else if (Character.isSurrogate(u)) {
                            sb.append('\uFFFD');
                        } else {
                            sb.append(u);
                        }
                    }
                    default -> {
                        pos--;
                        throw error("invalid character " + describe() + " in string escape code");
                    }
                }
                start = pos;
            }
        }

        char hex4() {
            if (pos + 4 > s.length()) throw error("unexpected end of JSON input in \\u escape");
            int v = 0;
            for (int i = 0; i < 4; i++) {
                int d = Character.digit(s.charAt(pos + i), 16);
                if (d < 0 || s.charAt(pos + i) > 'f') {
                    pos += i;
                    throw error("invalid character " + describe() + " in \\u hexadecimal character escape");
                }
                v = v * 16 + d;
            }
            pos += 4;
            return (char) v;
        }

        Object number() {
            int start = pos;
            boolean integral = true;
            if (s.charAt(pos) == '-') pos++;
            if (pos >= s.length()) throw error("unexpected end of JSON input in number");
            char c = s.charAt(pos);
            if (c == '0') {
                pos++;
            } else if (c >= '1' && c <= '9') {
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
            } else {
                throw error("invalid character " + describe() + " in numeric literal");
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                integral = false;
                pos++;
                if (pos >= s.length() || !isDigit(s.charAt(pos))) throw error("invalid character " + describe() + " after decimal point in numeric literal");
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
                if (pos >= s.length() || !isDigit(s.charAt(pos))) throw error("invalid character " + describe() + " in exponent of numeric literal");
                while (pos < s.length() && isDigit(s.charAt(pos))) pos++;
            }
            String text = s.substring(start, pos);
            if (integral && text.length() <= 20 && !text.equals("-0")) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException ignored) {
                    // too big for a long: a float64, as in Go
                }
            }
            double d = Double.parseDouble(text);
            if (Double.isInfinite(d)) throw error("number " + text + " does not fit a float64");
            return d;
        }

        static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }
}
