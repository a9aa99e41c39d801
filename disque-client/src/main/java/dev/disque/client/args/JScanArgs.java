package dev.disque.client.args;

import dev.disque.client.model.JobState;
import io.lettuce.core.CompositeArgument;
import io.lettuce.core.protocol.CommandArgs;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;

/** Options of JSCAN: how many jobs per call, filters by queue and state, and the reply form. */
public class JScanArgs implements CompositeArgument {
    private long count = -1;
    private boolean busyloop;
    private byte[] queue;
    private final Set<JobState> states = EnumSet.noneOf(JobState.class);
    private boolean replyAll;

    /** No filter, IDs only, the server's default count. */
    public JScanArgs() {
    }

    /** Static shortcuts that start a new {@link JScanArgs}. */
    public static final class Builder {
        private Builder() {
        }

        /**
         * @param n hint of jobs per call
         * @return new args with it
         */
        public static JScanArgs count(long n) {
            return new JScanArgs().count(n);
        }

        /**
         * @param name queue name
         * @return new args filtering on it
         */
        public static JScanArgs queue(String name) {
            return new JScanArgs().queue(name);
        }

        /**
         * @param states job states
         * @return new args filtering on them
         */
        public static JScanArgs state(JobState... states) {
            return new JScanArgs().state(states);
        }

        /** @return new args asking for full descriptions */
        public static JScanArgs replyAll() {
            return new JScanArgs().replyAll();
        }
    }

    /**
     * @param n about how many jobs one call returns, more than 0
     * @return this
     */
    public JScanArgs count(long n) {
        if (n <= 0) throw new IllegalArgumentException("COUNT must be greater than 0");
        this.count = n;
        return this;
    }

    /**
     * Scans everything in one call.
     *
     * @return this
     */
    public JScanArgs busyloop() {
        this.busyloop = true;
        return this;
    }

    /**
     * @param name only jobs of this queue (UTF-8)
     * @return this
     */
    public JScanArgs queue(String name) {
        return queue(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param name only jobs of this queue (raw bytes)
     * @return this
     */
    public JScanArgs queue(byte[] name) {
        this.queue = name.clone();
        return this;
    }

    /**
     * @param wanted only jobs in one of these states (repeatable)
     * @return this
     */
    public JScanArgs state(JobState... wanted) {
        for (JobState s : wanted) {
            if (s == JobState.UNKNOWN) throw new IllegalArgumentException("cannot filter on UNKNOWN");
            states.add(s);
        }
        return this;
    }

    /**
     * Asks for the SHOW description of every job ({@code REPLY ALL}) instead of IDs only.
     *
     * @return this
     */
    public JScanArgs replyAll() {
        this.replyAll = true;
        return this;
    }

    @Override
    public <K, V> void build(CommandArgs<K, V> args) {
        if (count > 0) args.add("COUNT").add(count);
        if (busyloop) args.add("BUSYLOOP");
        if (queue != null) args.add("QUEUE").add(queue);
        for (JobState s : states) args.add("STATE").add(s.wireName());
        if (replyAll) args.add("REPLY").add("ALL");
    }
}
