/*
 * LogCapture: records what tasque logs (System.Logger, backed by
 * java.util.logging in the tests) while it is open, at every level, and
 * keeps it off the console. Restores the logger when closed.
 */
package dev.disque.tasque;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

final class LogCapture implements AutoCloseable {
    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    /** Held strongly: java.util.logging keeps loggers only weakly, and would forget the level set here. */
    private final Logger logger;
    private final Level oldLevel;
    private final boolean oldUseParent;
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        oldLevel = logger.getLevel();
        oldUseParent = logger.getUseParentHandlers();
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
    }

    /** Captures the worker's logger (dev.disque.tasque.Worker). */
    static LogCapture worker() {
        return new LogCapture(Worker.class.getName());
    }

    /** Captures the task-failure logger (dev.disque.tasque.FailureLog). */
    static LogCapture failures() {
        return new LogCapture(FailureLog.class.getName());
    }

    /** @return the records at WARNING or above */
    List<LogRecord> warningsAndErrors() {
        return records.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue()).toList();
    }

    /** @return the records at exactly this level whose message contains the text */
    List<LogRecord> at(Level level, String text) {
        return records.stream().filter(r -> r.getLevel().equals(level) && r.getMessage().contains(text)).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(oldLevel);
        logger.setUseParentHandlers(oldUseParent);
    }
}
