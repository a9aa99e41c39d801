package dev.disque.client;

import dev.disque.client.api.DisqueAsyncCommands;
import dev.disque.client.api.DisqueCommands;
import dev.disque.client.api.DisqueReactiveCommands;
import dev.disque.client.cluster.DisqueNode;
import dev.disque.client.model.Hello;
import io.lettuce.core.codec.RedisCodec;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A thread-safe connection to a Disque cluster, with three views of the same commands: {@link #sync()},
 * {@link #async()} and {@link #reactive()}. Ordinary commands share one pipelined connection to the current node;
 * blocking GETJOBs get connections of their own. When the node goes away or leaves the cluster, the connection
 * moves to the best other node it knows (from the URI and from HELLO).
 *
 * @param <K> queue name type
 * @param <V> job body type
 */
public interface StatefulDisqueConnection<K, V> extends AutoCloseable {

    /** @return the synchronous API */
    DisqueCommands<K, V> sync();

    /** @return the asynchronous API */
    DisqueAsyncCommands<K, V> async();

    /** @return the reactive API */
    DisqueReactiveCommands<K, V> reactive();

    /**
     * A consumer stream with backpressure on these queues; see {@link JobStream}.
     *
     * @return a builder for the stream
     */
    JobStream.Builder<K, V> jobStream();

    /** @return the node the shared connection is on now, or null when closed */
    DisqueNode getCurrentNode();

    /** @return every node known, best priority first */
    List<DisqueNode> getNodes();

    /**
     * Runs HELLO now, updates the node table and moves to a better node if there is one (this also happens
     * periodically, see {@link DisqueClientOptions#getNodeRefreshPeriod()}).
     *
     * @return the HELLO reply of the node that answered
     */
    CompletableFuture<Hello> refreshNodes();

    /** @return the codec */
    RedisCodec<K, V> getCodec();

    /** @return the URI it was opened with */
    DisqueURI getURI();

    /** @return false once closed */
    boolean isOpen();

    /** Closes every connection of it; commands in flight fail. */
    @Override
    void close();

    /** @return completes when closed */
    CompletableFuture<Void> closeAsync();
}
