/*
 * NodeRouter: which node a command goes to, on which connection, and what
 * happens when that node goes away.
 *
 * One shared connection (the "session") carries the ordinary commands,
 * pipelined. Blocking commands (GETJOB without NOHANG) borrow a connection
 * of their own from a small per-node pool, so a long wait never holds up
 * other commands and never trips the command timeout: their deadline is the
 * server-side timeout plus the command timeout, or none.
 *
 * Failover: connections never reconnect by themselves. When a command finds
 * its node gone (connection refused or lost) or answering -LEAVING, the node
 * is marked in the NodeTable and the session moves to the best other node
 * (by HELLO priority); the command is sent again there if that is safe:
 * always when it surely was not sent, after sending only for commands that
 * may be repeated (reads, GETJOB, acknowledgements). ADDJOB is never sent
 * twice unless the options consent to it. Every (re)connect runs HELLO to
 * refresh the table, and a periodic refresh moves the session to a better
 * node when its own has become worse (e.g. it is leaving).
 *
 * No node reachable: as with Lettuce's auto-reconnect, a command that may
 * be sent (again) does not fail at once; it waits, trying to reconnect
 * after each of Lettuce's reconnect delays (ClientResources.reconnectDelay),
 * until a node answers or its deadline passes. The deadline is set once
 * per command (its timeout, from when it was called), so the waiting counts
 * against it; a blocking GETJOB sent again asks the server only for the
 * part of its TIMEOUT that is left.
 */
package dev.disque.client.impl;

