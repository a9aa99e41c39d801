/*
 * ServerCommands: the commands about the server rather than jobs:
 * AUTH, PING, TIME, COMMAND, SHUTDOWN, DEBUG and SLOWLOG.
 */
package dev.disque.server.command;

import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import dev.disque.server.core.SlowLog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

public final class ServerCommands {
    /** Longest DEBUG SLEEP: long enough for any client test, short of freezing a node for good. */
    static final long MAX_DEBUG_SLEEP_SECONDS = 3600;
    private final Engine engine;
    private final Host host;
    private final CommandTable table;

    public ServerCommands(Engine engine, Host host, CommandTable table) {
        this.engine = engine;
        this.host = host;
        this.table = table;
    }

    public void register(CommandTable t) {
        t.add(new Command("auth", 2, "rlF", this::auth));
        t.add(new Command("ping", -1, "rF", this::ping));
        t.add(new Command("time", 1, "rF", this::time));
        t.add(new Command("command", 0, "rl", this::command));
        t.add(new Command("shutdown", -1, "arl", this::shutdown));
        t.add(new Command("debug", -2, "a", this::debug));
        t.add(new Command("slowlog", -2, "r", this::slowlog));
        t.add(new Command("monitor", 1, "ar", this::monitor));
        t.add(new Command("bgrewriteaof", 1, "ar", this::bgrewriteaof));
    }

    void auth(Client c, byte[][] argv) {
        String pass = engine.config().get("requirepass");
        if (pass.isEmpty()) throw new CommandError("ERR Client sent AUTH, but no password is set");
        // Constant-time comparison, so timing does not reveal the password.
        boolean ok = MessageDigest.isEqual(pass.getBytes(StandardCharsets.UTF_8), argv[1]);
        c.setAuthenticated(ok);
        if (!ok) throw new CommandError("ERR invalid password");
        c.ok();
    }

    void ping(Client c, byte[][] argv) {
        if (argv.length > 2) throw new CommandError("ERR wrong number of arguments for 'ping' command");
        if (argv.length == 2) c.bulk(argv[1]);
        else c.status("PONG");
    }

    void time(Client c, byte[][] argv) {
        long nowMicros = engine.clock().millis() * 1000 + (System.nanoTime() / 1000) % 1000;
        c.arrayHeader(2);
        c.bulk(Long.toString(nowMicros / 1_000_000));
        c.bulk(Long.toString(nowMicros % 1_000_000));
    }

    private static final String[][] FLAG_NAMES = {
        {"w", "write"}, {"r", "readonly"}, {"m", "denyoom"}, {"a", "admin"},
        {"l", "loading"}, {"M", "skip_monitor"}, {"F", "fast"}};

    private void commandEntry(Client c, Command cmd) {
        c.arrayHeader(6);
        c.bulk(cmd.name());
        c.integer(cmd.arity());
        List<String> flags = new ArrayList<>();
        for (String[] f : FLAG_NAMES) if (cmd.hasFlag(f[0].charAt(0))) flags.add(f[1]);
        c.arrayHeader(flags.size());
        for (String f : flags) c.status(f);
        c.integer(0);
        c.integer(0);
        c.integer(0);
    }

    void command(Client c, byte[][] argv) {
        if (argv.length == 1) {
            c.arrayHeader(table.all().size());
            for (Command cmd : table.all()) commandEntry(c, cmd);
        } else if (Args.is(argv[1], "count") && argv.length == 2) {
            c.integer(table.all().size());
        } else if (Args.is(argv[1], "info")) {
            c.arrayHeader(argv.length - 2);
            for (int i = 2; i < argv.length; i++) {
                Command cmd = table.lookup(argv[i]);
                if (cmd == null) c.nullBulk();
                else commandEntry(c, cmd);
            }
        } else {
            throw new CommandError("ERR Unknown subcommand or wrong number of arguments.");
        }
    }

    void shutdown(Client c, byte[][] argv) {
        if (argv.length > 2 || (argv.length == 2 && !Args.is(argv[1], "rewrite-aof"))) {
            throw new CommandError(CommandError.SYNTAX);
        }
        if (argv.length == 2) {
            // Controlled restart: dump every job with its queue state, so the next start can restore queues.
            try {
                engine.aof().rewriteNow();
            } catch (java.io.IOException e) {
                org.slf4j.LoggerFactory.getLogger(ServerCommands.class).warn("SHUTDOWN REWRITE-AOF failed: {}", e.getMessage());
                throw new CommandError("ERR Errors trying to SHUTDOWN. Check logs.");
            }
        }
        // Like the original, a successful SHUTDOWN sends no reply: the connection just closes.
        host.shutdown();
    }

