/*
 * Gate: a handler body that counts how many run at once (and the most ever)
 * and blocks until the test opens it.
 */
package dev.disque.tasque;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

final class Gate {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger max = new AtomicInteger();
    final AtomicInteger entered = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    private final CountDownLatch open = new CountDownLatch(1);

    void pass() throws InterruptedException {
        int now = running.incrementAndGet();
        max.accumulateAndGet(now, Math::max);
        entered.incrementAndGet();
        try {
            if (!open.await(20, TimeUnit.SECONDS)) throw new IllegalStateException("gate never opened");
        } finally {
            running.decrementAndGet();
            done.incrementAndGet();
        }
    }

    void open() {
        open.countDown();
    }
}
