// QSCAN and JSCAN: single steps with options and cursors, and whole walks by iterator (sync) and Flux (reactive).
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.GetJobArgs;
import dev.disque.client.args.JScanArgs;
import dev.disque.client.args.QScanArgs;
import dev.disque.client.model.JobInfo;
import dev.disque.client.model.JobScanCursor;
import dev.disque.client.model.JobState;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScanTest extends ClientFixture {

    private Set<String> addQueues(int n) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String q = "queue-" + i;
            sync.addjob(q, "x");
            names.add(q);
        }
        return names;
    }

    @Test
    void qscanWalksWithCursorsByHand() {
        Set<String> expected = addQueues(25);
        Set<String> seen = new HashSet<>();
        KeyScanCursor<String> c = sync.qscan(QScanArgs.Builder.count(5));
        seen.addAll(c.getKeys());
        int steps = 1;
        while (!c.isFinished()) {
            c = sync.qscan(c, QScanArgs.Builder.count(5));
            seen.addAll(c.getKeys());
            steps++;
        }
        assertEquals(expected, seen);
        assertTrue(steps > 1, "expected several steps");
        assertThrows(IllegalArgumentException.class, () -> sync.qscan(ScanCursor.FINISHED));
    }

    @Test
    void qscanFiltersByLength() {
        sync.addjob("short", "1");
        for (int i = 0; i < 3; i++) sync.addjob("long", "x");
        KeyScanCursor<String> c = sync.qscan(new QScanArgs().busyloop().minlen(2));
        assertEquals(List.of("long"), c.getKeys());
        assertEquals(List.of("short"), sync.qscan(new QScanArgs().busyloop().maxlen(1).importrate(0)).getKeys());
        assertTrue(sync.qscan().isFinished());
    }

    @Test
    void qscanIteratorAndStreamSeeEveryQueue() {
        Set<String> expected = addQueues(30);
        Set<String> byIterator = new HashSet<>();
        Iterator<String> it = sync.qscanIterator(QScanArgs.Builder.count(4));
        while (it.hasNext()) byIterator.add(it.next());
        assertEquals(expected, byIterator);
        Set<String> byFlux = new HashSet<>(connection.reactive().qscanStream(QScanArgs.Builder.count(4))
                .collectList().block());
        assertEquals(expected, byFlux);
    }

    @Test
    void jscanIdsStatesAndQueues() {
        String a = sync.addjob("qa", "a");
        String b = sync.addjob("qb", "b");
        sync.getjob(GetJobArgs.Builder.nohang(), "qb");
        JobScanCursor<String, String> all = sync.jscan(JScanArgs.Builder.count(100));
        assertEquals(Set.of(a, b), new HashSet<>(all.getIds()));
        assertTrue(all.getJobs().isEmpty());
        assertEquals(List.of(a), sync.jscan(new JScanArgs().busyloop().queue("qa")).getIds());
        assertEquals(List.of(b), sync.jscan(JScanArgs.Builder.state(JobState.ACTIVE).busyloop()).getIds());
        assertEquals(List.of(a), sync.jscan(JScanArgs.Builder.state(JobState.QUEUED)).getIds());
        assertEquals(2, sync.jscan(JScanArgs.Builder.state(JobState.QUEUED, JobState.ACTIVE)).getIds().size());
        assertTrue(sync.jscan().isFinished());
    }

    @Test
    void jscanReplyAllGivesDescriptions() {
        String a = sync.addjob("qa", "body-a");
        JobScanCursor<String, String> c = sync.jscan(JScanArgs.Builder.replyAll());
        assertEquals(1, c.getJobs().size());
        JobInfo<String, String> info = c.getJobs().get(0);
        assertEquals(a, info.id());
        assertEquals("qa", info.queue());
        assertEquals("body-a", info.body());
        assertEquals(JobState.QUEUED, info.state());
        assertEquals(List.of(a), c.getIds());
    }

    @Test
    void jscanIteratorAndStreamSeeEveryJob() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 40; i++) ids.add(sync.addjob("q" + (i % 3), "x" + i));
        List<String> byIterator = new ArrayList<>();
        sync.jscanIterator(JScanArgs.Builder.count(7)).forEachRemaining(byIterator::add);
        assertEquals(ids, new HashSet<>(byIterator));
        assertEquals(ids.size(), byIterator.size());
        List<String> byFlux = connection.reactive().jscanStream(JScanArgs.Builder.count(7)).collectList().block();
        assertEquals(ids, new HashSet<>(byFlux));
        Iterator<String> none = sync.jscanIterator(new JScanArgs().queue("nothing"));
        assertFalse(none.hasNext());
    }

    @Test
    void asyncScanSteps() throws Exception {
        addQueues(3);
        KeyScanCursor<String> c = connection.async().qscan(ScanCursor.INITIAL, new QScanArgs().busyloop()).get();
        assertEquals(3, c.getKeys().size());
        assertTrue(c.isFinished());
        assertEquals(3, connection.async().jscan(ScanCursor.INITIAL).get().getIds().size());
    }
}
