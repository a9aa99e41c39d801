package dev.disque.client.error;

/** {@code -PAUSED}: ADDJOB refused because the queue is paused for input. */
public class QueuePausedException extends DisqueCommandException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text as the server sent it
     */
    public QueuePausedException(String message) {
        super(message);
    }
}
