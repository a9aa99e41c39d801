/*
 * ManPages: writes disque(1), disque-server(1) and disque.conf(5) in
 * troff (man macros). Options come from the picocli model and the server's
 * directive table, commands from the catalog; the rest is prose kept here.
 */
package dev.disque.cli.docs;

import dev.disque.cli.catalog.CommandCatalog;
import dev.disque.cli.catalog.Group;
import dev.disque.cli.catalog.Spec;
import dev.disque.server.config.Directive;
import dev.disque.server.config.ServerConfig;
import java.util.List;
import java.util.Locale;

public final class ManPages {
    private final CommandCatalog catalog;
    private final List<OptionDoc> cliOptions;

    public ManPages(CommandCatalog catalog, List<OptionDoc> cliOptions) {
        this.catalog = catalog;
        this.cliOptions = cliOptions;
    }

    /** Escapes text for troff: backslashes, and a leading dot or quote. */
    static String esc(String s) {
        String e = s.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder b = new StringBuilder();
        for (String line : e.split("\n", -1)) {
            if (b.length() > 0) b.append('\n');
            if (line.startsWith(".") || line.startsWith("'")) b.append("\\&");
            b.append(line);
        }
        return b.toString();
    }

    /** Prose: escapes backslashes only, so ordinary hyphens stay hyphens. */
    static String prose(String s) {
        String e = s.replace("\\", "\\e");
        StringBuilder b = new StringBuilder();
        for (String line : e.split("\n", -1)) {
            if (b.length() > 0) b.append('\n');
            if (line.startsWith(".") || line.startsWith("'")) b.append("\\&");
            b.append(line);
        }
        return b.toString();
    }

    private static void header(StringBuilder b, String name, int section, String title, String what) {
        b.append(".\\\" ").append(Completions.GENERATED).append('\n');
        b.append(".TH ").append(name.toUpperCase(Locale.ROOT).replace("-", "\\-")).append(' ').append(section)
                .append(" \"\" \"Java Disque\" \"").append(title).append("\"\n");
        b.append(".SH NAME\n").append(esc(name)).append(" \\- ").append(prose(what)).append('\n');
    }

    private static void option(StringBuilder b, OptionDoc o) {
        b.append(".TP\n");
        StringBuilder names = new StringBuilder();
        for (String n : o.names()) {
            if (names.length() > 0) names.append(", ");
            names.append("\\fB").append(esc(n)).append("\\fR");
        }
        if (o.takesValue()) names.append(" \\fI").append(esc(o.valueLabel())).append("\\fR");
        b.append(names).append('\n');
        b.append(prose(o.description())).append('\n');
    }

    private static void para(StringBuilder b, String text) {
        b.append(".PP\n").append(prose(text)).append('\n');
    }

    private static void example(StringBuilder b, String comment, String command) {
        b.append(".PP\n").append(prose(comment)).append('\n');
        b.append(".PP\n.RS\n.nf\n").append(esc(command)).append("\n.fi\n.RE\n");
    }

