/*
 * DisqueServer: a Disque node, embeddable in any JVM.
 *
 *   try (DisqueServer s = DisqueServer.builder().port(0).config("maxmemory", "100mb").build().start()) {
 *       int port = s.port();
 *   }
 *
 * The standalone disque-server is this class plus a command line. Several
 * servers can run in one JVM; each has its own event loop thread, which
 * owns its state. A test can give it a ManualClock and call tick() after
 * moving time.
 *
 * Memory: the node's data is bounded by its maxmemory (default 1gb), but
 * it lives in the host JVM's heap, which the host sizes. Give the JVM about
 * 2 x maxmemory + 64 MB of heap and maxmemory + 64 MB of direct memory per
 * embedded node (bin/disque-server does this for the standalone server,
 * see HeapSizing), or lower maxmemory to fit the heap you have. A client
 * that still exhausts the heap is dropped; an error the loop cannot recover
 * from stops the node and completes terminated() exceptionally (onFatal).
 */
package dev.disque.server;

import dev.disque.server.ack.AckGc;
import dev.disque.server.cluster.Cluster;
import dev.disque.server.cluster.Node;
import dev.disque.server.cluster.NodesFile;
import dev.disque.server.command.AckCommands;
import dev.disque.server.command.ClientCommand;
import dev.disque.server.command.ClusterCommands;
import dev.disque.server.command.CommandTable;
import dev.disque.server.command.ConfigCommand;
import dev.disque.server.command.Dispatcher;
import dev.disque.server.command.Host;
import dev.disque.server.command.InfoCommand;
import dev.disque.server.command.JobCommands;
import dev.disque.server.command.LatencyCommand;
import dev.disque.server.command.QueueCommands;
import dev.disque.server.command.ServerCommands;
import dev.disque.server.config.ConfigException;
import dev.disque.server.config.ConfigFile;
import dev.disque.server.config.ServerConfig;
import dev.disque.server.core.Clock;
import dev.disque.server.core.Engine;
import dev.disque.server.core.Timers;
import dev.disque.server.net.NettyServer;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public final class DisqueServer implements AutoCloseable, Host {
    private static final Logger log = LoggerFactory.getLogger(DisqueServer.class);

    private final ServerConfig config;
    private final Clock clock;
    private final String nodeId;
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private NettyServer net;
    private EventLoop loop;
    private Watchdog watchdog;
    private Engine engine;
    private Timers timers;
    private int port = -1;
    private ScheduledFuture<?> cron;
    private ScheduledFuture<?> clusterCron;
    private Cluster cluster;
    private final boolean saveClusterConfig;
    private volatile boolean closing;
    private final java.util.function.Consumer<Throwable> onFatal;
    private final java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Throwable fatalCause;

    private DisqueServer(ServerConfig config, Clock clock, String nodeId, boolean saveClusterConfig,
                         java.util.function.Consumer<Throwable> onFatal) {
        this.config = config;
        this.clock = clock;
        this.nodeId = nodeId;
        this.saveClusterConfig = saveClusterConfig;
        this.onFatal = onFatal;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures a server before it starts. */
    public static final class Builder {
        private final ServerConfig config = new ServerConfig();
        private Clock clock = Clock.SYSTEM;
        private String nodeId;
        private boolean saveClusterConfig;
        private java.util.function.Consumer<Throwable> onFatal;

        public Builder port(int port) {
            return config("port", Integer.toString(port));
        }

        public Builder bind(String... addresses) {
            try {
                config.set("bind", Arrays.asList(addresses));
            } catch (ConfigException e) {
                throw new IllegalArgumentException("bind: " + e.getMessage(), e);
            }
            return this;
        }

        /** Any directive of disque.conf, by name. */
        public Builder config(String name, String value) {
            try {
                config.set(name, value);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            return this;
        }

        /** Loads a config file first; CONFIG REWRITE will write back to it. */
        public Builder configFile(Path file) {
            try {
                ConfigFile.load(config, file);
            } catch (ConfigException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** A fixed node ID (40 hex characters); a random one otherwise. */
        public Builder nodeId(String id) {
            if (!Node.isValidId(id)) throw new IllegalArgumentException("node ID must be 40 lowercase hex characters");
            this.nodeId = id;
            return this;
        }

        /**
         * Writes nodes.conf (cluster-config-file, in dir) from the start, as the
         * standalone server does. Otherwise an embedded server writes it only if
         * it already exists, and a restarted embedded node takes a new ID.
         */
        public Builder saveClusterConfig(boolean save) {
            this.saveClusterConfig = save;
            return this;
        }

        /**
         * What to do after an error the event loop cannot recover from (an
         * Error while a command ran, or the loop thread dying). The server
         * has already logged it and started closing; an embedding
         * application sees terminated() complete exceptionally. The
         * standalone server exits the process here, so a supervisor can
         * restart it.
         */
        public Builder onFatal(java.util.function.Consumer<Throwable> action) {
            this.onFatal = action;
            return this;
        }

        /** Applies the given configuration (used by the command line). */
        Builder apply(ServerConfig from) {
            for (dev.disque.server.config.Directive d : ServerConfig.directives()) {
                config(d.name(), from.get(d.name()));
            }
            for (List<String> r : from.renames()) config.addRename(r.get(0), r.get(1));
            config.setFile(from.file());
            return this;
        }

        public DisqueServer build() {
            return new DisqueServer(config, clock, nodeId, saveClusterConfig, onFatal);
        }
    }

    /** Binds the port and starts serving; returns this server. */
    public synchronized DisqueServer start() {
        if (net != null) throw new IllegalStateException("already started");
        // Taken now: first touched during an OutOfMemoryError, the class could not even load.
        dev.disque.server.core.MemoryReserve.rearm();
        net = new NettyServer("disque-server");
        loop = net.loop().next();
        try {
            java.nio.file.Path nodesFile = config.resolve(config.get("cluster-config-file"));
            List<NodesFile.Entry> known;
            try {
                known = NodesFile.load(nodesFile);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            String id = known.stream().filter(NodesFile.Entry::myself).map(NodesFile.Entry::id).findFirst()
                    .orElse(nodeId != null ? nodeId : Node.randomId());
            Dispatcher dispatcher = onLoop(() -> {
                engine = new Engine(config, clock, new Node(id, "127.0.0.1", config.getInt("port")));
                known.stream().filter(NodesFile.Entry::myself).filter(NodesFile.Entry::leaving)
                        .forEach(e -> engine.cluster().myself().set(Node.LEAVING));
                AckGc ackGc = new AckGc(engine);
                cluster = new Cluster(engine, ackGc, net.loop(), nodesFile, saveClusterConfig);
                cluster.addLoadedPeers(known);
                timers = new Timers(engine);
                CommandTable table = new CommandTable();
                new ServerCommands(engine, this, table).register(table);
                new InfoCommand(engine, this, table).register(table);
                new ConfigCommand(engine, table).register(table);
                new ClientCommand(engine).register(table);
                new LatencyCommand(engine).register(table);
                new ClusterCommands(engine, this, cluster).register(table);
                new JobCommands(engine, cluster.replication(), cluster.federation()).register(table);
                new AckCommands(engine, ackGc).register(table);
                new QueueCommands(engine, cluster.federation()).register(table);
                for (List<String> r : config.renames()) {
                    try {
                        table.rename(r.get(0), r.get(1));
                    } catch (IllegalArgumentException e) {
                        // Without the cause: the message shown at start is the innermost one.
                        throw new IllegalArgumentException("rename-command " + r.get(0) + " '" + r.get(1) + "': "
                                + e.getMessage());
                    }
                }
                engine.setLoop(new dev.disque.server.core.Loop() {
                    @Override
                    public void execute(Runnable task) {
                        loop.execute(() -> runSafely(task));
                    }

                    @Override
                    public java.util.concurrent.Future<?> schedule(Runnable task, long delayMillis) {
                        return loop.schedule(() -> runSafely(task), delayMillis, TimeUnit.MILLISECONDS);
                    }

                    @Override
                    public void fatal(String where, Throwable cause) {
                        DisqueServer.this.fatal(where, cause);
                    }
                });
                // A crash during a rewrite leaves its temporary file behind: nobody will finish it.
                dev.disque.server.persist.StaleRewriteFiles.remove(config.resolve("."));
                try {
                    engine.aof().startUp();
                } catch (java.io.IOException | dev.disque.server.persist.AofFormatException e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
                return new Dispatcher(engine, table);
            });
            port = net.bind(engine, dispatcher, config.getList("bind"), config.getInt("port"));
            String unix = config.get("unixsocket");
            if (!unix.isEmpty()) {
                try {
                    net.bindUnix(engine, dispatcher, config.resolve(unix), Integer.parseInt(config.get("unixsocketperm"), 8));
                } catch (java.io.IOException | NumberFormatException e) {
                    throw new IllegalStateException("Could not listen on the Unix socket " + unix + ": " + e.getMessage(), e);
                }
            }
            int busPort = config.getInt("cluster-port");
            if (busPort == 0 && config.getInt("port") != 0) busPort = port + ClusterCommands.BUS_PORT_OFFSET;
            if (busPort > 65535) {
                throw new IllegalStateException("The cluster bus port (port + 10000) would be " + busPort
                        + ": use a client port up to 55535, or set cluster-port");
            }
            int requestedBus = busPort;
            int boundBus;
            try {
                boundBus = cluster.bind(config.getList("bind"), requestedBus);
            } catch (Exception e) {
                throw new IllegalStateException("Could not listen on " + String.join(", ", config.getList("bind"))
                        + " port " + requestedBus + " (cluster bus): " + e.getMessage(), e);
            }
            int clientPort = port;
            onLoop(() -> {
                engine.cluster().myself().setAddress(config.getList("bind").get(0), clientPort);
                engine.cluster().myself().setBusPort(boundBus);
                if (saveClusterConfig || java.nio.file.Files.exists(nodesFile)) cluster.save();
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            net.shutdown();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (RuntimeException e) {
            net.shutdown();
            throw e;
        } catch (Exception e) {
            // Netty rethrows bind errors (address in use, permission) as undeclared checked exceptions.
            net.shutdown();
            throw new IllegalStateException("Could not listen on " + String.join(", ", config.getList("bind"))
                    + " port " + config.get("port") + ": " + e.getMessage(), e);
        }
        loop.execute(this::runJobs);
        scheduleCron();
        clusterCron = loop.scheduleAtFixedRate(() -> runSafely(cluster::cron), 100, 100, TimeUnit.MILLISECONDS);
        // The loop thread dying of an error (Netty lets an Error in its own I/O code end
        // the thread) would leave a node that holds its port and answers nothing.
        loop.terminationFuture().addListener(f -> {
            if (!closing) fatal("the event loop", f.cause() != null ? f.cause()
                    : new IllegalStateException("the event loop thread stopped unexpectedly"));
        });
        config.onChange((name, value) -> {
            if (name.equals("hz")) loop.execute(this::scheduleCron);
        });
        Thread loopThread = onLoop(Thread::currentThread);
        watchdog = new Watchdog(loop, loopThread, () -> {
            long period = config.getLong("watchdog-period");
            // As in the original: no shorter than two cron ticks.
            return period == 0 ? 0 : Math.max(period, 2 * (1000 / config.getLong("hz")));
        });
        watchdog.start();
        return this;
    }

    private void scheduleCron() {
        if (cron != null) cron.cancel(false);
        long period = Math.max(1, 1000 / config.getLong("hz"));
        cron = loop.scheduleAtFixedRate(() -> {
            try {
                timers.cron();
                dev.disque.server.core.MemoryReserve.rearm();
            } catch (RuntimeException e) {
                log.warn("cron failed", e);
            } catch (Error e) {
                // Thrown out of a periodic task, it would silently cancel every later run.
                fatal("the periodic timers", e);
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Processes due jobs, then sleeps until the next one is due (at most 100 ms). */
    private void runJobs() {
        long next = 100;
        try {
            next = timers.processJobs();
        } catch (RuntimeException e) {
            log.warn("job timers failed", e);
        } catch (Error e) {
            fatal("the job timers", e);
            return;
        }
        if (!closing) loop.schedule(this::runJobs, next, TimeUnit.MILLISECONDS);
    }

    private void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.warn("server task failed", e);
        } catch (Error e) {
            fatal("a server task", e);
        }
    }

    /**
     * An unrecoverable error: log it, stop serving, and let the owner act
     * (the standalone server exits non-zero). Never leaves a half-alive node.
     */
    private void fatal(String where, Throwable cause) {
        if (!failed.compareAndSet(false, true)) return;
        dev.disque.server.core.MemoryReserve.release();
        try {
            log.error("Fatal error in {}, the server stops: {}", where, cause.toString(), cause);
        } catch (Throwable ignored) {
            // Out of memory even for the log line: stopping matters more than the message.
        }
        if (onFatal != null) {
            onFatal.accept(cause);
            return;
        }
        fatalCause = cause;
        Thread t = new Thread(this::close, "disque-fatal");
        t.setDaemon(true);
        t.start();
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> task) {
        try {
            return loop.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException) throw (RuntimeException) c;
            throw new IllegalStateException(c);
        }
    }

    /** The TCP port the server listens on (useful with port 0). */
    @Override
    public int port() {
        return port;
    }

    @Override
    public String multiplexingApi() {
        return net.multiplexingApi();
    }

    /** This node's 40-character ID. */
    public String nodeId() {
        if (engine == null || closing) return nodeId;
        return inspect(e -> e.cluster().myself().id());
    }

    /** The cluster bus port (the client port + 10000 unless cluster-port says otherwise). */
    public int clusterPort() {
        return inspect(e -> e.cluster().myself().busPort());
    }

    public ServerConfig config() {
        return config;
    }

    /** Runs every timer that is due now; tests call it after moving a ManualClock. */
    public void tick() {
        onLoop(() -> {
            timers.tick();
            return null;
        });
    }

    /** Runs a read of the state on the server thread and returns its result. */
    public <T> T inspect(Function<Engine, T> query) {
        return onLoop(() -> query.apply(engine));
    }

    /** True if the event loop runs a task within the timeout (false when busy, stuck or stopped). */
    boolean loopAnswers(java.time.Duration timeout) {
        if (loop == null || loop.isShutdown()) return false;
        try {
            loop.submit(() -> { }).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | java.util.concurrent.TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    /** Completes when the server has stopped (close() or SHUTDOWN); exceptionally after a fatal error. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    @Override
    public void shutdown() {
        log.warn("User requested shutdown...");
        // Not on the loop thread: stopping the loop waits for it.
        Thread t = new Thread(this::close, "disque-shutdown");
        t.setDaemon(false);
        t.start();
    }

    /** Stops listening, disconnects every client and stops the server thread. */
    @Override
    public synchronized void close() {
        if (closing || net == null) return;
        closing = true;
        if (watchdog != null) watchdog.stop();
        if (engine != null && !loop.isShuttingDown() && !loop.inEventLoop()) {
            try {
                // Bounded: a loop that is stuck or dead must not make close() hang forever.
                loop.submit(() -> {
                    if (clusterCron != null) clusterCron.cancel(false);
                    cluster.close();
                    engine.aof().close();
                }).get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | java.util.concurrent.TimeoutException | RuntimeException e) {
                log.warn("Error flushing the append only file: {}", e.toString());
            }
        }
        net.shutdown();
        log.info("Disque is now ready to exit, bye bye...");
        if (fatalCause != null) terminated.completeExceptionally(fatalCause);
        else terminated.complete(null);
    }

    List<String> bindAddresses() {
        return config.getList("bind");
    }
}
