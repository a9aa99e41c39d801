/*
 * Hints: the argument syntax still to type, shown dimmed after the cursor
 * as you type (typing "addjob " shows "queue job <ms-timeout> [REPLICATE
 * <count>] ..."). Follows what was typed: given arguments and options
 * drop out of the hint. Comes from the command catalog.
 */
package dev.disque.cli.repl;

import dev.disque.cli.catalog.ArgWalker;
import dev.disque.cli.catalog.CommandCatalog;
import dev.disque.cli.catalog.Spec;
import java.util.List;
import java.util.Locale;

public final class Hints {
    private final CommandCatalog catalog;

    public Hints(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    /** The hint for a line with the cursor at its end, or null for none. */
    public String hint(String line) {
        if (line.isBlank()) return null;
        LineWords lw = LineWords.of(line);
        List<String> words = lw.words();
        if (words.isEmpty()) return null;
        boolean trailing = lw.trailingSpace();
        if (!trailing) {
            // Only a complete command (or subcommand) name gets a hint before its space.
            CommandCatalog.Match m = catalog.match(words);
            boolean name = m != null ? m.nameWords() == words.size()
                    : words.size() == 1 && (catalog.isContainer(words.get(0)) || isLocal(words.get(0)));
            if (!name) return null;
            String h = trailing(words);
            return h == null || h.isEmpty() ? null : " " + h;
        }
        String h = trailing(words);
        return h == null || h.isEmpty() ? null : h;
    }

    private static boolean isLocal(String w) {
        for (String[] l : ReplCompleter.LOCAL) if (l[0].equalsIgnoreCase(w)) return true;
        return w.equals("?");
    }

    /** The hint after these complete words, or null. */
    private String trailing(List<String> words) {
        String first = words.get(0).toLowerCase(Locale.ROOT);
        switch (first) {
            case "help":
            case "?":
                return words.size() == 1 ? "[command | @group]" : null;
            case "connect":
                return words.size() == 1 ? "host port" : words.size() == 2 ? "port" : null;
            case "quit":
            case "exit":
            case "clear":
            case "top":
                return words.size() == 1 ? "" : null;
            default:
                break;
        }
        if (catalog.isContainer(first)) {
            if (words.size() == 1) {
                Spec self = catalog.spec(first);
                String subs = String.join("|", catalog.subcommands(first));
                return self == null ? subs : "[" + subs + "]";
            }
        }
        CommandCatalog.Match m = catalog.match(words);
        if (m == null) return null;
        List<String> args = words.subList(m.nameWords(), words.size());
        return ArgWalker.remaining(ArgWalker.walk(m.spec(), args));
    }
}
