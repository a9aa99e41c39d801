// Cron expressions: the five crontab fields with ranges, lists, steps and names, the day-of-month/day-of-week "or"
// rule, shorthands, daylight-saving gaps, and fixed rates aligned to the epoch. Pure computation, no server.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
    private static Instant next(String cron, String after) {
        return CronExpression.parse(cron).next(Instant.parse(after), ZoneOffset.UTC);
    }

    @Test
    void fieldsRangesListsAndSteps() {
        assertEquals(Instant.parse("2025-06-02T10:15:00Z"), next("*/15 * * * *", "2025-06-02T10:07:12Z"));
        assertEquals(Instant.parse("2025-06-02T10:30:00Z"), next("*/15 * * * *", "2025-06-02T10:15:00Z"));
        assertEquals(Instant.parse("2025-06-03T03:00:00Z"), next("0 3 * * *", "2025-06-02T03:00:00Z"));
        assertEquals(Instant.parse("2025-06-02T12:05:00Z"), next("5,35 9-17/3 * * *", "2025-06-02T09:35:00Z"));
        assertEquals(Instant.parse("2025-07-01T00:00:00Z"), next("@monthly", "2025-06-02T10:00:00Z"));
        assertEquals(Instant.parse("2025-06-02T11:00:00Z"), next("@hourly", "2025-06-02T10:00:00Z"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), next("@yearly", "2025-06-02T10:00:00Z"));
    }

    @Test
    void namesAndDaysOfWeek() {
        // 2025-06-06 is a Friday: the next weekday 09:00 is Monday the 9th.
        assertEquals(Instant.parse("2025-06-09T09:00:00Z"), next("0 9 * * MON-FRI", "2025-06-06T10:00:00Z"));
        assertEquals(Instant.parse("2025-06-08T00:00:00Z"), next("0 0 * * 7", "2025-06-06T10:00:00Z"));
        assertEquals(Instant.parse("2025-06-08T00:00:00Z"), next("0 0 * * sun", "2025-06-06T10:00:00Z"));
        assertEquals(Instant.parse("2025-12-01T00:00:00Z"), next("0 0 1 DEC *", "2025-06-06T10:00:00Z"));
        // Both day fields restricted: either matches (the 13th, or a Friday).
        assertEquals(Instant.parse("2025-06-13T00:00:00Z"), next("0 0 13 * FRI", "2025-06-07T00:00:00Z"));
        assertEquals(Instant.parse("2025-06-06T00:00:00Z"), next("0 0 13 * FRI", "2025-06-01T00:00:00Z"));
        // February 29th, years away.
        assertEquals(Instant.parse("2028-02-29T00:00:00Z"), next("0 0 29 2 *", "2025-03-01T00:00:00Z"));
    }

    @Test
    void wallClockTimeInAZone() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        CronExpression c = CronExpression.parse("30 2 * * *");
        // 2025-03-30 02:30 does not exist in Berlin (clocks jump from 02:00 to 03:00): it runs right after the gap.
        assertEquals(Instant.parse("2025-03-30T01:30:00Z"), c.next(Instant.parse("2025-03-29T12:00:00Z"), berlin));
        assertEquals(Instant.parse("2025-03-31T00:30:00Z"), c.next(Instant.parse("2025-03-30T01:30:00Z"), berlin));
    }

    @Test
    void badExpressions() {
        for (String bad : new String[] {"* * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *", "*/0 * * * *",
                "a * * * *", "5-1 * * * *", "* * * * MON-XYZ"}) {
            assertThrows(IllegalArgumentException.class, () -> CronExpression.parse(bad), bad);
        }
        assertThrows(IllegalStateException.class, () -> next("0 0 30 2 *", "2025-01-01T00:00:00Z"));
    }

    @Test
    void fixedRatesAreMultiplesOfThePeriodSinceTheEpoch() {
        Schedule s = Schedule.every("s", Duration.ofMinutes(5), Task.named("t"));
        assertEquals(Instant.parse("2025-06-02T10:10:00Z"), s.next(Instant.parse("2025-06-02T10:07:12Z")));
        assertEquals(Instant.parse("2025-06-02T10:15:00Z"), s.next(Instant.parse("2025-06-02T10:10:00Z")));
        assertEquals(Instant.parse("2025-06-03T00:00:00Z"),
                Schedule.every("d", Duration.ofDays(1), Task.named("t")).next(Instant.parse("2025-06-02T10:07:12Z")));
        assertThrows(IllegalArgumentException.class, () -> Schedule.every("x", Duration.ofMillis(1500), Task.named("t")));
        assertThrows(IllegalArgumentException.class, () -> Schedule.every("x", Duration.ZERO, Task.named("t")));
    }
}
