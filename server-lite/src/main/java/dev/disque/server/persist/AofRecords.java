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
 * server-lite/AOF.md documents the format.
 */
package dev.disque.server.persist;

import dev.disque.server.cluster.Node;
import dev.disque.server.core.ByteString;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobState;
import dev.disque.server.net.Resp;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

public final class AofRecords {
    private static final byte[] LOADJOB = bytes("LOADJOB");
    private static final byte[] DELJOB = bytes("DELJOB");

    private AofRecords() {
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void field(ByteBuf out, String name, byte[] value) {
        Resp.bulk(out, bytes(name));
        Resp.bulk(out, value);
    }

    private static void field(ByteBuf out, String name, long value) {
        field(out, name, bytes(Long.toString(value)));
    }

    public static void loadJob(ByteBuf out, Job j) {
        Resp.arrayHeader(out, 1 + 2 * 12);
        Resp.bulk(out, LOADJOB);
        field(out, "id", j.id().toBytes());
        field(out, "queue", j.queue().bytes());
        field(out, "body", j.body());
        field(out, "state", bytes(j.state().wireName()));
        field(out, "repl", j.repl());
        field(out, "ctime", j.ctime());
        field(out, "etime", j.etime());
        field(out, "delay", j.delay());
        field(out, "retry", j.retry());
        field(out, "nacks", j.nacks());
        field(out, "additional-deliveries", j.deliveries());
        StringBuilder nodes = new StringBuilder();
        for (Node n : j.nodesDelivered()) {
            if (nodes.length() > 0) nodes.append(',');
            nodes.append(n.id());
        }
        field(out, "nodes-delivered", bytes(nodes.toString()));
    }

    public static void delJob(ByteBuf out, JobId id) {
        Resp.arrayHeader(out, 2);
        Resp.bulk(out, DELJOB);
        Resp.bulk(out, id.toBytes());
    }

    /** A job as read back from a LOADJOB record; nodes are node IDs, resolved by the caller. */
    public static final class Loaded {
        public Job job;
        public List<String> nodes = new ArrayList<>();
    }

    /** Decodes the arguments of a LOADJOB record (argv[0] is "LOADJOB"). */
    public static Loaded decodeLoadJob(byte[][] argv) throws AofFormatException {
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
        Job j = new Job(id, ByteString.wrap(queue), body, state);
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
