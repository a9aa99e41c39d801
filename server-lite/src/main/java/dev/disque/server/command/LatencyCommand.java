/*
 * LatencyCommand: LATENCY LATEST / HISTORY / GRAPH / DOCTOR / RESET, the
 * original's view of the latency monitor, so that an operator asking why a
 * node answered slowly gets the same answers, in the same shapes, from ours.
 */
package dev.disque.server.command;

import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import dev.disque.server.core.LatencyMonitor;
import java.util.List;
import java.util.Map;

public final class LatencyCommand {
    private final Engine engine;

    public LatencyCommand(Engine engine) {
        this.engine = engine;
    }

    public void register(CommandTable t) {
        t.add(new Command("latency", -2, "arl", this::latency));
    }

    void latency(Client c, byte[][] argv) {
        LatencyMonitor monitor = engine.latency();
        byte[] sub = argv[1];
        if (Args.is(sub, "latest") && argv.length == 2) {
            c.arrayHeader(monitor.events().size());
            for (Map.Entry<String, LatencyMonitor.Series> e : monitor.events().entrySet()) {
                LatencyMonitor.Sample last = e.getValue().latest();
                c.arrayHeader(4);
                c.bulk(e.getKey());
                c.integer(last.time());
                c.integer(last.millis());
                c.integer(e.getValue().worst());
            }
        } else if (Args.is(sub, "history") && argv.length == 3) {
            LatencyMonitor.Series series = monitor.series(Args.str(argv[2]));
            List<LatencyMonitor.Sample> samples = series == null ? List.of() : series.samples();
            c.arrayHeader(samples.size());
            for (LatencyMonitor.Sample s : samples) {
                c.arrayHeader(2);
                c.integer(s.time());
                c.integer(s.millis());
            }
        } else if (Args.is(sub, "graph") && argv.length == 3) {
            String event = Args.str(argv[2]);
            LatencyMonitor.Series series = monitor.series(event);
            if (series == null) throw new CommandError("ERR No samples available for event '" + event + "'");
            c.bulk(LatencyGraph.render(event, series, engine.clock().seconds()));
        } else if (Args.is(sub, "doctor") && argv.length == 2) {
            c.bulk(new LatencyDoctor(monitor, engine.config(), engine.clock().seconds()).report());
        } else if (Args.is(sub, "reset")) {
            int n = 0;
            if (argv.length == 2) n = monitor.reset(null);
            for (int i = 2; i < argv.length; i++) n += monitor.reset(Args.str(argv[i]));
            c.integer(n);
        } else {
            throw new CommandError(CommandError.SYNTAX);
        }
    }
}
