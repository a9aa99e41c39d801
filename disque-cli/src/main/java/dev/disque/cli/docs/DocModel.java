/*
 * DocModel: what the man pages and completion scripts are made from: the
 * options of `disque` (read from its picocli model), the options of
 * `disque-server` (its config directives), and the command catalog.
 */
package dev.disque.cli.docs;

import dev.disque.cli.CliModel;
import dev.disque.cli.DisqueCli;
import dev.disque.cli.cluster.ClusterAdmin;
import dev.disque.server.config.Directive;
import dev.disque.server.config.ServerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

public final class DocModel {
    private DocModel() {
    }

    /** The options of `disque`, in the order --help shows them. */
    public static List<OptionDoc> cliOptions() {
        CommandLine cl = CliModel.commandLine(new DisqueCli());
        List<OptionDoc> l = new ArrayList<>();
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (o.hidden()) continue;
            boolean flag = o.arity().max() == 0;
            String label = flag ? null : o.paramLabel().replaceAll("^<|>$", "");
            // A value that is a path (-s socket, --cacert file) completes as a file name.
            // --cluster takes one of its commands, which the shells offer.
            boolean cluster = o.longestName().equals("--cluster");
            OptionDoc.Kind kind = o.longestName().equals("-h") ? OptionDoc.Kind.HOST
                    : !flag && (label.equals("socket") || label.equals("file")) ? OptionDoc.Kind.FILE
                    : cluster ? OptionDoc.Kind.CHOICE
                    : OptionDoc.Kind.NONE;
            l.add(new OptionDoc(Arrays.asList(o.names()), label, String.join(" ", o.description()), kind,
                    cluster ? ClusterAdmin.COMMANDS : List.of()));
        }
        l.sort((a, b) -> Integer.compare(order(cl, a), order(cl, b)));
        return l;
    }

    private static int order(CommandLine cl, OptionDoc d) {
        return cl.getCommandSpec().findOption(d.names().get(0)).order();
    }

    /** One `--directive value` option per directive of disque.conf. */
    public static List<OptionDoc> serverDirectiveOptions() {
        List<OptionDoc> l = new ArrayList<>();
        for (Directive d : ServerConfig.directives()) {
            OptionDoc.Kind kind;
            List<String> choices = List.of();
            switch (d.type()) {
                case BOOL:
                    kind = OptionDoc.Kind.CHOICE;
                    choices = List.of("yes", "no");
                    break;
                case ENUM:
                    kind = OptionDoc.Kind.CHOICE;
                    choices = d.choices();
                    break;
                case STRING:
                    kind = d.name().equals("dir") ? OptionDoc.Kind.DIRECTORY
                            : d.name().endsWith("file") ? OptionDoc.Kind.FILE : OptionDoc.Kind.NONE;
                    break;
                default:
                    kind = OptionDoc.Kind.NONE;
            }
            l.add(new OptionDoc(List.of("--" + d.name()), valueLabel(d), d.help(), kind, choices));
        }
        return l;
    }

    static String valueLabel(Directive d) {
        switch (d.type()) {
            case INT: return "number";
            case MEMORY: return "bytes";
            case BOOL: return "yes|no";
            case ENUM: return String.join("|", d.choices());
            case LIST: return "address ...";
            default:
                return d.name().equals("dir") ? "directory" : d.name().endsWith("file") ? "file" : "string";
        }
    }

    /** disque-server's own options besides the directives. */
    public static List<OptionDoc> serverOptions() {
        return List.of(
                new OptionDoc(List.of("-v", "--version"), null, "Print the version and exit.", OptionDoc.Kind.NONE,
                        List.of()),
                new OptionDoc(List.of("-h", "--help"), null, "Show the usage and exit.", OptionDoc.Kind.NONE,
                        List.of()));
    }

    /** A directive's default as the docs show it (memory in bytes, empty as ""). */
    public static String defaultOf(Directive d) {
        return d.defaultValue().isEmpty() ? "\"\"" : d.defaultValue();
    }
}
