/*
 * Directive: one configuration setting the server understands.
 *
 * Each directive knows its default, how to validate and normalise a value,
 * whether CONFIG SET may change it while running, and a one-line help text
 * (used for disque.conf and the man page). The set of directives is the
 * single truth for the config file, CONFIG GET and CONFIG SET.
 */
package dev.disque.server.config;

import java.util.List;
import java.util.Locale;

public final class Directive {
    public enum Type { INT, MEMORY, BOOL, ENUM, STRING, FILENAME, LIST, CLIENT_LIMIT }

    private final String name;
    private final Type type;
    private final String defaultValue;
    private final long min;
    private final long max;
    private final List<String> choices;
    private final boolean runtime;
    private final String help;
    private final boolean clamp;
    /** Why "yes" is refused, for a yes/no directive this server can only honour as no; else null. */
    private final String refusal;

    private Directive(String name, Type type, String defaultValue, long min, long max,
                      List<String> choices, boolean runtime, String help) {
        this(name, type, defaultValue, min, max, choices, runtime, help, false, null);
    }

    private Directive(String name, Type type, String defaultValue, long min, long max,
                      List<String> choices, boolean runtime, String help, boolean clamp, String refusal) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.runtime = runtime;
        this.help = help;
        this.clamp = clamp;
        this.refusal = refusal;
    }

    public static Directive integer(String name, long def, long min, long max, boolean runtime, String help) {
        return new Directive(name, Type.INT, Long.toString(def), min, max, List.of(), runtime, help);
    }

    /** An integer where any non-negative value is accepted and brought into min..max (like the original's hz). */
    public static Directive clamped(String name, long def, long min, long max, boolean runtime, String help) {
        return new Directive(name, Type.INT, Long.toString(def), min, max, List.of(), runtime, help, true, null);
    }

    public static Directive memory(String name, String def, long min, boolean runtime, String help) {
        try {
            // Kept in bytes, the canonical form CONFIG GET shows.
            String bytes = Long.toString(parseMemory(def));
            return new Directive(name, Type.MEMORY, bytes, min, Long.MAX_VALUE, List.of(), runtime, help);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static Directive bool(String name, boolean def, boolean runtime, String help) {
        return new Directive(name, Type.BOOL, def ? "yes" : "no", 0, 0, List.of(), runtime, help);
    }

    /**
     * A yes/no directive of the original that this server can only take as
     * no (fixed at start); yes is refused with the reason, not ignored.
     */
    public static Directive onlyNo(String name, String help, String refusal) {
        return new Directive(name, Type.BOOL, "no", 0, 0, List.of(), false, help, false, refusal);
    }

    public static Directive choice(String name, String def, List<String> choices, boolean runtime, String help) {
        return new Directive(name, Type.ENUM, def, 0, 0, choices, runtime, help);
    }

    public static Directive string(String name, String def, boolean runtime, String help) {
        return string(name, def, Integer.MAX_VALUE, runtime, help);
    }

    /** A string of at most maxLength characters. */
    public static Directive string(String name, String def, int maxLength, boolean runtime, String help) {
        return new Directive(name, Type.STRING, def, 0, maxLength, List.of(), runtime, help);
    }

    /** A plain file name (no directories): the file lives in "dir". */
    public static Directive filename(String name, String def, boolean runtime, String help) {
        return new Directive(name, Type.FILENAME, def, 0, 0, List.of(), runtime, help);
    }

    public static Directive list(String name, String def, int maxItems, boolean runtime, String help) {
        return new Directive(name, Type.LIST, def, 1, maxItems, List.of(), runtime, help);
    }

    /** client-output-buffer-limit: a class, a hard and a soft size, and seconds, as "normal 0 0 0". */
    public static Directive clientLimit(String name, String def, boolean runtime, String help) {
        return new Directive(name, Type.CLIENT_LIMIT, def, 0, 0, List.of(), runtime, help);
    }

    public String name() { return name; }
    public Type type() { return type; }
    public String defaultValue() { return defaultValue; }
    public boolean runtime() { return runtime; }
    public String help() { return help; }
    public List<String> choices() { return choices; }

    /** A value of several words: written unquoted, and CONFIG SET's one argument split at spaces. */
    public boolean isMultiWord() {
        return type == Type.LIST || type == Type.CLIENT_LIMIT;
    }

    /** Validates a value and returns its canonical text form. */
    public String normalize(List<String> args) throws ConfigException {
        if (type == Type.LIST) {
            if (args.isEmpty() || args.size() > max) throw new ConfigException("wrong number of arguments");
            return String.join(" ", args);
        }
        if (type == Type.CLIENT_LIMIT) return clientLimit(args);
        if (args.size() != 1) throw new ConfigException("wrong number of arguments");
        String v = args.get(0);
        switch (type) {
            case INT: {
                long n;
                try {
                    n = Long.parseLong(v);
                } catch (NumberFormatException e) {
                    throw new ConfigException("'" + v + "' is not an integer");
                }
                if (clamp && n >= 0) n = Math.max(min, Math.min(max, n));
                if (n < min || n > max) throw new ConfigException(name + " must be between " + min + " and " + max);
                return Long.toString(n);
            }
            case MEMORY: {
                long n = parseMemory(v);
                if (n < min) throw new ConfigException(name + " must be at least " + min);
                return Long.toString(n);
            }
            case BOOL: {
                String l = v.toLowerCase(Locale.ROOT);
                if (!l.equals("yes") && !l.equals("no")) throw new ConfigException("argument must be 'yes' or 'no'");
                if (refusal != null && l.equals("yes")) throw new ConfigException(refusal);
                return l;
            }
            case ENUM: {
                String l = v.toLowerCase(Locale.ROOT);
                if (!choices.contains(l)) {
                    throw new ConfigException("argument must be one of " + String.join(", ", choices));
                }
                return l;
            }
            case FILENAME:
                if (v.isEmpty() || v.contains("/")) throw new ConfigException(name + " can't be a path, just a filename");
                return v;
            default:
                if (v.length() > max) throw new ConfigException(name + " is longer than " + max + " characters");
                return v;
        }
    }

    private static String clientLimit(List<String> args) throws ConfigException {
        // CONFIG SET gives the whole value as one argument.
        if (args.size() == 1) args = List.of(args.get(0).trim().split("\\s+"));
        if (args.size() != 4) throw new ConfigException("wrong number of arguments: <class> <hard> <soft> <seconds>");
        if (!args.get(0).equalsIgnoreCase("normal")) {
            throw new ConfigException("Invalid client class '" + args.get(0) + "': Disque has only normal clients");
        }
        long hard = parseMemory(args.get(1));
        long soft = parseMemory(args.get(2));
        long seconds;
        try {
            seconds = Long.parseLong(args.get(3));
        } catch (NumberFormatException e) {
            throw new ConfigException("'" + args.get(3) + "' is not a number of seconds");
        }
        if (seconds < 0) throw new ConfigException("'" + args.get(3) + "' is not a number of seconds");
        return "normal " + hard + " " + soft + " " + seconds;
    }

    /**
     * Parses sizes the way Disque does: plain bytes or a number with k, kb,
     * m, mb, g, gb (case-insensitive; k = 1000, kb = 1024).
     */
    public static long parseMemory(String v) throws ConfigException {
        String l = v.toLowerCase(Locale.ROOT).trim();
        long mul = 1;
        String[][] units = {{"kb", "1024"}, {"mb", "1048576"}, {"gb", "1073741824"},
                            {"k", "1000"}, {"m", "1000000"}, {"g", "1000000000"}, {"b", "1"}};
        for (String[] u : units) {
            if (l.endsWith(u[0])) {
                mul = Long.parseLong(u[1]);
                l = l.substring(0, l.length() - u[0].length());
                break;
            }
        }
        try {
            long n = Long.parseLong(l);
            if (n < 0) throw new ConfigException("'" + v + "' is not a valid memory size");
            return Math.multiplyExact(n, mul);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException("'" + v + "' is not a valid memory size");
        }
    }
}
