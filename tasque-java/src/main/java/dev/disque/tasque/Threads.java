/*
 * Threads: the worker's thread pools. Platform threads by default (a
 * fixed pool of `concurrency` daemon threads, so a forgotten worker never
 * keeps the JVM alive), or one virtual thread per task on Java 21+, looked
 * up reflectively because the build targets Java 17.
 */
package dev.disque.tasque;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

final class Threads {
    private Threads() {
    }

    static ExecutorService taskPool(int concurrency, boolean virtualThreads) {
        if (virtualThreads) {
            try {
                return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("virtual threads need Java 21 or later", e);
            }
        }
        return new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                named("tasque-worker-"));
    }

    /** Daemon threads named prefix1, prefix2, ... */
    static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    static boolean virtualThreadsAvailable() {
        try {
            Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
