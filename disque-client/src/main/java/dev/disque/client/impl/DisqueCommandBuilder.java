package dev.disque.client.impl;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.args.JScanArgs;
import dev.disque.client.args.PauseArgs;
import dev.disque.client.args.QScanArgs;
import dev.disque.client.model.Hello;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobInfo;
import dev.disque.client.model.JobScanCursor;
import dev.disque.client.model.PauseState;
import dev.disque.client.model.QueueStat;
import dev.disque.client.model.Reply;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.CommandArgs;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Builds every Disque command as a {@link Spec}: arguments, reply decoder, retry policy and deadline. Shared by the
 * async and reactive APIs.
 *
 * @param <K> key (queue name) type
 * @param <V> value (job body) type
 */
public final class DisqueCommandBuilder<K, V> {
    private final RedisCodec<K, V> codec;
    private final long defaultTimeoutMillis;

    /**
     * @param codec the codec
     * @param defaultTimeoutMillis the command timeout, added to server-side timeouts as a margin
     */
    public DisqueCommandBuilder(RedisCodec<K, V> codec, long defaultTimeoutMillis) {
        this.codec = codec;
        this.defaultTimeoutMillis = defaultTimeoutMillis;
    }

    private CommandArgs<K, V> args() {
        return new CommandArgs<>(codec);
    }

    private static void notEmpty(Object[] items, String what) {
        Objects.requireNonNull(items, what);
        if (items.length == 0) throw new IllegalArgumentException(what + " must not be empty");
        for (Object o : items) Objects.requireNonNull(o, what + " must not contain null");
    }

    /**
     * @param queue queue
     * @param body body
     * @param a options
     * @return ADDJOB
     */
    public Spec<K, V, String> addjob(K queue, V body, AddJobArgs a) {
        Objects.requireNonNull(queue, "queue");
        AddJobArgs opts = a == null ? new AddJobArgs() : a;
        opts.validate();
        CommandArgs<K, V> args = args().addKey(queue).addValue(body);
        opts.build(args);
        long t = opts.getTimeoutMillis();
        return new Spec<>(CommandType.ADDJOB, args, Decode::string).retry(Spec.Retry.ADDJOB)
                .timeoutMillis(t > 0 ? t + defaultTimeoutMillis : -1);
    }

    /**
     * @param a options (null: block for one job)
     * @param queues queues
     * @return GETJOB, blocking unless NOHANG
     */
    public Spec<K, V, List<Job<K, V>>> getjob(GetJobArgs a, K[] queues) {
        notEmpty(queues, "queues");
        GetJobArgs opts = a == null ? new GetJobArgs() : a.copy();
        Spec<K, V, List<Job<K, V>>> spec = new Spec<>(CommandType.GETJOB, getjobArgs(opts, queues),
                r -> Decode.jobs(r, codec)).retry(Spec.Retry.SAFE);
        if (!opts.isNohang()) {
            long t = opts.getTimeoutMillis();
            spec.blocking().timeoutMillis(t > 0 ? t + defaultTimeoutMillis : 0);
            if (t > 0) {
                spec.rearm(t, left -> getjobArgs(opts.copy().timeout(java.time.Duration.ofMillis(left)), queues));
            }
        }
        return spec;
    }

    private CommandArgs<K, V> getjobArgs(GetJobArgs opts, K[] queues) {
        CommandArgs<K, V> args = args();
        opts.build(args);
        args.add("FROM");
        for (K q : queues) args.addKey(q);
        return args;
    }

    /**
     * @param type ACKJOB, FASTACK, NACK, ENQUEUE, DEQUEUE or DELJOB
     * @param ids job IDs
     * @return the command, answering a count
     */
    public Spec<K, V, Long> ids(CommandType type, String[] ids) {
        notEmpty(ids, "ids");
        CommandArgs<K, V> args = args();
        for (String id : ids) args.add(id);
        boolean safe = type == CommandType.ACKJOB || type == CommandType.FASTACK || type == CommandType.DELJOB
                || type == CommandType.DEQUEUE;
        return new Spec<>(type, args, Decode::integer).retry(safe ? Spec.Retry.SAFE : Spec.Retry.IF_NOT_SENT);
    }

    /**
     * @param id job ID
     * @return WORKING
     */
    public Spec<K, V, Long> working(String id) {
        Objects.requireNonNull(id, "id");
        return new Spec<>(CommandType.WORKING, args().add(id), Decode::integer);
    }

    /**
     * @param id job ID
     * @return SHOW
     */
    public Spec<K, V, JobInfo<K, V>> show(String id) {
        Objects.requireNonNull(id, "id");
        return read(CommandType.SHOW, args().add(id), r -> Decode.jobInfo(r, codec));
    }

    /**
     * @param queue queue
     * @return QLEN
     */
    public Spec<K, V, Long> qlen(K queue) {
        return read(CommandType.QLEN, args().addKey(Objects.requireNonNull(queue, "queue")), Decode::integer);
    }

    /**
     * @param queue queue
     * @param count how many (negative: the newest)
     * @return QPEEK
     */
    public Spec<K, V, List<Job<K, V>>> qpeek(K queue, long count) {
        return read(CommandType.QPEEK, args().addKey(Objects.requireNonNull(queue, "queue")).add(count),
                r -> Decode.jobs(r, codec));
    }

    /**
     * @param queue queue
     * @return QSTAT
     */
    public Spec<K, V, QueueStat<K>> qstat(K queue) {
        return read(CommandType.QSTAT, args().addKey(Objects.requireNonNull(queue, "queue")),
                r -> Decode.queueStat(r, codec));
    }

