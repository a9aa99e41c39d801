/*
 * LogSink: where the server's log lines go, in Redis's format:
 *   pid:M dd Mon HH:mm:ss.SSS * message
 * with '.' debug, '-' verbose, '*' notice, '#' warning. The level and the
 * file follow the loglevel and logfile directives, at start and on CONFIG
 * SET. One sink per JVM, as a process has one log.
 */
package dev.disque.server.log;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

public final class LogSink {
    public static final int DEBUG = 0;
    public static final int VERBOSE = 1;
    public static final int NOTICE = 2;
    public static final int WARNING = 3;

    private static final char[] MARKS = {'.', '-', '*', '#'};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd MMM HH:mm:ss.SSS", Locale.ENGLISH);
    private static final long PID = ProcessHandle.current().pid();

    private static volatile int level = levelOf(System.getProperty("disque.loglevel", "notice"));
    private static volatile String file = "";
    private static PrintStream fileStream;

    private LogSink() {
    }

    public static int levelOf(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "debug": return DEBUG;
            case "verbose": return VERBOSE;
            case "warning": return WARNING;
            default: return NOTICE;
        }
    }

    public static void setLevel(String name) {
        level = levelOf(name);
    }

    public static boolean enabled(int lvl) {
        return lvl >= level;
    }

    /** Sends further lines to this file (appending), or to standard output when empty. */
    public static synchronized void setFile(String path) throws IOException {
        if (path.equals(file)) return;
        PrintStream next = null;
        if (!path.isEmpty()) {
            OutputStream os = new FileOutputStream(path, true);
            next = new PrintStream(os, true, StandardCharsets.UTF_8);
        }
        if (fileStream != null) fileStream.close();
        fileStream = next;
        file = path;
    }

    public static synchronized void write(int lvl, String message, Throwable t) {
        if (!enabled(lvl)) return;
        PrintStream out = fileStream != null ? fileStream : System.out;
        out.println(PID + ":M " + LocalDateTime.now().format(TIME) + " " + MARKS[lvl] + " " + message);
        if (t != null) t.printStackTrace(out);
        out.flush();
    }
}
