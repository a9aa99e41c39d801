/*
 * ProtocolException: the client broke RESP. The message is the text after
 * "ERR Protocol error: "; the connection is answered and then closed.
 */
package dev.disque.server.net;

public final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message, null, false, false);
    }
}
