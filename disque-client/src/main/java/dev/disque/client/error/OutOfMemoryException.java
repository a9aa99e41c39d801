package dev.disque.client.error;

/** {@code -OOM}: the server is over its maxmemory and refuses commands that add data. */
public class OutOfMemoryException extends DisqueCommandException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text as the server sent it
     */
    public OutOfMemoryException(String message) {
        super(message);
    }
}
