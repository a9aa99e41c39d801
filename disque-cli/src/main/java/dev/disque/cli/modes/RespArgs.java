/*
 * RespArgs: builds the argument list of a command from strings.
 */
package dev.disque.cli.modes;

import dev.disque.cli.net.RespConnection;
import java.util.List;

public final class RespArgs {
    private RespArgs() {
    }

    public static List<byte[]> of(String... args) {
        return RespConnection.args(args);
    }
}
