package dev.disque.client.impl;

import dev.disque.client.cluster.NodeAddress;
import dev.disque.client.model.Reply;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * One command to run: its name and arguments, how to decode the reply, and how the router may treat it (which
 * connection, how long to wait, whether it may be sent again on another node).
 *
 * @param <K> key type
 * @param <V> value type
 * @param <T> result type
 */
public final class Spec<K, V, T> {
    /** When a command may be sent again after a failure. */
    public enum Retry {
        /** Safe to repeat (reads, GETJOB, acknowledgements): retried after a connection loss or -LEAVING. */
        SAFE,
        /** Retried only when it surely was not sent. */
        IF_NOT_SENT,
        /** ADDJOB: retried when not sent, or with the caller's consent ({@code retryAddJob}). */
        ADDJOB
    }

    final ProtocolKeyword type;
    final CommandArgs<K, V> args;
    final Function<Reply, T> decoder;
    Retry retry = Retry.IF_NOT_SENT;
    boolean blocking;
    long timeoutMillis = -1;
    boolean errorsAsReplies;
    boolean closesConnection;
    NodeAddress preferred;
    long serverTimeoutMillis;
    LongFunction<CommandArgs<K, V>> rearm;

    /**
     * @param type command name
     * @param args arguments
     * @param decoder reply decoder
     */
    public Spec(ProtocolKeyword type, CommandArgs<K, V> args, Function<Reply, T> decoder) {
        this.type = type;
        this.args = args;
        this.decoder = decoder;
    }

    /**
     * @param r retry policy
     * @return this
     */
    public Spec<K, V, T> retry(Retry r) {
        this.retry = r;
        return this;
    }

    /**
     * Sends it on a connection of its own (it may block on the server).
     *
     * @return this
     */
    public Spec<K, V, T> blocking() {
        this.blocking = true;
        return this;
    }

    /**
     * @param ms client-side deadline: -1 for the URI's timeout, 0 for none
     * @return this
     */
    public Spec<K, V, T> timeoutMillis(long ms) {
        this.timeoutMillis = ms;
        return this;
    }

    /**
     * Keeps error replies as {@link Reply.Error} results.
     *
     * @return this
     */
    public Spec<K, V, T> errorsAsReplies() {
        this.errorsAsReplies = true;
        return this;
    }

    /**
     * The server closes the connection instead of answering (SHUTDOWN): a closed connection is success.
     *
     * @return this
     */
    public Spec<K, V, T> closesConnection() {
        this.closesConnection = true;
        return this;
    }

    /**
     * @param node a node to prefer for a blocking command, or null
     * @return this
     */
    public Spec<K, V, T> preferred(NodeAddress node) {
        this.preferred = node;
        return this;
    }

    /**
     * Says how to build the arguments again with a shorter server-side timeout, for a blocking command sent again
     * after waiting for a node: it asks only for the part of its timeout that is left.
     *
     * @param serverTimeout the server-side timeout the arguments carry, in milliseconds
     * @param rebuild the arguments for a given timeout in milliseconds (more than 0)
     * @return this
     */
    public Spec<K, V, T> rearm(long serverTimeout, LongFunction<CommandArgs<K, V>> rebuild) {
        this.serverTimeoutMillis = serverTimeout;
        this.rearm = rebuild;
        return this;
    }

    /** A copy of this spec with other arguments. */
    Spec<K, V, T> withArgs(CommandArgs<K, V> newArgs) {
        Spec<K, V, T> s = new Spec<>(type, newArgs, decoder);
        s.retry = retry;
        s.blocking = blocking;
        s.timeoutMillis = timeoutMillis;
        s.errorsAsReplies = errorsAsReplies;
        s.closesConnection = closesConnection;
        s.preferred = preferred;
        s.serverTimeoutMillis = serverTimeoutMillis;
        s.rearm = rearm;
        return s;
    }

    /** @return the command name */
    public ProtocolKeyword type() {
        return type;
    }

    Command<K, V, Reply> newCommand(RedisCodec<K, V> codec) {
        return new Command<>(type, new ReplyOutput<>(codec, errorsAsReplies), args);
    }
}
