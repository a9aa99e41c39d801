/*
 * FastParseTest: the start-up fast path parses the command line exactly
 * as picocli does whenever it accepts it. Every option of the picocli
 * model must be known to it, and a fixed corpus plus seeded random command
 * lines must give the same settings either way (or be left to picocli).
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

class FastParseTest {
    private static final String[] VALUES = {"5", "0", "-1", "0.25", "host", "a b", "", "-x", "--raw", "+3", ".5", "7711"};
    private static final String[] WORDS = {"ping", "addjob", "q", "-h", "--raw", "-1", "@f", "--"};

    /** Fields as picocli sees them, or null if picocli rejects the line. */
    private static List<Object> viaPicocli(String[] args) {
        DisqueCli c = new DisqueCli();
        CommandLine cl = CliModel.commandLine(c);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return null;
        }
        return state(cl);
    }

    private static List<Object> state(CommandLine cl) {
        List<Object> l = new ArrayList<>();
        for (ArgSpec a : cl.getCommandSpec().args()) {
            Object v = a.getValue();
            l.add(v instanceof List ? new ArrayList<>((List<?>) v) : v);
        }
        return l;
    }

    private static void check(String... args) {
        DisqueCli fast = new DisqueCli();
        boolean handled = DisqueCli.fastParse(args, fast);
        if (!handled) return; // picocli's job
        List<Object> expected = viaPicocli(args);
        assertTrue(expected != null, "fast path accepted what picocli rejects: " + Arrays.toString(args));
        assertEquals(expected, state(CliModel.commandLine(fast)), Arrays.toString(args));
    }

    @Test
    void knowsEveryOptionOfTheModel() {
        CommandLine cl = CliModel.commandLine(new DisqueCli());
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (o.usageHelp() || o.versionHelp()) continue;
            for (String name : o.names()) {
                String[] args = o.arity().max() == 0 ? new String[] {name, "ping"} : new String[] {name, "5", "ping"};
                assertTrue(DisqueCli.fastParse(args, new DisqueCli()), "fast path does not know " + name);
                check(args);
            }
        }
    }

    @Test
    void leavesHelpVersionAndOddFormsToPicocli() {
        for (String[] args : new String[][] {{"--help"}, {"--version"}, {"-p7711", "ping"}, {"--pass=x", "ping"},
                {"--", "ping"}, {"-p"}, {"-a", "-x"}, {"-p", "+5"}, {"-i", ".5"}, {"--bogus"}, {"-xr", "3"}}) {
            assertFalse(DisqueCli.fastParse(args, new DisqueCli()), Arrays.toString(args));
        }
    }

    @Test
    void sameSettingsAsPicocli() {
        check("ping");
        check("-h", "10.0.0.1", "-p", "7712", "-a", "secret", "-r", "-1", "-i", "0.5", "-x", "-d", ",", "--raw", "get", "x");
        check("-r", "3", "-i", "2", "ping", "-h", "x", "--raw");
        check("-p", "1", "-p", "2", "ping");
        check("--stat", "-i", "1");
        check();
    }

    @Test
    void randomCommandLines() {
        CommandLine cl = CliModel.commandLine(new DisqueCli());
        List<String> names = new ArrayList<>();
        for (OptionSpec o : cl.getCommandSpec().options()) names.addAll(Arrays.asList(o.names()));
        Random r = new Random(20_240_501);
        for (int n = 0; n < 2000; n++) {
            List<String> args = new ArrayList<>();
            int len = r.nextInt(7);
            for (int i = 0; i < len; i++) {
                int pick = r.nextInt(3);
                if (pick == 0) args.add(names.get(r.nextInt(names.size())));
                else if (pick == 1) args.add(VALUES[r.nextInt(VALUES.length)]);
                else args.add(WORDS[r.nextInt(WORDS.length)]);
            }
            check(args.toArray(new String[0]));
        }
    }
}
