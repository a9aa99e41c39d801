/*
 * ClientPauseTest: CLIENT PAUSE over real sockets. Requests sent during a
 * pause wait unanswered in the server until the test clock passes its end;
 * timers and the replies owed to blocked clients go on meanwhile.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientPauseTest extends ServerFixture {

    /** Bytes received by the server and not yet run, over every client. */
    private int unrunInput() {
        return server.inspect(e -> e.clients().stream().mapToInt(c -> c.channel().pendingInput()).sum());
    }

    /**
     * True if nothing reached the client: asked after a task on the server's
     * loop, so a reply written before it would already be in the socket.
     */
    private boolean nothingArrived(RespClient c) throws IOException {
        server.inspect(e -> null);
        return c.socket().getInputStream().available() == 0;
    }

    @Test
    void requestsWaitUntilThePauseEnds() throws IOException {
        RespClient other = newClient();
        assertStatus("OK", call("CLIENT", "PAUSE", "2000"));
        other.send("PING");
        client.send("QLEN", "mine");
        await("both requests to reach the server",
                () -> server.inspect(e -> e.clients().stream().filter(c -> c.channel().pendingInput() > 0).count()) == 2);
        assertTrue(nothingArrived(other));
        assertTrue(nothingArrived(client));

        advance(Duration.ofMillis(2000));
        assertTrue(nothingArrived(other), "the pause lasts its whole last millisecond");

        advance(Duration.ofMillis(1));
        assertStatus("PONG", other.read());
        assertEquals(0L, client.read(), "the client that paused waits too");
        assertEquals(0, unrunInput());
    }

    @Test
    void timersAndBlockedClientsGoOnDuringAPause() throws IOException {
        RespClient waiter = newClient();
        RespClient late = newClient();
        waiter.send("GETJOB", "FROM", "q");
        await("the GETJOB to block", () -> server.inspect(e -> e.blockedCount()) == 1);
        String id = addJob("q", "body", "DELAY", "1");
        assertStatus("OK", call("CLIENT", "PAUSE", "10000"));
        late.send("QLEN", "q");
        await("the QLEN to reach the server", () -> unrunInput() > 0);

        advance(Duration.ofMillis(1000));
        assertEquals(List.of(List.of("q", id, "body")), waiter.read(), "a delayed job still reaches its consumer");
        assertTrue(nothingArrived(late));

        advance(Duration.ofMillis(9001));
        assertEquals(0L, late.read());
    }

    @Test
    void aClientThatLeavesDuringAPauseIsForgotten() throws IOException {
        RespClient leaving = newClient();
        assertStatus("OK", call("CLIENT", "PAUSE", "500"));
        leaving.send("PING");
        await("the PING to reach the server", () -> unrunInput() > 0);
        leaving.close();
        await("the server to see it leave", () -> server.inspect(e -> e.clientCount()) == 1);

        advance(Duration.ofMillis(501));
        assertStatus("PONG", call("PING"));
    }

    @Test
    void zeroIsNoPauseAndBadTimeoutsAreRefused() throws IOException {
        assertStatus("OK", call("CLIENT", "PAUSE", "0"));
        assertEquals(new RespClient.Status("PONG"), call("PING"), "answered without moving the clock");
        assertEquals(new RespClient.Err("ERR timeout is not an integer or out of range"),
                call("CLIENT", "PAUSE", "soon"));
        assertEquals(new RespClient.Err("ERR timeout is negative"), call("CLIENT", "PAUSE", "-1"));
        assertEquals(new RespClient.Err("ERR Syntax error, try CLIENT (LIST | KILL ip:port | GETNAME | SETNAME "
                + "connection-name)"), call("CLIENT", "PAUSE"));
        assertEquals(new RespClient.Err("ERR syntax error"), call("CLIENT", "KILL"), "as the original answers");
        assertStatus("PONG", call("PING"));
    }
}
