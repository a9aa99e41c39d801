/*
 * CommandCatalog: every Disque command, the single source for the REPL's
 * help, completion and hints, the man page's command list and the shell
 * completion scripts. Each entry has its argument syntax (as structured
 * data, so completion can follow what was typed), a summary, a group and
 * the version that introduced it. Subcommands (CLUSTER NODES, CONFIG GET)
 * are entries of their own.
 */
package dev.disque.cli.catalog;

import dev.disque.cli.catalog.Param.Kind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

public final class CommandCatalog {
    private static final String SINCE = "1.0.0";
    private static final List<String> INFO_SECTIONS = List.of("server", "clients", "memory", "jobs", "queues",
            "persistence", "stats", "cpu", "commandstats", "default", "all");
    private static final List<String> JOB_STATES = List.of("wait-repl", "active", "queued", "acked");

    /** Commands the REPL handles itself (not sent to the server). */
    public record Local(String usage, String summary) {
    }

    private static final List<Local> LOCAL = List.of(
            new Local("help [command | @group]", "Show help on a command, or the commands of a group"),
            new Local("connect host port", "Connect to another server"),
            new Local("top", "Full-screen view of the queues; q quits"),
            new Local("clear", "Clear the screen"),
            new Local("quit, exit", "Leave the REPL (so does Ctrl-D)"));

    private static final CommandCatalog INSTANCE = new CommandCatalog();

    private final Map<String, Spec> byName = new LinkedHashMap<>();

    public static CommandCatalog get() {
        return INSTANCE;
    }

