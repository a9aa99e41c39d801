/*
 * SmokeTest: the quick tour of the README works end to end over a socket.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest extends ServerFixture {
    @Test
    void addAndGetAJob() throws Exception {
        assertStatus("PONG", call("PING"));
        String id = addJob("greetings", "hello");
        assertEquals(40, id.length());
        assertEquals(1L, call("QLEN", "greetings"));
        assertEquals(List.of(List.of("greetings", id, "hello")), call("GETJOB", "FROM", "greetings"));
        assertEquals(1L, call("ACKJOB", id));
        assertEquals(null, call("SHOW", id));
    }
}
