// Smoke: connect to one embedded node, add a job, fetch it, acknowledge it.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.GetJobArgs;
import dev.disque.client.model.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest extends ClientFixture {

    @Test
    void addGetAck() {
        String id = sync.addjob("q", "hello");
        assertTrue(id.startsWith("D-"), id);
        List<Job<String, String>> jobs = sync.getjob(GetJobArgs.Builder.nohang(), "q");
        assertEquals(1, jobs.size());
        assertEquals(new Job<>("q", id, "hello"), jobs.get(0));
        assertEquals(1L, sync.ackjob(id));
        assertEquals(0L, sync.qlen("q"));
    }
}
