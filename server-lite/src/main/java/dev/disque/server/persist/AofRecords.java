/*
 * AofRecords: the records of the append-only file, encoded and decoded.
 *
 * Records are plain RESP commands, so the file can be read with cat and
 * replayed by the same parser the network uses. A job is written as
 *   LOADJOB id <id> queue <q> body <b> state <s> repl <n> ctime <n>
 *           etime <unix-s> delay <s> retry <s> nacks <n>
 *           additional-deliveries <n> nodes-delivered <id,id,...>
 * (field/value pairs, so new fields can be added and unknown ones skipped),
 * and a job that is acknowledged or deleted as DELJOB <id>.
 * server-lite/AOF.md documents the format. Files written by the original
 * Disque load too (OriginalJobRecord).
 */
package dev.disque.server.persist;

import dev.disque.server.cluster.NodeSet;
import dev.disque.server.core.ByteString;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

public final class AofRecords {
    private static final byte[] LOADJOB_HEADER = header(25, "LOADJOB");
    private static final byte[] DELJOB_HEADER = header(2, "DELJOB");
    private static final byte[] ID = name("id");
    private static final byte[] QUEUE = name("queue");
    private static final byte[] BODY = name("body");
    private static final byte[] STATE = name("state");
    private static final byte[] REPL = name("repl");
    private static final byte[] CTIME = name("ctime");
    private static final byte[] ETIME = name("etime");
    private static final byte[] DELAY = name("delay");
    private static final byte[] RETRY = name("retry");
    private static final byte[] NACKS = name("nacks");
    private static final byte[] DELIVERIES = name("additional-deliveries");
    private static final byte[] NODES = name("nodes-delivered");

    private AofRecords() {
    }

    // Field names and command headers are encoded once: a node logs every job it accepts.
    private static byte[] name(String s) {
        return ("$" + s.length() + "\r\n" + s + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] header(int argc, String command) {
        return concat(("*" + argc + "\r\n").getBytes(StandardCharsets.US_ASCII), name(command));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** Encodes a LOADJOB record for the job. */
    static void loadJob(RecordBuffer r, Job j) {
        loadJob(r, j, j.state(), j.nacks(), j.deliveries(), j.nodesDelivered());
    }

    /**
     * Encodes a LOADJOB record from the job's fixed fields and a copy of its
     * changing ones, so that another thread than the server's can encode it.
     */
    static void loadJob(RecordBuffer r, Job j, JobState state, int nacks, int deliveries, NodeSet nodes) {
        r.raw(LOADJOB_HEADER);
        r.raw(ID);
        r.bulkId(j.id());
        r.raw(QUEUE);
        r.bulk(j.queue().bytes());
        r.raw(BODY);
        r.bulk(j.body());
        r.raw(STATE);
        r.bulk(state.wireBytes());
        number(r, REPL, j.repl());
        number(r, CTIME, j.ctime());
        number(r, ETIME, j.etime());
        number(r, DELAY, j.delay());
        number(r, RETRY, j.retry());
        number(r, NACKS, nacks);
        number(r, DELIVERIES, deliveries);
        r.raw(NODES);
        r.bulk(nodes.idList());
    }

    private static void number(RecordBuffer r, byte[] name, long value) {
        r.raw(name);
        r.bulkNumber(value);
    }

    /** Encodes a DELJOB record for the ID. */
    static void delJob(RecordBuffer r, JobId id) {
        r.raw(DELJOB_HEADER);
        r.bulkId(id);
    }

    /** A job as read back from a LOADJOB record; nodes are node IDs, resolved by the caller. */
    public static final class Loaded {
        public Job job;
        public List<String> nodes = new ArrayList<>();
    }

    /**
     * Decodes the arguments of a LOADJOB record (argv[0] is "LOADJOB");
     * names gives the instance of the queue name the job is to hold.
     */
    public static Loaded decodeLoadJob(byte[][] argv, UnaryOperator<ByteString> names) throws AofFormatException {
        // One argument: a job serialized by the original Disque, from a file it wrote.
        if (argv.length == 2) return OriginalJobRecord.decode(argv[1], names);
        if (argv.length % 2 != 1) throw new AofFormatException("LOADJOB needs field/value pairs");
        JobId id = null;
        byte[] queue = null, body = null;
        JobState state = JobState.ACTIVE;
        long repl = 1, ctime = 0, etime = 0, delay = 0, retry = 0, nacks = 0, deliveries = 0;
        List<String> nodes = new ArrayList<>();
        for (int i = 1; i < argv.length; i += 2) {
            String name = new String(argv[i], StandardCharsets.US_ASCII);
            byte[] v = argv[i + 1];
            switch (name) {
                case "id": id = JobId.parse(v); if (id == null) throw new AofFormatException("bad job ID"); break;
                case "queue": queue = v; break;
                case "body": body = v; break;
                case "state":
                    state = JobState.fromWireName(new String(v, StandardCharsets.US_ASCII));
                    if (state == null) throw new AofFormatException("bad job state");
                    break;
                case "repl": repl = number(v); break;
                case "ctime": ctime = number(v); break;
                case "etime": etime = number(v); break;
                case "delay": delay = number(v); break;
                case "retry": retry = number(v); break;
                case "nacks": nacks = number(v); break;
                case "additional-deliveries": deliveries = number(v); break;
                case "nodes-delivered":
                    for (String n : new String(v, StandardCharsets.US_ASCII).split(",")) {
                        if (!n.isEmpty()) nodes.add(n);
                    }
                    break;
                default:
                    break; // a field from a newer version: ignored
            }
        }
        if (id == null || queue == null || body == null || etime == 0) {
            throw new AofFormatException("LOADJOB without id, queue, body or etime");
        }
        Job j = new Job(id, names.apply(ByteString.wrap(queue)), body, state);
        j.setRepl((int) repl);
        j.setCtime(ctime);
        j.setEtime(etime);
        j.setDelay((int) delay);
        j.setRetry((int) retry);
        j.setNacks((int) nacks);
        j.setDeliveries((int) deliveries);
        Loaded l = new Loaded();
        l.job = j;
        l.nodes = nodes;
        return l;
    }

    private static long number(byte[] v) throws AofFormatException {
        try {
            return Long.parseLong(new String(v, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new AofFormatException("bad number '" + new String(v, StandardCharsets.US_ASCII) + "'");
        }
    }
}
