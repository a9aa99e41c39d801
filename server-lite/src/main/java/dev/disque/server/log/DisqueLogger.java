/*
 * DisqueLogger: an SLF4J logger that writes through LogSink. SLF4J levels
 * map onto Disque's: TRACE and DEBUG -> debug / verbose, INFO -> notice,
 * WARN and ERROR -> warning.
 */
package dev.disque.server.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

final class DisqueLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    DisqueLogger(String name) {
        this.name = name;
    }

    private static int map(Level level) {
        switch (level) {
            case TRACE: return LogSink.DEBUG;
            case DEBUG: return LogSink.VERBOSE;
            case INFO: return LogSink.NOTICE;
            default: return LogSink.WARNING;
        }
    }

    @Override
    public boolean isTraceEnabled() { return LogSink.enabled(LogSink.DEBUG); }
    @Override
    public boolean isDebugEnabled() { return LogSink.enabled(LogSink.VERBOSE); }
    @Override
    public boolean isInfoEnabled() { return LogSink.enabled(LogSink.NOTICE); }
    @Override
    public boolean isWarnEnabled() { return LogSink.enabled(LogSink.WARNING); }
    @Override
    public boolean isErrorEnabled() { return LogSink.enabled(LogSink.WARNING); }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args, Throwable t) {
        String msg = MessageFormatter.basicArrayFormat(pattern, args);
        LogSink.write(map(level), msg, t);
    }
}
