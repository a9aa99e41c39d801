/*
 * AuthTest: requirepass. Until a client sends the right AUTH, every known
 * command with the right number of arguments is refused with -NOAUTH;
 * QUIT, unknown commands and arity errors are answered first, as in the
 * original.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthTest extends ServerFixture {
    private static final String PASSWORD = "s3cret pass";
    private static final RespClient.Err NOAUTH = new RespClient.Err("NOAUTH Authentication required.");

    @Override
    protected DisqueServer.Builder configure(DisqueServer.Builder b) {
        return b.config("requirepass", PASSWORD);
    }

    @Test
    void everyCommandButAuthNeedsAuthentication() throws IOException {
        List<Object[]> commands = List.of(
                new Object[] {"PING"}, new Object[] {"ping", "hi"}, new Object[] {"INFO"}, new Object[] {"TIME"},
                new Object[] {"COMMAND"}, new Object[] {"COMMAND", "COUNT"}, new Object[] {"HELLO"},
                new Object[] {"CLUSTER", "INFO"}, new Object[] {"CLIENT", "LIST"},
                new Object[] {"CONFIG", "GET", "requirepass"}, new Object[] {"CONFIG", "SET", "requirepass", ""},
                new Object[] {"SLOWLOG", "GET"}, new Object[] {"DEBUG", "FLUSHALL"}, new Object[] {"SHUTDOWN"},
                new Object[] {"ADDJOB", "q", "body", "0"}, new Object[] {"GETJOB", "FROM", "q"},
                new Object[] {"QLEN", "q"}, new Object[] {"QPEEK", "q", "1"}, new Object[] {"QSTAT", "q"},
                new Object[] {"QSCAN"}, new Object[] {"JSCAN"}, new Object[] {"PAUSE", "q", "state"},
                new Object[] {"SHOW", "D-00000000-000000000000000000000000-0001"},
                new Object[] {"ACKJOB", "x"}, new Object[] {"FASTACK", "x"}, new Object[] {"DELJOB", "x"},
                new Object[] {"ENQUEUE", "x"}, new Object[] {"NACK", "x"}, new Object[] {"DEQUEUE", "x"},
                new Object[] {"WORKING", "x"}, new Object[] {"LOADJOB", "x"});
        for (Object[] cmd : commands) {
            assertEquals(NOAUTH, call(cmd), () -> String.join(" ", List.of(cmd).stream().map(String::valueOf).toList()));
        }
        // Nothing ran: the server is still up and holds no job.
        assertStatus("OK", call("AUTH", PASSWORD));
        assertEquals(0L, call("QLEN", "q"));
        assertEquals("s3cret pass", ((List<?>) call("CONFIG", "GET", "requirepass")).get(1));
    }

    @Test
    void unknownCommandsAndArityErrorsComeBeforeNoauth() throws IOException {
        assertEquals(new RespClient.Err("ERR unknown command 'NOSUCH'"), call("NOSUCH"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'qlen' command"), call("QLEN"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'auth' command"), call("AUTH"));
    }

    @Test
    void wrongPasswordIsRefusedAndRightOneAccepted() throws IOException {
        assertEquals(new RespClient.Err("ERR invalid password"), call("AUTH", "guess"));
        assertEquals(new RespClient.Err("ERR invalid password"), call("AUTH", "s3cret"));
        assertEquals(new RespClient.Err("ERR invalid password"), call("AUTH", PASSWORD + " "));
        assertEquals(NOAUTH, call("PING"));
        assertStatus("OK", call("AUTH", PASSWORD));
        assertStatus("PONG", call("PING"));
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void aWrongPasswordLaterLogsTheClientOut() throws IOException {
        assertStatus("OK", call("AUTH", PASSWORD));
        assertStatus("PONG", call("PING"));
        assertEquals(new RespClient.Err("ERR invalid password"), call("AUTH", "wrong"));
        assertEquals(NOAUTH, call("PING"));
    }

    @Test
    void authenticationIsPerConnection() throws IOException {
        assertStatus("OK", call("AUTH", PASSWORD));
        RespClient other = newClient();
        assertEquals(NOAUTH, other.call("PING"));
        assertStatus("PONG", call("PING"));
    }

    @Test
    void quitWorksWithoutAuthentication() throws IOException {
        assertStatus("OK", call("QUIT"));
        assertTrue(client.isClosedByServer());
    }

    @Test
    void authWithoutAPasswordSetIsAnError() throws IOException {
        assertStatus("OK", call("AUTH", PASSWORD));
        assertStatus("OK", call("CONFIG", "SET", "requirepass", ""));
        RespClient other = newClient();
        assertEquals(new RespClient.Status("PONG"), other.call("PING"), "no password: no authentication needed");
        assertEquals(new RespClient.Err("ERR Client sent AUTH, but no password is set"), other.call("AUTH", "x"));
        assertEquals(new RespClient.Err("ERR Client sent AUTH, but no password is set"), other.call("AUTH", ""));
    }

    @Test
    void settingAPasswordAtRunTimeAppliesToConnectedClients() throws IOException {
        assertStatus("OK", call("AUTH", PASSWORD));
        RespClient other = newClient();
        assertStatus("OK", other.call("AUTH", PASSWORD));
        assertStatus("OK", call("CONFIG", "SET", "requirepass", "changed"));
        // Already authenticated connections stay authenticated, as in the original.
        assertStatus("PONG", other.call("PING"));
        RespClient fresh = newClient();
        assertEquals(NOAUTH, fresh.call("PING"));
        assertEquals(new RespClient.Err("ERR invalid password"), fresh.call("AUTH", PASSWORD));
        assertStatus("OK", fresh.call("AUTH", "changed"));
    }
}
