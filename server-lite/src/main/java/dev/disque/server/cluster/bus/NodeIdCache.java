/*
 * NodeIdCache: the node IDs one link saw lately, so that the same 40 bytes
 * become the same String again, and the same String the same 40 bytes.
 *
 * Every frame names its sender, and every job copy names its holders, so a
 * link decodes and encodes the same few node IDs over and over. Building,
 * validating and hashing a fresh 40-character string for each took a
 * seventh of a replica's time at REPLICATE 3; a cached one is compared as
 * five longs, and its hash code, cached in the string, makes the node
 * lookup that follows cheap. Writing one char at a time cost the sending
 * node a few percent at REPLICATE 3 too (eight IDs per replicated job);
 * a cached one is written as five longs. A link's decoder owns one cache
 * and the link another for what it sends, both used by the loop's thread.
 */
package dev.disque.server.cluster.bus;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

final class NodeIdCache {
    static final int ID_BYTES = 40;
    private static final int WORDS = ID_BYTES / 8;
    private static final int SIZE = 8;

    private final long[][] keys = new long[SIZE][];
    private final String[] ids = new String[SIZE];
    private int next;

    /** The cached ID equal to the 40 bytes at the reader index (not consumed), or null. */
    String find(ByteBuf in) {
        int at = in.readerIndex();
        for (int i = 0; i < SIZE; i++) {
            long[] k = keys[i];
            if (k != null && matches(in, at, k)) return ids[i];
        }
        return null;
    }

    /** Writes a valid ID; an ID string seen before (the same instance) is written from its words. */
    void write(ByteBuf out, String id) {
        for (int i = 0; i < SIZE; i++) {
            if (ids[i] == id) {
                long[] k = keys[i];
                for (int w = 0; w < WORDS; w++) out.writeLong(k[w]);
                return;
            }
        }
        remember(id);
        out.writeCharSequence(id, StandardCharsets.US_ASCII);
    }

    /** Remembers a valid ID, in place of the oldest one. */
    void remember(String id) {
        byte[] b = id.getBytes(StandardCharsets.US_ASCII);
        long[] k = new long[WORDS];
        for (int w = 0; w < WORDS; w++) {
            long v = 0;
            for (int j = 0; j < 8; j++) v = (v << 8) | (b[w * 8 + j] & 0xff);
            k[w] = v;
        }
        keys[next] = k;
        ids[next] = id;
        next = (next + 1) % SIZE;
    }

    private static boolean matches(ByteBuf in, int at, long[] k) {
        for (int w = 0; w < WORDS; w++) {
            if (in.getLong(at + w * 8) != k[w]) return false;
        }
        return true;
    }
}
