/*
 * Embedded: `disque --embedded` starts a server-lite node inside this JVM
 * on a free port of 127.0.0.1 and then runs the CLI against it as usual
 * (the REPL on a terminal). The server stops when the CLI exits. This is
 * the only class that touches server-lite (and so Netty).
 */
package dev.disque.cli.modes;

import dev.disque.cli.DisqueCli;
import dev.disque.server.DisqueServer;

public final class Embedded {
    private Embedded() {
    }

    public static int run(DisqueCli cli) {
        // Keep the server's notices out of the REPL; warnings still show.
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "dev.disque.server.log.DisqueLogProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        if (System.getProperty("disque.loglevel") == null) System.setProperty("disque.loglevel", "warning");
        DisqueServer server;
        try {
            server = DisqueServer.builder().port(0).config("loglevel", "warning").build().start();
        } catch (RuntimeException e) {
            cli.io().err().println("disque: could not start the embedded server: " + e.getMessage());
            return 1;
        }
        try {
            cli.target("127.0.0.1", server.port());
            if (cli.io().stdinTty() && cli.command().isEmpty()) {
                cli.io().err().println("Embedded Disque server listening on 127.0.0.1:" + server.port()
                        + " (it stops when you leave)");
            }
            return cli.dispatch();
        } finally {
            server.close();
        }
    }
}
