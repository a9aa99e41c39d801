/*
 * ReplyRendererTest: every reply type in the four output formats (tty,
 * raw, csv, json), redis-cli's nesting and escapes, the colours on a
 * terminal, and real replies from the server (GETJOB, QSTAT).
 */
package dev.disque.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.cli.modes.RespArgs;
import dev.disque.cli.net.Reply;
import dev.disque.cli.render.ReplyRenderer;
import dev.disque.cli.render.ReplyRenderer.Format;
import dev.disque.cli.render.TextBlocks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplyRendererTest extends CliFixture {
    private static final Reply STATUS = new Reply.Status("OK");
    private static final Reply ERROR = new Reply.Error("ERR unknown command 'foo'");
    private static final Reply INT = new Reply.Int(5);
    private static final Reply BULK = new Reply.Bulk("a \"b\"\n\\\u0001é".getBytes(StandardCharsets.UTF_8));
    private static final Reply NIL = Reply.NIL;
    private static final Reply EMPTY = new Reply.Multi(List.of());
    private static final Reply NESTED = new Reply.Multi(List.of(
            new Reply.Multi(List.of(Reply.Bulk.of("q"), Reply.Bulk.of("D-1"), Reply.Bulk.of("body"))),
            new Reply.Int(7), NIL, EMPTY));

    private static String render(Format f, Reply r) {
        return new ReplyRenderer(f, false).renderText(r);
    }

    @Test
    void ttyIsRedisCliFormat() {
        assertEquals("OK\n", render(Format.TTY, STATUS));
        assertEquals("(error) ERR unknown command 'foo'\n", render(Format.TTY, ERROR));
        assertEquals("(integer) 5\n", render(Format.TTY, INT));
        assertEquals("\"a \\\"b\\\"\\n\\\\\\x01\\xc3\\xa9\"\n", render(Format.TTY, BULK));
        assertEquals("(nil)\n", render(Format.TTY, NIL));
        assertEquals("(empty list or set)\n", render(Format.TTY, EMPTY));
        assertEquals("1) 1) \"q\"\n   2) \"D-1\"\n   3) \"body\"\n2) (integer) 7\n3) (nil)\n4) (empty list or set)\n",
                render(Format.TTY, NESTED));
    }

    @Test
    void ttyRightAlignsIndexesAndIndentsNestedArraysPastThem() {
        List<Reply> items = new java.util.ArrayList<>();
        for (int i = 0; i < 9; i++) items.add(new Reply.Int(i));
        items.add(new Reply.Multi(List.of(Reply.Bulk.of("x"), Reply.Bulk.of("y"))));
        String s = render(Format.TTY, new Reply.Multi(items));
        assertTrue(s.startsWith(" 1) (integer) 0\n 2) (integer) 1\n"), s);
        assertTrue(s.endsWith(" 9) (integer) 8\n10) 1) \"x\"\n    2) \"y\"\n"), s);
    }

    @Test
    void rawPrintsValuesAsTheyAre() {
        assertEquals("OK\n", render(Format.RAW, STATUS));
        assertEquals("ERR unknown command 'foo'\n", render(Format.RAW, ERROR));
        assertEquals("5\n", render(Format.RAW, INT));
        assertArrayEquals(concat(((Reply.Bulk) BULK).data(), "\n"), new ReplyRenderer(Format.RAW, false).render(BULK));
        assertEquals("\n", render(Format.RAW, NIL));
        assertEquals("\n", render(Format.RAW, EMPTY));
        assertEquals("q\nD-1\nbody\n7\n\n\n", render(Format.RAW, NESTED));
    }

    @Test
    void rawUsesTheDelimiterBetweenItems() {
        ReplyRenderer r = new ReplyRenderer(Format.RAW, false, ",");
        assertEquals("a,b,c\n", r.renderText(new Reply.Multi(List.of(Reply.Bulk.of("a"), Reply.Bulk.of("b"),
                Reply.Bulk.of("c")))));
    }

    @Test
    void csvFlattensTheTree() {
        assertEquals("\"OK\"\n", render(Format.CSV, STATUS));
        assertEquals("ERROR,\"ERR unknown command 'foo'\"\n", render(Format.CSV, ERROR));
        assertEquals("5\n", render(Format.CSV, INT));
        assertEquals("NULL\n", render(Format.CSV, NIL));
        assertEquals("\n", render(Format.CSV, EMPTY));
        assertEquals("\"q\",\"D-1\",\"body\",7,NULL,\n", render(Format.CSV, NESTED));
        assertEquals("\"a \\\"b\\\"\\n\\\\\\x01\\xc3\\xa9\"\n", render(Format.CSV, BULK));
    }

    @Test
    void jsonKeepsTheTreeOnOneLine() {
        assertEquals("\"OK\"\n", render(Format.JSON, STATUS));
        assertEquals("{\"error\":\"ERR unknown command 'foo'\"}\n", render(Format.JSON, ERROR));
        assertEquals("5\n", render(Format.JSON, INT));
        assertEquals("\"a \\\"b\\\"\\n\\\\\\u0001é\"\n", render(Format.JSON, BULK));
        assertEquals("null\n", render(Format.JSON, NIL));
        assertEquals("[]\n", render(Format.JSON, EMPTY));
        assertEquals("[[\"q\",\"D-1\",\"body\"],7,null,[]]\n", render(Format.JSON, NESTED));
    }

    @Test
    void coloursOnlyOnTheTerminalFormat() {
        ReplyRenderer tty = new ReplyRenderer(Format.TTY, true);
        String err = tty.renderText(ERROR);
        assertTrue(err.startsWith("\u001b[31m(error) ERR"), err);
        assertTrue(tty.renderText(INT).contains("\u001b[2m(integer) 5"), tty.renderText(INT));
        assertTrue(tty.renderText(NIL).contains("\u001b[2m(nil)"));
        assertEquals("OK\n", tty.renderText(STATUS));
        assertFalse(new ReplyRenderer(Format.RAW, true).renderText(ERROR).contains("\u001b"));
        assertFalse(new ReplyRenderer(Format.TTY, false).renderText(ERROR).contains("\u001b"));
    }

    @Test
    void realRepliesFromTheServer() throws Exception {
        String id = call("ADDJOB", "renderq", "hello", "0").asText();
        Reply job = call("GETJOB", "NOHANG", "FROM", "renderq");
        assertEquals("1) 1) \"renderq\"\n   2) \"" + id + "\"\n   3) \"hello\"\n", render(Format.TTY, job));
        assertEquals("renderq\n" + id + "\nhello\n", render(Format.RAW, job));
        assertEquals("[[\"renderq\",\"" + id + "\",\"hello\"]]\n", render(Format.JSON, job));
        String qstat = render(Format.TTY, call("QSTAT", "renderq"));
        assertTrue(qstat.startsWith(" 1) \"name\"\n 2) \"renderq\"\n"), qstat);
        assertTrue(qstat.contains("12) (empty list or set)\n"), qstat);
        assertEquals("(nil)\n", render(Format.TTY, call("QSTAT", "nosuchqueue")));
        assertEquals("(error) ERR unknown command 'NoSuch'\n", render(Format.TTY, call("NoSuch")));
    }

    @Test
    void aTextBlockIsPrintedAsItIsInEveryFormat() {
        Reply info = Reply.Bulk.of("# Server\r\ndisque_version:1.0\r\n");
        for (Format f : Format.values()) {
            assertEquals("# Server\r\ndisque_version:1.0\r\n", new ReplyRenderer(f, true).renderText(info, true), f.name());
        }
        assertEquals("id=1 addr=x\n", new ReplyRenderer(Format.TTY, false).renderText(Reply.Bulk.of("id=1 addr=x"), true));
        // Not a string: the reply keeps its usual form, so an error still reads as one.
        assertEquals("(error) ERR x\n", new ReplyRenderer(Format.TTY, false).renderText(new Reply.Error("ERR x"), true));
        assertEquals("(nil)\n", new ReplyRenderer(Format.TTY, false).renderText(NIL, true));
    }

    @Test
    void theTextBlockCommandsAreRedisClisListForDisque() {
        assertTrue(TextBlocks.isTextBlock(RespArgs.of("info")));
        assertTrue(TextBlocks.isTextBlock(RespArgs.of("INFO", "jobs")));
        assertTrue(TextBlocks.isTextBlock(RespArgs.of("client", "LIST")));
        assertTrue(TextBlocks.isTextBlock(RespArgs.of("cluster", "nodes")));
        assertTrue(TextBlocks.isTextBlock(RespArgs.of("cluster", "info")));
        assertTrue(TextBlocks.isTextBlock(RespArgs.of("latency", "doctor")));
        assertTrue(TextBlocks.isTextBlock(RespArgs.of("latency", "graph", "command")));
        assertTrue(TextBlocks.isTextBlock(RespArgs.of("debug", "structsize")));
        assertFalse(TextBlocks.isTextBlock(RespArgs.of("cluster", "nodes", "extra")));
        assertFalse(TextBlocks.isTextBlock(RespArgs.of("qpeek", "q", "1")));
        assertFalse(TextBlocks.isTextBlock(RespArgs.of("show", "D-1")));
        assertFalse(TextBlocks.isTextBlock(RespArgs.of("client", "getname")));
    }

    @Test
    void infoFromTheServerIsPlainText() throws Exception {
        Reply info = call("INFO", "server");
        String s = new ReplyRenderer(Format.TTY, false).renderText(info, true);
        assertTrue(s.startsWith("# Server\r\n"), s);
        assertFalse(s.contains("\\r\\n"), s);
        assertFalse(s.startsWith("\""), s);
    }

    private static byte[] concat(byte[] a, String b) {
        byte[] t = b.getBytes(StandardCharsets.UTF_8);
        byte[] r = java.util.Arrays.copyOf(a, a.length + t.length);
        System.arraycopy(t, 0, r, a.length, t.length);
        return r;
    }
}
