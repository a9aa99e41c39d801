// Cross-check of the golden bodies with Go itself: where a Go toolchain is installed, runs src/test/go/goldens.go
// (plain encoding/json on tasque's Task struct) and requires TaskCodec to write the very same bytes. Skipped
// where there is no `go` command, so the build never depends on it.
package dev.disque.tasque;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoEncoderCrossCheckTest {
    @TempDir
    Path tmp;

    private static boolean goInstalled() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "go"))) return true;
        }
        return false;
    }

    @Test
    void javaWritesWhatGoWrites() throws Exception {
        assumeTrue(goInstalled(), "no Go toolchain on this machine");
        Process p = new ProcessBuilder("go", "run", Path.of("src/test/go/goldens.go").toAbsolutePath().toString())
                .redirectErrorStream(true)
                .directory(tmp.toFile())
                .start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0, "go run failed: " + out);
        List<String> goLines = out.lines().toList();

        OffsetDateTime t = Instant.parse("2015-06-01T10:20:30.123Z").atOffset(ZoneOffset.UTC);
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("k2", 1);
        nested.put("k1", 1e21);
        Task mixed = Task.named("mixed").set("z", 1).set("a", "<b>&\"\n\u2028é").set("m", 2.5).set("n", null)
                .set("list", List.of(1, "x", true, 0.000001, 1e-7)).set("nested", nested).set("big", 12345678901L)
                .set("f", 0.1f).set("neg", -0.5).set("bytes", "hi".getBytes()).set("B", false);
        List<String> java = List.of(
                TaskCodec.encode(Task.named("download").set("url", "http://google.com"), t),
                TaskCodec.encode(Task.named("download").set("url", "http://google.com"), null),
                TaskCodec.encode(mixed, t),
                TaskCodec.encode(Task.named("a&b"), t));
        assertEquals(goLines, java);
    }
}
