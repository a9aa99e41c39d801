package dev.disque.client;

import dev.disque.client.api.DisqueAsyncCommands;
import dev.disque.client.api.DisqueCommands;
import dev.disque.client.api.DisqueReactiveCommands;
import dev.disque.client.cluster.DisqueNode;
import dev.disque.client.impl.DisqueAsyncCommandsImpl;
import dev.disque.client.impl.DisqueCommandBuilder;
import dev.disque.client.impl.DisqueReactiveCommandsImpl;
import dev.disque.client.impl.NodeRouter;
import dev.disque.client.impl.SyncInvocationHandler;
import dev.disque.client.model.Hello;
import io.lettuce.core.codec.RedisCodec;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The one implementation of {@link StatefulDisqueConnection}. */
final class StatefulDisqueConnectionImpl<K, V> implements StatefulDisqueConnection<K, V> {
    private final NodeRouter<K, V> router;
    private final DisqueCommandBuilder<K, V> builder;
    private final DisqueAsyncCommands<K, V> async;
    private final DisqueCommands<K, V> sync;
    private final DisqueReactiveCommands<K, V> reactive;
    private final Consumer<StatefulDisqueConnectionImpl<K, V>> onClose;

    StatefulDisqueConnectionImpl(NodeRouter<K, V> router, Consumer<StatefulDisqueConnectionImpl<K, V>> onClose) {
        this.router = router;
        this.onClose = onClose;
        this.builder = new DisqueCommandBuilder<>(router.codec(), router.uri().getTimeout().toMillis());
        this.async = new DisqueAsyncCommandsImpl<>(this, router, builder);
        this.sync = SyncInvocationHandler.create(async);
        this.reactive = new DisqueReactiveCommandsImpl<>(this, router, builder);
    }

    NodeRouter<K, V> router() {
        return router;
    }

    DisqueCommandBuilder<K, V> builder() {
        return builder;
    }

    @Override
    public DisqueCommands<K, V> sync() {
        return sync;
    }

    @Override
    public DisqueAsyncCommands<K, V> async() {
        return async;
    }

    @Override
    public DisqueReactiveCommands<K, V> reactive() {
        return reactive;
    }

    @Override
    public JobStream.Builder<K, V> jobStream() {
        return JobStream.builder(this);
    }

    @Override
    public DisqueNode getCurrentNode() {
        NodeRouter.Session<K, V> s = router.currentSession();
        if (s == null) return null;
        DisqueNode n = router.table().node(s.address());
        return n != null ? n : new DisqueNode(null, s.address(), 1);
    }

    @Override
    public List<DisqueNode> getNodes() {
        return router.table().snapshot();
    }

    @Override
    public CompletableFuture<Hello> refreshNodes() {
        return router.refresh();
    }

    @Override
    public RedisCodec<K, V> getCodec() {
        return router.codec();
    }

    @Override
    public DisqueURI getURI() {
        return router.uri();
    }

    @Override
    public boolean isOpen() {
        return router.isOpen();
    }

    @Override
    public void close() {
        closeAsync().join();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        return router.closeAsync().whenComplete((r, e) -> onClose.accept(this));
    }

    @Override
    public String toString() {
        return "StatefulDisqueConnection[" + router.uri() + " on " + getCurrentNode() + "]";
    }
}
