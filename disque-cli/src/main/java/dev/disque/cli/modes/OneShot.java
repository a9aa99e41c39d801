/*
 * OneShot: `disque [options] command [arg ...]`: runs the command (-r
 * times, -i seconds apart), prints each reply, and exits 0, or 1 if a
 * reply was an error or the server could not be reached. `help ...` is
 * answered from the catalog without a server, as in the shell, and
 * `tasque ...` by the CLI's tasque views. The
 * arguments may be quoted strings (--quoted-input), and one of them may
 * come from standard input: the last (-x) or the one equal to a tag (-X).
 */
package dev.disque.cli.modes;

import dev.disque.cli.ArgSplitter;
import dev.disque.cli.DisqueCli;
import dev.disque.cli.catalog.HelpText;
import dev.disque.cli.net.Session;
import dev.disque.cli.tasque.TasqueViews;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

public final class OneShot {
    private final DisqueCli cli;

    public OneShot(DisqueCli cli) {
        this.cli = cli;
    }

    public int run() {
        List<String> words = cli.command();
        String first = words.get(0);
        if (first.equalsIgnoreCase("help") || first.equals("?")) {
            return help(cli, words.subList(1, words.size()));
        }
        if (first.equalsIgnoreCase("tasque")) return tasque(words.subList(1, words.size()));
        List<byte[]> args = arguments();
        if (args == null) return 1;
        try (Session session = cli.session()) {
            try {
                session.connect();
            } catch (IOException e) {
                cli.io().err().println(DisqueCli.connectError(cli.endpoint().address(), e));
                return 1;
            }
            CommandExec exec = new CommandExec(session, cli::print);
            long times = cli.repeat() == null ? 1 : cli.repeat();
            long pause = cli.intervalMillis(0);
            boolean failed = false;
            for (long i = 0; times < 0 || i < times; i++) {
                if (i > 0 && pause > 0) Pacing.sleep(pause);
                try {
                    failed |= exec.run(args);
                } catch (IOException e) {
                    cli.io().err().println("Error: " + e.getMessage());
                    return 1;
                }
                if (failed && cli.exitOnError()) return 1;
            }
            return failed ? 1 : 0;
        }
    }

    private int tasque(List<String> args) {
        try (Session session = cli.session()) {
            try {
                session.connect();
            } catch (IOException e) {
                cli.io().err().println(DisqueCli.connectError(cli.endpoint().address(), e));
                return 1;
            }
            return tasque(cli, session, args) ? 1 : 0;
        }
    }

    /** Runs a tasque view on the session and prints it; true if it failed. */
    static boolean tasque(DisqueCli cli, Session session, List<String> args) {
        try {
            TasqueViews.Outcome o = new TasqueViews(session, cli.renderer().format()).run(args);
            cli.io().out().print(o.text());
            cli.io().out().flush();
            cli.io().err().print(o.errors());
            return o.failed();
        } catch (IOException e) {
            cli.io().err().println("Error: " + e.getMessage());
            return true;
        }
    }

    /** Prints the catalog's help on the words after "help"; 1 when there is none. */
    static int help(DisqueCli cli, List<String> topic) {
        HelpText.Text t = new HelpText(cli.colourWanted()).help(topic, DisqueCli.version());
        cli.io().out().print(t.text());
        cli.io().out().flush();
        return t.found() ? 0 : 1;
    }

    /** The command's arguments as bytes, after --quoted-input, -x and -X; null (and a message) on a problem. */
    private List<byte[]> arguments() {
        List<byte[]> args = new ArrayList<>();
        for (String w : cli.command()) {
            if (!cli.quotedInput()) {
                args.add(w.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            List<byte[]> one = ArgSplitter.split(w);
            if (one == null || one.size() != 1) {
                cli.io().err().println("disque: --quoted-input: invalid quoted string: " + w);
                return null;
            }
            args.add(one.get(0));
        }
        if (!cli.stdinArg() && cli.stdinTag() == null) return args;
        byte[] input;
        try {
            input = cli.io().in().readAllBytes();
        } catch (IOException e) {
            cli.io().err().println("disque: cannot read standard input: " + e.getMessage());
            return null;
        }
        if (cli.stdinArg()) {
            args.add(input);
            return args;
        }
        byte[] tag = cli.stdinTag().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < args.size(); i++) {
            if (Arrays.equals(args.get(i), tag)) {
                args.set(i, input);
                return args;
            }
        }
        cli.io().err().println("disque: -X " + cli.stdinTag() + ": no argument of the command is " + cli.stdinTag());
        return null;
    }
}
