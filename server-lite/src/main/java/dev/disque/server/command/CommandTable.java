/*
 * CommandTable: finds a command by name, case-insensitively, without
 * allocating (the name arrives as bytes on every request).
 */
package dev.disque.server.command;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

public final class CommandTable {
    private final List<Command> commands = new ArrayList<>();
    private Command[] slots = new Command[128];

    public void add(Command c) {
        commands.add(c);
        if (commands.size() * 2 > slots.length) {
            Command[] old = slots;
            slots = new Command[old.length * 2];
            for (Command x : old) if (x != null) insert(x);
        }
        insert(c);
    }

    private void insert(Command c) {
        byte[] name = c.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int i = hash(name) & (slots.length - 1);
        while (slots[i] != null) i = (i + 1) & (slots.length - 1);
        slots[i] = c;
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
            if (Args.is(name, c.name())) return c;
            i = (i + 1) & (slots.length - 1);
        }
        return null;
    }

    public Command lookup(String name) {
        return lookup(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** All commands in table order. */
    public List<Command> all() {
        return Collections.unmodifiableList(commands);
    }

    public void resetStats() {
        for (Command c : commands) c.resetStats();
    }
}
