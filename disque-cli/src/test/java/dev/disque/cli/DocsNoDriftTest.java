/*
 * DocsNoDriftTest: completions/ and man/ at the repository root are what
 * DocsGenerator (the build step) makes from the picocli model, the command
 * catalog and the server's directives; the scripts pass their shells'
 * syntax checks and the man pages format without groff warnings.
 * To refresh the checked-in copies after a change:
 *   mvn -pl disque-cli -am process-classes -Ddisque.docs.dir=$PWD
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.disque.cli.catalog.CommandCatalog;
import dev.disque.cli.docs.DocModel;
import dev.disque.cli.docs.DocsGenerator;
import dev.disque.cli.docs.OptionDoc;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DocsNoDriftTest {
    static final String REFRESH = "run `mvn -pl disque-cli -am process-classes -Ddisque.docs.dir=$PWD` at the repository root";

    static Path root() {
        Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("disque-cli"))) p = p.getParent();
        assertTrue(p != null, "repository root not found from " + System.getProperty("user.dir"));
        return p;
    }

    @Test
    void checkedInFilesMatchTheGenerator() throws IOException {
        Path root = root();
        for (Map.Entry<String, String> e : DocsGenerator.generate().entrySet()) {
            Path f = root.resolve(e.getKey());
            assertTrue(Files.exists(f), e.getKey() + " is missing: " + REFRESH);
            assertEquals(e.getValue(), Files.readString(f, StandardCharsets.UTF_8), e.getKey() + " is out of date: " + REFRESH);
        }
    }

    @Test
    void checkedInFilesMatchWhatTheBuildStepWrote() throws IOException {
        String dir = System.getProperty("disque.docs.generated");
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), "run through Maven, after process-classes");
        for (String name : DocsGenerator.generate().keySet()) {
            assertEquals(Files.readString(Path.of(dir, name)), Files.readString(root().resolve(name)),
                    name + " differs from the build's output: " + REFRESH);
        }
    }

    @Test
    void completionsKnowEveryCommandAndOption() {
        Map<String, String> files = DocsGenerator.generate();
        for (String shell : List.of("completions/disque.bash", "completions/_disque", "completions/disque.fish")) {
            String s = files.get(shell);
            for (String c : CommandCatalog.get().commandNames()) {
                assertTrue(s.contains(c.toLowerCase(Locale.ROOT)), shell + " lacks " + c);
            }
            for (OptionDoc o : DocModel.cliOptions()) {
                String name = o.longName() != null ? o.longName() : o.shortName();
                String form = shell.endsWith(".fish") ? (name.startsWith("--") ? "-l " + name.substring(2) : "-s " + name.substring(1)) : name;
                assertTrue(s.contains(form), shell + " lacks " + name);
            }
            assertTrue(s.contains("REPLICATE DELAY RETRY TTL MAXLEN ASYNC"), shell + " lacks ADDJOB's options");
        }
        assertTrue(files.get("completions/disque-server.bash").contains("--maxmemory-policy) COMPREPLY=($(compgen -W \"acks noeviction\""));
        assertTrue(files.get("man/disque.1").contains(".SS Jobs"));
        assertTrue(files.get("man/disque.conf.5").contains("\\fBmaxmemory\\-policy\\fR"));
    }

    @Test
    void bashParsesTheScripts() throws Exception {
        syntaxCheck("bash", "-n", "completions/disque.bash", "completions/disque-server.bash");
    }

    @Test
    void zshParsesTheScripts() throws Exception {
        syntaxCheck("zsh", "-n", "completions/_disque", "completions/_disque-server");
    }

    @Test
    void fishParsesTheScripts() throws Exception {
        syntaxCheck("fish", "-n", "completions/disque.fish", "completions/disque-server.fish");
    }

    @Test
    void manPagesFormatWithoutWarnings() throws Exception {
        assumeTrue(onPath("groff"), "groff is not installed");
        for (String page : List.of("man/disque.1", "man/disque-server.1", "man/disque.conf.5")) {
            String out = exec(root(), "groff", "-man", "-t", "-ww", "-z", page);
            assertEquals("", out, page + " has groff warnings");
        }
    }

    @Test
    void bashCompletionOffersCommandsAndOptions() throws Exception {
        Path script = root().resolve("completions/disque.bash");
        String out = exec(root(), "bash", "-c", "source '" + script + "'\n"
                + "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _disque;"
                + " echo \"${COMPREPLY[*]}\"; }\n"
                + "t disque -p 7711 add\nt disque ADDJOB q body 0 ''\nt disque cluster re\nt disque --la\n");
        assertEquals("addjob\nREPLICATE DELAY RETRY TTL MAXLEN ASYNC\nreset\n--latency --latency-history\n", out);
    }

    private static void syntaxCheck(String shell, String flag, String... files) throws Exception {
        assumeTrue(onPath(shell), shell + " is not installed");
        for (String f : files) assertEquals("", exec(root(), shell, flag, f), shell + " " + flag + " " + f);
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }

    /** Runs a program; its stdout and stderr together, failing on a non-zero exit. */
    private static String exec(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
