/*
 * Redaction: hides secrets in the copies of a command that other clients
 * or operators can read (MONITOR, the slow log).
 *
 * As Redis 6 and later do, the password of AUTH is shown as "(redacted)",
 * so an operator watching MONITOR, or anyone allowed SLOWLOG GET, does not
 * learn it. The command itself always runs with the real arguments.
 */
package dev.disque.server.command;

import java.nio.charset.StandardCharsets;

final class Redaction {
    static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    private Redaction() {
    }

    /** The arguments to show for this command: a copy with secrets replaced, or argv itself. */
    static byte[][] shown(Command cmd, byte[][] argv) {
        if (!cmd.name().equals("auth")) return argv;
        byte[][] copy = argv.clone();
        for (int i = 1; i < copy.length; i++) copy[i] = REDACTED;
        return copy;
    }
}
