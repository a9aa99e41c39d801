/*
 * FsyncThreadTest: no-appendfsync-on-rewrite as the fsync thread sees it.
 * While held, everysec never forces the file, however long it waits; a
 * requested fsync (appendfsync always, whose replies wait) still happens;
 * once released, everysec catches up.
 */
package dev.disque.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.disque.server.ServerFixture;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FsyncThreadTest {
    @TempDir
    Path tmp;

    @Test
    void everysecWaitsWhileHeldAndARequestDoesNot() throws Exception {
        AtomicLong written = new AtomicLong();
        AtomicReference<String> policy = new AtomicReference<>("everysec");
        AtomicBoolean hold = new AtomicBoolean(true);
        AtomicInteger heldLooks = new AtomicInteger();
        FsyncThread fsync = new FsyncThread(written::get, policy::get, () -> { }, () -> {
            if (hold.get()) heldLooks.incrementAndGet();
            return hold.get();
        });
        try (FileChannel ch = FileChannel.open(tmp.resolve("f.aof"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            fsync.follow(ch);
            fsync.start();
            ch.write(ByteBuffer.wrap(new byte[100]));
            written.set(100);
            long start = System.nanoTime();
            // Past everysec's one second, with the thread having looked many times: still nothing forced.
            ServerFixture.await("the fsync thread to look for over a second",
                    () -> System.nanoTime() - start > 1_500_000_000L && heldLooks.get() > 20);
            assertEquals(0, fsync.syncedSeq(), "held: no everysec fsync");

            fsync.request();
            ServerFixture.await("the requested fsync", () -> fsync.syncedSeq() == 100);

            ch.write(ByteBuffer.wrap(new byte[50]));
            written.set(150);
            hold.set(false);
            ServerFixture.await("everysec to catch up once released", () -> fsync.syncedSeq() == 150);
        } finally {
            fsync.stop();
        }
    }
}
