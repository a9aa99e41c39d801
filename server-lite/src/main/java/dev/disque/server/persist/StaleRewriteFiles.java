/*
 * StaleRewriteFiles: removes the temporary files of AOF rewrites that a
 * crash (kill -9, power loss) interrupted.
 *
 * A rewrite writes "temp-rewriteaof-<pid>.aof" next to the AOF and renames
 * it over the AOF when done. If the process dies first, nobody will ever
 * finish or delete it, and every crash would leave one more (tens of MB
 * each). At start we delete those whose process is gone; a file whose pid
 * is alive belongs to another server sharing the directory and is left
 * alone (the pid could have been reused, in which case the file waits for
 * a later start).
 */
package dev.disque.server.persist;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class StaleRewriteFiles {
    private static final Logger log = LoggerFactory.getLogger(StaleRewriteFiles.class);
    private static final Pattern NAME = Pattern.compile("temp-rewriteaof-(\\d{1,18})\\.aof");

    private StaleRewriteFiles() {
    }

    /** Deletes the stale rewrite files in dir; returns the files removed. */
    public static List<Path> remove(Path dir) {
        List<Path> removed = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "temp-rewriteaof-*.aof")) {
            for (Path f : files) {
                Matcher m = NAME.matcher(f.getFileName().toString());
                if (!m.matches()) continue;
                long pid = Long.parseLong(m.group(1));
                // Our own pid can only be a leftover of an earlier process that had the same pid.
                if (pid != self && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) continue;
                try {
                    long size = Files.size(f);
                    Files.deleteIfExists(f);
                    removed.add(f);
                    log.warn("Removed {} ({} bytes), left by an interrupted AOF rewrite", f, size);
                } catch (IOException e) {
                    log.warn("Could not remove the stale AOF rewrite file {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            // A missing or unreadable dir is reported by the AOF itself when it opens its file.
            log.debug("Could not list {} for stale rewrite files: {}", dir, e.getMessage());
        }
        return removed;
    }
}
