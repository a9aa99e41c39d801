/*
 * Clock: where the server reads the time.
 *
 * Every timer in the state machine (retry, TTL, delay, blocking timeouts,
 * ack GC) asks this clock rather than the system, so tests can replace it
 * with a ManualClock and move time forward instead of sleeping.
 */
package dev.disque.server.core;

public interface Clock {
    /** Wall-clock time in milliseconds since the Unix epoch. */
    long millis();

    /** Wall-clock time in whole seconds since the Unix epoch. */
    default long seconds() {
        return millis() / 1000;
    }

    Clock SYSTEM = System::currentTimeMillis;
}
