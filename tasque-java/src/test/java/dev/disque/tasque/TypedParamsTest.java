// Typed parameters: Task.of(name, record) and task.paramsAs(type) bind parameters to and from records and POJOs
// with Jackson, while the body stays the JSON object a Go producer writes and a Go worker reads.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.disque.client.args.AddJobArgs;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TypedParamsTest extends TasqueFixture {
    private static final Instant T = Instant.parse("2015-06-01T10:20:30.123Z");

    enum Currency { EUR, USD }

    record Line(String sku, int qty) {
    }

    record Order(String id, long cents, Currency currency, List<Line> lines, Instant placed, Duration hold,
            boolean gift, Double discount) {
    }

    /** A POJO with a renamed and an ignored property, as older code has them. */
    static final class Mail {
        @JsonProperty("to")
        public String recipient;
        public String subject;
        @JsonIgnore
        public String cached = "not sent";
    }

    private static final Order ORDER = new Order("A-17", 1250, Currency.EUR,
            List.of(new Line("tea", 2), new Line("cup", 1)), T, Duration.ofSeconds(90), false, null);

    @Test
    void aRecordWritesTheSameBodyAsSetCalls() {
        Task typed = Task.of("charge", ORDER);
        Task byHand = Task.named("charge").set("id", "A-17").set("cents", 1250).set("currency", "EUR")
                .set("lines", List.of(Map.of("sku", "tea", "qty", 2), Map.of("sku", "cup", "qty", 1)))
                .set("placed", T).set("hold", 90_000_000_000L).set("gift", false).set("discount", null);
        String body = TaskCodec.encode(typed, T.atOffset(ZoneOffset.UTC));
        // Go's bytes: Params keys sorted, nested maps too, times RFC 3339, durations in nanoseconds.
        assertEquals("{\"Name\":\"charge\",\"Params\":{\"cents\":1250,\"currency\":\"EUR\",\"discount\":null,"
                + "\"gift\":false,\"hold\":90000000000,\"id\":\"A-17\",\"lines\":[{\"qty\":2,\"sku\":\"tea\"},"
                + "{\"qty\":1,\"sku\":\"cup\"}],\"placed\":\"2015-06-01T10:20:30.123Z\"},"
                + "\"EnqueueTime\":\"2015-06-01T10:20:30.123Z\"}", body);
        assertEquals(TaskCodec.encode(byHand, T.atOffset(ZoneOffset.UTC)), body);
        assertEquals(ORDER, TaskCodec.decode(body).paramsAs(Order.class));
    }

    @Test
    void aWorkerReceivesTheRecordThroughTheServer() {
        List<Order> received = new CopyOnWriteArrayList<>();
        startWorker(b -> b.handle(Handler.of("charge", t -> received.add(t.paramsAs(Order.class)))));
        client.submit(Task.of("charge", ORDER));
        await("order handled", () -> received.size() == 1);
        assertEquals(ORDER, received.get(0));
    }

    @Test
    void aGoProducersParamsBindLikeEncodingJson() {
        // Go's encoding/json matches names ignoring case and ignores unknown keys; so does paramsAs.
        String goBody = "{\"Name\":\"charge\",\"Params\":{\"ID\":\"B-2\",\"Cents\":99.0,\"currency\":\"USD\","
                + "\"lines\":null,\"placed\":\"2015-06-01T12:20:30.5+02:00\",\"hold\":1500000000,\"gift\":true,"
                + "\"discount\":0.25,\"trackingCode\":\"x\"},\"EnqueueTime\":\"0001-01-01T00:00:00Z\"}";
        sync.addjob("__tasque__charge", goBody, new AddJobArgs().timeout(Duration.ofSeconds(5)));
        List<Order> received = new CopyOnWriteArrayList<>();
        startWorker(b -> b.handle(Handler.of("charge", t -> received.add(t.paramsAs(Order.class)))));
        await("order handled", () -> received.size() == 1);
        assertEquals(new Order("B-2", 99, Currency.USD, null, Instant.parse("2015-06-01T10:20:30.5Z"),
                Duration.ofMillis(1500), true, 0.25), received.get(0));
    }

    @Test
    void pojosWithJacksonAnnotations() {
        Mail m = new Mail();
        m.recipient = "ops@example.org";
        m.subject = "<failed>";
        Task t = Task.of("mail", m);
        assertEquals(Map.of("to", "ops@example.org", "subject", "<failed>"), t.params());
        assertTrue(TaskCodec.encode(t, null).contains("\"subject\":\"\\u003cfailed\\u003e\""));
        Mail back = TaskCodec.decode(TaskCodec.encode(t, null)).paramsAs(Mail.class);
        assertEquals("ops@example.org", back.recipient);
        assertEquals("<failed>", back.subject);
        assertEquals("not sent", back.cached);
        // A map works as the parameters too.
        assertEquals(Map.of("a", 1L), Task.of("m", Map.of("a", 1)).params());
    }

    @Test
    void parametersThatDoNotFitAreNotRetried() {
        client.submit(Task.named("charge").set("id", "C-3").set("cents", "twelve"));
        Worker w = startWorker(b -> b.handle(Handler.of("charge", t -> t.paramsAs(Order.class))));
        await("dead letter", () -> w.stats().deadLettered() == 1);
        DeadTask d = client.deadLetters().list("charge", 1).get(0);
        assertEquals(DeadReason.NON_RETRYABLE, d.deadReason().orElseThrow());
        assertTrue(d.lastError().contains("TaskParamException: task 'charge': its parameters do not fit"), d.lastError());
        assertEquals(1, w.stats().failed());
        assertEquals(0, w.stats().retried());
    }

    @Test
    void somethingWithoutPropertiesIsNotParameters() {
        assertThrows(IllegalArgumentException.class, () -> Task.of("x", "just a string"));
        assertThrows(IllegalArgumentException.class, () -> Task.of("x", List.of(1, 2)));
    }
}
