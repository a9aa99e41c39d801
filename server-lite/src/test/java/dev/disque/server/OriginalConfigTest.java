/*
 * OriginalConfigTest: config files written for the original Disque start
 * this server unchanged: its directives are accepted (those with no meaning
 * here are documented as such), include reads other files, rename-command
 * renames or hides commands, and the two things a JVM cannot do (fork into
 * the background, log to syslog) are refused with a reason, not ignored.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.config.ConfigException;
import dev.disque.server.config.ServerConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginalConfigTest {
    @TempDir
    Path tmp;

    private Path file(String name, String... lines) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void theOriginalsSampleDirectivesLoad() throws Exception {
        // Every active line of the original's sample disque.conf that the original itself accepts.
        Path f = file("orig.conf",
                "daemonize no", "pidfile " + tmp.resolve("disque.pid"), "port 7711", "tcp-backlog 511", "timeout 0",
                "tcp-keepalive 0", "loglevel notice", "logfile \"\"", "dir ./", "appendonly no",
                "appendfilename \"disque.aof\"", "appendfsync everysec", "auto-aof-rewrite-percentage 100",
                "auto-aof-rewrite-min-size 64mb", "aof-load-truncated yes", "aof-enqueue-jobs-once no",
                "slowlog-log-slower-than 10000", "slowlog-max-len 128", "latency-monitor-threshold 0",
                "client-output-buffer-limit normal 0 0 0", "hz 10", "aof-rewrite-incremental-fsync yes",
                "syslog-enabled no", "syslog-ident disque", "syslog-facility local0", "databases 16",
                "activerehashing yes", "no-appendfsync-on-rewrite no", "maxmemory-policy acks",
                "cluster-node-timeout 15000");
        ServerConfig c = Main.parse(new String[] {f.toString()});
        assertEquals("normal 0 0 0", c.get("client-output-buffer-limit"));
        assertEquals("16", c.get("databases"));
        assertEquals("local0", c.get("syslog-facility"));
    }

    @Test
    void clientOutputBufferLimitTakesUnitsAndOnlyTheNormalClass() throws Exception {
        ServerConfig c = Main.parse(new String[] {file("a.conf", "client-output-buffer-limit normal 1mb 512k 10").toString()});
        assertEquals("normal 1048576 512000 10", c.get("client-output-buffer-limit"));
        ConfigException slave = assertThrows(ConfigException.class, () -> Main.parse(new String[] {
            file("b.conf", "client-output-buffer-limit slave 256mb 64mb 60").toString()}));
        assertTrue(slave.getMessage().contains("Invalid client class 'slave'"), slave.getMessage());
        ConfigException shortLine = assertThrows(ConfigException.class, () -> Main.parse(new String[] {
            file("c.conf", "client-output-buffer-limit normal 100 50").toString()}));
        assertTrue(shortLine.getMessage().contains("wrong number of arguments"), shortLine.getMessage());
    }

    @Test
    void daemonizeYesAndSyslogAreRefusedWithAReason() throws IOException {
        ConfigException daemon = assertThrows(ConfigException.class,
                () -> Main.parse(new String[] {file("d.conf", "daemonize yes").toString()}));
        assertTrue(daemon.getMessage().contains("daemonize yes is not supported: a JVM cannot fork itself"),
                daemon.getMessage());
        assertTrue(daemon.getMessage().contains("at line 1"), daemon.getMessage());
        ConfigException syslog = assertThrows(ConfigException.class,
                () -> Main.parse(new String[] {"--syslog-enabled", "yes"}));
        assertTrue(syslog.getMessage().contains("syslog is not supported"), syslog.getMessage());
    }

    @Test
    void includeReadsAnotherFileWhereItStands() throws Exception {
        Path inner = file("inner.conf", "hz 50", "maxclients 7");
        Path outer = file("outer.conf", "hz 20", "include " + inner, "maxclients 9");
        ServerConfig c = Main.parse(new String[] {outer.toString()});
        assertEquals("50", c.get("hz"), "the included line comes after the one before the include");
        assertEquals("9", c.get("maxclients"), "and before the lines after it");

        ConfigException missing = assertThrows(ConfigException.class, () -> Main.parse(new String[] {
            file("m.conf", "include " + tmp.resolve("nosuch.conf")).toString()}));
        assertTrue(missing.getMessage().startsWith("Can't open config file '" + tmp.resolve("nosuch.conf")),
                missing.getMessage());

        Path loop = tmp.resolve("loop.conf");
        Files.writeString(loop, "include " + loop + "\n", StandardCharsets.UTF_8);
        ConfigException nested = assertThrows(ConfigException.class, () -> Main.parse(new String[] {loop.toString()}));
        assertTrue(nested.getMessage().contains("include nested more than 16 deep"), nested.getMessage());
    }

    private static DisqueServer start(ServerConfig c) {
        return DisqueServer.builder().apply(c).port(0).config("bind", "127.0.0.1").build().start();
    }

    @Test
    void renameCommandRenamesOrHidesCommands() throws Exception {
        Path f = file("r.conf", "rename-command CONFIG cfg", "rename-command debug \"\"",
                "rename-command cfg settings", "rename-command qlen QLEN");
        try (DisqueServer s = start(Main.parse(new String[] {f.toString(), "--dir", tmp.toString()}));
             RespClient c = new RespClient(s.port())) {
            assertEquals(new RespClient.Err("ERR unknown command 'CONFIG'"), c.call("CONFIG", "GET", "hz"));
            assertEquals(new RespClient.Err("ERR unknown command 'cfg'"), c.call("cfg", "GET", "hz"),
                    "renames apply in order");
            assertEquals(List.of("hz", "10"), c.call("SETTINGS", "GET", "hz"));
            assertEquals(new RespClient.Err("ERR wrong number of arguments for 'config' command"), c.call("settings"),
                    "a renamed command keeps its own name in errors");
            assertEquals(new RespClient.Err("ERR unknown command 'DEBUG'"), c.call("DEBUG", "SLEEP", "0"));
            assertEquals(31L, c.call("COMMAND", "COUNT"), "a hidden command is gone from COMMAND");
            assertEquals(0L, c.call("qlen", "q"), "renamed to its own name in another case, as the original allows");
        }
    }

    @Test
    void aBadRenameStopsTheStartWithTheOriginalsText() throws Exception {
        ServerConfig unknown = Main.parse(new String[] {file("u.conf", "rename-command NOSUCH x").toString(),
            "--dir", tmp.toString()});
        IllegalArgumentException e1 = assertThrows(IllegalArgumentException.class, () -> start(unknown).close());
        assertTrue(rootMessage(e1).contains("No such command in rename-command"), rootMessage(e1));
        ServerConfig taken = Main.parse(new String[] {file("t.conf", "rename-command qlen ping").toString(),
            "--dir", tmp.toString()});
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> start(taken).close());
        assertTrue(rootMessage(e2).contains("Target command name already exists"), rootMessage(e2));
    }

    private static String rootMessage(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) b.append(x.getMessage()).append(" / ");
        return b.toString();
    }

    @Test
    void aClientThatStopsReadingIsClosedAtTheHardOutputLimit() throws Exception {
        ServerConfig conf = Main.parse(new String[] {"--client-output-buffer-limit", "normal", "256kb", "0", "0",
            "--dir", tmp.toString()});
        try (DisqueServer s = start(conf); RespClient producer = new RespClient(s.port());
             Socket monitor = new Socket()) {
            // A small receive window, so the server keeps the unread output itself.
            monitor.setReceiveBufferSize(4096);
            monitor.connect(new java.net.InetSocketAddress("127.0.0.1", s.port()));
            monitor.getOutputStream().write(RespClient.encode("MONITOR"));
            ServerFixture.await("MONITOR to start",
                    () -> s.inspect(e -> e.clients().stream().anyMatch(x -> x.lastCommand().equals("monitor"))));
            String big = "x".repeat(2000);
            // 40 MB of MONITOR lines at most; the limit is 256 KB.
            for (int i = 0; i < 20_000; i++) {
                producer.call("PING", big);
                if (i % 100 == 99 && s.inspect(e -> e.clientCount()) == 1) break;
            }
            ServerFixture.await("the monitor to be closed", () -> s.inspect(e -> e.clientCount()) == 1);
            assertEquals(List.of("client-output-buffer-limit", "normal 262144 0 0"),
                    producer.call("CONFIG", "GET", "client-output-buffer-limit"));
            assertEquals(new RespClient.Status("OK"),
                    producer.call("CONFIG", "SET", "client-output-buffer-limit", "normal 1mb 512kb 30"));
            assertEquals(List.of("client-output-buffer-limit", "normal 1048576 524288 30"),
                    producer.call("CONFIG", "GET", "client-output-buffer-limit"));
            assertEquals(new RespClient.Err("ERR Invalid argument 'slave 1 1 1' for CONFIG SET"
                    + " 'client-output-buffer-limit'"), producer.call("CONFIG", "SET", "client-output-buffer-limit",
                    "slave 1 1 1"));
        }
    }
}
