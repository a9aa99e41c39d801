/*
 * FishCompletionTest: the README's fish setup (sourcing the script from
 * config.fish) completes `bin/disque` typed as a path, with bin/ not on
 * PATH: fish only autoloads completions for commands it finds on PATH, so
 * the README does not rely on autoloading. Skipped without fish.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FishCompletionTest {
    @TempDir
    Path config;

    private String complete(Path root, String line) throws Exception {
        Path fishDir = config.resolve("fish");
        Files.createDirectories(fishDir);
        // What the README tells fish users to add to ~/.config/fish/config.fish.
        Files.writeString(fishDir.resolve("config.fish"), "source " + root.resolve("completions/disque.fish") + "\n");
        ProcessBuilder pb = new ProcessBuilder("fish", "-c", "complete -C '" + line + "'").directory(root.toFile())
                .redirectErrorStream(true);
        pb.environment().put("XDG_CONFIG_HOME", config.toString());
        pb.environment().put("HOME", config.toString());
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "fish did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void completesBinDisqueWithoutItOnPath() throws Exception {
        assumeTrue(DocsNoDriftTest.onPath("fish"), "fish is not installed");
        Path root = DocsNoDriftTest.root();
        assertTrue(complete(root, "bin/disque qle").startsWith("qlen\t"), complete(root, "bin/disque qle"));
        assertTrue(complete(root, "./bin/disque --tl").contains("--tls\t"), complete(root, "./bin/disque --tl"));
        String options = complete(root, "bin/disque -p 7711 getjob ");
        assertTrue(options.lines().anyMatch(l -> l.startsWith("FROM")), options);
    }
}
