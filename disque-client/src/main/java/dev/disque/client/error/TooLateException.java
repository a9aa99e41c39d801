package dev.disque.client.error;

/** {@code -TOOLATE}: WORKING after half of the job's TTL elapsed; the delivery can no longer be postponed. */
public class TooLateException extends DisqueCommandException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text as the server sent it
     */
    public TooLateException(String message) {
        super(message);
    }
}
