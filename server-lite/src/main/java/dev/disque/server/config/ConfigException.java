/*
 * ConfigException: a directive or value the server cannot accept.
 * The message is what the user sees (in the log at start, or in CONFIG SET).
 */
package dev.disque.server.config;

public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
