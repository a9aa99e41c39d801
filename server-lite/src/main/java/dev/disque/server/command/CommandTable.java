/*
 * CommandTable: finds a command by name, case-insensitively, without
 * allocating (the name arrives as bytes on every request).
 *
 * A command is found by the name it is called by: its own, or the one a
 * rename-command line gave it (an empty one hides it). It keeps its own
 * name in replies, errors and statistics, as in the original.
 */
package dev.disque.server.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class CommandTable {
    private final List<Command> commands = new ArrayList<>();
    /** Lower-case name a command is called by, to the command. */
    private final Map<String, Command> byName = new LinkedHashMap<>();
    private Command[] slots = new Command[128];
    private String[] names = new String[128];

    public void add(Command c) {
        commands.add(c);
        byName.put(key(c.name()), c);
        rebuild();
    }

    /**
     * Calls the command by another name from now on, or hides it when the new
     * name is empty; the original's texts when that cannot be done.
     */
    public void rename(String name, String newName) {
        Command c = byName.get(key(name));
        if (c == null) throw new IllegalArgumentException("No such command in rename-command");
        // Removed first, as in the original: a command may be renamed to its own name in another case.
        byName.remove(key(name));
        String key = key(newName);
        if (!key.isEmpty() && byName.containsKey(key)) throw new IllegalArgumentException("Target command name already exists");
        if (key.isEmpty()) commands.remove(c);
        else byName.put(key, c);
        rebuild();
    }

    /** Lower case the way lookups compare names: ASCII letters only. */
    private static String key(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            b.append(ch >= 'A' && ch <= 'Z' ? (char) (ch + 32) : ch);
        }
        return b.toString();
    }

    private void rebuild() {
        int capacity = 128;
        while (byName.size() * 2 > capacity) capacity *= 2;
        slots = new Command[capacity];
        names = new String[capacity];
        for (Map.Entry<String, Command> e : byName.entrySet()) {
            byte[] name = e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int i = hash(name) & (capacity - 1);
            while (slots[i] != null) i = (i + 1) & (capacity - 1);
            slots[i] = e.getValue();
            names[i] = e.getKey();
        }
    }

    private static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            int c = b;
            if (c >= 'A' && c <= 'Z') c += 32;
            h = 31 * h + c;
        }
        return h ^ (h >>> 16);
    }

    public Command lookup(byte[] name) {
        int i = hash(name) & (slots.length - 1);
        Command c;
        while ((c = slots[i]) != null) {
            if (Args.is(name, names[i])) return c;
            i = (i + 1) & (slots.length - 1);
        }
        return null;
    }

    public Command lookup(String name) {
        return lookup(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** All commands in table order (a hidden one is no longer there). */
    public List<Command> all() {
        return Collections.unmodifiableList(commands);
    }

    public void resetStats() {
        for (Command c : commands) c.resetStats();
    }
}
