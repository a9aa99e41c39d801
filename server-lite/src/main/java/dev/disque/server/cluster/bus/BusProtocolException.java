/*
 * BusProtocolException: a peer sent something that is not a valid bus
 * frame. The link it came on is closed and the reason logged; the node
 * itself goes on.
 */
package dev.disque.server.cluster.bus;

public final class BusProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BusProtocolException(String message) {
        super(message, null, false, false);
    }
}
