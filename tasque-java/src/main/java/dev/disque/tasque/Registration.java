package dev.disque.tasque;

import java.time.Duration;

/**
 * A registered handler with its effective settings and the queue it is fed from (a task queue, or a schedule's queue
 * for a Scheduler); inFlight is guarded by the Slots lock.
 */
final class Registration {
    final String name;
    final String queue;
    final Handler handler;
    final int limit;
    final Duration timeout;
    final int maxAttempts;
    final RetryPolicy policy;
    int inFlight;

    Registration(Handler handler, String name, String queue, int limit, Duration timeout, int maxAttempts,
            RetryPolicy policy) {
        this.name = name;
        this.queue = queue;
        this.handler = handler;
        this.limit = limit;
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.policy = policy;
    }
}
