/*
 * Repl: the interactive shell on a JLine terminal.
 *
 * Prompt "host:port> " ("not connected> " after a disconnect; the next
 * command reconnects), redis-cli's output, Tab completion and typing hints
 * from the catalog, history without AUTH lines, a repeat prefix ("3 ping"),
 * "(1.23s)" after slow commands, and the shell's own commands: help,
 * connect, top, tasque (the CLI's views of tasque's queues), clear,
 * quit/exit. Ctrl-C cancels the line being typed, or
 * interrupts a command that blocks (GETJOB, MONITOR) without leaving;
 * Ctrl-D leaves.
 */
package dev.disque.cli.repl;

import dev.disque.cli.ArgSplitter;
import dev.disque.cli.DisqueCli;
import dev.disque.cli.catalog.CommandCatalog;
import dev.disque.cli.catalog.HelpText;
import dev.disque.cli.modes.CommandExec;
import dev.disque.cli.modes.Pacing;
import dev.disque.cli.net.Reply;
import dev.disque.cli.net.Session;
import dev.disque.cli.render.ClusterTables;
import dev.disque.cli.render.ReplyRenderer;
import dev.disque.cli.tasque.TasqueViews;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

public final class Repl {
    /** What the shell needs besides the terminal and the session. */
    public record Settings(ReplyRenderer renderer, boolean colour, Path historyFile, long repeatIntervalMillis,
                           long topIntervalMillis) {
    }

    static final long SLOW_MILLIS = 500;

    private final Terminal terminal;
    private final Session session;
    private final Settings settings;
    private final CommandCatalog catalog = CommandCatalog.get();
    private final LiveSuggestions suggestions;
    private final DisqueLineReader reader;
    private final PrintWriter out;
    private volatile Thread running;

    public Repl(Terminal terminal, Session session, Settings settings) {
        this.terminal = terminal;
        this.session = session;
        this.settings = settings;
        this.suggestions = new LiveSuggestions(session);
        this.out = terminal.writer();
        // A connection that died (say, the server restarted) is reopened by the next command; say so.
        session.onNotice(m -> println(dim(m)));
        this.reader = new DisqueLineReader(terminal, new Hints(catalog));
        DefaultParser parser = new DefaultParser();
        parser.setEscapeChars(new char[0]);
        reader.setParser(parser);
        reader.setCompleter(new ReplCompleter(catalog, suggestions));
        reader.setHistory(new ReplHistory());
        if (settings.historyFile() != null) reader.setVariable(LineReader.HISTORY_FILE, settings.historyFile());
        reader.setVariable(LineReader.HISTORY_SIZE, 1000);
        reader.setVariable(LineReader.HISTORY_FILE_SIZE, 1000);
        reader.setVariable(LineReader.SECONDARY_PROMPT_PATTERN, "%P > ");
        reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        reader.option(LineReader.Option.CASE_INSENSITIVE, true);
        reader.option(LineReader.Option.AUTO_FRESH_LINE, true);
        reader.option(LineReader.Option.INSERT_TAB, false);
    }

    /** The line reader (tests look at its hints and completion). */
    public LineReader reader() {
        return reader;
    }

