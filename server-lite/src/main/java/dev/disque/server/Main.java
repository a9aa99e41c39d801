/*
 * Main: the disque-server command line.
 *
 *   disque-server [configfile] [--directive value ...]
 *
 * Same convention as the original: a first argument that does not start
 * with "--" is a config file; every "--name v1 v2" becomes a config line
 * applied after the file. SIGTERM and SIGINT shut the server down cleanly.
 */
package dev.disque.server;

import dev.disque.server.config.ConfigException;
import dev.disque.server.config.ConfigFile;
import dev.disque.server.config.ServerConfig;
import dev.disque.server.log.LogConfig;
import dev.disque.server.log.LogSink;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", "dev.disque.server.log.DisqueLogProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Netty's default leak detector records a stack trace for a sample of buffers, a few
            // per cent of a busy node's time. A standalone node leaves it off (tests and anyone
            // chasing a leak turn it on with -Dio.netty.leakDetection.level); an embedded server
            // does not touch it, as the setting is global to the host's Netty.
            System.setProperty("io.netty.leakDetection.level", "disabled");
        }
        if (System.getProperty("io.netty.jfr.enabled") == null) {
            // Netty's allocator events pull in the flight recorder's machinery at the first
            // allocation: about a tenth of a second of a node's start-up. Profiling sets it to true.
            System.setProperty("io.netty.jfr.enabled", "false");
        }
        System.exit(run(args, System.out, System.err));
    }

    static void usage(PrintStream out) {
        out.println("Usage: disque-server [/path/to/disque.conf] [options]");
        out.println("       disque-server -v or --version");
        out.println("       disque-server -h or --help");
        out.println("       disque-server --check-aof [--fix] <file.aof>");
        out.println();
        out.println("Examples:");
        out.println("       disque-server (run the server with default conf)");
        out.println("       disque-server /etc/disque/7711.conf");
        out.println("       disque-server --port 7777");
        out.println("       disque-server /etc/mydisque.conf --loglevel verbose");
        out.println();
        out.println("Every directive of disque.conf can be given as --name value.");
    }

    /** Builds the configuration from the arguments; exposed for tests. */
    static ServerConfig parse(String[] args) throws ConfigException {
        ServerConfig config = new ServerConfig();
        int i = 0;
        if (args.length > 0 && !args[0].startsWith("--")) {
            ConfigFile.load(config, Path.of(args[0]));
            i = 1;
        }
        StringBuilder lines = new StringBuilder();
        List<String> current = new ArrayList<>();
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("--")) {
                if (!current.isEmpty()) lines.append(String.join(" ", current)).append('\n');
                current.clear();
                if (a.length() == 2) throw new ConfigException("Bad directive '--'");
                current.add(a.substring(2));
            } else {
                if (current.isEmpty()) throw new ConfigException("Unexpected argument '" + a + "'");
                current.add(quoteArg(a));
            }
        }
        if (!current.isEmpty()) lines.append(String.join(" ", current)).append('\n');
        ConfigFile.apply(config, lines.toString(), "command line");
        return config;
    }

    private static String quoteArg(String a) {
        if (!a.isEmpty() && a.chars().noneMatch(ch -> ch <= ' ' || ch == '"' || ch == '\'' || ch == '\\')) return a;
        return "\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("-v") || args[0].equals("--version"))) {
            String sha = Version.commit().isEmpty() ? "00000000" : Version.commit();
            out.println("Disque server v=" + Version.get() + " sha=" + sha + ":" + (Version.dirty() ? 1 : 0)
                    + " java=" + System.getProperty("java.version"));
            return 0;
        }
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            usage(out);
            return 0;
        }
        if (args.length >= 1 && args[0].equals("--check-aof")) {
            return AofCheck.run(args, out, err);
        }
        ServerConfig config;
        try {
            config = parse(args);
        } catch (ConfigException e) {
            err.println(e.getMessage());
            return 1;
        }
        // A standalone node that hits an unrecoverable error exits, so a supervisor restarts it
        // (the AOF brings the jobs back) instead of it lingering on its port, serving nobody.
        DisqueServer server = DisqueServer.builder().apply(config).saveClusterConfig(true).onFatal(Main::exitOnFatal)
                .build();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
            dev.disque.server.core.MemoryReserve.release();
            try {
                LogSink.write(LogSink.WARNING, "Thread " + t.getName() + " died: " + e, e);
            } finally {
                exitOnFatal(e);
            }
        });
        try {
            // Followed on the server's own configuration: the one CONFIG SET changes.
            LogConfig.follow(server.config());
        } catch (IOException e) {
            err.println("Can't open the log file: " + e.getMessage());
            return 1;
        }
        try {
            server.start();
        } catch (RuntimeException e) {
            LogSink.write(LogSink.WARNING, "Could not start the server: " + rootMessage(e), null);
            return 1;
        }
        Path pidfile = config.get("pidfile").isEmpty() ? null : config.resolve(config.get("pidfile"));
        if (pidfile != null) {
            try {
                Files.writeString(pidfile, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
            } catch (IOException e) {
                LogSink.write(LogSink.WARNING, "Could not write the pidfile: " + e.getMessage(), null);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!server.terminated().isDone()) {
                LogSink.write(LogSink.WARNING, "Received SIGTERM scheduling shutdown...", null);
                ShutdownWatchdog.arm(server);
                server.close();
            }
            if (pidfile != null) {
                try {
                    Files.deleteIfExists(pidfile);
                } catch (IOException ignored) {
                    // The process is exiting; a stale pidfile is all that is left.
                }
            }
        }, "disque-signal"));
        LogSink.write(LogSink.NOTICE, "Disque " + Version.get() + " (Java " + System.getProperty("java.version")
                + ") node " + server.nodeId() + " started, pid " + ProcessHandle.current().pid(), null);
        LogSink.write(LogSink.NOTICE, "The server is now ready to accept connections on "
                + String.join(", ", server.bindAddresses()) + " port " + server.port(), null);
        server.terminated().join();
        return 0;
    }

    private static void exitOnFatal(Throwable cause) {
        try {
            LogSink.write(LogSink.WARNING, "Exiting after a fatal error: " + cause, null);
        } finally {
            // Even if the log line itself fails (out of memory), the process must go.
            Runtime.getRuntime().halt(1);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
