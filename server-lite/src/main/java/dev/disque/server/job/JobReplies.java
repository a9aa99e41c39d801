/*
 * JobReplies: how jobs look on the wire.
 *
 * GETJOB, QPEEK and blocked clients return a job as [queue, id, body]
 * (plus the nacks / additional-deliveries pairs with WITHCOUNTERS); SHOW and
 * JSCAN REPLY ALL return the full key/value description. One place, so every
 * command renders jobs identically.
 */
package dev.disque.server.job;

import dev.disque.server.cluster.Node;
import dev.disque.server.cluster.NodeSet;
import dev.disque.server.net.Resp;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

public final class JobReplies {
    private static final byte[] NACKS = "nacks".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DELIVERIES = "additional-deliveries".getBytes(StandardCharsets.US_ASCII);

    private JobReplies() {
    }

    public static void job(ByteBuf out, Job j, boolean withCounters) {
        Resp.arrayHeader(out, withCounters ? 7 : 3);
        Resp.bulk(out, j.queue().bytes());
        out.writeBytes(BULK_ID_HEADER);
        j.id().writeTo(out);
        out.writeByte('\r').writeByte('\n');
        Resp.bulk(out, j.body());
        if (withCounters) {
            Resp.bulk(out, NACKS);
            Resp.integer(out, j.nacks());
            Resp.bulk(out, DELIVERIES);
            Resp.integer(out, j.deliveries());
        }
    }

    /** A GETJOB reply: the jobs as an array, the buffer grown once for all of them. */
    public static void jobs(ByteBuf out, java.util.List<Job> jobs, boolean withCounters) {
        out.ensureWritable(sizeOf(jobs, withCounters));
        Resp.arrayHeader(out, jobs.size());
        for (Job job : jobs) job(out, job, withCounters);
    }

    /**
     * An upper bound of the bytes job() writes for these jobs, so a reply of many jobs
     * grows its buffer once instead of doubling (and copying) it step by step.
     */
    public static int sizeOf(java.util.List<Job> jobs, boolean withCounters) {
        // Per job: array header, three bulk headers and CRLFs (length fields up to 10 digits), the ID.
        long n = 16;
        for (Job j : jobs) {
            n += 4 + 3 * 15 + JobId.LENGTH + j.queue().length() + (j.body() == null ? 0 : j.body().length);
            if (withCounters) n += 2 * 15 + 5 + 21 + 2 * 22;
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    private static final byte[] BULK_ID_HEADER = ("$" + JobId.LENGTH + "\r\n").getBytes(StandardCharsets.US_ASCII);

    /** The job ID as a status reply, the way ADDJOB and JSCAN answer. */
    public static void idStatus(ByteBuf out, JobId id) {
        out.writeByte('+');
        id.writeTo(out);
        out.writeByte('\r').writeByte('\n');
    }

    /** The SHOW description: 15 key/value pairs. */
    public static void info(ByteBuf out, Job j, long nowMillis) {
        Resp.arrayHeader(out, 30);
        Resp.bulk(out, "id");
        Resp.bulk(out, j.id().toBytes());
        Resp.bulk(out, "queue");
        Resp.bulk(out, j.queue() == null ? null : j.queue().bytes());
        Resp.bulk(out, "state");
        Resp.bulk(out, j.state().wireName());
        Resp.bulk(out, "repl");
        Resp.integer(out, j.repl());
        Resp.bulk(out, "ttl");
        Resp.integer(out, Math.max(0, j.etime() - nowMillis / 1000));
        Resp.bulk(out, "ctime");
        Resp.integer(out, j.ctime());
        Resp.bulk(out, "delay");
        Resp.integer(out, j.delay());
        Resp.bulk(out, "retry");
        Resp.integer(out, j.retry());
        Resp.bulk(out, "nacks");
        Resp.integer(out, j.nacks());
        Resp.bulk(out, "additional-deliveries");
        Resp.integer(out, j.deliveries());
        Resp.bulk(out, "nodes-delivered");
        nodes(out, j.nodesDelivered());
        Resp.bulk(out, "nodes-confirmed");
        nodes(out, j.nodesConfirmed());
        Resp.bulk(out, "next-requeue-within");
        if (j.qtime() == 0) Resp.nullBulk(out);
        else Resp.integer(out, Math.max(0, j.qtime() - nowMillis));
        Resp.bulk(out, "next-awake-within");
        if (j.awakeme() == 0) Resp.nullBulk(out);
        else Resp.integer(out, Math.max(0, j.awakeme() - nowMillis));
        Resp.bulk(out, "body");
        Resp.bulk(out, j.body());
    }

    private static void nodes(ByteBuf out, NodeSet set) {
        if (set == null) {
            Resp.arrayHeader(out, 0);
            return;
        }
        Resp.arrayHeader(out, set.size());
        for (Node n : set) Resp.bulk(out, n.id());
    }
}
