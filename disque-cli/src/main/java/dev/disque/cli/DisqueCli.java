/*
 * DisqueCli: the `disque` command line (picocli), redis-cli's options plus
 * a few of its own, and the choice of mode: one command, commands from
 * stdin, the REPL, or one of the live views and tools.
 *
 *   disque [options] [command [arg ...]]
 *
 * -h is the host, as in redis-cli; help is --help only. Everything after
 * the first positional word belongs to the Disque command.
 */
package dev.disque.cli;

import dev.disque.cli.net.Reply;
import dev.disque.cli.render.ReplyRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "disque", sortOptions = false, usageHelpAutoWidth = false,
        versionProvider = DisqueCli.VersionProvider.class,
        customSynopsis = "disque [options] [command [arg ...]]",
        descriptionHeading = "%n", parameterListHeading = "%nArguments:%n", optionListHeading = "%nOptions:%n",
        footerHeading = "%nExamples:%n",
        footer = {"  disque                                 open the shell on 127.0.0.1:7711",
            "  disque -p 7712 addjob emails \"hi\" 0    add a job",
            "  disque --pipe < commands.txt           mass insertion",
            "  disque --top                           watch the queues",
            "", "In the shell, type help. Manual: disque(1)."},
        description = {
            "Command line and interactive shell for Disque, the distributed job queue.",
            "With a command, runs it and prints the reply. Without one, opens a shell with completion, "
                + "hints and history when standard input is a terminal, and otherwise runs the commands "
                + "read from standard input, one per line."})
public final class DisqueCli {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7711;

    @Option(names = "-h", paramLabel = "<hostname>", order = 1,
            description = "Server hostname (default: 127.0.0.1).")
    String host;

    @Option(names = "-p", paramLabel = "<port>", order = 2,
            description = "Server port (default: 7711).")
    Integer port;

    @Option(names = {"-a", "--pass"}, paramLabel = "<password>", order = 3,
            description = "Password to send with AUTH after connecting (see also DISQUE_AUTH).")
    String password;

    @Option(names = "-u", paramLabel = "<uri>", order = 4,
            description = "Server URI: disque://[:password@]host[:port], or disques:// for TLS (redis:// and "
                    + "rediss:// are accepted too); -h, -p and -a take precedence.")
    String uri;

    @Option(names = "-s", paramLabel = "<socket>", order = 4,
            description = "Server Unix domain socket (overrides hostname and port).")
    String socket;

    @Option(names = "-t", paramLabel = "<timeout>", order = 4,
            description = "Connect timeout in seconds, fractions allowed (default: 10; 0: no limit).")
    Double connectTimeout;

    @Option(names = "--askpass", order = 4,
            description = "Ask for the password (not echoed on a terminal; otherwise the first line of standard "
                    + "input) instead of taking it from -a, -u or DISQUE_AUTH.")
    boolean askpass;

    @Option(names = "--tls", order = 4, description = "Connect with TLS (as a disques:// URI does).")
    boolean tls;

    @Option(names = "--sni", paramLabel = "<host>", order = 4,
            description = "With TLS, the server name to send and to check the certificate against (default: the host).")
    String sni;

    @Option(names = "--cacert", paramLabel = "<file>", order = 4,
            description = "With TLS, trust the CA certificates of this PEM file instead of the JDK's trust store.")
    String cacert;

    @Option(names = "--insecure", order = 4,
            description = "With TLS, skip the checks of the server's certificate and name.")
    boolean insecure;

    @Option(names = "-2", order = 4, description = "Speak RESP2, the only protocol Disque has (accepted for redis-cli scripts).")
    boolean resp2;

    @Option(names = "-3", order = 4,
            description = "RESP3 is not spoken by Disque: a warning says so and RESP2 is used.")
    boolean resp3;

    @Option(names = "-r", paramLabel = "<repeat>", order = 5,
            description = "Run the command this many times (-1: until interrupted). "
                    + "With --stat and --latency-history, the number of lines to print.")
    Long repeat;

