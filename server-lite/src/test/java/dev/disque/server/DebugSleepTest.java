/*
 * DebugSleepTest: DEBUG SLEEP refuses durations that would freeze the node
 * for good (9223372036854775808 seconds did), and still sleeps for sane ones.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class DebugSleepTest extends ServerFixture {
    @Test
    void outOfRangeDurationsAreRefused() throws IOException {
        for (String bad : new String[] {"9223372036854775808", "1e300", "3601", "-1", "-0.5"}) {
            assertEquals(new RespClient.Err("ERR value is out of range, must be between 0 and 3600"),
                    call("DEBUG", "SLEEP", bad), bad);
        }
        for (String bad : new String[] {"inf", "NaN", "abc", ""}) {
            assertError("ERR value is", call("DEBUG", "SLEEP", bad));
        }
        Wire.assertPong(client);
    }

    @Test
    void aSaneDurationSleeps() throws IOException {
        long start = System.nanoTime();
        assertStatus("OK", call("DEBUG", "SLEEP", "0.2"));
        assertTrue(System.nanoTime() - start >= 200_000_000L, "slept at least the time asked");
        assertStatus("OK", call("DEBUG", "SLEEP", "0"));
    }
}
