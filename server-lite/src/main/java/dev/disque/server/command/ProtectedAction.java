/*
 * ProtectedAction: Redis 7's switches for actions that can take over or
 * wreck a node, enable-debug-command and enable-protected-configs, each
 * no | local | yes.
 *
 * DEBUG can freeze (SLEEP), empty (FLUSHALL) or reload (LOADAOF) a node;
 * CONFIG SET dir and logfile make the server write files where the caller
 * says (the classic Redis take-over wrote an SSH key that way). "local"
 * allows them from loopback clients only, "no" from nobody, "yes" from
 * everyone. Both switches are read at start only, so a remote client
 * cannot turn them on with CONFIG SET.
 */
package dev.disque.server.command;

import dev.disque.server.core.Client;
import dev.disque.server.core.LocalPeer;
import java.util.Set;

final class ProtectedAction {
    static final String DEBUG_REFUSED = "ERR DEBUG command not allowed. If the enable-debug-command option is set to"
            + " \"local\", you can run it from a local connection, otherwise you need to set this option in the"
            + " configuration file, and then restart the server.";
    /** Directives CONFIG SET may change only where enable-protected-configs allows. */
    static final Set<String> PROTECTED_CONFIGS = Set.of("dir", "logfile");

    private ProtectedAction() {
    }

    static boolean allowed(String setting, Client c) {
        switch (setting) {
            case "yes": return true;
            case "local": return LocalPeer.isLoopback(c.channel().remoteAddress());
            default: return false;
        }
    }

    static String configRefused(String name) {
        return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - can't set protected config";
    }
}
