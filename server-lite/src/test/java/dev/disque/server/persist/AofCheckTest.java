/*
 * AofCheckTest: disque-server --check-aof reports a torn file and, with
 * --fix, cuts it after the last whole record so the server loads it.
 */
package dev.disque.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.DisqueServer;
import dev.disque.server.RespClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AofCheckTest {
    @TempDir
    Path dir;

    private static int checkAof(ByteArrayOutputStream out, String... args) throws Exception {
        Method run = Class.forName("dev.disque.server.Main").getDeclaredMethod("run", String[].class,
                PrintStream.class, PrintStream.class);
        run.setAccessible(true);
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        return (int) run.invoke(null, args, ps, ps);
    }

    @Test
    void checkAndFixATornFile() throws Exception {
        try (DisqueServer server = DisqueServer.builder().port(0).config("dir", dir.toString())
                .config("appendonly", "yes").build().start();
             RespClient c = new RespClient(server.port())) {
            for (int i = 0; i < 3; i++) c.call("ADDJOB", "q", "b" + i, "0");
        }
        Path aof = dir.resolve("disque.aof");
        long whole = Files.size(aof);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, checkAof(out, "--check-aof", aof.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("AOF is valid"), out.toString(StandardCharsets.UTF_8));

        Files.writeString(aof, "*2\r\n$6\r\nDELJOB\r\n$40\r\nD-12", StandardOpenOption.APPEND);
        out.reset();
        assertEquals(1, checkAof(out, "--check-aof", aof.toString()));
        String report = out.toString(StandardCharsets.UTF_8);
        assertTrue(report.contains("ok_up_to=" + whole), report);

        out.reset();
        assertEquals(0, checkAof(out, "--check-aof", "--fix", aof.toString()));
        assertEquals(whole, Files.size(aof));

        try (DisqueServer server = DisqueServer.builder().port(0).config("dir", dir.toString())
                .config("appendonly", "yes").config("aof-load-truncated", "no").build().start();
             RespClient c = new RespClient(server.port())) {
            String info = (String) c.call("INFO", "jobs");
            assertTrue(info.contains("registered_jobs:3"), info);
        }
    }
}
