/*
 * FailureLog: writes the lines FailureLogging asks for. It remembers the
 * causes whose stack trace it printed (exception class and the frame that
 * threw it, per task name), so that a task failing 25 times, or 1 000
 * tasks failing for the same reason, print one trace and one short line
 * each. The memory is bounded: past MAX_CAUSES it starts again, which at
 * worst prints a trace twice. Its own logger, dev.disque.tasque.FailureLog,
 * lets logging configuration treat task failures apart from the worker's
 * other messages.
 */
package dev.disque.tasque;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

final class FailureLog {
    private static final System.Logger log = System.getLogger(FailureLog.class.getName());
    static final int MAX_CAUSES = 1000;

    private final FailureLogging config;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    FailureLog(FailureLogging config) {
        this.config = config;
    }

    /** A failed attempt that will be retried; {@code next} says how ("retrying in 4 s"). */
    void retried(Task task, int attempt, int maxAttempts, String next, Throwable error) {
        Level level = config.failureLevel();
        if (level == Level.OFF || !log.isLoggable(level)) return;
        String line = "tasque: task " + task.name() + " (" + task.jobId() + ") attempt " + attempt + " of " + maxAttempts
                + " failed, " + next + ": " + error;
        write(level, line, task.name(), error);
    }

    /** A task moved to its dead-letter queue. */
    void deadLettered(String name, String jobId, int attempt, DeadReason reason, Throwable error) {
        Level level = config.deadLetterLevel();
        if (level == Level.OFF || !log.isLoggable(level)) return;
        String line = "tasque: task " + name + " (" + jobId + ") moved to " + Tasque.deadQueueName(name) + " ("
                + reason.wire() + ") after attempt " + attempt + ": " + error;
        write(level, line, name, error);
    }

    private void write(Level level, String line, String name, Throwable error) {
        if (error != null && withStack(name, error)) log.log(level, line, error);
        else log.log(level, line);
    }

    private boolean withStack(String name, Throwable error) {
        return switch (config.stackTraces()) {
            case ALWAYS -> true;
            case NEVER -> false;
            case ONCE_PER_CAUSE -> {
                if (seen.size() >= MAX_CAUSES) seen.clear();
                yield seen.add(causeKey(name, error));
            }
        };
    }

    /** The task name, the exception class and where it was thrown; the message is left out (it often has IDs). */
    static String causeKey(String name, Throwable error) {
        StackTraceElement[] frames = error.getStackTrace();
        String where = frames.length == 0 ? "?" : frames[0].toString();
        Throwable cause = error.getCause();
        String because = cause == null ? "" : " <- " + cause.getClass().getName();
        return name + " " + error.getClass().getName() + " at " + where + because;
    }
}
