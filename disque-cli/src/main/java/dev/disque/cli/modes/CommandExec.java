/*
 * CommandExec: runs one Disque command on a session and prints its
 * reply(ies), with the few commands that need care: SHUTDOWN succeeds by
 * closing the connection, QUIT closes it after +OK, MONITOR streams until
 * interrupted.
 */
package dev.disque.cli.modes;

import dev.disque.cli.net.Reply;
import dev.disque.cli.net.Session;
import dev.disque.cli.render.TextBlocks;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

public final class CommandExec {
    /** Prints one reply; {@code textBlock} when the command's reply is text to show as it is. */
    @FunctionalInterface
    public interface Printer {
        void print(Reply reply, boolean textBlock);
    }

    private final Session session;
    private final Printer printer;

    public CommandExec(Session session, Printer printer) {
        this.session = session;
        this.printer = printer;
    }

    /** Runs the command; true if the server answered with an error. */
    public boolean run(List<byte[]> args) throws IOException {
        String name = new String(args.get(0), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        boolean text = TextBlocks.isTextBlock(args);
        switch (name) {
            case "shutdown": {
                try {
                    Reply r = session.call(args, false);
                    printer.print(r, text);
                    return r.isError();
                } catch (EOFException e) {
                    // The server went away without a reply: that is what success looks like.
                    session.disconnect();
                    return false;
                }
            }
            case "quit": {
                Reply r = session.call(args, false);
                session.disconnect();
                printer.print(r, text);
                return r.isError();
            }
            case "monitor": {
                Reply r = session.call(args, false);
                printer.print(r, text);
                if (r.isError()) return true;
                while (true) printer.print(session.readMore(), false);
            }
            default: {
                Reply r = session.call(args);
                printer.print(r, text);
                return r.isError();
            }
        }
    }

    /** A typed line split into a repeat count ("3 ping") and the command. */
    public record Repeated(long times, List<byte[]> args) {
    }

    /** Splits "3 ping" into 3 and [ping]; a line without a count runs once. */
    public static Repeated repeatPrefix(List<byte[]> args) {
        if (args.size() >= 2) {
            String first = new String(args.get(0), StandardCharsets.US_ASCII);
            if (first.matches("[0-9]{1,9}")) return new Repeated(Long.parseLong(first), args.subList(1, args.size()));
        }
        return new Repeated(1, args);
    }
}
