/*
 * LettuceShapesTest: the API has the shapes Lettuce users reach for:
 * Durations wherever ADDJOB takes seconds (rounded up, so that half a
 * second of RETRY never turns into at-most-once), a PauseArgs.Builder like
 * the other args, and scan iterators and streams without arguments.
 */
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.PauseArgs;
import dev.disque.client.model.JobInfo;
import dev.disque.client.model.JobState;
import dev.disque.client.model.PauseState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LettuceShapesTest extends ClientFixture {
    @Test
    void addjobTakesDurations() {
        String id = sync.addjob("q", "body", new AddJobArgs().delay(Duration.ofSeconds(5))
                .retry(Duration.ofMinutes(2)).ttl(Duration.ofHours(1)));
        JobInfo<String, String> info = sync.show(id);
        assertEquals(JobState.ACTIVE, info.state());
        assertEquals(5, info.delay());
        assertEquals(120, info.retry());
        assertEquals(3600, info.ttl());
        String viaBuilder = sync.addjob("q", "b", AddJobArgs.Builder.ttl(Duration.ofMinutes(10)));
        assertEquals(600, sync.show(viaBuilder).ttl());
        assertEquals(60, sync.show(sync.addjob("q", "r", AddJobArgs.Builder.retry(Duration.ofSeconds(60)))).retry());
        assertEquals(3, sync.show(sync.addjob("q", "d", AddJobArgs.Builder.delay(Duration.ofSeconds(3)))).delay());
    }

    @Test
    void partsOfASecondRoundUp() {
        String id = sync.addjob("q", "body", new AddJobArgs().retry(Duration.ofMillis(500))
                .ttl(Duration.ofMillis(1500)).delay(Duration.ofMillis(1)));
        JobInfo<String, String> info = sync.show(id);
        assertEquals(1, info.retry()); // not 0, which would mean at-most-once
        assertEquals(2, info.ttl());
        assertEquals(1, info.delay());
        assertEquals(0, sync.show(sync.addjob("q", "once", new AddJobArgs().replicate(1)
                .retry(Duration.ZERO))).retry());
        assertThrows(IllegalArgumentException.class, () -> new AddJobArgs().delay(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> new AddJobArgs().ttl(Duration.ZERO));
    }

    @Test
    void pauseArgsHaveABuilderLikeTheirSiblings() {
        assertEquals(PauseState.IN, sync.pause("q", PauseArgs.Builder.in()));
        assertEquals(PauseState.IN, sync.pause("q", PauseArgs.Builder.state()));
        assertEquals(PauseState.ALL, sync.pause("q", PauseArgs.Builder.all()));
        assertEquals(PauseState.NONE, sync.pause("q", PauseArgs.Builder.none()));
        assertEquals(PauseState.OUT, sync.pause("q", PauseArgs.Builder.out()));
    }

    @Test
    void scanIteratorsAndStreamsWithoutArguments() {
        Set<String> queues = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) ids.add(sync.addjob("q" + i, "b", AddJobArgs.Builder.ttl(Duration.ofMinutes(1))));
        for (int i = 0; i < 25; i++) queues.add("q" + i);
        Set<String> seen = new TreeSet<>();
        Iterator<String> it = sync.qscanIterator();
        it.forEachRemaining(seen::add);
        assertEquals(queues, seen);
        Set<String> jobs = new TreeSet<>();
        sync.jscanIterator().forEachRemaining(jobs::add);
        assertEquals(new TreeSet<>(ids), jobs);
        assertEquals(queues, new TreeSet<>(connection.reactive().qscanStream().collectList().block(Duration.ofSeconds(10))));
        assertEquals(new TreeSet<>(ids), new TreeSet<>(connection.reactive().jscanStream().collectList()
                .block(Duration.ofSeconds(10))));
    }
}
