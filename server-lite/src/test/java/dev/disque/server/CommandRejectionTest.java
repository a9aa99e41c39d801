/*
 * CommandRejectionTest: the exact texts for unknown commands and wrong
 * arity, which leave the connection open, and QUIT, which answers +OK and
 * closes it before anything pipelined behind it runs.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandRejectionTest extends ServerFixture {

    @Test
    void unknownCommandEchoesTheNameAsSent() throws IOException {
        assertEquals(new RespClient.Err("ERR unknown command 'FooBar'"), call("FooBar", "x", "y"));
        client.sendRaw("nosuchcmd arg\r\n");
        assertEquals("-ERR unknown command 'nosuchcmd'", client.readLine());
        Wire.assertPong(client);
    }

    @Test
    void unknownCommandWithLineBreaksInItsNameStaysOneLine() throws IOException {
        // Each CR and each LF becomes one space.
        assertEquals(new RespClient.Err("ERR unknown command 'a  b c'"), call("a\r\nb\nc"));
        Wire.assertPong(client);
    }

    @Test
    void emptyCommandNameIsUnknown() throws IOException {
        assertEquals(new RespClient.Err("ERR unknown command ''"), call(""));
        Wire.assertPong(client);
    }

    @Test
    void commandsMissingFromDisqueAreUnknown() throws IOException {
        assertEquals(new RespClient.Err("ERR unknown command 'SET'"), call("SET", "k", "v"));
        assertEquals(new RespClient.Err("ERR unknown command 'GET'"), call("GET", "k"));
    }

    @Test
    void wrongArityNamesTheCommandInLowercase() throws IOException {
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'addjob' command"), call("AddJob", "q", "body"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'show' command"), call("SHOW"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'show' command"), call("SHOW", "a", "b"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'ping' command"), call("PING", "a", "b"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'time' command"), call("TIME", "now"));
        assertEquals(new RespClient.Err("ERR wrong number of arguments for 'getjob' command"), call("getjob"));
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void wrongArityTypedInline() throws IOException {
        client.sendRaw("QLEN\r\n");
        assertEquals("-ERR wrong number of arguments for 'qlen' command", client.readLine());
        Wire.assertPong(client);
    }

    @Test
    void quitRepliesOkAndCloses() throws IOException {
        RespClient c = newClient();
        assertStatus("OK", c.call("QUIT"));
        assertTrue(c.isClosedByServer());
        Wire.assertPong(client);
    }

    @Test
    void quitTypedInlineWithArgumentsStillQuits() throws IOException {
        RespClient c = newClient();
        c.sendRaw("quit now please\r\n");
        assertEquals("+OK", c.readLine());
        assertTrue(c.isClosedByServer());
    }

    @Test
    void commandsPipelinedAfterQuitDoNotRun() throws IOException {
        try (Socket s = Wire.open(server.port())) {
            s.getOutputStream().write(Wire.ascii("PING\r\nQUIT\r\nADDJOB q lost 0\r\n"));
            String answer = new String(Wire.readUntilClosed(s.getInputStream()), StandardCharsets.ISO_8859_1);
            assertEquals("+PONG\r\n+OK\r\n", answer);
        }
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void quitWorksWithoutAuth() throws IOException {
        assertStatus("OK", call("CONFIG", "SET", "requirepass", "secret"));
        RespClient c = newClient();
        assertError("NOAUTH", c.call("PING"));
        assertStatus("OK", c.call("QUIT"));
        assertTrue(c.isClosedByServer());
    }
}
