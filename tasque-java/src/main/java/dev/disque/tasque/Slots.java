/*
 * Slots: how many tasks the worker may still take, overall and per
 * handler. The fetch loop reserves what it asks GETJOB for (COUNT), so the
 * pool is never over-filled: with per-handler limits, the COUNT is also
 * capped by the smallest room left among the limited handlers it fetches
 * for, and a handler at its limit is left out of the fetch.
 */
package dev.disque.tasque;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

final class Slots {
    /** A reservation: fetch at most {@code count} jobs from {@code queues}, in that order. */
    record Reservation(String[] queues, int count, boolean partial, long version) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int capacity;
    private final Registration[] order;
    private final boolean strictPriority;
    private int inFlight;
    private int reserved;
    private int rotation;
    private boolean stopped;
    private long releases;

    Slots(int capacity, List<Registration> handlers, boolean strictPriority) {
        this.capacity = capacity;
        this.order = handlers.toArray(new Registration[0]);
        this.strictPriority = strictPriority;
    }

    /** Waits for room; null once stopped. */
    Reservation reserve() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopped) return null;
                int free = capacity - inFlight - reserved;
                if (free > 0) {
                    List<String> queues = new ArrayList<>(order.length);
                    int count = free;
                    int n = order.length;
                    int start = strictPriority ? 0 : rotation;
                    boolean partial = false;
                    for (int i = 0; i < n; i++) {
                        Registration r = order[(start + i) % n];
                        if (r.limit == 0) {
                            queues.add(r.queue);
                        } else if (r.inFlight < r.limit) {
                            queues.add(r.queue);
                            count = Math.min(count, r.limit - r.inFlight);
                        } else {
                            partial = true;
                        }
                    }
                    if (!queues.isEmpty()) {
                        if (!strictPriority) rotation = (rotation + 1) % n;
                        reserved += count;
                        return new Reservation(queues.toArray(new String[0]), count, partial, releases);
                    }
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Turns a reservation into running tasks: one slot per job taken, the rest freed. */
    void commit(Reservation r, List<Registration> taken) {
        lock.lock();
        try {
            reserved -= r.count();
            for (Registration reg : taken) {
                inFlight++;
                if (reg != null) reg.inFlight++;
            }
            if (taken.size() < r.count()) changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void cancel(Reservation r) {
        lock.lock();
        try {
            reserved -= r.count();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void release(Registration reg) {
        lock.lock();
        try {
            inFlight--;
            if (reg != null) reg.inFlight--;
            releases++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to the time given, or until stopped; true if stopped. */
    boolean awaitStop(long millis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!stopped && nanos > 0) nanos = changed.awaitNanos(nanos);
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a slot is released after the reservation was made, or the time is up; true if stopped. */
    boolean awaitRelease(Reservation r, long millis) throws InterruptedException {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!stopped && releases == r.version() && nanos > 0) nanos = changed.awaitNanos(nanos);
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }
}
