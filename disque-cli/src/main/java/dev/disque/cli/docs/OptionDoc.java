/*
 * OptionDoc: one command-line option as the man pages and completion
 * scripts describe it: its names, the label of its value (null for a
 * flag), a description, and what completion offers for the value.
 */
package dev.disque.cli.docs;

import java.util.List;

public record OptionDoc(List<String> names, String valueLabel, String description, Kind kind, List<String> choices) {
    /** What completion offers for the value. */
    public enum Kind { NONE, HOST, FILE, DIRECTORY, CHOICE }

    public OptionDoc {
        names = List.copyOf(names);
        choices = List.copyOf(choices);
    }

    public boolean takesValue() {
        return valueLabel != null;
    }

    public String shortName() {
        for (String n : names) if (n.length() == 2 && n.charAt(0) == '-' && n.charAt(1) != '-') return n;
        return null;
    }

    public String longName() {
        for (String n : names) if (n.startsWith("--")) return n;
        return null;
    }
}