import dev.disque.client.DisqueClientOptions;
import dev.disque.client.DisqueURI;
import dev.disque.client.cluster.NodeAddress;
import dev.disque.client.cluster.NodeTable;
import dev.disque.client.error.DisqueErrors;
import dev.disque.client.model.Hello;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.resource.ClientResources;
import io.netty.util.Timeout;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * Routes the commands of one {@code StatefulDisqueConnection} to the nodes of the cluster.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class NodeRouter<K, V> {
    private static final InternalLogger log = InternalLoggerFactory.getInstance(NodeRouter.class);

    private final RedisClient redis;
    private final RedisCodec<K, V> codec;
    private final DisqueURI uri;
    private final DisqueClientOptions options;
    private final ClientResources resources;
    private final NodeTable table;
    private volatile char[] password;

    private final Object lock = new Object();
    private Session<K, V> current;
    private CompletableFuture<Session<K, V>> connecting;

    private final Map<NodeAddress, Deque<StatefulRedisConnection<K, V>>> idle = new ConcurrentHashMap<>();
    private final Set<StatefulRedisConnection<K, V>> blockingConnections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private volatile io.netty.util.concurrent.ScheduledFuture<?> refreshTask;

    /**
     * The shared connection and the node it goes to.
     *
     * @param address the node
     * @param connection the Lettuce connection
     * @param <K> key type
     * @param <V> value type
     */
    public record Session<K, V>(NodeAddress address, StatefulRedisConnection<K, V> connection) {
    }

    private final class Lease {
        final NodeAddress address;
        final StatefulRedisConnection<K, V> connection;
        final boolean dedicated;

        Lease(NodeAddress address, StatefulRedisConnection<K, V> connection, boolean dedicated) {
            this.address = address;
            this.connection = connection;
            this.dedicated = dedicated;
        }

        void release(boolean healthy) {
            if (!dedicated) return;
            Deque<StatefulRedisConnection<K, V>> pool = idle.computeIfAbsent(address, a -> new ConcurrentLinkedDeque<>());
            if (healthy && !closed && connection.isOpen() && table.priority(address) < NodeTable.LEAVING_PRIORITY
                    && pool.size() < options.getMaxIdleBlockingConnections()) {
                pool.push(connection);
                if (closed && pool.remove(connection)) discard();
            } else {
                discard();
            }
        }

        void discard() {
            blockingConnections.remove(connection);
            connection.closeAsync();
        }
    }

    /**
     * @param redis the Lettuce client that makes the connections
     * @param codec the codec
     * @param uri the URI (seeds, password, timeout)
     * @param options the options
     */
    public NodeRouter(RedisClient redis, RedisCodec<K, V> codec, DisqueURI uri, DisqueClientOptions options) {
        this.redis = redis;
        this.codec = codec;
        this.uri = uri;
        this.options = options;
        this.resources = redis.getResources();
        this.table = new NodeTable(uri.getNodes());
        this.password = uri.getPassword();
    }

    /** @return the node table */
    public NodeTable table() {
        return table;
    }

    /** @return the codec */
    public RedisCodec<K, V> codec() {
        return codec;
    }

    /** @return the URI */
    public DisqueURI uri() {
        return uri;
    }

    /** @return the current session, or null before the first connect or after close */
    public Session<K, V> currentSession() {
        synchronized (lock) {
            return current;
        }
    }

    /**
     * Connects to the best reachable node, reads HELLO, moves if HELLO shows a better node, and starts the
     * periodic refresh.
     *
     * @return completes when connected
     */
    public CompletableFuture<Void> start() {
        return reconnect(null).thenCompose(s -> maybeMove(s)).thenCompose(this::spread).thenRun(this::scheduleRefresh);
    }

    /**
     * With {@link DisqueClientOptions#isSpreadOverEqualNodes()}, spreads connections over equally good nodes:
     * with k nodes of the best priority (the current one among them), the session stays with probability 1/k and
     * otherwise moves to one of the others at random, so clients given one seed do not all load that seed.
     */
    private CompletableFuture<Session<K, V>> spread(Session<K, V> s) {
        if (!options.isSpreadOverEqualNodes()) return CompletableFuture.completedFuture(s);
        int mine = table.priority(s.address);
        if (mine > table.bestPriorityExcept(s.address)) return CompletableFuture.completedFuture(s);
        int k = table.countWithPriority(mine);
        if (k <= 1 || java.util.concurrent.ThreadLocalRandom.current().nextInt(k) == 0) {
            return CompletableFuture.completedFuture(s);
        }
        log.debug("spreading: leaving {} for another of {} equally good nodes", s.address, k);
        return reconnect(s.address);
    }

    private void scheduleRefresh() {
        long period = options.getNodeRefreshPeriod().toMillis();
        if (period <= 0 || closed) return;
        refreshTask = resources.eventExecutorGroup().scheduleAtFixedRate(() -> {
            if (closed) return;
            refresh().whenComplete((h, e) -> {
                if (e != null) log.debug("HELLO refresh failed", e);
            });
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs HELLO on the current node, updates the node table and moves the session if another node is better.
     *
     * @return the HELLO reply
     */
    public CompletableFuture<Hello> refresh() {
        return session().thenCompose(s -> hello(s).thenCompose(h -> maybeMove(s).thenApply(x -> h)));
    }

    private CompletableFuture<Hello> hello(Session<K, V> s) {
        Spec<K, V, Hello> spec = new Spec<>(CommandType.HELLO, new CommandArgs<>(codec), Decode::hello)
                .retry(Spec.Retry.SAFE);
        return send(s.address, s.connection, spec).thenApply(h -> {
            table.update(h, s.address);
            return h;
        });
    }

    private CompletableFuture<Session<K, V>> maybeMove(Session<K, V> s) {
        if (table.priority(s.address) > table.bestPriorityExcept(s.address)) {
            log.debug("moving away from {}: a better node is known", s.address);
            return reconnect(s.address);
        }
        return CompletableFuture.completedFuture(s);
    }

    /** @return the open session, connecting first if needed */
    public CompletableFuture<Session<K, V>> session() {
        Session<K, V> s;
        synchronized (lock) {
            s = current;
        }
        if (closed) return CompletableFuture.failedFuture(new RedisException("Connection is closed"));
        if (s != null && s.connection.isOpen()) return CompletableFuture.completedFuture(s);
        if (s != null) table.markFailed(s.address);
        return reconnect(s == null ? null : s.address);
    }

    /**
     * Makes sure the session is not on {@code avoid} (unless no other node can be reached).
     *
     * @param avoid the node to leave, or null
     * @return the new (or unchanged) session
     */
    public CompletableFuture<Session<K, V>> reconnect(NodeAddress avoid) {
        CompletableFuture<Session<K, V>> f;
        synchronized (lock) {
            if (closed) return CompletableFuture.failedFuture(new RedisException("Connection is closed"));
            if (connecting != null) return connecting;
            if (current != null && current.connection.isOpen() && !current.address.equals(avoid)) {
                return CompletableFuture.completedFuture(current);
            }
            f = new CompletableFuture<>();
            connecting = f;
        }
        connectBest(avoid).thenCompose(s -> hello(s).handle((h, e) -> {
            if (e != null) log.debug("HELLO after connecting to {} failed", s.address, e);
            return s;
        })).whenComplete((s, e) -> {
            Session<K, V> old = null;
            boolean closeNew = false;
            synchronized (lock) {
                connecting = null;
                if (s != null) {
                    if (closed) {
                        closeNew = true;
                    } else {
                        old = current;
                        current = s;
                    }
                }
            }
            if (closeNew) {
                s.connection.closeAsync();
                f.completeExceptionally(new RedisException("Connection is closed"));
                return;
            }
            if (old != null && old.connection != s.connection) retire(old);
            if (e != null) f.completeExceptionally(DisqueErrors.unwrap(e));
            else f.complete(s);
        });
        return f;
    }

    /** Closes a session after the commands already sent on it have their replies. */
    private void retire(Session<K, V> old) {
        purgeIdle(old.address);
        if (!old.connection.isOpen()) {
            old.connection.closeAsync();
            return;
        }
        Spec<K, V, String> ping = new Spec<>(CommandType.PING, new CommandArgs<>(codec), Decode::string);
        send(old.address, old.connection, ping).whenComplete((r, e) -> old.connection.closeAsync());
    }

    private void purgeIdle(NodeAddress address) {
        Deque<StatefulRedisConnection<K, V>> pool = idle.get(address);
        if (pool == null) return;
        StatefulRedisConnection<K, V> c;
        while ((c = pool.poll()) != null) {
            blockingConnections.remove(c);
            c.closeAsync();
        }
    }

    private CompletableFuture<Session<K, V>> connectBest(NodeAddress avoid) {
        List<NodeAddress> candidates = table.candidates(avoid);
        CompletableFuture<Session<K, V>> result = new CompletableFuture<>();
        tryConnect(candidates, 0, new ArrayList<>(), result);
        return result;
    }

    private void tryConnect(List<NodeAddress> candidates, int i, List<Throwable> errors,
            CompletableFuture<Session<K, V>> result) {
        if (i >= candidates.size()) {
            RedisConnectionException e = new RedisConnectionException("Unable to connect to any Disque node of "
                    + candidates);
            errors.forEach(e::addSuppressed);
            result.completeExceptionally(e);
            return;
        }
        NodeAddress addr = candidates.get(i);
        open(addr).whenComplete((c, e) -> {
            if (e != null) {
                table.markFailed(addr);
                errors.add(DisqueErrors.unwrap(e));
                tryConnect(candidates, i + 1, errors, result);
            } else {
                table.markConnected(addr);
                result.complete(new Session<>(addr, c));
            }
        });
    }

    private CompletableFuture<StatefulRedisConnection<K, V>> open(NodeAddress addr) {
        return open(addr, 2);
    }

    private CompletableFuture<StatefulRedisConnection<K, V>> open(NodeAddress addr, int retries) {
        return openOnce(addr).handle((c, e) -> {
            if (e == null) return CompletableFuture.completedFuture(c);
            // When the handshake fails fast (a wrong password), Lettuce can race with the
            // channel closing and report "handshake handler not registered" or "closed
            // prematurely" instead of the server's reply; trying again surfaces the reply.
            if (retries > 0 && lostHandshakeCause(e)) return open(addr, retries - 1);
            return CompletableFuture.<StatefulRedisConnection<K, V>>failedFuture(e);
        }).thenCompose(f -> f);
    }

    private CompletableFuture<StatefulRedisConnection<K, V>> openOnce(NodeAddress addr) {
        // No new connects once closed: a retry scheduled before close() must not start one.
        if (closed) return CompletableFuture.failedFuture(new RedisException("Connection is closed"));
        try {
            return redis.connectAsync(codec, uri.toRedisURI(addr, password)).toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean lostHandshakeCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.lettuce.core.RedisCommandExecutionException) return false; // the server's reply
            String m = t.getMessage();
            if (t instanceof IllegalStateException && "RedisHandshakeHandler not registered".equals(m)) return true;
            if (t instanceof RedisConnectionException && "Connection closed prematurely".equals(m)) return true;
        }
        return false;
    }

    /**
     * Remembers a password accepted by AUTH, for the connections opened from now on.
     *
     * @param newPassword the password
     */
    public void setPassword(char[] newPassword) {
        this.password = newPassword == null ? null : newPassword.clone();
    }

    /**
     * Runs a command, moving to another node and sending it again where the {@link Spec} allows.
     *
     * @param spec the command
     * @param <T> result type
     * @return the decoded result; errors are typed ({@link DisqueErrors})
     */
    public <T> CompletableFuture<T> execute(Spec<K, V, T> spec) {
        CompletableFuture<T> result = new CompletableFuture<>();
        long ms = spec.timeoutMillis < 0 ? uri.getTimeout().toMillis() : spec.timeoutMillis;
        long now = System.nanoTime();
        attempt(new Call<>(spec, now, ms > 0 ? now + TimeUnit.MILLISECONDS.toNanos(ms) : NO_DEADLINE), 1, result);
        return result;
    }

    private static final long NO_DEADLINE = Long.MAX_VALUE;

    /**
     * One call of a command: its spec, when it was called and when it must have its reply.
     *
     * @param spec the command
     * @param startNanos when it was called
     * @param deadlineNanos {@link #NO_DEADLINE} or the time its result is due
     * @param waits how many times it has waited for a node so far
     */
    private record Call<K, V, T>(Spec<K, V, T> spec, long startNanos, long deadlineNanos, int waits) {
        Call(Spec<K, V, T> spec, long startNanos, long deadlineNanos) {
            this(spec, startNanos, deadlineNanos, 0);
        }

        /** Milliseconds left before the deadline (at least 1); 0 when there is none. */
        long remainingMillis() {
            if (deadlineNanos == NO_DEADLINE) return 0;
            return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        }

        boolean pastDeadline(long extraNanos) {
            return deadlineNanos != NO_DEADLINE && System.nanoTime() + extraNanos - deadlineNanos >= 0;
        }

        /** The spec to send now: a blocking GETJOB asks only for what is left of its TIMEOUT. */
        Spec<K, V, T> toSend() {
            if (spec.serverTimeoutMillis <= 0 || spec.rearm == null) return spec;
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            if (elapsed < 1) return spec;
            // Never 0: TIMEOUT 0 would block for ever.
            return spec.withArgs(spec.rearm.apply(Math.max(1, spec.serverTimeoutMillis - elapsed)));
        }

        Call<K, V, T> waited() {
            return new Call<>(spec, startNanos, deadlineNanos, waits + 1);
        }
    }

    /**
     * No node could be reached: try again after Lettuce's reconnect delay, unless the deadline comes first or the
     * connection was closed, in which case the command fails with {@code cause}.
     */
    private <T> void waitForNode(Call<K, V, T> call, Throwable cause, CompletableFuture<T> result) {
        if (result.isDone()) return;
        long delayMs = Math.max(1, resources.reconnectDelay().createDelay(call.waits() + 1).toMillis());
        if (call.deadlineNanos() != NO_DEADLINE) {
            long left = TimeUnit.NANOSECONDS.toMillis(call.deadlineNanos() - System.nanoTime());
            // One last try just before the deadline rather than none.
            delayMs = Math.min(delayMs, Math.max(1, left - 1));
        }
        if (closed || call.pastDeadline(TimeUnit.MILLISECONDS.toNanos(delayMs))) {
            result.completeExceptionally(cause);
            return;
        }
        log.debug("no Disque node reachable; {} tries again in {} ms", call.spec().type, delayMs);
        try {
            resources.eventExecutorGroup().schedule(() -> attempt(call.waited(), 1, result), delayMs,
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(cause); // the client is shutting down
        }
    }

    private int maxAttempts() {
        return Math.max(2, table.size() + 1);
    }

    private <T> void attempt(Call<K, V, T> call, int n, CompletableFuture<T> result) {
        if (result.isDone()) return;
        Spec<K, V, T> spec = call.toSend();
        lease(spec).whenComplete((lease, leaseError) -> {
            if (leaseError != null) {
                Throwable cause = DisqueErrors.unwrap(leaseError);
                // Nothing was sent: any command may try again, on another node, or wait for one.
                if (isConnectionLoss(cause) && !answeredByServer(cause) && !closed) {
                    if (n >= maxAttempts()) {
                        waitForNode(call, cause, result);
                        return;
                    }
                    Session<K, V> cur = currentSession();
                    NodeAddress avoid = cur != null && table.priority(cur.address) >= NodeTable.FAILED_PRIORITY
                            ? cur.address : null;
                    reconnect(avoid).whenComplete((s, e) -> {
                        if (e != null) waitOrFail(call, DisqueErrors.unwrap(e), result);
                        else attempt(call, n + 1, result);
                    });
                } else {
                    result.completeExceptionally(cause);
                }
                return;
            }
            AsyncCommand<K, V, Object> cmd = dispatch(lease.connection, spec, call.remainingMillis());
            if (lease.dedicated) {
                result.whenComplete((r, e) -> {
                    if (result.isCancelled() && !cmd.isDone()) {
                        cmd.cancel();
                        lease.discard();
                    }
                });
            }
            cmd.whenComplete((reply, error) -> {
                if (error == null) {
                    lease.release(true);
                    complete(spec, reply, result);
                    return;
                }
                Throwable cause = DisqueErrors.unwrap(error);
                if (cause instanceof CancellationException) {
                    lease.discard();
                    result.completeExceptionally(cause);
                    return;
                }
                if (isLeaving(cause)) {
                    lease.release(false);
                    table.markLeaving(lease.address);
                    purgeIdle(lease.address);
                    CompletableFuture<Session<K, V>> moved = reconnect(lease.address);
                    if (spec.retry == Spec.Retry.SAFE && n < maxAttempts()) {
                        moved.whenComplete((s, e) -> {
                            if (e != null) result.completeExceptionally(DisqueErrors.translate(cause));
                            else attempt(call, n + 1, result);
                        });
                        return;
                    }
                    result.completeExceptionally(DisqueErrors.translate(cause));
                    return;
                }
                if (isConnectionLoss(cause)) {
                    lease.release(false);
                    if (spec.closesConnection) {
                        result.complete(null);
                        return;
                    }
                    table.markFailed(lease.address);
                    boolean again = notSent(cause) || spec.retry == Spec.Retry.SAFE
                            || (spec.retry == Spec.Retry.ADDJOB && options.isRetryAddJob());
                    if (again && !closed) {
                        if (n >= maxAttempts()) {
                            waitForNode(call, cause, result);
                            return;
                        }
                        reconnect(lease.address).whenComplete((s, e) -> {
                            if (e != null) waitOrFail(call, DisqueErrors.unwrap(e), result);
                            else attempt(call, n + 1, result);
                        });
                        return;
                    }
                    result.completeExceptionally(cause);
                    return;
                }
                // A timeout leaves a reply pending on a dedicated connection: do not reuse it.
                lease.release(!(cause instanceof RedisCommandTimeoutException));
                result.completeExceptionally(DisqueErrors.translate(cause));
            });
        });
    }

    /** A reconnect failed: wait for a node if no node could be reached, else fail. */
    private <T> void waitOrFail(Call<K, V, T> call, Throwable e, CompletableFuture<T> result) {
        if (isConnectionLoss(e) && !answeredByServer(e) && !closed) waitForNode(call, e, result);
        else result.completeExceptionally(e);
    }

    /**
     * A connect the server itself refused (a wrong password: the AUTH error inside the connection exception) is
     * not a node that cannot be reached; waiting would only repeat the refusal.
     */
    static boolean answeredByServer(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RedisCommandExecutionException) return true;
            for (Throwable s : t.getSuppressed()) if (answeredByServer(s)) return true;
        }
        return false;
    }

    private <T> void complete(Spec<K, V, T> spec, Object reply, CompletableFuture<T> result) {
        try {
            result.complete(spec.decoder.apply((dev.disque.client.model.Reply) reply));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
    }

    private CompletableFuture<Lease> lease(Spec<K, V, ?> spec) {
        if (!spec.blocking) {
            return session().thenApply(s -> new Lease(s.address, s.connection, false));
        }
        NodeAddress preferred = spec.preferred;
        if (preferred != null && table.priority(preferred) < NodeTable.FAILED_PRIORITY) {
            return borrow(preferred).exceptionallyCompose(e -> {
                table.markFailed(preferred);
                return session().thenCompose(s -> borrow(s.address));
            });
        }
        return session().thenCompose(s -> borrow(s.address));
    }

    private CompletableFuture<Lease> borrow(NodeAddress addr) {
        Deque<StatefulRedisConnection<K, V>> pool = idle.get(addr);
        if (pool != null) {
            StatefulRedisConnection<K, V> c;
            while ((c = pool.poll()) != null) {
                if (c.isOpen()) return CompletableFuture.completedFuture(new Lease(addr, c, true));
                blockingConnections.remove(c);
                c.closeAsync();
            }
        }
        return open(addr).whenComplete((c, e) -> {
            if (e != null) table.markFailed(addr);
        }).thenApply(c -> {
            blockingConnections.add(c);
            if (closed) {
                blockingConnections.remove(c);
                c.closeAsync();
                throw new RedisException("Connection is closed");
            }
            return new Lease(addr, c, true);
        });
    }

    /** Sends a command on one connection with its deadline, no failover. */
    private <T> CompletableFuture<T> send(NodeAddress addr, StatefulRedisConnection<K, V> c, Spec<K, V, T> spec) {
        CompletableFuture<T> result = new CompletableFuture<>();
        long ms = spec.timeoutMillis < 0 ? uri.getTimeout().toMillis() : spec.timeoutMillis;
        dispatch(c, spec, ms).whenComplete((reply, error) -> {
            if (error != null) result.completeExceptionally(DisqueErrors.translate(error));
            else complete(spec, reply, result);
        });
        return result;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private AsyncCommand<K, V, Object> dispatch(StatefulRedisConnection<K, V> c, Spec<K, V, ?> spec, long ms) {
        AsyncCommand<K, V, Object> cmd = new AsyncCommand(spec.newCommand(codec));
        if (ms > 0) {
            Timeout t = resources.timer().newTimeout(x -> {
                if (!cmd.isDone()) {
                    cmd.completeExceptionally(new RedisCommandTimeoutException(
                            "Command " + spec.type + " timed out after " + ms + " ms"));
                }
            }, ms, TimeUnit.MILLISECONDS);
            cmd.whenComplete((r, e) -> t.cancel());
        }
        try {
            c.dispatch(cmd);
        } catch (RuntimeException e) {
            cmd.completeExceptionally(e);
        }
        return cmd;
    }

    static boolean isLeaving(Throwable t) {
        return t instanceof RedisCommandExecutionException && t.getMessage() != null
                && t.getMessage().startsWith("LEAVING");
    }

    static boolean isConnectionLoss(Throwable t) {
        if (t instanceof RedisConnectionException || t instanceof ClosedChannelException || t instanceof IOException) {
            return true;
        }
        if (t instanceof RedisException && !(t instanceof RedisCommandExecutionException)
                && !(t instanceof RedisCommandTimeoutException)) {
            String m = t.getMessage();
            return m != null && (m.startsWith("Connection closed") || m.startsWith("Connection disconnected")
                    || m.startsWith("Connection is closed") || m.startsWith("Currently not connected"));
        }
        return false;
    }

    static boolean notSent(Throwable t) {
        if (t instanceof RedisConnectionException) return true;
        String m = t.getMessage();
        return m != null && (m.startsWith("Connection is closed") || m.startsWith("Currently not connected"));
    }

    /** @return true until {@link #closeAsync()} */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Closes every connection; commands in flight fail.
     *
     * @return completes when closed
     */
    public CompletableFuture<Void> closeAsync() {
        Session<K, V> s;
        CompletableFuture<Session<K, V>> pending;
        synchronized (lock) {
            if (closed) return CompletableFuture.completedFuture(null);
            closed = true;
            s = current;
            current = null;
            pending = connecting;
        }
        io.netty.util.concurrent.ScheduledFuture<?> task = refreshTask;
        if (task != null) task.cancel(false);
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        if (s != null) closing.add(s.connection.closeAsync());
        for (StatefulRedisConnection<K, V> c : new ArrayList<>(blockingConnections)) closing.add(c.closeAsync());
        blockingConnections.clear();
        idle.clear();
        CompletableFuture<Void> all = CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]));
        if (pending != null) {
            all = all.thenCompose(x -> pending.handle((r, e) -> null));
        }
        return all;
    }
}
