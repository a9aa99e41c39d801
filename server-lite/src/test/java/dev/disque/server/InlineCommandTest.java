/*
 * InlineCommandTest: commands typed into a raw socket the way telnet or nc
 * send them ("PING\r\n"), with quoting and escapes, mixed with RESP
 * multibulk requests on the same connection.
 */
package dev.disque.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InlineCommandTest extends ServerFixture {

    private String jobId(Object addjobReply) {
        assertInstanceOf(RespClient.Status.class, addjobReply, () -> "ADDJOB replied " + addjobReply);
        String id = ((RespClient.Status) addjobReply).text();
        assertEquals(40, id.length(), id);
        return id;
    }

    @Test
    void pingTyped() throws IOException {
        client.sendRaw("PING\r\n");
        assertEquals("+PONG", client.readLine());
    }

    @Test
    void bareNewlineEndsALineToo() throws IOException {
        client.sendRaw("PING\nPING hello\n");
        assertEquals("+PONG", client.readLine());
        assertEquals("hello", client.read());
    }

    @Test
    void commandNameIsCaseInsensitive() throws IOException {
        client.sendRaw("pInG\r\n");
        assertStatus("PONG", client.read());
    }

    @Test
    void addjobTypedThenFetched() throws IOException {
        client.sendRaw("ADDJOB q hello 0\r\n");
        String id = jobId(client.read());
        assertEquals(1L, call("QLEN", "q"));
        assertEquals(List.of(List.of("q", id, "hello")), call("GETJOB", "NOHANG", "FROM", "q"));
    }

    @Test
    void typedByteByByte() throws IOException {
        for (char ch : "ADDJOB q slow 0\r\n".toCharArray()) client.sendRaw(String.valueOf(ch));
        String id = jobId(client.read());
        assertEquals(List.of(List.of("q", id, "slow")), call("GETJOB", "NOHANG", "FROM", "q"));
    }

    @Test
    void quotedArgumentsWithEscapes() throws IOException {
        client.sendRaw("ADDJOB \"my queue\" \"line1\\r\\nline2\\t\\\"quoted\\\" \\x41\\x42\" 0\r\n");
        String id = jobId(client.read());
        assertEquals(List.of(List.of("my queue", id, "line1\r\nline2\t\"quoted\" AB")),
                call("GETJOB", "NOHANG", "FROM", "my queue"));
        client.sendRaw("ADDJOB 'single q' 'it\\'s raw\\n' 0\r\n");
        String id2 = jobId(client.read());
        assertEquals(List.of(List.of("single q", id2, "it's raw\\n")), call("GETJOB", "NOHANG", "FROM", "single q"));
    }

    @Test
    void extraWhitespaceIsIgnored() throws IOException {
        client.sendRaw("   QLEN\t\t  q    \r\n");
        assertEquals(0L, client.read());
    }

    @Test
    void emptyQuotedArgumentsAreDropped() throws IOException {
        // As in the original: PING "" is PING with no argument, not an echo of "".
        client.sendRaw("PING \"\"\r\n");
        assertStatus("PONG", client.read());
        client.sendRaw("QLEN '' q\r\n");
        assertEquals(0L, client.read());
    }

    @Test
    void emptyLinesGetNoReply() throws IOException {
        client.sendRaw("\r\n\n   \r\n\"\" ''\r\nPING first\r\n");
        assertEquals("first", client.read());
        Wire.assertPong(client);
    }

    @Test
    void inlineAndMultibulkMixOnOneConnection() throws IOException {
        client.sendRaw("PING a\r\n*2\r\n$4\r\nPING\r\n$1\r\nb\r\nPING c\r\n");
        assertEquals("a", client.read());
        assertEquals("b", client.read());
        assertEquals("c", client.read());
    }

    @Test
    void unbalancedQuotesAreAProtocolError() throws IOException {
        RespClient c = newClient();
        c.sendRaw("ADDJOB q \"hello 0\r\n");
        assertEquals("-ERR Protocol error: unbalanced quotes in request", c.readLine());
        assertTrue(c.isClosedByServer());
        assertEquals(0L, call("QLEN", "q"));
    }

    @Test
    void closingQuoteMustEndTheArgument() throws IOException {
        RespClient c = newClient();
        c.sendRaw("PING \"a\"b\r\n");
        assertEquals("-ERR Protocol error: unbalanced quotes in request", c.readLine());
        assertTrue(c.isClosedByServer());
        Wire.assertPong(client);
    }

    @Test
    void longestInlineRequestIsAccepted() throws IOException {
        // 64 KB without a newline is still allowed; the newline completes the command.
        String body = "x".repeat(64 * 1024 - "ADDJOB q  0".length());
        client.sendRaw("ADDJOB q " + body + " 0");
        client.sendRaw("\r\n");
        jobId(client.read());
        List<?> job = (List<?>) ((List<?>) call("GETJOB", "NOHANG", "FROM", "q")).get(0);
        assertEquals(body, job.get(2));
    }
}