    private CommandCatalog() {
        Group g = Group.CONNECTION;
        add("AUTH", g, "Authenticate to a server protected by requirepass", p("password"));
        add("PING", g, "Check that the server answers; with a message, echo it", opt(p("message")));
        add("QUIT", g, "Close the connection");
        add("CLIENT LIST", g, "List the connected clients");
        add("CLIENT KILL", g, "Close client connections by address, ID or type",
                opt(p("ip:port")), o("ID", p("<client-id>")), o("TYPE", c("normal", "normal")),
                o("ADDR", p("<ip:port>")), o("SKIPME", c("yes|no", "yes", "no")));
        add("CLIENT SETNAME", g, "Name the current connection", p("connection-name"));
        add("CLIENT GETNAME", g, "Get the name of the current connection");
        add("CLIENT PAUSE", g, "Stop processing clients' commands for a while", p("<ms-timeout>"));

        g = Group.SERVER;
        add("INFO", g, "Information and statistics about the server",
                opt(choice("section", INFO_SECTIONS)));
        add("TIME", g, "The server's time: unix seconds and microseconds");
        add("COMMAND", g, "Details about every command");
        add("COMMAND COUNT", g, "The number of commands");
        add("COMMAND INFO", g, "Details about the given commands", many(kind("command-name", Kind.COMMAND)));
        add("CONFIG GET", g, "Read the configuration parameters matching a pattern",
                kind("parameter", Kind.CONFIG_PARAM));
        add("CONFIG SET", g, "Change a configuration parameter at run time",
                kind("parameter", Kind.CONFIG_PARAM), p("value"));
        add("CONFIG RESETSTAT", g, "Reset the statistics INFO reports");
        add("CONFIG REWRITE", g, "Write the running configuration back to the config file");
        add("SLOWLOG GET", g, "The slowest recent commands, newest first", opt(p("<count>")));
        add("SLOWLOG LEN", g, "The number of entries in the slow log");
        add("SLOWLOG RESET", g, "Empty the slow log");
        add("MONITOR", g, "Stream every command the server receives (Ctrl-C stops)");
        add("SHUTDOWN", g, "Stop the server", o("REWRITE-AOF"));
        add("BGREWRITEAOF", g, "Rewrite the append-only file in the background");
        add("LATENCY LATEST", g, "The latest latency spikes of each event");
        add("LATENCY HISTORY", g, "The latency history of an event", p("event"));
        add("LATENCY RESET", g, "Reset the latency data of the given events (all by default)",
                opt(many(p("event"))));
        add("LATENCY GRAPH", g, "An ASCII graph of an event's latency", p("event"));
        add("LATENCY DOCTOR", g, "A human-readable latency analysis");
        add("DEBUG SLEEP", g, "Make the server sleep (blocking every client)", p("<seconds>"));
        add("DEBUG FLUSHALL", g, "Delete every job and queue");
        add("DEBUG ERROR", g, "Reply with the given error", p("message"));
        add("DEBUG RESTART", g, "Restart the server, reloading its data", opt(p("<delay-ms>")));
        add("DEBUG CRASH-AND-RECOVER", g, "Crash the server, then restart it", opt(p("<delay-ms>")));
        add("DEBUG LOADAOF", g, "Reload the append-only file");
        add("DEBUG OOM", g, "Try a huge allocation (testing)");
        add("DEBUG STRUCTSIZE", g, "Sizes of the server's internal structures");
        add("DEBUG SEGFAULT", g, "Crash the server (testing)");
        add("DEBUG ASSERT", g, "Fail an assertion in the server (testing)");

        g = Group.CLUSTER;
        add("HELLO", g, "This node's ID and every known node with its address and priority");
        add("CLUSTER INFO", g, "State and size of the cluster");
        add("CLUSTER NODES", g, "Every known node, one per line");
        add("CLUSTER MYID", g, "This node's ID");
        add("CLUSTER MEET", g, "Join the cluster of the node at the given address (its bus port: port + 10000 "
                + "unless given)", p("ip"), p("port"), opt(p("bus-port")));
        add("CLUSTER FORGET", g, "Forget a node", p("node-id"));
        add("CLUSTER RESET", g, "Forget every other node", opt(c("HARD|SOFT", "hard", "soft")));
        add("CLUSTER SAVECONFIG", g, "Save the cluster configuration to disk");
        add("CLUSTER LEAVING", g, "Ask or set whether this node is leaving the cluster",
                opt(c("yes|no", "yes", "no")));

        g = Group.QUEUES;
        add("QLEN", g, "The number of jobs queued in a queue", q());
        add("QPEEK", g, "Look at jobs in a queue without taking them (a negative count from the newest)",
                q(), p("<count>"));
        add("QSTAT", g, "Length, age, consumers, rates and pause state of a queue", q());
        add("QSCAN", g, "Iterate over the queues",
                opt(p("<cursor>")), o("COUNT", p("<count>")), o("BUSYLOOP"), o("MINLEN", p("<len>")),
                o("MAXLEN", p("<len>")), o("IMPORTRATE", p("<rate>")));
        add("PAUSE", g, "Pause a queue's input, output or both (or unpause it)",
                q(), many(choice("option", List.of("in", "out", "all", "none", "state", "bcast"))));

        g = Group.JOBS;
        add("ADDJOB", g, "Add a job to a queue; replies with its ID",
                q(), p("job"), p("<ms-timeout>"), o("REPLICATE", p("<count>")), o("DELAY", p("<sec>")),
                o("RETRY", p("<sec>")), o("TTL", p("<sec>")), o("MAXLEN", p("<count>")), o("ASYNC"));
        add("GETJOB", g, "Fetch jobs from the first queue that has some, waiting if none has",
                o("NOHANG"), o("TIMEOUT", p("<ms-timeout>")), o("COUNT", p("<count>")), o("WITHCOUNTERS"),
                new Option("FROM", many(kind("queue", Kind.QUEUE)), false, true));
        add("ACKJOB", g, "Acknowledge jobs as done, so they are never delivered again", ids());
        add("FASTACK", g, "Acknowledge jobs with a single best-effort broadcast", ids());
        add("NACK", g, "Put jobs back in their queue at once, counting a failed delivery", ids());
        add("WORKING", g, "Say a job is still being worked on, postponing its next delivery", id());
        add("ENQUEUE", g, "Queue jobs again, if they are not queued", ids());
        add("DEQUEUE", g, "Take jobs out of their queue without acknowledging them", ids());
        add("DELJOB", g, "Delete jobs from this node", ids());
        add("SHOW", g, "Everything about a job: state, queue, TTL, nodes, body", id());
        add("JSCAN", g, "Iterate over the jobs, optionally by queue or state",
                opt(p("<cursor>")), o("COUNT", p("<count>")), o("BUSYLOOP"), o("QUEUE", q()),
                new Option("STATE", choice("<state>", JOB_STATES), true, false),
                o("REPLY", c("all|id", "all", "id")));
        add("LOADJOB", g, "Load a serialized job (only from the append-only file)", p("serialized-job"));

        // Not server commands: the CLI answers them from QSCAN, QLEN, JSCAN, QPEEK, SHOW, ADDJOB and DELJOB.
        g = Group.TASQUE;
        add("TASQUE STATS", g, "Per task name: jobs queued, in flight, delayed, retried (attempt 2 or more) and dead",
                opt(p("name")));
        add("TASQUE DEAD", g, "The dead tasks, oldest first, with attempt, reason, params and last error",
                opt(p("name")));
        add("TASQUE REQUEUE", g, "Put dead tasks back in their queue as fresh tasks: all of a name, or by job ID",
                many(p("name|dead-job-id")));
        add("TASQUE PURGE", g, "Delete dead tasks: all of a name, or by job ID", many(p("name|dead-job-id")));
    }

