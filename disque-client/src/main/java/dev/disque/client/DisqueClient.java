/*
 * DisqueClient: the entry point. It owns a Lettuce RedisClient (and so the
 * Netty event loops, timers and codecs of Lettuce's ClientResources) and
 * makes StatefulDisqueConnections from it.
 */
package dev.disque.client;

import dev.disque.client.impl.NodeRouter;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Disque client: creates connections to one node or a cluster.
 *
 * <pre>{@code
 * try (DisqueClient client = DisqueClient.create("disque://localhost:7711");
 *      StatefulDisqueConnection<String, String> c = client.connect()) {
 *     String id = c.sync().addjob("emails", "hello");
 * }
 * }</pre>
 *
 * <p>Thread-safe; connections are thread-safe too. Share one client (and its {@link ClientResources}) in an
 * application and {@link #shutdown()} (or {@link #close()}) it at the end.
 */
public final class DisqueClient implements AutoCloseable {
    private final RedisClient redis;
    private final DisqueURI uri;
    private volatile DisqueClientOptions options = DisqueClientOptions.create();
    private final Set<StatefulDisqueConnection<?, ?>> connections = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean shutDown = new java.util.concurrent.atomic.AtomicBoolean();

    private DisqueClient(ClientResources resources, DisqueURI uri) {
        this.redis = resources == null ? RedisClient.create() : RedisClient.create(resources);
        this.uri = uri;
        this.redis.setOptions(options.effectiveClientOptions());
    }

    /**
     * @param uri a {@code disque://} URI
     * @return a client for it
     */
    public static DisqueClient create(String uri) {
        return new DisqueClient(null, DisqueURI.create(uri));
    }

    /**
     * @param uri the nodes and settings
     * @return a client for them
     */
    public static DisqueClient create(DisqueURI uri) {
        return new DisqueClient(null, Objects.requireNonNull(uri, "uri"));
    }

    /**
     * @param resources shared Lettuce resources (event loops, timer, latency recorder); not shut down by this client
     * @param uri the nodes and settings
     * @return a client
     */
    public static DisqueClient create(ClientResources resources, DisqueURI uri) {
        return new DisqueClient(Objects.requireNonNull(resources, "resources"), Objects.requireNonNull(uri, "uri"));
    }

    /**
     * @param resources shared Lettuce resources; not shut down by this client
     * @param uri a {@code disque://} URI
     * @return a client
     */
    public static DisqueClient create(ClientResources resources, String uri) {
        return create(resources, DisqueURI.create(uri));
    }

    /**
     * @param options Disque options (node refresh, ADDJOB retry, transport options)
     */
    public void setOptions(DisqueClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        redis.setOptions(options.effectiveClientOptions());
    }

    /**
     * Sets Lettuce's transport options, keeping the Disque ones.
     *
     * @param clientOptions socket, TLS and buffer options
     */
    public void setOptions(ClientOptions clientOptions) {
        setOptions(options.mutate().clientOptions(clientOptions).build());
    }

    /** @return the options */
    public DisqueClientOptions getOptions() {
        return options;
    }

    /** @return the Lettuce resources in use */
    public ClientResources getResources() {
        return redis.getResources();
    }

    /** @return the URI */
    public DisqueURI getURI() {
        return uri;
    }

    /**
     * Connects with UTF-8 strings for queue names and bodies.
     *
     * @return a connection, connected
     */
    public StatefulDisqueConnection<String, String> connect() {
        return connect(StringCodec.UTF8);
    }

    /**
     * Connects with any Lettuce codec (e.g. {@link io.lettuce.core.codec.ByteArrayCodec} for binary bodies).
     *
     * @param codec key (queue) and value (body) codec
     * @param <K> queue name type
     * @param <V> body type
     * @return a connection, connected
     * @throws RedisConnectionException if no node can be reached
     */
    public <K, V> StatefulDisqueConnection<K, V> connect(RedisCodec<K, V> codec) {
        try {
            return connectAsync(codec).join();
        } catch (CompletionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            throw new RedisConnectionException("Unable to connect to " + uri, c);
        }
    }

    /**
     * Connects without blocking.
     *
     * @param codec key and value codec
     * @param <K> queue name type
     * @param <V> body type
     * @return completes with the connection once a node answered HELLO
     */
    public <K, V> CompletableFuture<StatefulDisqueConnection<K, V>> connectAsync(RedisCodec<K, V> codec) {
        Objects.requireNonNull(codec, "codec");
        NodeRouter<K, V> router = new NodeRouter<>(redis, codec, uri, options);
        StatefulDisqueConnectionImpl<K, V> c = new StatefulDisqueConnectionImpl<>(router, connections::remove);
        connections.add(c);
        return router.start().handle((x, e) -> {
            if (e != null) {
                router.closeAsync();
                connections.remove(c);
                throw e instanceof CompletionException ce ? ce : new CompletionException(e);
            }
            return c;
        });
    }

    /** Closes every connection and releases the resources this client created; later calls do nothing. */
    public void shutdown() {
        if (!shutDown.compareAndSet(false, true)) return;
        for (StatefulDisqueConnection<?, ?> c : connections.toArray(new StatefulDisqueConnection<?, ?>[0])) {
            c.closeAsync().join();
        }
        redis.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** The same as {@link #shutdown()}, for try-with-resources. */
    @Override
    public void close() {
        shutdown();
    }
}
