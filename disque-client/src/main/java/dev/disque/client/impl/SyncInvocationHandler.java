package dev.disque.client.impl;

import dev.disque.client.api.DisqueAsyncCommands;
import dev.disque.client.api.DisqueCommands;
import dev.disque.client.error.DisqueErrors;
import io.lettuce.core.RedisCommandInterruptedException;
import io.lettuce.core.RedisException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The sync API, as Lettuce builds its own: a proxy that calls the async method of the same signature and waits.
 * Every wait is bounded by the command's own deadline (kept by the router), except blocking GETJOB without a
 * timeout, which waits as long as the server does.
 */
public final class SyncInvocationHandler implements InvocationHandler {
    private final DisqueAsyncCommands<?, ?> async;
    private final Map<Method, Method> targets = new ConcurrentHashMap<>();

    private SyncInvocationHandler(DisqueAsyncCommands<?, ?> async) {
        this.async = async;
    }

    /**
     * @param async the async API to call
     * @param <K> key type
     * @param <V> value type
     * @return the sync API
     */
    @SuppressWarnings("unchecked")
    public static <K, V> DisqueCommands<K, V> create(DisqueAsyncCommands<K, V> async) {
        return (DisqueCommands<K, V>) Proxy.newProxyInstance(DisqueCommands.class.getClassLoader(),
                new Class<?>[] {DisqueCommands.class}, new SyncInvocationHandler(async));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            switch (method.getName()) {
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                default:
                    return "DisqueCommands(sync) over " + async;
            }
        }
        if (method.isDefault()) return InvocationHandler.invokeDefault(proxy, method, args);
        Method target = targets.computeIfAbsent(method, m -> {
            try {
                return DisqueAsyncCommands.class.getMethod(m.getName(), m.getParameterTypes());
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no async method for " + m, e);
            }
        });
        Object result;
        try {
            result = target.invoke(async, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (!(result instanceof CompletableFuture<?> future)) return result;
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            throw new RedisCommandInterruptedException(e);
        } catch (ExecutionException e) {
            Throwable cause = DisqueErrors.unwrap(e);
            if (cause instanceof RuntimeException || cause instanceof Error) throw cause;
            throw new RedisException(cause);
        }
    }
}
