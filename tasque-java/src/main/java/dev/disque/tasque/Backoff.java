/*
 * Backoff: the delay before the next attempt after a failed one. The
 * default is exponential with jitter: the first retry is immediate (a
 * NACK), then 1 s, 2 s, 4 s ... up to 1 hour, each delay drawn uniformly
 * from its upper half so that tasks failing together spread out. With 25
 * attempts the whole schedule takes about 12 hours at most, within
 * Disque's default TTL of one day.
 */
package dev.disque.tasque;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** The delay before retrying a task after its {@code n}-th attempt failed. */
@FunctionalInterface
public interface Backoff {

    /**
     * @param failedAttempt the attempt that just failed (1 for the first)
     * @return the delay before the next one; zero retries at once (NACK)
     */
    Duration delay(int failedAttempt);

    /** @return the default: immediate, then 1 s doubling up to 1 h, with 50% jitter */
    static Backoff defaults() {
        return exponential(Duration.ofSeconds(1), Duration.ofHours(1));
    }

    /**
     * Immediate first retry, then {@code base * 2^(n-2)} capped at {@code max}, with 50% jitter.
     *
     * @param base the delay after the second failure
     * @param max the longest delay
     * @return the backoff
     */
    static Exponential exponential(Duration base, Duration max) {
        return new Exponential(base, max, 0.5, true, () -> ThreadLocalRandom.current().nextDouble());
    }

    /**
     * @param delay the same delay after every failure
     * @return the backoff
     */
    static Backoff fixed(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        return n -> delay;
    }

    /** @return every retry at once (NACK) */
    static Backoff immediate() {
        return n -> Duration.ZERO;
    }

    /** Exponential backoff with jitter. Immutable; the {@code with*} methods return copies. */
    final class Exponential implements Backoff {
        private final Duration base;
        private final Duration max;
        private final double jitter;
        private final boolean immediateFirst;
        private final DoubleSupplier random;

        Exponential(Duration base, Duration max, double jitter, boolean immediateFirst, DoubleSupplier random) {
            if (base.isNegative() || base.isZero()) throw new IllegalArgumentException("base must be positive");
            if (max.compareTo(base) < 0) throw new IllegalArgumentException("max must be at least base");
            if (jitter < 0 || jitter > 1) throw new IllegalArgumentException("jitter must be between 0 and 1");
            this.base = base;
            this.max = max;
            this.jitter = jitter;
            this.immediateFirst = immediateFirst;
            this.random = Objects.requireNonNull(random, "random");
        }

        /**
         * @param fraction each delay d is drawn from [d * (1 - fraction), d]; 0 for exact delays
         * @return a copy with that jitter
         */
        public Exponential withJitter(double fraction) {
            return new Exponential(base, max, fraction, immediateFirst, random);
        }

        /**
         * @param immediate true (default) to retry the first failure at once with a NACK
         * @return a copy
         */
        public Exponential withImmediateFirstRetry(boolean immediate) {
            return new Exponential(base, max, jitter, immediate, random);
        }

        /**
         * @param source numbers uniformly in [0, 1), for tests
         * @return a copy using it
         */
        public Exponential withRandom(DoubleSupplier source) {
            return new Exponential(base, max, jitter, immediateFirst, source);
        }

        @Override
        public Duration delay(int failedAttempt) {
            int step = immediateFirst ? failedAttempt - 2 : failedAttempt - 1;
            if (step < 0) return Duration.ZERO;
            long baseMs = base.toMillis();
            long maxMs = max.toMillis();
            long ms = step >= 62 || baseMs > (maxMs >> Math.min(step, 62)) ? maxMs : Math.min(maxMs, baseMs << step);
            if (jitter > 0) ms -= (long) (ms * jitter * random.getAsDouble());
            return Duration.ofMillis(ms);
        }

        @Override
        public String toString() {
            return "Backoff.exponential(" + base + ", " + max + ", jitter " + jitter + ")";
        }
    }
}
