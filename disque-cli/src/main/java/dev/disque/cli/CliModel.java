/*
 * CliModel: the picocli side of the command line: the model built from
 * DisqueCli's annotations (for --help, errors, and the generated man pages
 * and completions) and the full parse for the command lines the start-up
 * fast path leaves to it. Kept apart from DisqueCli so that a plain
 * one-shot command never loads picocli's classes.
 */
package dev.disque.cli;

import picocli.CommandLine;

public final class CliModel {
    private CliModel() {
    }

    /** The picocli model of the command line, bound to {@code cli}. */
    public static CommandLine commandLine(DisqueCli cli) {
        CommandLine cl = new CommandLine(cli);
        cl.setStopAtPositional(true);
        cl.setExpandAtFiles(false);
        cl.setUnmatchedOptionsArePositionalParams(false);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setSeparator(" ");
        return cl;
    }

    static int parseAndRun(String[] args, Io io) {
        DisqueCli cli = new DisqueCli();
        CommandLine cl = commandLine(cli);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            io.err().println("disque: " + e.getMessage());
            io.err().println("Try 'disque --help' for more information.");
            return 2;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(io.out(), CommandLine.Help.Ansi.OFF);
            io.out().flush();
            return 0;
        }
        if (cl.isVersionHelpRequested()) {
            io.out().println("disque " + DisqueCli.version() + " (Java " + System.getProperty("java.version")
                    + DisqueCli.commitSuffix() + ")");
            io.out().flush();
            return 0;
        }
        return cli.execute(io);
    }
}
