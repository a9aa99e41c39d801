/*
 * Link: the byte streams under a RespConnection, whatever carries them (a
 * TCP socket, TLS over it, or a Unix domain socket). close() may come from
 * another thread to abort a blocked read.
 */
package dev.disque.cli.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

interface Link {
    InputStream in() throws IOException;

    OutputStream out() throws IOException;

    /** Milliseconds a read may block before it fails with a SocketTimeoutException; 0 = for ever. */
    void readTimeout(int millis) throws IOException;

    boolean isClosed();

    void close();

    /** Opens the link an endpoint describes, or throws an IOException whose message says why. */
    static Link open(Endpoint e) throws IOException {
        if (e.unixSocket() != null) return UnixLink.open(e.unixSocket());
        return SocketLink.open(e);
    }
}
