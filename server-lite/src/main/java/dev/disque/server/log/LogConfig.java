/*
 * LogConfig: makes the loglevel and logfile directives of a running
 * standalone server take effect at once, at start and on CONFIG SET.
 *
 * The log file is opened before the new value is accepted, so a CONFIG SET
 * to a file that cannot be written is refused with the reason, and logging
 * goes on where it was, instead of answering OK and losing the log.
 * Embedded servers do not use it: their host application owns logging.
 */
package dev.disque.server.log;

import dev.disque.server.config.ConfigException;
import dev.disque.server.config.ServerConfig;
import java.io.IOException;

public final class LogConfig {
    private LogConfig() {
    }

    /** Applies the configuration's log settings now and whenever they change. */
    public static void follow(ServerConfig config) throws IOException {
        LogSink.setLevel(config.get("loglevel"));
        LogSink.setFile(path(config, config.get("logfile")));
        config.addCheck((name, value) -> {
            if (!name.equals("logfile")) return;
            try {
                LogSink.setFile(path(config, value));
            } catch (IOException e) {
                throw new ConfigException("can't open the log file: " + e.getMessage());
            }
        });
        config.onChange((name, value) -> {
            if (name.equals("loglevel")) LogSink.setLevel(value);
        });
    }

    private static String path(ServerConfig config, String logfile) {
        return logfile.isEmpty() ? "" : config.resolve(logfile).toString();
    }
}
