/*
 * Command: one entry of the command table: name, arity, flags, handler,
 * and the call statistics INFO commandstats reports.
 *
 * Arity follows Redis: N > 0 means exactly N arguments counting the name,
 * -N means at least N. Flags are the original's letters: w write,
 * r read-only, m may use memory (refused under OOM), a admin, l allowed
 * while loading, F fast.
 */
package dev.disque.server.command;

import dev.disque.server.core.Client;

public final class Command {
    /** What runs the command. Handlers reply through the client. */
    @FunctionalInterface
    public interface Handler {
        void run(Client c, byte[][] argv);
    }

    private final String name;
    private final int arity;
    private final String flags;
    private final Handler handler;
    private long calls;
    private long micros;

    public Command(String name, int arity, String flags, Handler handler) {
        this.name = name;
        this.arity = arity;
        this.flags = flags;
        this.handler = handler;
    }

    public String name() { return name; }
    public int arity() { return arity; }
    public String flags() { return flags; }
    public Handler handler() { return handler; }

    public boolean hasFlag(char f) {
        return flags.indexOf(f) >= 0;
    }

    public boolean arityOk(int argc) {
        return arity > 0 ? argc == arity : argc >= -arity;
    }

    public long calls() { return calls; }
    public long micros() { return micros; }

    void record(long elapsedMicros) {
        calls++;
        micros += elapsedMicros;
    }

    void resetStats() {
        calls = 0;
        micros = 0;
    }
}
