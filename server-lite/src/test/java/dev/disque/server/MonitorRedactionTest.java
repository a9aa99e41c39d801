/*
 * MonitorRedactionTest: the password sent with AUTH never shows in MONITOR
 * or in the slow log; like Redis 6 and later, it reads "(redacted)".
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorRedactionTest extends ServerFixture {
    private static final String SECRET = "s3cret-pass";

    @Override
    protected DisqueServer.Builder configure(DisqueServer.Builder b) {
        return b.config("requirepass", SECRET).config("slowlog-log-slower-than", "0");
    }

    @Test
    void authArgumentsAreRedactedInMonitor() throws IOException {
        assertStatus("OK", call("AUTH", SECRET));
        assertStatus("OK", call("MONITOR"));
        RespClient other = newClient();
        assertError("ERR invalid password", other.call("AUTH", "a-wrong-guess"));
        assertStatus("OK", other.call("AUTH", SECRET));
        assertStatus("PONG", other.call("PING"));

        String first = ((RespClient.Status) client.read()).text();
        String second = ((RespClient.Status) client.read()).text();
        String third = ((RespClient.Status) client.read()).text();
        assertTrue(first.endsWith("\"AUTH\" \"(redacted)\""), first);
        assertTrue(second.endsWith("\"AUTH\" \"(redacted)\""), second);
        assertTrue(third.endsWith("\"PING\""), third);
        for (String line : List.of(first, second, third)) {
            assertFalse(line.contains(SECRET) || line.contains("a-wrong-guess"), line);
        }
    }

    @Test
    void authArgumentsAreRedactedInTheSlowLog() throws IOException {
        assertStatus("OK", call("AUTH", SECRET));
        List<?> entries = (List<?>) call("SLOWLOG", "GET", "1");
        List<?> args = (List<?>) ((List<?>) entries.get(0)).get(3);
        assertEquals(List.of("AUTH", "(redacted)"), args);
    }
}
