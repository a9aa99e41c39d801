/*
 * MessageCodecTest: every bus message survives encode then decode field by
 * field, alone or in a BATCH frame with others of its type; a frame that is
 * cut short, has bytes left over, carries an unknown type, a bad batch or
 * another version is refused with BusProtocolException, the error that
 * closes only that link. The cluster tests cover the bus between real
 * processes; this pins the format itself, message by message.
 */
package dev.disque.server.cluster.bus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.cluster.Node;
import dev.disque.server.job.JobId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private static final String SENDER = Node.randomId();
    private static final String OTHER = Node.randomId();
    private static final JobId JOB = JobId.parse("D-dcb833cf-8YL1NT17e9+wsA/09NqxscQI-05a1");

    /** Encodes a frame from SENDER, then decodes it as the receiving link would (without the length prefix). */
    private static Frame roundTrip(Message m) {
        ByteBuf buf = Unpooled.buffer();
        try {
            MessageCodec.encode(new Frame(SENDER, 7711, 17711, 1, m), buf);
            assertEquals(buf.readableBytes() - 4, buf.readInt(), "length prefix");
            Frame f = MessageCodec.decode(buf, 1 << 20, new NodeIdCache());
            assertEquals(SENDER, f.sender());
            assertEquals(7711, f.port());
            assertEquals(17711, f.busPort());
            assertEquals(1, f.flags());
            return f;
        } finally {
            buf.release();
        }
    }

    private static Message.JobCopy copy() {
        return new Message.JobCopy(JOB, "queue".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1, 2, (byte) 255},
                3, 1_700_000_000L, 3600, 5, 60, 2, 7, List.of(SENDER, OTHER));
    }

    private static void assertSameCopy(Message.JobCopy a, Message.JobCopy b) {
        assertEquals(a.id(), b.id());
        assertArrayEquals(a.queue(), b.queue());
        assertArrayEquals(a.body(), b.body());
        assertEquals(List.of(a.repl(), a.delay(), a.retry(), a.nacks(), a.deliveries()),
                List.of(b.repl(), b.delay(), b.retry(), b.nacks(), b.deliveries()));
        assertEquals(a.ctime(), b.ctime());
        assertEquals(a.ttlLeft(), b.ttlLeft());
        assertEquals(a.nodesDelivered(), b.nodesDelivered());
    }

    @Test
    void messagesWithOnlyValueFieldsRoundTrip() {
        List<Message> messages = List.of(
                new Message.Ping(List.of(new Message.Gossip(Node.randomId(), "127.0.0.1", 7712, 17712, 3))),
                new Message.Pong(List.of()),
                new Message.Meet(List.of(new Message.Gossip(Node.randomId(), "::1", 1, 2, 0))),
                new Message.Fail(Node.randomId()),
                new Message.GotJob(JOB),
                new Message.WillQueue(JOB),
                new Message.Queued(JOB, Message.Queued.COUNT_DELIVERIES),
                new Message.SetAck(JOB, 3),
                new Message.GotAck(JOB, true),
                new Message.DelJob(JOB),
                new Message.Enqueue(JOB, 10),
                new Message.Working(JOB));
        for (Message m : messages) assertEquals(m, roundTrip(m).message(), m.getClass().getSimpleName());
    }

    @Test
    void messagesWithBytesRoundTrip() {
        Message.ReplJob r = assertInstanceOf(Message.ReplJob.class, roundTrip(new Message.ReplJob(copy(), true)).message());
        assertEquals(true, r.noReply());
        assertSameCopy(copy(), r.job());

        Message.YourJobs y = assertInstanceOf(Message.YourJobs.class,
                roundTrip(new Message.YourJobs(List.of(copy(), copy()))).message());
        assertEquals(2, y.jobs().size());
        for (Message.JobCopy c : y.jobs()) assertSameCopy(copy(), c);

        Message.NeedJobs n = assertInstanceOf(Message.NeedJobs.class,
                roundTrip(new Message.NeedJobs("q".getBytes(StandardCharsets.UTF_8), 100)).message());
        assertArrayEquals("q".getBytes(StandardCharsets.UTF_8), n.queue());
        assertEquals(100, n.count());

        Message.Pause p = assertInstanceOf(Message.Pause.class,
                roundTrip(new Message.Pause("q".getBytes(StandardCharsets.UTF_8), 3)).message());
        assertEquals(3, p.flags());

        byte[] nonce = new byte[MessageCodec.NONCE_BYTES];
        nonce[5] = 9;
        Message.Challenge c = assertInstanceOf(Message.Challenge.class, roundTrip(new Message.Challenge(nonce)).message());
        assertArrayEquals(nonce, c.nonce());
    }

    @Test
    void aRunOfSmallJobMessagesSharesOneBatchFrame() {
        JobId other = JobId.parse("D-00000001-AAAAAAAAAAAAAAAAAAAAAAAA-0001");
        ByteBuf buf = Unpooled.buffer();
        NodeIdCache ids = new NodeIdCache();
        Frame first = new Frame(SENDER, 7711, 17711, 1, new Message.SetAck(JOB, 3));
        int start = MessageCodec.encodeBatchOf(first, buf, ids);
        assertTrue(MessageCodec.appendToBatch(buf, start, new Message.SetAck(other, 2), ids));
        assertTrue(MessageCodec.appendToBatch(buf, start, new Message.SetAck(JOB, 0), ids));
        // Another type needs a frame of its own.
        assertFalse(MessageCodec.appendToBatch(buf, start, new Message.DelJob(JOB), ids));
        assertEquals(buf.readableBytes() - 4, buf.readInt(), "length prefix");
        Frame f = MessageCodec.decode(buf, 1 << 20, new NodeIdCache());
        assertEquals(SENDER, f.sender());
        assertEquals(1, f.flags());
        assertEquals(new Message.Batch(List.of(new Message.SetAck(JOB, 3), new Message.SetAck(other, 2),
                new Message.SetAck(JOB, 0))), f.message());
        buf.release();

        // Each batchable type, and a batch as big as allowed; one more does not fit.
        for (Message m : List.of(new Message.GotJob(JOB), new Message.WillQueue(JOB), new Message.GotAck(JOB, false),
                new Message.DelJob(JOB), new Message.Queued(JOB, Message.Queued.COUNT_NACKS), new Message.Working(JOB))) {
            ByteBuf b = Unpooled.buffer();
            int at = MessageCodec.encodeBatchOf(new Frame(SENDER, 1, 2, 0, m), b, ids);
            for (int i = 1; i < MessageCodec.MAX_BATCH; i++) assertTrue(MessageCodec.appendToBatch(b, at, m, ids));
            assertFalse(MessageCodec.appendToBatch(b, at, m, ids));
            b.skipBytes(4);
            Message.Batch back = assertInstanceOf(Message.Batch.class, MessageCodec.decode(b, 1 << 20, ids).message());
            assertEquals(MessageCodec.MAX_BATCH, back.messages().size());
            for (Message one : back.messages()) assertEquals(m, one);
            b.release();
        }
    }

    @Test
    void batchesOfOtherTypesEmptyOrOverlongAreRefused() {
        byte[] ok = body(new Message.Batch(List.of(new Message.DelJob(JOB), new Message.DelJob(JOB))));
        int typeAt = MessageCodec.HEADER_BYTES - 4;
        byte[] ping = ok.clone();
        ping[typeAt] = (byte) MessageCodec.PING;
        assertRefused(ping);
        byte[] nested = ok.clone();
        nested[typeAt] = (byte) MessageCodec.BATCH;
        assertRefused(nested);
        byte[] empty = ok.clone();
        empty[typeAt + 1] = 0;
        empty[typeAt + 2] = 0;
        assertRefused(empty);
        byte[] tooMany = ok.clone();
        tooMany[typeAt + 1] = (byte) 0xff;
        tooMany[typeAt + 2] = (byte) 0xff;
        assertRefused(tooMany);
        byte[] claimsThree = ok.clone();
        claimsThree[typeAt + 2] = 3;
        assertRefused(claimsThree);
    }

    /** The encoded frame of m, without its length prefix, for the tests to damage. */
    private static byte[] body(Message m) {
        ByteBuf buf = Unpooled.buffer();
        MessageCodec.encode(new Frame(SENDER, 7711, 17711, 0, m), buf);
        buf.skipBytes(4);
        byte[] b = new byte[buf.readableBytes()];
        buf.readBytes(b);
        buf.release();
        return b;
    }

    private static void assertRefused(byte[] body) {
        assertThrows(BusProtocolException.class,
                () -> MessageCodec.decode(Unpooled.wrappedBuffer(body), 1 << 20, new NodeIdCache()));
    }

    @Test
    void aLinksCacheGivesTheSameIdTheSameStringAndNeverMixesIds() {
        NodeIdCache ids = new NodeIdCache();
        Frame first = MessageCodec.decode(Unpooled.wrappedBuffer(body(new Message.GotJob(JOB))), 1 << 20, ids);
        Frame again = MessageCodec.decode(Unpooled.wrappedBuffer(body(new Message.ReplJob(copy(), false))), 1 << 20, ids);
        assertSame(first.sender(), again.sender());
        Message.JobCopy c = ((Message.ReplJob) again.message()).job();
        assertSame(first.sender(), c.nodesDelivered().get(0));
        assertEquals(OTHER, c.nodesDelivered().get(1));
        // Many more IDs than the caches hold: each is still sent as itself (the
        // sending side's cache writes the same bytes as a fresh encoder) and decodes to itself.
        NodeIdCache sent = new NodeIdCache();
        for (int i = 0; i < 50; i++) {
            String id = Node.randomId();
            Message m = new Message.Fail(id);
            Frame frame = new Frame(i % 2 == 0 ? SENDER : OTHER, 1, 2, 0, m);
            ByteBuf buf = Unpooled.buffer();
            MessageCodec.encode(frame, buf, sent);
            ByteBuf fresh = Unpooled.buffer();
            MessageCodec.encode(frame, fresh);
            assertEquals(fresh, buf);
            buf.skipBytes(4);
            Frame f = MessageCodec.decode(buf, 1 << 20, ids);
            assertEquals(i % 2 == 0 ? SENDER : OTHER, f.sender());
            assertEquals(m, f.message());
        }
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] whole = body(new Message.ReplJob(copy(), false));
        for (int len = 0; len < whole.length; len++) assertRefused(java.util.Arrays.copyOf(whole, len));
        byte[] batch = body(new Message.Batch(List.of(new Message.GotAck(JOB, true), new Message.GotAck(JOB, false))));
        for (int len = 0; len < batch.length; len++) assertRefused(java.util.Arrays.copyOf(batch, len));
    }

    @Test
    void trailingBytesUnknownTypesAndOtherVersionsAreRefused() {
        byte[] trailing = java.util.Arrays.copyOf(body(new Message.GotJob(JOB)), body(new Message.GotJob(JOB)).length + 1);
        assertRefused(trailing);

        byte[] unknown = body(new Message.GotJob(JOB));
        unknown[3] = 99;   // the type byte after 'D', 'B' and the version
        assertRefused(unknown);

        byte[] older = body(new Message.GotJob(JOB));
        older[2] = 2;   // the version before BATCH frames
        assertRefused(older);
    }
}
