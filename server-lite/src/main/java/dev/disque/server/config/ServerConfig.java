/*
 * ServerConfig: the server's settings, from defaults, a config file and
 * command-line directives, changeable at run time with CONFIG SET.
 *
 * Values are kept in canonical text form (what CONFIG GET shows) and parsed
 * by typed getters. Listeners let the parts that cache a setting (the
 * logger, the network limits) hear about changes.
 */
package dev.disque.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

public final class ServerConfig {
    private static final Map<String, Directive> DIRECTIVES = new LinkedHashMap<>();

    private static void define(Directive d) {
        DIRECTIVES.put(d.name(), d);
    }

    static {
        define(Directive.list("bind", "127.0.0.1", 16, false,
                "Addresses to listen on (up to 16). The default serves this machine only."));
        define(Directive.integer("port", 7711, 0, 65535, false,
                "TCP port for clients; 0 picks a free one. The cluster bus uses port+10000."));
        define(Directive.integer("tcp-backlog", 511, 0, Integer.MAX_VALUE, false,
                "Length of the queue of connections waiting to be accepted."));
        define(Directive.integer("timeout", 0, 0, Integer.MAX_VALUE, true,
                "Close a client after this many idle seconds (0 = never). Blocked clients are exempt."));
        define(Directive.integer("tcp-keepalive", 300, 0, Integer.MAX_VALUE, true,
                "Send TCP keepalives after this many idle seconds (0 = off), to detect dead peers."));
        define(Directive.integer("maxclients", 10000, 1, 1_000_000, true,
                "Most clients connected at once; the next one gets an error and is closed."));
        define(Directive.memory("proto-max-bulk-len", "512mb", 1, true,
                "Largest single argument (for example a job body) a client may send."));
        define(Directive.memory("client-query-buffer-limit", "1gb", 1024, true,
                "Most unprocessed input held for one client before it is disconnected."));
        define(Directive.string("requirepass", "", 512, true,
                "Password clients must send with AUTH before any other command (empty = none)."));
        define(Directive.bool("protected-mode", true, true,
                "With no requirepass, clients from addresses other than loopback get a -DENIED error"
                + " (matters only when bind lists a non-loopback address)."));
        define(Directive.choice("enable-debug-command", "local", List.of("no", "local", "yes"), false,
                "Who may run DEBUG: no one, local (loopback) clients only, or everyone."));
        define(Directive.choice("enable-protected-configs", "no", List.of("no", "local", "yes"), false,
                "Who may CONFIG SET dir and logfile (files the server writes): no one, local clients, or everyone."));
        define(Directive.memory("maxmemory", "1gb", 0, true,
                "Memory for jobs and queues (0 = no limit). Above 75% a lone node refuses new jobs with -NOREPL,"
                + " above 95% it evicts acked jobs, at 100% it refuses commands that need memory."));
        define(Directive.choice("maxmemory-policy", "acks", List.of("acks", "noeviction"), true,
                "acks: evict acknowledged jobs and idle queues under pressure; noeviction: only refuse."));
        define(Directive.integer("maxmemory-samples", 5, 1, 1000, true,
                "Jobs sampled per eviction round."));
        define(Directive.clamped("hz", 10, 1, 500, true,
                "Housekeeping runs per second (idle clients, queue GC, memory checks)."));
        define(Directive.integer("slowlog-log-slower-than", 10000, -1, Long.MAX_VALUE, true,
                "Log commands slower than this many microseconds (-1 = never, 0 = all)."));
        define(Directive.integer("slowlog-max-len", 128, 0, Integer.MAX_VALUE, true,
                "Entries kept in the slow log."));
        define(Directive.integer("watchdog-period", 0, 0, Integer.MAX_VALUE, true,
                "Log where the server thread is when it has not answered for this many milliseconds"
                + " (0 = off; at least two cron ticks). A debugging aid for stalls."));
        define(Directive.integer("latency-monitor-threshold", 0, 0, Long.MAX_VALUE, true,
                "Record in LATENCY every command or internal task that takes at least this many milliseconds"
                + " (0 = off)."));
        define(Directive.bool("appendonly", false, true,
                "Log every accepted job and every ack to the append-only file, so a restart (even after a crash)"
                + " brings back every job the node confirmed."));
        define(Directive.filename("appendfilename", "disque.aof", false,
                "Name of the append-only file, inside dir."));
        define(Directive.choice("appendfsync", "everysec", List.of("always", "everysec", "no"), true,
                "always: a reply waits until its job is on disk; everysec: fsync once a second;"
                + " no: let the OS decide."));
        define(Directive.integer("auto-aof-rewrite-percentage", 100, 0, Integer.MAX_VALUE, true,
                "Rewrite the file when it grew this much (percent) since the last rewrite (0 = never)."));
        define(Directive.memory("auto-aof-rewrite-min-size", "64mb", 0, true,
                "Do not rewrite automatically while the file is smaller than this."));
        define(Directive.bool("aof-load-truncated", true, true,
                "At start, accept a file whose last record was cut by a crash (the tail is dropped);"
                + " with no, refuse to start."));
        define(Directive.bool("aof-enqueue-jobs-once", false, true,
                "Load queued jobs back into their queues at the next start, then switch off (controlled restarts)."));
        define(Directive.bool("no-appendfsync-on-rewrite", false, false,
                "While the append-only file is rewritten, skip the everysec fsyncs (less disk contention, up to"
                + " the rewrite's length of writes at risk); always still syncs before replying."));
        define(Directive.bool("aof-rewrite-incremental-fsync", true, true,
                "Force the rewritten append-only file to disk every 32 MB, not all at once at the end."));
        define(Directive.clientLimit("client-output-buffer-limit", "normal 0 0 0", true,
                "normal <hard> <soft> <seconds>: close a client whose unsent replies reach <hard> bytes, or stay"
                + " over <soft> bytes for <seconds> (0 = no limit; Disque has only normal clients)."));
        define(Directive.choice("loglevel", "notice", List.of("debug", "verbose", "notice", "warning"), true,
                "How much to log: debug, verbose, notice or warning."));
        define(Directive.string("logfile", "", true,
                "Log file; empty logs to standard output."));
        define(Directive.onlyNo("syslog-enabled",
                "Only no: this server does not log to syslog (log to standard output for journald, or to logfile).",
                "syslog is not supported: log to standard output (journald and container runtimes collect it) or to"
                + " logfile"));
        define(Directive.string("syslog-ident", "disque", false,
                "Accepted for the original's config files; no effect, as syslog-enabled is always no."));
        define(Directive.choice("syslog-facility", "local0", List.of("user", "local0", "local1", "local2", "local3",
                "local4", "local5", "local6", "local7"), false,
                "Accepted for the original's config files; no effect, as syslog-enabled is always no."));
        define(Directive.onlyNo("daemonize",
                "Only no: a JVM cannot fork itself into the background; run the server under a supervisor"
                + " (systemd), or detach it with setsid.",
                "daemonize yes is not supported: a JVM cannot fork itself. Run the server under a supervisor"
                + " (systemd), or detach it: setsid bin/disque-server disque.conf >/dev/null 2>&1 < /dev/null &"));
        define(Directive.integer("databases", 16, 1, Integer.MAX_VALUE, false,
                "Accepted for the original's config files; no effect (Disque has no databases)."));
        define(Directive.bool("activerehashing", true, true,
                "Accepted for the original's config files; no effect (tables here resize in one step)."));
        define(Directive.string("dir", ".", true,
                "Working directory: relative file names (logfile, pidfile) are resolved here."));
        define(Directive.string("pidfile", "", false,
                "Write the process ID to this file while running (empty = no file)."));
        define(Directive.string("unixsocket", "", false,
                "Also listen on this Unix domain socket (empty = none); local clients skip TCP."));
        define(Directive.string("unixsocketperm", "0", false,
                "The Unix socket's permissions, in octal like chmod (0 = leave the umask's)."));
        define(Directive.filename("cluster-config-file", "nodes.conf", false,
                "Where the node keeps its ID and its peers (inside dir); written on every membership change."));
        define(Directive.integer("cluster-node-timeout", 15000, 100, Integer.MAX_VALUE, true,
                "Milliseconds a peer may stay silent before it is flagged as possibly failing."));
        define(Directive.integer("cluster-port", 0, 0, 65535, false,
                "Cluster bus port; 0 means port + 10000 (the original's fixed offset)."));
        define(Directive.string("cluster-password", "", 512, true,
                "Shared secret of the cluster bus; peers must prove they know it (empty = no check)."));
    }

