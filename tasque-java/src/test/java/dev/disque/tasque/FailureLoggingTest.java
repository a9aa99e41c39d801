// Failed tasks are not silent: each failed attempt is a WARNING with the task name, job ID, attempt and error, a
// dead letter is an ERROR, the stack trace goes with the first line of each distinct cause only, and all of it can
// be turned down.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class FailureLoggingTest extends TasqueFixture {

    /** Fails with an IllegalStateException, or an ArithmeticException for n = 0, always from the same lines. */
    private static final Handler FAILING = Handler.of("charge", t -> {
        long n = t.requireParam("n", Long.class);
        if (n == 0) throw new ArithmeticException("division by zero in order " + n);
        throw new IllegalStateException("card declined for order " + n);
    });

    private Worker worker(FailureLogging logging) {
        return startWorker(b -> b.maxAttempts(3).failureLogging(logging)
                .retryPolicy((t, e) -> RetryDecision.retryNow()).handle(FAILING));
    }

    @Test
    void eachFailureIsAWarningAndTheDeadLetterAnError() {
        try (LogCapture logs = LogCapture.failures()) {
            String id = client.submit(Task.named("charge").set("n", 7));
            Worker w = worker(FailureLogging.DEFAULTS);
            await("dead letter", () -> w.stats().deadLettered() == 1);

            List<LogRecord> warnings = logs.at(Level.WARNING, "task charge (" + id + ")");
            assertEquals(2, warnings.size(), () -> messages(logs.records));
            assertEquals("tasque: task charge (" + id + ") attempt 1 of 3 failed, retrying now: "
                    + "java.lang.IllegalStateException: card declined for order 7", warnings.get(0).getMessage());
            assertTrue(warnings.get(1).getMessage().contains("attempt 2 of 3 failed"), warnings.get(1).getMessage());
            List<LogRecord> errors = logs.at(Level.SEVERE, "task charge (" + id + ")");
            assertEquals(1, errors.size(), () -> messages(logs.records));
            assertEquals("tasque: task charge (" + id + ") moved to __tasque_dead__charge (max-attempts) after attempt 3: "
                    + "java.lang.IllegalStateException: card declined for order 7", errors.get(0).getMessage());

            // One cause, one stack trace: with the first line only.
            assertNotNull(warnings.get(0).getThrown());
            assertNull(warnings.get(1).getThrown());
            assertNull(errors.get(0).getThrown());
        }
    }

    @Test
    void aNewCauseGetsItsOwnStackTrace() {
        try (LogCapture logs = LogCapture.failures()) {
            String a = client.submit(Task.named("charge").set("n", 1));
            String b = client.submit(Task.named("charge").set("n", 0));
            String c = client.submit(Task.named("charge").set("n", 2));
            Worker w = worker(FailureLogging.DEFAULTS);
            await("3 dead letters", () -> w.stats().deadLettered() == 3);

            // Two causes (IllegalStateException and ArithmeticException): exactly two lines carry a trace, one each,
            // however the three tasks interleaved; every task still has its own lines.
            List<LogRecord> traced = logs.records.stream().filter(r -> r.getThrown() != null).toList();
            assertEquals(2, traced.size(), () -> messages(logs.records));
            assertEquals(List.of("java.lang.ArithmeticException", "java.lang.IllegalStateException"),
                    traced.stream().map(r -> r.getThrown().getClass().getName()).sorted().toList());
            for (String id : List.of(a, b, c)) {
                assertEquals(2, logs.at(Level.WARNING, "(" + id + ")").size(), () -> messages(logs.records));
                assertEquals(1, logs.at(Level.SEVERE, "(" + id + ")").size(), () -> messages(logs.records));
            }
        }
    }

    @Test
    void levelsAndStackTracesAreConfigurable() {
        try (LogCapture logs = LogCapture.failures()) {
            String id = client.submit(Task.named("charge").set("n", 5));
            FailureLogging quietRetries = FailureLogging.DEFAULTS.withFailureLevel(Logger.Level.DEBUG)
                    .withStackTraces(FailureLogging.StackTraces.ALWAYS);
            Worker w = worker(quietRetries);
            await("dead letter", () -> w.stats().deadLettered() == 1);
            assertEquals(2, logs.at(Level.FINE, "(" + id + ")").size(), () -> messages(logs.records));
            assertEquals(List.of(), logs.at(Level.WARNING, "(" + id + ")"));
            List<LogRecord> errors = logs.at(Level.SEVERE, "(" + id + ")");
            assertEquals(1, errors.size());
            assertNotNull(errors.get(0).getThrown());
        }
    }

    @Test
    void offLeavesFailuresToListeners() {
        try (LogCapture logs = LogCapture.failures()) {
            String id = client.submit(Task.named("charge").set("n", 9));
            Worker w = worker(FailureLogging.off());
            await("dead letter", () -> w.stats().deadLettered() == 1);
            assertEquals(3, w.stats().failed());
            assertEquals("", messages(logs.records.stream().filter(r -> r.getMessage().contains(id)).toList()));
        }
    }

    private static String messages(List<LogRecord> records) {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : records) sb.append(r.getLevel()).append(' ').append(r.getMessage()).append('\n');
        return sb.toString();
    }
}
