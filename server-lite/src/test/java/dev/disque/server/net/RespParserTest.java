/*
 * RespParserTest: the request parser on its own, without sockets. Requests
 * split across reads at any byte, inline commands with quoting, requests
 * that run nothing (empty lines, *0, *-1), and every protocol error text.
 */
package dev.disque.server.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespParserTest {
    private static final long DEFAULT_MAX_BULK = 512L * 1024 * 1024;

    private long maxBulk = DEFAULT_MAX_BULK;
    private final RespParser parser = new RespParser(() -> maxBulk);
    private final ByteBuf in = Unpooled.buffer();

    // ----------------------------------------------------------- helpers

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** Appends bytes as one read and returns every command that became complete. */
    private List<List<String>> feed(byte[] data) throws ProtocolException {
        in.writeBytes(data);
        List<List<String>> out = new ArrayList<>();
        byte[][] argv;
        while ((argv = parser.next(in)) != null) {
            List<String> cmd = new ArrayList<>();
            for (byte[] a : argv) cmd.add(str(a));
            out.add(cmd);
        }
        in.discardReadBytes();
        return out;
    }

    private List<List<String>> feed(String data) throws ProtocolException {
        return feed(bytes(data));
    }

    /** The message of the protocol error the data causes on a new connection, fed in one read. */
    private String errorOf(String data) {
        return errorOf(bytes(data));
    }

    private String errorOf(byte[] data) {
        RespParserTest fresh = new RespParserTest();
        fresh.maxBulk = maxBulk;
        return fresh.errorAfter(data);
    }

    /** The message of the protocol error the data causes after what this parser has already seen. */
    private String errorAfter(String data) {
        return errorAfter(bytes(data));
    }

    private String errorAfter(byte[] data) {
        return assertThrows(ProtocolException.class, () -> feed(data), () -> "no protocol error for " + show(data))
                .getMessage();
    }

    private static String show(byte[] data) {
        String s = str(data);
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }

    private static byte[] multibulk(String... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(bytes("*" + args.length + "\r\n"));
        for (String a : args) {
            byte[] v = bytes(a);
            b.writeBytes(bytes("$" + v.length + "\r\n"));
            b.writeBytes(v);
            b.writeBytes(bytes("\r\n"));
        }
        return b.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }

    private static String repeat(char c, int n) {
        char[] a = new char[n];
        Arrays.fill(a, c);
        return new String(a);
    }

    // ------------------------------------------------ split across reads

    /** Binary-looking arguments (CRLF, '*', '$', NUL, high bytes) inside bulks must not confuse the framing. */
    private static final byte[] STREAM = concat(
            multibulk("ADDJOB", "q", "a\r\nb*2\r\n$3\r\n\u0000\u00ff", "0"),
            multibulk("PING"),
            multibulk("QLEN", ""),
            bytes("PING hello\r\n"),
            multibulk("SHOW", repeat('x', 300)));

    private static final List<List<String>> STREAM_COMMANDS = List.of(
            List.of("ADDJOB", "q", "a\r\nb*2\r\n$3\r\n\u0000\u00ff", "0"),
            List.of("PING"),
            List.of("QLEN", ""),
            List.of("PING", "hello"),
            List.of("SHOW", repeat('x', 300)));

    @Test
    void wholeStreamInOneRead() throws Exception {
        assertEquals(STREAM_COMMANDS, feed(STREAM));
        assertFalse(parser.midRequest());
        assertFalse(in.isReadable());
    }

    @Test
    void streamSplitInTwoAtEveryByteBoundary() throws Exception {
        for (int cut = 0; cut <= STREAM.length; cut++) {
            RespParserTest fresh = new RespParserTest();
            List<List<String>> got = new ArrayList<>(fresh.feed(Arrays.copyOfRange(STREAM, 0, cut)));
            got.addAll(fresh.feed(Arrays.copyOfRange(STREAM, cut, STREAM.length)));
            assertEquals(STREAM_COMMANDS, got, "split at byte " + cut);
            assertFalse(fresh.parser.midRequest(), "split at byte " + cut);
        }
    }

    @Test
    void streamFedOneByteAtATime() throws Exception {
        List<List<String>> got = new ArrayList<>();
        for (byte b : STREAM) got.addAll(feed(new byte[] {b}));
        assertEquals(STREAM_COMMANDS, got);
    }

    @Test
    void streamSplitInThreeAtManyBoundaries() throws Exception {
        for (int a = 0; a <= STREAM.length; a += 7) {
            for (int b = a; b <= STREAM.length; b += 13) {
                RespParserTest fresh = new RespParserTest();
                List<List<String>> got = new ArrayList<>(fresh.feed(Arrays.copyOfRange(STREAM, 0, a)));
                got.addAll(fresh.feed(Arrays.copyOfRange(STREAM, a, b)));
                got.addAll(fresh.feed(Arrays.copyOfRange(STREAM, b, STREAM.length)));
                assertEquals(STREAM_COMMANDS, got, "split at " + a + " and " + b);
            }
        }
    }

    @Test
    void partialRequestIsReportedAsInProgress() throws Exception {
        assertEquals(List.of(), feed("*2\r\n$4\r\nQLEN\r\n$1\r"));
        assertTrue(parser.midRequest());
        assertEquals(List.of(List.of("QLEN", "q")), feed("\nq\r\n"));
        assertFalse(parser.midRequest());
    }

    @Test
    void bigBulkArrivesInSmallPieces() throws Exception {
        String body = repeat('b', 100_000);
        byte[] req = multibulk("ADDJOB", "q", body, "0");
        List<List<String>> got = new ArrayList<>();
        for (int i = 0; i < req.length; i += 1000) {
            got.addAll(feed(Arrays.copyOfRange(req, i, Math.min(req.length, i + 1000))));
        }
        assertEquals(List.of(List.of("ADDJOB", "q", body, "0")), got);
    }

    // --------------------------------------------------------- inline

    @Test
    void inlineCommandsWithCrlfOrBareLf() throws Exception {
        assertEquals(List.of(List.of("PING"), List.of("ADDJOB", "q", "hello", "0")),
                feed("PING\r\nADDJOB q hello 0\n"));
    }

    @Test
    void inlineWhitespaceIsCollapsed() throws Exception {
        assertEquals(List.of(List.of("QLEN", "q")), feed("  \t QLEN \t\t q   \r\n"));
    }

    @Test
    void inlineDoubleQuotesAndEscapes() throws Exception {
        assertEquals(List.of(List.of("ADDJOB", "my queue", "a\nb\r\tc\"d\\e\u0007\bA\u00ff", "0")),
                feed("ADDJOB \"my queue\" \"a\\nb\\r\\tc\\\"d\\\\e\\a\\b\\x41\\xff\" 0\r\n"));
    }

    @Test
    void inlineBadHexEscapeIsNotAnEscape() throws Exception {
        assertEquals(List.of(List.of("PING", "xzz")), feed("PING \"\\xzz\"\r\n"));
    }

    @Test
    void inlineSingleQuotesAreLiteralExceptEscapedQuote() throws Exception {
        assertEquals(List.of(List.of("ADDJOB", "it's \\n raw", "0")), feed("ADDJOB 'it\\'s \\n raw' 0\r\n"));
    }

    @Test
    void inlineUnknownEscapeKeepsTheCharacter() throws Exception {
        assertEquals(List.of(List.of("PING", "q?z")), feed("PING \"\\q\\?\\z\"\r\n"));
    }

    @Test
    void inlineEmptyArgumentsAreDropped() throws Exception {
        // An inline "" is not an argument at all, as in the original (only non-empty strings are kept).
        assertEquals(List.of(List.of("PING")), feed("PING \"\"\r\n"));
        assertEquals(List.of(List.of("QLEN", "q")), feed("'' QLEN '' q \"\"\r\n"));
    }

    @Test
    void inlineLineMadeOfEmptyArgumentsRunsNothing() throws Exception {
        assertEquals(List.of(List.of("PING")), feed("\"\" ''\r\nPING\r\n"));
    }

    @Test
    void emptyAndBlankLinesRunNothing() throws Exception {
        assertEquals(List.of(List.of("PING")), feed("\r\n\n   \r\n\t\nPING\r\n\r\n"));
        assertFalse(parser.midRequest());
        assertFalse(in.isReadable());
    }

    @Test
    void inlineWithoutNewlineWaits() throws Exception {
        assertEquals(List.of(), feed("PIN"));
        assertEquals(List.of(List.of("PING")), feed("G\r\n"));
    }

    @Test
    void inlineAtTheSizeLimitStillWaitsForItsNewline() throws Exception {
        assertEquals(List.of(), feed(repeat('a', RespParser.MAX_INLINE)));
        assertEquals(1, feed("\r\n").size());
    }

    // ------------------------------------------ requests that run nothing

    @Test
    void zeroAndNegativeMultibulkCountsAreSkipped() throws Exception {
        assertEquals(List.of(List.of("PING")), feed("*0\r\n*-1\r\n*-1048577\r\n*1\r\n$4\r\nPING\r\n"));
        assertFalse(parser.midRequest());
    }

    @Test
    void zeroLengthBulkIsAnEmptyArgument() throws Exception {
        assertEquals(List.of(List.of("QLEN", "")), feed("*2\r\n$4\r\nQLEN\r\n$0\r\n\r\n"));
    }

    @Test
    void largestAllowedCountsAreAccepted() throws Exception {
        assertEquals(List.of(), feed("*1048576\r\n$536870912\r\n"));
        assertTrue(parser.midRequest());
    }

    // --------------------------------------------------- protocol errors

    @Test
    void invalidMultibulkLength() {
        assertEquals("invalid multibulk length", errorOf("*abc\r\n"));
        assertEquals("invalid multibulk length", errorOf("*\r\n"));
        assertEquals("invalid multibulk length", errorOf("*1x\r\n"));
        assertEquals("invalid multibulk length", errorOf("* 1\r\n"));
        assertEquals("invalid multibulk length", errorOf("*-\r\n"));
        assertEquals("invalid multibulk length", errorOf("*1048577\r\n"));
        assertEquals("invalid multibulk length", errorOf("*99999999999999999999999\r\n"));
    }

    @Test
    void lengthsAreStrictIntegers() {
        // Leading zeros, "-0" and a lone "+" sign are not integers on the wire.
        assertEquals("invalid multibulk length", errorOf("*01\r\n$4\r\nPING\r\n"));
        assertEquals("invalid multibulk length", errorOf("*00\r\n"));
        assertEquals("invalid multibulk length", errorOf("*-0\r\n"));
        assertEquals("invalid multibulk length", errorOf("*+1\r\n"));
        assertEquals("invalid bulk length", errorOf("*1\r\n$04\r\nPING\r\n"));
        assertEquals("invalid bulk length", errorOf("*1\r\n$-0\r\n"));
        assertEquals("invalid bulk length", errorOf("*1\r\n$+4\r\nPING\r\n"));
    }

    @Test
    void lengthsUseTheWholeSigned64BitRange() throws Exception {
        // Any count <= 0 that fits in 64 bits is skipped; one that does not fit is invalid.
        assertEquals(List.of(List.of("PING")),
                feed("*-9223372036854775808\r\n*-9223372036854775807\r\n*-1000000000000000000\r\nPING\r\n"));
        assertEquals("invalid multibulk length", errorOf("*-9223372036854775809\r\n"));
        assertEquals("invalid multibulk length", errorOf("*9223372036854775807\r\n"));
        assertEquals("invalid multibulk length", errorOf("*9223372036854775808\r\n"));
        assertEquals("invalid bulk length", errorOf("*1\r\n$-9223372036854775808\r\n"));
        assertEquals("invalid bulk length", errorOf("*1\r\n$9223372036854775808\r\n"));
    }

    @Test
    void invalidMultibulkLengthAfterValidCommands() throws Exception {
        assertEquals(List.of(List.of("PING")), feed("PING\r\n"));
        assertEquals("invalid multibulk length", errorAfter("*2000000\r\n"));
    }

    @Test
    void expectedDollar() {
        assertEquals("expected '$', got ':'", errorOf("*1\r\n:4\r\nPING\r\n"));
        assertEquals("expected '$', got 'P'", errorOf("*2\r\n$4\r\nQLEN\r\nPING\r\n"));
        assertEquals("expected '$', got '*'", errorOf("*1\r\n*1\r\n"));
    }

    @Test
    void expectedDollarWhenTheBadByteArrivesLater() throws Exception {
        assertEquals(List.of(), feed("*2\r\n$4\r\nQLEN\r\n"));
        assertEquals("expected '$', got '#'", errorAfter("#"));
    }

    @Test
    void invalidBulkLength() {
        assertEquals("invalid bulk length", errorOf("*1\r\n$abc\r\n"));
        assertEquals("invalid bulk length", errorOf("*1\r\n$\r\n"));
        assertEquals("invalid bulk length", errorOf("*1\r\n$4x\r\n"));
        assertEquals("invalid bulk length", errorOf("*1\r\n$99999999999999999999999\r\n"));
    }

    @Test
    void negativeBulkLengthIsInvalid() {
        assertEquals("invalid bulk length", errorOf("*1\r\n$-1\r\n"));
        assertEquals("invalid bulk length", errorOf("*1\r\n$-100\r\n"));
    }

    @Test
    void bulkLongerThanProtoMaxBulkLenIsInvalid() {
        assertEquals("invalid bulk length", errorOf("*1\r\n$536870913\r\n"));
    }

    @Test
    void protoMaxBulkLenIsReadForEachBulk() throws Exception {
        maxBulk = 10;
        assertEquals(List.of(List.of("ADDJOB", "q", "0123456789", "0")), feed(multibulk("ADDJOB", "q", "0123456789", "0")));
        assertEquals("invalid bulk length", errorAfter(multibulk("ADDJOB", "q", "0123456789A", "0")));
    }

    @Test
    void protoMaxBulkLenChangeAppliesToTheNextRequest() throws Exception {
        assertEquals(1, feed(multibulk("PING", repeat('p', 100))).size());
        maxBulk = 50;
        assertEquals("invalid bulk length", errorAfter(multibulk("PING", repeat('p', 100))));
    }

    @Test
    void tooBigInlineRequest() throws Exception {
        assertEquals(List.of(), feed(repeat('a', RespParser.MAX_INLINE)));
        assertEquals("too big inline request", errorAfter("a"));
    }

    @Test
    void tooBigInlineRequestInOneRead() {
        assertEquals("too big inline request", errorOf(repeat('x', 100_000)));
    }

    @Test
    void tooBigMultibulkCountString() {
        assertEquals("too big mbulk count string", errorOf("*" + repeat('1', RespParser.MAX_INLINE + 1)));
    }

    @Test
    void tooBigBulkCountString() {
        assertEquals("too big bulk count string", errorOf("*1\r\n$" + repeat('1', RespParser.MAX_INLINE + 1)));
    }

    @Test
    void countStringsUpToTheLimitWait() throws Exception {
        assertEquals(List.of(), feed("*" + repeat('1', 1000)));
        assertTrue(in.isReadable());
    }

    @Test
    void unbalancedQuotes() {
        assertEquals("unbalanced quotes in request", errorOf("ADDJOB q \"hello 0\r\n"));
        assertEquals("unbalanced quotes in request", errorOf("ADDJOB q 'hello 0\r\n"));
        assertEquals("unbalanced quotes in request", errorOf("PING \"a\"b\r\n"));
        assertEquals("unbalanced quotes in request", errorOf("PING 'a'b\r\n"));
        assertEquals("unbalanced quotes in request", errorOf("PING \"ends in backslash\\\r\n"));
    }

    @Test
    void nothingIsReturnedBeforeTheErrorForTheSameRead() throws Exception {
        // Commands before a bad one in the same read are returned first; the error comes on the next call.
        in.writeBytes(bytes("PING\r\n*1\r\n!"));
        byte[][] first = parser.next(in);
        assertEquals("PING", str(first[0]));
        ProtocolException e = assertThrows(ProtocolException.class, () -> parser.next(in));
        assertEquals("expected '$', got '!'", e.getMessage());
    }

    @Test
    void emptyBufferNeedsMoreBytes() throws Exception {
        assertNull(parser.next(in));
        assertFalse(parser.midRequest());
    }
}