    @Option(names = "-i", paramLabel = "<interval>", order = 6,
            description = "Seconds to wait between repeated commands, and the refresh interval of "
                    + "--stat, --top and --latency-history. Fractions such as 0.1 are allowed.")
    Double interval;

    @Option(names = "-x", order = 7, description = "Read the last argument of the command from standard input.")
    boolean stdinArg;

    @Option(names = "-X", paramLabel = "<tag>", order = 7,
            description = "Replace the first argument of the command equal to <tag> with standard input, "
                    + "e.g. disque -X BODY addjob q BODY 0 < body.json.")
    String stdinTag;

    @Option(names = "-e", order = 7,
            description = "Stop at the first error reply, print it on standard error and exit 1 (an error "
                    + "reply always makes the exit code 1; -e is accepted for redis-cli scripts).")
    boolean exitOnError;

    @Option(names = "--quoted-input", order = 7,
            description = "Read each argument of the command as the shell reads a word: \"double quotes\" "
                    + "understand \\n, \\xHH and the like, so any bytes can be given.")
    boolean quotedInput;

    @Option(names = "--verbose", order = 7,
            description = "Say on standard error where the CLI connects, and when it reconnects.")
    boolean verbose;

    @Option(names = "-d", paramLabel = "<delimiter>", order = 8,
            description = "Separator between the items of a multi-bulk reply in raw output (default: newline).")
    String delimiter = "\n";

    @Option(names = "--raw", order = 10,
            description = "Print replies as they are, without quotes or types (the default when "
                    + "standard output is not a terminal).")
    boolean raw;

    @Option(names = "--no-raw", order = 11, description = "Format replies for people even when standard output is not a terminal.")
    boolean noRaw;

    @Option(names = "--csv", order = 12, description = "Print each reply as one line of comma-separated values.")
    boolean csv;

    @Option(names = "--json", order = 13, description = "Print each reply as one line of JSON.")
    boolean json;

    @Option(names = "--no-color", order = 14,
            description = "Never colour the output (colour is used only on a colour terminal; NO_COLOR also turns it off).")
    boolean noColor;

    @Option(names = "--stat", order = 20,
            description = "Print a line of server statistics every interval: jobs, queues, memory, clients, "
                    + "blocked clients, requests, nodes.")
    boolean stat;

    @Option(names = "--top", order = 21,
            description = "Full-screen view of the queues, refreshed every interval: length, blocked consumers, "
                    + "jobs in and out per second, import rate, pause state. Keys sort it; q quits.")
    boolean top;

    @Option(names = "--latency", order = 22,
            description = "Measure the server's latency with PING until interrupted (min, max, average in ms).")
    boolean latency;

    @Option(names = "--latency-history", order = 23,
            description = "Like --latency, but start a new line every interval (default: 15 seconds).")
    boolean latencyHistory;

    @Option(names = "--pipe", order = 24,
            description = "Mass insertion: send the commands read from standard input (RESP or one command per line) "
                    + "as fast as possible, then wait for every reply and report the errors.")
    boolean pipe;

    @Option(names = "--pipe-timeout", paramLabel = "<seconds>", order = 25,
            description = "With --pipe, give up when no reply arrives for this many seconds (default: 30; 0: wait forever).")
    int pipeTimeout = 30;

    @Option(names = "--embedded", order = 26,
            description = "Start a Disque server inside this process on a free port and work with it, for trying things out.")
    boolean embedded;

    @Option(names = "--cluster", paramLabel = "<command>", order = 27,
            description = "Run a cluster administration command, as redis-cli --cluster does: create, add-node, "
                    + "check, nodes, leave, top or help. create host:port[@busport] ... joins empty nodes and waits for "
                    + "the full mesh; add-node new existing joins one more; check [host:port] says whether every node "
                    + "sees every other, none failing; nodes [host:port] lists every node with its flags, priority, "
                    + "jobs, queues and memory; leave [host:port] marks a node leaving and waits until it holds no "
                    + "job; top [host:port] is --top summed over every node. The bus port defaults to port + 10000. Exit code 0 when done, 1 when the cluster is not "
                    + "whole, a node does not answer or a wait runs out, 2 on a usage error; --json for scripts.")
    String cluster;

