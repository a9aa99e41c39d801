package dev.disque.client.error;

/** {@code -BADID}: a job ID that is not in Disque's format. */
public class BadJobIdException extends DisqueCommandException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text as the server sent it
     */
    public BadJobIdException(String message) {
        super(message);
    }
}
