/*
 * TerminalLauncher: builds the system terminal (JLine, with Jansi's
 * native support) for the modes that need one: the REPL and --top. Only
 * reached when standard input is a terminal, so a pipe never gets a JLine
 * terminal (which would warn and echo prompts into the output).
 */
package dev.disque.cli.repl;

import dev.disque.cli.DisqueCli;
import dev.disque.cli.net.Session;
import dev.disque.cli.render.ReplyRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

public final class TerminalLauncher {
    private TerminalLauncher() {
    }

    static Terminal systemTerminal() throws IOException {
        // dumb(true): with stdout redirected, fall back to a plain terminal without a warning.
        return TerminalBuilder.builder().name("disque").system(true).dumb(true).nativeSignals(true)
                .signalHandler(Terminal.SignalHandler.SIG_IGN).build();
    }

    /** ~/.disque_history, or DISQUE_HISTFILE; none when that is empty or /dev/null. */
    public static Path historyFile(Map<String, String> env) {
        String custom = env.get("DISQUE_HISTFILE");
        if (custom != null) return custom.isEmpty() || custom.equals("/dev/null") ? null : Path.of(custom);
        String home = env.get("HOME");
        if (home == null || home.isEmpty()) home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".disque_history");
    }

    public static int repl(DisqueCli cli) {
        try (Terminal terminal = systemTerminal()) {
            boolean colour = cli.colourWanted() && !Terminal.TYPE_DUMB.equals(terminal.getType());
            ReplyRenderer.Format f = cli.renderer().format();
            Repl.Settings settings = new Repl.Settings(new ReplyRenderer(f, colour, cli.delimiter()), colour,
                    historyFile(cli.io().env()), cli.intervalMillis(0), cli.intervalMillis(1000));
            Session session = new Session(cli.endpoint(), cli.password(), terminal.writer()::println);
            session.verbose(cli.verbose());
            return new Repl(terminal, session, settings).run();
        } catch (IOException e) {
            cli.io().err().println("disque: cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }

    public static int top(DisqueCli cli) {
        if (!cli.io().stdinTty() || !cli.io().stdoutTty()) {
            cli.io().err().println("disque: --top needs a terminal");
            return 1;
        }
        try (Session session = cli.session()) {
            try {
                session.connect();
            } catch (IOException e) {
                cli.io().err().println(DisqueCli.connectError(cli.endpoint().address(), e));
                return 1;
            }
            try (Terminal terminal = systemTerminal()) {
                boolean colour = cli.colourWanted() && !Terminal.TYPE_DUMB.equals(terminal.getType());
                return new TopView(terminal, session, cli.intervalMillis(1000), colour).run();
            }
        } catch (IOException e) {
            cli.io().err().println("disque: cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }

    /** `--cluster top`: the queue table summed over the nodes of a cluster. */
    public static int clusterTop(DisqueCli cli, dev.disque.cli.modes.QueueSampler sampler) {
        if (!cli.io().stdinTty() || !cli.io().stdoutTty()) {
            cli.io().err().println("disque: --cluster top needs a terminal");
            return 1;
        }
        try {
            sampler.sample();
        } catch (IOException e) {
            cli.io().err().println("[ERR] " + sampler.label() + ": " + e.getMessage());
            return 1;
        }
        try (Terminal terminal = systemTerminal()) {
            boolean colour = cli.colourWanted() && !Terminal.TYPE_DUMB.equals(terminal.getType());
            return new TopView(terminal, sampler, cli.intervalMillis(1000), colour).run();
        } catch (IOException e) {
            cli.io().err().println("disque: cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }
}