    @Option(names = "--timeout", paramLabel = "<seconds>", order = 27,
            description = "How long --cluster create, add-node and leave wait for the cluster (default: 60; 0: no limit).")
    Double timeout;

    @Option(names = "--no-auth-warning", order = 27,
            description = "Do not warn that a password on the command line may not be safe.")
    boolean noAuthWarning;

    @Option(names = "--help", usageHelp = true, order = 30, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, order = 31, description = "Print the version and exit.")
    boolean version;

    @Parameters(paramLabel = "command", arity = "0..*",
            description = "A Disque command and its arguments, e.g. ADDJOB queue body 0.")
    List<String> command = new ArrayList<>();

    /** Resolved settings, after parsing. */
    private String effectiveHost;
    private int effectivePort;
    private String effectivePassword;
    private boolean effectiveTls;
    private ReplyRenderer renderer;
    private Io io;

    public static void main(String[] args) {
        Io io = Io.system();
        int code = run(args, io);
        io.out().flush();
        System.exit(code);
    }

    public static int run(String[] args, Io io) {
        DisqueCli fast = new DisqueCli();
        if (fastParse(args, fast)) return fast.execute(io);
        return CliModel.parseAndRun(args, io);
    }

    /**
     * Parses the plain, common command lines without picocli, whose model
     * costs about 100 ms of class loading at every start. It accepts only
     * what picocli would parse the same way (DisqueCliFastParseTest checks
     * this against the picocli model) and returns false for anything else
     * (--help, --version, unknown or attached options, odd values), which
     * then goes through picocli.
     */
    static boolean fastParse(String[] args, DisqueCli c) {
        int i = 0;
        for (; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("-")) break;
            switch (a) {
                case "-x": c.stdinArg = true; continue;
                case "-e": c.exitOnError = true; continue;
                case "-2": c.resp2 = true; continue;
                case "-3": c.resp3 = true; continue;
                case "--quoted-input": c.quotedInput = true; continue;
                case "--verbose": c.verbose = true; continue;
                case "--tls": c.tls = true; continue;
                case "--insecure": c.insecure = true; continue;
                case "--askpass": c.askpass = true; continue;
                case "--raw": c.raw = true; continue;
                case "--no-raw": c.noRaw = true; continue;
                case "--csv": c.csv = true; continue;
                case "--json": c.json = true; continue;
                case "--no-color": c.noColor = true; continue;
                case "--stat": c.stat = true; continue;
                case "--top": c.top = true; continue;
                case "--latency": c.latency = true; continue;
                case "--latency-history": c.latencyHistory = true; continue;
                case "--pipe": c.pipe = true; continue;
                case "--embedded": c.embedded = true; continue;
                case "--no-auth-warning": c.noAuthWarning = true; continue;
                case "-h": case "-p": case "-a": case "--pass": case "-u": case "-r": case "-i": case "-d":
                case "--pipe-timeout": case "-s": case "-X": case "-t": case "--sni": case "--cacert":
                case "--cluster": case "--timeout":
                    break;
                default:
                    return false;
            }
            if (i + 1 >= args.length) return false;
            String v = args[++i];
            // picocli reads a value that is an option name (-2, -3) as that option: leave such lines to it.
            if (v.startsWith("-") && (!v.matches("-[0-9]+") || v.equals("-2") || v.equals("-3"))) return false;
            switch (a) {
                case "-h": c.host = v; break;
                case "-a": case "--pass": c.password = v; break;
                case "-u": c.uri = v; break;
                case "-d": c.delimiter = v; break;
                case "-s": c.socket = v; break;
                case "-X": c.stdinTag = v; break;
                case "--sni": c.sni = v; break;
                case "--cacert": c.cacert = v; break;
                case "--cluster": c.cluster = v; break;
                case "--timeout":
                    if (!v.matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) return false;
                    c.timeout = Double.parseDouble(v);
                    break;
                case "-t":
                    if (!v.matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) return false;
                    c.connectTimeout = Double.parseDouble(v);
                    break;
                case "-p":
                    if (!v.matches("[0-9]{1,9}")) return false;
                    c.port = Integer.parseInt(v);
                    break;
                case "--pipe-timeout":
                    if (!v.matches("[0-9]{1,9}")) return false;
                    c.pipeTimeout = Integer.parseInt(v);
                    break;
                case "-r":
                    if (!v.matches("-?[0-9]{1,18}")) return false;
                    c.repeat = Long.parseLong(v);
                    break;
                default: // -i
                    if (!v.matches("[0-9]{1,9}(\\.[0-9]{1,9})?")) return false;
                    c.interval = Double.parseDouble(v);
                    break;
            }
        }
        for (; i < args.length; i++) c.command.add(args[i]);
        return true;
    }

    /** Runs with the parsed options. */
    int execute(Io io) {
        this.io = io;
        String problem = resolve();
        if (problem != null) {
            io.err().println("disque: " + problem);
            return 2;
        }
        if (askpass) {
            String pw = askPassword();
            if (pw == null) {
                io.err().println("disque: --askpass: no password given");
                return 1;
            }
            effectivePassword = pw;
        }
        if (embedded) return modes().embedded(this);
        return dispatch();
    }

    /** --askpass: from the terminal without echo, or else the first line of standard input. */
    private String askPassword() {
        java.io.Console console = System.console();
        if (io.stdinTty() && console != null) {
            char[] pw = console.readPassword("Please input password: ");
            return pw == null ? null : new String(pw);
        }
        StringBuilder line = new StringBuilder();
        try {
            int c;
            while ((c = io.in().read()) >= 0 && c != '\n') line.append((char) c);
            if (c < 0 && line.length() == 0) return null;
        } catch (IOException e) {
            return null;
        }
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
        return new String(line.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Runs the mode the options ask for, against the resolved host and port. */
    public int dispatch() {
        Modes m = modes();
        if (cluster != null) return m.cluster(this);
        if (pipe) return m.pipe(this);
        if (stat) return m.stat(this);
        if (latency || latencyHistory) return m.latency(this);
        if (top) return m.top(this);
        if (!command.isEmpty()) return m.oneShot(this);
        if (io.stdinTty()) return m.repl(this);
        return m.stdin(this);
    }

    /** Indirection so that the classes of a mode are loaded only when it runs. */
    private static Modes modes() {
        return new Modes();
    }

    private String resolve() {
        int formats = (raw ? 1 : 0) + (csv ? 1 : 0) + (json ? 1 : 0) + (noRaw ? 1 : 0);
        if (formats > 1) return "--raw, --no-raw, --csv and --json exclude each other";
        int modes = (pipe ? 1 : 0) + (stat ? 1 : 0) + (latency || latencyHistory ? 1 : 0) + (top ? 1 : 0)
                + (cluster != null ? 1 : 0);
        if (modes > 1) return "--pipe, --stat, --latency, --top and --cluster exclude each other";
        if (timeout != null && cluster == null) return "--timeout is for --cluster";
        if (timeout != null && (timeout < 0 || timeout.isNaN())) return "--timeout must be a number of seconds >= 0";
        if (modes == 1 && cluster == null && !command.isEmpty()) {
            return "a command cannot be given with --pipe, --stat, --latency or --top";
        }
        if (interval != null && (interval < 0 || interval.isNaN())) return "-i must be a number of seconds >= 0";
        if (connectTimeout != null && (connectTimeout < 0 || connectTimeout.isNaN() || connectTimeout > 2_000_000)) {
            return "-t must be a number of seconds >= 0";
        }
        if (stdinArg && stdinTag != null) return "-x and -X exclude each other";
        if (resp2 && resp3) return "-2 and -3 exclude each other";
        if (resp3) io.err().println("Warning: Disque speaks RESP2 only; -3 is ignored and RESP2 is used.");
        if (repeat != null && repeat < -1) return "-r must be a count, or -1 for ever";
        effectiveHost = DEFAULT_HOST;
        effectivePort = DEFAULT_PORT;
        effectivePassword = io.env("DISQUE_AUTH");
        if (uri != null) {
            String bad = parseUri(uri);
            if (bad != null) return bad;
        }
        if (host != null) effectiveHost = host;
        if (port != null) {
            if (port < 1 || port > 65535) return "-p must be a port between 1 and 65535";
            effectivePort = port;
        }
        if (password != null) effectivePassword = password;
        if (socket != null && socket.isEmpty()) return "-s needs the path of a Unix domain socket";
        if (tls) effectiveTls = true;
        if (effectiveTls && socket != null) return "--tls and -s exclude each other (TLS is for TCP connections)";
        if (!effectiveTls && (sni != null || cacert != null || insecure)) return "--sni, --cacert and --insecure need --tls";
        if (cacert != null && !java.nio.file.Files.isReadable(java.nio.file.Path.of(cacert))) {
            return "--cacert: cannot read " + cacert;
        }
        if ((password != null || uri != null && uri.contains("@")) && !noAuthWarning) {
            io.err().println("Warning: Using a password with '-a' or '-u' option on the command line interface may not be safe.");
        }
        ReplyRenderer.Format f;
        if (json) f = ReplyRenderer.Format.JSON;
        else if (csv) f = ReplyRenderer.Format.CSV;
        else if (raw) f = ReplyRenderer.Format.RAW;
        else if (noRaw) f = ReplyRenderer.Format.TTY;
        else f = io.stdoutTty() ? ReplyRenderer.Format.TTY : ReplyRenderer.Format.RAW;
        renderer = new ReplyRenderer(f, colourWanted(), delimiter);
        return null;
    }

    private String parseUri(String text) {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme();
            if (scheme == null || !List.of("disque", "disques", "redis", "rediss").contains(scheme)) {
                return "-u: the URI must start with disque:// (or disques:// for TLS)";
            }
            if (scheme.equals("disques") || scheme.equals("rediss")) effectiveTls = true;
            if (u.getHost() != null) effectiveHost = u.getHost();
            if (u.getPort() > 0) effectivePort = u.getPort();
            String info = u.getRawUserInfo();
            if (info != null) {
                int colon = info.indexOf(':');
                String pw = colon >= 0 ? info.substring(colon + 1) : info;
                if (!pw.isEmpty()) effectivePassword = URLDecoder.decode(pw, StandardCharsets.UTF_8);
            }
            return null;
        } catch (URISyntaxException e) {
            return "-u: " + e.getMessage();
        }
    }

    /** Colour only on a terminal, unless --no-color, NO_COLOR or a dumb TERM say otherwise. */
    public boolean colourWanted() {
        if (noColor || io.env("NO_COLOR") != null) return false;
        String term = io.env("TERM");
        return io.stdoutTty() && term != null && !term.equals("dumb");
    }

    // ---- what the modes read ----

    public Io io() {
        return io;
    }

    public String host() {
        return effectiveHost;
    }

    public int port() {
        return effectivePort;
    }

    /** Points the CLI at another server (--embedded). */
    public void target(String newHost, int newPort) {
        effectiveHost = newHost;
        effectivePort = newPort;
        socket = null; // the embedded server listens on TCP only
        effectiveTls = false;
    }

    public String password() {
        return effectivePassword;
    }

    /** Where and how to connect: host and port or -s, TLS, the -t connect timeout. */
    public dev.disque.cli.net.Endpoint endpoint() {
        int timeout = connectTimeout == null ? dev.disque.cli.net.Endpoint.DEFAULT_CONNECT_TIMEOUT_MILLIS
                : (int) Math.round(connectTimeout * 1000);
        dev.disque.cli.net.Endpoint.TlsOptions t = effectiveTls
                ? new dev.disque.cli.net.Endpoint.TlsOptions(sni, cacert == null ? null : java.nio.file.Path.of(cacert),
                        insecure)
                : null;
        return new dev.disque.cli.net.Endpoint(effectiveHost, effectivePort, socket, t, timeout);
    }

    /** A session to the endpoint; with --verbose it tells on standard error where it connects and reconnects. */
    public dev.disque.cli.net.Session session() {
        dev.disque.cli.net.Session s = new dev.disque.cli.net.Session(endpoint(), effectivePassword, io.err()::println);
        if (verbose) s.onNotice(io.err()::println);
        s.verbose(verbose);
        return s;
    }

    public boolean verbose() {
        return verbose;
    }

    public String stdinTag() {
        return stdinTag;
    }

    public boolean exitOnError() {
        return exitOnError;
    }

    public boolean quotedInput() {
        return quotedInput;
    }

    public ReplyRenderer renderer() {
        return renderer;
    }

    /** -r as given; null when not given. */
    public Long repeat() {
        return repeat;
    }

    /** -i in milliseconds, or the default. */
    public long intervalMillis(long dflt) {
        return interval == null ? dflt : Math.round(interval * 1000);
    }

    public boolean intervalGiven() {
        return interval != null;
    }

    public boolean stdinArg() {
        return stdinArg;
    }

    /** The --cluster command (create, check ...), or null. */
    public String clusterCommand() {
        return cluster;
    }

    /** --timeout in milliseconds (default 60 s); 0: no limit. */
    public long clusterTimeoutMillis() {
        return timeout == null ? 60_000 : Math.round(timeout * 1000);
    }

    public boolean latencyHistory() {
        return latencyHistory;
    }

    public int pipeTimeoutSeconds() {
        return pipeTimeout;
    }

    public String delimiter() {
        return delimiter;
    }

    public List<String> command() {
        return command;
    }

    public boolean noColor() {
        return noColor || io.env("NO_COLOR") != null;
    }

    /** Prints a reply with the chosen renderer; returns true if it was an error. */
    public boolean print(Reply r) {
        return print(r, false);
    }

    /** Prints a reply; a text block (INFO ...) as plain text. True if it was an error. */
    public boolean print(Reply r, boolean textBlock) {
        if (exitOnError && r instanceof Reply.Error e) {
            // redis-cli -e: the error goes to standard error, and the caller stops.
            io.err().println(e.text());
            return true;
        }
        byte[] b = renderer.render(r, textBlock);
        io.out().write(b, 0, b.length);
        io.out().flush();
        return r.isError();
    }

    public static String connectError(String host, int port, IOException e) {
        return connectError(host + ":" + port, e);
    }

    /** redis-cli's message: "Could not connect to Disque at 127.0.0.1:7711: Connection refused". */
    public static String connectError(String address, IOException e) {
        String why = e.getMessage();
        if (e instanceof java.net.UnknownHostException) why = "Name or service not known";
        if (e instanceof dev.disque.cli.net.Session.ConnectFailed) why = e.getMessage();
        if (why == null || why.isEmpty()) why = e.getClass().getSimpleName();
        return "Could not connect to Disque at " + address + ": " + why;
    }

    public static String version() {
        return buildProperty("version", "unknown");
    }

    /** The commit the CLI was built from (", git abcdef12", "+" when dirty), or "" outside a checkout. */
    public static String commitSuffix() {
        String commit = buildProperty("commit", "");
        if (commit.isEmpty()) return "";
        return ", git " + commit + (buildProperty("dirty", "false").equals("true") ? "+" : "");
    }

    // An unexpanded ${...} is a build without git metadata (a source tarball): absent.
    private static String buildProperty(String key, String absent) {
        try (InputStream in = DisqueCli.class.getResourceAsStream("version.properties")) {
            if (in == null) return absent;
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty(key, "").trim();
            return v.isEmpty() || v.startsWith("${") ? absent : v;
        } catch (IOException e) {
            return absent;
        }
    }

    /** picocli asks this for --version when the usage is printed; main() answers --version itself. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"disque " + version()};
        }
    }
}
