/*
 * OutputLimitTest: when a client's unsent replies make it be closed, for
 * each shape of client-output-buffer-limit.
 */
package dev.disque.server.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputLimitTest {
    private final Client client = new Client(1, null, 0);
    private final OutputLimit limit = new OutputLimit();

    @Test
    void offByDefault() {
        limit.configure("normal 0 0 0");
        assertFalse(limit.enabled());
        assertFalse(limit.exceeded(client, Long.MAX_VALUE, 0));
    }

    @Test
    void hardClosesAtOnce() {
        limit.configure("normal 1000 0 0");
        assertTrue(limit.enabled());
        assertFalse(limit.exceeded(client, 999, 0));
        assertTrue(limit.exceeded(client, 1000, 0));
    }

    @Test
    void softClosesOnlyAfterStayingOverForLongerThanTheSeconds() {
        limit.configure("normal 0 100 2");
        assertFalse(limit.exceeded(client, 150, 10_000), "first seen over it");
        assertFalse(limit.exceeded(client, 150, 12_000), "two seconds is not longer than two");
        assertTrue(limit.exceeded(client, 150, 12_001));
    }

    @Test
    void goingBackUnderTheSoftLimitStartsTheCountAgain() {
        limit.configure("normal 0 100 2");
        assertFalse(limit.exceeded(client, 150, 10_000));
        assertFalse(limit.exceeded(client, 50, 11_000));
        assertFalse(limit.exceeded(client, 150, 12_500));
        assertFalse(limit.exceeded(client, 150, 14_000));
        assertTrue(limit.exceeded(client, 150, 14_501));
    }
}
