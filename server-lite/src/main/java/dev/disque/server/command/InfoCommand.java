/*
 * InfoCommand: INFO [section], with the original's sections and field
 * names (server, clients, memory, jobs, queues, persistence, stats, cpu,
 * and commandstats with "all"), so existing dashboards keep working.
 */
package dev.disque.server.command;

import dev.disque.server.Version;
import dev.disque.server.core.Client;
import dev.disque.server.core.Engine;
import dev.disque.server.core.Stats;
import dev.disque.server.memory.MemoryMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

public final class InfoCommand {
    private static final List<String> DEFAULT =
            List.of("server", "clients", "memory", "jobs", "queues", "persistence", "stats", "cpu");

    private final Engine engine;
    private final Host host;
    private final CommandTable table;

    public InfoCommand(Engine engine, Host host, CommandTable table) {
        this.engine = engine;
        this.host = host;
        this.table = table;
    }

    public void register(CommandTable t) {
        t.add(new Command("info", -1, "rl", this::info));
    }

    void info(Client c, byte[][] argv) {
        if (argv.length > 2) throw new CommandError(CommandError.SYNTAX);
        String section = argv.length == 2 ? Args.str(argv[1]).toLowerCase(Locale.ROOT) : "default";
        StringBuilder sb = new StringBuilder();
        boolean all = section.equals("all");
        for (String s : DEFAULT) {
            if (all || section.equals("default") || section.equals(s)) append(sb, s);
        }
        // Ours, not the original's: only on request, so INFO and INFO all read as the original's.
        if (section.equals("cluster")) append(sb, "cluster");
        if (all || section.equals("commandstats")) append(sb, "commandstats");
        c.bulk(sb.toString());
    }

    private void append(StringBuilder sb, String section) {
        if (sb.length() > 0) sb.append("\r\n");
        switch (section) {
            case "server": server(sb); break;
            case "clients": clients(sb); break;
            case "memory": memory(sb); break;
            case "jobs":
                sb.append("# Jobs\r\n");
                field(sb, "registered_jobs", engine.registry().size());
                break;
            case "cluster":
                // While leaving, an operator waits for safe_to_stop: no job left that only this node could lose.
                sb.append("# Cluster\r\n");
                field(sb, "leaving", engine.cluster().leaving() ? "yes" : "no");
                field(sb, "safe_to_stop", engine.cluster().leaving() && engine.registry().size() == 0 ? "yes" : "no");
                break;
            case "queues":
                sb.append("# Queues\r\n");
                field(sb, "registered_queues", engine.queues().size());
                break;
            case "persistence": persistence(sb); break;
            case "stats": stats(sb); break;
            case "cpu": cpu(sb); break;
            case "commandstats":
                sb.append("# Commandstats\r\n");
                for (Command cmd : table.all()) {
                    if (cmd.calls() == 0) continue;
                    sb.append("cmdstat_").append(cmd.name()).append(":calls=").append(cmd.calls())
                      .append(",usec=").append(cmd.micros())
                      .append(",usec_per_call=").append(String.format(Locale.ROOT, "%.2f", (double) cmd.micros() / cmd.calls()))
                      .append("\r\n");
                }
                break;
            default:
                break;
        }
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(name).append(':').append(value).append("\r\n");
    }

    private void server(StringBuilder sb) {
        long now = engine.clock().millis();
        long uptime = Math.max(0, (now - engine.startMillis()) / 1000);
        sb.append("# Server\r\n");
        field(sb, "disque_version", Version.get());
        field(sb, "disque_git_sha1", Version.commit().isEmpty() ? "00000000" : Version.commit());
        field(sb, "disque_git_dirty", Version.dirty() ? 1 : 0);
        field(sb, "disque_build_id", Version.buildId());
        // The machine as uname -m names it, like the original's line.
        String arch = System.getProperty("os.arch");
        field(sb, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + (arch.equals("amd64") ? "x86_64" : arch));
        field(sb, "arch_bits", System.getProperty("sun.arch.data.model", "64"));
        field(sb, "multiplexing_api", host.multiplexingApi());
        field(sb, "java_version", System.getProperty("java.version"));
        field(sb, "process_id", ProcessHandle.current().pid());
        field(sb, "run_id", engine.runId());
        field(sb, "tcp_port", host.port());
        field(sb, "uptime_in_seconds", uptime);
        field(sb, "uptime_in_days", uptime / 86400);
        field(sb, "hz", engine.config().get("hz"));
        field(sb, "executable", Version.executable());
        field(sb, "config_file", engine.config().file() == null ? "" : engine.config().file().toString());
    }

