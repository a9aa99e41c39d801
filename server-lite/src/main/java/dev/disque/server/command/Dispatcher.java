/*
 * Dispatcher: runs one parsed request, with the checks every command gets,
 * in the original's order: QUIT, unknown command, arity, authentication,
 * memory. Then it times the command for the slow log and the command stats,
 * and lets clients blocked on queues that just received jobs be served.
 */
package dev.disque.server.command;

import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final Engine engine;
    private final CommandTable table;
    private String requirepass;
    private long slowerThan;
    private int slowlogMaxLen;
    private String debugSetting;

    public Dispatcher(Engine engine, CommandTable table) {
        this.engine = engine;
        this.table = table;
        readConfig();
        engine.config().onChange((name, value) -> readConfig());
    }

    private void readConfig() {
        requirepass = engine.config().get("requirepass");
        slowerThan = engine.config().getLong("slowlog-log-slower-than");
        slowlogMaxLen = engine.config().getInt("slowlog-max-len");
        debugSetting = engine.config().get("enable-debug-command");
    }

    public CommandTable table() {
        return table;
    }

    public void dispatch(Client c, byte[][] argv) {
        c.touch(engine.clock().millis());
        if (Args.is(argv[0], "quit")) {
            c.ok();
            c.setCloseAfterReply();
            return;
        }
        Command cmd = table.lookup(argv[0]);
        if (cmd == null) {
            c.error("ERR unknown command '" + new String(argv[0], StandardCharsets.UTF_8) + "'");
            return;
        }
        c.setLastCommand(cmd.name());
        if (!cmd.arityOk(argv.length)) {
            c.error("ERR wrong number of arguments for '" + cmd.name() + "' command");
            return;
        }
        if (cmd.name().equals("debug") && !ProtectedAction.allowed(debugSetting, c)) {
            c.error(ProtectedAction.DEBUG_REFUSED);
            return;
        }
        if (!requirepass.isEmpty() && !c.authenticated() && !cmd.name().equals("auth")) {
            c.error("NOAUTH Authentication required.");
            return;
        }
        if (!engine.freeMemoryIfNeeded() && cmd.hasFlag('m')) {
            c.error("OOM command not allowed when used memory > 'maxmemory'.");
            return;
        }
        String aofError = engine.aof().lastWriteError();
        if (aofError != null && (cmd.hasFlag('w') || cmd.name().equals("ping"))) {
            c.error("MISCONF Errors writing to the AOF file: " + aofError);
            return;
        }
        if (!cmd.hasFlag('a') && !cmd.hasFlag('M')) engine.feedMonitors(c, Redaction.shown(cmd, argv));
        long aofBefore = engine.aof().appendedSeq();
        long start = System.nanoTime();
        try {
            cmd.handler().run(c, argv);
        } catch (CommandError e) {
            c.error(e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Command {} failed", cmd.name(), e);
            c.error("ERR internal error running '" + cmd.name() + "': " + e);
        }
        long micros = (System.nanoTime() - start) / 1000;
        engine.stats().commandsProcessed++;
        long aofAfter = engine.aof().appendedSeq();
        if (aofAfter != aofBefore) c.requireDurable(aofAfter);
        cmd.record(micros);
        // Asked first, so that a node with the monitor off does no more per command.
        if (engine.latency().isOn()) {
            engine.latency().record(cmd.hasFlag('F') ? "fast-command" : "command", micros / 1000);
        }
        if (slowerThan >= 0 && micros >= slowerThan) {
            engine.slowLog().add(Redaction.shown(cmd, argv), engine.clock().seconds(), micros, slowlogMaxLen);
        }
        engine.serveBlocked();
    }
}
