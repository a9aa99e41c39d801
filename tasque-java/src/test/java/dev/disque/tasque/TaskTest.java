// Task parameters: JSON-able values only, typed getters that convert exactly (and fail as non-retryable when they
// cannot), read-only received tasks, attempt numbers from Meta and the job's counters.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TaskTest {

    private static Task roundTrip(Task t) {
        return TaskCodec.decode(TaskCodec.encode(t, Instant.EPOCH.atOffset(ZoneOffset.UTC)));
    }

    @Test
    void typedGetters() {
        UUID u = UUID.randomUUID();
        Task t = roundTrip(Task.named("t").set("i", 42).set("d", 2.5).set("whole", 3.0).set("s", "x").set("b", true)
                .set("list", List.of(1, 2)).set("map", Map.of("k", "v")).set("when", Instant.parse("2020-01-02T03:04:05Z"))
                .set("u", u).set("unit", TimeUnit.SECONDS).set("bytes", new byte[] {1, 2, 3}).set("nanos", 1_500_000_000L)
                .set("n", null).set("big", new BigInteger("123456789012345678901234567890")));
        assertEquals(42, t.param("i", Integer.class));
        assertEquals(42, (int) t.param("i", int.class));
        assertEquals(42L, t.param("i", Long.class));
        assertEquals(42.0, t.param("i", Double.class));
        assertEquals(new BigDecimal("42"), t.param("i", BigDecimal.class));
        assertEquals(2.5, t.param("d", Double.class));
        assertEquals(3, t.param("whole", Integer.class));
        assertEquals("x", t.param("s", String.class));
        assertEquals(true, t.param("b", Boolean.class));
        assertEquals(List.of(1L, 2L), t.param("list", List.class));
        assertEquals(Map.of("k", "v"), t.param("map", Map.class));
        assertEquals(Instant.parse("2020-01-02T03:04:05Z"), t.param("when", Instant.class));
        assertEquals(u, t.param("u", UUID.class));
        assertEquals(TimeUnit.SECONDS, t.param("unit", TimeUnit.class));
        assertArrayEquals(new byte[] {1, 2, 3}, t.param("bytes", byte[].class));
        assertEquals(Duration.ofMillis(1500), t.param("nanos", Duration.class));
        assertNull(t.param("n", String.class));
        assertTrue(t.hasParam("n"));
        assertNull(t.param("absent", String.class));
        assertEquals("dflt", t.param("absent", String.class, "dflt"));
        assertEquals(1.2345678901234568e29, t.param("big", Double.class));
    }

    @Test
    void conversionsThatWouldLoseDataAreNonRetryableErrors() {
        Task t = roundTrip(Task.named("t").set("d", 2.5).set("s", "x").set("huge", Long.MAX_VALUE));
        assertThrows(TaskParamException.class, () -> t.param("d", Integer.class));
        assertThrows(TaskParamException.class, () -> t.param("s", Integer.class));
        assertThrows(TaskParamException.class, () -> t.param("huge", Integer.class));
        assertThrows(TaskParamException.class, () -> t.param("s", Instant.class));
        assertThrows(TaskParamException.class, () -> t.param("d", String.class));
        TaskParamException e = assertThrows(TaskParamException.class, () -> t.requireParam("missing", String.class));
        assertTrue(e instanceof NonRetryableException);
        assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
    }

    @Test
    void onlyJsonValuesAreAccepted() {
        assertThrows(IllegalArgumentException.class, () -> Task.named("t").set("o", new Object()));
        assertThrows(IllegalArgumentException.class, () -> Task.named("t").set("nan", Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Task.named("t").set("m", Map.of(1, 2)));
        assertThrows(IllegalArgumentException.class, () -> Task.named("t").retry(Duration.ZERO));
    }

    @Test
    void receivedTasksAreReadOnlyAndCountAttempts() {
        Task t = TaskCodec.decode("{\"Name\":\"x\",\"Params\":{\"a\":1},\"EnqueueTime\":\"0001-01-01T00:00:00Z\","
                + "\"Meta\":{\"Attempt\":3,\"OriginalJobId\":\"D-1\",\"FirstEnqueueTime\":\"2020-01-01T00:00:00Z\"}}");
        assertThrows(IllegalStateException.class, () -> t.set("b", 2));
        assertThrows(UnsupportedOperationException.class, () -> t.params().put("b", 2));
        t.attach("D-2", "__tasque__x", 2, 1);
        assertEquals(6, t.attempt());
        assertEquals("D-1", t.originalJobId());
        assertEquals("D-2", t.jobId());
        assertEquals(Instant.parse("2020-01-01T00:00:00Z"), t.firstEnqueueTime().orElseThrow());
        assertTrue(t.enqueueTime().isEmpty());
        assertFalse(t.context().isCancelled());
        Task fresh = Task.named("y");
        assertEquals(1, fresh.attempt());
        assertNull(fresh.jobId());
        assertEquals("__tasque__y", fresh.queue());
    }

    @Test
    void backoffSchedule() {
        Backoff b = Backoff.exponential(Duration.ofSeconds(1), Duration.ofHours(1)).withJitter(0);
        assertEquals(Duration.ZERO, b.delay(1));
        assertEquals(Duration.ofSeconds(1), b.delay(2));
        assertEquals(Duration.ofSeconds(2), b.delay(3));
        assertEquals(Duration.ofSeconds(1024), b.delay(12));
        assertEquals(Duration.ofSeconds(2048), b.delay(13));
        assertEquals(Duration.ofHours(1), b.delay(14));
        assertEquals(Duration.ofHours(1), b.delay(200));
        Backoff half = Backoff.exponential(Duration.ofSeconds(10), Duration.ofHours(1)).withRandom(() -> 0.999);
        assertEquals(Duration.ofMillis(5005), half.delay(2)); // 50% jitter: drawn from [5 s, 10 s]
        Duration total = Duration.ZERO;
        for (int n = 1; n < 25; n++) total = total.plus(b.delay(n));
        assertTrue(total.compareTo(Duration.ofHours(13)) < 0, "the default schedule fits Disque's default TTL: " + total);
        assertEquals(Duration.ZERO, Backoff.exponential(Duration.ofSeconds(1), Duration.ofHours(1))
                .withImmediateFirstRetry(false).withJitter(0).delay(0));
    }
}
