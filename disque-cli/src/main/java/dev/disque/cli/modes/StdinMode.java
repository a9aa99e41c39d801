/*
 * StdinMode: `cmds.txt | disque`: with no command and standard input not a
 * terminal, runs the commands read from it, one per line, quoted as in
 * redis-cli, and prints each reply. Blank lines are skipped; "3 ping"
 * repeats; quit or exit stop; help is answered from the catalog. Exits 1
 * if any reply was an error (at once with -e).
 */
package dev.disque.cli.modes;

import dev.disque.cli.ArgSplitter;
import dev.disque.cli.DisqueCli;
import dev.disque.cli.net.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

public final class StdinMode {
    private final DisqueCli cli;

    public StdinMode(DisqueCli cli) {
        this.cli = cli;
    }

    public int run() {
        BufferedReader in = new BufferedReader(new InputStreamReader(cli.io().in(), StandardCharsets.UTF_8));
        try (Session session = cli.session()) {
            try {
                session.connect();
            } catch (IOException e) {
                cli.io().err().println(DisqueCli.connectError(cli.endpoint().address(), e));
                return 1;
            }
            CommandExec exec = new CommandExec(session, cli::print);
            boolean failed = false;
            long pause = cli.intervalMillis(0);
            String line;
            while ((line = in.readLine()) != null) {
                List<byte[]> args = ArgSplitter.split(line);
                if (args == null) {
                    cli.io().err().println("Invalid argument(s)");
                    failed = true;
                    continue;
                }
                if (args.isEmpty()) continue;
                String first = new String(args.get(0), StandardCharsets.UTF_8);
                if (first.equalsIgnoreCase("quit") || first.equalsIgnoreCase("exit")) break;
                if (first.equalsIgnoreCase("help") || first.equals("?")) {
                    List<String> topic = new java.util.ArrayList<>();
                    for (byte[] a : args.subList(1, args.size())) topic.add(new String(a, StandardCharsets.UTF_8));
                    OneShot.help(cli, topic);
                    continue;
                }
                if (first.equalsIgnoreCase("tasque")) {
                    List<String> words = new java.util.ArrayList<>();
                    for (byte[] a : args.subList(1, args.size())) words.add(new String(a, StandardCharsets.UTF_8));
                    failed |= OneShot.tasque(cli, session, words);
                    if (failed && cli.exitOnError()) return 1;
                    continue;
                }
                CommandExec.Repeated rep = CommandExec.repeatPrefix(args);
                for (long i = 0; i < rep.times(); i++) {
                    if (i > 0 && pause > 0) Pacing.sleep(pause);
                    failed |= exec.run(rep.args());
                    if (failed && cli.exitOnError()) return 1;
                }
            }
            return failed ? 1 : 0;
        } catch (IOException e) {
            cli.io().err().println("Error: " + e.getMessage());
            return 1;
        }
    }
}