    // ---- builders ----

    private void add(String name, Group group, String summary, Object... args) {
        List<Param> params = new ArrayList<>();
        List<Option> options = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof Param p) params.add(p);
            else options.add((Option) a);
        }
        byName.put(name, new Spec(name, params, options, summary, group, SINCE));
    }

    private static Param p(String name) {
        return new Param(name, Kind.VALUE, List.of(), false, false);
    }

    private static Param kind(String name, Kind kind) {
        return new Param(name, kind, List.of(), false, false);
    }

    private static Param q() {
        return kind("queue", Kind.QUEUE);
    }

    private static Param id() {
        return kind("job-id", Kind.JOB_ID);
    }

    private static Param ids() {
        return many(id());
    }

    private static Param c(String name, String... choices) {
        return new Param(name, Kind.CHOICE, List.of(choices), false, false);
    }

    private static Param choice(String name, List<String> choices) {
        return new Param(name, Kind.CHOICE, choices, false, false);
    }

    private static Param opt(Param p) {
        return new Param(p.name(), p.kind(), p.choices(), true, p.variadic());
    }

    private static Param many(Param p) {
        return new Param(p.name(), p.kind(), p.choices(), p.optional(), true);
    }

    private static Option o(String keyword) {
        return new Option(keyword, null, false, false);
    }

    private static Option o(String keyword, Param value) {
        return new Option(keyword, value, false, false);
    }

    // ---- queries ----

    /** Every entry, in catalog order (grouped). */
    public List<Spec> all() {
        return List.copyOf(byName.values());
    }

    public List<Local> local() {
        return LOCAL;
    }

    public List<Spec> group(Group g) {
        List<Spec> l = new ArrayList<>();
        for (Spec s : byName.values()) if (s.group() == g) l.add(s);
        return l;
    }

    /** An entry by its full name ("addjob", "cluster nodes"), case-insensitively; null if none. */
    public Spec spec(String name) {
        return byName.get(name.toUpperCase(Locale.ROOT).trim().replaceAll("\\s+", " "));
    }

    /** The command names as typed first (CLUSTER once for all its subcommands), sorted. */
    public List<String> commandNames() {
        Set<String> names = new java.util.TreeSet<>();
        for (Spec s : byName.values()) names.add(s.command());
        return List.copyOf(names);
    }

    /** True when the command has subcommands (CLUSTER, CONFIG, ...). */
    public boolean isContainer(String command) {
        return !subcommands(command).isEmpty();
    }

    /** The subcommands of a command, in catalog order; empty if it has none. */
    public List<String> subcommands(String command) {
        Set<String> subs = new LinkedHashSet<>();
        for (Spec s : byName.values()) {
            if (s.subcommand() != null && s.command().equalsIgnoreCase(command)) subs.add(s.subcommand());
        }
        return List.copyOf(subs);
    }

    /** The entries of one command: itself and/or its subcommands. */
    public List<Spec> entries(String command) {
        List<Spec> l = new ArrayList<>();
        for (Spec s : byName.values()) if (s.command().equalsIgnoreCase(command)) l.add(s);
        return Collections.unmodifiableList(l);
    }

    /** The group of a command (of its first entry), or null. */
    public Group groupOf(String command) {
        List<Spec> e = entries(command);
        return e.isEmpty() ? null : e.get(0).group();
    }

    /**
     * Finds the entry a typed line is about. Returns the spec and how many
     * words its name took (1 or 2), or null if the words name nothing.
     */
    public Match match(List<String> words) {
        if (words.isEmpty()) return null;
        if (words.size() >= 2) {
            Spec s = spec(words.get(0) + " " + words.get(1));
            if (s != null) return new Match(s, 2);
        }
        Spec s = spec(words.get(0));
        return s == null ? null : new Match(s, 1);
    }

    public record Match(Spec spec, int nameWords) {
    }
}
