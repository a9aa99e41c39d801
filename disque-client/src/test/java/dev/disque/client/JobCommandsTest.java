// The job and queue commands through the sync API, with their typed results.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.args.PauseArgs;
import dev.disque.client.model.Job;
import dev.disque.client.model.JobInfo;
import dev.disque.client.model.JobState;
import dev.disque.client.model.PauseState;
import dev.disque.client.model.QueueStat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobCommandsTest extends ClientFixture {

    @Test
    void addjobWithOptionsShowsThemInShow() {
        String id = sync.addjob("q", "body", new AddJobArgs().replicate(1).retry(30).ttl(600).maxlen(10)
                .timeout(Duration.ofSeconds(2)).async());
        JobInfo<String, String> info = sync.show(id);
        assertEquals(id, info.id());
        assertEquals("q", info.queue());
        assertEquals(JobState.QUEUED, info.state());
        assertEquals(1, info.replicate());
        assertEquals(30, info.retry());
        assertEquals(600, info.ttl());
        assertEquals(0, info.nacks());
        assertEquals("body", info.body());
        assertEquals(List.of(server.nodeId()), info.nodesDelivered());
        assertNotNull(info.nextRequeueWithin());
    }

    @Test
    void delayedJobIsActiveUntilItsDelay() {
        String id = sync.addjob("q", "later", AddJobArgs.Builder.delay(5));
        assertEquals(JobState.ACTIVE, sync.show(id).state());
        assertEquals(0L, sync.qlen("q"));
        advance(Duration.ofSeconds(6));
        assertEquals(1L, sync.qlen("q"));
    }

    @Test
    void showOfAnUnknownJobIsNull() {
        assertNull(sync.show("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0001"));
    }

    @Test
    void getjobWithCountAndCounters() {
        String a = sync.addjob("q1", "a");
        String b = sync.addjob("q2", "b");
        sync.addjob("q2", "c");
        List<Job<String, String>> jobs = sync.getjob(new GetJobArgs().nohang().count(2).withCounters(), "q1", "q2");
        assertEquals(2, jobs.size());
        assertEquals(new Job<>("q1", a, "a", 0, 0), jobs.get(0));
        assertEquals(new Job<>("q2", b, "b", 0, 0), jobs.get(1));
        assertTrue(jobs.get(0).hasCounters());
        assertEquals(server.nodeId().substring(0, 8), jobs.get(0).nodePrefix());
    }

    @Test
    void getjobNohangOnEmptyQueuesIsAnEmptyList() {
        assertEquals(List.of(), sync.getjob(GetJobArgs.Builder.nohang(), "empty"));
    }

    @Test
    void nackCountsAndRequeues() {
        String id = sync.addjob("q", "x");
        assertEquals(1, sync.getjob(GetJobArgs.Builder.nohang(), "q").size());
        assertEquals(1L, sync.nack(id));
        Job<String, String> again = sync.getjob(new GetJobArgs().nohang().withCounters(), "q").get(0);
        assertEquals(1, again.nacks());
        assertEquals(0, again.additionalDeliveries());
    }

    @Test
    void enqueueDequeueAndDeljob() {
        String id = sync.addjob("q", "x");
        assertEquals(1L, sync.dequeue(id));
        assertEquals(0L, sync.qlen("q"));
        assertEquals(0L, sync.dequeue(id));
        assertEquals(1L, sync.enqueue(id));
        assertEquals(1L, sync.qlen("q"));
        assertEquals(1L, sync.deljob(id));
        assertNull(sync.show(id));
    }

    @Test
    void ackjobAndFastack() {
        String a = sync.addjob("q", "a");
        String b = sync.addjob("q", "b");
        assertEquals(1L, sync.ackjob(a));
        assertEquals(1L, sync.fastack(b));
        assertEquals(0L, sync.qlen("q"));
    }

    @Test
    void workingPostponesByTheRetryTime() {
        String id = sync.addjob("q", "x", AddJobArgs.Builder.retry(45));
        sync.getjob(GetJobArgs.Builder.nohang(), "q");
        assertEquals(45L, sync.working(id));
    }

    @Test
    void qpeekOldestAndNewest() {
        String a = sync.addjob("q", "a");
        sync.addjob("q", "b");
        String c = sync.addjob("q", "c");
        assertEquals(a, sync.qpeek("q", 1).get(0).id());
        assertEquals(c, sync.qpeek("q", -1).get(0).id());
        assertEquals(3, sync.qpeek("q", 10).size());
        assertEquals(3L, sync.qlen("q"));
    }

    @Test
    void qstatOfAQueueAndOfNone() {
        sync.addjob("q", "a");
        sync.addjob("q", "b");
        sync.getjob(GetJobArgs.Builder.nohang(), "q");
        QueueStat<String> st = sync.qstat("q");
        assertEquals("q", st.name());
        assertEquals(1, st.len());
        assertEquals(2, st.jobsIn());
        assertEquals(1, st.jobsOut());
        assertEquals(0, st.blocked());
        assertEquals(PauseState.NONE, st.pause());
        assertEquals(List.of(), st.importFrom());
        assertNull(sync.qstat("no-such-queue"));
    }

    @Test
    void pauseChangesAndReportsTheState() {
        assertEquals(PauseState.IN, sync.pause("q", PauseArgs.in()));
        assertEquals(PauseState.IN, sync.pause("q", PauseArgs.state()));
        assertEquals(PauseState.ALL, sync.pause("q", PauseArgs.all().bcast()));
        assertEquals(PauseState.ALL, sync.qstat("q").pause());
        assertEquals(PauseState.OUT, sync.pause("q", PauseArgs.out()));
        assertEquals(PauseState.NONE, sync.pause("q", PauseArgs.none()));
    }
}
