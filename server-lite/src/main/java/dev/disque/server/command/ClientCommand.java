/*
 * ClientCommand: CLIENT LIST / KILL / SETNAME / GETNAME / PAUSE, with
 * redis-cli's familiar formats, for operators looking at who is connected.
 */
package dev.disque.server.command;

import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import java.util.ArrayList;
import java.util.List;

public final class ClientCommand {
    private final Engine engine;

    public ClientCommand(Engine engine) {
        this.engine = engine;
    }

    public void register(CommandTable t) {
        t.add(new Command("client", -2, "ar", this::client));
    }

    void client(Client c, byte[][] argv) {
        byte[] sub = argv[1];
        if (Args.is(sub, "list") && argv.length == 2) {
            list(c);
        } else if (Args.is(sub, "getname") && argv.length == 2) {
            if (c.name().isEmpty()) c.nullBulk();
            else c.bulk(c.name());
        } else if (Args.is(sub, "setname") && argv.length == 3) {
            for (byte b : argv[2]) {
                if (b < '!' || b > '~') {
                    throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
                }
            }
            c.setName(Args.str(argv[2]));
            c.ok();
        } else if (Args.is(sub, "kill") && argv.length == 3) {
            String addr = Args.str(argv[2]);
            Client target = null;
            for (Client x : engine.clients()) if (x.channel().remoteAddress().equals(addr)) target = x;
            if (target == null) throw new CommandError("ERR No such client");
            kill(c, target);
            c.ok();
        } else if (Args.is(sub, "kill") && argv.length > 3) {
            killFiltered(c, argv);
        } else if (Args.is(sub, "kill")) {
            throw new CommandError(CommandError.SYNTAX);
        } else if (Args.is(sub, "pause") && argv.length == 3) {
            engine.clientPause().pause(Args.timeoutMillis(argv[2]));
            c.ok();
        } else {
            throw new CommandError("ERR Syntax error, try CLIENT (LIST | KILL ip:port | GETNAME | SETNAME connection-name)");
        }
    }

    private void kill(Client self, Client target) {
        if (target == self) self.setCloseAfterReply();
        else target.channel().close();
    }

    private void killFiltered(Client c, byte[][] argv) {
        Long id = null;
        String addr = null;
        boolean skipMe = true;
        if ((argv.length - 2) % 2 != 0) throw new CommandError(CommandError.SYNTAX);
        for (int i = 2; i < argv.length; i += 2) {
            byte[] opt = argv[i];
            String val = Args.str(argv[i + 1]);
            if (Args.is(opt, "id")) {
                id = Args.longArg(argv[i + 1]);
            } else if (Args.is(opt, "addr")) {
                addr = val;
            } else if (Args.is(opt, "type")) {
                if (!val.equalsIgnoreCase("normal")) throw new CommandError("ERR Unknown client type '" + val + "'");
            } else if (Args.is(opt, "skipme")) {
                if (val.equalsIgnoreCase("yes")) skipMe = true;
                else if (val.equalsIgnoreCase("no")) skipMe = false;
                else throw new CommandError(CommandError.SYNTAX);
            } else {
                throw new CommandError(CommandError.SYNTAX);
            }
        }
        List<Client> victims = new ArrayList<>();
        for (Client x : engine.clients()) {
            if (id != null && x.id() != id) continue;
            if (addr != null && !x.channel().remoteAddress().equals(addr)) continue;
            if (skipMe && x == c) continue;
            victims.add(x);
        }
        for (Client v : victims) kill(c, v);
        c.integer(victims.size());
    }

    private void list(Client self) {
        long now = engine.clock().millis();
        StringBuilder sb = new StringBuilder();
        for (Client x : engine.clients()) {
            String flags = engine.isMonitor(x) ? "O" : "";
            if (x.isBlocked()) flags += "b";
            if (x.closeAfterReply()) flags += "c";
            if (flags.isEmpty()) flags = "N";
            int qbuf = x.channel().pendingInput();
            sb.append("id=").append(x.id())
              .append(" addr=").append(x.channel().remoteAddress())
              .append(" fd=").append(x.channel().fd())
              .append(" name=").append(x.name())
              .append(" age=").append((now - x.createdMillis()) / 1000)
              .append(" idle=").append((now - x.lastInteractionMillis()) / 1000)
              .append(" flags=").append(flags)
              .append(" qbuf=").append(qbuf)
              .append(" qbuf-free=").append(0)
              .append(" obl=").append(x == self ? 0 : x.pendingOutput())
              .append(" oll=0 omem=0")
              .append(" events=r")
              .append(" cmd=").append(x.lastCommand())
              .append('\n');
        }
        self.bulk(sb.toString());
    }
}