    private void clients(StringBuilder sb) {
        long biggestInput = 0;
        long longestOutput = 0;
        for (Client x : engine.clients()) {
            biggestInput = Math.max(biggestInput, x.channel().pendingInput());
            longestOutput = Math.max(longestOutput, x.pendingOutput());
        }
        sb.append("# Clients\r\n");
        field(sb, "connected_clients", engine.clientCount());
        field(sb, "client_longest_output_list", longestOutput);
        field(sb, "client_biggest_input_buf", biggestInput);
        field(sb, "blocked_clients", engine.blockedCount());
    }

    private void memory(StringBuilder sb) {
        engine.refreshClientMemory();
        long used = engine.usedMemory();
        long peak = engine.memory().updatePeak(used);
        long rss = MemoryMonitor.rss();
        sb.append("# Memory\r\n");
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", MemoryMonitor.human(used));
        field(sb, "used_memory_rss", rss);
        field(sb, "used_memory_peak", peak);
        field(sb, "used_memory_peak_human", MemoryMonitor.human(peak));
        field(sb, "used_memory_heap", MemoryMonitor.heapUsed());
        field(sb, "maxmemory", engine.maxMemory());
        field(sb, "maxmemory_human", MemoryMonitor.human(engine.maxMemory()));
        field(sb, "maxmemory_policy", engine.config().get("maxmemory-policy"));
        field(sb, "mem_fragmentation_ratio", String.format(Locale.ROOT, "%.2f", used == 0 ? 0.0 : (double) rss / used));
        field(sb, "mem_allocator", "jvm");
    }

    private void persistence(StringBuilder sb) {
        dev.disque.server.persist.AppendOnlyFile aof = engine.aof();
        boolean on = aof.state() != dev.disque.server.persist.AppendOnlyFile.State.OFF;
        sb.append("# Persistence\r\n");
        field(sb, "loading", 0);
        field(sb, "aof_enabled", on ? 1 : 0);
        field(sb, "aof_state", aof.state().wireName());
        field(sb, "aof_rewrite_in_progress", aof.rewriteInProgress() ? 1 : 0);
        field(sb, "aof_rewrite_scheduled", 0);
        field(sb, "aof_last_rewrite_time_sec", aof.lastRewriteSeconds());
        field(sb, "aof_current_rewrite_time_sec", aof.currentRewriteSeconds());
        field(sb, "aof_last_bgrewrite_status", aof.lastRewriteOk() ? "ok" : "err");
        field(sb, "aof_last_write_status", aof.lastWriteError() == null ? "ok" : "err");
        if (on) {
            field(sb, "aof_current_size", aof.currentSize());
            field(sb, "aof_base_size", aof.baseSize());
            field(sb, "aof_pending_rewrite", 0);
            field(sb, "aof_buffer_length", aof.bufferLength());
            field(sb, "aof_rewrite_buffer_length", aof.rewriteBufferLength());
            field(sb, "aof_pending_bio_fsync", 0);
            // fsync is never postponed (it runs on its own thread), so none is ever delayed.
            field(sb, "aof_delayed_fsync", 0);
        }
    }

    private void stats(StringBuilder sb) {
        Stats s = engine.stats();
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", s.connectionsReceived);
        field(sb, "total_commands_processed", s.commandsProcessed);
        field(sb, "instantaneous_ops_per_sec", s.opsPerSec());
        field(sb, "total_net_input_bytes", s.netInputBytes);
        field(sb, "total_net_output_bytes", s.netOutputBytes);
        field(sb, "instantaneous_input_kbps", String.format(Locale.ROOT, "%.2f", s.inputKbps()));
        field(sb, "instantaneous_output_kbps", String.format(Locale.ROOT, "%.2f", s.outputKbps()));
        field(sb, "rejected_connections", s.rejectedConnections);
        field(sb, "expired_jobs", s.expiredJobs);
        field(sb, "evicted_jobs", s.evictedJobs);
        field(sb, "latest_fork_usec", 0);
    }

    private void cpu(StringBuilder sb) {
        double user = 0, sys = 0;
        try {
            // Fields 14 and 15 of /proc/self/stat: user and system time in clock ticks (100 per second).
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            user = Long.parseLong(f[11]) / 100.0;
            sys = Long.parseLong(f[12]) / 100.0;
        } catch (IOException | RuntimeException e) {
            java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean) {
                user = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e9;
            }
        }
        sb.append("# CPU\r\n");
        field(sb, "used_cpu_sys", String.format(Locale.ROOT, "%.2f", sys));
        field(sb, "used_cpu_user", String.format(Locale.ROOT, "%.2f", user));
        field(sb, "used_cpu_sys_children", "0.00");
        field(sb, "used_cpu_user_children", "0.00");
    }
}
