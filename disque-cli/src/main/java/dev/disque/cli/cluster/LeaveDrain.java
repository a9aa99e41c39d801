/*
 * LeaveDrain: `disque --cluster leave host:port`, taking a node out of
 * service without losing a job: CLUSTER LEAVING yes (the cluster stops
 * sending it new jobs, clients move away), then INFO is polled until the
 * node says safe_to_stop:yes, that is it holds no job any more, and the
 * operator is told to stop it now. The jobs left are shown as they go
 * (one redrawn line on a terminal, a line per change otherwise); the wait
 * is bounded by --timeout, after which the node stays leaving and the
 * exit code is 1, so a script never stops a node that still holds jobs.
 */
package dev.disque.cli.cluster;

import dev.disque.cli.DisqueCli;
import dev.disque.cli.net.Reply;
import dev.disque.cli.net.RespConnection;
import dev.disque.cli.net.Session;
import dev.disque.cli.render.ReplyRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

final class LeaveDrain {
    private final DisqueCli cli;
    private final Function<NodeAddress, NodeProbe> probe;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean tty;
    private final long timeoutMillis;

    LeaveDrain(DisqueCli cli, Function<NodeAddress, NodeProbe> probe, boolean json, long timeoutMillis) {
        this.cli = cli;
        this.probe = probe;
        this.out = cli.io().out();
        this.err = cli.io().err();
        this.json = json;
        this.timeoutMillis = timeoutMillis;
        this.tty = cli.io().stdoutTty() && !json;
    }

    int run(NodeAddress node) {
        NodeProbe p = probe.apply(node);
        if (!p.ok()) {
            err.println("[ERR] " + node + ": does not answer (" + p.error() + ")");
            return 1;
        }
        long timeout = timeoutMillis;
        long poll = cli.intervalMillis(250);
        long start = System.nanoTime();
        try (Session s = new Session(cli.endpoint().retarget(node.host(), node.port()), cli.password(), m -> { })) {
            Reply r = s.call(RespConnection.args("CLUSTER", "LEAVING", "yes"));
            if (r.isError()) {
                err.println("[ERR] " + node + ": CLUSTER LEAVING yes: " + r.asText());
                return 1;
            }
            if (!json) out.println(">>> " + node + " (" + p.myId() + ") is leaving: no new jobs go to it");
            long lastShown = -1;
            while (true) {
                Map<String, String> info = NodeProbe.fields(NodeProbe.text(s, "INFO", "jobs"));
                info.putAll(NodeProbe.fields(NodeProbe.text(s, "INFO", "cluster")));
                long jobs = Long.parseLong(info.getOrDefault("registered_jobs", "-1"));
                long elapsed = (System.nanoTime() - start) / 1_000_000L;
                boolean safe = "yes".equals(info.get("safe_to_stop"));
                if (!json && (tty || jobs != lastShown) && !safe) {
                    String line = "Waiting for " + node + " to hand over its jobs: " + jobs + (jobs == 1 ? " job" : " jobs")
                            + " left (" + ClusterAdmin.seconds(elapsed / 1000 * 1000) + ")";
                    out.print(tty ? "\r\u001b[2K" + line : line + "\n");
                    out.flush();
                    lastShown = jobs;
                }
                if (safe) return done(node, p.myId(), true, 0, elapsed);
                if (timeout > 0 && elapsed > timeout) return done(node, p.myId(), false, jobs, elapsed);
                if (!ClusterAdmin.pause(poll)) return done(node, p.myId(), false, jobs, elapsed);
            }
        } catch (IOException | NumberFormatException e) {
            if (tty) out.println();
            err.println("[ERR] " + node + ": " + e.getMessage());
            return 1;
        }
    }

    private int done(NodeAddress node, String id, boolean safe, long jobs, long elapsed) {
        if (tty) out.print("\r\u001b[2K");
        if (json) {
            out.print("{\"node\":" + ReplyRenderer.jsonString(node.toString()) + ",\"id\":" + ReplyRenderer.jsonString(id)
                    + ",\"safe_to_stop\":" + safe + ",\"jobs\":" + jobs + ",\"seconds\":"
                    + String.format(Locale.ROOT, "%.1f", elapsed / 1000.0) + "}\n");
        } else if (safe) {
            out.println("[OK] " + node + " holds no job: it is safe to stop it now.");
        }
        out.flush();
        if (!safe) {
            err.println("[ERR] " + node + " still holds " + jobs + (jobs == 1 ? " job" : " jobs") + " after "
                    + ClusterAdmin.seconds(timeoutMillis) + "; do not stop it yet. It stays leaving "
                    + "(CLUSTER LEAVING no takes that back); run this again to keep waiting.");
        }
        return safe ? 0 : 1;
    }
}
