package dev.disque.client.args;

import io.lettuce.core.CompositeArgument;
import io.lettuce.core.protocol.CommandArgs;

/**
 * Options of PAUSE: what to change, or only to read the state.
 *
 * <pre>{@code
 * commands.pause("q", PauseArgs.in());          // refuse new jobs
 * commands.pause("q", PauseArgs.none().bcast()); // resume, on every node
 * commands.pause("q", PauseArgs.state());        // just read
 * commands.pause("q", PauseArgs.Builder.in());  // the same, spelled like the other args
 * }</pre>
 */
public class PauseArgs implements CompositeArgument {
    private final String change;
    private boolean bcast;

    private PauseArgs(String change) {
        this.change = change;
    }

    /** Static shortcuts that start a new {@link PauseArgs}, like the other args' builders. */
    public static final class Builder {
        private Builder() {
        }

        /** @return args that pause input */
        public static PauseArgs in() {
            return PauseArgs.in();
        }

        /** @return args that pause output */
        public static PauseArgs out() {
            return PauseArgs.out();
        }

        /** @return args that pause input and output */
        public static PauseArgs all() {
            return PauseArgs.all();
        }

        /** @return args that clear the pause */
        public static PauseArgs none() {
            return PauseArgs.none();
        }

        /** @return args that only report the state */
        public static PauseArgs state() {
            return PauseArgs.state();
        }
    }

    /** @return args that pause input (ADDJOB fails with PAUSED) */
    public static PauseArgs in() {
        return new PauseArgs("IN");
    }

    /** @return args that pause output (GETJOB stops delivering) */
    public static PauseArgs out() {
        return new PauseArgs("OUT");
    }

    /** @return args that pause both input and output */
    public static PauseArgs all() {
        return new PauseArgs("ALL");
    }

    /** @return args that clear the pause */
    public static PauseArgs none() {
        return new PauseArgs("NONE");
    }

    /** @return args that change nothing and only report the state */
    public static PauseArgs state() {
        return new PauseArgs("STATE");
    }

    /**
     * Sends the change to every node of the cluster too.
     *
     * @return this
     */
    public PauseArgs bcast() {
        this.bcast = true;
        return this;
    }

    @Override
    public <K, V> void build(CommandArgs<K, V> args) {
        args.add(change);
        if (bcast) args.add("BCAST");
    }
}
