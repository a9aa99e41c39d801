/*
 * ConfigCommand: CONFIG GET / SET / REWRITE / RESETSTAT.
 *
 * GET and SET work on the same directive table the config file uses, so
 * "CONFIG GET *" lists exactly what disque.conf may contain.
 */
package dev.disque.server.command;

import dev.disque.server.config.ConfigException;
import dev.disque.server.config.ConfigFile;
import dev.disque.server.config.Directive;
import dev.disque.server.config.ServerConfig;
import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import dev.disque.server.core.Glob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class ConfigCommand {
    private final Engine engine;
    private final CommandTable table;

    public ConfigCommand(Engine engine, CommandTable table) {
        this.engine = engine;
        this.table = table;
    }

    public void register(CommandTable t) {
        t.add(new Command("config", -2, "ar", this::config));
    }

    void config(Client c, byte[][] argv) {
        byte[] sub = argv[1];
        if (Args.is(sub, "get")) {
            if (argv.length != 3) throw wrongArgs(sub);
            get(c, Args.str(argv[2]));
        } else if (Args.is(sub, "set")) {
            if (argv.length != 4) throw wrongArgs(sub);
            set(c, Args.str(argv[2]), Args.str(argv[3]));
        } else if (Args.is(sub, "rewrite")) {
            if (argv.length != 2) throw wrongArgs(sub);
            rewrite(c);
        } else if (Args.is(sub, "resetstat")) {
            if (argv.length != 2) throw wrongArgs(sub);
            engine.stats().reset();
            table.resetStats();
            c.ok();
        } else {
            throw new CommandError("ERR CONFIG subcommand must be one of GET, SET, RESETSTAT, REWRITE");
        }
    }

    private static CommandError wrongArgs(byte[] sub) {
        return new CommandError("ERR Wrong number of arguments for CONFIG " + Args.str(sub));
    }

    private void get(Client c, String pattern) {
        ServerConfig config = engine.config();
        List<String> out = new ArrayList<>();
        for (Directive d : ServerConfig.directives()) {
            if (Glob.matches(pattern, d.name())) {
                out.add(d.name());
                out.add(config.get(d.name()));
            }
        }
        c.arrayHeader(out.size());
        for (String s : out) c.bulk(s);
    }

    private void set(Client c, String name, String value) {
        Directive d = ServerConfig.directive(name);
        if (d == null || !d.runtime()) throw new CommandError("ERR Unsupported CONFIG parameter: " + name);
        if (ProtectedAction.PROTECTED_CONFIGS.contains(d.name())
                && !ProtectedAction.allowed(engine.config().get("enable-protected-configs"), c)) {
            throw new CommandError(ProtectedAction.configRefused(d.name()));
        }
        if (d.name().equals("dir") && !Files.isDirectory(Path.of(value))) {
            throw new CommandError("ERR Changing directory: No such file or directory");
        }
        String normalized;
        try {
            normalized = d.normalize(List.of(value));
        } catch (ConfigException e) {
            throw new CommandError("ERR Invalid argument '" + value + "' for CONFIG SET '" + name + "'");
        }
        if (d.name().equals("appendonly")) switchAof(normalized.equals("yes"));
        try {
            engine.config().set(d.name(), value);
        } catch (ConfigException e) {
            // The value was valid (normalize passed) but the running server could not apply it; Redis 7's text.
            throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - "
                    + e.getMessage());
        }
        c.ok();
    }

    private void switchAof(boolean on) {
        if (!on) {
            engine.aof().turnOff();
            return;
        }
        try {
            engine.aof().turnOn();
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(ConfigCommand.class).warn("Unable to turn on AOF: {}", e.getMessage());
            throw new CommandError("ERR Unable to turn on AOF. Check server logs.");
        }
    }

    private void rewrite(Client c) {
        if (engine.config().file() == null) throw new CommandError("ERR The server is running without a config file");
        try {
            ConfigFile.rewrite(engine.config());
        } catch (IOException e) {
            throw new CommandError("ERR Rewriting config file: " + e.getMessage());
        }
        c.ok();
    }
}
