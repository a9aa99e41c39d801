/*
 * CommandCounterTest: --pipe's count of the commands in a byte stream
 * (RESP multibulk and inline), split at every possible byte boundary,
 * with the requests the server answers nothing to.
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.modes.CommandCounter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandCounterTest {
    private static final String MIXED = "*1\r\n$4\r\nPING\r\n"
            + "PING\r\n"
            + "\r\n"                                  // empty inline: no reply
            + "   \n"                                 // blank inline: no reply
            + "\"\" ''\n"                             // only empty arguments: no reply
            + "*0\r\n"                                // empty multibulk: no reply
            + "*-1\r\n"                               // negative count: no reply
            + "*3\r\n$6\r\nADDJOB\r\n$1\r\nq\r\n$12\r\nline\r\nbreak!\r\n" // a body with CRLF inside
            + "addjob q \"two words\" 0\n"
            + "*2\r\n$4\r\nPING\r\n$0\r\n\r\n";       // an empty bulk

    @Test
    void countsWholeStream() {
        CommandCounter c = new CommandCounter();
        byte[] b = MIXED.getBytes(StandardCharsets.UTF_8);
        assertEquals(5, c.feed(b, 0, b.length));
        assertFalse(c.pendingInline());
        assertFalse(c.pendingMultibulk());
    }

    @Test
    void countsTheSameWhateverTheChunking() {
        byte[] b = MIXED.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= b.length; split++) {
            CommandCounter c = new CommandCounter();
            long n = c.feed(b, 0, split) + c.feed(b, split, b.length - split);
            assertEquals(5, n, "split at " + split);
        }
        CommandCounter byByte = new CommandCounter();
        long n = 0;
        for (int i = 0; i < b.length; i++) n += byByte.feed(b, i, 1);
        assertEquals(5, n);
    }

    @Test
    void copiesTheStreamWithEveryInlineLineEndingInCrlf() {
        byte[] b = MIXED.getBytes(StandardCharsets.UTF_8);
        // RESP passes unchanged, CRLF inside a bulk body included; only bare LFs of inline lines change.
        String expected = MIXED.replace("   \n", "   \r\n").replace("\"\" ''\n", "\"\" ''\r\n")
                .replace("addjob q \"two words\" 0\n", "addjob q \"two words\" 0\r\n");
        for (int split = 0; split <= b.length; split++) {
            CommandCounter c = new CommandCounter();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            long n = c.feed(b, 0, split, out) + c.feed(b, split, b.length - split, out);
            assertEquals(5, n, "split at " + split);
            assertEquals(expected, out.toString(StandardCharsets.UTF_8), "split at " + split);
        }
    }

    @Test
    void reportsUnfinishedInput() {
        CommandCounter inline = new CommandCounter();
        byte[] b = "ping\nping".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, inline.feed(b, 0, b.length));
        assertTrue(inline.pendingInline());
        CommandCounter resp = new CommandCounter();
        byte[] r = "*2\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(0, resp.feed(r, 0, r.length));
        assertTrue(resp.pendingMultibulk());
    }

    @Test
    void protocolErrorsGetOneReply() {
        CommandCounter c = new CommandCounter();
        byte[] b = "*x\r\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, c.feed(b, 0, b.length));
        CommandCounter q = new CommandCounter();
        byte[] u = "ping \"open\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(1, q.feed(u, 0, u.length));
    }
}
