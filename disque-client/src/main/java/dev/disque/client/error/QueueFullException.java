package dev.disque.client.error;

/** {@code -MAXLEN}: ADDJOB refused because the queue already holds MAXLEN jobs. */
public class QueueFullException extends DisqueCommandException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text as the server sent it
     */
    public QueueFullException(String message) {
        super(message);
    }
}
