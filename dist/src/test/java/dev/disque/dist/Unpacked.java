/*
 * Unpacked: the distribution tarball extracted into a temporary directory,
 * and a way to run its scripts as a user with only a JRE would: HOME and
 * the CDS cache in temporary directories, JAVA_HOME set to the running
 * JVM, and on PATH first an `mvn` that only records that it was called,
 * so a launcher that fell back to building from source is caught instead
 * of quietly working because Maven happens to be installed here.
 */
package dev.disque.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

final class Unpacked {
    /** What a finished command printed. */
    record Result(int code, String out, String err) {
    }

    static final String VERSION = System.getProperty("disque.version");

    final Path root;
    private final Path work;
    private final Path mvnMarker;

    private Unpacked(Path root, Path work) {
        this.root = root;
        this.work = work;
        this.mvnMarker = work.resolve("mvn-was-called");
    }

    /** Extracts the tarball the build just made into {@code work}. */
    static Unpacked extract(Path work) throws Exception {
        Path tarball = Path.of(System.getProperty("disque.tarball"));
        assertTrue(Files.isRegularFile(tarball), "no tarball at " + tarball);
        Path into = Files.createDirectories(work.resolve("unpacked"));
        Result tar = run(List.of("tar", "-xzf", tarball.toString(), "-C", into.toString()), Map.of(), work, 60);
        assertEquals(0, tar.code(), tar.err());
        Path root = into.resolve("disque-" + VERSION);
        assertTrue(Files.isDirectory(root), "the tarball should unpack into disque-" + VERSION + "/");

        Path fakeBin = Files.createDirectories(work.resolve("fake-bin"));
        Path mvn = fakeBin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\ntouch '" + work.resolve("mvn-was-called") + "'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(work.resolve("home"));
        Files.createDirectories(work.resolve("cache"));
        return new Unpacked(root, work);
    }

    /** The environment of every command: a user with a JRE, no Maven, nothing of this build's. */
    Map<String, String> env() {
        String javaHome = System.getProperty("java.home");
        return Map.of(
                "HOME", work.resolve("home").toString(),
                "XDG_CACHE_HOME", work.resolve("cache").toString(),
                "JAVA_HOME", javaHome,
                "PATH", work.resolve("fake-bin") + ":" + javaHome + "/bin:/usr/bin:/bin",
                "LANG", "C.UTF-8");
    }

    /** Runs a command of the tree (a path relative to its root, or absolute) and waits for it. */
    Result run(String command, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(command.startsWith("/") ? command : root.resolve(command).toString());
        cmd.addAll(List.of(args));
        Result r = run(cmd, env(), work, 90);
        assertFalse(Files.exists(mvnMarker), "a launcher tried to build with Maven: " + cmd);
        return r;
    }

    /** Starts a command of the tree without waiting; its output goes to the given file. */
    Process start(Path log, String command, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root.resolve(command).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().putAll(env());
        return pb.start();
    }

    static Result run(List<String> cmd, Map<String, String> env, Path dir, int timeoutSeconds) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        if (!env.isEmpty()) {
            pb.environment().clear();
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new AssertionError(cmd + " did not finish in " + timeoutSeconds + " s");
            }
        } finally {
            p.destroyForcibly();
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The commit the build saw, or null when it was built outside a git checkout. */
    static String commit() throws IOException {
        Properties git = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(System.getProperty("disque.gitProperties")))) {
            git.load(in);
        }
        String c = git.getProperty("disque.git.commit", "");
        return c.isEmpty() ? null : c;
    }
}
