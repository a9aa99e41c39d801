/*
 * Param: one positional argument in a command's syntax: how it is shown,
 * what kind of value it takes (for completion), whether it may be left out
 * or repeated.
 */
package dev.disque.cli.catalog;

import java.util.List;

public record Param(String name, Kind kind, List<String> choices, boolean optional, boolean variadic) {
    /** What a value is, so that completion knows what to offer. */
    public enum Kind { VALUE, QUEUE, JOB_ID, CONFIG_PARAM, COMMAND, CHOICE }

    public Param {
        choices = List.copyOf(choices);
    }

    /** The argument as the syntax line shows it. */
    public String display() {
        String one = name;
        String s = variadic ? one + " [" + one + " ...]" : one;
        return optional ? "[" + s + "]" : s;
    }

    /** Shown once the first value of a variadic argument was typed. */
    public String more() {
        return "[" + name + " ...]";
    }
}
