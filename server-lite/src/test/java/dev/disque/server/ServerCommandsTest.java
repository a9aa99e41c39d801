/*
 * ServerCommandsTest: the commands about the node rather than its jobs:
 * PING, TIME, COMMAND, INFO, DEBUG, SLOWLOG, HELLO, CLUSTER, CLIENT and
 * SHUTDOWN, with the reply shapes and error texts of the original.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ServerCommandsTest extends ServerFixture {
    private static final List<String> DEFAULT_SECTIONS =
            List.of("Server", "Clients", "Memory", "Jobs", "Queues", "Persistence", "Stats", "CPU");

    private InfoReply info(Object... section) throws IOException {
        Object[] args = new Object[1 + section.length];
        args[0] = "INFO";
        System.arraycopy(section, 0, args, 1, section.length);
        return InfoReply.parse(call(args));
    }

    // ------------------------------------------------------------- PING, TIME

    @Test
    void pingRepliesPongOrEchoesItsArgument() throws IOException {
        assertStatus("PONG", call("PING"));
        assertEquals("hello world", call("PING", "hello world"));
        assertEquals("", call("PING", ""));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'ping' command"), call("PING", "a", "b"));
    }

    @Test
    void timeIsTwoBulkStringsFromTheServerClock() throws IOException {
        Object r = call("TIME");
        assertEquals(2, ((List<?>) r).size());
        assertEquals("1700000000", ((List<?>) r).get(0));
        long micros = Long.parseLong((String) ((List<?>) r).get(1));
        assertTrue(micros >= 0 && micros < 1_000_000, "microseconds within the second: " + micros);

        clock.advance(Duration.ofMillis(1500));
        List<?> later = (List<?>) call("TIME");
        assertEquals("1700000001", later.get(0));
        long laterMicros = Long.parseLong((String) later.get(1));
        assertTrue(laterMicros >= 500_000 && laterMicros < 501_000, "half a second in: " + laterMicros);
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'time' command"), call("TIME", "x"));
    }

    // ---------------------------------------------------------------- COMMAND

    /** The original's whole command table (name, arity, flags): this server has every command. */
    private static final Map<String, Object[]> ORIGINAL_TABLE = new LinkedHashMap<>();

    static {
        Object[][] rows = {
            {"auth", 2, "readonly loading fast"}, {"ping", -1, "readonly fast"}, {"info", -1, "readonly loading"},
            {"shutdown", -1, "readonly admin loading"}, {"debug", -2, "admin"}, {"config", -2, "readonly admin"},
            {"cluster", -2, "readonly admin"}, {"client", -2, "readonly admin"}, {"slowlog", -2, "readonly"},
            {"time", 1, "readonly fast"}, {"command", 0, "readonly loading"}, {"hello", 1, "readonly fast"},
            {"addjob", -4, "write denyoom fast"}, {"getjob", -2, "write fast"}, {"ackjob", -1, "write fast"},
            {"fastack", -1, "write fast"}, {"deljob", -1, "write fast"}, {"show", 2, "readonly fast"},
            {"loadjob", 2, "write"}, {"qlen", 2, "readonly fast"}, {"qpeek", 3, "readonly"},
            {"qstat", 2, "readonly fast"}, {"qscan", -1, "readonly"}, {"jscan", -1, "readonly"},
            {"enqueue", -1, "write denyoom fast"}, {"nack", -1, "write denyoom fast"},
            {"dequeue", -1, "write fast"}, {"working", 2, "write fast"}, {"pause", -3, "readonly fast"},
            {"monitor", 1, "readonly admin"}, {"bgrewriteaof", 1, "readonly admin"},
            {"latency", -2, "readonly admin loading"},
        };
        for (Object[] r : rows) ORIGINAL_TABLE.put((String) r[0], r);
    }

    private static List<Object> expectedEntry(String name) {
        Object[] row = ORIGINAL_TABLE.get(name);
        List<Object> flags = new ArrayList<>();
        for (String f : ((String) row[2]).split(" ")) flags.add(new RespClient.Status(f));
        return List.of(name, (long) (int) row[1], flags, 0L, 0L, 0L);
    }

    @Test
    void commandListsEveryCommandWithTheOriginalArityAndFlags() throws IOException {
        List<?> all = (List<?>) call("COMMAND");
        Map<String, Object> byName = new LinkedHashMap<>();
        for (Object o : all) {
            List<?> e = (List<?>) o;
            assertEquals(6, e.size(), "six fields per command: " + e);
            byName.put((String) e.get(0), e);
        }
        assertEquals(all.size(), byName.size(), "no command listed twice");
        assertEquals(new java.util.TreeSet<>(ORIGINAL_TABLE.keySet()), new java.util.TreeSet<>(byName.keySet()),
                "the set of commands");
        for (String name : ORIGINAL_TABLE.keySet()) {
            assertEquals(expectedEntry(name), byName.get(name), name);
        }
        assertEquals((long) all.size(), call("COMMAND", "COUNT"));
        assertEquals(32L, call("COMMAND", "COUNT"), "as many as the original");
    }

    @Test
    void commandInfoAndErrors() throws IOException {
        assertEquals(List.of(expectedEntry("addjob")), call("COMMAND", "INFO", "addjob"));
        assertEquals(Arrays.asList(expectedEntry("getjob"), null, expectedEntry("ping")),
                call("command", "info", "GETJOB", "nosuchcommand", "Ping"));
        assertEquals(List.of(), call("COMMAND", "INFO"));
        String err = "ERR Unknown subcommand or wrong number of arguments.";
        assertEquals(new RespClient.Err(err), call("COMMAND", "COUNT", "extra"));
        assertEquals(new RespClient.Err(err), call("COMMAND", "FOO"));
    }

    // ------------------------------------------------------------------- INFO

    @Test
    void infoDefaultHasTheOriginalSectionsInOrder() throws IOException {
        InfoReply def = info();
        assertEquals(DEFAULT_SECTIONS, def.sections);
        assertEquals(DEFAULT_SECTIONS, info("default").sections);
        assertTrue(def.fieldsBySection.get("Server").containsAll(List.of("disque_version", "disque_git_sha1",
                "disque_git_dirty", "disque_build_id", "os", "arch_bits", "multiplexing_api", "process_id", "run_id",
                "tcp_port", "uptime_in_seconds", "uptime_in_days", "hz", "executable", "config_file")),
                def.fieldsBySection.toString());
        assertTrue(def.fields.get("disque_build_id").matches("[0-9a-f]{16}"), def.fields.get("disque_build_id"));
        assertTrue(java.nio.file.Files.exists(java.nio.file.Path.of(def.fields.get("executable"))),
                "executable names where the server's code is: " + def.fields.get("executable"));
        assertEquals(List.of("connected_clients", "client_longest_output_list", "client_biggest_input_buf",
                "blocked_clients"), def.fieldsBySection.get("Clients"));
        assertTrue(def.fieldsBySection.get("Memory").containsAll(List.of("used_memory", "used_memory_human",
                "used_memory_rss", "used_memory_peak", "used_memory_peak_human", "mem_fragmentation_ratio",
                "mem_allocator")), def.fieldsBySection.toString());
        assertEquals(List.of("registered_jobs"), def.fieldsBySection.get("Jobs"));
        assertEquals(List.of("registered_queues"), def.fieldsBySection.get("Queues"));
        assertTrue(def.fieldsBySection.get("Persistence").containsAll(List.of("loading", "aof_enabled",
                "aof_state", "aof_rewrite_in_progress", "aof_rewrite_scheduled", "aof_last_rewrite_time_sec",
                "aof_current_rewrite_time_sec", "aof_last_bgrewrite_status", "aof_last_write_status")));
        assertTrue(def.fieldsBySection.get("Stats").containsAll(List.of("total_connections_received",
                "total_commands_processed", "instantaneous_ops_per_sec", "total_net_input_bytes",
                "total_net_output_bytes", "instantaneous_input_kbps", "instantaneous_output_kbps",
                "rejected_connections", "latest_fork_usec")));
        assertEquals(List.of("used_cpu_sys", "used_cpu_user", "used_cpu_sys_children", "used_cpu_user_children"),
                def.fieldsBySection.get("CPU"));
        assertEquals(Long.toString(server.port()), def.get("tcp_port"));
        assertEquals(40, def.get("run_id").length());
        assertEquals("10", def.get("hz"));
        assertEquals("", def.get("config_file"));
    }

    @Test
    void infoCountsJobsQueuesAndClients() throws IOException {
        InfoReply before = info();
        assertEquals(0, before.getLong("registered_jobs"));
        assertEquals(0, before.getLong("registered_queues"));
        assertEquals(1, before.getLong("connected_clients"));
        assertEquals(0, before.getLong("blocked_clients"));

        addJob("q1", "a");
        addJob("q1", "b");
        addJob("q2", "c");
        RespClient waiter = newClient();
        waiter.send("GETJOB", "FROM", "empty-queue");
        await("the GETJOB to block", () -> {
            try {
                return info("clients").getLong("blocked_clients") == 1;
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        InfoReply after = info();
        assertEquals(3, after.getLong("registered_jobs"));
        assertEquals(3, after.getLong("registered_queues"), "q1, q2 and the queue the GETJOB waits on");
        assertEquals(2, after.getLong("connected_clients"));
        assertEquals(1, after.getLong("blocked_clients"));
        assertTrue(after.getLong("used_memory") > before.getLong("used_memory"), "jobs use memory");
        assertTrue(after.getLong("used_memory_peak") >= after.getLong("used_memory"));
    }

    @Test
    void infoUptimeFollowsTheServerClock() throws IOException {
        assertEquals(0, info("server").getLong("uptime_in_seconds"));
        clock.advance(Duration.ofDays(2).plusSeconds(7));
        InfoReply later = info("server");
        assertEquals(2 * 86400 + 7, later.getLong("uptime_in_seconds"));
        assertEquals(2, later.getLong("uptime_in_days"));
    }

    @Test
    void infoSingleSectionsAllAndCommandstats() throws IOException {
        assertEquals(List.of("Clients"), info("clients").sections);
        assertEquals(List.of("Jobs"), info("JOBS").sections);
        assertEquals(List.of("CPU"), info("Cpu").sections);

        call("PING");
        call("PING");
        InfoReply all = info("all");
        List<String> expected = new ArrayList<>(DEFAULT_SECTIONS);
        expected.add("Commandstats");
        assertEquals(expected, all.sections);
        String ping = all.get("cmdstat_ping");
        assertTrue(ping.matches("calls=2,usec=\\d+,usec_per_call=\\d+\\.\\d\\d"), ping);

        InfoReply stats = info("commandstats");
        assertEquals(List.of("Commandstats"), stats.sections);
        assertEquals(List.of("cmdstat_ping", "cmdstat_info"), stats.fieldsBySection.get("Commandstats"),
                "commands with calls, in table order");
        assertTrue(stats.get("cmdstat_info").startsWith("calls=4,"), stats.get("cmdstat_info"));
    }

    @Test
    void infoUnknownSectionIsEmptyAndTwoArgumentsAreASyntaxError() throws IOException {
        assertEquals("", call("INFO", "nosuchsection"));
        assertEquals(new RespClient.Err("ERR syntax error"), call("INFO", "server", "clients"));
    }

    // ------------------------------------------------------------------ DEBUG

    @Test
    void debugFlushallForgetsEveryJobAndQueue() throws IOException {
        String id = addJob("q", "body");
        addJob("other", "body");
        assertStatus("OK", call("DEBUG", "FLUSHALL"));
        assertNull(call("SHOW", id));
        assertEquals(0L, call("QLEN", "q"));
        InfoReply i = info();
        assertEquals(0, i.getLong("registered_jobs"));
        assertEquals(0, i.getLong("registered_queues"));
    }

    @Test
    void debugFlushallReleasesBlockedConsumersWithANullArray() throws IOException {
        RespClient waiter = newClient();
        waiter.send("GETJOB", "FROM", "q");
        await("the GETJOB to block", () -> server.inspect(e -> e.blockedCount()) == 1);
        assertStatus("OK", call("DEBUG", "flushall"));
        assertEquals(RespClient.NULL_ARRAY, waiter.read());
        assertStatus("PONG", waiter.call("PING"));
    }

    @Test
    void debugSleepErrorAndUnknownSubcommands() throws IOException {
        assertStatus("OK", call("DEBUG", "SLEEP", "0"));
        assertStatus("OK", call("debug", "sleep", "0.001"));
        assertEquals(new RespClient.Err("custom failure"), call("DEBUG", "ERROR", "custom failure"));
        assertEquals(new RespClient.Err("ERR Unknown DEBUG subcommand or wrong number of arguments for 'nosuch'"),
                call("DEBUG", "nosuch"));
        assertEquals(new RespClient.Err("ERR Unknown DEBUG subcommand or wrong number of arguments for 'FLUSHALL'"),
                call("DEBUG", "FLUSHALL", "extra"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'debug' command"), call("DEBUG"));
    }

    // ---------------------------------------------------------------- SLOWLOG

    @Test
    void slowlogRecordsEveryCommandWhenTheThresholdIsZero() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "slowlog-log-slower-than", "0"));
        assertStatus("OK", call("SLOWLOG", "RESET"));
        // RESET itself is logged after it ran, like any other command.
        assertEquals(1L, call("SLOWLOG", "LEN"));
        call("PING", "slow?");
        assertEquals(3L, call("SLOWLOG", "LEN"));

        List<?> entries = (List<?>) call("SLOWLOG", "GET");
        assertEquals(4, entries.size());
        List<?> newest = (List<?>) entries.get(0);
        assertEquals(4, newest.size());
        assertEquals(List.of("SLOWLOG", "LEN"), newest.get(3));
        assertEquals(1_700_000_000L, newest.get(1));
        assertTrue((Long) newest.get(2) >= 0);
        List<?> ping = (List<?>) entries.get(1);
        assertEquals(List.of("PING", "slow?"), ping.get(3));
        assertEquals((Long) ping.get(0) + 1, newest.get(0), "IDs increase by one, newest first");
        assertEquals(List.of("SLOWLOG", "RESET"), ((List<?>) entries.get(3)).get(3));

        assertEquals(2, ((List<?>) call("SLOWLOG", "GET", "2")).size());
        assertEquals(List.of(), call("SLOWLOG", "GET", "0"));
        assertTrue(((List<?>) call("SLOWLOG", "GET", "-1")).size() >= 7, "a negative count returns everything");
        assertEquals(new RespClient.Err("ERR value is not an integer or out of range"), call("SLOWLOG", "GET", "x"));
        assertStatus("OK", call("SLOWLOG", "RESET"));
        assertEquals(1L, call("SLOWLOG", "LEN"));
    }

    @Test
    void slowlogCapsLongArgumentsAndArgumentCounts() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "slowlog-log-slower-than", "0"));
        String big = "x".repeat(200);
        call("PING", big);
        List<?> entry = (List<?>) ((List<?>) call("SLOWLOG", "GET", "1")).get(0);
        assertEquals(List.of("PING", "x".repeat(128) + "... (72 more bytes)"), entry.get(3));

        Object[] many = new Object[40];
        many[0] = "ACKJOB";
        for (int i = 1; i < many.length; i++) many[i] = "D-00000000-000000000000000000000000-000" + (i % 10);
        call(many);
        List<?> args = (List<?>) ((List<?>) ((List<?>) call("SLOWLOG", "GET", "1")).get(0)).get(3);
        assertEquals(32, args.size());
        assertEquals("ACKJOB", args.get(0));
        assertEquals("... (9 more arguments)", args.get(31));
    }

    @Test
    void slowlogKeepsAtMostMaxLenEntries() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "slowlog-max-len", "3"));
        assertStatus("OK", call("CONFIG", "SET", "slowlog-log-slower-than", "0"));
        for (int i = 0; i < 10; i++) call("PING");
        assertEquals(3L, call("SLOWLOG", "LEN"));
        assertEquals(new RespClient.Err("ERR Unknown SLOWLOG subcommand or wrong # of args. Try GET, RESET, LEN."),
                call("SLOWLOG", "LEN", "extra"));
        assertEquals(new RespClient.Err("ERR Unknown SLOWLOG subcommand or wrong # of args. Try GET, RESET, LEN."),
                call("SLOWLOG", "nosuch"));
    }

    // ---------------------------------------------------------- HELLO, CLUSTER

    @Test
    void helloListsThisNodeWithPortAndPriorityAsBulkStrings() throws IOException {
        String me = server.nodeId();
        assertEquals(List.of(1L, me, List.of(me, "127.0.0.1", Integer.toString(server.port()), "1")),
                call("HELLO"));
        assertStatus("OK", call("CLUSTER", "LEAVING", "yes"));
        assertEquals(List.of(1L, me, List.of(me, "127.0.0.1", Integer.toString(server.port()), "100")),
                call("HELLO"), "a leaving node advertises priority 100");
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'hello' command"), call("HELLO", "x"));
    }

    @Test
    void clusterInfoNodesAndMyid() throws IOException {
        String me = server.nodeId();
        assertEquals(me, call("CLUSTER", "MYID"));
        assertEquals("cluster_state:ok\r\n"
                + "cluster_known_nodes:1\r\n"
                + "cluster_reachable_nodes:0\r\n"
                + "cluster_size:1\r\n"
                + "cluster_stats_messages_sent:0\r\n"
                + "cluster_stats_messages_received:0\r\n", call("CLUSTER", "INFO"));
        assertEquals(me + " 127.0.0.1:" + server.port() + " myself 0 0 connected\n", call("CLUSTER", "NODES"));
    }

    @Test
    void clusterLeavingFlag() throws IOException {
        assertStatus("no", call("CLUSTER", "LEAVING"));
        assertStatus("OK", call("CLUSTER", "leaving", "YES"));
        assertStatus("yes", call("CLUSTER", "LEAVING"));
        assertEquals(server.nodeId() + " 127.0.0.1:" + server.port() + " myself,leaving 0 0 connected\n",
                call("CLUSTER", "NODES"));
        assertStatus("OK", call("CLUSTER", "LEAVING", "no"));
        assertStatus("no", call("CLUSTER", "LEAVING"));
        assertEquals(new RespClient.Err("ERR Wrong argument for CLUSTER LEAVING. Use 'yes' or 'no'"),
                call("CLUSTER", "LEAVING", "maybe"));
    }

    @Test
    void clusterErrors() throws IOException {
        RespClient.Err wrong = new RespClient.Err("ERR Wrong CLUSTER subcommand or number of arguments");
        assertEquals(wrong, call("CLUSTER", "NOSUCH"));
        assertEquals(wrong, call("CLUSTER", "MYID", "extra"));
        assertEquals(wrong, call("CLUSTER", "INFO", "extra"));
        assertEquals(wrong, call("CLUSTER", "LEAVING", "yes", "now"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'cluster' command"), call("CLUSTER"));
    }

    // ----------------------------------------------------------------- CLIENT

    private List<Map<String, String>> clientList() throws IOException {
        Object r = call("CLIENT", "LIST");
        assertInstanceOf(String.class, r);
        String text = (String) r;
        assertTrue(text.endsWith("\n"));
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            Map<String, String> f = new LinkedHashMap<>();
            for (String kv : line.split(" ")) {
                int eq = kv.indexOf('=');
                f.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            out.add(f);
        }
        return out;
    }

    private static String addr(RespClient c) {
        return "127.0.0.1:" + c.socket().getLocalPort();
    }

    private Map<String, String> entryOf(List<Map<String, String>> list, RespClient c) {
        for (Map<String, String> e : list) if (e.get("addr").equals(addr(c))) return e;
        throw new AssertionError("no CLIENT LIST entry for " + addr(c) + " in " + list);
    }

    @Test
    void clientListShowsEveryConnectionWithTheOriginalFields() throws IOException {
        RespClient other = newClient();
        assertStatus("PONG", other.call("PING"));
        clock.advance(Duration.ofSeconds(5));
        List<Map<String, String>> list = clientList();
        assertEquals(2, list.size());
        for (Map<String, String> e : list) {
            assertEquals(List.of("id", "addr", "fd", "name", "age", "idle", "flags", "qbuf", "qbuf-free", "obl",
                    "oll", "omem", "events", "cmd"), new ArrayList<>(e.keySet()));
        }
        Map<String, String> mine = entryOf(list, client);
        Map<String, String> theirs = entryOf(list, other);
        assertEquals("1", mine.get("id"), "client IDs start at 1");
        assertEquals("2", theirs.get("id"));
        assertEquals("", mine.get("name"));
        assertEquals("N", mine.get("flags"));
        assertEquals("client", mine.get("cmd"));
        assertEquals("ping", theirs.get("cmd"));
        assertEquals("5", mine.get("age"));
        assertEquals("0", mine.get("idle"));
        assertEquals("5", theirs.get("idle"));
        assertEquals(new RespClient.Err("ERR Syntax error, try CLIENT (LIST | KILL ip:port | GETNAME | SETNAME "
                + "connection-name)"), call("CLIENT", "NOSUCH"));
        assertEquals(new RespClient.Err("ERR Syntax error, try CLIENT (LIST | KILL ip:port | GETNAME | SETNAME "
                + "connection-name)"), call("CLIENT", "LIST", "extra"));
    }

    @Test
    void clientListFlagsABlockedClient() throws IOException {
        RespClient waiter = newClient();
        waiter.send("GETJOB", "FROM", "q");
        await("the GETJOB to block", () -> server.inspect(e -> e.blockedCount()) == 1);
        Map<String, String> e = entryOf(clientList(), waiter);
        assertEquals("b", e.get("flags"));
        assertEquals("getjob", e.get("cmd"));
    }

    @Test
    void clientSetnameAndGetname() throws IOException {
        assertNull(call("CLIENT", "GETNAME"));
        assertStatus("OK", call("CLIENT", "SETNAME", "worker-1"));
        assertEquals("worker-1", call("CLIENT", "GETNAME"));
        assertEquals("worker-1", entryOf(clientList(), client).get("name"));
        RespClient.Err bad = new RespClient.Err("ERR Client names cannot contain spaces, newlines or special "
                + "characters.");
        assertEquals(bad, call("CLIENT", "SETNAME", "two words"));
        assertEquals(bad, call("CLIENT", "SETNAME", "line\nbreak"));
        assertEquals(bad, call("CLIENT", "SETNAME", "caf\u00e9"));
        assertEquals("worker-1", call("CLIENT", "GETNAME"), "a refused name leaves the old one");
        assertStatus("OK", call("CLIENT", "SETNAME", ""));
        assertNull(call("CLIENT", "GETNAME"), "an empty name clears it");
    }

    @Test
    void clientKillByAddressClosesThatConnection() throws IOException {
        RespClient other = newClient();
        assertStatus("PONG", other.call("PING"));
        assertStatus("OK", call("CLIENT", "KILL", addr(other)));
        assertTrue(other.isClosedByServer());
        await("the killed client to be gone", () -> server.inspect(e -> e.clientCount()) == 1);
        assertEquals(new RespClient.Err("ERR No such client"), call("CLIENT", "KILL", addr(other)));
        assertEquals(new RespClient.Err("ERR No such client"), call("CLIENT", "KILL", "10.1.2.3:4"));
    }

    @Test
    void clientKillOldFormMayKillTheCaller() throws IOException {
        assertStatus("OK", call("CLIENT", "KILL", addr(client)));
        assertTrue(client.isClosedByServer());
    }

    @Test
    void clientKillByIdAndSkipme() throws IOException {
        RespClient other = newClient();
        assertStatus("OK", other.call("CLIENT", "SETNAME", "victim"));
        String id = null;
        for (Map<String, String> e : clientList()) if (e.get("name").equals("victim")) id = e.get("id");
        assertEquals(1L, call("CLIENT", "KILL", "ID", id));
        assertTrue(other.isClosedByServer());
        await("the killed client to be gone", () -> server.inspect(e -> e.clientCount()) == 1);
        assertEquals(0L, call("CLIENT", "KILL", "ID", id));

        // The caller is skipped unless SKIPME no.
        assertEquals(0L, call("CLIENT", "KILL", "ADDR", addr(client)));
        assertEquals(0L, call("CLIENT", "KILL", "ADDR", addr(client), "SKIPME", "yes"));
        assertStatus("PONG", call("PING"));
        assertEquals(1L, call("CLIENT", "KILL", "ADDR", addr(client), "SKIPME", "no"));
        assertTrue(client.isClosedByServer());
    }

    @Test
    void clientKillByTypeKillsEveryoneElse() throws IOException {
        RespClient a = newClient();
        RespClient b = newClient();
        assertStatus("PONG", a.call("PING"));
        assertStatus("PONG", b.call("PING"));
        assertEquals(2L, call("CLIENT", "KILL", "TYPE", "normal"));
        assertTrue(a.isClosedByServer());
        assertTrue(b.isClosedByServer());
        assertStatus("PONG", call("PING"));
    }

    @Test
    void clientKillFilterErrors() throws IOException {
        assertEquals(new RespClient.Err("ERR Unknown client type 'pubsub'"), call("CLIENT", "KILL", "TYPE", "pubsub"));
        assertEquals(new RespClient.Err("ERR value is not an integer or out of range"),
                call("CLIENT", "KILL", "ID", "abc"));
        assertEquals(new RespClient.Err("ERR syntax error"), call("CLIENT", "KILL", "ID", "1", "SKIPME"));
        assertEquals(new RespClient.Err("ERR syntax error"), call("CLIENT", "KILL", "NOSUCH", "1"));
        assertEquals(new RespClient.Err("ERR syntax error"), call("CLIENT", "KILL", "SKIPME", "maybe"));
        assertStatus("PONG", call("PING"));
    }

    // --------------------------------------------------------------- SHUTDOWN

    @Test
    void shutdownStopsTheServerWithoutAReply() throws Exception {
        assertEquals(new RespClient.Err("ERR syntax error"), call("SHUTDOWN", "NOSAVE"));
        assertEquals(new RespClient.Err("ERR syntax error"), call("SHUTDOWN", "REWRITE-AOF", "x"));
        assertFalse(server.terminated().isDone());

        int port = server.port();
        client.send("SHUTDOWN");
        server.terminated().get(30, TimeUnit.SECONDS);
        assertTrue(client.isClosedByServer(), "no reply, the connection just closes");
        assertThrows(IOException.class, () -> new RespClient(port).close(), "the port no longer accepts");
    }

    @Test
    void shutdownAcceptsRewriteAof() throws Exception {
        client.send("shutdown", "rewrite-aof");
        server.terminated().get(30, TimeUnit.SECONDS);
        assertTrue(client.isClosedByServer());
    }
}