    private final Map<String, Value> values = new ConcurrentHashMap<>();
    private final List<BiConsumer<String, String>> listeners = new CopyOnWriteArrayList<>();
    /** rename-command lines, in order: {command, new name}; an empty new name removes the command. */
    private final List<List<String>> renames = new CopyOnWriteArrayList<>();
    private final List<Check> checks = new CopyOnWriteArrayList<>();

    /** A veto on a new value that only the running server can judge (a log file that cannot be opened). */
    public interface Check {
        void check(String name, String value) throws ConfigException;
    }
    private volatile Path file;

    public ServerConfig() {
        for (Directive d : DIRECTIVES.values()) values.put(d.name(), new Value(d.defaultValue()));
    }

    public static Collection<Directive> directives() {
        return DIRECTIVES.values();
    }

    public static Directive directive(String name) {
        return DIRECTIVES.get(name.toLowerCase(Locale.ROOT));
    }

    /** The file this configuration was loaded from, for CONFIG REWRITE; may be null. */
    public Path file() {
        return file;
    }

    public void setFile(Path file) {
        this.file = file;
    }

    public String get(String name) {
        Value v = values.get(name.toLowerCase(Locale.ROOT));
        return v == null ? null : v.text;
    }

    /** Sets a directive from its arguments, validating them; does not check run-time mutability. */
    public void set(String name, List<String> args) throws ConfigException {
        Directive d = directive(name);
        if (d == null) throw new ConfigException("Bad directive or wrong number of arguments");
        String v = d.normalize(args);
        for (Check c : checks) c.check(d.name(), v);
        values.put(d.name(), new Value(v));
        for (BiConsumer<String, String> l : listeners) l.accept(d.name(), v);
    }

