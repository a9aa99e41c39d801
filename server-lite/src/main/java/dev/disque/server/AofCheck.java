/*
 * AofCheck: disque-server --check-aof [--fix] FILE.
 *
 * Walks an append-only file and says whether every record is whole and
 * readable. With --fix it cuts the file after the last good record: the
 * repair for a file torn by a crash in the middle of a write.
 */
package dev.disque.server;

import dev.disque.server.command.Args;
import dev.disque.server.persist.AofFormatException;
import dev.disque.server.persist.AofReader;
import dev.disque.server.persist.AofRecords;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

final class AofCheck {
    private AofCheck() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean fix = false;
        String file = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--fix")) fix = true;
            else if (file == null) file = args[i];
            else file = "";
        }
        if (file == null || file.isEmpty()) {
            err.println("Usage: disque-server --check-aof [--fix] <file.aof>");
            return 1;
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            err.println("Cannot open file: " + file);
            return 1;
        }
        long size;
        long okUpTo;
        String problem = null;
        try {
            AofReader.Result r = AofReader.read(path, (argv, offset) -> {
                if (Args.is(argv[0], "loadjob")) AofRecords.decodeLoadJob(argv, name -> name);
                else if (!Args.is(argv[0], "deljob")) throw new AofFormatException("unknown command " + Args.str(argv[0]));
            });
            size = r.size;
            okUpTo = r.validUpTo;
            if (r.truncated) problem = "the last record is incomplete (truncated file)";
        } catch (AofFormatException e) {
            size = path.toFile().length();
            okUpTo = Math.max(0, e.offset());
            problem = e.getMessage();
        } catch (IOException e) {
            err.println("Cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        out.println("AOF analyzed: size=" + size + ", ok_up_to=" + okUpTo + ", diff=" + (size - okUpTo));
        if (problem == null) {
            out.println("AOF is valid");
            return 0;
        }
        out.println(problem);
        if (!fix) {
            out.println("AOF is not valid. Use the --fix option to cut it after the last good record.");
            return 1;
        }
        try {
            AofReader.truncate(path, okUpTo);
        } catch (IOException e) {
            err.println("Failed to truncate AOF: " + e.getMessage());
            return 1;
        }
        out.println("Successfully truncated AOF to " + okUpTo + " bytes (" + (size - okUpTo) + " bytes removed)");
        return 0;
    }
}
