// Wire compatibility with Go tasque, in both directions: the exact bytes a Java producer writes (golden bodies, the
// seed's two tasks included) and the bodies a Go producer writes, read by a Java worker through a real server.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.model.Job;
import dev.disque.tasque.json.JsonException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GoWireFormatTest extends TasqueFixture {
    private static final Instant T = Instant.parse("2015-06-01T10:20:30.123Z");
    private static final String TS = "\"EnqueueTime\":\"2015-06-01T10:20:30.123Z\"";

    private static String body(Task t) {
        return TaskCodec.encode(t, T.atOffset(ZoneOffset.UTC));
    }

    @Test
    void seedTasksGolden() {
        assertEquals("{\"Name\":\"download\",\"Params\":{\"url\":\"http://google.com\"}," + TS + "}",
                body(Task.named("download").set("url", "http://google.com")));
        assertEquals("{\"Name\":\"foo\",\"Params\":{\"text\":\"I am the kind of world.\"}," + TS + "}",
                body(Task.named("foo").set("text", "I am the kind of world.")));
        // What Go writes for the same tasks (it never sets EnqueueTime): the zero time.
        assertEquals("{\"Name\":\"download\",\"Params\":{\"url\":\"http://google.com\"},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}",
                TaskCodec.encode(Task.named("download").set("url", "http://google.com"), null));
    }

    @Test
    void paramsGolden() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k2", 1);
        nested.put("k1", 1e21);
        Task t = Task.named("mixed").set("z", 1).set("a", "<b>&\"\n\u2028é").set("m", 2.5).set("n", null)
                .set("list", List.of(1, "x", true, 0.000001, 1e-7)).set("nested", nested).set("big", 12345678901L)
                .set("f", 0.1f).set("neg", -0.5).set("bytes", "hi".getBytes()).set("B", false);
        assertEquals("{\"Name\":\"mixed\",\"Params\":{\"B\":false,\"a\":\"\\u003cb\\u003e\\u0026\\\"\\n\\u2028é\","
                + "\"big\":12345678901,\"bytes\":\"aGk=\",\"f\":0.1,\"list\":[1,\"x\",true,0.000001,1e-7],\"m\":2.5,"
                + "\"n\":null,\"neg\":-0.5,\"nested\":{\"k1\":1e+21,\"k2\":1},\"z\":1}," + TS + "}", body(t));
        assertEquals("{\"Name\":\"empty\",\"Params\":{}," + TS + "}", body(Task.named("empty")));
        assertEquals("{\"Name\":\"a\\u0026b\",\"Params\":{}," + TS + "}", body(Task.named("a&b")));
    }

    @Test
    void timesAreRfc3339LikeGo() {
        Task t = Task.named("x");
        assertTrue(TaskCodec.encode(t, Instant.parse("2015-06-01T10:20:30Z").atOffset(ZoneOffset.UTC))
                .endsWith("\"EnqueueTime\":\"2015-06-01T10:20:30Z\"}"));
        assertTrue(TaskCodec.encode(t, Instant.parse("2015-06-01T10:20:30.000001Z").atOffset(ZoneOffset.UTC))
                .endsWith("\"EnqueueTime\":\"2015-06-01T10:20:30.000001Z\"}"));
    }

    @Test
    void goBodiesDecode() {
        Task t = TaskCodec.decode("{\"Name\":\"download\",\"Params\":{\"url\":\"http://google.com\"},"
                + "\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}");
        assertEquals("download", t.name());
        assertEquals("http://google.com", t.param("url", String.class));
        assertTrue(t.enqueueTime().isEmpty());
        assertEquals(1, t.attempt());

        // Go's NewTask("incr").Set("num", 10): an integer; a Go worker reads float64, a Java one any number type.
        Task n = TaskCodec.decode("{\"Name\":\"incr\",\"Params\":{\"num\":10,\"ratio\":0.5},\"EnqueueTime\":"
                + "\"2015-06-01T12:20:30.123456789+02:00\"}");
        assertEquals(10, n.param("num", Integer.class));
        assertEquals(10.0, n.param("num", Double.class));
        assertEquals(0.5, n.param("ratio", double.class));
        assertEquals(Instant.parse("2015-06-01T10:20:30.123456789Z"), n.enqueueTime().orElseThrow());

        // Case-insensitive keys, unknown keys ignored, null Params, no EnqueueTime.
        Task c = TaskCodec.decode("{\"name\":\"foo\",\"PARAMS\":null,\"Extra\":[1,2],\"Meta\":\"junk\"}");
        assertEquals("foo", c.name());
        assertTrue(c.params().isEmpty());
        assertTrue(c.enqueueTime().isEmpty());
        assertEquals(1, c.attempt());
    }

    @Test
    void undecodableBodies() {
        for (String bad : List.of("", "not json", "[1]", "null", "{}", "{\"Name\":5}", "{\"Name\":\"\"}",
                "{\"Name\":\"x\",\"Params\":[1]}", "{\"Name\":\"x\",\"EnqueueTime\":\"yesterday\"}",
                "{\"Name\":\"x\",\"EnqueueTime\":12}", "{\"Name\":\"x\"} trailing")) {
            assertThrows(JsonException.class, () -> TaskCodec.decode(bad), bad);
        }
    }

    @Test
    void goBodiesReencodeToTheSameBytes() {
        for (String go : List.of(
                "{\"Name\":\"download\",\"Params\":{\"url\":\"http://google.com\"},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}",
                "{\"Name\":\"incr\",\"Params\":{\"num\":10},\"EnqueueTime\":\"2015-06-01T12:20:30.123456789+02:00\"}",
                "{\"Name\":\"n\",\"Params\":null,\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}",
                "{\"Name\":\"h\",\"Params\":{\"a\":\"\\u003c\\u0026\\u003e\",\"b\":[1.5,1e+21,1e-7,{\"y\":null,\"x\":true}]},"
                        + "\"EnqueueTime\":\"2015-06-01T10:20:30Z\"}")) {
            Task t = TaskCodec.decode(go);
            String again = TaskCodec.encode(t.name(), t.rawParams(), t.paramsNull(), t.rawEnqueueTime(), TaskMeta.NONE);
            // {"y":null,"x":true} comes back sorted, as Go would write it.
            assertEquals(go.replace("{\"y\":null,\"x\":true}", "{\"x\":true,\"y\":null}"), again);
        }
    }

    @Test
    void javaProducerWritesGoBytesOnTheServer() {
        try (TasqueClient producer = TasqueClient.builder(disque).clock(Clock.fixed(T, ZoneOffset.UTC)).build()) {
            producer.submit(Task.named("download").set("url", "http://google.com"));
            producer.submit(Task.named("foo").set("text", "I am the kind of world."));
        }
        List<Job<String, String>> d = queued("__tasque__download");
        assertEquals(1, d.size());
        assertEquals("{\"Name\":\"download\",\"Params\":{\"url\":\"http://google.com\"}," + TS + "}", d.get(0).body());
        assertEquals("{\"Name\":\"foo\",\"Params\":{\"text\":\"I am the kind of world.\"}," + TS + "}",
                queued("__tasque__foo").get(0).body());
    }

    @Test
    void goProducerFeedsAJavaWorker() {
        // Exactly what Go tasque's client.Do sends: ADDJOB __tasque__<name> <json> <timeout ms>.
        String goBody = "{\"Name\":\"download\",\"Params\":{\"url\":\"http://google.com\"},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}";
        String goBody2 = "{\"Name\":\"download\",\"Params\":{\"url\":\"http://example.org/?a=1\\u0026b=\\u003c2\\u003e\"},"
                + "\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}";
        String id = sync.addjob("__tasque__download", goBody, new AddJobArgs().timeout(Duration.ofSeconds(5)));
        sync.addjob("__tasque__download", goBody2, new AddJobArgs().timeout(Duration.ofSeconds(5)));
        List<String> urls = new CopyOnWriteArrayList<>();
        List<String> ids = new CopyOnWriteArrayList<>();
        Worker w = startWorker(b -> b.concurrency(1).handle(Handler.of("download", t -> {
            urls.add(t.param("url", String.class));
            ids.add(t.jobId());
            assertFalse(t.enqueueTime().isPresent());
        })));
        await("two tasks", () -> w.stats().succeeded() == 2);
        assertEquals(List.of("http://google.com", "http://example.org/?a=1&b=<2>"), urls);
        assertEquals(id, ids.get(0));
        assertNull(sync.show(id));
    }

    @Test
    void retryBodiesKeepGosKeysFirstAndAddMeta() {
        Task t = TaskCodec.decode("{\"Name\":\"x\",\"Params\":{\"a\":1},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}");
        t.attach("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-05a1", "__tasque__x", 0, 0);
        TaskMeta next = new TaskMeta(2, t.originalJobId(), t.rawEnqueueTime(), "boom", null, null, null, null);
        String body = TaskCodec.encode(t.name(), t.rawParams(), t.paramsNull(), T.atOffset(ZoneOffset.UTC), next);
        assertEquals("{\"Name\":\"x\",\"Params\":{\"a\":1}," + TS + ",\"Meta\":{\"Attempt\":2,"
                + "\"OriginalJobId\":\"D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-05a1\",\"FirstEnqueueTime\":"
                + "\"0001-01-01T00:00:00Z\",\"LastError\":\"boom\"}}", body);
        Task back = TaskCodec.decode(body);
        assertEquals(2, back.attempt());
        assertEquals("boom", back.lastError().orElseThrow());
        assertEquals(new ArrayList<>(Arrays.asList("a")), new ArrayList<>(back.params().keySet()));
    }
}