    public String disque() {
        StringBuilder b = new StringBuilder();
        header(b, "disque", 1, "User Commands", "command line and interactive shell for the Disque job queue");
        b.append(".SH SYNOPSIS\n.B disque\n[\\fIoptions\\fR] [\\fIcommand\\fR [\\fIarg\\fR ...]]\n");
        b.append(".SH DESCRIPTION\n");
        para(b, "disque talks to a Disque server, the distributed in-memory job queue, like redis-cli talks to "
                + "Redis. Given a command, it runs it, prints the reply and exits. Given none, it opens an "
                + "interactive shell when standard input is a terminal, and otherwise runs the commands read "
                + "from standard input, one per line, quoted as in the shell (\"double quotes\" understand "
                + "\\n, \\t, \\xHH and the like, 'single quotes' do not).");
        para(b, "On a terminal, replies are printed the way redis-cli prints them: strings in quotes with "
                + "escapes, (integer) 5, (nil), (empty list or set), (error) ERR ..., and nested arrays numbered "
                + "1) 2) 3) with indentation. Errors are red and integers and nil dimmed on a colour terminal. "
                + "When standard output is not a terminal, replies are printed raw, one value per line, with "
                + "no colour. The text reports of INFO, CLIENT LIST, CLUSTER NODES, CLUSTER INFO, LATENCY DOCTOR, "
                + "LATENCY GRAPH and DEBUG are always printed as plain lines of text, whatever the format.");
        b.append(".SH OPTIONS\n");
        for (OptionDoc o : cliOptions) option(b, o);
        b.append(".SH COMMANDS\n");
        para(b, "Every Disque command is sent to the server as typed (names are not case sensitive), except "
                + "the tasque views, which the CLI computes with plain Disque commands from the queues of tasque "
                + "(__tasque__<name>, dead letters in __tasque_dead__<name>). "
                + "In the shell, help @group lists a group and help command shows one command.");
        for (Group g : Group.values()) {
            b.append(".SS ").append(g.label().substring(0, 1).toUpperCase(Locale.ROOT)).append(g.label().substring(1))
                    .append('\n');
            b.append(prose(g.description())).append(".\n");
            for (Spec s : catalog.group(g)) {
                b.append(".TP\n\\fB").append(esc(s.name())).append("\\fR");
                if (!s.syntax().isEmpty()) b.append(' ').append(esc(s.syntax()));
                b.append('\n').append(prose(s.summary())).append(".\n");
            }
        }
        b.append(".SH INTERACTIVE SHELL\n");
        para(b, "The prompt shows the server, as in 127.0.0.1:7711>, or not connected> after the connection "
                + "was lost; the next command reconnects. Tab completes command names, subcommands, the options "
                + "a command still accepts, help topics, and queue names where a queue is expected (from QSCAN). "
                + "While typing, the rest of the command's syntax is shown dimmed after the cursor. A number "
                + "before a command repeats it (3 ping); commands that take half a second or more are followed "
                + "by their time, as (1.23s).");
        para(b, "Ctrl-R searches the history, Ctrl-C cancels the line being typed or interrupts a command "
                + "that waits (GETJOB with a long timeout, MONITOR) without leaving, Ctrl-D leaves. "
                + "Several lines pasted at once run one after the other.");
        para(b, "The shell also understands these commands of its own:");
        for (CommandCatalog.Local l : catalog.local()) {
            b.append(".TP\n\\fB").append(esc(l.usage())).append("\\fR\n").append(prose(l.summary())).append(".\n");
        }
        para(b, "In the shell, the replies of CLUSTER NODES and HELLO are shown as tables (ID, address, "
                + "flags, link; ID, address, priority and what it means); with --raw they are printed as they are.");
        b.append(".SH CLUSTER ADMINISTRATION\n");
        para(b, "--cluster runs one of these commands against the nodes given, or the node of -h and -p, "
                + "in the manner of redis-cli --cluster. A node is host:port, or host:port@busport when its "
                + "cluster bus does not listen on port + 10000. Human output goes to standard output; with --json "
                + "it is one JSON document and the messages go to standard error.");
        clusterCommand(b, "create host:port[@busport] ...", "Makes one cluster of empty nodes (each must "
                + "know only itself): every node but the first meets the first, then the CLI waits, at most "
                + "--timeout seconds, until every node knows every other, none in handshake or failing, each with "
                + "a connected link, and prints the table of nodes.");
        clusterCommand(b, "add-node new-host:port existing-host:port[@busport]", "Joins an empty node to the "
                + "cluster of an existing node, and waits for the full mesh as create does.");
        clusterCommand(b, "check [host:port]", "Asks every node the given node knows for its view, and says "
                + "whether all of them answer, know exactly the same nodes, see none failing and reach all the "
                + "others. A leaving node is a warning. Exit status 1 when the cluster is not whole.");
        clusterCommand(b, "nodes [host:port]", "One row per node: ID, address, flags and HELLO priority as the "
                + "given node sees them, and the jobs, queues and memory each node reports. Exit status 1 when a "
                + "node did not answer.");
        clusterCommand(b, "leave [host:port]", "Marks the node leaving (CLUSTER LEAVING yes), so that no new job "
                + "goes to it, then shows how many jobs it still holds until INFO says safe_to_stop:yes, and tells "
                + "when it is safe to stop it. After --timeout seconds it gives up with exit status 1; the node "
                + "stays leaving (CLUSTER LEAVING no takes that back).");
        clusterCommand(b, "top [host:port]", "The full-screen queue table of --top, with every queue summed "
                + "over all the nodes of the cluster (a queue lives on every node that queued jobs for it); the "
                + "nodes are read again at every refresh, and one that does not answer is named, not counted.");
        b.append(".SH EXAMPLES\n");
        example(b, "Add a job, then fetch and acknowledge it:",
                "disque addjob emails \"send welcome mail\" 0\ndisque getjob from emails\ndisque ackjob D-3f1c2a9e-Xb9r0bGZpX4kS1+vEw2yO7Ka-05a1");
        example(b, "Open the shell on another server, with a password:", "disque -h 10.0.0.5 -p 7712 -a secret");
        example(b, "Run commands from a file, or insert many jobs at once:",
                "disque < commands.txt\ndisque --pipe < jobs.txt");
        example(b, "Watch the server and its queues:", "disque --stat -i 2\ndisque --top");
        example(b, "Script-friendly output:", "disque --json qstat emails\ndisque --csv hello");
        example(b, "Try Disque without a server:", "disque --embedded");
        example(b, "Make a cluster of three nodes, check it, and drain one before stopping it:",
                "disque --cluster create 127.0.0.1:7711 127.0.0.1:7712 127.0.0.1:7713\n"
                        + "disque --cluster check\ndisque --cluster leave 127.0.0.1:7713");
        b.append(".SH FILES\n");
        b.append(".TP\n.I ~/.disque_history\n");
        b.append(prose("History of the interactive shell (AUTH lines are never saved). Created only by "
                + "sessions on a terminal.")).append('\n');
        b.append(".SH ENVIRONMENT\n");
        env(b, "DISQUE_HISTFILE", "Where the shell keeps its history instead of ~/.disque_history; "
                + "empty or /dev/null for none.");
        env(b, "DISQUE_AUTH", "Password to send with AUTH, unless -a or -u gives one "
                + "(it does not show in the process list).");
        env(b, "NO_COLOR", "When set to anything, no colour is used.");
        env(b, "TERM", "A dumb terminal gets no colour.");
        env(b, "DISQUE_JAVA_OPTS", "Extra options for the Java virtual machine, read by the launcher.");
        b.append(".SH EXIT STATUS\n");
        b.append(".TP\n.B 0\nThe command ran and no reply was an error.\n");
        b.append(".TP\n.B 1\n").append(prose("A reply was an error, the server could not be reached or went "
                + "away, or --pipe saw errors; with --cluster, the cluster is not whole, a node did not answer or "
                + "a wait ran out.")).append('\n');
        b.append(".TP\n.B 2\nThe command line was wrong.\n");
        b.append(".SH SEE ALSO\n.BR disque\\-server (1),\n.BR disque.conf (5),\n.BR redis\\-cli (1)\n");
        return b.toString();
    }