    public int run() {
        running = Thread.currentThread();
        terminal.handle(Terminal.Signal.INT, s -> interruptCommand());
        tryConnect();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    Thread.interrupted(); // Ctrl-C: drop the line, stay
                    continue;
                } catch (EndOfFileException e) {
                    break; // Ctrl-D
                }
                boolean quit = false;
                for (String one : line.split("\r?\n")) {
                    if (!handle(one)) {
                        quit = true;
                        break;
                    }
                }
                if (quit) break;
            }
        } finally {
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                // History is a convenience; failing to save it must not fail the exit.
            }
            session.close();
        }
        return 0;
    }

    String prompt() {
        // A Unix socket reads as redis-cli shows one: "disque /path/to.sock> ".
        String where = session.endpoint().unixSocket() != null ? "disque " + session.address() : session.address();
        String text = session.connected() ? where + "> " : "not connected> ";
        if (!settings.colour()) return text;
        AttributedStyle style = session.connected()
                ? AttributedStyle.BOLD.foreground(AttributedStyle.GREEN)
                : AttributedStyle.BOLD.foreground(AttributedStyle.RED);
        return new AttributedStringBuilder().styled(style, text.substring(0, text.length() - 2))
                .append("> ").toAnsi(terminal);
    }

    private void tryConnect() {
        try {
            session.connect();
        } catch (IOException e) {
            println(DisqueCli.connectError(session.address(), e));
        }
    }

    /** Runs one line; false to leave the shell. */
    boolean handle(String line) {
        if (line.isBlank()) return true;
        List<byte[]> parsed = ArgSplitter.split(line);
        if (parsed == null) {
            println("Invalid argument(s)");
            return true;
        }
        if (parsed.isEmpty()) return true;
        CommandExec.Repeated rep = CommandExec.repeatPrefix(parsed);
        List<byte[]> args = rep.args();
        String name = text(args.get(0)).toLowerCase(Locale.ROOT);
        switch (name) {
            case "quit":
            case "exit":
                return false;
            case "help":
            case "?":
                help(args.subList(1, args.size()));
                return true;
            case "connect":
                connect(args);
                return true;
            case "clear":
                terminal.puts(InfoCmp.Capability.clear_screen);
                terminal.flush();
                return true;
            case "top":
                top();
                return true;
            case "tasque":
                tasque(args.subList(1, args.size()));
                return true;
            default:
                execute(rep.times(), args);
                return true;
        }
    }

    private void execute(long times, List<byte[]> args) {
        CommandExec exec = new CommandExec(session, (r, textBlock) -> printReply(args, r, textBlock));
        long start = System.nanoTime();
        try {
            for (long i = 0; i < times; i++) {
                if (i > 0 && settings.repeatIntervalMillis() > 0 && !Pacing.sleep(settings.repeatIntervalMillis())) break;
                exec.run(args);
            }
        } catch (Session.Interrupted e) {
            println(dim("(interrupted)"));
            Thread.interrupted();
            tryConnectQuietly();
        } catch (Session.ConnectFailed e) {
            println(DisqueCli.connectError(session.address(), e));
        } catch (IOException e) {
            println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        } finally {
            Thread.interrupted(); // a Ctrl-C that came between two commands must not hit the next read
        }
        long took = (System.nanoTime() - start) / 1_000_000;
        if (took >= SLOW_MILLIS && settings.renderer().format() == ReplyRenderer.Format.TTY) {
            println(dim(String.format(Locale.ROOT, "(%.2fs)", took / 1000.0)));
        }
    }

    private void tryConnectQuietly() {
        try {
            session.connect();
        } catch (IOException e) {
            // The prompt says "not connected"; the next command tries again.
        }
    }

    /** Ctrl-C while a command runs: close its connection so the blocked read returns. */
    private void interruptCommand() {
        session.interrupt();
        Thread t = running;
        if (t != null) t.interrupt();
    }

    private void connect(List<byte[]> args) {
        if (args.size() != 3 || !text(args.get(2)).matches("[0-9]{1,5}")) {
            println("Usage: connect host port");
            return;
        }
        session.retarget(text(args.get(1)), Integer.parseInt(text(args.get(2))));
        suggestions.invalidate();
        tryConnect();
    }

    private void top() {
        try {
            session.connect();
        } catch (IOException e) {
            println(DisqueCli.connectError(session.address(), e));
            return;
        }
        new TopView(terminal, session, settings.topIntervalMillis(), settings.colour()).run();
    }

    private void tasque(List<byte[]> args) {
        List<String> words = new java.util.ArrayList<>();
        for (byte[] a : args) words.add(text(a));
        try {
            TasqueViews.Outcome o = new TasqueViews(session, settings.renderer().format()).run(words);
            out.print(o.text() + o.errors());
            out.flush();
        } catch (Session.ConnectFailed e) {
            println(DisqueCli.connectError(session.address(), e));
        } catch (IOException e) {
            println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    // ---- help ----

    private void help(List<byte[]> args) {
        List<String> topic = new java.util.ArrayList<>();
        for (byte[] a : args) topic.add(text(a));
        String t = new HelpText(settings.colour()).help(topic, DisqueCli.version()).text();
        out.print(AttributedString.fromAnsi(t).toAnsi(terminal));
        out.flush();
    }

    // ---- output ----

    /** Prints a reply: CLUSTER NODES and HELLO as tables on the terminal format, the rest as the renderer does. */
    private void printReply(List<byte[]> args, Reply r, boolean textBlock) {
        String table = settings.renderer().format() == ReplyRenderer.Format.TTY ? ClusterTables.render(args, r) : null;
        if (table != null) {
            out.print(table);
            out.flush();
            return;
        }
        byte[] bytes = settings.renderer().render(r, textBlock);
        String s = new String(bytes, StandardCharsets.UTF_8);
        out.print(AttributedString.fromAnsi(s).toAnsi(terminal));
        out.flush();
    }

    private String dim(String s) {
        return settings.colour() ? new AttributedStringBuilder().styled(AttributedStyle.DEFAULT.faint(), s).toAnsi(terminal) : s;
    }

    private void println(String s) {
        out.println(s);
        out.flush();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
