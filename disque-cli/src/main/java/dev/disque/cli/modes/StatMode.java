/*
 * StatMode: `disque --stat`: one line of server statistics per interval
 * (-i, default 1 s), like redis-cli's: jobs, queues, memory, clients,
 * blocked clients, requests (total and per second), connections received,
 * cluster nodes. A header every 20 lines. With --csv or --json, machine
 * readable lines instead. -r limits the number of lines.
 */
package dev.disque.cli.modes;

import dev.disque.cli.DisqueCli;
import dev.disque.cli.net.Reply;
import dev.disque.cli.net.Session;
import dev.disque.cli.render.ReplyRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;

public final class StatMode {
    static final String RULE = "------- data ------- ----------------- load ----------------- - cluster -";
    static final String HEADER = String.format("%-9s %-10s %-9s %-8s %-8s %-22s %-11s %s",
            "jobs", "queues", "mem", "clients", "blocked", "requests", "connections", "nodes");

    private final DisqueCli cli;

    public StatMode(DisqueCli cli) {
        this.cli = cli;
    }

    public int run() {
        PrintStream out = cli.io().out();
        ReplyRenderer.Format format = cli.renderer().format();
        long every = cli.intervalMillis(1000);
        Long limit = cli.repeat();
        try (Session session = cli.session()) {
            try {
                session.connect();
            } catch (IOException e) {
                cli.io().err().println(DisqueCli.connectError(cli.endpoint().address(), e));
                return 1;
            }
            long prevRequests = -1;
            long prevTime = 0;
            if (format == ReplyRenderer.Format.CSV) {
                out.println("jobs,queues,used_memory,clients,blocked,requests,requests_per_sec,connections,nodes");
            }
            for (long line = 0; limit == null || limit < 0 || line < limit; line++) {
                if (line > 0 && !Pacing.sleep(every)) break;
                Map<String, String> info = InfoFields.parse(session.call(RespArgs.of("INFO")));
                Reply cluster = session.call(RespArgs.of("CLUSTER", "INFO"));
                String nodes = cluster.isError() ? "-" : InfoFields.parse(cluster).getOrDefault("cluster_known_nodes", "-");
                long now = System.nanoTime();
                long requests = InfoFields.number(info, "total_commands_processed");
                long perSec = prevRequests < 0 ? 0
                        : Math.round((requests - prevRequests) * 1e9 / Math.max(1, now - prevTime));
                prevRequests = requests;
                prevTime = now;
                String jobs = info.getOrDefault("registered_jobs", "-");
                String queues = info.getOrDefault("registered_queues", "-");
                String clients = info.getOrDefault("connected_clients", "-");
                String blocked = info.getOrDefault("blocked_clients", "-");
                String conns = info.getOrDefault("total_connections_received", "-");
                switch (format) {
                    case CSV:
                        out.println(String.join(",", jobs, queues, info.getOrDefault("used_memory", "-"), clients,
                                blocked, Long.toString(requests), Long.toString(perSec), conns, nodes));
                        break;
                    case JSON:
                        out.println("{\"jobs\":" + jobs + ",\"queues\":" + queues + ",\"used_memory\":"
                                + info.getOrDefault("used_memory", "0") + ",\"clients\":" + clients
                                + ",\"blocked\":" + blocked + ",\"requests\":" + requests
                                + ",\"requests_per_sec\":" + perSec + ",\"connections\":" + conns
                                + ",\"nodes\":" + (nodes.equals("-") ? "null" : nodes) + "}");
                        break;
                    default:
                        if (line % 20 == 0) {
                            out.println(RULE);
                            out.println(HEADER);
                        }
                        out.println(String.format("%-9s %-10s %-9s %-8s %-8s %-22s %-11s %s", jobs, queues,
                                info.getOrDefault("used_memory_human", "-"), clients, blocked,
                                requests + " (+" + perSec + "/s)", conns, nodes));
                }
                out.flush();
            }
            return 0;
        } catch (IOException e) {
            cli.io().err().println("Error: " + e.getMessage());
            return 1;
        }
    }
}