    private static void clusterCommand(StringBuilder b, String usage, String what) {
        b.append(".TP\n\\fB").append(esc(usage)).append("\\fR\n").append(prose(what)).append('\n');
    }

    private static void env(StringBuilder b, String name, String what) {
        b.append(".TP\n.B ").append(esc(name)).append('\n').append(prose(what)).append('\n');
    }

    public String disqueServer() {
        StringBuilder b = new StringBuilder();
        header(b, "disque-server", 1, "User Commands", "a Disque job queue node");
        b.append(".SH SYNOPSIS\n");
        b.append(".B disque\\-server\n[\\fIconfigfile\\fR] [\\fB\\-\\-\\fIdirective\\fR \\fIvalue\\fR ...]\n.br\n");
        b.append(".B disque\\-server\n\\fB\\-v\\fR | \\fB\\-\\-version\\fR\n.br\n");
        b.append(".B disque\\-server\n\\fB\\-h\\fR | \\fB\\-\\-help\\fR\n");
        b.append(".SH DESCRIPTION\n");
        para(b, "disque-server runs one node of Disque, the distributed in-memory job queue: producers add "
                + "jobs to named queues, consumers fetch them and acknowledge them when done, and a job that is "
                + "not acknowledged in time is delivered again. It speaks the Redis protocol, so disque(1), "
                + "redis-cli and any Redis or Disque client can talk to it.");
        para(b, "The configuration is read from configfile (see disque.conf(5)), then from the options: each "
                + "--name value on the command line is a line \"name value\" applied after the file. Unlike the "
                + "original, the server binds to 127.0.0.1 unless told otherwise.");
        b.append(".SH OPTIONS\n");
        b.append(".TP\n\\fIconfigfile\\fR\n").append(prose("A configuration file; it must come first.")).append('\n');
        b.append(".TP\n\\fB\\-\\-\\fIdirective\\fR \\fIvalue\\fR ...\n")
                .append(prose("Any directive of disque.conf(5), for example --port 7712 or --maxmemory 200mb."))
                .append('\n');
        for (OptionDoc o : DocModel.serverOptions()) option(b, o);
        b.append(".SH DIRECTIVES\n");
        para(b, "The directives, with their defaults; disque.conf(5) describes each.");
        b.append(".PP\n.TS\nl l.\n");
        for (Directive d : ServerConfig.directives()) {
            b.append("\\fB\\-\\-").append(esc(d.name())).append("\\fR\t").append(esc(DocModel.defaultOf(d))).append('\n');
        }
        b.append(".TE\n");
        b.append(".SH SIGNALS\n");
        para(b, "SIGTERM and SIGINT shut the node down cleanly: clients are disconnected and the pidfile, "
                + "if any, is removed.");
        b.append(".SH EXAMPLES\n");
        example(b, "Start with the defaults, on 127.0.0.1:7711:", "disque-server");
        example(b, "Start from a file, overriding some directives:",
                "disque-server /etc/disque/7711.conf --port 7712 --loglevel verbose");
        b.append(".SH FILES\n");
        b.append(".TP\n.I disque.conf\n").append(prose("The configuration file given as the first argument; "
                + "the repository's copy lists every directive at its default.")).append('\n');
        b.append(".TP\n.I pidfile\n").append(prose("Written while the server runs, when the pidfile directive "
                + "names one.")).append('\n');
        b.append(".SH ENVIRONMENT\n");
        env(b, "DISQUE_JAVA_OPTS", "Extra options for the Java virtual machine, read by the launcher.");
        b.append(".SH EXIT STATUS\n");
        b.append(".TP\n.B 0\nThe server was shut down.\n");
        b.append(".TP\n.B 1\n").append(prose("The configuration was wrong or the server could not start "
                + "(for example, the port was taken).")).append('\n');
        b.append(".SH SEE ALSO\n.BR disque (1),\n.BR disque.conf (5)\n");
        return b.toString();
    }

