/*
 * DebugAccess: the enable-debug-command directive (Redis 7 semantics).
 *
 * DEBUG can freeze (SLEEP), empty (FLUSHALL) or reload (LOADAOF) a node,
 * so by default ("local") only clients on the loopback interface may run
 * it; "no" refuses it to everyone, "yes" allows it from anywhere. The
 * setting is read at start only, so a remote client cannot open it with
 * CONFIG SET.
 */
package dev.disque.server.command;

import dev.disque.server.core.Client;
import dev.disque.server.core.LocalPeer;

final class DebugAccess {
    static final String REFUSED = "ERR DEBUG command not allowed. If the enable-debug-command option is set to"
            + " \"local\", you can run it from a local connection, otherwise you need to set this option in the"
            + " configuration file, and then restart the server.";

    private DebugAccess() {
    }

    static boolean allowed(String setting, Client c) {
        switch (setting) {
            case "yes": return true;
            case "local": return LocalPeer.isLoopback(c.channel().remoteAddress());
            default: return false;
        }
    }
}
