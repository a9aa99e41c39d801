package dev.disque.client.impl;

import io.lettuce.core.RedisFuture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@link RedisFuture} of the async API: a {@link CompletableFuture} with Lettuce's {@code getError()} and
 * {@code await()}.
 *
 * @param <T> result type
 */
public final class DisqueFuture<T> extends CompletableFuture<T> implements RedisFuture<T> {

    /** An incomplete future. */
    public DisqueFuture() {
    }

    /**
     * @param source a future to mirror
     * @param <T> result type
     * @return a {@link DisqueFuture} that completes as {@code source} does
     */
    public static <T> DisqueFuture<T> of(CompletableFuture<T> source) {
        DisqueFuture<T> f = new DisqueFuture<>();
        source.whenComplete((r, e) -> {
            if (e != null) f.completeExceptionally(e);
            else f.complete(r);
        });
        f.whenComplete((r, e) -> {
            if (f.isCancelled()) source.cancel(false);
        });
        return f;
    }

    @Override
    public String getError() {
        if (!isCompletedExceptionally()) return null;
        try {
            join();
            return null;
        } catch (RuntimeException e) {
            Throwable c = dev.disque.client.error.DisqueErrors.unwrap(e);
            return c.getMessage();
        }
    }

    @Override
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            get(timeout, unit);
            return true;
        } catch (ExecutionException e) {
            return true;
        } catch (java.util.concurrent.CancellationException e) {
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new DisqueFuture<>();
    }
}