    public String disqueConf() {
        StringBuilder b = new StringBuilder();
        header(b, "disque.conf", 5, "File Formats", "configuration file of disque-server");
        b.append(".SH SYNOPSIS\n.B disque\\-server\n.I /path/to/disque.conf\n");
        b.append(".SH DESCRIPTION\n");
        para(b, "One directive per line: its name, then its value(s), separated by spaces. Lines starting "
                + "with # are comments. Values with spaces go in quotes, as in \"a value\". Names are not case "
                + "sensitive; yes/no and choice values neither.");
        para(b, "Sizes accept units: 1k = 1000 bytes, 1kb = 1024, 1m = 1000000, 1mb = 1048576, "
                + "1g = 1000000000, 1gb = 1073741824 (case does not matter).");
        para(b, "CONFIG GET reads the running values, CONFIG SET changes those marked \"changeable at run "
                + "time\", and CONFIG REWRITE writes them back into the file, keeping its comments.");
        b.append(".SH DIRECTIVES\n");
        for (Directive d : ServerConfig.directives()) {
            b.append(".TP\n\\fB").append(esc(d.name())).append("\\fR \\fI").append(esc(DocModel.valueLabel(d)))
                    .append("\\fR\n");
            b.append(prose(d.help())).append('\n');
            b.append(".br\n").append(prose("Default: " + DocModel.defaultOf(d) + "."
                    + (d.runtime() ? " Changeable at run time." : ""))).append('\n');
        }
        b.append(".SH EXAMPLE\n.PP\n.RS\n.nf\n");
        b.append(esc("# A node for local development\nport 7712\nmaxmemory 200mb\nloglevel verbose\n"
                + "requirepass \"correct horse battery staple\"")).append('\n');
        b.append(".fi\n.RE\n");
        b.append(".SH SEE ALSO\n.BR disque\\-server (1),\n.BR disque (1)\n");
        return b.toString();
    }
}
