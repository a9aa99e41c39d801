/*
 * ProtectedMode: Redis's "protected-mode yes" default, for a node that is
 * made to listen on a non-loopback address but has no requirepass set.
 *
 * Such a node would serve anyone who can reach it, with DEBUG FLUSHALL and
 * CONFIG SET at hand. Instead, clients connecting from any address other
 * than loopback get one explanatory -DENIED error (Redis's wording, adapted
 * to Disque) and are disconnected. Setting a password, or CONFIG SET
 * protected-mode no from a local client, opens the node.
 */
package dev.disque.server.net;

import dev.disque.server.core.Engine;
import dev.disque.server.core.LocalPeer;
import java.nio.charset.StandardCharsets;

final class ProtectedMode {
    static final byte[] DENIED = ("-DENIED Disque is running in protected mode because protected mode is enabled and"
            + " no password is set. In this mode connections are only accepted from the loopback interface. If you"
            + " want to connect from external computers to Disque you may adopt one of the following solutions:"
            + " 1) Just disable protected mode sending the command 'CONFIG SET protected-mode no' from the loopback"
            + " interface by connecting to Disque from the same host the server is running, however MAKE SURE Disque"
            + " is not publicly accessible from internet if you do so. Use CONFIG REWRITE to make this change"
            + " permanent. 2) Alternatively you can just disable the protected mode by editing the Disque"
            + " configuration file, and setting the protected mode option to 'no', and then restarting the server."
            + " 3) If you started the server manually just for testing, restart it with the '--protected-mode no'"
            + " option. 4) Set up an authentication password (requirepass). NOTE: You only need to do one of the"
            + " above things in order for the server to start accepting connections from the outside.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    private ProtectedMode() {
    }

    /** True when this peer must be refused. */
    static boolean denies(Engine engine, String remoteAddress) {
        return engine.config().getBool("protected-mode")
                && engine.config().get("requirepass").isEmpty()
                && !LocalPeer.isLoopback(remoteAddress);
    }
}
