/*
 * OneShotClassLoadingTest: a one-shot command, run in a JVM of its own
 * with class loading logged, loads neither Netty, the embedded server,
 * JLine nor (on the plain path) picocli: that is what keeps `disque ping`
 * fast to start.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneShotClassLoadingTest extends CliFixture {
    @TempDir
    Path tmp;

    @Test
    void pingLoadsOnlyWhatItNeeds() throws Exception {
        Path log = tmp.resolve("classes.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xshare:auto", "-Xlog:class+load=info:file=" + log,
                "-cp", System.getProperty("java.class.path"), DisqueCli.class.getName(),
                "-p", Integer.toString(port), "ping").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("PONG\n", out);
        String classes = Files.readString(log);
        assertTrue(classes.contains("dev.disque.cli.modes.OneShot "), "the log should show the CLI's classes");
        for (String unwanted : new String[] {"io.netty.", "dev.disque.server.", "org.jline.", "picocli."}) {
            assertFalse(classes.contains(" " + unwanted), "a one-shot ping loaded " + unwanted + " classes");
        }
    }
}
