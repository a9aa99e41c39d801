// Every Disque error code arrives as its typed exception (a Lettuce RedisCommandExecutionException); -ERR stays plain.
package dev.disque.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.disque.client.args.AddJobArgs;
import dev.disque.client.args.GetJobArgs;
import dev.disque.client.args.PauseArgs;
import dev.disque.client.error.BadJobIdException;
import dev.disque.client.error.DisqueCommandException;
import dev.disque.client.error.LeavingException;
import dev.disque.client.error.NoReplicationException;
import dev.disque.client.error.NoSuchJobException;
import dev.disque.client.error.OutOfMemoryException;
import dev.disque.client.error.QueueFullException;
import dev.disque.client.error.QueuePausedException;
import dev.disque.client.error.TooLateException;
import io.lettuce.core.RedisCommandExecutionException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class ErrorsTest extends ClientFixture {

    @Test
    void norepl() {
        NoReplicationException e = assertThrows(NoReplicationException.class,
                () -> sync.addjob("q", "x", AddJobArgs.Builder.replicate(2)));
        assertEquals("NOREPL", e.getCode());
        assertInstanceOf(RedisCommandExecutionException.class, e);
    }

    @Test
    void maxlen() {
        sync.addjob("q", "a");
        assertThrows(QueueFullException.class, () -> sync.addjob("q", "b", AddJobArgs.Builder.maxlen(1)));
    }

    @Test
    void paused() {
        sync.pause("q", PauseArgs.in());
        assertThrows(QueuePausedException.class, () -> sync.addjob("q", "b"));
    }

    @Test
    void leavingOnBlockingGetjobWhenNoOtherNodeExists() {
        sync.clusterLeaving(true);
        LeavingException e = assertThrows(LeavingException.class, () -> sync.getjob("q"));
        assertTrue(e.getMessage().startsWith("LEAVING This node is leaving"), e.getMessage());
    }

    @Test
    void nojob() {
        assertThrows(NoSuchJobException.class, () -> sync.working("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0001"));
    }

    @Test
    void badid() {
        assertThrows(BadJobIdException.class, () -> sync.ackjob("not-a-job-id"));
        assertThrows(BadJobIdException.class, () -> sync.nack("D-bad"));
    }

    @Test
    void toolate() {
        String id = sync.addjob("q", "x", AddJobArgs.Builder.ttl(100));
        advance(Duration.ofSeconds(60));
        assertThrows(TooLateException.class, () -> sync.working(id));
    }

    @Test
    void oom() {
        sync.addjob("q", "fills the memory");
        sync.configSet("maxmemory-policy", "noeviction");
        sync.configSet("maxmemory", "1");
        OutOfMemoryException e = assertThrows(OutOfMemoryException.class, () -> sync.addjob("q", "x"));
        assertEquals("OOM", e.getCode());
    }

    @Test
    void errStaysAPlainLettuceException() {
        RedisCommandExecutionException e = assertThrows(RedisCommandExecutionException.class,
                () -> sync.configSet("no-such-parameter", "1"));
        assertEquals(RedisCommandExecutionException.class, e.getClass());
        assertTrue(e.getMessage().startsWith("ERR "), e.getMessage());
    }

    @Test
    void asyncAndReactiveSeeTheSameTypes() {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> connection.async().ackjob("bad").get());
        assertInstanceOf(BadJobIdException.class, e.getCause());
        StepVerifier.create(connection.reactive().ackjob("bad")).expectError(BadJobIdException.class).verify();
    }

    @Test
    void asyncFutureReportsItsErrorText() throws Exception {
        var f = connection.async().working("D-00000000-AAAAAAAAAAAAAAAAAAAAAAAA-0001");
        assertTrue(f.await(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(f.getError().startsWith("NOJOB"), f.getError());
    }

    @Test
    void argumentsAreCheckedBeforeSending() {
        assertThrows(IllegalArgumentException.class, () -> new AddJobArgs().replicate(0));
        assertThrows(IllegalArgumentException.class, () -> new AddJobArgs().replicate(65536));
        assertThrows(IllegalArgumentException.class, () -> new AddJobArgs().retry(-1));
        assertThrows(IllegalArgumentException.class, () -> new AddJobArgs().ttl(0));
        assertThrows(IllegalArgumentException.class, () -> new AddJobArgs().delay(-1));
        assertThrows(IllegalArgumentException.class, () -> new AddJobArgs().maxlen(0));
        assertThrows(IllegalArgumentException.class, () -> new GetJobArgs().count(0));
        assertThrows(IllegalArgumentException.class, () -> new GetJobArgs().timeout(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> sync.addjob("q", "x", new AddJobArgs().retry(0).replicate(2)));
        assertThrows(IllegalArgumentException.class, () -> sync.addjob("q", "x", new AddJobArgs().ttl(10).delay(10)));
        assertThrows(IllegalArgumentException.class, () -> sync.getjob(GetJobArgs.Builder.nohang()));
        assertThrows(IllegalArgumentException.class, () -> sync.ackjob());
        assertEquals(0L, sync.qlen("q"));
    }

    @Test
    void typedExceptionsShareABase() {
        DisqueCommandException e = assertThrows(DisqueCommandException.class, () -> sync.ackjob("x"));
        assertEquals("BADID", e.getCode());
    }
}
