/*
 * MessageCodec: the bus wire format, versioned and strictly bounded.
 *
 *   u32 length of what follows
 *   'D' 'B' u8 version u8 type
 *   sender node ID (40 hex characters), u16 client port, u16 bus port, u16 flags
 *   the message's fields (a job ID as its 24 packed bytes, see JobId.writePacked)
 *
 * A BATCH frame carries several messages of one small type about single
 * jobs (GOTJOB, SETACK, GOTACK, DELJOB ...) behind one header: u8 their
 * type, u16 how many, then each one's fields. A link sends the messages of
 * a loop turn that way (see Link), since acknowledging a GETJOB COUNT 16
 * means sixteen SETACKs, GOTACKs and DELJOBs to every other holder.
 *
 * Integers are big-endian, strings and byte arrays are length-prefixed.
 * Every length read from a peer is checked against what is left of the
 * frame and against a limit for its field before anything is allocated,
 * so a malformed or hostile frame costs an exception, never memory. Only
 * REPLJOB may be large (it carries a job body); other frames are small.
 */
package dev.disque.server.cluster.bus;

import dev.disque.server.cluster.Node;
import dev.disque.server.job.JobId;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public final class MessageCodec {
    public static final int VERSION = 3;
    public static final int HEADER_BYTES = 4 + 4 + 40 + 6;
    /** Any frame but REPLJOB: gossip about at most MAX_GOSSIP nodes fits easily. */
    public static final int MAX_SMALL_FRAME = 1 << 20;
    public static final int MAX_GOSSIP = 1000;
    static final int NONCE_BYTES = 32;

    static final int PING = 1, PONG = 2, MEET = 3, FAIL = 4, REPLJOB = 5, GOTJOB = 6, WILLQUEUE = 7, QUEUED = 8,
            SETACK = 9, GOTACK = 10, DELJOB = 11, ENQUEUE = 12, WORKING = 13, NEEDJOBS = 14, YOURJOBS = 15, PAUSE = 16,
            BATCH = 17, CHALLENGE = 100, RESPONSE = 101;
    /** At most this many messages in one BATCH frame (it stays far below MAX_SMALL_FRAME). */
    public static final int MAX_BATCH = 4096;
    /** Where a BATCH frame's message count sits, from the frame's start (its length prefix). */
    private static final int BATCH_COUNT_OFFSET = HEADER_BYTES + 1;
    /** At most this many jobs in one YOURJOBS. */
    public static final int MAX_YOURJOBS = 1000;

    private MessageCodec() {
    }

    /** True for the messages a BATCH frame may carry: small ones about a single job. */
    static boolean batchable(Message m) {
        return batchable(typeOf(m));
    }

    private static boolean batchable(int type) {
        return type == GOTJOB || type == SETACK || type == GOTACK || type == DELJOB || type == QUEUED
                || type == WILLQUEUE || type == WORKING;
    }

    /** True for the types that may exceed MAX_SMALL_FRAME. */
    static boolean mayBeLarge(int type) {
        return type == REPLJOB || type == YOURJOBS;
    }

    // ------------------------------------------------------------- encoding

    public static void encode(Frame f, ByteBuf out) {
        encode(f, out, new NodeIdCache());
    }

    /** Encodes a frame, writing the node IDs that ids holds from their cached bytes. */
    static void encode(Frame f, ByteBuf out, NodeIdCache ids) {
        int start = writeHeader(f, typeOf(f.message()), out, ids);
        encodeBody(f.message(), out, ids);
        out.setInt(start, out.writerIndex() - start - 4);
    }

    /** Writes a frame's header (its length still 0); returns where the frame starts. */
    private static int writeHeader(Frame f, int type, ByteBuf out, NodeIdCache ids) {
        int start = out.writerIndex();
        out.writeInt(0);
        out.writeByte('D').writeByte('B').writeByte(VERSION).writeByte(type);
        writeId(out, f.sender(), ids);
        out.writeShort(f.port()).writeShort(f.busPort()).writeShort(f.flags());
        return start;
    }

    /**
     * Encodes a frame whose message is batchable as a BATCH frame holding it
     * alone, for appendToBatch to add more; returns where the frame starts.
     */
    static int encodeBatchOf(Frame f, ByteBuf out, NodeIdCache ids) {
        int start = writeHeader(f, BATCH, out, ids);
        out.writeByte(typeOf(f.message())).writeShort(1);
        encodeBody(f.message(), out, ids);
        out.setInt(start, out.writerIndex() - start - 4);
        return start;
    }

    /**
     * Adds m to the BATCH frame at start, the last frame in out, if it is of
     * the same type and the frame has room; false if it must go in a frame
     * of its own.
     */
    static boolean appendToBatch(ByteBuf out, int start, Message m, NodeIdCache ids) {
        int count = out.getUnsignedShort(start + BATCH_COUNT_OFFSET);
        if (count >= MAX_BATCH || out.getUnsignedByte(start + HEADER_BYTES) != typeOf(m)) return false;
        encodeBody(m, out, ids);
        out.setShort(start + BATCH_COUNT_OFFSET, count + 1);
        out.setInt(start, out.writerIndex() - start - 4);
        return true;
    }

    static int typeOf(Message m) {
        if (m instanceof Message.Ping) return PING;
        if (m instanceof Message.Pong) return PONG;
        if (m instanceof Message.Meet) return MEET;
        if (m instanceof Message.Fail) return FAIL;
        if (m instanceof Message.ReplJob) return REPLJOB;
        if (m instanceof Message.GotJob) return GOTJOB;
        if (m instanceof Message.WillQueue) return WILLQUEUE;
        if (m instanceof Message.Queued) return QUEUED;
        if (m instanceof Message.SetAck) return SETACK;
        if (m instanceof Message.GotAck) return GOTACK;
        if (m instanceof Message.DelJob) return DELJOB;
        if (m instanceof Message.Enqueue) return ENQUEUE;
        if (m instanceof Message.Working) return WORKING;
        if (m instanceof Message.NeedJobs) return NEEDJOBS;
        if (m instanceof Message.YourJobs) return YOURJOBS;
        if (m instanceof Message.Pause) return PAUSE;
        if (m instanceof Message.Challenge) return CHALLENGE;
        if (m instanceof Message.Response) return RESPONSE;
        if (m instanceof Message.Batch) return BATCH;
        throw new IllegalArgumentException("unknown message " + m);
    }

    private static void encodeBody(Message m, ByteBuf out, NodeIdCache ids) {
        if (m instanceof Message.Ping p) writeGossip(out, p.gossip(), ids);
        else if (m instanceof Message.Pong p) writeGossip(out, p.gossip(), ids);
        else if (m instanceof Message.Meet p) writeGossip(out, p.gossip(), ids);
        else if (m instanceof Message.Fail p) writeId(out, p.nodeId(), ids);
        else if (m instanceof Message.ReplJob p) {
            out.writeByte(p.noReply() ? 1 : 0);
            writeJob(out, p.job(), ids);
        }
        else if (m instanceof Message.GotJob p) writeJobId(out, p.jobId());
        else if (m instanceof Message.WillQueue p) writeJobId(out, p.jobId());
        else if (m instanceof Message.Queued p) {
            writeJobId(out, p.jobId());
            out.writeByte(p.counter());
        }
        else if (m instanceof Message.SetAck p) {
            writeJobId(out, p.jobId());
            out.writeInt(p.mayHave());
        } else if (m instanceof Message.GotAck p) {
            writeJobId(out, p.jobId());
            out.writeByte(p.known() ? 1 : 0);
        } else if (m instanceof Message.DelJob p) writeJobId(out, p.jobId());
        else if (m instanceof Message.Enqueue p) {
            writeJobId(out, p.jobId());
            out.writeInt(p.delay());
        }
        else if (m instanceof Message.Working p) writeJobId(out, p.jobId());
        else if (m instanceof Message.NeedJobs p) {
            writeBytes(out, p.queue());
            out.writeInt(p.count());
        } else if (m instanceof Message.Pause p) {
            writeBytes(out, p.queue());
            out.writeByte(p.flags());
        } else if (m instanceof Message.YourJobs p) {
            out.writeShort(p.jobs().size());
            for (Message.JobCopy j : p.jobs()) writeJob(out, j, ids);
        }
        else if (m instanceof Message.Batch p) {
            List<Message> all = p.messages();
            if (all.isEmpty() || all.size() > MAX_BATCH) throw new IllegalArgumentException("a batch of " + all.size());
            int type = typeOf(all.get(0));
            if (!batchable(type)) throw new IllegalArgumentException("message type " + type + " in a batch");
            out.writeByte(type).writeShort(all.size());
            for (Message one : all) {
                if (typeOf(one) != type) throw new IllegalArgumentException("a batch holds messages of one type");
                encodeBody(one, out, ids);
            }
        }
        else if (m instanceof Message.Challenge p) out.writeBytes(p.nonce());
        else if (m instanceof Message.Response p) out.writeBytes(p.mac());
    }

    private static void writeId(ByteBuf out, String id, NodeIdCache ids) {
        if (id.length() != 40) throw new IllegalArgumentException("IDs are 40 characters: " + id);
        ids.write(out, id);
    }

    private static void writeJobId(ByteBuf out, JobId id) {
        id.writePacked(out);
    }

    private static void writeBytes(ByteBuf out, byte[] b) {
        out.writeInt(b.length);
        out.writeBytes(b);
    }

    private static void writeGossip(ByteBuf out, List<Message.Gossip> gossip, NodeIdCache ids) {
        out.writeShort(gossip.size());
        for (Message.Gossip g : gossip) {
            writeId(out, g.id(), ids);
            byte[] host = g.host().getBytes(StandardCharsets.UTF_8);
            out.writeByte(host.length);
            out.writeBytes(host);
            out.writeShort(g.port()).writeShort(g.busPort()).writeShort(g.flags());
        }
    }

    private static void writeJob(ByteBuf out, Message.JobCopy j, NodeIdCache ids) {
        writeJobId(out, j.id());
        writeBytes(out, j.queue());
        writeBytes(out, j.body());
        out.writeShort(j.repl());
        out.writeLong(j.ctime()).writeLong(j.ttlLeft());
        out.writeInt(j.delay()).writeInt(j.retry()).writeInt(j.nacks()).writeInt(j.deliveries());
        out.writeShort(j.nodesDelivered().size());
        for (String id : j.nodesDelivered()) writeId(out, id, ids);
    }

    // ------------------------------------------------------------- decoding

    /**
     * Decodes one whole frame (without its length prefix), turning node IDs
     * seen lately on this link (ids) into the same strings; throws
     * BusProtocolException if the frame is invalid.
     */
    static Frame decode(ByteBuf in, int maxBody, NodeIdCache ids) {
        need(in, HEADER_BYTES - 4);
        if (in.readByte() != 'D' || in.readByte() != 'B') throw new BusProtocolException("bad magic");
        int version = in.readUnsignedByte();
        if (version != VERSION) throw new BusProtocolException("unsupported bus protocol version " + version);
        int type = in.readUnsignedByte();
        String sender = readId(in, ids);
        int port = in.readUnsignedShort();
        int busPort = in.readUnsignedShort();
        int flags = in.readUnsignedShort();
        Message m = type == BATCH ? decodeBatch(in, maxBody, ids) : decodeBody(type, in, maxBody, ids);
        if (in.isReadable()) throw new BusProtocolException(in.readableBytes() + " trailing bytes in message type " + type);
        return new Frame(sender, port, busPort, flags, m);
    }

    private static Message decodeBatch(ByteBuf in, int maxBody, NodeIdCache ids) {
        need(in, 3);
        int type = in.readUnsignedByte();
        int n = in.readUnsignedShort();
        if (!batchable(type)) throw new BusProtocolException("message type " + type + " in a batch");
        if (n == 0 || n > MAX_BATCH) throw new BusProtocolException("batch of " + n + " messages");
        List<Message> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) all.add(decodeBody(type, in, maxBody, ids));
        return new Message.Batch(all);
    }

    private static Message decodeBody(int type, ByteBuf in, int maxBody, NodeIdCache ids) {
        return switch (type) {
            case PING -> new Message.Ping(readGossip(in, ids));
            case PONG -> new Message.Pong(readGossip(in, ids));
            case MEET -> new Message.Meet(readGossip(in, ids));
            case FAIL -> new Message.Fail(readId(in, ids));
            case REPLJOB -> {
                need(in, 1);
                boolean noReply = in.readByte() != 0;
                yield new Message.ReplJob(readJob(in, maxBody, ids), noReply);
            }
            case GOTJOB -> new Message.GotJob(readJobId(in));
            case WILLQUEUE -> new Message.WillQueue(readJobId(in));
            case QUEUED -> {
                JobId id = readJobId(in);
                need(in, 1);
                int counter = in.readUnsignedByte();
                if (counter > Message.Queued.COUNT_DELIVERIES) throw new BusProtocolException("bad QUEUED counter");
                yield new Message.Queued(id, counter);
            }
            case SETACK -> new Message.SetAck(readJobId(in), readNonNegativeInt(in));
            case GOTACK -> {
                JobId id = readJobId(in);
                need(in, 1);
                yield new Message.GotAck(id, in.readByte() != 0);
            }
            case DELJOB -> new Message.DelJob(readJobId(in));
            case ENQUEUE -> new Message.Enqueue(readJobId(in), readNonNegativeInt(in));
            case WORKING -> new Message.Working(readJobId(in));
            case NEEDJOBS -> new Message.NeedJobs(readBytes(in, MAX_SMALL_FRAME), readNonNegativeInt(in));
            case PAUSE -> {
                byte[] queue = readBytes(in, MAX_SMALL_FRAME);
                need(in, 1);
                int pause = in.readUnsignedByte();
                if (pause > 3) throw new BusProtocolException("bad pause flags " + pause);
                yield new Message.Pause(queue, pause);
            }
            case YOURJOBS -> {
                need(in, 2);
                int n = in.readUnsignedShort();
                if (n > MAX_YOURJOBS) throw new BusProtocolException("too many jobs in YOURJOBS: " + n);
                List<Message.JobCopy> jobs = new ArrayList<>(Math.min(n, 64));
                for (int i = 0; i < n; i++) jobs.add(readJob(in, maxBody, ids));
                yield new Message.YourJobs(jobs);
            }
            case CHALLENGE -> new Message.Challenge(readFixed(in, NONCE_BYTES));
            case RESPONSE -> new Message.Response(readFixed(in, BusAuth.MAC_BYTES));
            default -> throw new BusProtocolException("unknown message type " + type);
        };
    }

    private static void need(ByteBuf in, int n) {
        if (n < 0 || in.readableBytes() < n) throw new BusProtocolException("truncated message");
    }

    private static String readId(ByteBuf in, NodeIdCache ids) {
        need(in, NodeIdCache.ID_BYTES);
        String known = ids.find(in);
        if (known != null) {
            in.skipBytes(NodeIdCache.ID_BYTES);
            return known;
        }
        String id = in.readCharSequence(NodeIdCache.ID_BYTES, StandardCharsets.US_ASCII).toString();
        if (!Node.isValidId(id)) throw new BusProtocolException("bad node ID");
        ids.remember(id);
        return id;
    }

    private static JobId readJobId(ByteBuf in) {
        need(in, JobId.PACKED_LENGTH);
        return JobId.readPacked(in);
    }

    private static int readNonNegativeInt(ByteBuf in) {
        need(in, 4);
        int v = in.readInt();
        if (v < 0) throw new BusProtocolException("negative count");
        return v;
    }

    private static byte[] readFixed(ByteBuf in, int n) {
        need(in, n);
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }

    private static byte[] readBytes(ByteBuf in, int max) {
        need(in, 4);
        int len = in.readInt();
        if (len < 0 || len > max) throw new BusProtocolException("field of " + len + " bytes out of bounds");
        need(in, len);
        byte[] b = new byte[len];
        in.readBytes(b);
        return b;
    }

    private static List<Message.Gossip> readGossip(ByteBuf in, NodeIdCache ids) {
        need(in, 2);
        int n = in.readUnsignedShort();
        if (n > MAX_GOSSIP) throw new BusProtocolException("too many gossip entries: " + n);
        List<Message.Gossip> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = readId(in, ids);
            need(in, 1);
            int hl = in.readUnsignedByte();
            need(in, hl + 6);
            String host = in.readCharSequence(hl, StandardCharsets.UTF_8).toString();
            list.add(new Message.Gossip(id, host, in.readUnsignedShort(), in.readUnsignedShort(), in.readUnsignedShort()));
        }
        return list;
    }

    private static Message.JobCopy readJob(ByteBuf in, int maxBody, NodeIdCache ids) {
        JobId id = readJobId(in);
        byte[] queue = readBytes(in, maxBody);
        byte[] body = readBytes(in, maxBody);
        need(in, 2 + 16 + 16 + 2);
        int repl = in.readUnsignedShort();
        long ctime = in.readLong();
        long ttlLeft = in.readLong();
        int delay = in.readInt();
        int retry = in.readInt();
        int nacks = in.readInt();
        int deliveries = in.readInt();
        if (delay < 0 || retry < 0 || nacks < 0 || deliveries < 0 || ctime < 0 || ttlLeft < 0) {
            throw new BusProtocolException("negative job field");
        }
        int n = in.readUnsignedShort();
        List<String> nodes = new ArrayList<>(Math.min(n, 64));
        for (int i = 0; i < n; i++) nodes.add(readId(in, ids));
        return new Message.JobCopy(id, queue, body, repl, ctime, ttlLeft, delay, retry, nacks, deliveries, nodes);
    }
}
