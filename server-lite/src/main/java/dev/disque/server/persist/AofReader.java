/*
 * AofReader: walks an append-only file record by record.
 *
 * Used to load the file at start (and by DEBUG LOADAOF) and by
 * disque-server --check-aof. A file cut short in the middle of its last
 * record (a crash during a write) is reported as truncated with the offset
 * of the last whole record; any other damage is an error naming the byte
 * offset where the bad record starts.
 */
package dev.disque.server.persist;

import dev.disque.server.net.ProtocolException;
import dev.disque.server.net.RespParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

public final class AofReader {
    private static final int CHUNK = 1 << 20;

    /** Receives each whole record with the offset it starts at. */
    public interface Sink {
        void apply(byte[][] argv, long offset) throws AofFormatException;
    }

    /** What a walk found. */
    public static final class Result {
        public long size;
        public long validUpTo;
        public long records;
        public boolean truncated;
    }

    private AofReader() {
    }

    public static Result read(Path file, Sink sink) throws IOException, AofFormatException {
        Result r = new Result();
        RespParser parser = new RespParser(() -> Integer.MAX_VALUE - 16);
        ByteBuf buf = Unpooled.buffer(CHUNK);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            r.size = ch.size();
            long readTotal = 0;
            long recordStart = 0;
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            boolean eof = false;
            while (true) {
                long offset = readTotal - buf.readableBytes();
                if (!parser.midRequest()) {
                    recordStart = offset;
                    if (buf.isReadable() && buf.getByte(buf.readerIndex()) != '*') {
                        throw new AofFormatException("Bad file format reading the append only file at offset "
                                + recordStart + ": a record must start with '*'", recordStart);
                    }
                }
                byte[][] argv;
                try {
                    argv = parser.next(buf);
                } catch (ProtocolException e) {
                    throw new AofFormatException("Bad file format reading the append only file at offset "
                            + recordStart + ": " + e.getMessage(), recordStart);
                }
                if (argv != null) {
                    try {
                        sink.apply(argv, recordStart);
                    } catch (AofFormatException e) {
                        throw new AofFormatException("Bad record at offset " + recordStart + " of the append only file: "
                                + e.getMessage(), recordStart);
                    }
                    r.records++;
                    r.validUpTo = readTotal - buf.readableBytes();
                    continue;
                }
                if (eof) break;
                buf.discardReadBytes();
                chunk.clear();
                int n = ch.read(chunk);
                if (n < 0) {
                    eof = true;
                    continue;
                }
                chunk.flip();
                buf.writeBytes(chunk);
                readTotal += n;
            }
            r.truncated = buf.isReadable() || parser.midRequest();
            if (!r.truncated) r.validUpTo = readTotal;
            return r;
        } finally {
            buf.release();
        }
    }

    /** Cuts the file after its last whole record. */
    public static void truncate(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(size);
            ch.force(true);
        }
    }
}
