/*
 * MainTest: the disque-server command line. A config file first, then
 * --directive arguments applied on top; errors name the offending line;
 * --version and --help print and exit 0. Also checks that the repository's
 * sample disque.conf loads as is and lists exactly the server's directives.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.disque.server.config.ConfigException;
import dev.disque.server.config.ConfigFile;
import dev.disque.server.config.Directive;
import dev.disque.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path tmp;

    private Path configFile(String... lines) throws IOException {
        Path f = tmp.resolve("test.conf");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    /** Runs Main.run with captured output; returns {exit code, stdout, stderr}. */
    private static Object[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Object[] {code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void noArgumentsGiveTheDefaults() throws ConfigException {
        ServerConfig c = Main.parse(new String[0]);
        for (Directive d : ServerConfig.directives()) assertEquals(d.defaultValue(), c.get(d.name()), d.name());
        assertEquals("7711", c.get("port"));
        assertEquals(null, c.file());
    }

    @Test
    void theConfigFileIsReadFirstAndDirectivesOverrideIt() throws Exception {
        Path f = configFile("# test", "port 7000", "loglevel verbose", "timeout 5", "maxmemory 10mb");
        ServerConfig c = Main.parse(new String[] {f.toString(), "--port", "7777", "--loglevel", "warning",
            "--maxmemory", "1gb"});
        assertEquals("7777", c.get("port"));
        assertEquals("warning", c.get("loglevel"));
        assertEquals("1073741824", c.get("maxmemory"));
        assertEquals("5", c.get("timeout"), "values only in the file are kept");
        assertEquals(f.toAbsolutePath(), c.file(), "CONFIG REWRITE will write to the file");
    }

    @Test
    void directivesWithoutAFile() throws Exception {
        ServerConfig c = Main.parse(new String[] {"--port", "6000", "--requirepass", "with space \"and quotes\""});
        assertEquals("6000", c.get("port"));
        assertEquals("with space \"and quotes\"", c.get("requirepass"));
        assertEquals(null, c.file());
        assertEquals("", Main.parse(new String[] {"--requirepass", ""}).get("requirepass"));
    }

    @Test
    void bindTakesSeveralAddresses() throws Exception {
        ServerConfig c = Main.parse(new String[] {"--bind", "127.0.0.1", "::1", "--port", "7712"});
        assertEquals("127.0.0.1 ::1", c.get("bind"));
        assertEquals(List.of("127.0.0.1", "::1"), c.getList("bind"));
        assertEquals("7712", c.get("port"));
        Path f = configFile("bind 10.0.0.1 10.0.0.2 10.0.0.3");
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), Main.parse(new String[] {f.toString()}).getList("bind"));
    }

    @Test
    void anUnknownDirectiveNamesTheLine() throws IOException {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Main.parse(new String[] {"--port", "7000", "--nosuch", "value"}));
        assertTrue(e.getMessage().contains("Bad directive or wrong number of arguments"), e.getMessage());
        assertTrue(e.getMessage().contains("nosuch value"), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());

        Path f = configFile("# comment", "port 7000", "nosuch-directive 1");
        ConfigException fromFile = assertThrows(ConfigException.class, () -> Main.parse(new String[] {f.toString()}));
        assertTrue(fromFile.getMessage().contains(f.toString()), fromFile.getMessage());
        assertTrue(fromFile.getMessage().contains("line 3"), fromFile.getMessage());
        assertTrue(fromFile.getMessage().contains("nosuch-directive 1"), fromFile.getMessage());
    }

    @Test
    void badValuesAndArgumentsAreErrors() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> Main.parse(new String[] {"--port", "abc"}));
        assertTrue(e.getMessage().contains("port abc"), e.getMessage());
        assertThrows(ConfigException.class, () -> Main.parse(new String[] {"--port"}), "missing value");
        assertThrows(ConfigException.class, () -> Main.parse(new String[] {"--port", "1", "2"}), "too many values");
        assertThrows(ConfigException.class, () -> Main.parse(new String[] {"--"}));
        Path f = configFile("timeout 1");
        assertThrows(ConfigException.class, () -> Main.parse(new String[] {f.toString(), "stray"}));
        assertThrows(ConfigException.class, () -> Main.parse(new String[] {tmp.resolve("missing.conf").toString()}));
        Path quotes = configFile("requirepass \"unbalanced");
        ConfigException q = assertThrows(ConfigException.class, () -> Main.parse(new String[] {quotes.toString()}));
        assertTrue(q.getMessage().contains("Unbalanced quotes in configuration line"), q.getMessage());
    }

    @Test
    void runReportsConfigErrorsOnStderrWithExitCodeOne() {
        Object[] r = run("--port", "abc");
        assertEquals(1, r[0]);
        assertEquals("", r[1]);
        assertTrue(((String) r[2]).contains("FATAL CONFIG FILE ERROR"), (String) r[2]);
        assertTrue(((String) r[2]).contains("port abc"), (String) r[2]);
    }

    @Test
    void versionAndHelp() {
        for (String flag : List.of("--version", "-v")) {
            Object[] r = run(flag);
            assertEquals(0, r[0]);
            assertTrue(((String) r[1]).startsWith("Disque server v=" + Version.get() + " "), (String) r[1]);
            assertEquals("", r[2]);
        }
        for (String flag : List.of("--help", "-h")) {
            Object[] r = run(flag);
            assertEquals(0, r[0]);
            assertTrue(((String) r[1]).startsWith("Usage: disque-server [/path/to/disque.conf] [options]"),
                    (String) r[1]);
            assertTrue(((String) r[1]).contains("--port 7777"), (String) r[1]);
            assertEquals("", r[2]);
        }
    }

    /** The repository's sample configuration, next to the module. */
    @Test
    void theSampleDisqueConfLoadsAndListsEveryDirective() throws Exception {
        Path sample = Path.of("..", "disque.conf");
        assumeTrue(Files.exists(sample), "no disque.conf in the repository yet");
        ServerConfig loaded = new ServerConfig();
        ConfigFile.load(loaded, sample);

        // Directives set by the file (uncommented lines), each at most once.
        Set<String> active = new LinkedHashSet<>();
        // Directives shown as a commented-out example ("# name value").
        Set<String> examples = new HashSet<>();
        for (String raw : Files.readAllLines(sample, StandardCharsets.UTF_8)) {
            String line = raw.trim();
            if (line.isEmpty()) continue;
            boolean comment = line.startsWith("#");
            String body = comment ? line.substring(1).trim() : line;
            String[] words = body.split("\\s+");
            String name = words[0].toLowerCase(Locale.ROOT);
            if (!comment) {
                assertTrue(active.add(name), "directive set twice in disque.conf: " + name);
            } else if (words.length >= 2 && ServerConfig.directive(name) != null) {
                examples.add(name);
            }
        }
        List<String> missing = new ArrayList<>();
        for (Directive d : ServerConfig.directives()) {
            if (!active.contains(d.name()) && !examples.contains(d.name())) missing.add(d.name());
        }
        assertEquals(List.of(), missing, "directives disque.conf does not list");
        for (String name : active) {
            assertTrue(ServerConfig.directive(name) != null, "disque.conf sets an unknown directive " + name);
        }
    }
}
