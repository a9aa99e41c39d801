package dev.disque.client.error;

/** {@code -LEAVING}: the node is leaving the cluster and will not block for GETJOB; the client moves to another node and retries where that is safe. */
public class LeavingException extends DisqueCommandException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text as the server sent it
     */
    public LeavingException(String message) {
        super(message);
    }
}
