// GoJson and GoTime: the exact bytes Go's encoding/json writes (escaping, key order, number and time formats) and
// a strict reader that accepts what Go accepts.
package dev.disque.tasque.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GoJsonTest {

    private static String d(double v) {
        StringBuilder sb = new StringBuilder();
        GoJson.writeDouble(sb, v);
        return sb.toString();
    }

    private static String f(float v) {
        StringBuilder sb = new StringBuilder();
        GoJson.writeFloat(sb, v);
        return sb.toString();
    }

    @Test
    void float64LikeGo() {
        assertEquals("1", d(1.0));
        assertEquals("10", d(10.0));
        assertEquals("-2.5", d(-2.5));
        assertEquals("0.1", d(0.1));
        assertEquals("0.3", d(0.3));
        assertEquals("0.30000000000000004", d(0.1 + 0.2));
        assertEquals("0.3333333333333333", d(1.0 / 3));
        assertEquals("123456789.123", d(123456789.123));
        assertEquals("0", d(0.0));
        assertEquals("-0", d(-0.0));
        // Plain notation from 1e-6 up to (not including) 1e21.
        assertEquals("0.000001", d(1e-6));
        assertEquals("1e-7", d(1e-7));
        assertEquals("1.5e-10", d(1.5e-10));
        assertEquals("1.2e-100", d(1.2e-100));
        assertEquals("100000000000000000000", d(1e20));
        assertEquals("1e+21", d(1e21));
        assertEquals("1.234e+22", d(1.234e22));
        assertEquals("1.7976931348623157e+308", d(Double.MAX_VALUE));
        assertEquals("5e-324", d(Double.MIN_VALUE));
        assertEquals("12345678901234567000", d(12345678901234567890.0));
        assertEquals("9007199254740992", d(9007199254740993.0));
        // JDK 17's Double.toString is not always shortest (JDK-4511638); Go's output is.
        assertEquals("2e+23", d(2e23));
        assertEquals("8.41e+21", d(8.41e21));
        assertEquals("5e-324", d(4.9e-324));
    }

    @Test
    void float64RoundTripsWithShortestDigits() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 20000; i++) {
            double v = Double.longBitsToDouble(r.nextLong());
            if (Double.isNaN(v) || Double.isInfinite(v)) continue;
            String s = d(v);
            assertEquals(v, Double.parseDouble(s), s);
            String mantissa = s.replace("-", "").split("e")[0].replace(".", "").replaceAll("^0+", "").replaceAll("0+$", "");
            String java = Double.toString(Math.abs(v)).split("E")[0].replace(".", "").replaceAll("^0+", "").replaceAll("0+$", "");
            assertTrue(mantissa.length() <= Math.max(1, java.length()), s + " vs " + Double.toString(v));
        }
    }

    @Test
    void float32LikeGo() {
        assertEquals("0.1", f(0.1f));
        assertEquals("16777216", f(16777217f));
        assertEquals("1e+21", f(1e21f));
        assertEquals("1e-7", f(1e-7f));
        assertEquals("3.4028235e+38", f(Float.MAX_VALUE));
        assertEquals("1e-45", f(Float.MIN_VALUE));
    }

    @Test
    void rejectsNonFiniteNumbers() {
        assertThrows(IllegalArgumentException.class, () -> GoJson.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> GoJson.normalize(Float.POSITIVE_INFINITY));
    }

    @Test
    void stringsAreEscapedLikeGo() {
        assertEquals("\"x\\u003cy\\u003e\\u0026z\"", GoJson.write("x<y>&z"));
        assertEquals("\"q\\\"b\\\\s/\"", GoJson.write("q\"b\\s/"));
        assertEquals("\"\\n\\r\\t\\b\\f\\u0001\\u001f\"", GoJson.write("\n\r\t\b\f\u0001\u001f"));
        assertEquals("\"\\u2028\\u2029\"", GoJson.write("\u2028\u2029"));
        assertEquals("\"\u007f é 中 \uD83D\uDE00\"", GoJson.write("\u007f é 中 \uD83D\uDE00"));
        assertEquals("\"a\\ufffdb\\ufffd\"", GoJson.write("a\uD800b\uDC00"));
    }

    @Test
    void mapKeysAreSortedByCodePoint() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1);
        m.put("a", "x");
        m.put("B", true);
        m.put("\uFF21", 1); // U+FF21 sorts before U+1F600 in code points, after it in UTF-16
        m.put("\uD83D\uDE00", 2);
        m.put("", null);
        assertEquals("{\"\":null,\"B\":true,\"a\":\"x\",\"b\":1,\"\uFF21\":1,\"\uD83D\uDE00\":2}", GoJson.write(m));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", Map.of("y", 1, "x", List.of(1, 2.5, "s")));
        assertEquals("{\"z\":{\"x\":[1,2.5,\"s\"],\"y\":1}}", GoJson.write(nested));
    }

    @Test
    void normalizesJavaTypesAsGoWouldMarshalThem() {
        assertEquals("\"aGk=\"", GoJson.write(GoJson.normalize("hi".getBytes())));
        assertEquals("[1,2,3]", GoJson.write(GoJson.normalize(new int[] {1, 2, 3})));
        assertEquals("\"SECONDS\"", GoJson.write(GoJson.normalize(java.util.concurrent.TimeUnit.SECONDS)));
        assertEquals("\"2015-05-20T10:00:00.5Z\"", GoJson.write(Instant.parse("2015-05-20T10:00:00.500Z")));
        assertEquals(7L, GoJson.normalize(7));
        assertEquals(7L, GoJson.normalize(BigInteger.valueOf(7)));
        assertEquals("123456789012345678901234567890",
                GoJson.write(new BigInteger("123456789012345678901234567890")));
        assertThrows(IllegalArgumentException.class, () -> GoJson.normalize(Map.of(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> GoJson.normalize(new Object()));
    }

    @Test
    void parsesWhatGoAccepts() {
        Object v = GoJson.parse(" {\"a\": [1, -2.5e3, true, false, null, \"\\u00e9\\ud83d\\ude00\\/\"], \"a\": {}} ");
        assertEquals(Map.of("a", Map.of()), v);
        @SuppressWarnings("unchecked")
        List<Object> l = (List<Object>) GoJson.parse("[1, -2.5e3, true, null, \"\\u00e9\\ud83d\\ude00\\/\", 1.0]");
        assertEquals(Arrays.asList(1L, -2500.0, true, null, "é\uD83D\uDE00/", 1.0), l);
        assertEquals(1.2345678901234567e19, GoJson.parse("12345678901234567890"));
        assertEquals("\uFFFDx", GoJson.parse("\"\\ud800x\""));
        assertNull(GoJson.parse("null"));
    }

    @Test
    void rejectsWhatGoRejects() {
        for (String bad : List.of("", "{", "{\"a\":1,}", "[1,]", "01", "1.", ".5", "+1", "NaN", "'a'", "\"\t\"",
                "\"\\x\"", "{\"a\" 1}", "[1] x", "tru", "1e400", "\"\\u12g4\"", "{a:1}")) {
            assertThrows(JsonException.class, () -> GoJson.parse(bad), bad);
        }
    }

    @Test
    void goTimeFormat() {
        assertEquals("0001-01-01T00:00:00Z", GoTime.format(GoTime.ZERO));
        assertEquals("2015-05-20T10:00:00Z", GoTime.format(OffsetDateTime.parse("2015-05-20T10:00:00Z")));
        assertEquals("2015-05-20T10:00:00.123456789+02:00",
                GoTime.format(OffsetDateTime.parse("2015-05-20T10:00:00.123456789+02:00")));
        assertEquals("2015-05-20T10:00:00.12-05:30", GoTime.format(OffsetDateTime.parse("2015-05-20T10:00:00.120-05:30")));
    }

    @Test
    void goTimeParse() {
        assertTrue(GoTime.isZero(GoTime.parse("0001-01-01T00:00:00Z")));
        assertEquals(OffsetDateTime.of(2015, 5, 20, 10, 0, 0, 500_000_000, ZoneOffset.ofHours(2)),
                GoTime.parse("2015-05-20T10:00:00.5+02:00"));
        assertEquals(Instant.parse("2015-05-20T10:00:00.123456789Z"),
                GoTime.parse("2015-05-20T10:00:00.1234567891Z").toInstant());
        for (String bad : List.of("2015-05-20", "2015-05-20 10:00:00Z", "2015-05-20T10:00:00", "2015-05-20T10:00Z",
                "2015-13-20T10:00:00Z", "2015-05-20T10:00:00.Z", "2015-05-20T10:00:00+0200", "2015-05-20T10:00:00z",
                "2015-05-20T24:00:00Z", "2015-05-20T10:00:00+24:00", "2015-05-20T10:00:00Zx")) {
            assertThrows(JsonException.class, () -> GoTime.parse(bad), bad);
        }
    }
}