    void debug(Client c, byte[][] argv) {
        byte[] sub = argv[1];
        if (Args.is(sub, "flushall") && argv.length == 2) {
            engine.flushAll();
            // The file must forget the jobs too, or a restart would bring them back.
            try {
                engine.aof().rewriteAfterFlush();
            } catch (java.io.IOException e) {
                throw new CommandError("ERR jobs flushed, but the append only file could not be rewritten: "
                        + e.getMessage());
            }
            c.ok();
        } else if (Args.is(sub, "sleep") && argv.length == 3) {
            double seconds;
            try {
                seconds = Double.parseDouble(Args.str(argv[2]));
            } catch (NumberFormatException e) {
                throw new CommandError("ERR value is not a valid float");
            }
            // A huge value (9223372036854775808) used to freeze the node for good: refuse it.
            if (!(seconds >= 0 && seconds <= MAX_DEBUG_SLEEP_SECONDS)) {
                throw new CommandError("ERR value is out of range, must be between 0 and " + MAX_DEBUG_SLEEP_SECONDS);
            }
            long nanos = (long) (seconds * 1e9);
            // DEBUG SLEEP blocks the server on purpose: it exists to test clients against a stalled node.
            java.util.concurrent.locks.LockSupport.parkNanos(nanos);
            c.ok();
        } else if (Args.is(sub, "loadaof") && argv.length == 2) {
            // Reload the node from its file: flush what is buffered, forget everything, replay.
            try {
                engine.aof().flushAndSync();
                engine.flushAll();
                java.nio.file.Path file = engine.aof().path();
                if (java.nio.file.Files.exists(file)) {
                    engine.aof().load(file, engine.config().getBool("aof-enqueue-jobs-once"));
                }
            } catch (java.io.IOException | dev.disque.server.persist.AofFormatException e) {
                throw new CommandError("ERR " + e.getMessage());
            }
            c.ok();
        } else if (Args.is(sub, "error") && argv.length == 3) {
            c.error(Args.str(argv[2]));
        } else {
            throw new CommandError("ERR Unknown DEBUG subcommand or wrong number of arguments for '" + Args.str(sub) + "'");
        }
    }

    void bgrewriteaof(Client c, byte[][] argv) {
        try {
            if (!engine.aof().startRewrite()) {
                throw new CommandError("ERR Background append only file rewriting already in progress");
            }
        } catch (java.io.IOException e) {
            throw new CommandError("ERR Background append only file rewriting failed: " + e.getMessage());
        }
        c.status("Background append only file rewriting started");
    }

    void monitor(Client c, byte[][] argv) {
        // A second MONITOR from the same client is ignored, as in the original.
        if (engine.isMonitor(c)) return;
        engine.addMonitor(c);
        c.ok();
    }

    void slowlog(Client c, byte[][] argv) {
        byte[] sub = argv[1];
        SlowLog log = engine.slowLog();
        if (Args.is(sub, "get") && argv.length <= 3) {
            long count = argv.length == 3 ? Args.longArg(argv[2]) : 10;
            if (count < 0) count = Long.MAX_VALUE;
            long n = Math.min(count, log.size());
            c.arrayHeader(n);
            Iterator<SlowLog.Entry> it = log.iterator();
            for (long i = 0; i < n; i++) {
                SlowLog.Entry e = it.next();
                c.arrayHeader(4);
                c.integer(e.id);
                c.integer(e.unixTime);
                c.integer(e.micros);
                c.arrayHeader(e.args.size());
                for (byte[] a : e.args) c.bulk(a);
            }
        } else if (Args.is(sub, "len") && argv.length == 2) {
            c.integer(log.size());
        } else if (Args.is(sub, "reset") && argv.length == 2) {
            log.reset();
            c.ok();
        } else {
            throw new CommandError("ERR Unknown SLOWLOG subcommand or wrong # of args. Try GET, RESET, LEN.");
        }
    }
}
