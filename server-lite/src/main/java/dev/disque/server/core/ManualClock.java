/*
 * ManualClock: a clock that only moves when told to.
 *
 * Used by tests (and demos) to drive retry, TTL and delay timers
 * deterministically. Thread-safe, because the test thread moves it while
 * the server thread reads it.
 */
package dev.disque.server.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

public final class ManualClock implements Clock {
    private final AtomicLong now;

    public ManualClock(long startMillis) {
        this.now = new AtomicLong(startMillis);
    }

    public ManualClock() {
        this(System.currentTimeMillis());
    }

    @Override
    public long millis() {
        return now.get();
    }

    public void advance(Duration d) {
        now.addAndGet(d.toMillis());
    }

    public void set(long millis) {
        now.set(millis);
    }
}
