/*
 * OneShot: `disque [options] command [arg ...]`: runs the command (-r
 * times, -i seconds apart), prints each reply, and exits 0, or 1 if a
 * reply was an error or the server could not be reached.
 */
package dev.disque.cli.modes;

import dev.disque.cli.DisqueCli;
import dev.disque.cli.net.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public final class OneShot {
    private final DisqueCli cli;

    public OneShot(DisqueCli cli) {
        this.cli = cli;
    }

    public int run() {
        List<byte[]> args = new ArrayList<>();
        for (String w : cli.command()) args.add(w.getBytes(StandardCharsets.UTF_8));
        if (cli.stdinArg()) {
            try {
                args.add(cli.io().in().readAllBytes());
            } catch (IOException e) {
                cli.io().err().println("disque: cannot read standard input: " + e.getMessage());
                return 1;
            }
        }
        try (Session session = new Session(cli.host(), cli.port(), cli.password(), cli.io().err()::println)) {
            try {
                session.connect();
            } catch (IOException e) {
                cli.io().err().println(DisqueCli.connectError(cli.host(), cli.port(), e));
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
            }
            return failed ? 1 : 0;
        }
    }
}
