package dev.disque.client.impl;

import io.lettuce.core.protocol.ProtocolKeyword;
import java.nio.charset.StandardCharsets;

/** Disque's command names, as Lettuce protocol keywords (they also name the commands in latency metrics). */
public final class CommandType implements ProtocolKeyword {
    /** ADDJOB. */
    public static final CommandType ADDJOB = new CommandType("ADDJOB");
    /** GETJOB. */
    public static final CommandType GETJOB = new CommandType("GETJOB");
    /** ACKJOB. */
    public static final CommandType ACKJOB = new CommandType("ACKJOB");
    /** FASTACK. */
    public static final CommandType FASTACK = new CommandType("FASTACK");
    /** NACK. */
    public static final CommandType NACK = new CommandType("NACK");
    /** WORKING. */
    public static final CommandType WORKING = new CommandType("WORKING");
    /** ENQUEUE. */
    public static final CommandType ENQUEUE = new CommandType("ENQUEUE");
    /** DEQUEUE. */
    public static final CommandType DEQUEUE = new CommandType("DEQUEUE");
    /** DELJOB. */
    public static final CommandType DELJOB = new CommandType("DELJOB");
    /** SHOW. */
    public static final CommandType SHOW = new CommandType("SHOW");
    /** QLEN. */
    public static final CommandType QLEN = new CommandType("QLEN");
    /** QPEEK. */
    public static final CommandType QPEEK = new CommandType("QPEEK");
    /** QSTAT. */
    public static final CommandType QSTAT = new CommandType("QSTAT");
    /** QSCAN. */
    public static final CommandType QSCAN = new CommandType("QSCAN");
    /** JSCAN. */
    public static final CommandType JSCAN = new CommandType("JSCAN");
    /** PAUSE. */
    public static final CommandType PAUSE = new CommandType("PAUSE");
    /** HELLO. */
    public static final CommandType HELLO = new CommandType("HELLO");
    /** INFO. */
    public static final CommandType INFO = new CommandType("INFO");
    /** PING. */
    public static final CommandType PING = new CommandType("PING");
    /** CLUSTER. */
    public static final CommandType CLUSTER = new CommandType("CLUSTER");
    /** CONFIG. */
    public static final CommandType CONFIG = new CommandType("CONFIG");
    /** AUTH. */
    public static final CommandType AUTH = new CommandType("AUTH");
    /** SHUTDOWN. */
    public static final CommandType SHUTDOWN = new CommandType("SHUTDOWN");

    private final String name;
    private final byte[] bytes;

    private CommandType(String name) {
        this.name = name;
        this.bytes = name.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A keyword for any command name, as {@code dispatch} sends it.
     *
     * @param name the command name as typed
     * @return its keyword
     */
    public static CommandType of(String name) {
        return new CommandType(name);
    }

    @Override
    public byte[] getBytes() {
        return bytes;
    }

    @Override
    @Deprecated
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandType t && t.name.equalsIgnoreCase(name);
    }

    @Override
    public int hashCode() {
        return name.toUpperCase(java.util.Locale.ROOT).hashCode();
    }
}
