/*
 * OriginalJobRecord: reads the LOADJOB records of the original Disque's
 * append-only file, so that a node moving from the original to this server
 * keeps its jobs.
 *
 * The original writes LOADJOB with a single argument, the job serialized in
 * its binary storage form (all integers little endian):
 *   u32 length of what follows
 *   40 bytes job ID; u8 state (low 4 bits; 0 wait-repl, 1 active, 2 queued,
 *   3 acked); u8 flags; u16 repl; u32 etime (unix seconds); u64 ctime;
 *   u32 delay; u32 retry; u16 nacks; u16 additional deliveries
 *   u32 queue length + queue; u32 body length + body;
 *   u32 node count + that many 40-byte node IDs (nodes that may hold a copy)
 * It is decoded into the same form as this server's own LOADJOB records;
 * the file is written in this server's form from then on (at its next
 * rewrite, the whole of it).
 */
package dev.disque.server.persist;

import dev.disque.server.core.ByteString;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

final class OriginalJobRecord {
    private static final int ID_LEN = 40;
    private static final int NODE_ID_LEN = 40;
    /** The fixed part after the length: ID, state, flags, repl, etime, ctime, delay, retry, nacks, deliveries. */
    private static final int FIXED_LEN = ID_LEN + 1 + 1 + 2 + 4 + 8 + 4 + 4 + 2 + 2;
    private static final JobState[] STATES = {JobState.WAIT_REPL, JobState.ACTIVE, JobState.QUEUED, JobState.ACKED};

    private OriginalJobRecord() {
    }

    static AofRecords.Loaded decode(byte[] blob, UnaryOperator<ByteString> names) throws AofFormatException {
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        try {
            long length = Integer.toUnsignedLong(b.getInt());
            if (length != blob.length - 4L || length < FIXED_LEN + 12) throw corrupted("its length does not match");
            byte[] idBytes = new byte[ID_LEN];
            b.get(idBytes);
            JobId id = JobId.parse(idBytes);
            if (id == null) throw corrupted("bad job ID");
            int state = b.get() & 0x0f;
            if (state >= STATES.length) throw corrupted("bad job state " + state);
            b.get(); // flags: how the original broadcasts requeues; this server decides that itself
            int repl = Short.toUnsignedInt(b.getShort());
            long etime = Integer.toUnsignedLong(b.getInt());
            long ctime = b.getLong();
            long delay = Integer.toUnsignedLong(b.getInt());
            long retry = Integer.toUnsignedLong(b.getInt());
            int nacks = Short.toUnsignedInt(b.getShort());
            int deliveries = Short.toUnsignedInt(b.getShort());
            byte[] queue = lengthPrefixed(b);
            byte[] body = lengthPrefixed(b);
            long nodes = Integer.toUnsignedLong(b.getInt());
            if (nodes * NODE_ID_LEN != b.remaining()) throw corrupted("its node list does not match its length");
            AofRecords.Loaded l = new AofRecords.Loaded();
            for (long i = 0; i < nodes; i++) {
                byte[] node = new byte[NODE_ID_LEN];
                b.get(node);
                l.nodes.add(new String(node, StandardCharsets.US_ASCII));
            }
            if (delay > Integer.MAX_VALUE || retry > Integer.MAX_VALUE) throw corrupted("delay or retry out of range");
            Job j = new Job(id, names.apply(ByteString.wrap(queue)), body, STATES[state]);
            j.setRepl(repl);
            j.setCtime(ctime);
            j.setEtime(etime);
            j.setDelay((int) delay);
            j.setRetry((int) retry);
            j.setNacks(nacks);
            j.setDeliveries(deliveries);
            l.job = j;
            return l;
        } catch (java.nio.BufferUnderflowException e) {
            throw corrupted("it ends too soon");
        }
    }

    private static byte[] lengthPrefixed(ByteBuffer b) throws AofFormatException {
        long n = Integer.toUnsignedLong(b.getInt());
        if (n > b.remaining()) throw corrupted("a field is longer than the record");
        byte[] out = new byte[(int) n];
        b.get(out);
        return out;
    }

    private static AofFormatException corrupted(String why) {
        return new AofFormatException("corrupted LOADJOB data of the original Disque: " + why);
    }
}