    private static String cursor(ScanCursor c) {
        if (c == null) return "0";
        if (c.isFinished()) throw new IllegalArgumentException("cursor already finished");
        return c.getCursor();
    }

    /**
     * @param c cursor (null: start)
     * @param a options
     * @return QSCAN
     */
    public Spec<K, V, KeyScanCursor<K>> qscan(ScanCursor c, QScanArgs a) {
        CommandArgs<K, V> args = args().add(cursor(c));
        if (a != null) a.build(args);
        return read(CommandType.QSCAN, args, r -> Decode.qscan(r, codec));
    }

    /**
     * @param c cursor (null: start)
     * @param a options
     * @return JSCAN
     */
    public Spec<K, V, JobScanCursor<K, V>> jscan(ScanCursor c, JScanArgs a) {
        CommandArgs<K, V> args = args().add(cursor(c));
        if (a != null) a.build(args);
        return read(CommandType.JSCAN, args, r -> Decode.jscan(r, codec));
    }

    /**
     * @param queue queue
     * @param a what to change
     * @return PAUSE
     */
    public Spec<K, V, PauseState> pause(K queue, PauseArgs a) {
        CommandArgs<K, V> args = args().addKey(Objects.requireNonNull(queue, "queue"));
        (a == null ? PauseArgs.state() : a).build(args);
        return new Spec<>(CommandType.PAUSE, args, Decode::pause).retry(Spec.Retry.SAFE);
    }

    /** @return HELLO */
    public Spec<K, V, Hello> hello() {
        return read(CommandType.HELLO, args(), Decode::hello);
    }

    /**
     * @param section a section, or null for the default ones
     * @return INFO
     */
    public Spec<K, V, String> info(String section) {
        CommandArgs<K, V> args = args();
        if (section != null) args.add(section);
        return read(CommandType.INFO, args, Decode::string);
    }

    /** @return PING */
    public Spec<K, V, String> ping() {
        return read(CommandType.PING, args(), Decode::string);
    }

    /**
     * @param sub subcommand and arguments
     * @return CLUSTER ...
     */
    public Spec<K, V, String> cluster(String... sub) {
        CommandArgs<K, V> args = args();
        for (String s : sub) args.add(s);
        return new Spec<>(CommandType.CLUSTER, args, Decode::string);
    }

    /** @return CLUSTER LEAVING (query) */
    public Spec<K, V, Boolean> clusterLeaving() {
        return read(CommandType.CLUSTER, args().add("LEAVING"), Decode::yesNo);
    }

    /**
     * @param pattern glob
     * @return CONFIG GET
     */
    public Spec<K, V, Map<String, String>> configGet(String pattern) {
        return read(CommandType.CONFIG, args().add("GET").add(Objects.requireNonNull(pattern, "pattern")),
                Decode::stringMap);
    }

    /**
     * @param sub subcommand and arguments
     * @return CONFIG ...
     */
    public Spec<K, V, String> config(String... sub) {
        CommandArgs<K, V> args = args();
        for (String s : sub) args.add(s);
        return new Spec<>(CommandType.CONFIG, args, Decode::string);
    }

    /**
     * @param password password
     * @return AUTH
     */
    public Spec<K, V, String> auth(CharSequence password) {
        return new Spec<>(CommandType.AUTH, args().add(Objects.requireNonNull(password, "password").toString()),
                Decode::string);
    }

    /**
     * @param rewriteAof true for REWRITE-AOF
     * @return SHUTDOWN
     */
    public Spec<K, V, Void> shutdown(boolean rewriteAof) {
        CommandArgs<K, V> args = args();
        if (rewriteAof) args.add("REWRITE-AOF");
        return new Spec<K, V, Void>(CommandType.SHUTDOWN, args, r -> null).closesConnection();
    }

    /**
     * Any command, as typed; errors come back as {@link Reply.Error}. GETJOB without NOHANG and ADDJOB with a
     * replication timeout get the same deadlines as their typed forms.
     *
     * @param command command name
     * @param arguments arguments
     * @return the command
     */
    public Spec<K, V, Reply> dispatch(String command, String... arguments) {
        Objects.requireNonNull(command, "command");
        CommandArgs<K, V> args = args();
        for (String a : arguments) args.add(a);
        Spec<K, V, Reply> spec = new Spec<>(CommandType.of(command), args, r -> r).errorsAsReplies();
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("getjob")) {
            boolean nohang = false;
            long timeout = 0;
            for (int i = 0; i < arguments.length; i++) {
                String a = arguments[i];
                if (a.equalsIgnoreCase("from")) break;
                if (a.equalsIgnoreCase("nohang")) nohang = true;
                if (a.equalsIgnoreCase("timeout") && i + 1 < arguments.length) {
                    try {
                        timeout = Long.parseLong(arguments[i + 1]);
                    } catch (NumberFormatException e) {
                        timeout = 0;
                    }
                }
            }
            if (!nohang) spec.blocking().timeoutMillis(timeout > 0 ? timeout + defaultTimeoutMillis : 0);
        } else if (name.equals("addjob") && arguments.length >= 3) {
            try {
                long t = Long.parseLong(arguments[2]);
                if (t > 0) spec.timeoutMillis(t + defaultTimeoutMillis);
            } catch (NumberFormatException e) {
                // the server will say what is wrong
            }
        } else if (name.equals("shutdown")) {
            spec.closesConnection();
        }
        return spec;
    }

    private <T> Spec<K, V, T> read(CommandType type, CommandArgs<K, V> args, java.util.function.Function<Reply, T> d) {
        return new Spec<>(type, args, d).retry(Spec.Retry.SAFE);
    }
}
