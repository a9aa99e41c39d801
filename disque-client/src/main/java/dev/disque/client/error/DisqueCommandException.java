package dev.disque.client.error;

import io.lettuce.core.RedisCommandExecutionException;

/**
 * A Disque error reply with a code of its own ({@code -NOREPL}, {@code -PAUSED}, ...). Each code has a subclass;
 * {@code -ERR} replies stay plain {@link RedisCommandExecutionException}s, as Lettuce raises them.
 */
public class DisqueCommandException extends RedisCommandExecutionException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text as the server sent it, code first
     */
    public DisqueCommandException(String message) {
        super(message);
    }

    /** @return the error code: the first word of the message */
    public String getCode() {
        String m = getMessage();
        if (m == null) return "";
        int space = m.indexOf(' ');
        return space < 0 ? m : m.substring(0, space);
    }
}
