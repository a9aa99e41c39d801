/*
 * ReplCompleter: Tab completion from the command catalog: command names
 * (with their summary), subcommands, the options a command still accepts
 * at the cursor (ADDJOB q body 0 <Tab> offers REPLICATE DELAY RETRY TTL
 * MAXLEN ASYNC), fixed choices, @groups after help, and live values from
 * the server: queue names where a queue is expected, parameters after
 * CONFIG GET/SET. Keywords follow the case of what was typed.
 */
package dev.disque.cli.repl;

import dev.disque.cli.catalog.ArgWalker;
import dev.disque.cli.catalog.CommandCatalog;
import dev.disque.cli.catalog.Group;
import dev.disque.cli.catalog.Option;
import dev.disque.cli.catalog.Param;
import dev.disque.cli.catalog.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

public final class ReplCompleter implements Completer {
    /** The REPL's own commands, with what they do. */
    static final String[][] LOCAL = {
        {"help", "Help on a command or group"},
        {"connect", "Connect to another server"},
        {"top", "Full-screen view of the queues"},
        {"clear", "Clear the screen"},
        {"quit", "Leave"},
        {"exit", "Leave"},
    };

    private final CommandCatalog catalog;
    private final Suggestions suggestions;

    public ReplCompleter(CommandCatalog catalog, Suggestions suggestions) {
        this.catalog = catalog;
        this.suggestions = suggestions;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        String word = line.word();
        String prefix = word.substring(0, Math.min(line.wordCursor(), word.length()));
        List<String> before = line.words().subList(0, line.wordIndex());
        candidates.addAll(candidates(before, prefix));
    }

    /** The candidates for the word after {@code before}, of which {@code prefix} is typed. */
    public List<Candidate> candidates(List<String> before, String prefix) {
        List<Candidate> out = new ArrayList<>();
        boolean upper = upper(before, prefix);
        if (before.isEmpty()) {
            for (String name : catalog.commandNames()) {
                out.add(candidate(cased(name, upper), "commands", summaryOf(name)));
            }
            for (String[] l : LOCAL) out.add(candidate(cased(l[0], upper), "shell", l[1]));
            return out;
        }
        String first = before.get(0).toLowerCase(Locale.ROOT);
        if (first.equals("help") || first.equals("?")) {
            if (before.size() == 1) {
                for (Group g : Group.values()) out.add(candidate("@" + g.label(), "groups", g.description()));
                for (String name : catalog.commandNames()) {
                    out.add(candidate(cased(name, upper), "commands", summaryOf(name)));
                }
            } else if (before.size() == 2 && catalog.isContainer(before.get(1))) {
                for (String sub : catalog.subcommands(before.get(1))) {
                    out.add(candidate(cased(sub, upper), "subcommands", null));
                }
            }
            return out;
        }
        if (catalog.isContainer(first) && before.size() == 1) {
            for (String sub : catalog.subcommands(first)) {
                Spec s = catalog.spec(first + " " + sub);
                out.add(candidate(cased(sub, upper), "subcommands", s == null ? null : s.summary()));
            }
            return out;
        }
        CommandCatalog.Match m = catalog.match(before);
        if (m == null) return out;
        ArgWalker.State state = ArgWalker.walk(m.spec(), before.subList(m.nameWords(), before.size()));
        Param value = state.valueExpected();
        if (value != null) addValues(out, value, upper);
        for (Option o : state.availableOptions()) {
            String descr = o.isFlag() ? null : o.value().name();
            out.add(candidate(cased(o.keyword(), upper), "options", descr));
        }
        return out;
    }

    private void addValues(List<Candidate> out, Param p, boolean upper) {
        switch (p.kind()) {
            case QUEUE:
                for (String q : suggestions.queues()) out.add(candidate(q, "queues", null));
                break;
            case CONFIG_PARAM:
                for (String c : suggestions.configParameters()) out.add(candidate(c, "parameters", null));
                break;
            case COMMAND:
                for (String c : catalog.commandNames()) out.add(candidate(cased(c, upper), "commands", null));
                break;
            case CHOICE:
                for (String c : p.choices()) out.add(candidate(cased(c, upper), "values", null));
                break;
            default:
                break;
        }
    }

    private String summaryOf(String command) {
        Spec s = catalog.spec(command);
        if (s != null) return s.summary();
        Group g = catalog.groupOf(command);
        return g == null ? null : String.join(", ", catalog.subcommands(command));
    }

    /** Uppercase when the word being typed starts uppercase, or else when the command was typed so. */
    static boolean upper(List<String> before, String prefix) {
        String ref = !prefix.isEmpty() ? prefix : before.isEmpty() ? "" : before.get(0);
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (Character.isLetter(c)) return Character.isUpperCase(c);
        }
        return before.isEmpty();
    }

    private static String cased(String s, boolean upper) {
        return upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
    }

    private static Candidate candidate(String value, String group, String descr) {
        return new Candidate(value, value, group, descr, null, null, true);
    }
}
