package dev.disque.tasque;

/**
 * Thrown by a handler (or an interceptor) for a failure that retrying cannot fix: the task goes straight to its
 * dead-letter queue.
 */
public class NonRetryableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong
     */
    public NonRetryableException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public NonRetryableException(String message, Throwable cause) {
        super(message, cause);
    }
}
