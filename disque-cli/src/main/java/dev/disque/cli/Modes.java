/*
 * Modes: one small method per way of running, each touching its own
 * classes only when called, so that a one-shot command never loads JLine,
 * the live views or the embedded server.
 */
package dev.disque.cli;

final class Modes {
    int oneShot(DisqueCli cli) {
        return new dev.disque.cli.modes.OneShot(cli).run();
    }

    int stdin(DisqueCli cli) {
        return new dev.disque.cli.modes.StdinMode(cli).run();
    }

    int pipe(DisqueCli cli) {
        return new dev.disque.cli.modes.PipeMode(cli).run();
    }

    int stat(DisqueCli cli) {
        return new dev.disque.cli.modes.StatMode(cli).run();
    }

    int latency(DisqueCli cli) {
        return new dev.disque.cli.modes.LatencyMode(cli).run();
    }

    int top(DisqueCli cli) {
        return dev.disque.cli.repl.TerminalLauncher.top(cli);
    }

    int repl(DisqueCli cli) {
        return dev.disque.cli.repl.TerminalLauncher.repl(cli);
    }

    int cluster(DisqueCli cli) {
        return new dev.disque.cli.cluster.ClusterAdmin(cli).run();
    }

    int embedded(DisqueCli cli) {
        return dev.disque.cli.modes.Embedded.run(cli);
    }
}
