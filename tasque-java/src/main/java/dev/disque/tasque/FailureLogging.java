/*
 * FailureLogging: how loudly a worker reports failed tasks. A handler
 * that throws is retried, so nothing else would tell its operator that a
 * task keeps failing; by default every failed attempt is a WARNING line
 * and every dead letter an ERROR, with the stack trace printed once per
 * distinct cause (the same exception from the same place is one line per
 * attempt, not one trace per attempt).
 */
package dev.disque.tasque;

import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * How a {@link Worker} logs failed attempts and dead letters (through {@link System.Logger}, logger
 * {@code dev.disque.tasque.FailureLog}). Set with {@link Worker.Builder#failureLogging(FailureLogging)}; for anything
 * else (alerts, error trackers) add a {@link WorkerListener}.
 *
 * @param failureLevel the level of a failed attempt that will be retried (default WARNING)
 * @param deadLetterLevel the level of a task moved to the dead letters (default ERROR)
 * @param stackTraces when the exception's stack trace goes with the line
 */
public record FailureLogging(Level failureLevel, Level deadLetterLevel, StackTraces stackTraces) {

    /** When a failure's stack trace is logged. */
    public enum StackTraces {
        /** Never: the exception's {@code toString()} only. */
        NEVER,
        /** The first time a cause is seen (same exception class thrown from the same place), by this worker. */
        ONCE_PER_CAUSE,
        /** With every line. */
        ALWAYS
    }

    /** WARNING for each failed attempt, ERROR for dead letters, stack traces once per cause. */
    public static final FailureLogging DEFAULTS = new FailureLogging(Level.WARNING, Level.ERROR, StackTraces.ONCE_PER_CAUSE);

    /** Validates. */
    public FailureLogging {
        Objects.requireNonNull(failureLevel, "failureLevel");
        Objects.requireNonNull(deadLetterLevel, "deadLetterLevel");
        Objects.requireNonNull(stackTraces, "stackTraces");
    }

    /** @return nothing logged for failures and dead letters (listeners still see them) */
    public static FailureLogging off() {
        return new FailureLogging(Level.OFF, Level.OFF, StackTraces.NEVER);
    }

    /**
     * @param level the level of failed attempts
     * @return a copy with it
     */
    public FailureLogging withFailureLevel(Level level) {
        return new FailureLogging(level, deadLetterLevel, stackTraces);
    }

    /**
     * @param level the level of dead letters
     * @return a copy with it
     */
    public FailureLogging withDeadLetterLevel(Level level) {
        return new FailureLogging(failureLevel, level, stackTraces);
    }

    /**
     * @param when when stack traces are logged
     * @return a copy with it
     */
    public FailureLogging withStackTraces(StackTraces when) {
        return new FailureLogging(failureLevel, deadLetterLevel, when);
    }
}