    public void set(String name, String value) throws ConfigException {
        List<String> args = new ArrayList<>();
        Directive d = directive(name);
        if (d != null && d.isMultiWord()) {
            for (String s : value.trim().split("\\s+")) if (!s.isEmpty()) args.add(s);
        } else {
            args.add(value);
        }
        set(name, args);
    }

    /** A rename-command line; applied in order when the command table is built. */
    public void addRename(String command, String newName) {
        renames.add(List.of(command, newName));
    }

    public List<List<String>> renames() {
        return List.copyOf(renames);
    }

    public void onChange(BiConsumer<String, String> listener) {
        listeners.add(listener);
    }

    /** Adds a check run before any new value is stored; it refuses the value by throwing. */
    public void addCheck(Check check) {
        checks.add(check);
    }

    /** A numeric directive; parsed once when set, as limits are read on every request. */
    public long getLong(String name) {
        Value v = values.get(name.toLowerCase(Locale.ROOT));
        if (v != null && v.numeric) return v.number;
        return Long.parseLong(v == null ? null : v.text);
    }

    public int getInt(String name) {
        return (int) Math.min(Integer.MAX_VALUE, getLong(name));
    }

    public boolean getBool(String name) {
        return "yes".equals(get(name));
    }

    /** A file name resolved against the "dir" directive, as the original resolves it after chdir. */
    public Path resolve(String fileName) {
        return Path.of(get("dir")).resolve(fileName).toAbsolutePath().normalize();
    }

    public List<String> getList(String name) {
        String v = get(name);
        return v.isEmpty() ? List.of() : List.of(v.split(" "));
    }

    /** A directive's canonical text, with its numeric value when it has one. */
    private static final class Value {
        final String text;
        final boolean numeric;
        final long number;

        Value(String text) {
            this.text = text;
            long n = 0;
            boolean ok = false;
            try {
                n = Long.parseLong(text);
                ok = true;
            } catch (NumberFormatException e) {
                // Not a number (a word, a list, a path): getLong parses the text and fails as before.
            }
            this.numeric = ok;
            this.number = n;
        }
    }
}
