package dev.disque.client.error;

/** {@code -NOJOB}: WORKING on a job this node does not know (or that was acknowledged). */
public class NoSuchJobException extends DisqueCommandException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text as the server sent it
     */
    public NoSuchJobException(String message) {
        super(message);
    }
}
