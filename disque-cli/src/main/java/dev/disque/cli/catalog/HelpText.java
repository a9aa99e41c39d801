/*
 * HelpText: what `help`, `help @group` and `help <command>` print, from the
 * catalog: the same text in the shell and for a one-shot `disque help
 * addjob` (redis-cli answers help itself in both, never asking the server).
 * Styles are ANSI codes when colour is on; the shell converts them for its
 * terminal.
 */
package dev.disque.cli.catalog;

import java.util.List;
import org.fusesource.jansi.Ansi;

public final class HelpText {
    private final CommandCatalog catalog = CommandCatalog.get();
    private final boolean colour;

    public HelpText(boolean colour) {
        this.colour = colour;
    }

    /** The help for the words after "help"; {@code found} false when nothing matched. */
    public record Text(String text, boolean found) {
    }

    public Text help(List<String> topic, String version) {
        StringBuilder b = new StringBuilder();
        if (topic.isEmpty()) {
            b.append("disque ").append(version).append('\n');
            b.append("To get help about Disque commands type:\n");
            b.append("      \"help @<group>\" to get a list of commands in <group>\n");
            b.append("      \"help <command>\" for help on <command>\n");
            b.append("      \"help <tab>\" to get a list of possible help topics\n");
            b.append("      \"quit\" to exit\n\n");
            b.append("Groups:");
            for (Group g : Group.values()) b.append(" @").append(g.label());
            b.append('\n');
            b.append("Shell commands: connect host port, top, clear, quit; a count before a command repeats it (3 ping).\n");
            return new Text(b.toString(), true);
        }
        String first = topic.get(0);
        if (first.startsWith("@")) {
            Group g = Group.of(first.substring(1));
            if (g == null) {
                StringBuilder groups = new StringBuilder();
                for (Group x : Group.values()) groups.append(groups.length() == 0 ? "" : " ").append('@').append(x.label());
                return new Text("No such group: " + first + ". Groups: " + groups + "\n", false);
            }
            for (Spec s : catalog.group(g)) entry(b, s);
            return new Text(b.toString(), true);
        }
        List<Spec> specs;
        if (topic.size() >= 2 && catalog.spec(first + " " + topic.get(1)) != null) {
            specs = List.of(catalog.spec(first + " " + topic.get(1)));
        } else {
            specs = catalog.entries(first);
        }
        if (specs.isEmpty()) {
            return new Text("No help for '" + first + "'. Try \"help @<group>\" or \"help <tab>\".\n", false);
        }
        for (Spec s : specs) entry(b, s);
        return new Text(b.toString(), true);
    }

    private void entry(StringBuilder b, Spec s) {
        b.append("\n  ").append(bold(s.name()));
        if (!s.syntax().isEmpty()) b.append(' ').append(grey(s.syntax()));
        b.append("\n  ").append(label("summary:")).append(' ').append(s.summary());
        b.append("\n  ").append(label("since:")).append(' ').append(s.since());
        b.append("\n  ").append(label("group:")).append(' ').append(s.group().label());
        b.append("\n\n");
    }

    private String bold(String s) {
        return colour ? Ansi.ansi().bold().a(s).reset().toString() : s;
    }

    private String grey(String s) {
        return colour ? Ansi.ansi().fgBrightBlack().a(s).reset().toString() : s;
    }

    private String label(String s) {
        return colour ? Ansi.ansi().fgYellow().a(s).reset().toString() : s;
    }
}
