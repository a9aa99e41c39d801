/*
 * AofLoaderTest: the loader replays a file through its narrow Target alone,
 * with no engine: jobs that may still be delivered are handed back with
 * the holders the file named (and one instance of their queue's name),
 * acked and expired ones are left out, DELJOB forgets, and only a
 * controlled restart requeues queued jobs at once.
 */
package dev.disque.server.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.server.cluster.Node;
import dev.disque.server.cluster.NodeSet;
import dev.disque.server.config.ServerConfig;
import dev.disque.server.core.ByteString;
import dev.disque.server.core.ManualClock;
import dev.disque.server.job.Job;
import dev.disque.server.job.JobId;
import dev.disque.server.job.JobIdGenerator;
import dev.disque.server.job.JobState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AofLoaderTest {
    private static final long NOW = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private final Node peer = new Node(Node.randomId(), "127.0.0.1", 7712);
    private final JobIdGenerator ids = new JobIdGenerator(Node.randomId());

    private record Restored(JobId id, NodeSet holders, boolean requeueNow) {
    }

    /** Records what the loader asks for, as the engine's job verbs would receive it. */
    private final class FakeTarget implements AofLoader.Target {
        final Map<JobId, Job> jobs = new HashMap<>();
        final List<Restored> restored = new ArrayList<>();
        final List<JobId> deleted = new ArrayList<>();
        final Map<ByteString, ByteString> names = new HashMap<>();

        @Override
        public boolean restore(Job job, NodeSet holders, boolean requeueNow, long now) {
            assertEquals(NOW, now);
            restored.add(new Restored(job.id(), holders, requeueNow));
            return jobs.putIfAbsent(job.id(), job) == null;
        }

        @Override
        public void delete(JobId id) {
            deleted.add(id);
            jobs.remove(id);
        }

        @Override
        public Node lookupNode(String id) {
            return id.equals(peer.id()) ? peer : null;
        }

        @Override
        public ByteString sharedName(ByteString name) {
            return names.computeIfAbsent(name, n -> n);
        }

        @Override
        public int size() {
            return jobs.size();
        }
    }

    private Job job(JobState state, long etimeSeconds) {
        Job j = new Job(ids.next(3600, 60), ByteString.of("q"), "body".getBytes(java.nio.charset.StandardCharsets.UTF_8), state);
        j.setCtime((NOW - 1000) * 1_000_000L);
        j.setEtime(etimeSeconds);
        j.setRetry(60);
        j.setNodesDelivered(NodeSet.of(peer, new Node(Node.randomId(), "127.0.0.1", 7713)));
        return j;
    }

    private Path write(Job... jobs) throws Exception {
        RecordBuffer r = new RecordBuffer();
        Path file = dir.resolve("disque.aof");
        for (Job j : jobs) {
            r.reset();
            AofRecords.loadJob(r, j);
            Files.write(file, java.util.Arrays.copyOf(r.array(), r.length()),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return file;
    }

    private void delete(Path file, JobId id) throws Exception {
        RecordBuffer r = new RecordBuffer();
        AofRecords.delJob(r, id);
        Files.write(file, java.util.Arrays.copyOf(r.array(), r.length()), StandardOpenOption.APPEND);
    }

    @Test
    void replaysLiveJobsAndDeletionsThroughTheTarget() throws Exception {
        long later = NOW / 1000 + 3600;
        Job active = job(JobState.ACTIVE, later);
        Job queued = job(JobState.QUEUED, later);
        Job acked = job(JobState.ACKED, later);
        Job expired = job(JobState.ACTIVE, NOW / 1000 - 1);
        Job gone = job(JobState.ACTIVE, later);
        Path file = write(active, queued, acked, expired, gone);
        delete(file, gone.id());

        FakeTarget target = new FakeTarget();
        AofLoader loader = new AofLoader(new ServerConfig(), new ManualClock(NOW), target);
        AofReader.Result r = loader.load(file, false);

        assertEquals(6, r.records);
        assertFalse(r.truncated);
        assertEquals(List.of(active.id(), queued.id(), gone.id()),
                target.restored.stream().map(Restored::id).toList());
        // Only the nodes this node knows are kept as holders.
        for (Restored x : target.restored) {
            assertEquals(1, x.holders().size());
            assertTrue(x.holders().contains(peer));
            assertFalse(x.requeueNow());
        }
        assertEquals(List.of(gone.id()), target.deleted);
        assertEquals(2, target.size());
        // Jobs of one queue share one name, not a copy each from its record.
        assertSame(target.jobs.get(active.id()).queue(), target.jobs.get(queued.id()).queue());
    }

    @Test
    void aControlledRestartRequeuesQueuedJobsAtOnce() throws Exception {
        long later = NOW / 1000 + 3600;
        Job active = job(JobState.ACTIVE, later);
        Job queued = job(JobState.QUEUED, later);
        Path file = write(active, queued);

        FakeTarget target = new FakeTarget();
        new AofLoader(new ServerConfig(), new ManualClock(NOW), target).load(file, true);

        assertEquals(List.of(false, true), target.restored.stream().map(Restored::requeueNow).toList());
    }
}
