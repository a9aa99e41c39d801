/*
 * OriginalAofTest: an append-only file written by the original Disque
 * brings its jobs back on this server. The records are built here byte by
 * byte in the original's storage form (see OriginalJobRecord); the server
 * loads them from disk at start, over a real socket.
 */
package dev.disque.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.DisqueServer;
import dev.disque.server.RespClient;
import dev.disque.server.cluster.Node;
import dev.disque.server.core.ManualClock;
import dev.disque.server.job.JobIdGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginalAofTest {
    private static final long NOW = 1_796_000_000_000L;
    private static final int WAIT_REPL = 0, ACTIVE = 1, QUEUED = 2, ACKED = 3;

    @TempDir
    Path dir;

    private final JobIdGenerator ids = new JobIdGenerator(Node.randomId());
    private final String peer = Node.randomId();

    /** A job serialized as the original stores it in LOADJOB. */
    private static byte[] job(String id, int state, long etime, int retry, int nacks, int deliveries, String queue,
                              String body, String... nodes) {
        byte[] q = queue.getBytes(StandardCharsets.UTF_8);
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        int length = 68 + 4 + q.length + 4 + b.length + 4 + 40 * nodes.length;
        ByteBuffer out = ByteBuffer.allocate(4 + length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(length);
        out.put(id.getBytes(StandardCharsets.US_ASCII));
        out.put((byte) (state | 0x30)); // the high nibble is the original's GC retry counter
        out.put((byte) 3);
        out.putShort((short) 2);
        out.putInt((int) etime);
        out.putLong(NOW * 1_000_000 + 7);
        out.putInt(0);
        out.putInt(retry);
        out.putShort((short) nacks);
        out.putShort((short) deliveries);
        out.putInt(q.length).put(q);
        out.putInt(b.length).put(b);
        out.putInt(nodes.length);
        for (String n : nodes) out.put(n.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    private static void command(ByteArrayOutputStream out, byte[]... args) {
        out.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (byte[] a : args) {
            out.writeBytes(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(a);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private DisqueServer start(boolean enqueueOnce) {
        return DisqueServer.builder().port(0).clock(new ManualClock(NOW)).config("dir", dir.toString())
                .config("appendonly", "yes").config("aof-enqueue-jobs-once", enqueueOnce ? "yes" : "no").build().start();
    }

    private static Map<String, Object> show(RespClient c, String id) throws Exception {
        Object r = c.call("SHOW", id);
        if (r == null) return null;
        List<?> l = (List<?>) r;
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < l.size(); i += 2) m.put((String) l.get(i), l.get(i + 1));
        return m;
    }

    private final String queued = ids.next(3600, 30).toString();
    private final String active = ids.next(3600, 0).toString();
    private final String acked = ids.next(3600, 30).toString();
    private final String expired = ids.next(60, 30).toString();
    private final String deleted = ids.next(3600, 30).toString();
    private final String waiting = ids.next(3600, 30).toString();

    private void writeOriginalFile() throws Exception {
        long etime = NOW / 1000 + 3600;
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        command(f, ascii("LOADJOB"), job(queued, QUEUED, etime, 30, 2, 5, "qa", "body 1", peer));
        command(f, ascii("LOADJOB"), job(active, ACTIVE, etime, 0, 0, 1, "qb", "body 2"));
        command(f, ascii("LOADJOB"), job(acked, ACKED, etime, 30, 0, 0, "qa", "body 3"));
        command(f, ascii("LOADJOB"), job(expired, QUEUED, NOW / 1000 - 1, 30, 0, 0, "qa", "body 4"));
        command(f, ascii("LOADJOB"), job(deleted, QUEUED, etime, 30, 0, 0, "qa", "body 5"));
        command(f, ascii("LOADJOB"), job(waiting, WAIT_REPL, etime, 30, 0, 0, "qa", "body 6"));
        command(f, ascii("DELJOB"), ascii(deleted));
        Files.write(dir.resolve("disque.aof"), f.toByteArray());
    }

    @Test
    void theOriginalsFileBringsBackTheJobsThatMayStillBeDelivered() throws Exception {
        writeOriginalFile();
        try (DisqueServer s = start(false); RespClient c = new RespClient(s.port())) {
            Map<String, Object> q = show(c, queued);
            assertEquals("qa", q.get("queue"));
            assertEquals("body 1", q.get("body"));
            assertEquals("active", q.get("state"), "queued jobs come back active, as in the original");
            assertEquals(2L, q.get("repl"));
            assertEquals(30L, q.get("retry"));
            assertEquals(2L, q.get("nacks"));
            assertEquals(5L, q.get("additional-deliveries"));
            assertEquals(3600L, q.get("ttl"));
            assertEquals(NOW * 1_000_000 + 7, q.get("ctime"));
            assertEquals(0L, c.call("QLEN", "qa"), "requeued by its retry timer, not at once");

            Map<String, Object> a = show(c, active);
            assertEquals("body 2", a.get("body"));
            assertEquals(0L, a.get("retry"));
            for (String gone : List.of(acked, expired, deleted, waiting)) assertNull(show(c, gone), gone);
        }
    }

    @Test
    void aControlledRestartQueuesTheQueuedJobsAgain() throws Exception {
        writeOriginalFile();
        try (DisqueServer s = start(true); RespClient c = new RespClient(s.port())) {
            assertEquals(1L, c.call("QLEN", "qa"));
            assertEquals("queued", show(c, queued).get("state"));
        }
    }

    @Test
    void aCorruptRecordStopsTheStartWithTheReason() throws Exception {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        byte[] blob = job(queued, QUEUED, NOW / 1000 + 3600, 30, 0, 0, "qa", "body");
        command(f, ascii("LOADJOB"), java.util.Arrays.copyOf(blob, blob.length - 3));
        Files.write(dir.resolve("disque.aof"), f.toByteArray());
        RuntimeException e = assertThrows(RuntimeException.class, () -> start(false).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) messages.append(t.getMessage()).append('\n');
        assertTrue(messages.toString().contains("corrupted LOADJOB data of the original Disque"), messages.toString());
    }
}
