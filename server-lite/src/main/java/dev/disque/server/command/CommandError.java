/*
 * CommandError: a command's refusal, carrying the exact error line the
 * client must see (code first: "ERR ...", "NOJOB ...", "BADID ...").
 *
 * Handlers throw it from any depth of argument parsing; the dispatcher
 * turns it into the reply. No stack trace: it is control flow, not a bug.
 */
package dev.disque.server.command;

public final class CommandError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public static final String SYNTAX = "ERR syntax error";
    public static final String NOT_INTEGER = "ERR value is not an integer or out of range";

    public CommandError(String reply) {
        super(reply, null, false, false);
    }
}
