package dev.disque.client.error;

/** {@code -NOREPL}: ADDJOB could not reach the requested replication level (not enough reachable nodes, or the timeout passed). */
public class NoReplicationException extends DisqueCommandException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the error text as the server sent it
     */
    public NoReplicationException(String message) {
        super(message);
    }
}
